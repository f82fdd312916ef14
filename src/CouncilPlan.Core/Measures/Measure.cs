using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Statistics;

namespace CouncilPlan.Core.Measures;

public enum MeasureUnit
{
    Count,
    Percentage,
    Rate,
    Money,
    Ratio,
    Score,
    Emissions,
}

public enum Frequency
{
    Monthly,
    Quarterly,
    Annual,
}

public enum MeasureKind
{
    /// <summary>A council performance measure, judged against targets.</summary>
    Performance,

    /// <summary>A borough context indicator: tracked and compared, never RAG-rated.</summary>
    Context,
}

/// <summary>Who publishes figures, and under which licence.</summary>
public sealed class Source
{
    public required string Id { get; set; }

    public required string Publisher { get; set; }

    public required string Title { get; set; }

    public required string Licence { get; set; }

    public string? Url { get; set; }
}

/// <summary>Something the council measures to know whether the plan is working.</summary>
public sealed class Measure
{
    public int Id { get; set; }

    /// <summary>The council's reference, for example "A1-03".</summary>
    public required string Code { get; set; }

    public required string Title { get; set; }

    /// <summary>Plain English: what is counted, over what, for whom.</summary>
    public required string Definition { get; set; }

    public MeasureUnit Unit { get; set; }

    /// <summary>How the unit reads after a number: "% of employee jobs", "kt CO2".</summary>
    public string? UnitLabel { get; set; }

    /// <summary>For a rate: the N in "per N" (100,000).</summary>
    public double? RatePer { get; set; }

    public int Decimals { get; set; }

    public Polarity Polarity { get; set; }

    public Frequency Frequency { get; set; }

    public PeriodType PeriodType { get; set; }

    public MeasureKind Kind { get; set; }

    public string? SourceId { get; set; }

    public Source? Source { get; set; }

    /// <summary>The publisher's own name for the series.</summary>
    public string? Series { get; set; }

    /// <summary>The service that answers for the measure.</summary>
    public string? Owner { get; set; }

    /// <summary>The plan whose catalogue defined it.</summary>
    public required string PlanId { get; set; }

    public int? PortfolioId { get; set; }

    public PlanElement? Portfolio { get; set; }

    public string? BenchmarkAreaCode { get; set; }

    /// <summary>Counts (or numerators) from 1 to this minus one are never published.</summary>
    public int? SuppressBelow { get; set; }

    public string? Caveat { get; set; }

    /// <summary>How many months after a period ends its figure is published (for currency); null: the default for the frequency.</summary>
    public int? ReleaseLagMonths { get; set; }

    /// <summary>How many months apart the source publishes; null: one period of the measure's frequency.</summary>
    public int? ReleaseEveryMonths { get; set; }

    /// <summary>Why and when the series stopped, when it has: no newer figure will come.</summary>
    public string? Discontinued { get; set; }

    /// <summary>Why statistical process control answers no question for this measure (a growing population total), when it does not.</summary>
    public string? SpcNotApplied { get; set; }

    /// <summary>The figures count independent events (admissions, exclusions), so a change can be tested against Poisson variation.</summary>
    public bool CountOfEvents { get; set; }

    /// <summary>
    /// The figures rise and fall with the seasons and are not seasonally adjusted, so a figure is
    /// compared only with the same period a year earlier, never with the one just before.
    /// </summary>
    public bool Seasonal { get; set; }

    public List<MeasureTarget> Targets { get; } = [];

    /// <summary>Where the series starts again on a new basis, so earlier figures are not comparable with later ones.</summary>
    public List<MeasureBreak> Breaks { get; } = [];

    public List<MeasureEvidence> Evidence { get; } = [];

    public List<MeasureComparator> Comparators { get; } = [];

    public List<MeasureDimension> Dimensions { get; } = [];

    /// <summary>The multiplier that turns a proportion into the published figure (100 for a percentage).</summary>
    public double Multiplier => Unit switch
    {
        MeasureUnit.Percentage => 100,
        MeasureUnit.Rate => RatePer ?? 1,
        _ => 1,
    };

    /// <summary>Whether the figures are numbers of people or things, so small ones identify someone.</summary>
    public bool IsCount => Unit == MeasureUnit.Count;
}

/// <summary>A plan element (impact statement, commitment, key area) that a measure evidences.</summary>
public sealed class MeasureEvidence
{
    public int MeasureId { get; set; }

    public int ElementId { get; set; }

    public PlanElement? Element { get; set; }

    public int Position { get; set; }
}

/// <summary>An area or comparator group shown beside a measure's figures.</summary>
public sealed class MeasureComparator
{
    public int MeasureId { get; set; }

    public required string AreaCode { get; set; }

    public int Position { get; set; }
}

/// <summary>A breakdown dimension a measure's figures may be split by.</summary>
public sealed class MeasureDimension
{
    public int MeasureId { get; set; }

    public required string DimensionId { get; set; }
}

/// <summary>
/// A break in a series: from this period on the figures are made on a new basis (a new definition, a
/// change of method, assessments replacing exams), so none is compared with one before it.
/// </summary>
public sealed class MeasureBreak
{
    public int Id { get; set; }

    public int MeasureId { get; set; }

    /// <summary>The first period of the new series, as its canonical label.</summary>
    public required string Period { get; set; }

    public DateOnly PeriodStart { get; set; }

    public required string Reason { get; set; }
}

public enum ToleranceType
{
    Absolute,
    Percent,
}

/// <summary>The figure a measure should reach in a period, with the distance within which it is amber.</summary>
public sealed class MeasureTarget
{
    public int Id { get; set; }

    public int MeasureId { get; set; }

    public required string Period { get; set; }

    public DateOnly PeriodStart { get; set; }

    public double Value { get; set; }

    public double? Tolerance { get; set; }

    public ToleranceType ToleranceType { get; set; }

    /// <summary>Where the target comes from ("Council Plan 2023-24: seven family hubs by April 2024").</summary>
    public string? Source { get; set; }
}

/// <summary>A way figures are split: age band, sex, ethnicity, free school meals.</summary>
public sealed class Dimension
{
    public required string Id { get; set; }

    public required string Title { get; set; }

    /// <summary>
    /// The categories split the measure's own outcome (highest qualification, an energy rating
    /// band), not its population (age, sex, ward): each figure is the share of the whole in that
    /// category, not the measure's value for a group of people. Such a figure is never compared
    /// with the whole and never makes the whole "hide" a group, because it is not the same thing.
    /// </summary>
    public bool Shares { get; set; }
}

/// <summary>
/// One category of a dimension, or the whole population (<see cref="TotalId"/>, empty dimension and
/// category), so that every observation has a breakdown and its key has no nulls.
/// </summary>
public sealed class Breakdown
{
    public const int TotalId = 1;

    public int Id { get; set; }

    /// <summary>The dimension's id, or empty for the whole population.</summary>
    public required string DimensionId { get; set; }

    public required string Category { get; set; }

    public required string Title { get; set; }

    /// <summary>The text form used in CSV files and the API: "free-school-meals:eligible", or "" for everyone.</summary>
    public string Key => DimensionId.Length == 0 ? "" : $"{DimensionId}:{Category}";
}

/// <summary>A member of a comparator group (CIPFA nearest neighbours, statistical neighbours).</summary>
public sealed class AreaGroupMember
{
    public required string GroupCode { get; set; }

    public required string MemberCode { get; set; }
}
