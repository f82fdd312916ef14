using System.Net;
using CouncilPlan.Core.Reports;
using CouncilPlan.Core.Users;
using CouncilPlan.Web.PublicData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CouncilPlan.Web.Tests.Reports;

/// <summary>Reports on the portal once published, and in the workspace by role; resources on the portal's pages.</summary>
public abstract class ReportPagesTests<TSite>(TSite site) : IClassFixture<TSite>
    where TSite : ReportSite
{
    private static readonly TimeProvider Clock = TimeProvider.System;

    private async Task<int> FreezeAsync(string portfolio, string quarter = "2023-24 Q2")
    {
        await using var db = site.Database.NewContext();
        Assert.True(ReportBuilder.TryParseQuarter(quarter, out var period));
        var target = await new ReportBuilder(db, Clock).FindAsync(portfolio, period);
        return (await new ReportSnapshots(db, Clock).FreezeAsync("performance@council.example", target!)).Id;
    }

    private async Task PublishAsync(int id)
    {
        var cache = site.Factory.Services.GetRequiredService<PublicDataCache>();
        var before = (await cache.GetAsync()).Version;
        await using (var db = site.Database.NewContext())
        {
            await new ReportSnapshots(db, Clock).SetPublishedAsync("performance@council.example", id, published: true);
        }

        for (var i = 0; i < 100 && (await cache.GetAsync()).Version == before; i++)
        {
            await Task.Delay(100);
        }
    }

    /// <summary>Refused by the page (403) or by the folder's policy (sent to the access-denied page, which answers 403).</summary>
    private static async Task AssertRefusedAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(
            response.StatusCode == HttpStatusCode.Forbidden || (response.Headers.Location?.OriginalString.Contains("/staff/account/access-denied", StringComparison.Ordinal) ?? false),
            $"{path} answered {(int)response.StatusCode} {response.Headers.Location}");
    }

    [Fact]
    public async Task Report_IsOnThePortalOnlyOncePublished_WithItsDownloadsAndInTheSitemap()
    {
        var id = await FreezeAsync("economy-and-regeneration");
        using (var hidden = await site.Client.GetAsync($"/reports/{id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        await PublishAsync(id);

        var list = await site.GetPageAsync("/reports");
        Assert.Contains(list.QuerySelectorAll("main a"), a => a.GetAttribute("href") == $"/reports/{id}");
        var page = await site.GetPageAsync($"/reports/{id}");
        Assert.Equal("Economy and Regeneration: Portfolio Performance and Resource Report, 2023-24 Q2", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("table#measures-table caption"));
        Assert.All(page.QuerySelectorAll("main h1 ~ * h2, main h2"), h => Assert.False(string.IsNullOrWhiteSpace(h.TextContent)));

        using var pdf = await site.Client.GetAsync($"/reports/{id}/pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.Equal("economy-and-regeneration-2023-24-q2.pdf", pdf.Content.Headers.ContentDisposition!.FileNameStar ?? pdf.Content.Headers.ContentDisposition.FileName!.Trim('"'));
        using var xlsx = await site.Client.GetAsync($"/reports/{id}/xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        using var html = await site.Client.GetAsync($"/reports/{id}/html");
        var document = await html.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"en-GB\">", document, StringComparison.Ordinal);
        Assert.Equal(document, await site.Client.GetStringAsync($"/reports/{id}/html"));

        var sitemap = await site.Client.GetStringAsync("/sitemap.xml");
        Assert.Contains($"/reports/{id}</loc>", sitemap, StringComparison.Ordinal);
        Assert.Contains("/reports</loc>", sitemap, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishedResources_AreOnThePortfolioAmbitionAndProgrammePages()
    {
        var portfolio = await site.GetPageAsync("/portfolios/economy-and-regeneration");
        Assert.Contains("£13.9m", portfolio.QuerySelector("table#capital")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Awaiting data", portfolio.QuerySelector("#revenue")!.TextContent, StringComparison.Ordinal);

        var ambition = await site.GetPageAsync("/ambitions/investment-regeneration-and-jobs");
        Assert.Contains("£13.9m", ambition.QuerySelector("#cheadle-railway-station .councilplan-commitment-money")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Awaiting data", ambition.QuerySelector("#weir-mill .councilplan-commitment-money")!.TextContent, StringComparison.Ordinal);

        var programme = await site.GetPageAsync("/programmes/working-with-others");
        Assert.Contains("£14.5m", programme.QuerySelector("#capital")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Councillor_ReadsDraftsAndSnapshotsOfTheirOwnPortfolioOnly()
    {
        var own = await FreezeAsync("economy-and-regeneration");
        var other = await FreezeAsync("finance-and-resources");
        using var councillor = await site.StaffClientAsync("councillor-er", Roles.Councillor, "economy-and-regeneration");

        using (var draft = await councillor.GetAsync("/staff/reports/draft?portfolio=economy-and-regeneration&quarter=2023-24%20Q2"))
        {
            Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
            Assert.Contains("Draft: this report has not been frozen", await draft.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await councillor.GetAsync("/staff/reports/draft?portfolio=finance-and-resources&quarter=2023-24%20Q2")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await councillor.GetAsync($"/staff/reports/{own}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await councillor.GetAsync($"/staff/reports/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await councillor.GetAsync($"/staff/reports/{other}/pdf")).StatusCode);
        await AssertRefusedAsync(councillor, "/staff/resources");
        var index = await SiteFixture.ParseAsync(await councillor.GetAsync("/staff/reports"));
        Assert.Null(index.QuerySelector("form[action*='Freeze'], button[formaction*='Freeze']"));
        Assert.DoesNotContain(index.QuerySelectorAll("#snapshots a"), a => a.GetAttribute("href") == $"/staff/reports/{other}");
    }

    [Fact]
    public async Task PerformanceTeam_FreezesAReport_AndOthersMayNot()
    {
        using var team = await site.StaffClientAsync("performance", Roles.PerformanceTeam);
        var form = await SiteFixture.ParseAsync(await team.GetAsync("/staff/reports"));
        var token = form.QuerySelector("form[action*='Freeze'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        using var response = await team.PostAsync("/staff/reports?handler=Freeze", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Portfolio"] = "climate-change-and-environment",
            ["Quarter"] = "2023-24 Q3",
            ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = site.Database.NewContext();
        var snapshot = await db.ReportSnapshots.OrderByDescending(s => s.Id).FirstAsync();
        Assert.Equal(("climate-change-and-environment", "2023-24 Q3", "performance@council.example"), (snapshot.PortfolioKey, snapshot.Quarter, snapshot.ProducedBy));
        Assert.Equal($"/staff/reports/{snapshot.Id}", response.Headers.Location!.OriginalString);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Entity == nameof(ReportSnapshot) && a.Who == "performance@council.example"));

        using var contributor = await site.StaffClientAsync("contributor", Roles.Contributor);
        var page = await SiteFixture.ParseAsync(await contributor.GetAsync("/staff/reports"));
        Assert.Null(page.QuerySelector("form[action*='Freeze']"));
        await AssertRefusedAsync(contributor, "/staff/resources");
        Assert.Equal(HttpStatusCode.OK, (await team.GetAsync("/staff/resources")).StatusCode);
    }

    [Fact]
    public async Task AFrozenReportsOwnPage_HasThePublishButton_ForThePerformanceTeamOnly()
    {
        var id = await FreezeAsync("finance-and-resources", "2023-24 Q1");
        using var team = await site.StaffClientAsync("publisher", Roles.PerformanceTeam);
        var page = await SiteFixture.ParseAsync(await team.GetAsync($"/staff/reports/{id}"));
        var form = page.QuerySelector("main form[action*='handler=Publish']")!;
        Assert.Contains("Publish on the portal", form.TextContent, StringComparison.Ordinal);

        using var response = await team.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/staff/reports/{id}", response.Headers.Location!.OriginalString);
        await using (var db = site.Database.NewContext())
        {
            Assert.True(await new ReportSnapshots(db, Clock).IsPublishedAsync(id));
        }

        Assert.Contains("Withdraw from the portal", (await SiteFixture.ParseAsync(await team.GetAsync($"/staff/reports/{id}"))).QuerySelector("main form[action*='handler=Publish']")!.TextContent, StringComparison.Ordinal);
        // An approver reads every frozen report but publishes none.
        using var approver = await site.StaffClientAsync("report-reader", Roles.Approver);
        var read = await approver.GetAsync($"/staff/reports/{id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Null((await SiteFixture.ParseAsync(read)).QuerySelector("main form[action*='handler=Publish']"));
    }
}

public sealed class SqliteReportPagesTests(ReportSqliteSite site) : ReportPagesTests<ReportSqliteSite>(site);

public sealed class PostgresReportPagesTests(ReportPostgresSite site) : ReportPagesTests<ReportPostgresSite>(site);
