using System.Globalization;
using CouncilPlan.Core.Statistics;
using CouncilPlan.Core.Statistics.Spc;

namespace CouncilPlan.Core.Measures;

/// <summary>
/// The judgements in plain English, for the portal, reports and screen readers: every status is
/// said in words, never only shown by colour or symbol.
/// </summary>
public static class MeasureWords
{
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>A value with its unit, as published: "75.2%", "1,026.6 kt CO2", "£150m".</summary>
    public static string Value(Measure measure, double? value)
    {
        if (value is not { } v)
        {
            return "not published";
        }

        var number = v.ToString("N" + measure.Decimals, EnGb);
        return measure.Unit switch
        {
            MeasureUnit.Percentage => number + "%",
            MeasureUnit.Money => "£" + number,
            _ when measure.UnitLabel is { Length: > 0 } label && !label.StartsWith('%') => $"{number} {label}",
            _ => number,
        };
    }

    public static string Rag(Rag rag) => rag switch
    {
        Statistics.Rag.Green => "Green: target met",
        Statistics.Rag.Amber => "Amber: close to target",
        Statistics.Rag.Red => "Red: target missed",
        _ => "Not rated",
    };

    public static string RagShort(Rag rag) => rag switch
    {
        Statistics.Rag.Green => "Green",
        Statistics.Rag.Amber => "Amber",
        Statistics.Rag.Red => "Red",
        _ => "Not rated",
    };

    public static string Direction(Direction direction) => direction switch
    {
        Statistics.Direction.Improving => "Improving",
        Statistics.Direction.GettingWorse => "Getting worse",
        Statistics.Direction.NoChange => "No change",
        Statistics.Direction.Changed => "Changed",
        _ => "Not comparable",
    };

    /// <summary>An arrow that repeats the words, never replaces them.</summary>
    public static string DirectionSymbol(Direction direction) => direction switch
    {
        Statistics.Direction.Improving => "▲",
        Statistics.Direction.GettingWorse => "▼",
        Statistics.Direction.NoChange => "▶",
        Statistics.Direction.Changed => "◆",
        _ => "–",
    };

    public static string Comparison(Comparison comparison, string benchmark) => comparison switch
    {
        Statistics.Comparison.Better => $"Better than {benchmark}",
        Statistics.Comparison.Similar => $"Similar to {benchmark}",
        Statistics.Comparison.Worse => $"Worse than {benchmark}",
        Statistics.Comparison.Higher => $"Higher than {benchmark}",
        Statistics.Comparison.Lower => $"Lower than {benchmark}",
        _ => $"Not compared with {benchmark}",
    };

    public static string Variation(string? icon) => icon switch
    {
        SpcLabels.Variation.CommonCause => "Common-cause variation: no significant change",
        SpcLabels.Variation.ImprovementHigh => "Special-cause improvement: significantly higher",
        SpcLabels.Variation.ImprovementLow => "Special-cause improvement: significantly lower",
        SpcLabels.Variation.ConcernHigh => "Special-cause concern: significantly higher",
        SpcLabels.Variation.ConcernLow => "Special-cause concern: significantly lower",
        SpcLabels.Variation.NeutralHigh => "Special cause: significantly higher",
        SpcLabels.Variation.NeutralLow => "Special cause: significantly lower",
        _ => "Too few figures for statistical process control",
    };

    /// <summary>A symbol that repeats the variation in words, never replaces it: arrows for special causes, a wave for common cause.</summary>
    public static string VariationSymbol(string? icon) => icon switch
    {
        SpcLabels.Variation.CommonCause => "∿",
        SpcLabels.Variation.ImprovementHigh or SpcLabels.Variation.ConcernHigh or SpcLabels.Variation.NeutralHigh => "⬆",
        SpcLabels.Variation.ImprovementLow or SpcLabels.Variation.ConcernLow or SpcLabels.Variation.NeutralLow => "⬇",
        _ => "–",
    };

    public static string Assurance(string? assurance) => assurance switch
    {
        SpcLabels.Assurance.ConsistentPass => "the target is within reach every time: it will be met consistently unless the process changes",
        SpcLabels.Assurance.ConsistentFail => "the target is outside the process limits, so it will not be met without a change in the process",
        SpcLabels.Assurance.Inconsistent => "the target is within the process limits, so it will be met some of the time and missed some of the time",
        _ => "",
    };

    /// <summary>
    /// The one-paragraph summary: "Latest 75.2% (Jan-Dec 2023). Similar to England. Common-cause
    /// variation: no significant change. Target 78%: not met, and the target is outside the process
    /// limits, so it will not be met without a change in the process."
    /// </summary>
    public static string Summary(Measure measure, MeasureAssessment assessment, string benchmarkName)
    {
        if (assessment.Latest is not { } latest)
        {
            return measure.SourceId is null
                ? "Awaiting data: the council will publish figures for this measure."
                : "Awaiting data: no figures have been published yet.";
        }

        var parts = new List<string> { $"Latest {Value(measure, latest.Figure.Value)} ({latest.Figure.Period})." };
        if (measure.BenchmarkAreaCode is not null && latest.Benchmark is not null)
        {
            parts.Add(assessment.BenchmarkComparison == Statistics.Comparison.NotCompared
                ? $"{benchmarkName} {Value(measure, latest.Benchmark)}."
                : Comparison(assessment.BenchmarkComparison, benchmarkName) + ".");
        }

        if (assessment.Direction.SinceSamePeriodLastYear is not Statistics.Direction.NotComparable)
        {
            parts.Add($"{Direction(assessment.Direction.SinceSamePeriodLastYear)} on a year earlier.");
        }
        else if (assessment.Direction.SincePreviousPeriod is not Statistics.Direction.NotComparable)
        {
            parts.Add($"{Direction(assessment.Direction.SincePreviousPeriod)} on the period before.");
        }

        if (assessment.Spc is { } spc && assessment.Series.Count >= 2)
        {
            parts.Add(Variation(spc.VariationIcon) + ".");
        }

        if (assessment.Target is { } target && measure.Kind == MeasureKind.Performance)
        {
            var met = assessment.Rag switch
            {
                Statistics.Rag.Green => "met",
                Statistics.Rag.Amber => "nearly met",
                Statistics.Rag.Red => "not met",
                _ => "not rated",
            };
            var assurance = Assurance(assessment.Spc?.Assurance);
            parts.Add($"Target {Value(measure, target.Value)}: {met}{(assurance.Length > 0 ? ", and " + assurance : "")}.");
            if (assessment.Rag != Statistics.Rag.NotRated && assessment.NoiseAware.Status is not (NoiseAwareStatus.NotRated or NoiseAwareStatus.NoSpcResult))
            {
                parts.Add(Sentence(assessment.NoiseAware.Phrase));
            }
        }
        else if (measure.Kind == MeasureKind.Context)
        {
            parts.Add("A context indicator: tracked, not rated against a target.");
        }

        if (assessment.Masking.Masked)
        {
            parts.Add($"The borough figure hides {assessment.Masking.WorseGroups.Count} {(assessment.Masking.WorseGroups.Count == 1 ? "group or ward" : "groups or wards")} significantly worse than the borough.");
        }

        return string.Join(' ', parts);
    }

    private static string Sentence(string phrase) => phrase.Length == 0 ? "" : char.ToUpper(phrase[0], EnGb) + phrase[1..].TrimEnd('.') + ".";
}
