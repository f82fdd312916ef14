using CouncilPlan.Web.Plans;

namespace CouncilPlan.Web.Pages.Programmes;

public sealed class IndexModel(CurrentPlan currentPlan) : PlanPageModel(currentPlan);
