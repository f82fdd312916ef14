using CouncilPlan.Core.Statistics;

namespace CouncilPlan.Core.Measures;

/// <summary>The one judgement a summary counts a measure under; every measure is in exactly one.</summary>
public enum Headline
{
    /// <summary>Better than a year earlier (or the period before) by more than chance.</summary>
    ImprovingSignificantly,

    /// <summary>Worse by more than chance.</summary>
    WorseningSignificantly,

    /// <summary>Tested, and the change is within chance (or there is none).</summary>
    NoSignificantChange,

    /// <summary>A change that could not be tested or compared: no interval, overlapping periods, a break, one figure, or no better direction.</summary>
    NotTested,

    /// <summary>The latest figure is older than its source's release timing allows, or the series has stopped.</summary>
    OutOfDate,

    /// <summary>No published figure yet.</summary>
    AwaitingData,
}

/// <summary>
/// Puts each measure under one headline for the summaries on the home page, each ambition and the
/// reports. The change counted is the year-on-year one, or the one since the period before where
/// there is no figure a year earlier; an out-of-date measure counts only as out of date, so no
/// summary counts a judgement made on stale figures.
/// </summary>
public static class HeadlineJudgement
{
    public static Headline Of(MeasureAssessment assessment)
    {
        if (assessment.AwaitingData)
        {
            return Headline.AwaitingData;
        }

        if (assessment.OutOfDate)
        {
            return Headline.OutOfDate;
        }

        var year = assessment.Direction.SinceSamePeriodLastYear;
        var direction = year.Direction != Direction.NotComparable ? year.Direction : assessment.Direction.SincePreviousPeriod.Direction;
        return direction switch
        {
            Direction.Improving => Headline.ImprovingSignificantly,
            Direction.Worsening => Headline.WorseningSignificantly,
            Direction.NoSignificantChange => Headline.NoSignificantChange,
            _ => Headline.NotTested,
        };
    }

    /// <summary>The headline as a resident reads it.</summary>
    public static string Words(Headline headline) => headline switch
    {
        Headline.ImprovingSignificantly => "Improving significantly",
        Headline.WorseningSignificantly => "Worsening significantly",
        Headline.NoSignificantChange => "No significant change",
        Headline.NotTested => "Change not tested",
        Headline.OutOfDate => "Out of date",
        _ => "Awaiting data",
    };

    /// <summary>The headline's name in URLs and the API: "improving-significantly".</summary>
    public static string Slug(Headline headline) => headline switch
    {
        Headline.ImprovingSignificantly => "improving-significantly",
        Headline.WorseningSignificantly => "worsening-significantly",
        Headline.NoSignificantChange => "no-significant-change",
        Headline.NotTested => "not-tested",
        Headline.OutOfDate => "out-of-date",
        _ => "awaiting-data",
    };
}
