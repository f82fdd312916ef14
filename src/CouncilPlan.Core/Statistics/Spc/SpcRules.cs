namespace CouncilPlan.Core.Statistics.Spc;

/// <summary>
/// The Making Data Count rules, one function per helper of NHSRplotthedots 0.2.2 (R/ptd_calculate_point_type.R,
/// R/ptd_calculate_assurance_type.R, R/geom_ptd_icon.R), so each can be checked against that package's own tests.
/// Vectors of flags are 0/1 (or ±1 for direction) as in the reference; every function works on one group.
/// </summary>
internal static class SpcRules
{
    private const int Run = SpcConstants.RunLength;

    /// <summary>
    /// ptd_seven_point_one_side_mean: 1 at the seventh (and every later) consecutive point on the same side of the mean;
    /// a point on the mean (0) is on neither side, so it breaks the run.
    /// </summary>
    public static int[] SevenPointOneSideMean(ReadOnlySpan<int> relativeToMean)
    {
        var result = new int[relativeToMean.Length];
        for (var i = Run - 1; i < relativeToMean.Length; i++)
        {
            var side = relativeToMean[i];
            if (side == 0)
            {
                continue;
            }

            var same = true;
            for (var k = 1; k < Run && same; k++)
            {
                same = relativeToMean[i - k] == side;
            }

            result[i] = same ? 1 : 0;
        }

        return result;
    }

    /// <summary>
    /// ptd_part_of_seven_trend: a point is part of a run when it, or one of the next six points, ends a run of seven
    /// (a nonzero entry). Used for trends and for shifts.
    /// </summary>
    public static int[] PartOfSevenTrend(ReadOnlySpan<int> runEnds)
    {
        var result = new int[runEnds.Length];
        for (var i = 0; i < runEnds.Length; i++)
        {
            for (var j = i; j < Math.Min(i + Run, runEnds.Length); j++)
            {
                if (Math.Abs(runEnds[j]) == 1)
                {
                    result[i] = 1;
                    break;
                }
            }
        }

        return result;
    }

    /// <summary>
    /// ptd_seven_point_trend: 1 (or −1) at a point that ends seven points with six strictly rising (or falling) steps;
    /// a step with no change breaks the trend.
    /// </summary>
    public static int[] SevenPointTrend(ReadOnlySpan<double> values)
    {
        var result = new int[values.Length];
        for (var i = Run - 1; i < values.Length; i++)
        {
            var direction = Math.Sign(values[i] - values[i - 1]);
            for (var k = 1; k < Run - 1 && direction != 0; k++)
            {
                if (Math.Sign(values[i - k] - values[i - k - 1]) != direction)
                {
                    direction = 0;
                }
            }

            result[i] = direction;
        }

        return result;
    }

    /// <summary>
    /// ptd_two_in_three: 1 at every point of a window of three consecutive points of which at least two are close to
    /// the limits and all three are strictly on the same side of the mean.
    /// </summary>
    public static int[] TwoInThree(ReadOnlySpan<int> closeToLimits, ReadOnlySpan<int> relativeToMean)
    {
        if (closeToLimits.Length != relativeToMean.Length)
        {
            throw new ArgumentException("Both vectors must have one entry per point.", nameof(relativeToMean));
        }

        var n = closeToLimits.Length;
        var windowQualifies = new bool[n];
        for (var start = 0; start + 2 < n; start++)
        {
            var close = closeToLimits[start] + closeToLimits[start + 1] + closeToLimits[start + 2];
            var side = relativeToMean[start] + relativeToMean[start + 1] + relativeToMean[start + 2];
            windowQualifies[start] = close >= 2 && Math.Abs(side) == 3;
        }

        var result = new int[n];
        for (var i = 0; i < n; i++)
        {
            for (var start = Math.Max(i - 2, 0); start <= i; start++)
            {
                if (windowQualifies[start])
                {
                    result[i] = 1;
                    break;
                }
            }
        }

        return result;
    }

    /// <summary>ptd_part_of_two_in_three: only the points of a qualifying window that are themselves close to the limits.</summary>
    public static int[] PartOfTwoInThree(ReadOnlySpan<int> twoInThree, ReadOnlySpan<int> closeToLimits)
    {
        var result = new int[twoInThree.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = twoInThree[i] == 1 && Math.Abs(closeToLimits[i]) == 1 ? 1 : 0;
        }

        return result;
    }

    /// <summary>
    /// ptd_special_cause_type for one group: runs the rules and labels each point with the first that applies.
    /// </summary>
    public static string[] SpecialCauseTypes(
        ReadOnlySpan<double> values,
        ReadOnlySpan<int> relativeToMean,
        ReadOnlySpan<int> closeToLimits,
        ReadOnlySpan<bool> outsideLimits)
    {
        var partOfTrend = PartOfSevenTrend(SevenPointTrend(values));
        var partOfTwoInThree = PartOfTwoInThree(TwoInThree(closeToLimits, relativeToMean), closeToLimits);
        var partOfShift = PartOfSevenTrend(SevenPointOneSideMean(relativeToMean));
        return Label(values, relativeToMean, partOfTrend, partOfTwoInThree, partOfShift, outsideLimits);
    }

    /// <summary>
    /// The labelling step of ptd_special_cause_type, in the reference's order of precedence: outside the limits, then a
    /// trend, then two in three, then a shift. A trend point's direction is the step to its right when the next point is
    /// also part of a trend, otherwise the step from its left; only a rising step reads "Increasing" (a flat one reads
    /// "Decreasing", as in the reference).
    /// </summary>
    public static string[] Label(
        ReadOnlySpan<double> values,
        ReadOnlySpan<int> relativeToMean,
        ReadOnlySpan<int> partOfTrend,
        ReadOnlySpan<int> partOfTwoInThree,
        ReadOnlySpan<int> partOfShift,
        ReadOnlySpan<bool> outsideLimits)
    {
        var n = values.Length;
        var labels = new string[n];
        for (var i = 0; i < n; i++)
        {
            if (outsideLimits[i])
            {
                labels[i] = relativeToMean[i] == 1 ? SpcLabels.SpecialCause.AboveUcl : SpcLabels.SpecialCause.BelowLcl;
            }
            else if (partOfTrend[i] != 0)
            {
                var useRightStep = i + 1 < n && partOfTrend[i + 1] != 0;
                var step = useRightStep
                    ? Math.Sign(values[i + 1] - values[i])
                    : i == 0 ? 0 : Math.Sign(values[i] - values[i - 1]);
                labels[i] = step == 1 ? SpcLabels.SpecialCause.TrendIncreasing : SpcLabels.SpecialCause.TrendDecreasing;
            }
            else if (partOfTwoInThree[i] != 0)
            {
                labels[i] = relativeToMean[i] > 0 ? SpcLabels.SpecialCause.TwoInThreeAbove : SpcLabels.SpecialCause.TwoInThreeBelow;
            }
            else if (partOfShift[i] != 0)
            {
                labels[i] = relativeToMean[i] > 0 ? SpcLabels.SpecialCause.ShiftAbove : SpcLabels.SpecialCause.ShiftBelow;
            }
            else
            {
                labels[i] = SpcLabels.SpecialCause.CommonCause;
            }
        }

        return labels;
    }

    /// <summary>
    /// ptd_point_type: a special cause whose label says "Above" or "Increasing" is high, "Below" or "Decreasing" low;
    /// high is an improvement when improvement is an increase, and so on; neutral measures are neutral high or low.
    /// </summary>
    public static string PointType(string specialCauseType, ImprovementDirection improvement)
    {
        var high = specialCauseType.Contains("Above", StringComparison.Ordinal) || specialCauseType.Contains("Increasing", StringComparison.Ordinal);
        var low = specialCauseType.Contains("Below", StringComparison.Ordinal) || specialCauseType.Contains("Decreasing", StringComparison.Ordinal);
        var v = high ? 1 : low ? -1 : 0;

        if (improvement == ImprovementDirection.Neutral)
        {
            return v > 0 ? SpcLabels.Point.NeutralHigh
                : v < 0 ? SpcLabels.Point.NeutralLow
                : SpcLabels.Point.CommonCause;
        }

        v *= improvement == ImprovementDirection.Increase ? 1 : -1;
        return v > 0 ? SpcLabels.Point.Improvement
            : v < 0 ? SpcLabels.Point.Concern
            : SpcLabels.Point.CommonCause;
    }

    /// <summary>The variation icon for the last point's type (ptd_get_icons in R/geom_ptd_icon.R).</summary>
    public static string VariationIcon(string pointType, ImprovementDirection improvement)
    {
        var increase = improvement == ImprovementDirection.Increase;
        return pointType switch
        {
            SpcLabels.Point.CommonCause => SpcLabels.Variation.CommonCause,
            SpcLabels.Point.NeutralHigh => SpcLabels.Variation.NeutralHigh,
            SpcLabels.Point.NeutralLow => SpcLabels.Variation.NeutralLow,
            SpcLabels.Point.Concern => increase ? SpcLabels.Variation.ConcernLow : SpcLabels.Variation.ConcernHigh,
            SpcLabels.Point.Improvement => increase ? SpcLabels.Variation.ImprovementHigh : SpcLabels.Variation.ImprovementLow,
            _ => throw new ArgumentOutOfRangeException(nameof(pointType), pointType, "Not a point type."),
        };
    }

    /// <summary>
    /// ptd_calculate_assurance_type: a target strictly above the upper limit, or strictly below the lower limit, is
    /// consistently failed or passed according to the direction; anything else (including NaN limits) is inconsistent.
    /// Null when there is no target or the direction is neutral.
    /// </summary>
    public static string? Assurance(double? target, double lpl, double upl, ImprovementDirection improvement)
    {
        if (target is not { } t || improvement == ImprovementDirection.Neutral)
        {
            return null;
        }

        var increasing = improvement == ImprovementDirection.Increase;
        if (t > upl)
        {
            return increasing ? SpcLabels.Assurance.ConsistentFail : SpcLabels.Assurance.ConsistentPass;
        }

        if (t < lpl)
        {
            return increasing ? SpcLabels.Assurance.ConsistentPass : SpcLabels.Assurance.ConsistentFail;
        }

        return SpcLabels.Assurance.Inconsistent;
    }
}
