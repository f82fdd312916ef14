using CouncilPlan.Core.Audit;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Reminders;
using CouncilPlan.Reports.Workspace;

namespace CouncilPlan.Web.Reminders;

/// <summary>Reminders about the quarterly updates (docs/reminders.md): the settings, the mail sender and the daily run.</summary>
public static class ReminderSchedule
{
    public static IServiceCollection AddReminders(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = ReminderSettings.FromConfiguration(configuration);
        services.AddSingleton(settings);
        services.AddSingleton(settings.EmailSender());
        services.AddHostedService<ScheduledReminders>();
        return services;
    }
}

/// <summary>
/// Runs the reminders once a day at <c>Reminders:RunAtUtc</c>, once across all instances (through
/// <see cref="SingleRunner"/>), and once shortly after start, <c>Reminders:FirstRunAfter</c>, so
/// that a restart over the usual hour does not skip a day. Running more than once a day is harmless:
/// what was sent is recorded and not sent again. Off when no email or site address is configured.
/// </summary>
public sealed class ScheduledReminders(
    IServiceScopeFactory scopes,
    ReminderSettings settings,
    SingleRunner runner,
    TimeProvider clock,
    ILogger<ScheduledReminders> logger) : BackgroundService
{
    /// <summary>How long until the next run at <paramref name="at"/> (UTC), today's if it is still to come.</summary>
    public static TimeSpan UntilNextRun(DateTimeOffset now, TimeOnly at)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date + at.ToTimeSpan(), TimeSpan.Zero);
        return (today > now ? today : today.AddDays(1)) - now;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.OffBecause is { } off)
        {
            logger.LogInformation("Reminders are off: {Reason}.", off);
            return;
        }

        await Task.Delay(settings.FirstRunAfter, clock, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await runner.TryRunAsync(ReminderRun.JobName, RunAsync, stoppingToken))
                {
                    logger.LogInformation("Reminders skipped: another instance is sending them.");
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A database outage must not stop the schedule for good; tomorrow's run tries again.
                logger.LogError(e, "The reminder run failed.");
            }

            await Task.Delay(UntilNextRun(clock.GetUtcNow(), settings.RunAtUtc), clock, stoppingToken);
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CouncilPlanDb>();
        db.Actor = AuditActor.System;
        var email = scope.ServiceProvider.GetRequiredService<IEmailSender>();
        var outcomes = await new ReminderRun(db, clock, settings, email, ReminderEmails.Writer(settings), logger).RunAsync(dryRun: false, cancellationToken);
        logger.LogInformation("Reminder run: {Sent} emails sent, {Failed} not sent.", outcomes.Count(o => o.Sent), outcomes.Count(o => !o.Sent));
    }
}
