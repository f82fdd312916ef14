namespace CouncilPlan.Core.Statistics;

/// <summary>Direction of travel since the previous period and since the same period a year earlier.</summary>
public sealed record TravelDirections(Direction SincePreviousPeriod, Direction SinceSamePeriodLastYear);

/// <summary>
/// Direction of travel, judged with the measure's polarity. "No change" means the two values are equal as
/// published: both are rounded (half away from zero) to the measure's decimal places and compared; with no decimal
/// places given they must be exactly equal. A missing value on either side is <see cref="Direction.NotComparable"/>;
/// a measure with no polarity that moved is <see cref="Direction.Changed"/>. This is a description of the figures,
/// not a test of significance: whether a change is more than noise is SPC's job.
/// </summary>
public static class DirectionOfTravel
{
    /// <summary>Direction from an earlier value to a later one.</summary>
    public static Direction Judge(double? current, double? earlier, Polarity polarity, int? decimalPlaces = null)
    {
        if (current is not { } now || earlier is not { } then || double.IsNaN(now) || double.IsNaN(then))
        {
            return Direction.NotComparable;
        }

        if (decimalPlaces is { } places)
        {
            now = Math.Round(now, places, MidpointRounding.AwayFromZero);
            then = Math.Round(then, places, MidpointRounding.AwayFromZero);
        }

        if (now == then)
        {
            return Direction.NoChange;
        }

        return polarity switch
        {
            Polarity.NoJudgement => Direction.Changed,
            Polarity.HigherIsBetter => now > then ? Direction.Improving : Direction.GettingWorse,
            _ => now < then ? Direction.Improving : Direction.GettingWorse,
        };
    }

    /// <summary>Directions since the previous period and since the same period a year earlier.</summary>
    public static TravelDirections JudgeBoth(
        double? current,
        double? previousPeriod,
        double? samePeriodLastYear,
        Polarity polarity,
        int? decimalPlaces = null) =>
        new(Judge(current, previousPeriod, polarity, decimalPlaces), Judge(current, samePeriodLastYear, polarity, decimalPlaces));
}
