namespace CouncilPlan.Core.Statistics;

/// <summary>What a test says about the difference between a later figure and an earlier one.</summary>
public enum ChangeVerdict
{
    /// <summary>No test was possible (no interval for one of the figures, or the measure has no test).</summary>
    NotTested,

    /// <summary>The 95% interval of the difference includes zero: the change may be chance.</summary>
    NoSignificantChange,

    /// <summary>The later figure is higher, and the whole 95% interval of the difference is above zero.</summary>
    SignificantlyHigher,

    /// <summary>The later figure is lower, and the whole 95% interval of the difference is below zero.</summary>
    SignificantlyLower,
}

/// <summary>A tested (or untested) change: the difference as published, its interval and the method.</summary>
public sealed record ChangeResult(ChangeVerdict Verdict, double Difference, double? Lower, double? Upper, string? Method)
{
    public bool Tested => Verdict != ChangeVerdict.NotTested;
}

/// <summary>
/// Whether two independent figures differ by more than chance, from each figure's own 95% confidence
/// interval. The interval of the difference is found by the "method of variance estimates recovery"
/// (MOVER: Zou and Donner, "Construction of confidence limits about effect measures: a general
/// approach", Statistics in Medicine 27 (2008) 1693-1702), which for two Wilson score intervals is
/// exactly Newcombe's hybrid score method 10 for a difference of proportions (Newcombe, "Interval
/// estimation for the difference between independent proportions", Statistics in Medicine 17 (1998)
/// 873-890). With symmetric intervals (a survey's published 95% limits) it is the usual test of a
/// difference with the two standard errors added in quadrature, as ONS advises for comparing two
/// estimates. The change is significant when the difference's interval excludes zero; the figures'
/// intervals merely not overlapping is a stricter test than this, and overlapping intervals do not
/// mean there is no significant difference (ONS, "Uncertainty and how we measure it for our surveys").
/// </summary>
public static class ChangeTest
{
    /// <summary>Method name for two proportions with Wilson intervals (Newcombe's method 10).</summary>
    public const string ProportionsMethod = "Difference of two proportions: Newcombe's hybrid score interval from the Wilson intervals (95%)";

    /// <summary>Method name for two rates or counts with exact Poisson or Byar's intervals.</summary>
    public const string RatesMethod = "Difference of two rates or counts: MOVER interval from the exact Poisson or Byar's intervals (95%)";

    /// <summary>Method name for two figures with the publisher's own 95% confidence intervals.</summary>
    public const string PublishedIntervalsMethod = "Difference of two survey estimates: MOVER interval from the publisher's 95% confidence intervals";

    /// <summary>
    /// The difference later minus earlier with its MOVER interval, from each figure's 95% interval; not
    /// tested when either interval is missing a bound or does not contain its figure.
    /// </summary>
    public static ChangeResult Compare(double later, double? laterLower, double? laterUpper, double earlier, double? earlierLower, double? earlierUpper, string method)
    {
        var difference = later - earlier;
        if (laterLower is not { } l1 || laterUpper is not { } u1 || earlierLower is not { } l2 || earlierUpper is not { } u2
            || !double.IsFinite(later) || !double.IsFinite(earlier) || l1 > later || u1 < later || l2 > earlier || u2 < earlier)
        {
            return new ChangeResult(ChangeVerdict.NotTested, difference, null, null, null);
        }

        // Zou and Donner (2008) equations (6) and (7) for theta1 - theta2.
        var lower = difference - Math.Sqrt(Square(later - l1) + Square(u2 - earlier));
        var upper = difference + Math.Sqrt(Square(u1 - later) + Square(earlier - l2));
        var verdict = lower > 0 ? ChangeVerdict.SignificantlyHigher
            : upper < 0 ? ChangeVerdict.SignificantlyLower
            : ChangeVerdict.NoSignificantChange;
        return new ChangeResult(verdict, difference, lower, upper, method);
    }

    /// <summary>The change between two figures that each carry an <see cref="Interval"/> (or none).</summary>
    public static ChangeResult Compare(double later, Interval? laterInterval, double earlier, Interval? earlierInterval, string method) =>
        Compare(later, laterInterval?.Lower, laterInterval?.Upper, earlier, earlierInterval?.Lower, earlierInterval?.Upper, method);

    /// <summary>A change that could not be tested: the difference alone.</summary>
    public static ChangeResult Untested(double later, double earlier) => new(ChangeVerdict.NotTested, later - earlier, null, null, null);

    private static double Square(double x) => x * x;
}
