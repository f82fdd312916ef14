using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CouncilPlan.Core.Statistics;

namespace CouncilPlan.Core.Measures;

/// <summary>Where a proposed change to a measure's public record is on its way to the portal.</summary>
public enum MeasureChangeStatus
{
    Proposed,
    Approved,
    Published,
    Returned,

    /// <summary>Replaced by a later proposal for the same measure before it was published.</summary>
    Superseded,
}

/// <summary>A target as a proposed change holds it: already checked.</summary>
public sealed record TargetRecord(string Period, DateOnly PeriodStart, double Value, double? Tolerance, ToleranceType ToleranceType, string? Source);

/// <summary>
/// Everything about a measure that the public sees and that a council commits to: its title and
/// definition, how it is judged, which promises it evidences, and its targets. A change to it is a
/// draft until approved and published (issue 12: targets are public commitments).
/// </summary>
public sealed record MeasureRecord(
    string Title,
    string Definition,
    MeasureKind Kind,
    Polarity Polarity,
    int Decimals,
    string? UnitLabel,
    string? Owner,
    string? Caveat,
    int? SuppressBelow,
    IReadOnlyList<string> EvidenceKeys,
    IReadOnlyList<TargetRecord> Targets)
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>A measure's record as it stands (needs its evidence with their elements, and its targets, loaded).</summary>
    public static MeasureRecord Of(Measure measure) => new(
        measure.Title,
        measure.Definition,
        measure.Kind,
        measure.Polarity,
        measure.Decimals,
        measure.UnitLabel,
        measure.Owner,
        measure.Caveat,
        measure.SuppressBelow,
        measure.Evidence.OrderBy(e => e.Position).Select(e => e.Element!.Key).ToList(),
        measure.Targets.OrderBy(t => t.PeriodStart).Select(t => new TargetRecord(t.Period, t.PeriodStart, t.Value, t.Tolerance, t.ToleranceType, t.Source)).ToList());

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static MeasureRecord FromJson(string json) => JsonSerializer.Deserialize<MeasureRecord>(json, Json) ?? throw new InvalidOperationException("empty measure definition");

    /// <summary>Whether two records say the same (lists compared by their items, not by reference).</summary>
    public bool SameAs(MeasureRecord other) => ToJson() == other.ToJson();

    /// <summary>Each field that differs, in words, with what it was and what it would be: for the approver and the audit log.</summary>
    public IReadOnlyList<(string Field, string Before, string After)> Differences(MeasureRecord after)
    {
        var rows = new List<(string, string, string)>();
        void Compare(string field, string? before, string? now)
        {
            if (!string.Equals(before ?? "", now ?? "", StringComparison.Ordinal))
            {
                rows.Add((field, string.IsNullOrEmpty(before) ? "None" : before, string.IsNullOrEmpty(now) ? "None" : now));
            }
        }

        Compare("Title", Title, after.Title);
        Compare("Definition", Definition, after.Definition);
        Compare("Kind", Words(Kind), Words(after.Kind));
        Compare("Which way is better", Words(Polarity), Words(after.Polarity));
        Compare("Decimal places", Decimals.ToString(CultureInfo.InvariantCulture), after.Decimals.ToString(CultureInfo.InvariantCulture));
        Compare("Unit", UnitLabel, after.UnitLabel);
        Compare("Owner", Owner, after.Owner);
        Compare("Caveat", Caveat, after.Caveat);
        Compare("Small-number threshold", SuppressBelow?.ToString(CultureInfo.InvariantCulture), after.SuppressBelow?.ToString(CultureInfo.InvariantCulture));
        Compare("Evidences", string.Join(", ", EvidenceKeys), string.Join(", ", after.EvidenceKeys));
        foreach (var period in Targets.Select(t => t.PeriodStart).Union(after.Targets.Select(t => t.PeriodStart)).Order())
        {
            var was = Targets.FirstOrDefault(t => t.PeriodStart == period);
            var now = after.Targets.FirstOrDefault(t => t.PeriodStart == period);
            Compare($"Target for {(now ?? was)!.Period}", Describe(was), Describe(now));
        }

        return rows;
    }

    private static string Words(MeasureKind kind) => kind == MeasureKind.Performance ? "Performance measure (judged against targets)" : "Context indicator (tracked, not rated)";

    private static string Words(Polarity polarity) => polarity switch
    {
        Polarity.HigherIsBetter => "Higher is better",
        Polarity.LowerIsBetter => "Lower is better",
        _ => "Neither: not judged",
    };

    private static string? Describe(TargetRecord? target) => target is null
        ? null
        : target.Value.ToString("#,##0.######", CultureInfo.InvariantCulture)
            + (target.Tolerance is { } tolerance
                ? $", amber within {tolerance.ToString("#,##0.######", CultureInfo.InvariantCulture)}{(target.ToleranceType == ToleranceType.Percent ? "%" : "")}"
                : "")
            + (target.Source is { } source ? $" ({source})" : "");
}

/// <summary>
/// A proposed change to a measure's public record: who proposed it, its record before and after,
/// and who approved and published it. The measure itself changes only when it is published.
/// </summary>
public sealed class MeasureChange
{
    public int Id { get; set; }

    public int MeasureId { get; set; }

    public MeasureChangeStatus Status { get; set; }

    /// <summary>The measure's record when the change was proposed, as JSON: publishing is refused if it has moved since.</summary>
    public required string Before { get; set; }

    /// <summary>The record proposed, as JSON.</summary>
    public required string After { get; set; }

    public required string ProposedBy { get; set; }

    public DateTimeOffset ProposedAt { get; set; }

    public string? ApprovedBy { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }

    public string? PublishedBy { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public string? ReturnedBy { get; set; }

    public string? ReturnReason { get; set; }

    /// <summary>Optimistic concurrency: two people acting on one change cannot both win.</summary>
    public int Version { get; set; }
}
