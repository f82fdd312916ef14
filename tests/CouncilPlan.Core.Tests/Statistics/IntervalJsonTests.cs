using System.Globalization;
using System.Text.Json;
using CouncilPlan.Core.Statistics;

namespace CouncilPlan.Core.Tests.Statistics;

/// <summary>The JSON the <c>interval</c> and <c>dsr</c> commands print.</summary>
public sealed class IntervalJsonTests
{
    [Fact]
    public void Write_GivesValueLowerUpperAndMethod()
    {
        var json = IntervalJson.Write(new Interval(0.65, 0.55, 0.75, "Wilson", 0.95));

        Assert.Equal("""{"value":0.65,"lower":0.55,"upper":0.75,"method":"Wilson"}""", json);
    }

    // testdata_DSR_ISR.xlsx testresults_DSR: testdata_tiny's DSR is NA, so value and limits are null.
    [Fact]
    public void Write_MissingValueAndLimits_AreNull()
    {
        var json = IntervalJson.Write(Intervals.Dsr([(4, 1000, 60_000), (5, 2000, 40_000)]));

        Assert.Equal("""{"value":null,"lower":null,"upper":null,"method":"Dobson"}""", json);
    }

    [Fact]
    public void Write_RoundTripsFullPrecision()
    {
        var interval = Intervals.Wilson(1045, 5000, 0.998);

        using var document = JsonDocument.Parse(IntervalJson.Write(interval));

        Assert.Equal(interval.Lower, document.RootElement.GetProperty("lower").GetDouble());
        Assert.Equal(interval.Upper, document.RootElement.GetProperty("upper").GetDouble());
    }

    [Fact]
    public void Write_UnderACommaDecimalCulture_StillUsesAPoint()
    {
        var original = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");

            var json = IntervalJson.Write(new Interval(1.5, null, 2.25, "Byars", 0.998));

            Assert.Equal("""{"value":1.5,"lower":null,"upper":2.25,"method":"Byars"}""", json);
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }
}
