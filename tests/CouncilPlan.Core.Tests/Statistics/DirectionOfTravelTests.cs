using CouncilPlan.Core.Statistics;

namespace CouncilPlan.Core.Tests.Statistics;

public sealed class DirectionOfTravelTests
{
    private static ChangeResult Significant(double later, double earlier) =>
        new(later > earlier ? ChangeVerdict.SignificantlyHigher : ChangeVerdict.SignificantlyLower, later - earlier, 0, 0, "test");

    [Theory]
    [InlineData(Polarity.HigherIsBetter, 60.0, 55.0, Direction.Improving)]
    [InlineData(Polarity.HigherIsBetter, 50.0, 55.0, Direction.Worsening)]
    [InlineData(Polarity.LowerIsBetter, 50.0, 55.0, Direction.Improving)]
    [InlineData(Polarity.LowerIsBetter, 60.0, 55.0, Direction.Worsening)]
    public void Judge_ASignificantChange_IsBetterOrWorseByPolarity(Polarity polarity, double later, double earlier, Direction expected)
    {
        var judgement = DirectionOfTravel.Judge(Significant(later, earlier), later, earlier, polarity, 1);

        Assert.Equal(expected, judgement.Direction);
        Assert.Equal("test", judgement.Method);
    }

    [Fact]
    public void Judge_AChangeWithinChance_IsNoSignificantChangeEvenWhenItLooksWorse()
    {
        var change = new ChangeResult(ChangeVerdict.NoSignificantChange, -0.7, -3.0, 1.6, "test");

        Assert.Equal(Direction.NoSignificantChange, DirectionOfTravel.Judge(change, 68.0, 68.7, Polarity.HigherIsBetter, 1).Direction);
    }

    [Fact]
    public void Judge_AnUntestedChange_IsNeverBetterOrWorse()
    {
        // The old rule called 68.7 to 68.0 "getting worse" with a red arrow; without a test it is only a change.
        var judgement = DirectionOfTravel.Judge(ChangeTest.Untested(68.0, 68.7), 68.0, 68.7, Polarity.HigherIsBetter, 1);

        Assert.Equal(Direction.NotTested, judgement.Direction);
        Assert.Null(judgement.Method);
        Assert.Equal(-0.7, judgement.Change!.Difference, 9);
    }

    [Fact]
    public void Judge_NoJudgementMeasure_IsDescribedNotJudgedEvenWhenSignificant()
    {
        var judgement = DirectionOfTravel.Judge(Significant(300_000, 290_000), 300_000, 290_000, Polarity.NoJudgement, 0);

        Assert.Equal(Direction.NotTested, judgement.Direction);
        Assert.Contains("neither direction is better", judgement.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(72.04, 71.96, 1, Direction.NoSignificantChange)] // both 72.0 as published
    [InlineData(72.05, 71.96, 1, Direction.Improving)] // 72.1 against 72.0 (half away from zero)
    [InlineData(1234.4, 1233.6, 0, Direction.NoSignificantChange)]
    public void Judge_EqualAtThePublishedPrecision_IsNoChange(double later, double earlier, int places, Direction expected)
    {
        Assert.Equal(expected, DirectionOfTravel.Judge(Significant(later, earlier), later, earlier, Polarity.HigherIsBetter, places).Direction);
    }
}
