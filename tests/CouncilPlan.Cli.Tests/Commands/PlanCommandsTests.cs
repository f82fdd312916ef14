using CouncilPlan.Core.Data;
using CouncilPlan.Testing;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Cli.Tests.Commands;

public sealed class PlanCommandsTests
{
    [Fact]
    public async Task Validate_StockportPlan_ExitsZeroAndSaysValid()
    {
        var (exitCode, output, error) = await CliRunner.RunAsync(null, "plan", "validate", RepositoryFiles.StockportPlan);

        Assert.Equal(0, exitCode);
        Assert.Contains("plan.yaml: valid. Plan 'stockport-2023-24'", output, StringComparison.Ordinal);
        Assert.Empty(error);
    }

    [Fact]
    public async Task Validate_BrokenPlan_ExitsNonZeroWithEveryProblemOnStandardError()
    {
        var content = PlanFixtures.Minimal
            .Replace("due: 2026-03", "due: 2026-14", StringComparison.Ordinal)
            .Replace("covers: [ambition-one]", "covers: [nothing-here]", StringComparison.Ordinal);
        var path = PlanFixtures.WriteTemp(content);

        var (exitCode, output, error) = await CliRunner.RunAsync(null, "plan", "validate", path);

        Assert.NotEqual(0, exitCode);
        Assert.Empty(output);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal($"{path}:{PlanFixtures.LineOf(content, "due: 2026-14")}:18: 'ambitions[0].key_areas[0].commitments[0].due' '2026-14' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY", lines[0]);
        Assert.StartsWith($"{path}:{PlanFixtures.LineOf(content, "nothing-here")}:", lines[1], StringComparison.Ordinal);
        Assert.Equal("2 problems found; nothing was loaded.", lines[^1]);
    }

    [Fact]
    public async Task Validate_MissingFile_SaysSo()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync(null, "plan", "validate", "/no/such/plan.yaml");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("/no/such/plan.yaml: the file does not exist", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_AfterAreas_LoadsThePlanAndASecondImportChangesNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);

        var areas = await CliRunner.RunAsync(database, "areas", "import", RepositoryFiles.Areas);
        var first = await CliRunner.RunAsync(database, "plan", "import", RepositoryFiles.StockportPlan);
        var second = await CliRunner.RunAsync(database, "plan", "import", RepositoryFiles.StockportPlan);

        Assert.Equal(0, areas.ExitCode);
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("loaded plan 'stockport-2023-24' with", first.Out, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("nothing changed", second.Out, StringComparison.Ordinal);
        await using var db = database.NewContext();
        Assert.Equal(4, await db.PlanElements.CountAsync(e => e.Kind == Core.Plans.ElementKind.Ambition));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_BrokenPlan_ExitsNonZeroAndLoadsNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        await CliRunner.RunAsync(database, "areas", "import", RepositoryFiles.Areas);
        var path = PlanFixtures.WriteTemp(PlanFixtures.Minimal.Replace("- id: focus-one", "- id: scheme-one", StringComparison.Ordinal));

        var (exitCode, _, error) = await CliRunner.RunAsync(database, "plan", "import", path);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("duplicate id 'scheme-one'", error, StringComparison.Ordinal);
        await using var db = database.NewContext();
        Assert.Equal(0, await db.Plans.CountAsync());
        Assert.Equal(0, await db.PlanElements.CountAsync());
    }

    [Fact]
    public async Task Import_WithoutAreas_ExplainsHowToLoadThem()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false);

        var (exitCode, _, error) = await CliRunner.RunAsync(database, "plan", "import", RepositoryFiles.StockportPlan);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("'council.area' 'E08000007' is not a known area: load the areas file first (councilplan areas import data/areas.yaml)", error, StringComparison.Ordinal);
    }
}
