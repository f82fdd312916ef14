using System.CommandLine;
using CouncilPlan.Core.Audit;
using CouncilPlan.Core.Reminders;
using CouncilPlan.Reports.Workspace;
using Microsoft.Extensions.Logging.Abstractions;

namespace CouncilPlan.Cli.Commands;

/// <summary>`councilplan reminders send [--dry-run]`: the web app's daily reminder run, once, now (docs/reminders.md).</summary>
public static class ReminderCommands
{
    public static Command Create(CliContext context)
    {
        var reminders = new Command("reminders", "Emails about the quarterly updates: reminders before the due date, overdue notices after it (docs/reminders.md).");
        reminders.Subcommands.Add(CreateSend(context));
        return reminders;
    }

    private static Command CreateSend(CliContext context)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Say who would be emailed and about what; send and record nothing." };
        var send = new Command("send", "Send today's reminders and overdue notices that have not been sent yet, as the web app does once a day. Exits non-zero if any email was not sent.") { dryRun };
        send.SetAction(async (parse, cancellationToken) =>
        {
            var settings = ReminderSettings.FromConfiguration(context.Configuration);
            var dry = parse.GetValue(dryRun);
            if (!dry && settings.OffBecause is { } off)
            {
                await context.Error.WriteLineAsync($"Reminders are off: {off}. Nothing was sent.");
                return ExitCodes.Invalid;
            }

            await using var db = await context.OpenDatabaseAsync(cancellationToken);
            db.Actor = AuditActor.CommandLine();

            // The same one-at-a-time guard as the web app's daily run, so the two never send at once.
            IReadOnlyList<ReminderOutcome> outcomes = [];
            var ran = await new Core.Data.SingleRunner(context.Database).TryRunAsync(
                ReminderRun.JobName,
                async token => outcomes = await new ReminderRun(db, context.Clock, settings, settings.EmailSender(), ReminderEmails.Writer(settings), NullLogger.Instance).RunAsync(dry, token),
                cancellationToken);
            if (!ran)
            {
                await context.Error.WriteLineAsync("Reminders are being sent by another instance now; nothing was sent. Try again later.");
                return ExitCodes.Invalid;
            }

            foreach (var outcome in outcomes)
            {
                var what = outcome.Kind == ReminderKind.Reminder ? "reminder" : "overdue notice";
                var verb = dry ? "would send" : outcome.Sent ? "sent" : "NOT SENT";
                var line = $"{outcome.Quarter}: {verb} {what} to {outcome.Name} <{outcome.Email}> about {string.Join(", ", outcome.Items.Select(i => i.Reference))}";
                await (outcome.Sent ? context.Out : context.Error).WriteLineAsync(outcome.Error is { } error ? $"{line}: {error}" : line);
            }

            var failed = outcomes.Count(o => !o.Sent);
            await context.Out.WriteLineAsync(outcomes.Count == 0
                ? "Nothing to send today."
                : dry ? $"{outcomes.Count} email(s) would be sent; nothing was sent (dry run)." : $"{outcomes.Count - failed} email(s) sent, {failed} not sent.");
            return failed > 0 ? ExitCodes.Invalid : ExitCodes.Success;
        });
        return send;
    }
}
