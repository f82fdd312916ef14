using System.Globalization;
using System.Text;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CouncilPlan.Core.Reminders;

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
/// Callers run it through <see cref="SingleRunner"/>, so two instances never send at once.
/// </summary>
public sealed class ReminderRun(CouncilPlanDb db, TimeProvider clock, ReminderSettings settings, IEmailSender email, ILogger logger)
{
    public const string JobName = "reminders";

    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>The first day owners are reminded about updates due on <paramref name="due"/>.</summary>
    public static DateOnly ReminderDay(DateOnly due, int workingDaysBefore) => WorkingDays.Before(due, workingDaysBefore);

    public async Task<IReadOnlyList<ReminderOutcome>> RunAsync(bool dryRun = false, CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
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

                var message = Compose(user.DisplayName, user.Email!, period, kind.Value, items, held.Contains(Roles.Approver));
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

    /// <summary>Plain words in the GOV.UK style: what is due, by when, and a link to each.</summary>
    private EmailMessage Compose(string name, string address, ReportingPeriod period, ReminderKind kind, List<DueItem> items, bool approver)
    {
        var due = period.Due.ToString("dddd d MMMM yyyy", EnGb);
        var site = settings.SiteBaseUrl?.ToString().TrimEnd('/') ?? "";
        var count = items.Count == 1 ? "1 update" : $"{items.Count} updates";
        var body = new StringBuilder();
        body.Append(EnGb, $"Dear {name},\n\n");
        if (kind == ReminderKind.Reminder)
        {
            body.Append(EnGb, $"Your {period.Quarter} updates are due by {due}. You have {count} still to do:\n\n");
        }
        else
        {
            body.Append(EnGb, $"These {period.Quarter} updates were due on {due} and have not been submitted yet ({count}):\n\n");
        }

        foreach (var item in items)
        {
            body.Append(EnGb, $"{item.Reference}: {item.Title}\nStatus: {item.Status}\n{site}{item.Href}\n\n");
        }

        if (kind == ReminderKind.Reminder)
        {
            body.Append("If you have already submitted them, thank you: you do not need to do anything.\n\n");
        }
        else
        {
            body.Append(approver
                ? "You are getting this because you own these updates or approve your service's updates.\n\n"
                : "Please submit them as soon as you can.\n\n");
            body.Append("If you cannot, tell the performance team why and when you expect to.\n\n");
        }

        body.Append(EnGb, $"Everything due from you is in your workspace: {site}/staff\n\n");
        body.Append("This email was sent automatically by CouncilPlan. Do not reply to it.\n");
        var subject = kind == ReminderKind.Reminder
            ? $"Reminder: your {period.Quarter} updates are due by {period.Due.ToString("d MMMM yyyy", EnGb)}"
            : $"Overdue: {period.Quarter} updates were due on {period.Due.ToString("d MMMM yyyy", EnGb)}";
        return new EmailMessage(address, name, subject, body.ToString());
    }
}
