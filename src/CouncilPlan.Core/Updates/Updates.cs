namespace CouncilPlan.Core.Updates;

/// <summary>A financial-year quarter that the performance team opens for updates and closes when done.</summary>
public sealed class ReportingPeriod
{
    public int Id { get; set; }

    /// <summary>The quarter's canonical label, "2023-24 Q2".</summary>
    public required string Quarter { get; set; }

    public DateOnly Starts { get; set; }

    public DateOnly Ends { get; set; }

    /// <summary>When updates are due from officers.</summary>
    public DateOnly Due { get; set; }

    public bool IsOpen { get; set; }

    public DateTimeOffset? OpenedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }
}

/// <summary>Where a quarter's update for a measure is in its journey to publication.</summary>
public enum UpdateStatus
{
    NotStarted,
    Draft,
    Submitted,
    Returned,
    Approved,
    Published,
}

/// <summary>
/// A measure's update for a reporting period: the commentary and corrective action that go with its
/// figures, and who submitted, approved and published it. The figures themselves are observations,
/// unpublished until the update is published.
/// </summary>
public sealed class MeasureUpdate
{
    public int Id { get; set; }

    public int MeasureId { get; set; }

    public int ReportingPeriodId { get; set; }

    public ReportingPeriod? ReportingPeriod { get; set; }

    public UpdateStatus Status { get; set; }

    /// <summary>
    /// The figure entered for the council as a whole, held here until the update is published:
    /// a published figure stays as it is while its replacement waits for approval.
    /// </summary>
    public string? DraftPeriod { get; set; }

    public double? DraftValue { get; set; }

    public double? DraftNumerator { get; set; }

    public double? DraftDenominator { get; set; }

    public Measures.ObservationStatus DraftStatus { get; set; }

    public string? DraftQualityNote { get; set; }

    /// <summary>What the figures mean and why they are as they are, in the owner's words.</summary>
    public string? Commentary { get; set; }

    /// <summary>Required when the value is red: what will be done about it ...</summary>
    public string? CorrectiveAction { get; set; }

    /// <summary>... by whom ...</summary>
    public string? CorrectiveActionOwner { get; set; }

    /// <summary>... and by when.</summary>
    public DateOnly? CorrectiveActionDue { get; set; }

    public string? ReturnReason { get; set; }

    public string? UpdatedBy { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    public string? SubmittedBy { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    public string? ApprovedBy { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }

    public string? PublishedBy { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>Optimistic concurrency: a save based on an older version is refused, never silently lost.</summary>
    public int Version { get; set; }

    /// <summary>
    /// The council's whole-area figure this update would publish, or null when it has no period or
    /// value yet: the one shape of an update's figure, for publishing it and for showing an approver
    /// what it would look like beside the published ones.
    /// </summary>
    public Measures.Observation? DraftObservation(Measures.Measure measure, string councilArea) =>
        DraftPeriod is { } label && DraftValue is { } value && Measures.Period.TryParse(measure.PeriodType, label, out var period)
            ? new Measures.Observation
            {
                MeasureId = measure.Id,
                PeriodStart = period.Start,
                PeriodEnd = period.End,
                Period = period.Label,
                AreaCode = councilArea,
                BreakdownId = Measures.Breakdown.TotalId,
                Value = value,
                Numerator = DraftNumerator,
                Denominator = DraftDenominator,
                Status = DraftStatus,
                QualityNote = DraftQualityNote,
                Published = true,
            }
            : null;
}

public enum CommitmentStatus
{
    NotYetReported,
    NotStarted,
    OnTrack,
    AtRisk,
    OffTrack,
    Complete,
}

/// <summary>
/// A status report on a commitment or scheme. Never changed once written: the latest published one is
/// the commitment's status, and the earlier ones are its history.
/// </summary>
public sealed class CommitmentUpdate
{
    public long Id { get; set; }

    /// <summary>The plan element (a commitment or scheme).</summary>
    public int ElementId { get; set; }

    public int? ReportingPeriodId { get; set; }

    public CommitmentStatus Status { get; set; }

    public string? Commentary { get; set; }

    /// <summary>A new expected date, when it has moved from the plan's.</summary>
    public DateOnly? RevisedDate { get; set; }

    public bool Published { get; set; }

    public required string EnteredBy { get; set; }

    public DateTimeOffset EnteredAt { get; set; }

    public string? ApprovedBy { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }

    public string? PublishedBy { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }
}

/// <summary>Who answers for a measure or commitment: services own them, and named officers within.</summary>
public sealed class Ownership
{
    public int Id { get; set; }

    /// <summary>Exactly one of these two is set.</summary>
    public int? MeasureId { get; set; }

    public int? ElementId { get; set; }

    public int? ServiceId { get; set; }

    /// <summary>A named owner (a user's id), when there is one.</summary>
    public string? UserId { get; set; }
}
