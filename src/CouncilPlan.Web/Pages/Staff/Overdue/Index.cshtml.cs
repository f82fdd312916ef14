using CouncilPlan.Core.Data;
using CouncilPlan.Core.Reminders;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Web.Pages.Staff.Overdue;

/// <summary>
/// For the performance team: every update overdue in each open quarter, with who answers for it,
/// and the reminders and overdue notices sent so far.
/// </summary>
public sealed class IndexModel(CouncilPlanDb db, ReportingPeriods reportingPeriods, DueList dueList, ReminderSettings settings) : StaffPageModel(db)
{
    public sealed record OverdueRow(DueItem Item, string Services, string Owners);

    public sealed record SentRow(ReminderSent Sent, string Name);

    public sealed record Quarter(ReportingPeriod Period, DateOnly RemindFrom, IReadOnlyList<OverdueRow> Overdue, IReadOnlyList<SentRow> Sent);

    public IReadOnlyList<Quarter> Quarters { get; private set; } = [];

    public string? RemindersOff => settings.OffBecause;

    public int WorkingDaysBefore => settings.WorkingDaysBefore;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var periods = await reportingPeriods.OpenPeriodsAsync(cancellationToken);

        // The performance team's own view of what is due is every update: the overdue are among them.
        var overdue = (await dueList.DueFromAsync(Officer, cancellationToken)).Where(i => i.Overdue).ToList();
        var measureIds = overdue.Where(i => i.Kind == DueKind.Measure).Select(i => i.Id).Distinct().ToList();
        var elementIds = overdue.Where(i => i.Kind == DueKind.Commitment).Select(i => i.Id).Distinct().ToList();
        var ownerships = await Db.Ownerships.AsNoTracking()
            .Where(o => (o.MeasureId != null && measureIds.Contains(o.MeasureId.Value)) || (o.ElementId != null && elementIds.Contains(o.ElementId.Value)))
            .ToListAsync(cancellationToken);
        var services = await Db.Services.AsNoTracking().ToDictionaryAsync(s => s.Id, cancellationToken);
        var names = await Db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);

        string ServiceName(int id) => services.TryGetValue(id, out var s)
            ? ServiceDirectory.FullName(s.DirectorateId is { } d && services.TryGetValue(d, out var directorate) ? directorate.Name : null, s.Name)
            : "";

        OverdueRow Row(DueItem item)
        {
            var list = ownerships.Where(o => item.Kind == DueKind.Measure ? o.MeasureId == item.Id : o.ElementId == item.Id).ToList();
            return new OverdueRow(
                item,
                string.Join(", ", list.Where(o => o.ServiceId != null).Select(o => ServiceName(o.ServiceId!.Value)).Distinct().Order(StringComparer.Ordinal)),
                string.Join(", ", list.Where(o => o.UserId != null).Select(o => names.GetValueOrDefault(o.UserId!) ?? o.UserId!).Distinct().Order(StringComparer.Ordinal)));
        }

        var periodIds = periods.Select(p => p.Id).ToList();
        var sent = await Db.RemindersSent.AsNoTracking().Where(r => periodIds.Contains(r.ReportingPeriodId)).OrderBy(r => r.SentAt).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        Quarters = periods.Select(p => new Quarter(
            p,
            ReminderRun.ReminderDay(p.Due, settings.WorkingDaysBefore),
            overdue.Where(i => i.Quarter == p.Quarter).Select(Row).ToList(),
            sent.Where(r => r.ReportingPeriodId == p.Id).Select(r => new SentRow(r, names.GetValueOrDefault(r.UserId) ?? r.UserId)).ToList())).ToList();
        return Page();
    }
}
