using CouncilPlan.Core.Data;
using CouncilPlan.Core.Dates;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Updates;
/// <summary>Whether a due item is a measure's figure or a commitment's status.</summary>
public enum DueKind
{
    Measure,
    Commitment,
}

/// <summary>
/// A measure or commitment due from an officer in an open quarter, as facts: the workspace and the
/// reminder emails put them in words and link them (CouncilPlan.Reports, Workspace/DueWords).
/// </summary>
/// <param name="Id">The measure's or the plan element's id.</param>
/// <param name="Stage">Where its update is. A commitment's is NotStarted until a status is reported, then Submitted, Approved or Published.</param>
/// <param name="Reported">The status a commitment's latest report gives; null for a measure, or when none is reported yet.</param>
/// <param name="ToDo">Whether its owner still has something to do: nothing entered yet, a draft, or returned.</param>
/// <param name="Overdue">Whether the due date has passed with something still to do.</param>
public sealed record DueItem(ReportingPeriod Period, DueKind Kind, int Id, string Reference, string Title, UpdateStatus Stage, CommitmentStatus? Reported, bool ToDo, bool Overdue)
{
    public string Quarter => Period.Quarter;
}

/// <summary>What is due from each officer in the open quarters: the "My updates" list and the reminders' content.</summary>
public sealed class DueList(CouncilPlanDb db, TimeProvider clock)
{
    /// <summary>What is due from an officer in the open quarters, with overdue said in words.</summary>
    public async Task<IReadOnlyList<DueItem>> DueFromAsync(Officer officer, CancellationToken cancellationToken = default)
    {
        var periods = await new ReportingPeriods(db, clock).OpenPeriodsAsync(cancellationToken);
        if (periods.Count == 0)
        {
            return [];
        }

        var today = UkTime.Today(clock);
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
                var stage = update?.Status ?? UpdateStatus.NotStarted;
                var toDo = stage is not (UpdateStatus.Submitted or UpdateStatus.Approved or UpdateStatus.Published);
                items.Add(new DueItem(period, DueKind.Measure, measure.Id, measure.Code, measure.Title, stage, null, toDo, toDo && today > period.Due));
            }

            foreach (var element in elements)
            {
                var latest = commitments.Where(c => c.ElementId == element.Id && c.ReportingPeriodId == period.Id).MaxBy(c => c.EnteredAt);
                var stage = latest is null ? UpdateStatus.NotStarted
                    : latest.Published ? UpdateStatus.Published
                    : latest.ApprovedAt is not null ? UpdateStatus.Approved
                    : UpdateStatus.Submitted;
                items.Add(new DueItem(period, DueKind.Commitment, element.Id, element.Key, element.Title ?? element.Key, stage, latest?.Status, latest is null, latest is null && today > period.Due));
            }
        }

        return items;
    }
}
