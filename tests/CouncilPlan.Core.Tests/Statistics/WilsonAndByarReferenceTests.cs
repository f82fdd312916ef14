using CouncilPlan.Core.Statistics;

namespace CouncilPlan.Core.Tests.Statistics;

/// <summary>
/// Cases transcribed from PHEindicatormethods tests/testthat/testdata_Byars_Wilson.xlsx (sheet testdata_B_W), as
/// tests/testthat/testByars.R and tests/testthat/testWilson.R use them.
/// </summary>
public sealed class WilsonAndByarReferenceTests
{
    // testdata_B_W rows 2-4 and 5-7 (byars_lower / byars_upper at 95% and 99.8%), testByars.R.
    [Theory]
    [InlineData(65d, 0.95, 50.163187710459454, 82.849138545939837)]
    [InlineData(1045d, 0.95, 982.59320180733255, 1110.3312129856499)]
    [InlineData(1d, 0.95, 1.3072132901504351E-2, 5.5637555824752605)]
    [InlineData(65d, 0.998, 42.880261471480203, 94.000290844318016)]
    [InlineData(1045d, 0.998, 947.94070356103737, 1148.8061609880331)]
    [InlineData(10d, 0.998, 2.916318374695686, 24.193724927880535)]
    public void Byar_AtNinetyFiveAndNinetyNinePointEightPercent_MatchesReference(double x, double confidence, double lower, double upper)
    {
        var interval = Intervals.Byar(x, confidence);

        Assert.Equal(x, interval.Value);
        Reference.Close(lower, interval.Lower);
        Reference.Close(upper, interval.Upper);
        Assert.Equal("Byars", interval.Method);
        Assert.Equal(confidence, interval.Confidence);
    }

    // testdata_B_W row 14: one event at 99.8% has no Byar's lower limit (NA), upper 9.362180217908362.
    [Fact]
    public void Byar_OneEventAtNinetyNinePointEightPercent_HasNoLowerLimitAsReference()
    {
        var interval = Intervals.Byar(1, 0.998);

        Assert.Null(interval.Lower);
        Reference.Close(9.362180217908362, interval.Upper);
    }

    // testByars.R: confidence = 99.8 and confidence = 0.998 give the same limits.
    [Fact]
    public void Byar_ConfidenceAsPercentage_MatchesReference()
    {
        var interval = Intervals.Byar(65, 99.8);

        Reference.Close(42.880261471480203, interval.Lower);
        Reference.Close(94.000290844318016, interval.Upper);
        Assert.Equal(0.998, interval.Confidence);
    }

    // testdata_B_W rows 8-13 (wilson_lower / wilson_upper at 95% and 99.8%), testWilson.R; includes a fractional x.
    [Theory]
    [InlineData(65d, 100d, 0.95, 0.55254443296887967, 0.73635751756902468)]
    [InlineData(1045d, 5000d, 0.95, 0.19795549880013297, 0.22049130373189027)]
    [InlineData(0.445, 1d, 0.95, 4.3817447720588223E-2, 0.93346212769791559)]
    [InlineData(65d, 100d, 0.998, 0.49549465740704313, 0.77835406140896968)]
    [InlineData(1045d, 5000d, 0.998, 0.19179381799015244, 0.22731562902525818)]
    [InlineData(0.445, 1d, 0.998, 1.9347006132900975E-2, 0.97022599470195414)]
    public void Wilson_AtNinetyFiveAndNinetyNinePointEightPercent_MatchesReference(double x, double n, double confidence, double lower, double upper)
    {
        var interval = Intervals.Wilson(x, n, confidence);

        Reference.Close(x / n, interval.Value);
        Reference.Close(lower, interval.Lower);
        Reference.Close(upper, interval.Upper);
        Assert.Equal("Wilson", interval.Method);
    }

    // testWilson.R: confidence = 1 gives a lower limit of 0 and an upper limit of 1.
    [Fact]
    public void Wilson_AtHundredPercent_IsZeroToOneAsReference()
    {
        var interval = Intervals.Wilson(65, 100, 1);

        Assert.Equal(0, interval.Lower);
        Assert.Equal(1, interval.Upper);
    }

    // testByars.R / testWilson.R error cases.
    [Theory]
    [InlineData(0.7)]
    [InlineData(14)]
    [InlineData(125)]
    public void Byar_AndWilson_ConfidenceOutsideNinetyToHundred_ThrowAsReference(double confidence)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Intervals.Byar(65, confidence));
        Assert.Throws<ArgumentOutOfRangeException>(() => Intervals.Wilson(65, 100, confidence));
    }

    // testByars.R: "observed events must all be greater than or equal to zero"; testWilson.R: x > n is an error.
    [Fact]
    public void Byar_NegativeCount_AndWilson_NumeratorAboveDenominator_ThrowAsReference()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Intervals.Byar(-4));
        Assert.Throws<ArgumentOutOfRangeException>(() => Intervals.Wilson(-4, 100));
        Assert.Throws<ArgumentException>(() => Intervals.Wilson(80, 50));
    }
}
