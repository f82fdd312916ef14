namespace CouncilPlan.Core.Statistics;

/// <summary>The result of a test for a trend across a run of proportions.</summary>
/// <param name="ChiSquared">The test statistic, on one degree of freedom.</param>
/// <param name="Verdict">Rising or falling by more than chance at 95%, or no significant change.</param>
/// <param name="Points">How many figures the test used.</param>
public sealed record TrendResult(double ChiSquared, ChangeVerdict Verdict, int Points);

/// <summary>
/// The chi-squared test for trend in proportions (Armitage, "Tests for linear trends in proportions
/// and frequencies", Biometrics 11 (1955) 375-386; R's <c>prop.trend.test</c>), with the periods
/// scored 1, 2, 3 and so on. OHID Fingertips tests the "recent trend" of a proportion this way over
/// its latest five figures; here the run is the latest five comparable figures (no overlap, no
/// break or gap between them) and the trend is significant when the statistic exceeds the 95%
/// point of chi-squared on one degree of freedom, as every other judgement here is at 95%.
/// </summary>
public static class TrendTest
{
    /// <summary>How many of the latest figures the recent trend is tested over (Fingertips' five).</summary>
    public const int RecentPoints = 5;

    /// <summary>Tests a run of (events, trials) in time order; null when fewer than three points or no variation to test.</summary>
    public static TrendResult? Proportions(IReadOnlyList<(double Events, double Trials)> run)
    {
        if (run.Count < 3 || run.Any(r => !double.IsFinite(r.Events) || !double.IsFinite(r.Trials) || r.Trials <= 0 || r.Events < 0 || r.Events > r.Trials))
        {
            return null;
        }

        var trials = run.Sum(r => r.Trials);
        var p = run.Sum(r => r.Events) / trials;
        var sumScore = 0.0;
        var sumScoreSquared = 0.0;
        var t = 0.0;
        for (var i = 0; i < run.Count; i++)
        {
            var score = i + 1;
            t += score * (run[i].Events - (run[i].Trials * p));
            sumScore += run[i].Trials * score;
            sumScoreSquared += run[i].Trials * score * score;
        }

        var variance = p * (1 - p) * (sumScoreSquared - (sumScore * sumScore / trials));
        if (variance <= 0)
        {
            return null;
        }

        var chiSquared = t * t / variance;
        var verdict = chiSquared <= Distributions.ChiSquareQuantile(0.95, 1)
            ? ChangeVerdict.NoSignificantChange
            : t > 0 ? ChangeVerdict.SignificantlyHigher : ChangeVerdict.SignificantlyLower;
        return new TrendResult(chiSquared, verdict, run.Count);
    }
}
