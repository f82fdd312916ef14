using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Statistics;
using CouncilPlan.Core.Statistics.Spc;
using CouncilPlan.Core.Updates;

namespace CouncilPlan.Core.Reports;

/// <summary>The words and number formats every report format shares, so HTML, PDF and workbook say the same.</summary>
public static class ReportWords
{
    public static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    public const string AwaitingData = "Awaiting data";

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Text for HTML: markup characters escaped, letters and symbols (£, –) left as they are.</summary>
    public static string Html(string text) => Encoder.Encode(text);

    public static string RagMeaning(Rag rag) => rag switch
    {
        Rag.Green => "target met",
        Rag.Amber => "close to target",
        Rag.Red => "target missed",
        _ => "no target, or awaiting data",
    };

    /// <summary>A short label for an SPC icon, for tables: "Concern (high)".</summary>
    public static string VariationShort(string? icon) => icon switch
    {
        SpcLabels.Variation.CommonCause => "Common cause",
        SpcLabels.Variation.ImprovementHigh => "Improvement (high)",
        SpcLabels.Variation.ImprovementLow => "Improvement (low)",
        SpcLabels.Variation.ConcernHigh => "Concern (high)",
        SpcLabels.Variation.ConcernLow => "Concern (low)",
        SpcLabels.Variation.NeutralHigh => "Special cause (high)",
        SpcLabels.Variation.NeutralLow => "Special cause (low)",
        _ => "Too few figures",
    };

    public static int VariationOrder(string label) => label switch
    {
        "Concern (high)" or "Concern (low)" => 0,
        "Special cause (high)" or "Special cause (low)" => 1,
        "Common cause" => 2,
        "Improvement (high)" or "Improvement (low)" => 3,
        _ => 4,
    };

    public static string Assurance(string? assurance) => assurance switch
    {
        SpcLabels.Assurance.ConsistentPass => "Target consistently met",
        SpcLabels.Assurance.ConsistentFail => "Target consistently missed",
        SpcLabels.Assurance.Inconsistent => "Target sometimes met",
        _ => "",
    };

    public static string Direction(Direction direction) => $"{MeasureWords.DirectionSymbol(direction)} {MeasureWords.Direction(direction)}".TrimStart();

    public static string CommitmentStatus(string status) =>
        Enum.TryParse<Updates.CommitmentStatus>(status, out var s) ? StatusWords.Describe(s) : status;

    public static string ObservationStatus(string status) => status.ToLowerInvariant();

    /// <summary>A value as the measure publishes it ("75.2%", "952 homes"), or "–" when there is none.</summary>
    public static string Value(ReportMeasure m, double? value) => Format(m, value, withUnitLabel: true);

    /// <summary>A value for a table whose measure cell gives the unit: "75.2%", "£1,200", "952".</summary>
    public static string Short(ReportMeasure m, double? value) => Format(m, value, withUnitLabel: false);

    private static string Format(ReportMeasure m, double? value, bool withUnitLabel)
    {
        if (value is not { } v)
        {
            return "–";
        }

        var number = MeasureWords.Number(v, m.Decimals);
        return m.Unit switch
        {
            nameof(MeasureUnit.Percentage) => number + "%",
            nameof(MeasureUnit.Money) => "£" + number,
            _ when withUnitLabel && m.UnitLabel is { Length: > 0 } label && !label.StartsWith('%') => $"{number} {label}",
            _ => number,
        };
    }

    /// <summary>The unit in words for a measure's heading cell: "starts per 100,000 population", "%".</summary>
    public static string UnitWords(ReportMeasure m) => m.UnitLabel is { Length: > 0 } label ? label : m.Unit.ToLowerInvariant();

    /// <summary>A plain number to the measure's decimals, for table cells where the unit is in the heading.</summary>
    public static string Number(ReportMeasure m, double? value) => value is { } v ? MeasureWords.Number(v, m.Decimals) : "–";

    /// <summary>Money as a council report writes it: "£13.9m", "£250,000"; missing is "Awaiting data".</summary>
    public static string Money(decimal? amount) => amount switch
    {
        null => AwaitingData,
        { } a when Math.Abs(a) >= 1_000_000m => (a < 0 ? "-£" : "£") + (Math.Abs(a) / 1_000_000m).ToString("#,##0.0##", EnGb) + "m",
        { } a => (a < 0 ? "-£" : "£") + Math.Abs(a).ToString("#,##0", EnGb),
    };

    /// <summary>A variance in words: "£1.2m overspend", "£300,000 underspend", "on budget".</summary>
    public static string Variance(decimal? variance) => variance switch
    {
        null => AwaitingData,
        0m => "On budget",
        > 0m => Money(variance) + " over",
        _ => Money(-variance) + " under",
    };

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", EnGb);

    public static string DateTime(DateTimeOffset at) => at.ToUniversalTime().ToString("d MMMM yyyy, HH:mm 'UTC'", EnGb);

    public static string Count(int count, string singular, string? plural = null) =>
        $"{count.ToString(EnGb)} {(count == 1 ? singular : plural ?? singular + "s")}";

    /// <summary>"a, b and c".</summary>
    public static string List(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count switch
        {
            0 => "none",
            1 => list[0],
            _ => string.Join(", ", list.Take(list.Count - 1)) + " and " + list[^1],
        };
    }
}
