using System.Net;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Reports;
using CouncilPlan.Core.Users;
using CouncilPlan.Testing;
using CouncilPlan.Web.PublicData;
using Microsoft.Extensions.DependencyInjection;

namespace CouncilPlan.Web.Tests.Reports;

/// <summary>A site running Eastmoor's plan: priorities and actions, reported once a year, no portfolios.</summary>
public sealed class EastmoorReportSite() : ReportSite(DatabaseProvider.Sqlite)
{
    protected override async Task<TestDatabase> CreateDatabaseAsync(DatabaseProvider databaseProvider)
    {
        var database = await TestDatabase.CreateAsync(databaseProvider);
        await using var db = database.NewContext();
        await DefaultDataset.LoadAsync(db, TimeProvider.System, RepositoryFiles.Eastmoor);
        return database;
    }

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["DefaultDataset:Path"] = RepositoryFiles.Eastmoor;
        return settings;
    }
}

/// <summary>The reports pages offer what Eastmoor's plan reports by: each priority and the whole plan, by year.</summary>
public sealed class EastmoorReportPagesTests(EastmoorReportSite site) : IClassFixture<EastmoorReportSite>
{
    [Fact]
    public async Task Workspace_OffersEachPriorityAndTheCorporateReportByYear_AndEveryDraftAnswers()
    {
        var client = await site.StaffClientAsync("performance", Roles.PerformanceTeam);
        using var response = await client.GetAsync("/staff/reports");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await SiteFixture.ParseAsync(response);

        Assert.Equal("Priority", page.QuerySelector("label[for=scope]")!.TextContent.Trim());
        Assert.Equal("Year", page.QuerySelector("label[for=quarter]")!.TextContent.Trim());
        var scopes = page.QuerySelectorAll("select#scope option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal(["thriving-towns", "homes-for-everyone", "greener-district", "corporate"], scopes);
        Assert.Equal(["thriving-towns", "homes-for-everyone", "greener-district", "corporate"], page.QuerySelectorAll("select#Portfolio option").Select(o => o.GetAttribute("value")));
        Assert.Contains(page.QuerySelectorAll("datalist#quarters option"), o => o.GetAttribute("value") == "2024-25");
        Assert.DoesNotContain("portfolio", page.QuerySelector("main")!.TextContent, StringComparison.OrdinalIgnoreCase);

        foreach (var scope in scopes)
        {
            using var draft = await client.GetAsync($"/staff/reports/draft?scope={scope}&quarter=2024-25");
            Assert.True(draft.StatusCode == HttpStatusCode.OK, $"{scope} answered {(int)draft.StatusCode}");
            var document = await SiteFixture.ParseAsync(draft);
            Assert.DoesNotContain("portfolio", document.QuerySelector("main")!.TextContent, StringComparison.OrdinalIgnoreCase);
            // Every link the draft offers answers, but the PDF (Chromium: the PPRR tests print one).
            foreach (var href in document.QuerySelectorAll("main a[href^='/staff/reports/draft']").Select(a => a.GetAttribute("href")!).Where(h => !h.EndsWith("format=pdf", StringComparison.Ordinal)))
            {
                using var linked = await client.GetAsync(href);
                Assert.True(linked.StatusCode == HttpStatusCode.OK, $"{href} answered {(int)linked.StatusCode}");
            }
        }

        using var homes = await client.GetAsync("/staff/reports/draft?scope=homes-for-everyone&quarter=2024-25");
        Assert.Equal("Homes for everyone: Corporate Plan performance report, 2024-25", (await SiteFixture.ParseAsync(homes)).QuerySelector("h1")!.TextContent.Trim());
        // A quarter is no period of an annual plan: back to the list with why, not an error page.
        using var quarter = await client.GetAsync("/staff/reports/draft?scope=homes-for-everyone&quarter=2024-25%20Q2");
        Assert.Equal(HttpStatusCode.Redirect, quarter.StatusCode);
    }

    [Fact]
    public async Task Portal_ListsAndShowsAPublishedPrioritysReport()
    {
        using (var empty = await site.Client.GetAsync("/reports"))
        {
            Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        }

        int id;
        await using (var db = site.Database.NewContext())
        {
            Assert.True(ReportScopes.TryParsePeriod("2024-25", out var year));
            var target = await new ReportBuilder(db, TimeProvider.System).FindAsync("homes-for-everyone", year);
            id = (await new ReportSnapshots(db, TimeProvider.System).FreezeAsync("performance@council.example", target!)).Id;
        }

        var cache = site.Factory.Services.GetRequiredService<PublicDataCache>();
        var before = (await cache.GetAsync()).Version;
        await using (var db = site.Database.NewContext())
        {
            await new ReportSnapshots(db, TimeProvider.System).SetPublishedAsync("performance@council.example", id, published: true);
        }

        for (var i = 0; i < 100 && (await cache.GetAsync()).Version == before; i++)
        {
            await Task.Delay(100);
        }

        var list = await site.GetPageAsync("/reports");
        Assert.Contains(list.QuerySelectorAll("main a"), a => a.GetAttribute("href") == $"/reports/{id}");
        Assert.Equal("Priority", list.QuerySelector("main table th")!.TextContent.Trim());
        Assert.DoesNotContain("portfolio", list.QuerySelector("main")!.TextContent, StringComparison.OrdinalIgnoreCase);
        var shown = await site.GetPageAsync($"/reports/{id}");
        Assert.Equal("Homes for everyone: Corporate Plan performance report, 2024-25", shown.QuerySelector("h1")!.TextContent.Trim());
        Assert.DoesNotContain("borough", shown.QuerySelector("main")!.TextContent, StringComparison.OrdinalIgnoreCase);
        foreach (var href in list.QuerySelectorAll("main a[href^='/reports/']").Select(a => a.GetAttribute("href")!).Where(h => !h.EndsWith("/pdf", StringComparison.Ordinal)))
        {
            using var linked = await site.Client.GetAsync(href);
            Assert.True(linked.StatusCode == HttpStatusCode.OK, $"{href} answered {(int)linked.StatusCode}");
        }
    }
}
