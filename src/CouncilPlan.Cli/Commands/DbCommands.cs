using System.CommandLine;
using CouncilPlan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Cli.Commands;

/// <summary>`councilplan db migrate` and `councilplan db seed`.</summary>
public static class DbCommands
{
    public static Command Create(CliContext context)
    {
        var db = new Command("db", "Create and update the database.");

        var migrate = new Command("migrate", "Create the database or bring it up to date with this version of CouncilPlan.");
        migrate.SetAction(async (parse, cancellationToken) =>
        {
            var settings = context.Database;
            await using var database = settings.CreateContext();
            var pending = (await database.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            await database.Database.MigrateAsync(cancellationToken);
            await context.Out.WriteLineAsync(pending.Count == 0
                ? $"The {settings.Provider} database is up to date."
                : $"Applied {pending.Count} migration(s) to the {settings.Provider} database: {string.Join(", ", pending)}.");
            return ExitCodes.Success;
        });

        var seed = new Command("seed", "Load the default dataset (areas and plans under the data folder) when the database holds no plan yet.");
        seed.SetAction(async (parse, cancellationToken) =>
        {
            await using var database = await context.OpenDatabaseAsync(cancellationToken);
            var loaded = await DefaultDataset.LoadIfEmptyAsync(database, context.Clock, cancellationToken: cancellationToken);
            await context.Out.WriteLineAsync(loaded ? "Loaded the default dataset." : "The database already holds a plan; nothing loaded.");
            return ExitCodes.Success;
        });

        db.Subcommands.Add(migrate);
        db.Subcommands.Add(seed);
        return db;
    }
}
