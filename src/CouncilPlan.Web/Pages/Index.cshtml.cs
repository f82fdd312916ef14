using CouncilPlan.Web.Plans;

namespace CouncilPlan.Web.Pages;

public sealed class IndexModel(CurrentPlan currentPlan) : PlanPageModel(currentPlan);
