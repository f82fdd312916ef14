using CouncilPlan.Core.Plans;
using CouncilPlan.Web.PublicData;

namespace CouncilPlan.Web.Pages.Themes;

public sealed class ShowModel(PublicDataCache cache) : PlanSectionPageModel(cache, ElementKind.Theme);
