using CouncilPlan.Core.Statistics;

namespace CouncilPlan.Core.Tests.Statistics;

/// <summary>
/// The test of a change against published reference values: Newcombe (1998), "Interval estimation for
/// the difference between independent proportions: comparison of eleven methods", Statistics in
/// Medicine 17, 873-890, Table II, method 10 (the hybrid score interval, which MOVER over two Wilson
/// intervals is), to the four decimal places the paper gives.
/// </summary>
public sealed class ChangeTestReferenceTests
{
    [Theory]
    [InlineData(56, 70, 48, 80, 0.0524, 0.3339)]
    [InlineData(9, 10, 3, 10, 0.1705, 0.8090)]
    [InlineData(6, 7, 2, 7, 0.0582, 0.8062)]
    [InlineData(5, 56, 0, 29, -0.0381, 0.1926)]
    [InlineData(0, 10, 0, 20, -0.1611, 0.2775)]
    [InlineData(10, 10, 0, 20, 0.6791, 1.0000)]
    public void Compare_TwoWilsonIntervals_GivesNewcombesMethod10(int x1, int n1, int x2, int n2, double lower, double upper)
    {
        var later = Intervals.Wilson(x1, n1);
        var earlier = Intervals.Wilson(x2, n2);

        var result = ChangeTest.Compare(later.Value!.Value, later, earlier.Value!.Value, earlier, ChangeTest.ProportionsMethod);

        Assert.Equal(lower, result.Lower!.Value, 4);
        Assert.Equal(upper, result.Upper!.Value, 4);
        Assert.Equal(ChangeTest.ProportionsMethod, result.Method);
    }

    [Fact]
    public void Compare_IntervalOfTheDifferenceExcludingZero_IsSignificant()
    {
        var later = Intervals.Wilson(56, 70);
        var earlier = Intervals.Wilson(48, 80);

        Assert.Equal(ChangeVerdict.SignificantlyHigher, ChangeTest.Compare(later.Value!.Value, later, earlier.Value!.Value, earlier, "m").Verdict);
        Assert.Equal(ChangeVerdict.SignificantlyLower, ChangeTest.Compare(earlier.Value!.Value, earlier, later.Value!.Value, later, "m").Verdict);
    }

    [Fact]
    public void Compare_OverlappingIntervalsCanStillDifferSignificantly()
    {
        // Two survey estimates with published 95% limits 70.0 to 76.0 and 75.0 to 81.0 overlap, yet the
        // difference 5.0 has a standard error of sqrt(2) × 3/1.96 = 2.16, so its interval is 0.76 to 9.24.
        var result = ChangeTest.Compare(78.0, 75.0, 81.0, 73.0, 70.0, 76.0, ChangeTest.PublishedIntervalsMethod);

        Assert.Equal(ChangeVerdict.SignificantlyHigher, result.Verdict);
        Assert.Equal(5 - (3 * Math.Sqrt(2)), result.Lower!.Value, 9);
    }

    [Fact]
    public void Compare_WithinChance_IsNoSignificantChange()
    {
        // 68.7% and 68.0% of about 3,300 children: a 0.7 point fall is well inside chance variation.
        var later = Intervals.Wilson(2244, 3300, 0.95, 100);
        var earlier = Intervals.Wilson(2267, 3300, 0.95, 100);

        var result = ChangeTest.Compare(later.Value!.Value, later, earlier.Value!.Value, earlier, ChangeTest.ProportionsMethod);

        Assert.Equal(ChangeVerdict.NoSignificantChange, result.Verdict);
        Assert.True(result.Lower < 0 && result.Upper > 0);
    }

    [Fact]
    public void Compare_WithoutAnInterval_IsNotTestedButKeepsTheDifference()
    {
        var result = ChangeTest.Compare(68.0, null, 68.7, Intervals.Wilson(2267, 3300, 0.95, 100), "m");

        Assert.Equal(ChangeVerdict.NotTested, result.Verdict);
        Assert.Equal(-0.7, result.Difference, 9);
        Assert.Null(result.Method);
    }

    [Fact]
    public void Compare_AnIntervalThatDoesNotContainItsFigure_IsNotTested()
    {
        Assert.Equal(ChangeVerdict.NotTested, ChangeTest.Compare(80, 70, 75, 60, 55, 65, "m").Verdict);
    }
}
