using CouncilPlan.Core.Data;
using CouncilPlan.Testing;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Cli.Tests.Commands;

/// <summary>`council new` and the path docs/start-your-own-council.md walks, from a fresh clone to a council's own plan.</summary>
public sealed class CouncilCommandsTests
{
    private static readonly string[] NewTestValley =
    [
        "--name", "Test Valley Borough Council", "--area", "E07000093", "--id", "test-valley-2024-28", "--period", "2024-28",
    ];

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task TheDocumentedPath_NewValidateAndLoad_GivesTheNewCouncilsPlanAndNothingOfStockports(DatabaseProvider provider)
    {
        var folder = NewFolderPath();

        var created = await CliRunner.RunAsync(null, ["council", "new", folder, .. NewTestValley]);
        var plan = Path.Combine(folder, "test-valley-2024-28", "plan.yaml");
        var measures = Path.Combine(folder, "test-valley-2024-28", "measures.yaml");
        var planValid = await CliRunner.RunAsync(null, "plan", "validate", plan);
        var measuresValid = await CliRunner.RunAsync(null, "measures", "validate", measures, "--plan", plan);

        Assert.Equal((0, ""), (created.ExitCode, created.Error));
        Assert.Contains($"Dataset__Folder={folder}", created.Out, StringComparison.Ordinal);
        Assert.Equal((0, ""), (planValid.ExitCode, planValid.Error));
        Assert.Contains("plan.yaml: valid. Plan 'test-valley-2024-28'", planValid.Out, StringComparison.Ordinal);
        Assert.Equal((0, ""), (measuresValid.ExitCode, measuresValid.Error));
        Assert.Contains("measures.yaml: valid. 0 measures", measuresValid.Out, StringComparison.Ordinal);

        // The web app's own path: Dataset:Folder resolved, then the database prepared with it.
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        await using (var db = database.NewContext())
        {
            await DatabaseServices.PrepareAsync(db, TimeProvider.System, DatasetSettings.Resolve(folder, Path.GetTempPath()));
        }

        await using var check = database.NewContext();
        var loaded = await check.Plans.SingleAsync();
        Assert.Equal(("test-valley-2024-28", "Test Valley Borough Council", new DateOnly(2024, 4, 1), new DateOnly(2028, 3, 31)), (loaded.Id, loaded.CouncilName, loaded.Starts, loaded.Ends));
        Assert.Equal(["E07000093"], await check.Areas.Select(a => a.Code).ToListAsync());
        Assert.Contains("replace-this-priority", await check.PlanElements.Select(e => e.Key).ToListAsync());
        Assert.False(await check.PlanElements.AnyAsync(e => e.PlanId == "stockport-2023-24"));
        Assert.Equal(0, await check.Measures.CountAsync());
        Assert.Equal(0, await check.Observations.CountAsync());
    }

    [Fact]
    public async Task TheDocumentsExamples_AreValid()
    {
        var doc = await File.ReadAllTextAsync(Path.Combine(RepositoryFiles.Root, "docs", "start-your-own-council.md"));
        var folder = NewFolderPath();
        Directory.CreateDirectory(Path.Combine(folder, "test-valley-2024-28"));
        await File.WriteAllTextAsync(Path.Combine(folder, "areas.yaml"), YamlBlock(doc, "format: councilplan/areas@1"));
        var plan = Path.Combine(folder, "test-valley-2024-28", "plan.yaml");
        await File.WriteAllTextAsync(plan, YamlBlock(doc, "format: councilplan/plan@1"));

        var (exitCode, output, error) = await CliRunner.RunAsync(null, "plan", "validate", plan);

        Assert.Equal((0, ""), (exitCode, error));
        Assert.Contains("plan.yaml: valid. Plan 'test-valley-2024-28' (A Corporate Plan for Test Valley, 2024-28)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_IntoAFolderThatIsNotEmpty_RefusesAndWritesNothing()
    {
        var folder = NewFolderPath();
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "notes.txt"), "mine");

        var (exitCode, output, error) = await CliRunner.RunAsync(null, ["council", "new", folder, .. NewTestValley]);

        Assert.Equal(1, exitCode);
        Assert.Empty(output);
        Assert.Contains($"{folder} is not empty", error, StringComparison.Ordinal);
        Assert.Equal(["notes.txt"], Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task New_WithAnAreaThatIsNotAnOnsCode_RefusesAndCreatesNothing()
    {
        var folder = NewFolderPath();

        var (exitCode, _, error) = await CliRunner.RunAsync(null, "council", "new", folder, "--name", "Test Valley Borough Council", "--area", "Test Valley");

        Assert.Equal(1, exitCode);
        Assert.Contains("--area 'Test Valley' is not an ONS (GSS) code", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task New_WithoutIdOrDates_TakesThemFromTheNameAndPeriod()
    {
        var folder = NewFolderPath();

        var (exitCode, _, error) = await CliRunner.RunAsync(null, "council", "new", folder, "--name", "Test Valley Borough Council", "--area", "E07000093", "--period", "2024-28");

        Assert.Equal((0, ""), (exitCode, error));
        var plan = await File.ReadAllTextAsync(Path.Combine(folder, "test-valley-borough-2024-28", "plan.yaml"));
        Assert.Contains("id: test-valley-borough-2024-28\n", plan, StringComparison.Ordinal);
        Assert.Contains("starts: 2024-04-01\nends: 2028-03-31\n", plan, StringComparison.Ordinal);
    }

    /// <summary>The fenced YAML block of the doc that starts with <paramref name="firstLine"/>.</summary>
    private static string YamlBlock(string doc, string firstLine)
    {
        var start = doc.IndexOf("```yaml\n" + firstLine, StringComparison.Ordinal) + "```yaml\n".Length;
        return doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];
    }

    private static string NewFolderPath() => Path.Combine(Path.GetTempPath(), "councilplan-tests", Guid.NewGuid().ToString("N"), "test-valley");
}
