using CouncilPlan.Core.Statistics;

namespace CouncilPlan.Core.Tests.Statistics;

/// <summary>Trend to a dated target: the prediction interval and the on course / off course / too early rule.</summary>
public sealed class TrajectoryTests
{
    private static IEnumerable<(double Year, double Value)> Series(int firstYear, params double[] values) =>
        values.Select((v, i) => ((double)(firstYear + i), v));

    // R's datasets::cars (speed, dist; 50 rows). lm(dist ~ speed) has intercept −17.5791 and slope 3.9324, and
    // predict(..., data.frame(speed = 19), interval = "prediction") gives fit 57.1, lwr 25.76, upr 88.51, as
    // published in STHDA's "Predict in R: Model Predictions and Confidence Intervals".
    private static readonly double[] Speed =
    [
        4, 4, 7, 7, 8, 9, 10, 10, 10, 11, 11, 12, 12, 12, 12, 13, 13, 13, 13, 14, 14, 14, 14, 15, 15, 15, 16, 16, 17,
        17, 17, 18, 18, 18, 18, 19, 19, 19, 20, 20, 20, 20, 20, 22, 23, 24, 24, 24, 24, 25,
    ];

    private static readonly double[] Distance =
    [
        2, 10, 4, 22, 16, 10, 18, 26, 34, 17, 28, 14, 20, 24, 28, 26, 34, 34, 46, 26, 36, 60, 80, 20, 26, 54, 32, 40, 32,
        40, 50, 42, 56, 76, 84, 36, 46, 68, 32, 48, 52, 56, 64, 66, 54, 70, 92, 93, 120, 85,
    ];

    [Fact]
    public void Project_CarsDataset_MatchesRsPredictionInterval()
    {
        var result = Trajectory.Project(Speed.Zip(Distance), 19, 0, Polarity.LowerIsBetter);

        Assert.Equal(-17.5791, result.Intercept!.Value, 4);
        Assert.Equal(3.9324, result.Slope!.Value, 4);
        Assert.Equal(57.14, result.Projected.Value!.Value, 2);
        Assert.Equal(25.76, result.Projected.Lower!.Value, 2);
        Assert.Equal(88.51, result.Projected.Upper!.Value, 2);
        Assert.Equal(50, result.Points);
    }

    // Territorial CO2 (kt) falling fast enough to reach carbon neutral (0) by 2038 even at the interval's upper end.
    [Fact]
    public void Project_Co2FallingSteeply_IsOnCourseForCarbonNeutralBy2038()
    {
        var result = Trajectory.Project(Series(2015, 1000, 905, 845, 750, 690, 590, 530, 445), 2038, 0, Polarity.LowerIsBetter);

        Assert.Equal(TrajectoryStatus.OnCourse, result.Status);
        Assert.True(result.Projected.Upper < 0);
    }

    [Fact]
    public void Project_Co2FallingSlowly_IsOffCourse()
    {
        var result = Trajectory.Project(Series(2015, 1000, 985, 975, 968, 950, 944, 930, 921), 2038, 0, Polarity.LowerIsBetter);

        Assert.Equal(TrajectoryStatus.OffCourse, result.Status);
        Assert.True(result.Projected.Lower > 0);
    }

    [Fact]
    public void Project_IntervalStraddlingTheTarget_IsTooEarlyToTell()
    {
        var result = Trajectory.Project(Series(2015, 1000, 850, 990, 700, 900, 640, 820, 560), 2038, 0, Polarity.LowerIsBetter);

        Assert.Equal(TrajectoryStatus.TooEarlyToTell, result.Status);
        Assert.True(result.Projected.Lower < 0 && result.Projected.Upper > 0);
    }

    [Fact]
    public void Project_FewerThanFivePoints_IsTooEarlyToTellButStillProjects()
    {
        var result = Trajectory.Project(Series(2019, 1000, 800, 600, 400), 2038, 0, Polarity.LowerIsBetter);

        Assert.Equal(TrajectoryStatus.TooEarlyToTell, result.Status);
        Assert.Equal(4, result.Points);
        Assert.Equal(-2800, result.Projected.Value!.Value, 6);
        Assert.Contains("at least 5", result.Reason, StringComparison.Ordinal);
    }

    // A perfect straight line has a zero-width interval, so the boundary is exact: reaching the target exactly is
    // on course; missing it by any amount is off course.
    [Theory]
    [InlineData(-20.0, TrajectoryStatus.OnCourse)]
    [InlineData(-20.5, TrajectoryStatus.OffCourse)]
    [InlineData(-19.5, TrajectoryStatus.OnCourse)]
    public void Project_UnfavourableLimitExactlyOnTarget_IsOnCourse(double target, TrajectoryStatus expected)
    {
        var result = Trajectory.Project(Series(2020, 40, 30, 20, 10, 0), 2026, target, Polarity.LowerIsBetter);

        Assert.Equal(-20, result.Projected.Value);
        Assert.Equal(expected, result.Status);
    }

    // Higher is better: renewable share rising to 100% by 2030.
    [Fact]
    public void Project_HigherIsBetter_UsesTheLowerLimitAsUnfavourable()
    {
        var rising = Trajectory.Project(Series(2018, 40, 47, 55, 61, 70, 76), 2030, 100, Polarity.HigherIsBetter);
        var flat = Trajectory.Project(Series(2018, 40, 41, 40, 42, 41, 42), 2030, 100, Polarity.HigherIsBetter);

        Assert.Equal(TrajectoryStatus.OnCourse, rising.Status);
        Assert.Equal(TrajectoryStatus.OffCourse, flat.Status);
    }

    [Fact]
    public void Project_OneYearOnly_HasNoTrend()
    {
        var result = Trajectory.Project([(2020, 5), (2020, 6), (2020, 7)], 2038, 0, Polarity.LowerIsBetter);

        Assert.Equal(TrajectoryStatus.TooEarlyToTell, result.Status);
        Assert.Null(result.Slope);
        Assert.Null(result.Projected.Value);
    }

    [Fact]
    public void Project_NoPolarityOrTooSmallMinimum_Throws()
    {
        Assert.Throws<ArgumentException>(() => Trajectory.Project(Series(2015, 1, 2, 3, 4, 5), 2038, 0, Polarity.NoJudgement));
        Assert.Throws<ArgumentOutOfRangeException>(() => Trajectory.Project(Series(2015, 1, 2, 3, 4, 5), 2038, 0, Polarity.LowerIsBetter, minimumPoints: 2));
    }
}
