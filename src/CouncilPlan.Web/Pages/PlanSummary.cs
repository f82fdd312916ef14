using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Statistics;
using CouncilPlan.Core.Updates;

namespace CouncilPlan.Web.Pages;

/// <summary>
/// The honest summary of the whole plan or one part of it: every measure counted once, under its
/// headline judgement, each count linking to the measures it is made of; RAG only for measures whose
/// figures are up to date; commitments by their latest published status.
/// </summary>
/// <param name="Part">The ambition, theme or programme summarised, or null for the whole plan.</param>
public sealed record PlanSummary(IReadOnlyList<PublicMeasure> Measures, IReadOnlyList<PlanElement> Commitments, IReadOnlyDictionary<int, CommitmentUpdate> Statuses, PlanElement? Part = null, PlanWords? Words = null)
{
    public IReadOnlyList<PublicMeasure> With(Headline headline) => Measures.Where(m => HeadlineJudgement.Of(m.Assessment) == headline).ToList();

    /// <summary>
    /// Performance measures that can fairly be rated against a target now: an out-of-date figure is
    /// not rated in a count, so an old red cannot linger in the summary and an old green cannot reassure.
    /// </summary>
    public IReadOnlyList<PublicMeasure> Current => Measures.Where(m => m.Measure.Kind == MeasureKind.Performance && !m.Assessment.AwaitingData && !m.Assessment.OutOfDate).ToList();

    public int Rated(Rag rag) => Current.Count(m => m.Assessment.Rag == rag);

    /// <summary>Context indicators, whatever their figures: tracked, never rated.</summary>
    public int Context => Measures.Count(m => m.Measure.Kind == MeasureKind.Context);

    public int CountOf(CommitmentStatus status) => Commitments.Count(c => StatusOf(c) == status);

    public CommitmentStatus StatusOf(PlanElement commitment) => Statuses.GetValueOrDefault(commitment.Id)?.Status ?? CommitmentStatus.NotYetReported;

    /// <summary>The list of the measures counted under a headline, here: /measures?headline=...&amp;part=...</summary>
    public string Link(Headline headline) => MeasureLists.Link(headline, Part);
}

/// <summary>The addresses and words of the filtered lists on the measures page.</summary>
public static class MeasureLists
{
    public static string Link(Headline? headline, PlanElement? part)
    {
        var query = new List<string>();
        if (headline is { } h)
        {
            query.Add("headline=" + HeadlineJudgement.Slug(h));
        }

        if (part is not null)
        {
            query.Add("part=" + Uri.EscapeDataString(part.Key));
        }

        return query.Count == 0 ? "/measures" : "/measures?" + string.Join("&", query);
    }

    /// <summary>The headline named by a slug in an address, if there is one by that name.</summary>
    public static Headline? Parse(string slug) =>
        Enum.GetValues<Headline>().Cast<Headline?>().FirstOrDefault(h => HeadlineJudgement.Slug(h!.Value) == slug);

    /// <summary>What a headline means, in a resident's words, after its name.</summary>
    public static string Meaning(Headline headline) => headline switch
    {
        Headline.ImprovingSignificantly => "better than a year earlier (or than the period before, where the figure a year earlier cannot be compared), by more than chance would explain",
        Headline.WorseningSignificantly => "worse than a year earlier (or than the period before), by more than chance would explain",
        Headline.NoSignificantChange => "a change small enough to be chance, or no change at all",
        Headline.NotTested => "the change could not be tested: the figures have no confidence interval, the periods overlap or a series break lies between them, there is only one figure, or neither direction is better for the measure",
        Headline.OutOfDate => "a newer figure was due and has not been published, or the series has stopped; these are not judged",
        _ => "no figures have been published yet",
    };

    /// <summary>"3 measures", "1 measure".</summary>
    public static string Measures(int count) => count == 1 ? "1 measure" : $"{count} measures";

    /// <summary>"2 commitments or schemes", "1 action": in the plan's words, naming schemes only where it has them.</summary>
    public static string Commitments(int count, PlanWords? words = null, bool schemes = false)
    {
        var kind = words ?? PlanWords.Default;
        var one = kind.Name(ElementKind.Commitment) + (schemes ? " or scheme" : "");
        var many = kind.Name(ElementKind.Commitment, plural: true) + (schemes ? " or schemes" : "");
        return count == 1 ? $"1 {one}" : $"{count} {many}";
    }
}
