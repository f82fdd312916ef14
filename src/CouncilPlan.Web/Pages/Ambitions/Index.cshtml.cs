using CouncilPlan.Web.Plans;

namespace CouncilPlan.Web.Pages.Ambitions;

public sealed class IndexModel(CurrentPlan currentPlan) : PlanPageModel(currentPlan);
