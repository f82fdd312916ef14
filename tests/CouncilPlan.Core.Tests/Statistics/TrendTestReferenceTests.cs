using CouncilPlan.Core.Statistics;

namespace CouncilPlan.Core.Tests.Statistics;

/// <summary>The chi-squared test for trend against R's own documented example of prop.trend.test.</summary>
public sealed class TrendTestReferenceTests
{
    [Fact]
    public void Proportions_RsSmokersExample_GivesItsStatistic()
    {
        // R: prop.trend.test(c(83, 90, 129, 70), c(86, 93, 136, 82)) gives X-squared = 8.2249, df = 1, p = 0.004132.
        var result = TrendTest.Proportions([(83, 86), (90, 93), (129, 136), (70, 82)])!;

        Assert.Equal(8.2249, result.ChiSquared, 4);
        Assert.Equal(ChangeVerdict.SignificantlyLower, result.Verdict);
        Assert.Equal(4, result.Points);
    }

    [Fact]
    public void Proportions_SteadyRun_IsNoSignificantChange()
    {
        var result = TrendTest.Proportions([(500, 1000), (510, 1000), (495, 1000), (505, 1000), (502, 1000)])!;

        Assert.Equal(ChangeVerdict.NoSignificantChange, result.Verdict);
    }

    [Fact]
    public void Proportions_RisingRun_IsSignificantlyHigherEvenWhenEachStepIsWithinChance()
    {
        // Each year is about 1.5 points up on the year before, too little to show year on year at this
        // size, but five years of it is a trend.
        var result = TrendTest.Proportions([(500, 1000), (515, 1000), (530, 1000), (545, 1000), (560, 1000)])!;
        var oneStep = ChangeTest.Compare(51.5, Intervals.Wilson(515, 1000, 0.95, 100), 50.0, Intervals.Wilson(500, 1000, 0.95, 100), "m");

        Assert.Equal(ChangeVerdict.SignificantlyHigher, result.Verdict);
        Assert.Equal(ChangeVerdict.NoSignificantChange, oneStep.Verdict);
    }

    [Fact]
    public void Proportions_TooFewPointsOrBadCounts_GiveNoResult()
    {
        Assert.Null(TrendTest.Proportions([(1, 10), (2, 10)]));
        Assert.Null(TrendTest.Proportions([(1, 10), (12, 10), (3, 10)]));
        Assert.Null(TrendTest.Proportions([(0, 10), (0, 10), (0, 10)]));
    }
}
