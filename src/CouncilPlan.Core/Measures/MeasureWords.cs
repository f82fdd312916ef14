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

    /// <summary>
    /// A value with its unit, to the precision it was published with and never more than the
    /// measure's decimal places: "75.2%", "68%" for a source that gave 68, "1,026.6 kt CO2".
    /// </summary>
    public static string Value(Measure measure, double? value)
    {
        if (value is not { } v)
        {
            return "not published";
        }

        var number = Number(v, measure.Decimals);
        return measure.Unit switch
        {
            MeasureUnit.Percentage => number + "%",
            MeasureUnit.Money => "£" + number,
            _ when measure.UnitLabel is { Length: > 0 } label && !label.StartsWith('%') => $"{number} {label}",
            _ => number,
        };
    }

    /// <summary>A target with the tolerance within which a figure is amber: "250, amber within 10% of target".</summary>
    public static string Target(Measure measure, MeasureTarget target)
    {
        var tolerance = target.Tolerance is { } t && t > 0
            ? $", amber within {(target.ToleranceType == ToleranceType.Percent ? t.ToString("0.##", EnGb) + "% of target" : Number(t, measure.Decimals))}"
            : "";
        return Value(measure, target.Value) + tolerance;
    }

    /// <summary>A number to the places it was published with, at most <paramref name="decimals"/>: a source's 68 is not shown as 68.0.</summary>
    public static string Number(double value, int decimals) => value.ToString("N" + PublishedDecimals(value, decimals), EnGb);

    /// <summary>The fewest decimal places, up to the measure's, that show the value exactly as stored.</summary>
    public static int PublishedDecimals(double value, int decimals)
    {
        for (var places = 0; places < decimals; places++)
        {
            if (Math.Abs(Math.Round(value, places, MidpointRounding.AwayFromZero) - value) <= 1e-9 * Math.Max(1, Math.Abs(value)))
            {
                return places;
            }
        }

        return decimals;
    }

    /// <summary>The size of a change in the measure's unit: "0.7 percentage points", "1,234", "0.05".</summary>
    public static string Amount(Measure measure, double change)
    {
        var size = Math.Abs(change);
        return measure.Unit == MeasureUnit.Percentage
            ? $"{Number(size, measure.Decimals)} percentage {(Math.Round(size, measure.Decimals) == 1 ? "point" : "points")}"
            : Value(measure, size);
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
        Statistics.Direction.Worsening => "Worsening",
        Statistics.Direction.NoSignificantChange => "No significant change",
        Statistics.Direction.NotTested => "Not tested",
        _ => "Not comparable",
    };

    /// <summary>An arrow that repeats the words, never replaces them; only a tested change has one.</summary>
    public static string DirectionSymbol(Direction direction) => direction switch
    {
        Statistics.Direction.Improving => "▲",
        Statistics.Direction.Worsening => "▼",
        Statistics.Direction.NoSignificantChange => "▶",
        _ => "",
    };

    /// <summary>
    /// The direction in a sentence, with what changed and how it was judged: "Improving: up 2.1
    /// percentage points on a year earlier, more than chance would explain", "Down 0.7 percentage
    /// points on a year earlier; not tested". An untested change has no better or worse word.
    /// </summary>
    public static string Direction(Measure measure, DirectionJudgement judgement, string since)
    {
        var change = judgement.Change is { } c ? Moved(measure, c.Difference) : null;
        return judgement.Direction switch
        {
            Statistics.Direction.Improving => $"Improving: {change} {since}, more than chance would explain",
            Statistics.Direction.Worsening => $"Worsening: {change} {since}, more than chance would explain",
            Statistics.Direction.NoSignificantChange when judgement.Change is { Difference: 0 } or null => $"No change {since}",
            Statistics.Direction.NoSignificantChange when judgement.Change?.Tested == false => $"No change {since} at the published precision ({change})",
            Statistics.Direction.NoSignificantChange => $"No significant change {since} ({change}, within what chance would explain)",
            Statistics.Direction.NotTested when change is not null => $"{Capitalise(change)} {since}; not tested ({judgement.Reason})",
            _ => $"Not compared {since}: {judgement.Reason}",
        };
    }

    /// <summary>"Recent trend, 2019-20 to 2023-24: improving, more than chance would explain (chi-squared test for trend)."</summary>
    public static string Trend(RecentTrend trend) =>
        $"Recent trend over the {trend.Points} figures {trend.From} to {trend.To}: " + trend.Direction switch
        {
            Statistics.Direction.Improving => "improving, more than chance would explain",
            Statistics.Direction.Worsening => "worsening, more than chance would explain",
            _ => "no significant trend",
        } + " (chi-squared test for trend in proportions, 95%)";

    private static string Moved(Measure measure, double difference) =>
        difference == 0 ? "unchanged" : $"{(difference > 0 ? "up" : "down")} {Amount(measure, difference)}";

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpper(text[0], EnGb) + text[1..];

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
        // A measure with no better direction is never improvement or concern, only unusual.
        SpcLabels.Variation.NeutralHigh => "Higher than usual (special cause): neither better nor worse for this measure",
        SpcLabels.Variation.NeutralLow => "Lower than usual (special cause): neither better nor worse for this measure",
        _ => "Statistical process control not applied",
    };

    /// <summary>The variation, or why statistical process control was not applied (a sentence's words, without its full stop: the page or report ends it).</summary>
    public static string Variation(MeasureAssessment assessment) =>
        assessment.Spc is { } spc ? Variation(spc.VariationIcon) : $"Statistical process control not applied: {(assessment.SpcNotApplied ?? "too few figures").TrimEnd('.', ' ')}";

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
    /// The one-paragraph summary: "Latest 75.2% (Jan-Dec 2023). Similar to England. No significant
    /// change on a year earlier (...). Target 78%: not met." An out-of-date or discontinued series says
    /// so and makes no judgement.
    /// </summary>
    public static string Summary(Measure measure, MeasureAssessment assessment, string benchmarkName, string place)
    {
        if (assessment.Latest is not { } latest)
        {
            return measure.SourceId is null
                ? "Awaiting data: the council will publish figures for this measure."
                : "Awaiting data: no figures have been published yet.";
        }

        var status = latest.Figure.Status == ObservationStatus.Final ? "" : $", {latest.Figure.Status.ToString().ToLowerInvariant()}";
        var parts = new List<string> { $"Latest {Value(measure, latest.Figure.Value)} ({latest.Figure.Period}{status})." };
        if (assessment.Currency is { OutOfDate: true } currency)
        {
            parts.Add(OutOfDate(currency) + " It is not judged until a newer figure is published.");
            return string.Join(' ', parts);
        }

        if (measure.BenchmarkAreaCode is not null && latest.Benchmark is not null)
        {
            parts.Add(assessment.BenchmarkComparison == Statistics.Comparison.NotCompared
                ? $"{benchmarkName} {Value(measure, latest.Benchmark)}."
                : Comparison(assessment.BenchmarkComparison, benchmarkName) + ".");
        }

        var year = assessment.Direction.SinceSamePeriodLastYear;
        var previous = assessment.Direction.SincePreviousPeriod;
        if (year.Direction is not Statistics.Direction.NotComparable || previous.Direction is Statistics.Direction.NotComparable)
        {
            parts.Add(Direction(measure, year, "on a year earlier") + ".");
        }
        else
        {
            parts.Add(Direction(measure, previous, "on the period before") + ".");
        }

        if (assessment.Spc is { } spc)
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
            parts.Add($"The {place} figure hides {assessment.Masking.WorseGroups.Count} {(assessment.Masking.WorseGroups.Count == 1 ? "group or ward" : "groups or wards")} significantly worse than the {place}.");
        }

        return string.Join(' ', parts);
    }

    /// <summary>"Out of date: a figure for 2018-19 was due by 31 March 2020." or the discontinued series' reason.</summary>
    public static string OutOfDate(Currency currency) => currency.Discontinued is not null
        ? $"Discontinued: {Due(currency)}"
        : $"Out of date: {char.ToLower(Due(currency)[0], EnGb)}{Due(currency)[1..]}";

    /// <summary>The reason alone, for beside an "Out of date" tag: "A figure for 2018-19 was due by 31 March 2020."</summary>
    public static string Due(Currency currency) => currency.Discontinued is { } why
        ? $"{why.TrimEnd('.')}."
        : $"A figure for {currency.NextPeriod} was due by {currency.ExpectedBy?.ToString("d MMMM yyyy", EnGb)}.";

    private static string Sentence(string phrase) => phrase.Length == 0 ? "" : char.ToUpper(phrase[0], EnGb) + phrase[1..].TrimEnd('.') + ".";
}
