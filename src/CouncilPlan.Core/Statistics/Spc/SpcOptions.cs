namespace CouncilPlan.Core.Statistics.Spc;

/// <summary>
/// Options for <see cref="SpcAnalysis.Analyse"/>, as NHSRplotthedots' <c>ptd_spc()</c> arguments of the same meaning.
/// </summary>
/// <param name="Improvement">Which direction is an improvement (<c>improvement_direction</c>).</param>
/// <param name="Target">A target for the assurance icon (<c>target</c>); null for none.</param>
/// <param name="RebaseAt">Periods at which a new group, with its own limits, starts (<c>rebase</c>). Periods not in the series are ignored.</param>
/// <param name="FixAfterPoints">Compute each group's limits from its first N points only and carry them forward (<c>fix_after_n_points</c>); at least 12.</param>
/// <param name="ScreenOutliers">Leave moving ranges of 3.267 × the average moving range or more out of it (<c>screen_outliers</c>).</param>
/// <param name="ShortGroupThreshold">Groups with fewer points than this get the short group warning (option <c>ptd_spc.warning_threshold</c>).</param>
public sealed record SpcOptions(
    ImprovementDirection Improvement = ImprovementDirection.Increase,
    double? Target = null,
    IReadOnlyList<DateOnly>? RebaseAt = null,
    int? FixAfterPoints = null,
    bool ScreenOutliers = true,
    int ShortGroupThreshold = SpcConstants.ShortGroupThreshold)
{
    /// <summary>The reference's defaults: improvement is an increase, no target, no rebasing, limits not fixed, outliers screened.</summary>
    public static SpcOptions Default { get; } = new();
}
