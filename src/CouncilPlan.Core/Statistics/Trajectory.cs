namespace CouncilPlan.Core.Statistics;

/// <summary>Whether a measure's trend will meet a dated target.</summary>
public enum TrajectoryStatus
{
    /// <summary>Even the unfavourable end of the prediction interval at the target date meets the target.</summary>
    OnCourse,

    /// <summary>Even the favourable end of the prediction interval at the target date misses the target.</summary>
    OffCourse,

    /// <summary>Too few points for a judgement, or the prediction interval straddles the target.</summary>
    TooEarlyToTell,
}

/// <summary>The trend, the projection at the target date and the judgement.</summary>
/// <param name="Status">On course, off course or too early to tell.</param>
/// <param name="Points">How many (year, value) points the trend was fitted to.</param>
/// <param name="Slope">Change per year; null with fewer than two distinct years.</param>
/// <param name="Intercept">The fitted value at year zero; null with fewer than two distinct years.</param>
/// <param name="Projected">The trend's value at the target date, with its prediction interval (null limits with fewer than three points).</param>
/// <param name="Reason">Why the status was given, in plain English.</param>
public sealed record TrajectoryResult(TrajectoryStatus Status, int Points, double? Slope, double? Intercept, Interval Projected, string Reason);

/// <summary>
/// Projects an ordinary least-squares straight-line trend over (year, value) to a dated target, such as territorial
/// CO2 falling to carbon neutral by 2038, with a Student's t prediction interval for a single future value at the
/// target date: ŷ ± t(1−α/2, n−2) × s × √(1 + 1/n + (x₀ − x̄)² / Σ(x − x̄)²), s the residual standard deviation.
/// The rule:
/// <list type="bullet">
/// <item>Fewer than <c>minimumPoints</c> points (default 5): too early to tell (the projection is still given
/// where it can be computed).</item>
/// <item>On course when the unfavourable limit meets the target: for lower-is-better the upper limit is at or
/// below the target; for higher-is-better the lower limit is at or above it.</item>
/// <item>Off course when even the favourable limit misses: for lower-is-better the lower limit is above the
/// target; for higher-is-better the upper limit is below it.</item>
/// <item>Otherwise the interval straddles the target: too early to tell.</item>
/// </list>
/// A target needs a direction, so a measure with no polarity is an error.
/// </summary>
public static class Trajectory
{
    /// <summary>The method name given to the projected interval.</summary>
    public const string Method = "OLS prediction interval";

    /// <summary>Fewer points than this are too early to tell.</summary>
    public const int DefaultMinimumPoints = 5;

    /// <summary>Projects the trend to the target year and judges it against the target value.</summary>
    public static TrajectoryResult Project(
        IEnumerable<(double Year, double Value)> points,
        double targetYear,
        double targetValue,
        Polarity polarity,
        double confidence = 0.95,
        int minimumPoints = DefaultMinimumPoints)
    {
        if (polarity == Polarity.NoJudgement)
        {
            throw new ArgumentException("a trajectory to a target needs a polarity", nameof(polarity));
        }

        if (minimumPoints < 3)
        {
            throw new ArgumentOutOfRangeException(nameof(minimumPoints), minimumPoints, "a prediction interval needs at least three points");
        }

        var level = Intervals.NormaliseConfidence(confidence);
        if (level == 1)
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "a 100% prediction interval has no finite limits");
        }

        var data = points.Where(p => !double.IsNaN(p.Year) && !double.IsNaN(p.Value)).ToList();
        var n = data.Count;
        var meanX = n == 0 ? 0 : data.Average(p => p.Year);
        var meanY = n == 0 ? 0 : data.Average(p => p.Value);
        var sxx = data.Sum(p => (p.Year - meanX) * (p.Year - meanX));
        if (n < 2 || sxx == 0)
        {
            return new TrajectoryResult(
                TrajectoryStatus.TooEarlyToTell, n, null, null, new Interval(null, null, null, Method, level),
                "Too early to tell: a trend needs values for at least two different years.");
        }

        var slope = data.Sum(p => (p.Year - meanX) * (p.Value - meanY)) / sxx;
        var intercept = meanY - (slope * meanX);
        var projected = intercept + (slope * targetYear);
        double? lower = null;
        double? upper = null;
        if (n > 2)
        {
            var residualSquares = data.Sum(p => Math.Pow(p.Value - (intercept + (slope * p.Year)), 2));
            var s = Math.Sqrt(residualSquares / (n - 2));
            var t = Distributions.StudentTQuantile(1 - ((1 - level) / 2), n - 2);
            var halfWidth = t * s * Math.Sqrt(1 + (1.0 / n) + (Math.Pow(targetYear - meanX, 2) / sxx));
            lower = projected - halfWidth;
            upper = projected + halfWidth;
        }

        var interval = new Interval(projected, lower, upper, Method, level);
        if (n < minimumPoints || lower is not { } lo || upper is not { } hi)
        {
            return new TrajectoryResult(
                TrajectoryStatus.TooEarlyToTell, n, slope, intercept, interval,
                $"Too early to tell: the trend has {n} points and needs at least {minimumPoints}.");
        }

        var (unfavourable, favourable) = polarity == Polarity.LowerIsBetter ? (hi, lo) : (lo, hi);
        bool Meets(double v) => polarity == Polarity.LowerIsBetter ? v <= targetValue : v >= targetValue;

        if (Meets(unfavourable))
        {
            return new TrajectoryResult(TrajectoryStatus.OnCourse, n, slope, intercept, interval,
                "On course: even the unfavourable end of the prediction interval meets the target.");
        }

        if (!Meets(favourable))
        {
            return new TrajectoryResult(TrajectoryStatus.OffCourse, n, slope, intercept, interval,
                "Off course: even the favourable end of the prediction interval misses the target.");
        }

        return new TrajectoryResult(TrajectoryStatus.TooEarlyToTell, n, slope, intercept, interval,
            "Too early to tell: the prediction interval at the target date includes the target.");
    }
}
