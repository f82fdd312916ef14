using System.Text;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Reports;
using CouncilPlan.Testing;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Cli.Tests.Commands;

/// <summary>The Stockport dataset, seeded once through the CLI, for the report command's tests.</summary>
public sealed class SeededDatabase : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = Database.NewContext();
        await DefaultDataset.LoadAsync(db, TimeProvider.System, RepositoryFiles.Data);
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();
}

public sealed class ReportCommandsTests(SeededDatabase seeded) : IClassFixture<SeededDatabase>
{
    private static string TempFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "councilplan-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    [Fact]
    public async Task Report_ByTitleAndQuarterWithASpace_WritesTheHtmlReport_AndFreezesNothing()
    {
        var file = Path.Combine(TempFolder(), "economy.html");

        var (exitCode, output, error) = await CliRunner.RunAsync(seeded.Database, "report", "--portfolio", "Economy and Regeneration", "--quarter", "2023-24 Q2", "--out", file);

        Assert.True(exitCode == 0, error);
        Assert.Contains("(draft: not frozen)", output, StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(file);
        Assert.Contains("<title>Economy and Regeneration: Portfolio Performance and Resource Report, 2023-24 Q2</title>", html, StringComparison.Ordinal);
        Assert.Contains("A2-09", html, StringComparison.Ordinal);
        Assert.Equal("", error);
    }

    [Fact]
    public async Task Report_All_WritesOneFilePerPortfolioAndTheCorporateReport_AndFreezeStoresEachAsASnapshotByTheCommandLine()
    {
        var folder = Path.Combine(TempFolder(), "q3");

        var (exitCode, output, error) = await CliRunner.RunAsync(seeded.Database, "report", "--all", "--quarter", "2023-24-Q3", "--format", "xlsx", "--freeze", "--out", folder);

        Assert.True(exitCode == 0, error);
        Assert.Contains("Wrote 7 xlsx reports for 2023-24 Q3", output, StringComparison.Ordinal);
        var files = Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            ["children-families-and-education-2023-24-q3.xlsx", "climate-change-and-environment-2023-24-q3.xlsx", "communities-and-housing-2023-24-q3.xlsx", "corporate-2023-24-q3.xlsx", "economy-and-regeneration-2023-24-q3.xlsx", "finance-and-resources-2023-24-q3.xlsx", "health-and-adult-social-care-2023-24-q3.xlsx"],
            files);
        await using var db = seeded.Database.NewContext();
        var snapshots = await db.ReportSnapshots.Where(s => s.Quarter == "2023-24 Q3").ToListAsync();
        Assert.Equal(7, snapshots.Count);
        Assert.Single(snapshots, s => s.PortfolioId is null);
        Assert.All(snapshots, s => Assert.StartsWith("councilplan (", s.ProducedBy, StringComparison.Ordinal));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Entity == nameof(ReportSnapshot) && a.FromWhere == "command line"));

        // A stored snapshot is written again, the same every time.
        var id = snapshots.Single(s => s.PortfolioKey == "finance-and-resources").Id;
        var first = Path.Combine(folder, "again-1.html");
        var second = Path.Combine(folder, "again-2.html");
        Assert.Equal(0, (await CliRunner.RunAsync(seeded.Database, "report", "--snapshot", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", first)).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(seeded.Database, "report", "--snapshot", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", second)).ExitCode);
        Assert.Equal(await File.ReadAllTextAsync(first), await File.ReadAllTextAsync(second));
        Assert.Contains("£14.5m", await File.ReadAllTextAsync(first), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_Pdf_IsWrittenByChromium_WithProgressAsLines()
    {
        var file = Path.Combine(TempFolder(), "climate.pdf");

        var (exitCode, _, error) = await CliRunner.RunAsync(seeded.Database, "report", "--portfolio", "climate-change-and-environment", "--quarter", "2023-24-Q2", "--out", file, "--progress", "lines");

        Assert.True(exitCode == 0, error);
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString((await File.ReadAllBytesAsync(file))[..5]), StringComparison.Ordinal);
        Assert.Contains("progress: [", error, StringComparison.Ordinal);
        Assert.Contains("PDF written", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_WithAnUnknownPortfolioOrQuarter_SaysWhatIsWrong()
    {
        var file = Path.Combine(TempFolder(), "x.html");

        var unknown = await CliRunner.RunAsync(seeded.Database, "report", "--portfolio", "Transport", "--quarter", "2023-24-Q2", "--out", file);
        var badQuarter = await CliRunner.RunAsync(seeded.Database, "report", "--portfolio", "economy-and-regeneration", "--quarter", "Q5 2023", "--out", file);

        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no portfolio has the id or title 'Transport'", unknown.Error, StringComparison.Ordinal);
        Assert.Contains("economy-and-regeneration (Economy and Regeneration)", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(1, badQuarter.ExitCode);
        Assert.Contains("is not a financial-year quarter", badQuarter.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task ResourcesImport_WithOneBadLine_ChangesNothing_AndADryRunOfAGoodFileChangesNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            await new Core.Areas.AreaImporter(db, TimeProvider.System).ImportFileAsync(RepositoryFiles.Areas);
            await new Core.Plans.PlanImporter(db, TimeProvider.System).ImportFileAsync(RepositoryFiles.StockportPlan);
        }

        var folder = TempFolder();
        var header = "type,quarter,portfolio,line,scheme,title,budget,forecast,spent_to_date,savings_target,savings_delivered,funding_secured,source,note,published\n";
        var bad = Path.Combine(folder, "bad.csv");
        await File.WriteAllTextAsync(bad, header + "capital,2023-24 Q2,economy-and-regeneration,,weir-mill,,1000000,,,,,,,,true\ncapital,2023-24 Q2,economy-and-regeneration,,weir-mill-phase-2,,5,,,,,,,,true\n");
        var good = Path.Combine(folder, "good.csv");
        await File.WriteAllTextAsync(good, header + "capital,2023-24 Q2,economy-and-regeneration,,weir-mill,,1000000,,,,,,,,true\n");

        var failed = await CliRunner.RunAsync(database, "resources", "import", bad);
        var dry = await CliRunner.RunAsync(database, "resources", "import", good, "--dry-run");

        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("bad.csv:3:scheme: unknown scheme 'weir-mill-phase-2'", failed.Error, StringComparison.Ordinal);
        Assert.Contains("1 problem found; nothing was loaded.", failed.Error, StringComparison.Ordinal);
        Assert.Equal(0, dry.ExitCode);
        Assert.Contains("dry run, nothing was changed. 1 line checked: 1 would be added", dry.Out, StringComparison.Ordinal);
        await using (var db = database.NewContext())
        {
            Assert.Equal(0, await db.ResourceLines.CountAsync());
        }

        var loaded = await CliRunner.RunAsync(database, "resources", "import", good);
        Assert.Equal(0, loaded.ExitCode);
        Assert.Contains("1 added", loaded.Out, StringComparison.Ordinal);
        await using var check = database.NewContext();
        Assert.Equal(1_000_000m, (await check.ResourceLines.SingleAsync()).Budget);
    }
}
