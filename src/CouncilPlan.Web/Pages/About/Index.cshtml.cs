using CouncilPlan.Web.Plans;

namespace CouncilPlan.Web.Pages.About;

public sealed class IndexModel(CurrentPlan currentPlan) : PlanPageModel(currentPlan);
