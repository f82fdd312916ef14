using CouncilPlan.Core.Statistics;

namespace CouncilPlan.Core.Tests.Statistics;

/// <summary>The quantile functions against closed forms and published table values (as R's qnorm, qchisq, qt give them).</summary>
public sealed class DistributionsTests
{
    [Theory]
    [InlineData(0.5, 0.0)]
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(0.999, 3.090232306167813)]
    [InlineData(0.025, -1.959963984540054)]
    public void NormalQuantile_MatchesPublishedValues(double p, double expected)
    {
        var actual = Distributions.NormalQuantile(p);

        Assert.Equal(expected, actual, 1e-12);
    }

    // With two degrees of freedom the chi-square quantile is −2 ln(1 − p).
    [Theory]
    [InlineData(0.001)]
    [InlineData(0.025)]
    [InlineData(0.975)]
    [InlineData(0.999)]
    public void ChiSquareQuantile_TwoDegreesOfFreedom_MatchesClosedForm(double p)
    {
        Reference.Close(-2 * Math.Log(1 - p), Distributions.ChiSquareQuantile(p, 2));
    }

    [Theory]
    [InlineData(0.95, 1d, 3.841458820694124)]
    [InlineData(0.975, 4d, 11.143286781877794)]
    public void ChiSquareQuantile_MatchesPublishedValues(double p, double degreesOfFreedom, double expected)
    {
        Reference.Close(expected, Distributions.ChiSquareQuantile(p, degreesOfFreedom));
    }

    [Fact]
    public void ChiSquareQuantile_ZeroDegreesOfFreedom_IsZeroAsInR()
    {
        Assert.Equal(0, Distributions.ChiSquareQuantile(0.025, 0));
    }

    // One degree of freedom is the Cauchy distribution, tan(π(p − ½)); two is (2p − 1)√(2 / (4p(1 − p))).
    [Fact]
    public void StudentTQuantile_OneAndTwoDegreesOfFreedom_MatchClosedForms()
    {
        Reference.Close(Math.Tan(Math.PI * (0.975 - 0.5)), Distributions.StudentTQuantile(0.975, 1));
        Reference.Close((2 * 0.975 - 1) * Math.Sqrt(2 / (4 * 0.975 * 0.025)), Distributions.StudentTQuantile(0.975, 2));
    }

    [Theory]
    [InlineData(0.975, 10d, 2.228138851986274)]
    [InlineData(0.975, 48d, 2.010634757624232)]
    public void StudentTQuantile_MatchesPublishedValues(double p, double degreesOfFreedom, double expected)
    {
        Reference.Close(expected, Distributions.StudentTQuantile(p, degreesOfFreedom));
    }

    [Fact]
    public void Quantiles_ProbabilityOutsideZeroToOne_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Distributions.NormalQuantile(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Distributions.ChiSquareQuantile(-0.1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Distributions.StudentTQuantile(double.NaN, 2));
    }
}
