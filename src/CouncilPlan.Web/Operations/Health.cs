using System.Text.Json;
using CouncilPlan.Core.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CouncilPlan.Web.Operations;

/// <summary>
/// Health endpoints for a load balancer or orchestrator: <c>/health/live</c> says the process
/// answers (so a restart is not needed), <c>/health/ready</c> says it can serve pages (the database
/// answers and is fully migrated), so traffic can be sent to it.
/// </summary>
public static class Health
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    private const string ReadyTag = "ready";

    public static IServiceCollection AddCouncilPlanHealth(this IServiceCollection services)
    {
        services.AddSingleton<SchemaAtStart>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag]);
        return services;
    }

    public static WebApplication MapCouncilPlanHealth(this WebApplication app)
    {
        // Liveness runs no check at all: a database outage must not make the orchestrator restart
        // every instance, which would not bring the database back.
        Map(app, LivePath, _ => false);
        Map(app, ReadyPath, check => check.Tags.Contains(ReadyTag));
        return app;
    }

    private static void Map(WebApplication app, string path, Func<HealthCheckRegistration, bool> predicate) =>
        app.MapHealthChecks(path, new HealthCheckOptions
        {
            Predicate = predicate,
            ResponseWriter = WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        })
        // The public output cache's base policy would otherwise keep an answer for an hour.
        .CacheOutput(policy => policy.NoCache())
        .AllowAnonymous();

    /// <summary>
    /// Only the overall status and each check's status: the endpoints are anonymous, so exception
    /// messages (which can carry host names or connection strings) stay in the logs.
    /// </summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        // AllowCachingResponses=false (the default) already sets no-store; said again here so the
        // guarantee does not rest on a default.
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new Dictionary<string, object>
        {
            ["status"] = report.Status.ToString(),
        };
        if (report.Entries.Count > 0)
        {
            body["checks"] = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString());
        }

        return context.Response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
    }
}

/// <summary>Ready when the configured database answers and has every migration this build knows applied.</summary>
public sealed class DatabaseHealthCheck(CouncilPlanDb db, SchemaAtStart atStart, ILogger<DatabaseHealthCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Started on a schema behind the code without migrating: it stays unready until restarted
        // after `councilplan db migrate` (see DatabaseStart), even once the migrations are applied,
        // since it did not load what an empty database needs at start.
        if (atStart.Pending.Count > 0)
        {
            return HealthCheckResult.Unhealthy($"{atStart.Pending.Count} migrations were not applied when this instance started.");
        }

        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("The database does not answer.");
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{pending.Count} migrations are not applied.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A pooled connection to a database that has gone can pass CanConnect and fail on the
            // first query: that is as unready as a refused connection.
            logger.LogWarning(e, "The readiness check could not read the database");
            return HealthCheckResult.Unhealthy("The database could not be read.");
        }
    }
}
