using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Reports;
using CouncilPlan.Reports.Reports;
using CouncilPlan.Testing;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CouncilPlan.Core.Tests.Reports;

/// <summary>The Eastmoor dataset (a district, priorities and actions, reported annually, no portfolios), loaded once per database.</summary>
public abstract class EastmoorDatabase(DatabaseProvider provider) : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(provider);
        await using var db = Database.NewContext();
        await DefaultDataset.LoadAsync(db, ReportWorld.Clock, RepositoryFiles.Eastmoor);
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();

    public async Task<PortfolioReport> BuildAsync(string scope, string period = "2024-25")
    {
        await using var db = Database.NewContext();
        Assert.True(ReportScopes.TryParsePeriod(period, out var parsed));
        var builder = new ReportBuilder(db, ReportWorld.Clock);
        return await builder.BuildAsync(await builder.FindAsync(scope, parsed) ?? throw new InvalidOperationException(scope));
    }
}

public sealed class SqliteEastmoor() : EastmoorDatabase(DatabaseProvider.Sqlite);

public sealed class PostgresEastmoor() : EastmoorDatabase(DatabaseProvider.Postgres);

public abstract class EastmoorReportTests<TData>(TData data) : IClassFixture<TData>
    where TData : EastmoorDatabase
{
    [Fact]
    public async Task APriority_HasTheMeasuresEvidencingItOrAnythingUnderIt_AndTheActionsUnderIt()
    {
        var homes = await data.BuildAsync("homes-for-everyone");
        var towns = await data.BuildAsync("Thriving towns and villages");

        Assert.Equal(ReportScopeKind.Part, homes.ScopeKind);
        Assert.Equal(["EM-02"], homes.Measures.Select(m => m.Code));
        Assert.Equal(["affordable-homes"], homes.Commitments.Select(c => c.Key));
        Assert.Equal("Homes for everyone", homes.Commitments[0].Under);
        // EM-01 evidences the priority and an impact statement under it: it is counted once.
        Assert.Equal(["EM-01"], towns.Measures.Select(m => m.Code));
        Assert.Equal(["high-street-grants", "rural-broadband"], towns.Commitments.Select(c => c.Key));
    }

    [Fact]
    public async Task AnAnnualPlan_IsReportedAsAtAFinancialYear_InItsOwnWords()
    {
        var homes = await data.BuildAsync("homes-for-everyone");

        Assert.Equal("Homes for everyone: Corporate Plan performance report, 2024-25", homes.Title);
        Assert.Equal("2024-25", homes.Quarter);
        Assert.Equal(new DateOnly(2024, 4, 1), homes.QuarterStart);
        Assert.Equal(new DateOnly(2025, 3, 31), homes.QuarterEnd);
        Assert.Equal(ReportingRhythm.Annual, homes.Rhythm);
        Assert.Equal("priority", homes.ScopeWord);
        Assert.Equal("district", homes.PlaceWord);
        Assert.Equal("1 action: 1 not yet reported.", homes.Summary.Sentences.Single(s => s.Contains("action", StringComparison.Ordinal)));
        // The year's own figure is in: figures for periods ending by the end of the year.
        Assert.Equal("2024-25", homes.Measures.Single().Latest?.Period);
    }

    [Fact]
    public async Task TheCorporateReport_HasEveryMeasureAndAction()
    {
        var report = await data.BuildAsync("corporate");

        Assert.Equal(ReportScopeKind.Corporate, report.ScopeKind);
        Assert.Equal("Eastmoor District Council Corporate Plan: corporate performance report, 2024-25", report.Title);
        Assert.Equal(["EM-01", "EM-02", "EM-03"], report.Measures.Select(m => m.Code));
        Assert.Equal(["high-street-grants", "rural-broadband", "affordable-homes", "food-waste"], report.Commitments.Select(c => c.Key));
        Assert.Equal("A greener district", report.Commitments[^1].Under);
        Assert.Equal("priority", report.PartWord);
        Assert.Contains("Each priority at a glance", await ReportRenderer.DocumentAsync(report, ReportProvenance.Draft), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("homes-for-everyone")]
    [InlineData("corporate")]
    public async Task TheHtml_NamesNoPortfolioAndNoBorough(string scope)
    {
        var report = await data.BuildAsync(scope);

        var html = await ReportRenderer.DocumentAsync(report, ReportProvenance.Draft);

        Assert.DoesNotContain("portfolio", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("borough", html, StringComparison.OrdinalIgnoreCase);
        // What Eastmoor delivers are actions: the text names no commitments or schemes (the markup's ids may).
        var text = Regex.Replace(Regex.Replace(html, "<style>.*?</style>", " ", RegexOptions.Singleline), "<[^>]+>", " ");
        Assert.DoesNotContain("commitment", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("scheme", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<h2 class=\"govuk-heading-l\" id=\"commitments-heading\">Actions</h2>", html, StringComparison.Ordinal);
        Assert.Contains($"<h1 class=\"govuk-heading-xl\">{System.Net.WebUtility.HtmlEncode(report.Title)}</h1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheWorkbook_NamesItsSheetsAndColumnsInTheCouncilsWords()
    {
        var report = await data.BuildAsync("homes-for-everyone");

        using var stream = new MemoryStream(ReportWorkbook.Write(report, ReportProvenance.Draft));
        using var document = SpreadsheetDocument.Open(stream, false);
        var names = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ToList();

        Assert.Equal(["Summary", "Measures", "Exceptions", "Actions", "What changed"], names.Where(n => n != "Resources"));
        Assert.DoesNotContain(names, n => n!.Contains("ommitment", StringComparison.Ordinal));
    }

    [Fact]
    public async Task All_IsEveryPriorityThenTheCorporateReport_AndAQuarterIsRefused()
    {
        await using var db = data.Database.NewContext();
        var builder = new ReportBuilder(db, ReportWorld.Clock);
        Assert.True(ReportScopes.TryParsePeriod("2024-25", out var year));
        Assert.True(ReportScopes.TryParsePeriod("2024-25 Q2", out var quarter));

        var all = await builder.AllAsync(year);
        var plan = all[0].Plan;

        Assert.Equal(["thriving-towns", "homes-for-everyone", "greener-district", ReportTarget.CorporateKey], all.Select(t => t.Key));
        Assert.Null(ReportScopes.PeriodProblem(plan, year));
        Assert.Equal("the Corporate Plan is reported once a year: give a financial year like 2024-25, not a quarter.", ReportScopes.PeriodProblem(plan, quarter));
        Assert.Equal(["2027-28", "2026-27", "2025-26", "2024-25"], ReportScopes.Periods(plan));
        Assert.StartsWith("this plan has no portfolios: its reports are by priority (--part thriving-towns) or for the whole plan (--corporate)", ReportScopes.Choices(plan), StringComparison.Ordinal);
    }
}

public sealed class SqliteEastmoorReportTests(SqliteEastmoor data) : EastmoorReportTests<SqliteEastmoor>(data);

public sealed class PostgresEastmoorReportTests(PostgresEastmoor data) : EastmoorReportTests<PostgresEastmoor>(data);

/// <summary>Stockport's plan has portfolios and is reported quarterly: reports by portfolio, and the corporate report.</summary>
public sealed class StockportScopeTests(SqliteStockport data) : IClassFixture<SqliteStockport>
{
    [Fact]
    public async Task APortfolio_KeepsThePprrTitle_AndItsOwnMeasures()
    {
        var report = await data.BuildAsync("economy-and-regeneration");

        Assert.Equal(ReportScopeKind.Portfolio, report.ScopeKind);
        Assert.Equal("Economy and Regeneration: Portfolio Performance and Resource Report, 2023-24 Q2", report.Title);
        Assert.Equal(ReportingRhythm.Quarterly, report.Rhythm);
        Assert.Equal("borough", report.PlaceWord);
        Assert.Contains(report.Measures, m => m.Code == "A2-09");
    }

    [Fact]
    public async Task TheCorporateReport_HasEveryPortfoliosMeasuresAndCommitments()
    {
        var corporate = await data.BuildAsync("corporate");
        var portfolios = new List<PortfolioReport>();
        foreach (var key in new[] { "economy-and-regeneration", "communities-and-housing", "children-families-and-education", "health-and-adult-social-care", "finance-and-resources", "climate-change-and-environment" })
        {
            portfolios.Add(await data.BuildAsync(key));
        }

        Assert.Equal(ReportScopeKind.Corporate, corporate.ScopeKind);
        Assert.Equal($"{corporate.CouncilName} Council Plan: corporate performance report, 2023-24 Q2", corporate.Title);
        var codes = corporate.Measures.Select(m => m.Code).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(portfolios.SelectMany(p => p.Measures).Select(m => m.Code).ToHashSet(StringComparer.Ordinal), codes);
        var keys = corporate.Commitments.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(portfolios.SelectMany(p => p.Commitments).Select(c => c.Key).ToHashSet(StringComparer.Ordinal), keys);
        Assert.Equal(keys.Count, corporate.Commitments.Count);
        Assert.Empty(corporate.Scope);
        Assert.Equal("portfolio", corporate.PartWord);
        Assert.Equal(portfolios.Select(p => p.PortfolioTitle), corporate.Parts.Select(p => p.Title));
        Assert.Contains("Each portfolio at a glance", await ReportRenderer.DocumentAsync(corporate, ReportProvenance.Draft), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AYear_IsRefusedForAQuarterlyPlan_AndAPriorityIsNoScopeWherePortfoliosAre()
    {
        await using var db = data.Database.NewContext();
        var builder = new ReportBuilder(db, ReportWorld.Clock);
        Assert.True(ReportScopes.TryParsePeriod("2023-24 Q2", out var quarter));
        Assert.True(ReportScopes.TryParsePeriod("2023-24", out var year));
        var all = await builder.AllAsync(quarter);
        var plan = all[0].Plan;
        var ambition = plan.TopLevel(ElementKind.Ambition)[0];

        Assert.Equal(7, all.Count);
        Assert.Equal(ReportScopeKind.Corporate, all[^1].Kind);
        Assert.Null(await builder.FindAsync(ambition.Key, quarter));
        Assert.Null(ReportScopes.PeriodProblem(plan, quarter));
        Assert.Contains("reported every quarter", ReportScopes.PeriodProblem(plan, year), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFormatOneSnapshot_StillRendersAsAPortfolioReport()
    {
        var report = await data.BuildAsync("economy-and-regeneration");
        var json = JsonNode.Parse(ReportJson.Serialize(report))!.AsObject();
        // A snapshot stored before reports had scopes had none of these fields.
        foreach (var added in new[] { "scopeKind", "scopeWord", "service", "placeWord", "deliveryWord", "deliveryWords", "rhythm" })
        {
            Assert.True(json.Remove(added), added);
        }

        json["format"] = 1;

        var old = ReportJson.Deserialize(json.ToJsonString());
        var html = await ReportRenderer.DocumentAsync(old, ReportProvenance.Draft);

        Assert.Equal(1, old.Format);
        Assert.Equal(report.Title, old.Title);
        Assert.Contains("<dt class=\"govuk-summary-list__key\">Portfolio</dt>", html, StringComparison.Ordinal);
        Assert.Contains("<h2 class=\"govuk-heading-l\" id=\"commitments-heading\">Commitments and schemes</h2>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"resources-heading\"", html, StringComparison.Ordinal);
        Assert.Equal(PortfolioReport.CurrentFormat, report.Format);
        Assert.Equal(3, PortfolioReport.CurrentFormat);

        // What is going well came with format 3: an older snapshot renders without it, as it was frozen.
        Assert.DoesNotContain("id=\"going-well\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"going-well\"", await ReportRenderer.DocumentAsync(report, ReportProvenance.Draft), StringComparison.Ordinal);
    }
}
