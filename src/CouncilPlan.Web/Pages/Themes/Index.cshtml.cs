using CouncilPlan.Web.Plans;

namespace CouncilPlan.Web.Pages.Themes;

public sealed class IndexModel(CurrentPlan currentPlan) : PlanPageModel(currentPlan);
