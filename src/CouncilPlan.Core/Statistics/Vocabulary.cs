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

/// <summary>Direction of travel, judged with the measure's polarity and a test of the change (<see cref="DirectionOfTravel"/>).</summary>
public enum Direction
{
    /// <summary>The two figures cannot be compared: one is missing, the periods overlap, or a series break lies between them.</summary>
    NotComparable,

    /// <summary>Better by more than chance.</summary>
    Improving,

    /// <summary>The change is within chance, or there is none.</summary>
    NoSignificantChange,

    /// <summary>Worse by more than chance.</summary>
    Worsening,

    /// <summary>The change could not be tested, or the measure has no better direction: described, not judged.</summary>
    NotTested,
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
