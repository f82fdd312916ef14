using System.CommandLine;
using CouncilPlan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Cli.Commands;

/// <summary>`councilplan db migrate`, `db seed`, `db backup` and `db restore`.</summary>
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

        var folderOption = new Option<string>("--folder") { Description = "The dataset folder to load: areas.yaml and one folder per plan (default: Dataset:Folder, else the bundled default dataset)." };
        var seed = new Command("seed", "Load a dataset (areas.yaml and the plans under its folder) into an empty database: no plan, areas, measures or figures yet.") { folderOption };
        seed.SetAction(async (parse, cancellationToken) =>
        {
            var folder = parse.GetValue(folderOption) is { } given
                ? DatasetSettings.Resolve(given, Directory.GetCurrentDirectory())
                : DatasetSettings.Folder(context.Configuration, Directory.GetCurrentDirectory());
            if (folder is null)
            {
                await context.Out.WriteLineAsync("Dataset:Folder is 'none': nothing to load.");
                return ExitCodes.Success;
            }

            await using var database = await context.OpenDatabaseAsync(cancellationToken);
            var loaded = await DefaultDataset.LoadIfEmptyAsync(database, context.Clock, folder, cancellationToken);
            await context.Out.WriteLineAsync(loaded
                ? $"Loaded the dataset in {folder}."
                : "The database already holds a plan, areas, measures or figures; nothing loaded.");
            return ExitCodes.Success;
        });

        var outOption = new Option<string>("--out") { Description = "The backup file to write.", Required = true };
        var backupForce = new Option<bool>("--force") { Description = "Replace the file if it already exists." };
        var backup = new Command("backup", "Write a consistent copy of the database while the app may be running: SQLite's own copy, or pg_dump's custom format for PostgreSQL.")
        {
            outOption,
            backupForce,
        };
        backup.SetAction(async (parse, cancellationToken) =>
        {
            var settings = context.Database;
            var file = parse.GetValue(outOption)!;
            await Backups.BackupAsync(settings, file, parse.GetValue(backupForce), context.Configuration["Backup:PgBin"], cancellationToken);
            await context.Out.WriteLineAsync($"Backed up the {settings.Provider} database to {file}.");
            return ExitCodes.Success;
        });

        var fromOption = new Option<string>("--from") { Description = "The backup file to restore (from `councilplan db backup`).", Required = true };
        var restoreForce = new Option<bool>("--force") { Description = "Restore even though the database is not empty, replacing what it holds." };
        var restore = new Command("restore", "Restore a backup into the configured database (empty unless --force), then apply any newer migrations.")
        {
            fromOption,
            restoreForce,
        };
        restore.SetAction(async (parse, cancellationToken) =>
        {
            var settings = context.Database;
            var file = parse.GetValue(fromOption)!;
            var result = await Backups.RestoreAsync(settings, file, parse.GetValue(restoreForce), context.Configuration["Backup:PgBin"], cancellationToken);
            await context.Out.WriteLineAsync(result.AppliedMigrations.Count == 0
                ? $"Restored {file} into the {settings.Provider} database."
                : $"Restored {file} into the {settings.Provider} database and applied {result.AppliedMigrations.Count} migration(s): {string.Join(", ", result.AppliedMigrations)}.");
            return ExitCodes.Success;
        });

        db.Subcommands.Add(migrate);
        db.Subcommands.Add(seed);
        db.Subcommands.Add(backup);
        db.Subcommands.Add(restore);
        return db;
    }
}
