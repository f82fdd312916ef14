using System.Globalization;

namespace CouncilPlan.Web.Staff.Security;

/// <summary>When a session ends, in the words and the time zone the council works in: "2:45pm".</summary>
public static class SessionTimes
{
    public static string Clock(DateTimeOffset at)
    {
        var local = CouncilPlan.Core.Dates.UkTime.Local(at);
        var hour = local.Hour % 12 == 0 ? 12 : local.Hour % 12;
        return string.Create(CultureInfo.InvariantCulture, $"{hour}:{local.Minute:00}{(local.Hour < 12 ? "am" : "pm")}");
    }
}
