using CouncilPlan.Core.Statistics;

namespace CouncilPlan.Core.Tests.Statistics;

/// <summary>Direction of travel: polarity, missing values and how "no change" is decided.</summary>
public sealed class DirectionOfTravelTests
{
    [Theory]
    [InlineData(Polarity.HigherIsBetter, 60.0, 55.0, Direction.Improving)]
    [InlineData(Polarity.HigherIsBetter, 50.0, 55.0, Direction.GettingWorse)]
    [InlineData(Polarity.LowerIsBetter, 50.0, 55.0, Direction.Improving)]
    [InlineData(Polarity.LowerIsBetter, 60.0, 55.0, Direction.GettingWorse)]
    [InlineData(Polarity.NoJudgement, 60.0, 55.0, Direction.Changed)]
    [InlineData(Polarity.NoJudgement, 50.0, 55.0, Direction.Changed)]
    [InlineData(Polarity.HigherIsBetter, 55.0, 55.0, Direction.NoChange)]
    [InlineData(Polarity.NoJudgement, 55.0, 55.0, Direction.NoChange)]
    public void Judge_FollowsPolarity(Polarity polarity, double current, double earlier, Direction expected)
    {
        Assert.Equal(expected, DirectionOfTravel.Judge(current, earlier, polarity));
    }

    [Fact]
    public void Judge_MissingValue_IsNotComparable()
    {
        Assert.Equal(Direction.NotComparable, DirectionOfTravel.Judge(null, 55, Polarity.HigherIsBetter));
        Assert.Equal(Direction.NotComparable, DirectionOfTravel.Judge(55, null, Polarity.LowerIsBetter));
        Assert.Equal(Direction.NotComparable, DirectionOfTravel.Judge(double.NaN, 55, Polarity.NoJudgement));
    }

    // No change is decided on the figures as published: equal at the measure's decimal places.
    [Theory]
    [InlineData(72.04, 71.96, 1, Direction.NoChange)] // both 72.0
    [InlineData(72.05, 71.96, 1, Direction.Improving)] // 72.1 against 72.0 (half away from zero)
    [InlineData(72.04, 71.96, 2, Direction.Improving)]
    [InlineData(1234.4, 1233.6, 0, Direction.NoChange)]
    public void Judge_NoChangeAtTheMeasuresDecimalPlaces(double current, double earlier, int places, Direction expected)
    {
        Assert.Equal(expected, DirectionOfTravel.Judge(current, earlier, Polarity.HigherIsBetter, places));
    }

    [Fact]
    public void Judge_WithoutDecimalPlaces_AnyDifferenceCounts()
    {
        Assert.Equal(Direction.GettingWorse, DirectionOfTravel.Judge(72.0, 72.0000001, Polarity.HigherIsBetter));
    }

    [Fact]
    public void JudgeBoth_GivesPreviousPeriodAndSamePeriodLastYear()
    {
        var directions = DirectionOfTravel.JudgeBoth(40, 42, 38, Polarity.LowerIsBetter, 0);

        Assert.Equal(Direction.Improving, directions.SincePreviousPeriod);
        Assert.Equal(Direction.GettingWorse, directions.SinceSamePeriodLastYear);
        Assert.Equal(Direction.NotComparable, DirectionOfTravel.JudgeBoth(40, 42, null, Polarity.LowerIsBetter).SinceSamePeriodLastYear);
    }
}
