using CouncilPlan.Core.Plans;
using CouncilPlan.Web.Plans;

namespace CouncilPlan.Web.Pages.Programmes;

public sealed class ShowModel(CurrentPlan currentPlan) : PlanSectionPageModel(currentPlan, ElementKind.Programme);
