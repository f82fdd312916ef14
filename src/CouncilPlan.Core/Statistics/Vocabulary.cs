namespace CouncilPlan.Core.Statistics;

// The words judgements are given in. Shared by every part of the statistics module, so that a
// measure's RAG, its SPC result and its benchmark comparison can be combined without translation.

/// <summary>Which way is better for a measure.</summary>
public enum Polarity
{
    HigherIsBetter,
    LowerIsBetter,

    /// <summary>Tracked, but neither direction is better (for example population).</summary>
    NoJudgement,
}

/// <summary>Red, amber or green against target; context indicators and measures without a target are not rated.</summary>
public enum Rag
{
    NotRated,
    Red,
    Amber,
    Green,
}

/// <summary>Direction of travel, judged with the measure's polarity.</summary>
public enum Direction
{
    NotComparable,
    Improving,
    NoChange,
    GettingWorse,

    /// <summary>Changed, but the measure has no polarity so the change is neither better nor worse.</summary>
    Changed,
}

/// <summary>Better, similar or worse than a benchmark (OHID Fingertips' comparison).</summary>
public enum Comparison
{
    NotCompared,
    Better,
    Similar,
    Worse,

    /// <summary>Significantly different, but the measure has no polarity (Fingertips' "higher" / "lower").</summary>
    Higher,
    Lower,
}

/// <summary>A point estimate with its confidence interval; bounds are null where the method gives none.</summary>
public sealed record Interval(double? Value, double? Lower, double? Upper, string Method, double Confidence);
