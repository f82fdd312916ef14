using CouncilPlan.Core.Audit;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Sources;
using CouncilPlan.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Web.Sources;

/// <summary>Sources that refresh themselves (docs/sources-file-format.md): the settings, the publisher client and the schedule.</summary>
public static class SourceRefreshSchedule
{
    public static IServiceCollection AddSourceRefresh(this IServiceCollection services, IConfiguration configuration, string workingDirectory)
    {
        services.AddSingleton(SourceSettings.FromConfiguration(configuration, workingDirectory));

        // A typed client from IHttpClientFactory (pooled handlers, DNS refresh, the HttpClient
        // metrics and traces of issue 14). The fetcher applies its own timeout per request, so that
        // a slow publisher is reported as such rather than as a cancellation.
        services.AddHttpClient<SourceFetcher>(http =>
        {
            http.Timeout = Timeout.InfiniteTimeSpan;
            http.DefaultRequestHeaders.UserAgent.ParseAdd("CouncilPlan");
        });
        services.AddScoped<SourceRefresher>();
        services.AddHostedService<ScheduledSourceRefresh>();
        return services;
    }
}

/// <summary>
/// Refreshes every source on a schedule (<c>Sources:RefreshEvery</c>, a day by default; <c>off</c>
/// for never), once across all instances: the job runs through <see cref="SingleRunner"/>, so of
/// several instances sharing a PostgreSQL database only one fetches. It is off when no sources file
/// defines a series. The next refresh is due one interval after the last one any instance recorded,
/// so restarts neither skip nor repeat it; the first waits <c>Sources:FirstRefreshAfter</c> (15
/// minutes by default) after start, so a short-lived host (a test, a one-off container) never
/// reaches out to the publishers.
/// </summary>
public sealed class ScheduledSourceRefresh(
    IServiceScopeFactory scopes,
    SourceSettings settings,
    SingleRunner runner,
    TimeProvider clock,
    IConfiguration configuration,
    ILogger<ScheduledSourceRefresh> logger) : BackgroundService
{
    public const string JobName = "source-refresh";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.RefreshEvery is not { } every || every <= TimeSpan.Zero)
        {
            logger.LogInformation("Scheduled source refresh is off (Sources:RefreshEvery).");
            return;
        }

        IReadOnlyList<SourceDefinition> sources;
        try
        {
            sources = settings.ReadSources();
        }
        catch (Core.Validation.InvalidInputException e)
        {
            logger.LogError("Scheduled source refresh is off: the sources file has problems: {Problems}", e.Message);
            return;
        }

        if (!sources.Any(s => s.Series.Count > 0))
        {
            logger.LogInformation("Scheduled source refresh is off: no sources file defines a series.");
            return;
        }

        var firstAfter = TimeSpan.TryParse(configuration["Sources:FirstRefreshAfter"], System.Globalization.CultureInfo.InvariantCulture, out var first) ? first : TimeSpan.FromMinutes(15);
        await Task.Delay(firstAfter, clock, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = await UntilDueAsync(every, stoppingToken);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, clock, stoppingToken);
                continue;
            }

            try
            {
                var ran = await runner.TryRunAsync(JobName, token => RefreshAllAsync(sources, token), stoppingToken);
                if (!ran)
                {
                    logger.LogInformation("Scheduled source refresh skipped: another instance is running it.");
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A database outage must not stop the schedule for good; the next round tries again.
                logger.LogError(e, "Scheduled source refresh failed.");
            }

            await Task.Delay(TimeSpan.FromMinutes(1), clock, stoppingToken);
        }
    }

    private async Task<TimeSpan> UntilDueAsync(TimeSpan every, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CouncilPlanDb>();
        var last = await db.SourceRefreshes.Where(r => !r.DryRun && r.By == AuditActor.System.Who).OrderByDescending(r => r.StartedAt).Select(r => (DateTimeOffset?)r.StartedAt).FirstOrDefaultAsync(cancellationToken);
        return last is { } at ? at + every - clock.GetUtcNow() : TimeSpan.Zero;
    }

    private async Task RefreshAllAsync(IReadOnlyList<SourceDefinition> sources, CancellationToken cancellationToken)
    {
        // Another instance may have finished a round while this one waited for the lock.
        if (await UntilDueAsync(settings.RefreshEvery!.Value, cancellationToken) > TimeSpan.Zero)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var refresher = scope.ServiceProvider.GetRequiredService<SourceRefresher>();
        foreach (var refresh in await refresher.RefreshAsync(sources, new SourceRefreshOptions { By = AuditActor.System.Who }, cancellationToken))
        {
            if (refresh.Error is { } error)
            {
                logger.LogWarning("Source {Source} was not refreshed: {Error}", refresh.SourceId, error);
            }
            else
            {
                logger.LogInformation("Source {Source} refreshed: {Added} new, {Revised} revised, {Unchanged} unchanged.", refresh.SourceId, refresh.Added, refresh.Revised, refresh.Unchanged);
            }
        }
    }
}
