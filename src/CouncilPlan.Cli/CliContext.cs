using CouncilPlan.Core.Data;
using Microsoft.Extensions.Configuration;

namespace CouncilPlan.Cli;

/// <summary>What every command needs: configuration (for the database), where to write, and the clock.</summary>
public sealed record CliContext(IConfiguration Configuration, TextWriter Out, TextWriter Error, TimeProvider Clock)
{
    public DatabaseSettings Database => DatabaseSettings.FromConfiguration(Configuration, Directory.GetCurrentDirectory());

    /// <summary>
    /// A database context on an up-to-date database: migrated first, unless
    /// <c>Database:MigrateOnStart</c> is false (production, docs/deploy.md), where the commands may
    /// run as the app role, which cannot change the schema (even checking for the history table with
    /// CREATE TABLE IF NOT EXISTS needs that right); there only `db migrate` migrates, and a command
    /// on a database behind this version stops and says so.
    /// </summary>
    public async Task<CouncilPlanDb> OpenDatabaseAsync(CancellationToken cancellationToken)
    {
        var db = Database.CreateContext();
        try
        {
            if (DatabaseServices.MigrateOnStart(Configuration))
            {
                await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.MigrateAsync(db.Database, cancellationToken);
            }
            else if ((await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetPendingMigrationsAsync(db.Database, cancellationToken)).Count() is var pending and > 0)
            {
                throw new InvalidOperationException(
                    $"the database lacks {pending} migration(s) of this version and {DatabaseServices.MigrateOnStartKey} is false: run `councilplan db migrate` as the database owner first.");
            }

            return db;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }
}

/// <summary>Exit codes: 0 success; 1 the input or data was wrong; 2 the command line was wrong (System.CommandLine's own).</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Invalid = 1;
}
