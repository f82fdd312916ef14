using CouncilPlan.Core.Plans;

namespace CouncilPlan.Core.Measures;

/// <summary>Where a statement of what the plan will change stands for evidence.</summary>
public enum EvidenceState
{
    /// <summary>At least one of its measures has a published figure.</summary>
    Published,

    /// <summary>Its measures have no figures yet and at least one is the council's own to publish.</summary>
    AwaitingCouncil,

    /// <summary>Its measures are official statistics whose figures have not been loaded or published yet.</summary>
    AwaitingPublisher,

    /// <summary>No measure evidences it: progress is only in the council's commentary.</summary>
    NoMeasure,
}

/// <summary>One impact statement with the measures that evidence it and where that leaves it.</summary>
public sealed record StatementEvidence(PlanElement Statement, PlanElement? Section, IReadOnlyList<PublicMeasure> Measures, EvidenceState State);

/// <summary>
/// How much of the plan's "we will know it is working when we see" statements the published figures
/// can speak to. One rule for the evidence page, each section's page and the API, so that the count
/// a resident reads is the count an analyst gets.
/// </summary>
public static class EvidenceCoverage
{
    /// <summary>A statement is evidenced by a measure only once that measure has a published figure.</summary>
    public static EvidenceState StateOf(IReadOnlyList<PublicMeasure> measures)
    {
        if (measures.Count == 0)
        {
            return EvidenceState.NoMeasure;
        }

        if (measures.Any(m => m.Assessment.Latest is not null))
        {
            return EvidenceState.Published;
        }

        // A measure with no source is the council's own figure (MeasureWords.Summary says the same).
        return measures.Any(m => m.Measure.SourceId is null) ? EvidenceState.AwaitingCouncil : EvidenceState.AwaitingPublisher;
    }

    /// <summary>Every impact statement in plan order, with its measures (from the assessed catalogue) and state.</summary>
    public static IReadOnlyList<StatementEvidence> For(PlanView plan, IReadOnlyList<PublicMeasure> assessed)
    {
        var statements = plan.Elements.Where(e => e.Kind == ElementKind.ImpactStatement).ToList();
        var sections = statements.Select(PlanView.Owner).Where(s => s is not null).Cast<PlanElement>().Distinct().ToList();
        var order = plan.All(ElementKind.Ambition).Concat(plan.All(ElementKind.Theme)).Concat(plan.All(ElementKind.Programme))
            .Concat(sections).Distinct().Select((s, i) => (s.Id, i)).ToDictionary(p => p.Id, p => p.i);
        return statements
            .OrderBy(s => PlanView.Owner(s) is { } owner ? order.GetValueOrDefault(owner.Id, int.MaxValue) : int.MaxValue)
            .ThenBy(PlanOrder, StringComparer.Ordinal)
            .Select(s =>
            {
                var measures = assessed.Where(m => m.Measure.Evidence.Any(e => e.ElementId == s.Id)).ToList();
                return new StatementEvidence(s, PlanView.Owner(s), measures, StateOf(measures));
            })
            .ToList();
    }

    /// <summary>The plan file's order: each element's position under its parent, from the top down.</summary>
    private static string PlanOrder(PlanElement element)
    {
        var positions = new List<string>();
        for (var current = element; current is not null; current = current.Parent)
        {
            positions.Insert(0, current.Position.ToString("D6", System.Globalization.CultureInfo.InvariantCulture));
        }

        return string.Join('.', positions);
    }
}
