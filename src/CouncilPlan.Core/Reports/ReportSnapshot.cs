namespace CouncilPlan.Core.Reports;

/// <summary>
/// A report as produced for committee: the built model frozen as JSON, with the portfolio, the
/// quarter, who produced it and when. Immutable: no code path changes or deletes a snapshot, and the
/// database refuses to (triggers on report_snapshots). Every format is rendered again from
/// <see cref="ModelJson"/>, so a past report reads the same whatever has changed since.
/// </summary>
public sealed class ReportSnapshot
{
    public int Id { get; set; }

    public required string PlanId { get; set; }

    /// <summary>The part of the plan the report is about (a portfolio or a top-level element); null for the corporate report.</summary>
    public int? PortfolioId { get; set; }

    /// <summary>The portfolio's id in the plan ("economy-and-regeneration"), as at production.</summary>
    public required string PortfolioKey { get; set; }

    public required string PortfolioTitle { get; set; }

    /// <summary>"2023-24 Q2".</summary>
    public required string Quarter { get; set; }

    public DateOnly QuarterStart { get; set; }

    public DateOnly QuarterEnd { get; set; }

    public required string ProducedBy { get; set; }

    public DateTimeOffset ProducedAt { get; set; }

    /// <summary>The snapshot of the same portfolio that "what changed" was worked out against, if any.</summary>
    public int? PreviousId { get; set; }

    /// <summary>The <see cref="PortfolioReport"/> as JSON (<see cref="ReportJson"/>).</summary>
    public required string ModelJson { get; set; }

    /// <summary>SHA-256 of <see cref="ModelJson"/>'s UTF-8 bytes, in hex: the report's fingerprint.</summary>
    public required string Sha256 { get; set; }
}

/// <summary>
/// Publishing or withdrawing a snapshot: a new row each time, never an edit of the snapshot or of an
/// earlier row (the database refuses those too). The latest row says whether it is on the portal.
/// </summary>
public sealed class ReportPublication
{
    public int Id { get; set; }

    public int SnapshotId { get; set; }

    /// <summary>True when published, false when withdrawn.</summary>
    public bool Published { get; set; }

    public required string By { get; set; }

    public DateTimeOffset At { get; set; }
}
