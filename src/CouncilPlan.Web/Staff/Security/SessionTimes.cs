using System.Globalization;

namespace CouncilPlan.Web.Staff.Security;

/// <summary>When a session ends, in the words and the time zone the council works in: "2:45pm".</summary>
public static class SessionTimes
{
    private static readonly TimeZoneInfo UkTime = FindUkTime();

    public static string Clock(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, UkTime);
        var hour = local.Hour % 12 == 0 ? 12 : local.Hour % 12;
        return string.Create(CultureInfo.InvariantCulture, $"{hour}:{local.Minute:00}{(local.Hour < 12 ? "am" : "pm")}");
    }

    private static TimeZoneInfo FindUkTime()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
