using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Plans;

namespace CouncilPlan.Web.Pages;

/// <summary>What the shared ambition, theme and programme page body needs.</summary>
public sealed record PlanSectionModel(PlanView Plan, PlanElement Element, string Caption, IReadOnlyDictionary<int, IReadOnlyList<PublicMeasure>> Evidence, IReadOnlyDictionary<int, Core.Updates.CommitmentUpdate> Statuses, IReadOnlyList<Core.Resources.ResourceLine>? Resources = null)
{
    /// <summary>Published capital lines by the scheme they are for.</summary>
    public IReadOnlyDictionary<int, Core.Resources.ResourceLine> Money => (Resources ?? []).Where(l => l.ElementId is not null && l.Kind == Core.Resources.ResourceKind.Capital).GroupBy(l => l.ElementId!.Value).ToDictionary(g => g.Key, g => g.First());

    public IReadOnlyList<PublicMeasure> MeasuresFor(PlanElement element) => Evidence.GetValueOrDefault(element.Id) ?? [];

    /// <summary>Every measure in this part of the plan, once each.</summary>
    public IReadOnlyList<PublicMeasure> AllMeasures => Evidence.Values.SelectMany(m => m).DistinctBy(m => m.Measure.Code).OrderBy(m => m.Measure.Code, StringComparer.Ordinal).ToList();
}
