using CouncilPlan.Testing;
using Microsoft.Extensions.Configuration;

namespace CouncilPlan.Cli.Tests;

/// <summary>Runs `councilplan` in-process against a real database, capturing what it prints.</summary>
public static class CliRunner
{
    public static Task<(int ExitCode, string Out, string Error)> RunAsync(TestDatabase? database, params string[] args) =>
        RunAsync(database, new Dictionary<string, string?>(), args);

    /// <summary>Runs with further settings, such as Backup:PgBin, as configuration would give them.</summary>
    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(TestDatabase? database, IReadOnlyDictionary<string, string?> extraSettings, params string[] args)
    {
        var settings = new Dictionary<string, string?>(extraSettings);
        if (database is not null)
        {
            settings["Database:Provider"] = database.Provider.ToString();
            settings["ConnectionStrings:CouncilPlan"] = database.Settings.ConnectionString;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CommandLine.RunAsync(args, new CliContext(configuration, output, error, TimeProvider.System));
        return (exitCode, output.ToString(), error.ToString());
    }
}
