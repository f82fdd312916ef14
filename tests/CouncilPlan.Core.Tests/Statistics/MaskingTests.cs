using CouncilPlan.Core.Statistics;

namespace CouncilPlan.Core.Tests.Statistics;

/// <summary>A borough figure that hides a ward significantly worse than it.</summary>
public sealed class MaskingTests
{
    private static readonly Interval Borough = Intervals.Wilson(3000, 5000, 0.95, 100); // 60%

    [Fact]
    public void Check_HigherIsBetter_FlagsWardsWhoseIntervalIsBelowTheBoroughValue()
    {
        GroupFigure[] wards =
        [
            new("Brinnington", Intervals.Wilson(90, 200, 0.95, 100)), // 45%, upper about 52%: worse
            new("Bramhall", Intervals.Wilson(160, 200, 0.95, 100)), // 80%: better, not flagged
            new("Edgeley", Intervals.Wilson(115, 200, 0.95, 100)), // 57.5%: similar
            new("Reddish", Intervals.Wilson(40, 100, 0.95, 100)), // 40%: worse
        ];

        var result = Masking.Check(Borough, wards, Polarity.HigherIsBetter);

        Assert.True(result.Masked);
        Assert.Equal(["Brinnington", "Reddish"], result.WorseGroups);
        Assert.Empty(result.NotComparedGroups);
    }

    [Fact]
    public void Check_LowerIsBetter_FlagsGroupsWhoseIntervalIsAboveTheBoroughValue()
    {
        var borough = Intervals.Rate(500, 300_000);
        GroupFigure[] groups =
        [
            new("Most deprived", Intervals.Rate(200, 60_000)), // 333 per 100,000: worse
            new("Least deprived", Intervals.Rate(50, 60_000)), // 83: better
        ];

        var result = Masking.Check(borough, groups, Polarity.LowerIsBetter);

        Assert.True(result.Masked);
        Assert.Equal(["Most deprived"], result.WorseGroups);
    }

    [Fact]
    public void Check_BoroughValueOnAGroupsLimit_IsNotWorse()
    {
        var group = new GroupFigure("Ward", new Interval(50, 40, 60, "Wilson", 0.95));

        var result = Masking.Check(new Interval(60, 59, 61, "Wilson", 0.95), [group], Polarity.HigherIsBetter);

        Assert.False(result.Masked);
        Assert.Empty(result.WorseGroups);
    }

    [Fact]
    public void Check_GroupsWithoutIntervals_AreListedAsNotCompared()
    {
        GroupFigure[] groups =
        [
            new("Tiny ward", Intervals.Dsr([(3, 100, 50_000), (2, 100, 50_000)])), // DSR not calculated under 10
            new("Ward", Intervals.Wilson(10, 100, 0.95, 100)),
        ];

        var result = Masking.Check(Borough, groups, Polarity.HigherIsBetter);

        Assert.Equal(["Tiny ward"], result.NotComparedGroups);
        Assert.Equal(["Ward"], result.WorseGroups);
    }

    [Fact]
    public void Check_NoPolarityOrNoBoroughValue_IsNeverFlagged()
    {
        GroupFigure[] groups = [new("Reddish", Intervals.Wilson(40, 100, 0.95, 100))];

        Assert.False(Masking.Check(Borough, groups, Polarity.NoJudgement).Masked);
        Assert.False(Masking.Check(new Interval(null, null, null, "Dobson", 0.95), groups, Polarity.HigherIsBetter).Masked);
    }
}
