namespace CouncilPlan.Core.Statistics.Spc;

/// <summary>
/// One point of an XmR chart with its group's limits and its judgement: a row of NHSRplotthedots' <c>ptd_spc_df</c>.
/// Limits are null where the reference gives NaN (a group of one point, or one whose moving ranges are all screened out).
/// </summary>
/// <param name="Period">The point's period (<c>x</c>).</param>
/// <param name="Value">The measured value (<c>y</c>).</param>
/// <param name="RebaseGroup">0 before the first rebase, then 1, 2, … (<c>rebase_group</c>).</param>
/// <param name="Mean">The group's mean (<c>mean_col</c>).</param>
/// <param name="Lpl">Lower process limit: mean − 2.66 × average moving range.</param>
/// <param name="Upl">Upper process limit: mean + 2.66 × average moving range.</param>
/// <param name="Nlpl">Near lower process limit: mean − 2 × (2.66 / 3) × average moving range.</param>
/// <param name="Nupl">Near upper process limit: mean + 2 × (2.66 / 3) × average moving range.</param>
/// <param name="SpecialCauseType">One of <see cref="SpcLabels.SpecialCause"/>.</param>
/// <param name="PointType">One of <see cref="SpcLabels.Point"/>.</param>
/// <param name="RelativeToMean">The sign of value − mean: 1 above, −1 below, 0 exactly on it.</param>
/// <param name="OutsideLimits">Strictly above the upper or below the lower limit; null where the limits are.</param>
/// <param name="CloseToLimits">Strictly beyond a near limit but not outside the limits; null where the limits are.</param>
/// <param name="SpecialCauseFlag">Any special cause (<c>special_cause_flag</c>).</param>
/// <param name="ShortGroupWarning">The point's group has fewer points than the threshold.</param>
public sealed record SpcPoint(
    DateOnly Period,
    double Value,
    int RebaseGroup,
    double? Mean,
    double? Lpl,
    double? Upl,
    double? Nlpl,
    double? Nupl,
    string SpecialCauseType,
    string PointType,
    int RelativeToMean,
    bool? OutsideLimits,
    bool? CloseToLimits,
    bool SpecialCauseFlag,
    bool ShortGroupWarning);
