using MathNet.Numerics.Distributions;

namespace CouncilPlan.Core.Statistics;

/// <summary>
/// The inverse cumulative distribution functions the interval methods need, in the form R's
/// <c>qnorm</c>, <c>qchisq</c> and <c>qt</c> take them (lower tail). Backed by MathNet.Numerics;
/// the tests check each against published values.
/// </summary>
public static class Distributions
{
    /// <summary>The standard normal quantile, R's <c>qnorm(p)</c>.</summary>
    public static double NormalQuantile(double p)
    {
        CheckProbability(p);
        return Normal.InvCDF(0, 1, p);
    }

    /// <summary>
    /// The chi-square quantile, R's <c>qchisq(p, df)</c>. Zero degrees of freedom is the point mass at
    /// zero, as in R (the exact Poisson lower limit for no events is zero).
    /// </summary>
    public static double ChiSquareQuantile(double p, double degreesOfFreedom)
    {
        CheckProbability(p);
        ArgumentOutOfRangeException.ThrowIfNegative(degreesOfFreedom);
        if (degreesOfFreedom == 0 || p == 0)
        {
            return 0;
        }

        return p == 1 ? double.PositiveInfinity : ChiSquared.InvCDF(degreesOfFreedom, p);
    }

    /// <summary>The Student t quantile, R's <c>qt(p, df)</c>.</summary>
    public static double StudentTQuantile(double p, double degreesOfFreedom)
    {
        CheckProbability(p);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(degreesOfFreedom);
        return StudentT.InvCDF(0, 1, degreesOfFreedom, p);
    }

    private static void CheckProbability(double p)
    {
        if (double.IsNaN(p) || p < 0 || p > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A probability must be between 0 and 1.");
        }
    }
}
