using CouncilPlan.Core.Data;
using CouncilPlan.Core.Dates;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CouncilPlan.Core.Reminders;

/// <summary>What one email is to say: to whom, about which quarter, and the updates it lists.</summary>
/// <param name="Approver">Whether they approve their service's updates, which is why an overdue notice came to them.</param>
public sealed record ReminderLetter(string Name, string Email, ReportingPeriod Period, ReminderKind Kind, IReadOnlyList<DueItem> Items, bool Approver);

/// <summary>An email a run sent, would send (a dry run) or failed to send.</summary>
public sealed record ReminderOutcome(string Quarter, ReminderKind Kind, string Name, string Email, IReadOnlyList<DueItem> Items, string? Error)
{
    public bool Sent => Error is null;
}

/// <summary>
/// One day's reminders about the quarterly updates. For each open quarter: from
/// <see cref="ReminderSettings.WorkingDaysBefore"/> working days before the due date to the due date
/// itself, everyone with updates still to do is reminded once; after the due date, everyone with
/// updates overdue, and the approvers of the services they belong to, are told once. Who has what to
/// do is the quarterly cycle's own answer (<see cref="DueList.DueFromAsync"/>), so the emails
/// list what the workspace shows them. Each email sent is recorded (<see cref="ReminderSent"/>)
/// before the next is sent; one that fails is logged and not recorded, so the next run tries again.
/// Callers run it through <see cref="SingleRunner"/>, so two instances never send at once. The words
/// and links of each email are the caller's (<paramref name="write"/>): the web app and the command
/// line share them (CouncilPlan.Reports, Workspace/ReminderEmails).
/// </summary>
public sealed class ReminderRun(CouncilPlanDb db, TimeProvider clock, ReminderSettings settings, IEmailSender email, Func<ReminderLetter, EmailMessage> write, ILogger logger)
{
    public const string JobName = "reminders";

    /// <summary>The first day owners are reminded about updates due on <paramref name="due"/>.</summary>
    public static DateOnly ReminderDay(DateOnly due, int workingDaysBefore) => WorkingDays.Before(due, workingDaysBefore);

    public async Task<IReadOnlyList<ReminderOutcome>> RunAsync(bool dryRun = false, CancellationToken cancellationToken = default)
    {
        var today = UkTime.Today(clock);
        var dueList = new DueList(db, clock);
        var phases = (await new ReportingPeriods(db, clock).OpenPeriodsAsync(cancellationToken))
            .Select(p => (Period: p, Kind: today > p.Due ? ReminderKind.Overdue : today >= ReminderDay(p.Due, settings.WorkingDaysBefore) ? ReminderKind.Reminder : (ReminderKind?)null))
            .Where(p => p.Kind is not null)
            .ToList();
        if (phases.Count == 0)
        {
            return [];
        }

        var periodIds = phases.Select(p => p.Period.Id).ToList();
        var sent = (await db.RemindersSent.AsNoTracking().Where(r => periodIds.Contains(r.ReportingPeriodId)).Select(r => new { r.ReportingPeriodId, r.UserId, r.Kind }).ToListAsync(cancellationToken))
            .Select(r => (r.ReportingPeriodId, r.UserId, r.Kind))
            .ToHashSet();
        var roles = (await (from userRole in db.UserRoles
                            join role in db.Roles on userRole.RoleId equals role.Id
                            select new { userRole.UserId, role.Name }).ToListAsync(cancellationToken))
            .ToLookup(r => r.UserId, r => r.Name ?? "", StringComparer.Ordinal);
        var users = (await db.Users.AsNoTracking().Where(u => u.Email != null).OrderBy(u => u.Email).ToListAsync(cancellationToken))
            .Where(u => !StaffAccounts.IsDisabled(u))
            .ToList();

        var outcomes = new List<ReminderOutcome>();
        foreach (var user in users)
        {
            // The performance team sees every update in the workspace; that is not being asked for them.
            var held = roles[user.Id].Where(r => r != Roles.PerformanceTeam).ToHashSet(StringComparer.Ordinal);
            var owner = new Officer(user.Id, user.Email!, user.DisplayName, held.Where(r => r != Roles.Approver).ToHashSet(StringComparer.Ordinal), user.ServiceId, user.PortfolioKey);
            var withApprovals = owner with { Roles = held };
            IReadOnlyList<DueItem>? owned = null;
            IReadOnlyList<DueItem>? answerable = null;
            foreach (var (period, kind) in phases)
            {
                if (sent.Contains((period.Id, user.Id, kind!.Value)))
                {
                    continue;
                }

                // A reminder goes to those who do the updates; an overdue notice to their approvers too.
                var items = kind == ReminderKind.Reminder
                    ? (owned ??= await dueList.DueFromAsync(owner, cancellationToken)).Where(i => i.Quarter == period.Quarter && i.ToDo).ToList()
                    : (answerable ??= await dueList.DueFromAsync(withApprovals, cancellationToken)).Where(i => i.Quarter == period.Quarter && i.Overdue).ToList();
                if (items.Count == 0)
                {
                    continue;
                }

                var message = write(new ReminderLetter(user.DisplayName, user.Email!, period, kind.Value, items, held.Contains(Roles.Approver)));
                outcomes.Add(await SendAsync(message, period, user.Id, kind.Value, items, dryRun, cancellationToken));
            }
        }

        return outcomes;
    }

    private async Task<ReminderOutcome> SendAsync(EmailMessage message, ReportingPeriod period, string userId, ReminderKind kind, List<DueItem> items, bool dryRun, CancellationToken cancellationToken)
    {
        if (dryRun)
        {
            return new ReminderOutcome(period.Quarter, kind, message.ToName, message.To, items, null);
        }

        try
        {
            await email.SendAsync(message, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "The {Kind} email about {Quarter} to {Email} was not sent; the next run tries again.", kind, period.Quarter, message.To);
            return new ReminderOutcome(period.Quarter, kind, message.ToName, message.To, items, e.Message);
        }

        db.RemindersSent.Add(new ReminderSent
        {
            ReportingPeriodId = period.Id,
            UserId = userId,
            Kind = kind,
            SentTo = message.To,
            Items = items.Count,
            SentAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Sent the {Kind} email about {Quarter} to {Email} ({Items} updates).", kind, period.Quarter, message.To, items.Count);
        return new ReminderOutcome(period.Quarter, kind, message.ToName, message.To, items, null);
    }
}
