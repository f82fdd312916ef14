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
    /// Brings the database up to date and, when it is empty, loads the dataset in
    /// <paramref name="datasetFolder"/> (null: load nothing, for a council starting its own):
    /// what a new installation needs before its first page is served.
    /// </summary>
    public static async Task PrepareAsync(CouncilPlanDb db, TimeProvider clock, string? datasetFolder, CancellationToken cancellationToken = default)
    {
        await db.Database.MigrateAsync(cancellationToken);
        if (datasetFolder is not null)
        {
            await DefaultDataset.LoadIfEmptyAsync(db, clock, datasetFolder, cancellationToken);
        }
    }
}
