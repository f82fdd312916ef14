namespace CouncilPlan.Core.Statistics.Spc;

/// <summary>The strings NHSRplotthedots 0.2.2 gives its results in; stable, because they are published.</summary>
public static class SpcLabels
{
    /// <summary>Per point, which rule flagged it (ptd_special_cause_type, R/ptd_calculate_point_type.R), in order of precedence.</summary>
    public static class SpecialCause
    {
        public const string AboveUcl = "Above UCL";
        public const string BelowLcl = "Below LCL";
        public const string TrendIncreasing = "7 Point Trend (Increasing)";
        public const string TrendDecreasing = "7 Point Trend (Decreasing)";
        public const string TwoInThreeAbove = "2 in 3 Above CL";
        public const string TwoInThreeBelow = "2 in 3 Below CL";
        public const string ShiftAbove = "7 Points Above CL";
        public const string ShiftBelow = "7 Points Below CL";
        public const string CommonCause = "Common Cause";
    }

    /// <summary>Per point, the special cause judged with the improvement direction (ptd_point_type).</summary>
    public static class Point
    {
        public const string CommonCause = "common_cause";
        public const string Improvement = "special_cause_improvement";
        public const string Concern = "special_cause_concern";
        public const string NeutralHigh = "special_cause_neutral_high";
        public const string NeutralLow = "special_cause_neutral_low";
    }

    /// <summary>The variation icon, from the last point (icon file names in inst/icons/variation).</summary>
    public static class Variation
    {
        public const string CommonCause = "common_cause";
        public const string ImprovementHigh = "improvement_high";
        public const string ImprovementLow = "improvement_low";
        public const string ConcernHigh = "concern_high";
        public const string ConcernLow = "concern_low";
        public const string NeutralHigh = "neutral_high";
        public const string NeutralLow = "neutral_low";
    }

    /// <summary>The assurance icon, from the target against the last point's limits (ptd_calculate_assurance_type).</summary>
    public static class Assurance
    {
        public const string ConsistentPass = "consistent_pass";
        public const string ConsistentFail = "consistent_fail";
        public const string Inconsistent = "inconsistent";
    }
}
