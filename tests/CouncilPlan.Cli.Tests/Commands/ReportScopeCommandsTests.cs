using CouncilPlan.Core.Data;
using CouncilPlan.Testing;

namespace CouncilPlan.Cli.Tests.Commands;

/// <summary>The Eastmoor dataset (priorities and actions, reported annually, no portfolios), loaded once.</summary>
public sealed class EastmoorDatabase : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = Database.NewContext();
        await DefaultDataset.LoadAsync(db, TimeProvider.System, RepositoryFiles.Eastmoor);
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();
}

/// <summary>`councilplan report` for a plan without portfolios reported once a year.</summary>
public sealed class EastmoorReportCommandsTests(EastmoorDatabase eastmoor) : IClassFixture<EastmoorDatabase>
{
    private static string TempFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "councilplan-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    [Fact]
    public async Task Part_AndYear_WritesThePrioritysReport()
    {
        var file = Path.Combine(TempFolder(), "homes.html");

        var (exitCode, output, error) = await CliRunner.RunAsync(eastmoor.Database, "report", "--part", "homes-for-everyone", "--year", "2024-25", "--out", file);

        Assert.True(exitCode == 0, error);
        Assert.Contains("Wrote Homes for everyone: Corporate Plan performance report, 2024-25 to", output, StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(file);
        Assert.Contains("EM-02", html, StringComparison.Ordinal);
        Assert.DoesNotContain("EM-01", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task All_WritesEveryPrioritysReportAndTheCorporateOne()
    {
        var folder = Path.Combine(TempFolder(), "2024-25");

        var (exitCode, output, error) = await CliRunner.RunAsync(eastmoor.Database, "report", "--all", "--year", "2024-25", "--out", folder);

        Assert.True(exitCode == 0, error);
        Assert.Contains("Wrote 4 html reports for 2024-25", output, StringComparison.Ordinal);
        Assert.Equal(
            ["corporate-2024-25-draft.html", "greener-district-2024-25-draft.html", "homes-for-everyone-2024-25-draft.html", "thriving-towns-2024-25-draft.html"],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList());
        Assert.Contains("Eastmoor District Council Corporate Plan: corporate performance report, 2024-25", await File.ReadAllTextAsync(Path.Combine(folder, "corporate-2024-25-draft.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APortfolio_AQuarter_OrNoScope_AreRefusedInThePlansWords()
    {
        var file = Path.Combine(TempFolder(), "x.html");

        var portfolio = await CliRunner.RunAsync(eastmoor.Database, "report", "--portfolio", "housing", "--year", "2024-25", "--out", file);
        var quarter = await CliRunner.RunAsync(eastmoor.Database, "report", "--part", "homes-for-everyone", "--quarter", "2024-25-Q2", "--out", file);
        var none = await CliRunner.RunAsync(eastmoor.Database, "report", "--year", "2024-25", "--out", file);
        var unknown = await CliRunner.RunAsync(eastmoor.Database, "report", "--part", "leisure", "--year", "2024-25", "--out", file);

        Assert.All([portfolio, quarter, none, unknown], r => Assert.NotEqual(0, r.ExitCode));
        Assert.Contains("error: this plan has no portfolios: its reports are by priority (--part thriving-towns) or for the whole plan (--corporate)", portfolio.Error, StringComparison.Ordinal);
        Assert.Contains("error: the Corporate Plan is reported once a year: give the financial year with --year, like 2024-25, not --quarter.", quarter.Error, StringComparison.Ordinal);
        Assert.Contains("say which report: this plan has no portfolios", none.Error, StringComparison.Ordinal);
        Assert.Contains("error: no priority has the id or title 'leisure'. The priorities are: thriving-towns (Thriving towns and villages), homes-for-everyone (Homes for everyone), greener-district (A greener district).", unknown.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("no plan", portfolio.Error + quarter.Error + none.Error + unknown.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }
}

/// <summary>`councilplan report --corporate` and the rhythm check for a plan with portfolios, reported quarterly.</summary>
public sealed class StockportReportScopeCommandsTests(SeededDatabase seeded) : IClassFixture<SeededDatabase>
{
    [Fact]
    public async Task Corporate_WritesTheWholePlansReport_AndFreezesIt_ComparingWithTheLastOne()
    {
        var folder = Path.Combine(Path.GetTempPath(), "councilplan-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "corporate.html");

        var written = await CliRunner.RunAsync(seeded.Database, "report", "--corporate", "--quarter", "2023-24-Q2", "--out", file);
        var frozen = await CliRunner.RunAsync(seeded.Database, "report", "--corporate", "--quarter", "2023-24-Q2", "--freeze", "--out", Path.Combine(folder, "frozen.html"));

        Assert.True(written.ExitCode == 0, written.Error);
        Assert.Contains(": corporate performance report, 2023-24 Q2", written.Out, StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(file);
        // Measures of two portfolios are both in it.
        Assert.Contains("A2-09", html, StringComparison.Ordinal);
        Assert.Contains("T2-06", html, StringComparison.Ordinal);
        // The corporate report is frozen for Cabinet like any other, and the next one says what changed since.
        Assert.True(frozen.ExitCode == 0, frozen.Error);
        var next = await CliRunner.RunAsync(seeded.Database, "report", "--corporate", "--quarter", "2023-24-Q3", "--freeze", "--out", Path.Combine(folder, "next.html"));
        Assert.True(next.ExitCode == 0, next.Error);
        await using var db = seeded.Database.NewContext();
        var snapshots = db.ReportSnapshots.Where(r => r.PortfolioKey == "corporate").OrderBy(r => r.Id).ToList();
        Assert.Equal(2, snapshots.Count);
        Assert.All(snapshots, s => Assert.Null(s.PortfolioId));
        Assert.Equal(snapshots[0].Id, snapshots[1].PreviousId);
    }

    [Fact]
    public async Task AYear_OrAPart_AreRefusedForAQuarterlyPlanWithPortfolios()
    {
        var file = Path.Combine(Path.GetTempPath(), "councilplan-tests", Guid.NewGuid().ToString("N"), "x.html");

        var year = await CliRunner.RunAsync(seeded.Database, "report", "--portfolio", "economy-and-regeneration", "--year", "2023-24", "--out", file);
        var part = await CliRunner.RunAsync(seeded.Database, "report", "--part", "economy-and-regeneration", "--quarter", "2023-24-Q2", "--out", file);
        var both = await CliRunner.RunAsync(seeded.Database, "report", "--corporate", "--all", "--quarter", "2023-24-Q2", "--out", file);

        Assert.Contains("error: the Council Plan is reported every quarter: give the quarter with --quarter, like 2023-24 Q1, not --year.", year.Error, StringComparison.Ordinal);
        Assert.Contains("error: its reports are by portfolio (--portfolio ", part.Error, StringComparison.Ordinal);
        Assert.Contains("error: give one of --portfolio, --part, --corporate or --all.", both.Error, StringComparison.Ordinal);
        Assert.All([year, part, both], r => Assert.NotEqual(0, r.ExitCode));
    }
}
