namespace CouncilPlan.Core.Dates;

/// <summary>
/// The council's clock: England's, which every council this product serves keeps. Due dates, the
/// plan in force, "overdue" and the reminder days are days of the council's calendar, so "today" is
/// the date in England, not in UTC: from 23:00 to midnight UTC in summer it is already the next day
/// there, when an update due "by 30 April" is overdue.
/// </summary>
public static class UkTime
{
    public static TimeZoneInfo Zone { get; } = FindZone();

    /// <summary>The date in England now.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(Local(clock.GetUtcNow()).DateTime);

    /// <summary>An instant as England's clock shows it.</summary>
    public static DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (TimeZoneNotFoundException)
        {
            // A container without time zone data (no tzdata package): UTC, which is England's clock
            // in winter and an hour behind it in summer, rather than no clock at all.
            return TimeZoneInfo.Utc;
        }
    }
}
