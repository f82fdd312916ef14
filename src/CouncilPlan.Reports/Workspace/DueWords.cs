using System.Globalization;
using CouncilPlan.Core.Updates;

namespace CouncilPlan.Reports.Workspace;

/// <summary>What the workspace and the reminder emails say about a due update: its kind, where it is and when it is due.</summary>
public static class DueWords
{
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    public static string Kind(DueItem item) => item.Kind == DueKind.Measure ? "Measure" : "Commitment";

    /// <summary>
    /// Where the update is. A commitment with nothing reported says so, not "Not started": that is
    /// one of a commitment's own statuses (its delivery has not begun), not its report's.
    /// </summary>
    public static string Status(DueItem item) => (item.Kind, item.Reported) switch
    {
        (DueKind.Measure, _) => StatusWords.Describe(item.Stage),
        (_, null) => "No status reported yet",
        (_, { } reported) => StatusWords.Describe(reported) + item.Stage switch
        {
            UpdateStatus.Published => ": published",
            UpdateStatus.Approved => ": approved, not yet published",
            _ => ": waiting for approval",
        },
    };

    /// <summary>When it is due, counted from <paramref name="today"/>: "Due 31 July 2026 (in 3 days)", or overdue by how long.</summary>
    public static string When(DueItem item, DateOnly today)
    {
        var due = item.Period.Due.ToString("d MMMM yyyy", EnGb);
        if (!item.ToDo)
        {
            return $"Due {due}: done";
        }

        var days = item.Period.Due.DayNumber - today.DayNumber;
        return days switch
        {
            < 0 => $"Overdue: was due {due} ({-days} day{(days == -1 ? "" : "s")} ago)",
            0 => $"Due today, {due}",
            _ => $"Due {due} (in {days} day{(days == 1 ? "" : "s")})",
        };
    }
}
