using CouncilPlan.Core.Plans;
using CouncilPlan.Web.PublicData;

namespace CouncilPlan.Web.Pages.Programmes;

public sealed class ShowModel(PublicDataCache cache) : PlanSectionPageModel(cache, ElementKind.Programme);
