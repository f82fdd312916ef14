using CouncilPlan.Core.Statistics;
using FsCheck;
using Interval = CouncilPlan.Core.Statistics.Interval;

namespace CouncilPlan.Core.Tests.Statistics;

/// <summary>Every interval contains its point estimate, whatever the counts.</summary>
public sealed class IntervalPropertyTests
{
    private static readonly double[] Levels = [0.9, 0.95, 0.99, 0.998];

    private static bool Contains(Interval interval) =>
        interval.Value is { } v
        && (interval.Lower is null || interval.Lower <= v)
        && (interval.Upper is null || v <= interval.Upper);

    [FsCheck.Xunit.Property]
    public bool Wilson_ContainsPointEstimate(NonNegativeInt x, PositiveInt extra, byte level) =>
        Contains(Intervals.Wilson(x.Get, x.Get + extra.Get, Levels[level % Levels.Length], 100));

    [FsCheck.Xunit.Property]
    public bool Rate_ContainsPointEstimate(NonNegativeInt x, PositiveInt n, byte level) =>
        Contains(Intervals.Rate(x.Get, n.Get, 100_000, Levels[level % Levels.Length]));

    [FsCheck.Xunit.Property]
    public bool Byar_AndExact_ContainTheCount(NonNegativeInt x, byte level)
    {
        var confidence = Levels[level % Levels.Length];
        return Contains(Intervals.Byar(x.Get, confidence)) && Contains(Intervals.ExactPoisson(x.Get, confidence));
    }

    [FsCheck.Xunit.Property]
    public bool Dsr_ContainsPointEstimate(NonNegativeInt[] counts, byte level)
    {
        var strata = counts.Select((c, i) => ((double)c.Get, 500.0 + (37 * i), 1000.0 + (100 * (i % 7)))).ToList();
        if (strata.Count == 0)
        {
            return true;
        }

        var interval = Intervals.Dsr(strata, confidence: Levels[level % Levels.Length]);
        return interval.Value is null ? strata.Sum(s => s.Item1) < 10 : Contains(interval);
    }
}
