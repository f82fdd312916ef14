using CouncilPlan.Core.Statistics;

namespace CouncilPlan.Core.Tests.Statistics;

/// <summary>Zero counts, x = n, zero denominators, tiny counts, the 99.8% level and the choice of method.</summary>
public sealed class IntervalsEdgeCaseTests
{
    private const double Z95 = 1.959963984540054;

    [Fact]
    public void Wilson_ZeroCount_HasLowerLimitZeroAndUpperFromFormula()
    {
        var interval = Intervals.Wilson(0, 50, 0.95, 100);

        Assert.Equal(0, interval.Value);
        Assert.Equal(0, interval.Lower);
        Reference.Close(Z95 * Z95 / (50 + (Z95 * Z95)) * 100, interval.Upper);
    }

    [Fact]
    public void Wilson_AllCases_HasUpperLimitOneAndLowerFromFormula()
    {
        var interval = Intervals.Wilson(50, 50);

        Assert.Equal(1, interval.Value);
        Assert.Equal(1, interval.Upper);
        Reference.Close(50 / (50 + (Z95 * Z95)), interval.Lower);
    }

    // PHEindicatormethods R/Proportions.R and R/Rates.R reject a zero denominator ("denominators must be greater
    // than zero"); so do we, rather than return a value of infinity or NaN.
    [Fact]
    public void ZeroDenominator_ThrowsArgumentException()
    {
        var wilson = Assert.Throws<ArgumentOutOfRangeException>(() => Intervals.Wilson(0, 0));
        var rate = Assert.Throws<ArgumentOutOfRangeException>(() => Intervals.Rate(0, 0));

        Assert.Contains("denominators must be greater than zero", wilson.Message, StringComparison.Ordinal);
        Assert.Contains("denominators must be greater than zero", rate.Message, StringComparison.Ordinal);
    }

    // No events: the exact lower limit is 0 (qchisq with 0 degrees of freedom) and the upper −ln(0.025).
    [Fact]
    public void Rate_ZeroEvents_IsExactFromZero()
    {
        var interval = Intervals.Rate(0, 1000, 100_000);

        Assert.Equal(0, interval.Value);
        Assert.Equal(0, interval.Lower);
        Reference.Close(-Math.Log(0.025) / 1000 * 100_000, interval.Upper);
        Assert.Equal("Exact", interval.Method);
    }

    [Fact]
    public void Rate_NineEventsIsExact_TenIsByars()
    {
        Assert.Equal("Exact", Intervals.Rate(9, 1000).Method);
        Assert.Equal("Byars", Intervals.Rate(10, 1000).Method);
        Reference.Close(Intervals.ExactPoisson(9).Lower!.Value / 1000 * 100_000, Intervals.Rate(9, 1000).Lower);
        Reference.Close(Intervals.Byar(10).Upper!.Value / 1000 * 100_000, Intervals.Rate(10, 1000).Upper);
    }

    [Fact]
    public void Count_ChoosesExactBelowTenAndByarsFromTen()
    {
        Assert.Equal(Intervals.ExactPoisson(3), Intervals.Count(3));
        Assert.Equal(Intervals.Byar(12).Lower, Intervals.Count(12).Lower);
        Assert.Equal("Byars", Intervals.Count(12).Method);
    }

    [Fact]
    public void ExactPoisson_OneEvent_MatchesClosedForm()
    {
        // qchisq(0.025, 2) / 2 = −ln(0.975).
        var interval = Intervals.ExactPoisson(1);

        Reference.Close(-Math.Log(0.975), interval.Lower);
        Assert.Equal(1, interval.Value);
    }

    [Fact]
    public void Byar_ZeroEvents_HasNoLowerLimit()
    {
        var interval = Intervals.Byar(0);

        Assert.Null(interval.Lower);
        Reference.Close(Math.Pow(1 - (1.0 / 9) + (Z95 / 3), 3), interval.Upper);
    }

    [Fact]
    public void NinetyNinePointEightPercent_IsWiderThanNinetyFive()
    {
        var at95 = Intervals.Rate(3, 500);
        var at998 = Intervals.Rate(3, 500, confidence: 0.998);

        Assert.True(at998.Lower < at95.Lower);
        Assert.True(at998.Upper > at95.Upper);
        Assert.Equal(0.998, at998.Confidence);
    }

    [Fact]
    public void HundredPercent_IsRejectedExceptForWilson()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Intervals.Rate(5, 100, confidence: 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => Intervals.Byar(5, 1));
        Assert.Equal(100, Intervals.Wilson(5, 100, 100, 100).Upper);
    }

    [Fact]
    public void Dsr_TotalOfExactlyTen_IsCalculated()
    {
        var interval = Intervals.Dsr([(4, 1000, 60_000), (6, 2000, 40_000)]);

        // (4 × 60000/1000 + 6 × 40000/2000) / 100000 × 100000 = 360
        Reference.Close(360, interval.Value);
        Assert.NotNull(interval.Lower);
        Assert.NotNull(interval.Upper);
    }

    [Fact]
    public void Dsr_TotalJustUnderTen_AndAllZero_AreNotCalculated()
    {
        Assert.Null(Intervals.Dsr([(4, 1000, 60_000), (5, 2000, 40_000)]).Value);
        Assert.Null(Intervals.Dsr([(0, 1000, 60_000), (0, 2000, 40_000)]).Upper);
    }

    [Fact]
    public void Dsr_NoStrataOrNoStandardPopulation_Throws()
    {
        Assert.Throws<ArgumentException>(() => Intervals.Dsr([]));
        Assert.Throws<ArgumentException>(() => Intervals.Dsr([(40, 1000, 0), (60, 2000, 0)]));
    }

    [Fact]
    public void Mean_SingleValue_HasNoInterval_AndNoValuesThrows()
    {
        var single = Intervals.Mean([42]);

        Assert.Equal(42, single.Value);
        Assert.Null(single.Lower);
        Assert.Throws<ArgumentException>(() => Intervals.Mean([]));
        Assert.Null(Intervals.Mean([1, double.NaN, 3]).Value);
    }
}
