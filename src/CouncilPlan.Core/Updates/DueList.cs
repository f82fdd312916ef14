using System.Globalization;
using CouncilPlan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Updates;
/// <summary>A measure or commitment due from an officer in the open quarter.</summary>
/// <param name="Status">Where its update is, in words.</param>
/// <param name="ToDo">Whether its owner still has something to do: nothing entered yet, a draft, or returned.</param>
public sealed record DueItem(string Quarter, string Kind, string Reference, string Title, string Href, string Status, bool ToDo, bool Overdue, string DueText);
/// <summary>What is due from each officer in the open quarters: the "My updates" list and the reminders' content.</summary>
public sealed class DueList(CouncilPlanDb db, TimeProvider clock)
{
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>What is due from an officer in the open quarters, with overdue said in words.</summary>
    public async Task<IReadOnlyList<DueItem>> DueFromAsync(Officer officer, CancellationToken cancellationToken = default)
    {
        var periods = await new ReportingPeriods(db, clock).OpenPeriodsAsync(cancellationToken);
        if (periods.Count == 0)
        {
            return [];
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        List<int> measureIds, elementIds;
        if (officer.IsPerformanceTeam)
        {
            measureIds = await db.Ownerships.Where(o => o.MeasureId != null).Select(o => o.MeasureId!.Value).Distinct().ToListAsync(cancellationToken);
            elementIds = await db.Ownerships.Where(o => o.ElementId != null).Select(o => o.ElementId!.Value).Distinct().ToListAsync(cancellationToken);
        }
        else
        {
            // Every owner of each item the officer or their service is among, so IsDueFrom sees whether anyone is named.
            var mine = db.Ownerships.Where(o => o.UserId == officer.UserId || (officer.ServiceId != null && o.ServiceId == officer.ServiceId));
            var owners = await db.Ownerships
                .Where(o => mine.Any(m => (m.MeasureId != null && m.MeasureId == o.MeasureId) || (m.ElementId != null && m.ElementId == o.ElementId)))
                .ToListAsync(cancellationToken);
            measureIds = owners.Where(o => o.MeasureId != null).GroupBy(o => o.MeasureId!.Value).Where(g => UpdatePermissions.IsDueFrom(officer, g.ToList())).Select(g => g.Key).ToList();
            elementIds = owners.Where(o => o.ElementId != null).GroupBy(o => o.ElementId!.Value).Where(g => UpdatePermissions.IsDueFrom(officer, g.ToList())).Select(g => g.Key).ToList();
        }

        var measures = await db.Measures.Where(m => measureIds.Contains(m.Id)).OrderBy(m => m.Code).ToListAsync(cancellationToken);
        var elements = await db.PlanElements.Where(e => elementIds.Contains(e.Id)).OrderBy(e => e.Key).ToListAsync(cancellationToken);
        var periodIds = periods.Select(p => p.Id).ToList();
        var updates = await db.MeasureUpdates.Where(u => periodIds.Contains(u.ReportingPeriodId)).ToListAsync(cancellationToken);
        var commitments = await db.CommitmentUpdates.Where(u => elementIds.Contains(u.ElementId)).ToListAsync(cancellationToken);

        var items = new List<DueItem>();
        foreach (var period in periods)
        {
            foreach (var measure in measures)
            {
                var update = updates.FirstOrDefault(u => u.MeasureId == measure.Id && u.ReportingPeriodId == period.Id);
                var status = update?.Status ?? UpdateStatus.NotStarted;
                var done = status is UpdateStatus.Submitted or UpdateStatus.Approved or UpdateStatus.Published;
                items.Add(new DueItem(period.Quarter, "Measure", measure.Code, measure.Title, $"/staff/measures/{measure.Code}/update?period={Uri.EscapeDataString(period.Quarter)}", StatusWords.Describe(status), !done, !done && today > period.Due, DueText(period, today, done)));
            }

            foreach (var element in elements)
            {
                var latest = commitments.Where(c => c.ElementId == element.Id && c.ReportingPeriodId == period.Id).MaxBy(c => c.EnteredAt);
                // Not "Not started": that is a commitment's own status (its delivery has not begun), not its report's.
                var status = latest is null
                    ? "No status reported yet"
                    : StatusWords.Describe(latest.Status) + (latest.Published ? ": published" : latest.ApprovedAt is not null ? ": approved, not yet published" : ": waiting for approval");
                items.Add(new DueItem(period.Quarter, "Commitment", element.Key, element.Title ?? element.Key, $"/staff/commitments/{element.Id}/update?period={Uri.EscapeDataString(period.Quarter)}", status, latest is null, latest is null && today > period.Due, DueText(period, today, latest is not null)));
            }
        }

        return items;
    }

    private static string DueText(ReportingPeriod period, DateOnly today, bool done)
    {
        var due = period.Due.ToString("d MMMM yyyy", EnGb);
        if (done)
        {
            return $"Due {due}: done";
        }

        var days = period.Due.DayNumber - today.DayNumber;
        return days switch
        {
            < 0 => $"Overdue: was due {due} ({-days} day{(days == -1 ? "" : "s")} ago)",
            0 => $"Due today, {due}",
            _ => $"Due {due} (in {days} day{(days == 1 ? "" : "s")})",
        };
    }
}
