namespace CouncilPlan.Core.Statistics.Spc;

/// <summary>
/// The limits of one group of an XmR chart, as ptd_spc_standard (R/ptd_spc_standard.R) computes them.
/// Any of the limits is NaN where the average moving range is: fewer than two points, or every moving range screened out.
/// </summary>
internal readonly record struct XmrLimits(double Mean, double AverageMovingRange, double Lpl, double Upl, double Nlpl, double Nupl)
{
    /// <summary>Limits from the points the group's limits are based on (all of them, or the first N when fixed).</summary>
    public static XmrLimits Calculate(ReadOnlySpan<double> values, bool screenOutliers)
    {
        var mean = MeanOf(values);

        var movingRanges = new double[Math.Max(values.Length - 1, 0)];
        for (var i = 1; i < values.Length; i++)
        {
            movingRanges[i - 1] = Math.Abs(values[i] - values[i - 1]);
        }

        var averageMovingRange = MeanOf(movingRanges);
        if (screenOutliers)
        {
            // The reference keeps a moving range only when it is strictly below 3.267 × the average, in one pass.
            // When the average is 0 (a constant series) no moving range is below it, and the average becomes NaN.
            var screen = SpcConstants.MovingRangeScreenFactor * averageMovingRange;
            averageMovingRange = MeanOf(movingRanges.Where(mr => mr < screen).ToArray());
        }

        return new XmrLimits(
            mean,
            averageMovingRange,
            mean - (SpcConstants.LimitFactor * averageMovingRange),
            mean + (SpcConstants.LimitFactor * averageMovingRange),
            mean - (SpcConstants.NearLimitFactor * averageMovingRange),
            mean + (SpcConstants.NearLimitFactor * averageMovingRange));
    }

    /// <summary>
    /// The arithmetic mean as R's <c>mean()</c> computes it: the sum divided by the count, then corrected by the mean of the
    /// residuals (R accumulates in long double; this is the same two passes in double). NaN for no values.
    /// </summary>
    public static double MeanOf(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return double.NaN;
        }

        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }

        var mean = sum / values.Length;
        if (double.IsFinite(mean))
        {
            var residual = 0.0;
            foreach (var v in values)
            {
                residual += v - mean;
            }

            mean += residual / values.Length;
        }

        return mean;
    }
}
