using CouncilPlan.Testing;
using Microsoft.Extensions.Configuration;

namespace CouncilPlan.Cli.Tests;

/// <summary>Runs `councilplan` in-process against a real database, capturing what it prints.</summary>
public static class CliRunner
{
    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(TestDatabase? database, params string[] args)
    {
        var settings = new Dictionary<string, string?>();
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
