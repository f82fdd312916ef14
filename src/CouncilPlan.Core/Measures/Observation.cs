namespace CouncilPlan.Core.Measures;

public enum ObservationStatus
{
    Final,
    Provisional,
    Revised,
}

/// <summary>Who put figures in, when, and how: one import, one form save.</summary>
public sealed class DataBatch
{
    public int Id { get; set; }

    public required string EnteredBy { get; set; }

    public DateTimeOffset EnteredAt { get; set; }

    /// <summary>"import of employment-rate.csv", "entered in the staff workspace".</summary>
    public required string Description { get; set; }
}

/// <summary>
/// One value of a measure for a period, an area and a breakdown. A changed value is a revision:
/// the previous version is kept in <see cref="ObservationRevision"/> by the database itself.
/// </summary>
public sealed class Observation
{
    public long Id { get; set; }

    public int MeasureId { get; set; }

    public Measure? Measure { get; set; }

    public DateOnly PeriodStart { get; set; }

    public DateOnly PeriodEnd { get; set; }

    /// <summary>The period's canonical label ("2023-24 Q2").</summary>
    public required string Period { get; set; }

    public required string AreaCode { get; set; }

    public int BreakdownId { get; set; }

    public Breakdown? Breakdown { get; set; }

    public double Value { get; set; }

    public double? Numerator { get; set; }

    public double? Denominator { get; set; }

    /// <summary>The lower bound of the 95% confidence interval the publisher gives (the Annual Population Survey does).</summary>
    public double? LowerCi { get; set; }

    /// <summary>The upper bound of the publisher's 95% confidence interval.</summary>
    public double? UpperCi { get; set; }

    public ObservationStatus Status { get; set; }

    public string? QualityNote { get; set; }

    /// <summary>Only published figures leave through the portal, the API, exports and reports.</summary>
    public bool Published { get; set; }

    public int BatchId { get; set; }

    public DataBatch? Batch { get; set; }

    /// <summary>1 when first entered; one more with each revision.</summary>
    public int Version { get; set; }
}

/// <summary>A version of an observation that a later one replaced.</summary>
public sealed class ObservationRevision
{
    public long Id { get; set; }

    public long ObservationId { get; set; }

    public int Version { get; set; }

    public double Value { get; set; }

    public double? Numerator { get; set; }

    public double? Denominator { get; set; }

    public double? LowerCi { get; set; }

    public double? UpperCi { get; set; }

    public ObservationStatus Status { get; set; }

    public string? QualityNote { get; set; }

    public bool Published { get; set; }

    /// <summary>The batch that entered this version.</summary>
    public int BatchId { get; set; }

    public DataBatch? Batch { get; set; }

    /// <summary>The batch that replaced it.</summary>
    public int ReplacedByBatchId { get; set; }

    public DataBatch? ReplacedByBatch { get; set; }
}
