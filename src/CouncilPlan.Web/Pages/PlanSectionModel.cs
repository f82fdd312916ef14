using CouncilPlan.Core.Plans;

namespace CouncilPlan.Web.Pages;

/// <summary>What the shared ambition, theme and programme page body needs.</summary>
public sealed record PlanSectionModel(PlanView Plan, PlanElement Element, string Caption);
