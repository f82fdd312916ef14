using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Updates;

namespace CouncilPlan.Web.Pages;

/// <summary>Commitments to list, with their latest published statuses.</summary>
public sealed record CommitmentList(IReadOnlyList<PlanElement> Items, IReadOnlyDictionary<int, CommitmentUpdate> Statuses, IReadOnlyDictionary<int, Core.Resources.ResourceLine>? Money = null, PlanWords? Words = null);
