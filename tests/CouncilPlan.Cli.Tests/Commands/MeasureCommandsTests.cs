using CouncilPlan.Testing;

namespace CouncilPlan.Cli.Tests.Commands;

/// <summary>`measures validate --plan` and `plan validate --areas` check files with no database at all.</summary>
public sealed class MeasureCommandsTests
{
    [Fact]
    public async Task Validate_WithPlanFile_NeedsNoDatabase()
    {
        var (settings, databaseFile) = UnusedDatabase();
        var plan = PlanFixtures.WriteTemp(PlanFixtures.Minimal);
        var measures = CatalogueFixtures.WriteTemp(CatalogueFixtures.Minimal);

        var (exitCode, output, error) = await CliRunner.RunAsync(null, settings, "measures", "validate", measures, "--plan", plan, "--areas", RepositoryFiles.Areas);

        Assert.Equal("", error);
        Assert.Equal(0, exitCode);
        Assert.Contains("measures.yaml: valid. 3 measures from 1 sources for plan 'testshire-2025-26'", output, StringComparison.Ordinal);
        Assert.False(File.Exists(databaseFile));
        Assert.False(Directory.Exists(Path.GetDirectoryName(databaseFile)));
    }

    [Fact]
    public async Task Validate_StockportFiles_FindsTheAreasBesideThePlanWithNoDatabase()
    {
        var (settings, databaseFile) = UnusedDatabase();

        var (exitCode, output, error) = await CliRunner.RunAsync(
            null, settings, "measures", "validate", Path.Combine(RepositoryFiles.Data, "stockport-2023-24", "measures.yaml"), "--plan", RepositoryFiles.StockportPlan);

        Assert.Equal("", error);
        Assert.Equal(0, exitCode);
        Assert.Contains("for plan 'stockport-2023-24'", output, StringComparison.Ordinal);
        Assert.False(File.Exists(databaseFile));
    }

    [Fact]
    public async Task Validate_ElementThePlanFileDoesNotHave_IsRefusedWithItsLine()
    {
        var (settings, databaseFile) = UnusedDatabase();
        var plan = PlanFixtures.WriteTemp(PlanFixtures.Minimal);
        var content = CatalogueFixtures.Minimal.Replace("evidences: [theme-impact-one]", "evidences: [no-such-element]", StringComparison.Ordinal);
        var measures = CatalogueFixtures.WriteTemp(content);

        var (exitCode, output, error) = await CliRunner.RunAsync(null, settings, "measures", "validate", measures, "--plan", plan, "--areas", RepositoryFiles.Areas);

        Assert.Equal(1, exitCode);
        Assert.Empty(output);
        Assert.StartsWith(
            $"{measures}:{PlanFixtures.LineOf(content, "no-such-element")}:",
            error,
            StringComparison.Ordinal);
        Assert.Contains("'no-such-element' is not an element of plan 'testshire-2025-26'", error, StringComparison.Ordinal);
        Assert.False(File.Exists(databaseFile));
    }

    [Fact]
    public async Task Validate_PlanFileOfAnotherPlan_IsRefusedAtThePlanLine()
    {
        var (settings, _) = UnusedDatabase();
        var plan = PlanFixtures.WriteTemp(PlanFixtures.Minimal.Replace("id: testshire-2025-26", "id: otherton-2025-26", StringComparison.Ordinal));
        var measures = CatalogueFixtures.WriteTemp(CatalogueFixtures.Minimal);

        var (exitCode, _, error) = await CliRunner.RunAsync(null, settings, "measures", "validate", measures, "--plan", plan, "--areas", RepositoryFiles.Areas);

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"{measures}:2:1: 'plan' is 'testshire-2025-26' but {plan} is plan 'otherton-2025-26'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanValidate_WithAreasFileLackingTheCouncil_IsRefusedWithTheLine()
    {
        var (settings, databaseFile) = UnusedDatabase();
        var plan = PlanFixtures.WriteTemp(PlanFixtures.Minimal);
        var areas = PlanFixtures.WriteTemp(
            """
            format: councilplan/areas@1
            areas:
              - code: E92000001
                name: England
                type: country
            """,
            "areas.yaml");

        var (exitCode, _, error) = await CliRunner.RunAsync(null, settings, "plan", "validate", plan, "--areas", areas);

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"{plan}:{PlanFixtures.LineOf(PlanFixtures.Minimal, "area: E08000007")}:", error, StringComparison.Ordinal);
        Assert.Contains("'council.area' 'E08000007' is not a known area", error, StringComparison.Ordinal);
        Assert.False(File.Exists(databaseFile));
    }

    /// <summary>Settings naming a SQLite file in a folder that does not exist: a command that opened the database would create both.</summary>
    private static (Dictionary<string, string?> Settings, string File) UnusedDatabase()
    {
        var file = Path.Combine(Path.GetTempPath(), "councilplan-tests", Guid.NewGuid().ToString("N"), "never.db");
        return (new Dictionary<string, string?> { ["ConnectionStrings:CouncilPlan"] = $"Data Source={file}" }, file);
    }
}
