using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CouncilPlan.Core.Data;

public static class DatabaseServices
{
    /// <summary>Registers <see cref="CouncilPlanDb"/> for the configured provider.</summary>
    public static IServiceCollection AddCouncilPlanDatabase(this IServiceCollection services, IConfiguration configuration, string workingDirectory)
    {
        var settings = DatabaseSettings.FromConfiguration(configuration, workingDirectory);
        services.AddSingleton(settings);
        services.AddSingleton<SingleRunner>();
        if (settings.Provider == DatabaseProvider.Postgres)
        {
            services.AddDbContext<PostgresCouncilPlanDb>(settings.Configure);
            services.AddScoped<CouncilPlanDb>(sp => sp.GetRequiredService<PostgresCouncilPlanDb>());
        }
        else
        {
            services.AddDbContext<SqliteCouncilPlanDb>(settings.Configure);
            services.AddScoped<CouncilPlanDb>(sp => sp.GetRequiredService<SqliteCouncilPlanDb>());
        }

        return services;
    }

    /// <summary>
    /// <c>Database:MigrateOnStart</c> (default true): whether the web app applies migrations when it
    /// starts. A single instance on SQLite wants that; several instances on PostgreSQL should not race
    /// to change the schema, and should log in as a role that cannot (deploy/postgres-roles.sql), so
    /// there it is false and <c>councilplan db migrate</c> runs as a separate step (docs/deploy.md).
    /// </summary>
    public const string MigrateOnStartKey = "Database:MigrateOnStart";

    public static bool MigrateOnStart(IConfiguration configuration)
    {
        var text = configuration[MigrateOnStartKey];
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        // A typo must not silently migrate (or not): say what is wrong.
        return bool.TryParse(text.Trim(), out var value)
            ? value
            : throw new InvalidOperationException($"{MigrateOnStartKey} is '{text}': it must be true or false.");
    }

    /// <summary>
    /// Brings the database up to date (unless <paramref name="migrate"/> is false) and, when it is
    /// empty, loads the dataset in <paramref name="datasetFolder"/> (null: load nothing, for a
    /// council starting its own): what a new installation needs before its first page is served.
    /// </summary>
    /// <returns>
    /// The migrations this build has that the database lacks: always none after migrating. When not
    /// migrating and some are pending, nothing is loaded (the tables may not be there yet) and the
    /// caller must not serve pages.
    /// </returns>
    public static async Task<IReadOnlyList<string>> PrepareAsync(CouncilPlanDb db, TimeProvider clock, string? datasetFolder, bool migrate = true, CancellationToken cancellationToken = default)
    {
        if (migrate)
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        else
        {
            // Reads __EFMigrationsHistory only: the least-privilege app role can do that.
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                return pending;
            }
        }

        if (datasetFolder is not null)
        {
            // INSERTs only, so the app role may load the default dataset into an empty database.
            await DefaultDataset.LoadIfEmptyAsync(db, clock, datasetFolder, cancellationToken);
        }

        return [];
    }
}
