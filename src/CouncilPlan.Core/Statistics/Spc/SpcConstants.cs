namespace CouncilPlan.Core.Statistics.Spc;

/// <summary>
/// The figures NHS England's "Making Data Count" XmR method uses, as NHSRplotthedots 0.2.2 sets them
/// (R/ptd_spc_standard.R, R/ptd_add_short_group_warnings.R, R/ptd_spc_options.R).
/// </summary>
public static class SpcConstants
{
    /// <summary>Process limits are the mean ± 2.66 × the average moving range (<c>limit</c> in ptd_spc_standard.R).</summary>
    public const double LimitFactor = 2.66;

    /// <summary>
    /// Near limits are the mean ± 2 × (2.66 / 3) × the average moving range, two thirds of the way to the process limits
    /// (<c>limitclose</c> in ptd_spc_standard.R); computed in the same order as the reference.
    /// </summary>
    public const double NearLimitFactor = 2 * (LimitFactor / 3);

    /// <summary>Moving ranges at or above 3.267 × the average moving range are left out of it when screening outliers.</summary>
    public const double MovingRangeScreenFactor = 3.267;

    /// <summary>A group with fewer points than this has trial limits (<c>ptd_spc.warning_threshold</c>, default 13).</summary>
    public const int ShortGroupThreshold = 13;

    /// <summary>The reference refuses to fix limits on fewer than 12 points (ptd_spc_options.R).</summary>
    public const int MinimumFixAfterPoints = 12;

    /// <summary>Length of a shift (points on one side of the mean) and of a trend (points rising or falling).</summary>
    public const int RunLength = 7;
}
