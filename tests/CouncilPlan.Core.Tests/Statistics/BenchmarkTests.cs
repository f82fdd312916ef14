using CouncilPlan.Core.Statistics;

namespace CouncilPlan.Core.Tests.Statistics;

/// <summary>Comparison with a benchmark: the reference's significance levels and the rule's boundaries.</summary>
public sealed class BenchmarkTests
{
    // Fingertips' two-level significance from intervals at 99.8% and 95%, for an observed count against an expected
    // count (a ratio with benchmark 1): PHEindicatormethods R/Funnels.R assign_funnel_significance, statistic "ratio".
    private static string Significance(double observed, double expected)
    {
        var at998 = Benchmark.Compare(Intervals.Rate(observed, expected, 1, 0.998), 1, Polarity.NoJudgement);
        var at95 = Benchmark.Compare(Intervals.Rate(observed, expected, 1, 0.95), 1, Polarity.NoJudgement);
        return (at998, at95) switch
        {
            (Comparison.Higher, _) => "High (0.001)",
            (Comparison.Lower, _) => "Low (0.001)",
            (_, Comparison.Higher) => "High (0.025)",
            (_, Comparison.Lower) => "Low (0.025)",
            _ => "Not significant",
        };
    }

    // PHEindicatormethods tests/testthat/testdata_funnel_ratio_inputs.csv rows 2-31 and 141 (obs, expected,
    // significance), as tests/testthat/testFunnels.R "Significance for ratios calculates correctly" uses them. The
    // interval is the rate interval of obs per expected (exact below 10 events, Byar's from 10), and all 300 rows of
    // the file agreed when this was written.
    [Theory]
    [InlineData(8d, 6.239860227, "Not significant")]
    [InlineData(151d, 106.4429719, "High (0.001)")]
    [InlineData(159d, 232.9329036, "Low (0.001)")]
    [InlineData(191d, 184.0963855, "Not significant")]
    [InlineData(124d, 183.894409, "Low (0.001)")]
    [InlineData(220d, 249.8012944, "Not significant")]
    [InlineData(150d, 119.5695496, "High (0.025)")]
    [InlineData(0d, 240.6273499, "Low (0.001)")]
    [InlineData(182d, 196.799308, "Not significant")]
    [InlineData(151d, 204.6070461, "Low (0.001)")]
    [InlineData(206d, 139.4719025, "High (0.001)")]
    [InlineData(141d, 106.7211626, "High (0.001)")]
    [InlineData(113d, 96.14566494, "Not significant")]
    [InlineData(129d, 127.9000595, "Not significant")]
    [InlineData(121d, 162.3289509, "Low (0.001)")]
    [InlineData(190d, 202.1491648, "Not significant")]
    [InlineData(187d, 181.3773036, "Not significant")]
    [InlineData(136d, 141.2693466, "Not significant")]
    [InlineData(150d, 100.6778978, "High (0.001)")]
    [InlineData(75d, 120.1923077, "Low (0.001)")]
    [InlineData(92d, 102.6098595, "Not significant")]
    [InlineData(182d, 136.0137508, "High (0.001)")]
    [InlineData(182d, 143.6804295, "High (0.025)")]
    [InlineData(101d, 126.2973615, "Low (0.025)")]
    [InlineData(169d, 125.1573724, "High (0.001)")]
    [InlineData(124d, 176.764077, "Low (0.001)")]
    [InlineData(107d, 125.1461988, "Not significant")]
    [InlineData(174d, 141.4404162, "High (0.025)")]
    [InlineData(98d, 134.6338783, "Low (0.001)")]
    [InlineData(160d, 97.12273886, "High (0.001)")]
    [InlineData(6d, 4.293052052, "Not significant")]
    public void Compare_ObservedAgainstExpected_MatchesReferenceSignificance(double observed, double expected, string significance)
    {
        Assert.Equal(significance, Significance(observed, expected));
    }

    [Theory]
    [InlineData(Polarity.HigherIsBetter, 10d, Comparison.Better)]
    [InlineData(Polarity.LowerIsBetter, 10d, Comparison.Worse)]
    [InlineData(Polarity.NoJudgement, 10d, Comparison.Higher)]
    [InlineData(Polarity.HigherIsBetter, 30d, Comparison.Worse)]
    [InlineData(Polarity.LowerIsBetter, 30d, Comparison.Better)]
    [InlineData(Polarity.NoJudgement, 30d, Comparison.Lower)]
    [InlineData(Polarity.HigherIsBetter, 20d, Comparison.Similar)]
    [InlineData(Polarity.NoJudgement, 20d, Comparison.Similar)]
    public void Compare_BenchmarkOutsideOrInsideInterval_FollowsPolarity(Polarity polarity, double benchmark, Comparison expected)
    {
        var interval = new Interval(20, 15, 25, "Wilson", 0.95);

        Assert.Equal(expected, Benchmark.Compare(interval, benchmark, polarity));
    }

    [Theory]
    [InlineData(15d)]
    [InlineData(25d)]
    public void Compare_BenchmarkOnALimit_IsSimilar(double benchmark)
    {
        var interval = new Interval(20, 15, 25, "Wilson", 0.95);

        Assert.Equal(Comparison.Similar, Benchmark.Compare(interval, benchmark, Polarity.HigherIsBetter));
    }

    [Fact]
    public void Compare_BenchmarkJustOutsideALimit_IsSignificant()
    {
        var interval = new Interval(20, 15, 25, "Wilson", 0.95);

        Assert.Equal(Comparison.Better, Benchmark.Compare(interval, Math.BitDecrement(15.0), Polarity.HigherIsBetter));
        Assert.Equal(Comparison.Better, Benchmark.Compare(interval, Math.BitIncrement(25.0), Polarity.LowerIsBetter));
    }

    [Fact]
    public void Compare_NoIntervalOrNoBenchmark_IsNotCompared()
    {
        Assert.Equal(Comparison.NotCompared, Benchmark.Compare(new Interval(20, null, 25, "Byars", 0.998), 30, Polarity.HigherIsBetter));
        Assert.Equal(Comparison.NotCompared, Benchmark.Compare(new Interval(20, 15, null, "Byars", 0.998), 10, Polarity.HigherIsBetter));
        Assert.Equal(Comparison.NotCompared, Benchmark.Compare(new Interval(null, null, null, "Dobson", 0.95), 10, Polarity.HigherIsBetter));
        Assert.Equal(Comparison.NotCompared, Benchmark.Compare(new Interval(20, 15, 25, "Wilson", 0.95), null, Polarity.HigherIsBetter));
    }

    // A DSR not calculated for fewer than 10 events (R/DSR.R) cannot be compared.
    [Fact]
    public void Compare_DsrWithTotalUnderTen_IsNotCompared()
    {
        var dsr = Intervals.Dsr([(4, 1000, 50_000), (5, 1000, 50_000)]);

        Assert.Equal(Comparison.NotCompared, Benchmark.Compare(dsr, 500, Polarity.LowerIsBetter));
    }
}
