namespace CouncilPlan.Core.Statistics.Spc;

/// <summary>The XmR chart of a series, with its Making Data Count icons.</summary>
/// <param name="Points">The points in period order.</param>
/// <param name="VariationIcon">One of <see cref="SpcLabels.Variation"/>, from the last point.</param>
/// <param name="Assurance">One of <see cref="SpcLabels.Assurance"/>; null when there is no target or the direction is neutral.</param>
/// <param name="ShortGroupWarning">Some group (rebase group) has fewer points than the threshold, so its limits are trial limits.</param>
public sealed record SpcResult(
    IReadOnlyList<SpcPoint> Points,
    string VariationIcon,
    string? Assurance,
    bool ShortGroupWarning);
