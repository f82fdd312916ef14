using System.Text.Json.Serialization;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Statistics;

namespace CouncilPlan.Core.Reports;

/// <summary>
/// A committee report for one scope (a portfolio, a top-level element of a plan without portfolios,
/// or the whole plan) as at a quarter or a financial year, built from published
/// data only and independent of its format: the HTML, PDF and workbook are all written from it, and
/// a snapshot stores it as JSON so that a past report renders the same every time. Every judgement
/// in it was made by <see cref="Measures.MeasureAssessor"/>; nothing is recomputed here.
/// </summary>
public sealed record PortfolioReport
{
    /// <summary>
    /// The version of this shape, stored with every snapshot. Format 1 reports were all by portfolio
    /// and quarter, in a borough: the defaults of the fields format 2 added say so, so they render as before.
    /// Format 3 added what is going well, the measures' place in the plan and the corporate report's line
    /// per portfolio, and wider exception rules; a format 2 snapshot renders without them, as it was.
    /// </summary>
    public const int CurrentFormat = 3;

    public int Format { get; init; } = CurrentFormat;

    public required string PlanId { get; init; }

    /// <summary>"Northdale District Council Corporate Plan 2025-29".</summary>
    public required string PlanName { get; init; }

    public required string CouncilName { get; init; }

    /// <summary>What the report is about; the key and title below are the portfolio's, the top-level element's, or "corporate" and the plan's.</summary>
    public ReportScopeKind ScopeKind { get; init; } = ReportScopeKind.Portfolio;

    /// <summary>The scope's id in the plan ("economy-and-regeneration"), or "corporate".</summary>
    public required string PortfolioKey { get; init; }

    /// <summary>"Economy and Regeneration", "Homes for everyone".</summary>
    public required string PortfolioTitle { get; init; }

    /// <summary>The council's word for the scope: "portfolio", "priority"; "plan" for the corporate report.</summary>
    public string ScopeWord { get; init; } = "portfolio";

    /// <summary>What the council calls its plan ("Council Plan", "Corporate Plan").</summary>
    public string Service { get; init; } = PlanWords.Default.Service;

    /// <summary>What the council calls its place: the figure for the whole of it is "the borough figure".</summary>
    public string PlaceWord { get; init; } = "borough";

    /// <summary>The council's word for what it delivers, singular: "commitment or scheme", "action".</summary>
    public string DeliveryWord { get; init; } = "commitment or scheme";

    /// <summary>The same, plural: "commitments and schemes", "actions".</summary>
    public string DeliveryWords { get; init; } = "commitments and schemes";

    /// <summary>Whether the report is as at a quarter or a financial year.</summary>
    public ReportingRhythm Rhythm { get; init; } = ReportingRhythm.Quarterly;

    /// <summary>The period it is as at: "2023-24 Q2", or "2024-25" for a plan reported annually.</summary>
    public required string Quarter { get; init; }

    public required DateOnly QuarterStart { get; init; }

    public required DateOnly QuarterEnd { get; init; }

    /// <summary>When the model was built from the database.</summary>
    public required DateTimeOffset BuiltAt { get; init; }

    /// <summary>The public data version it was built from.</summary>
    public required long DataVersion { get; init; }

    /// <summary>What the portfolio answers for: scrutiny rows with the ambitions, themes and programmes they cover.</summary>
    public required IReadOnlyList<ReportScope> Scope { get; init; }

    public required ReportSummary Summary { get; init; }

    public required IReadOnlyList<ReportMeasure> Measures { get; init; }

    public required IReadOnlyList<ReportException> Exceptions { get; init; }

    /// <summary>Measures improving by more than chance or showing special-cause improvement, and what was delivered (format 3).</summary>
    public IReadOnlyList<ReportException> GoingWell { get; init; } = [];

    /// <summary>The corporate report's one line per portfolio (or top-level element); empty in any other report (format 3).</summary>
    public IReadOnlyList<ReportPartLine> Parts { get; init; } = [];

    /// <summary>The council's word for the corporate report's parts: "portfolio", "priority".</summary>
    public string PartWord { get; init; } = "portfolio";

    public required IReadOnlyList<ReportCommitment> Commitments { get; init; }

    public required ReportResources Resources { get; init; }

    /// <summary>What changed since the previous snapshot of the same portfolio.</summary>
    public required ReportChanges Changes { get; init; }

    /// <summary>
    /// The report's title: "Economy and Regeneration: Portfolio Performance and Resource Report,
    /// 2023-24 Q2"; "Homes for everyone: Corporate Plan performance report, 2024-25"; "Eastmoor
    /// District Council Corporate Plan: corporate performance report, 2024-25".
    /// </summary>
    [JsonIgnore]
    public string Title => ScopeKind switch
    {
        ReportScopeKind.Portfolio => $"{PortfolioTitle}: Portfolio Performance and Resource Report, {Quarter}",
        ReportScopeKind.Part => $"{PortfolioTitle}: {Service} performance report, {Quarter}",
        _ => $"{CouncilName} {Service}: corporate performance report, {Quarter}",
    };

    /// <summary>"this portfolio", "this priority", "the plan": what the report's sentences call its scope.</summary>
    [JsonIgnore]
    public string ScopeNoun => ScopeKind == ReportScopeKind.Corporate ? "the plan" : $"this {ScopeWord}";

    /// <summary>"Portfolio", "Priority", "Plan": the cover's label for the scope.</summary>
    [JsonIgnore]
    public string ScopeLabel => ScopeWord.Length == 0 ? ScopeWord : char.ToUpperInvariant(ScopeWord[0]) + ScopeWord[1..];

    /// <summary>"Commitments and schemes", "Actions": the section's heading.</summary>
    [JsonIgnore]
    public string DeliveryHeading => char.ToUpperInvariant(DeliveryWords[0]) + DeliveryWords[1..];

    /// <summary>"Quarter" or "Year": the cover's word for the period.</summary>
    [JsonIgnore]
    public string PeriodWord => Rhythm == ReportingRhythm.Annual ? "Year" : "Quarter";
}

public sealed record ReportScope(string Row, IReadOnlyList<string> Covers);

/// <summary>
/// One portfolio's line in the corporate report: its measures by rating (out-of-date figures are not
/// rated), its exceptions, and its commitments delivered and off track.
/// </summary>
public sealed record ReportPartLine(
    string Key,
    string Title,
    int Measures,
    int Red,
    int Amber,
    int Green,
    int NotRated,
    int Exceptions,
    int Commitments,
    int Delivered,
    int OffTrack);

/// <summary>A count with what it counts, in words: ("Red", "target missed", 3).</summary>
public sealed record ReportCount(string Label, string Meaning, int Count);

/// <summary>The cover page's summary: counts in numbers, and the same in sentences.</summary>
public sealed record ReportSummary(
    int MeasureCount,
    int PerformanceMeasureCount,
    int AwaitingDataCount,
    IReadOnlyList<ReportCount> ByRag,
    IReadOnlyList<ReportCount> ByVariation,
    int CommitmentCount,
    IReadOnlyList<ReportCount> ByCommitmentStatus,
    int ExceptionCount,
    IReadOnlyList<string> Sentences);

/// <summary>A figure as reported: its period, value and caveats.</summary>
public sealed record ReportValue(string Period, DateOnly PeriodStart, DateOnly PeriodEnd, double? Value, string Status, string? QualityNote, bool Suppressed);

/// <summary>One point of the chart: the council's value with everything drawn around it.</summary>
public sealed record ReportPoint(
    string Period,
    double? Value,
    string Status,
    double? Lower,
    double? Upper,
    double? Target,
    double? Benchmark,
    int? Group,
    double? Mean,
    double? LowerLimit,
    double? UpperLimit,
    string? PointType,
    bool NewSeries = false);

/// <summary>The owner's published commentary for the quarter, with any corrective action.</summary>
public sealed record ReportCommentary(string Quarter, string? Text, string? CorrectiveAction, string? CorrectiveActionOwner, DateOnly? CorrectiveActionDue);

/// <summary>One row of the measures table, with its chart data for an exception page.</summary>
public sealed record ReportMeasure
{
    public required string Code { get; init; }

    public required string Title { get; init; }

    /// <summary>The top-level element of the plan the measure evidences ("Investment, regeneration and creating jobs"): the measures table's group (format 3).</summary>
    public string? Under { get; init; }

    /// <summary>The key area, focus area or part within it, when the measure evidences one (format 3).</summary>
    public string? Area { get; init; }

    public string? Owner { get; init; }

    /// <summary>"Quarterly", "Annual", "Monthly".</summary>
    public required string Frequency { get; init; }

    /// <summary>"Performance" or "Context".</summary>
    public required string Kind { get; init; }

    public required string Unit { get; init; }

    public string? UnitLabel { get; init; }

    public required int Decimals { get; init; }

    public required Polarity Polarity { get; init; }

    /// <summary>The values before the latest, oldest first (up to four).</summary>
    public required IReadOnlyList<ReportValue> Previous { get; init; }

    public ReportValue? Latest { get; init; }

    public double? Target { get; init; }

    public string? TargetPeriod { get; init; }

    /// <summary>"amber within 5% of target", "amber within 2.0".</summary>
    public string? Tolerance { get; init; }

    public required Rag Rag { get; init; }

    public required Direction ShortTerm { get; init; }

    public required Direction LongTerm { get; init; }

    /// <summary>The test behind the directions, or null when none could be made.</summary>
    public string? DirectionMethod { get; init; }

    /// <summary>"Out of date: a figure for 2018-19 was due by ...", when the latest figure is: it is then left out of the judgement counts and exceptions.</summary>
    public string? OutOfDate { get; init; }

    /// <summary>The SPC variation icon (common_cause, concern_high ...), or null with too few figures.</summary>
    public string? Variation { get; init; }

    public string? Assurance { get; init; }

    public string? BenchmarkName { get; init; }

    public double? BenchmarkValue { get; init; }

    public required Comparison Comparison { get; init; }

    /// <summary>The borough figure hides groups or wards significantly worse than it.</summary>
    public required bool Masked { get; init; }

    public required IReadOnlyList<string> MaskedGroups { get; init; }

    /// <summary>The noise-aware reading of the RAG ("red, but within normal variation").</summary>
    public string? NoiseAware { get; init; }

    public ReportCommentary? Commentary { get; init; }

    /// <summary>Provisional, revised, quality notes, the measure's caveat, provisional SPC limits.</summary>
    public required IReadOnlyList<string> Caveats { get; init; }

    /// <summary>The one-paragraph summary in words (<see cref="Measures.MeasureWords.Summary"/>).</summary>
    public required string Summary { get; init; }

    public required IReadOnlyList<ReportPoint> Series { get; init; }

    [JsonIgnore]
    public bool AwaitingData => Latest is null;
}

/// <summary>A measure or commitment on an exception page, with why it is there.</summary>
public sealed record ReportException(string Kind, string Reference, string Title, IReadOnlyList<string> Reasons);

/// <summary>A commitment or scheme the portfolio answers for, with its status as at the quarter.</summary>
public sealed record ReportCommitment
{
    public required string Key { get; init; }

    public required string Title { get; init; }

    /// <summary>"Scheme" or "Commitment".</summary>
    public required string Kind { get; init; }

    /// <summary>The top-level element, theme or programme it sits under.</summary>
    public required string Under { get; init; }

    /// <summary>The plan's date in words ("March 2028 (over the next five years)").</summary>
    public string? Due { get; init; }

    /// <summary>The last day the plan's date can mean.</summary>
    public DateOnly? DueBy { get; init; }

    public DateOnly? RevisedDate { get; init; }

    /// <summary>"OnTrack", "AtRisk" ... or "NotYetReported".</summary>
    public required string Status { get; init; }

    public string? StatusQuarter { get; init; }

    public string? Commentary { get; init; }

    /// <summary>The (revised) date has passed by the quarter's end and it is not complete.</summary>
    public required bool MissedDate { get; init; }
}

/// <summary>A line of the resources section, as at the quarter.</summary>
public sealed record ReportResourceLine
{
    public required string Key { get; init; }

    public required string Title { get; init; }

    /// <summary>The plan element the money is for, by id, and its title.</summary>
    public string? ElementKey { get; init; }

    public string? ElementTitle { get; init; }

    /// <summary>The quarter the figures are as at (it may be earlier than the report's).</summary>
    public required string AsAt { get; init; }

    public decimal? Budget { get; init; }

    public decimal? Forecast { get; init; }

    public decimal? Variance { get; init; }

    public decimal? SpentToDate { get; init; }

    public decimal? SavingsTarget { get; init; }

    public decimal? SavingsDelivered { get; init; }

    public decimal? FundingSecured { get; init; }

    public string? Source { get; init; }

    public string? Note { get; init; }

    [JsonIgnore]
    public bool AwaitingData => Budget is null && Forecast is null && SpentToDate is null && SavingsTarget is null && SavingsDelivered is null && FundingSecured is null;
}

/// <summary>The R in PPRR: the portfolio's revenue budget and savings, and its capital schemes.</summary>
public sealed record ReportResources(ReportResourceLine? Revenue, IReadOnlyList<ReportResourceLine> Capital);

/// <summary>A figure whose value is new or has changed since the previous report.</summary>
public sealed record ReportFigureChange(string Code, string Title, string Period, double? OldValue, double? NewValue, string? OldStatus, string NewStatus);

/// <summary>A commitment's status, or a measure's RAG, that differs from the previous report's.</summary>
public sealed record ReportStatusChange(string Kind, string Key, string Title, string OldStatus, string NewStatus);

/// <summary>What changed since the previous snapshot of the same portfolio.</summary>
public sealed record ReportChanges(
    int? PreviousSnapshotId,
    string? PreviousQuarter,
    DateTimeOffset? PreviousProducedAt,
    IReadOnlyList<ReportFigureChange> NewFigures,
    IReadOnlyList<ReportFigureChange> RevisedFigures,
    IReadOnlyList<ReportStatusChange> StatusChanges,
    IReadOnlyList<ReportException> NewExceptions)
{
    public static ReportChanges First { get; } = new(null, null, null, [], [], [], []);

    [JsonIgnore]
    public bool IsFirst => PreviousSnapshotId is null;

    [JsonIgnore]
    public bool Nothing => NewFigures.Count == 0 && RevisedFigures.Count == 0 && StatusChanges.Count == 0 && NewExceptions.Count == 0;
}
