using CouncilPlan.Core.Plans;
using CouncilPlan.Web.Plans;

namespace CouncilPlan.Web.Pages.Themes;

public sealed class ShowModel(CurrentPlan currentPlan) : PlanSectionPageModel(currentPlan, ElementKind.Theme);
