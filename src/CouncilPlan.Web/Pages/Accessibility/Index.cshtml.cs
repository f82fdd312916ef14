using CouncilPlan.Web.Plans;

namespace CouncilPlan.Web.Pages.Accessibility;

public sealed class IndexModel(CurrentPlan currentPlan) : PlanPageModel(currentPlan);
