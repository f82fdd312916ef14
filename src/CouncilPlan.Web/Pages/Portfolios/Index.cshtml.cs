using CouncilPlan.Web.Plans;

namespace CouncilPlan.Web.Pages.Portfolios;

public sealed class IndexModel(CurrentPlan currentPlan) : PlanPageModel(currentPlan);
