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

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task NotMigratingOnStart_ACommandOnAnUnmigratedDatabase_ChangesNothingAndSaysToMigrate(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        var settings = new Dictionary<string, string?> { [DatabaseServices.MigrateOnStartKey] = "false" };
        var file = Path.Combine(Path.GetTempPath(), "councilplan-tests", $"{Guid.NewGuid():N}.csv");

        var refused = await CliRunner.RunAsync(database, settings, "data", "export", "--out", file);

        Assert.Equal(ExitCodes.Invalid, refused.ExitCode);
        Assert.Contains("run `councilplan db migrate`", refused.Error, StringComparison.Ordinal);
        await using (var db = database.NewContext())
        {
            Assert.Empty(await db.Database.GetAppliedMigrationsAsync());
        }

        // `db migrate` is the one command that migrates; after it the others run.
        Assert.Equal(0, (await CliRunner.RunAsync(database, settings, "db", "migrate")).ExitCode);
        var exported = await CliRunner.RunAsync(database, settings, "data", "export", "--out", file);
        Assert.True(exported.ExitCode == 0, exported.Error);
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

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Seed_WithAFolder_LoadsItOnlyWhileTheDatabaseIsEmpty(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        var areasOnly = Path.GetDirectoryName(PlanFixtures.WriteTemp(
            """
            format: councilplan/areas@1
            areas:
              - code: E07000093
                name: Test Valley
                type: council
            """,
            "areas.yaml"))!;

        var first = await CliRunner.RunAsync(database, "db", "seed", "--folder", areasOnly);
        var second = await CliRunner.RunAsync(database, "db", "seed", "--folder", RepositoryFiles.Data);

        Assert.Equal((0, $"Loaded the dataset in {areasOnly}."), (first.ExitCode, first.Out.Trim()));
        Assert.Equal((0, "The database already holds a plan, areas, measures or figures; nothing loaded."), (second.ExitCode, second.Out.Trim()));
        await using var db = database.NewContext();
        Assert.Equal(["E07000093"], await db.Areas.Select(a => a.Code).ToListAsync());
        Assert.Equal(0, await db.Plans.CountAsync());
    }

    [Theory]
    [InlineData("none")]
    [InlineData("")]
    public async Task Seed_WithDatasetFolderNone_LoadsNothingAndOpensNoDatabase(string setting)
    {
        var file = Path.Combine(Path.GetTempPath(), "councilplan-tests", Guid.NewGuid().ToString("N"), "never.db");
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:CouncilPlan"] = $"Data Source={file}", [DatasetSettings.FolderKey] = setting };

        var (exitCode, output, _) = await CliRunner.RunAsync(null, settings, "db", "seed");

        Assert.Equal((0, "Dataset:Folder is 'none': nothing to load."), (exitCode, output.Trim()));
        Assert.False(File.Exists(file));
    }
}
