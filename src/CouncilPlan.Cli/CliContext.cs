using CouncilPlan.Core.Data;
using Microsoft.Extensions.Configuration;

namespace CouncilPlan.Cli;

/// <summary>What every command needs: configuration (for the database), where to write, and the clock.</summary>
public sealed record CliContext(IConfiguration Configuration, TextWriter Out, TextWriter Error, TimeProvider Clock)
{
    public DatabaseSettings Database => DatabaseSettings.FromConfiguration(Configuration, Directory.GetCurrentDirectory());

    /// <summary>A database context on an up-to-date database.</summary>
    public async Task<CouncilPlanDb> OpenDatabaseAsync(CancellationToken cancellationToken)
    {
        var db = Database.CreateContext();
        await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.MigrateAsync(db.Database, cancellationToken);
        return db;
    }
}

/// <summary>Exit codes: 0 success; 1 the input or data was wrong; 2 the command line was wrong (System.CommandLine's own).</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Invalid = 1;
}
