using CouncilPlan.Core.Data;

namespace CouncilPlan.Web.Operations;

/// <summary>
/// What the web app does with the database before its first request. With
/// <c>Database:MigrateOnStart</c> true (the default) it applies migrations, as a single instance
/// on SQLite wants. With false (several instances, a login role without DDL rights: docs/deploy.md)
/// it only reads which migrations are applied; if some are missing it serves nothing but the health
/// endpoints, /health/ready answers 503 and the log says to run <c>councilplan db migrate</c>,
/// because pages built on a schema older than the code would fail in ways a visitor cannot act on.
/// </summary>
public static class DatabaseStart
{
    /// <summary>
    /// The name under which instances take turns at what they write when they start
    /// (<see cref="SingleRunner.RunExclusiveAsync"/>): two instances started together on an empty
    /// database would otherwise both load the dataset or add the staff roles, and one would fail
    /// on a duplicate key (deploy/run-local.sh found the roles' race).
    /// </summary>
    public const string StartJob = "start";

    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var configuration = app.Configuration;
        var migrate = DatabaseServices.MigrateOnStart(configuration);
        IReadOnlyList<string> pending = [];
        await app.Services.GetRequiredService<SingleRunner>().RunExclusiveAsync(StartJob, async cancellationToken =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CouncilPlanDb>();
            var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            pending = await DatabaseServices.PrepareAsync(db, clock, DatasetSettings.Folder(configuration, Directory.GetCurrentDirectory()), migrate, cancellationToken);
        });
        if (pending.Count > 0)
        {
            app.Services.GetRequiredService<SchemaAtStart>().Pending = pending;
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseStart)).LogError(
                "The database lacks {Count} migration(s) of this version ({Migrations}) and {Setting} is false: run `councilplan db migrate` as the database owner, then restart this instance. Until then it serves only /health/live and an unready /health/ready",
                pending.Count,
                string.Join(", ", pending),
                DatabaseServices.MigrateOnStartKey);
        }
    }

    /// <summary>Answers 503 to everything but the health endpoints while the schema is behind the code.</summary>
    public static WebApplication UseSchemaGate(this WebApplication app)
    {
        var state = app.Services.GetRequiredService<SchemaAtStart>();
        app.Use(async (context, next) =>
        {
            if (state.Pending.Count == 0 || context.Request.Path.StartsWithSegments("/health"))
            {
                await next(context);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.CacheControl = "no-store";
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("This service is being updated. Please try again later.", context.RequestAborted);
        });
        return app;
    }
}

/// <summary>The migrations found missing when the app started without migrating: none when it may serve.</summary>
public sealed class SchemaAtStart
{
    public IReadOnlyList<string> Pending { get; set; } = [];
}
