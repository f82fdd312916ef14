namespace CouncilPlan.Core.Measures;

/// <summary>Whether a measure's latest figure is the newest its source should have published by now.</summary>
/// <param name="OutOfDate">A newer figure was due (or the series has stopped).</param>
/// <param name="NextPeriod">The period whose figure was expected next.</param>
/// <param name="ExpectedBy">When that figure was due: out of date from the day after.</param>
/// <param name="Discontinued">Why and when the series stopped, when it has.</param>
public sealed record Currency(bool OutOfDate, string? NextPeriod, DateOnly? ExpectedBy, string? Discontinued)
{
    public static Currency Current { get; } = new(false, null, null, null);
}

/// <summary>
/// Currency: a latest figure older than its source's release timing allows is out of date. The next
/// period ends one release interval after the latest (the measure's frequency unless the catalogue
/// says otherwise) and its figure is due the measure's release lag after that. Without a stated lag
/// the defaults allow a year for annual figures and a quarter or two months for quarterly and monthly
/// ones, generous for most official statistics (docs/measures-file-format.md).
/// </summary>
public static class Currencies
{
    public static int DefaultLagMonths(Frequency frequency) => frequency switch
    {
        Frequency.Monthly => 2,
        Frequency.Quarterly => 3,
        _ => 12,
    };

    public static int FrequencyMonths(Frequency frequency) => frequency switch
    {
        Frequency.Monthly => 1,
        Frequency.Quarterly => 3,
        _ => 12,
    };

    public static Currency Judge(Measure measure, Period latest, DateOnly today)
    {
        if (measure.Discontinued is { Length: > 0 } discontinued)
        {
            return new Currency(true, null, null, discontinued);
        }

        var every = measure.ReleaseEveryMonths ?? FrequencyMonths(measure.Frequency);
        var next = Period.Of(measure.PeriodType, latest.Start.AddMonths(every));
        var due = EndOfMonth(next.End.AddMonths(measure.ReleaseLagMonths ?? DefaultLagMonths(measure.Frequency)));
        return today > due ? new Currency(true, next.Label, due, null) : new Currency(false, next.Label, due, null);
    }

    private static DateOnly EndOfMonth(DateOnly day) => new DateOnly(day.Year, day.Month, 1).AddMonths(1).AddDays(-1);
}
