using CouncilPlan.Core.Plans;
using CouncilPlan.Web.PublicData;

namespace CouncilPlan.Web.Pages.Ambitions;

public sealed class ShowModel(PublicDataCache cache) : PlanSectionPageModel(cache, ElementKind.Ambition);
