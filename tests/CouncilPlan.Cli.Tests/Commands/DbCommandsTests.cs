using CouncilPlan.Core.Data;
using CouncilPlan.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace CouncilPlan.Cli.Tests.Commands;

public sealed class DbCommandsTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Migrate_OnAnEmptyDatabase_CreatesTheSchemaAndThenSaysUpToDate(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);

        var first = await CliRunner.RunAsync(database, "db", "migrate");
        var second = await CliRunner.RunAsync(database, "db", "migrate");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains($"to the {provider} database", first.Out, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal($"The {provider} database is up to date.", second.Out.Trim());
        await using var db = database.NewContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Migrate_WithUnknownProvider_NamesTheSetting()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Provider"] = "Oracle" }).Build();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await CommandLine.RunAsync(["db", "migrate"], new CliContext(configuration, output, error, TimeProvider.System));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Database:Provider is 'Oracle': it must be Sqlite or Postgres.", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plan", "validate")]
    [InlineData("plan", "import")]
    [InlineData("db", "migrate")]
    [InlineData("areas", "import")]
    public async Task EveryCommand_HasHelp(string group, string command)
    {
        var (exitCode, output, _) = await CliRunner.RunAsync(null, group, command, "--help");

        Assert.Equal(0, exitCode);
        Assert.Contains($"councilplan {group} {command}", output, StringComparison.Ordinal);
    }
}
