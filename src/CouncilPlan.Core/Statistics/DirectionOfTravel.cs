namespace CouncilPlan.Core.Statistics;

/// <summary>
/// Direction of travel between a figure and an earlier one, and why: the change as published, the
/// test that judged it (null when none could be made) and, when the two cannot be compared, the reason.
/// </summary>
public sealed record DirectionJudgement(Direction Direction, ChangeResult? Change, string? Reason)
{
    public static DirectionJudgement NotComparable(string reason) => new(Direction.NotComparable, null, reason);

    /// <summary>The test used, or null when none was.</summary>
    public string? Method => Change?.Method;
}

/// <summary>Direction of travel since the previous period and since the same period a year earlier.</summary>
public sealed record TravelDirections(DirectionJudgement SincePreviousPeriod, DirectionJudgement SinceSamePeriodLastYear)
{
    public static TravelDirections None(string reason) => new(DirectionJudgement.NotComparable(reason), DirectionJudgement.NotComparable(reason));

    /// <summary>The test named for the pair: the year-on-year one where there is one.</summary>
    public string? Method => SinceSamePeriodLastYear.Method ?? SincePreviousPeriod.Method;
}

/// <summary>
/// Direction of travel, claimed only where a test says the change is more than chance. A change the
/// 95% interval of the difference shows to be significant (<see cref="ChangeTest"/>) is improving or
/// worsening by the measure's polarity; one within chance is "no significant change"; two figures equal
/// as published (rounded half away from zero to the measure's decimal places) are no change at all;
/// a change that could not be tested is "not tested", never better or worse, and so is any change of a
/// measure with no polarity (population, caseloads), which is described and never judged. This follows
/// OHID Fingertips, which calls a difference better or worse only where it is statistically significant
/// (Fingertips "Technical guide: Comparing values", and PHEindicatormethods' significance tests).
/// </summary>
public static class DirectionOfTravel
{
    public static DirectionJudgement Judge(ChangeResult change, double later, double earlier, Polarity polarity, int? decimalPlaces = null)
    {
        if (decimalPlaces is { } places
            && Math.Round(later, places, MidpointRounding.AwayFromZero) == Math.Round(earlier, places, MidpointRounding.AwayFromZero))
        {
            return new DirectionJudgement(Direction.NoSignificantChange, change, null);
        }

        if (polarity == Polarity.NoJudgement)
        {
            return new DirectionJudgement(Direction.NotTested, ChangeTest.Untested(later, earlier), "neither direction is better for this measure, so a change is described, not judged");
        }

        return change.Verdict switch
        {
            ChangeVerdict.SignificantlyHigher => new DirectionJudgement(polarity == Polarity.HigherIsBetter ? Direction.Improving : Direction.Worsening, change, null),
            ChangeVerdict.SignificantlyLower => new DirectionJudgement(polarity == Polarity.LowerIsBetter ? Direction.Improving : Direction.Worsening, change, null),
            ChangeVerdict.NoSignificantChange => new DirectionJudgement(Direction.NoSignificantChange, change, null),
            _ => new DirectionJudgement(Direction.NotTested, change, "no confidence interval is available for both figures, so the change cannot be tested"),
        };
    }
}
