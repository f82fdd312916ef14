using CouncilPlan.Core.Reports;
using CouncilPlan.Reports.Reports;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CouncilPlan.Web.Tests.Reports;

/// <summary>
/// The report's HTML against axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules in a real Chromium
/// (the system's, launched here): the standalone document the PDF is printed from, and the portal's
/// page of a published report with the site's own styles.
/// </summary>
public sealed class ReportAccessibilityTests(ReportSqliteSite site) : IClassFixture<ReportSqliteSite>
{
    private static readonly AxeRunOptions Wcag = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        ResultTypes = [ResultType.Violations],
    };

    private static async Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ReportPdf.ChromiumPath(null),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });

    private static string Describe(AxeResult result) => string.Join(
        Environment.NewLine,
        result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(" | ", v.Nodes.Select(n => n.Target?.ToString()))}"));

    private async Task<(PortfolioReport Report, ReportSnapshot Snapshot)> FrozenAsync()
    {
        await using var db = site.Database.NewContext();
        Assert.True(ReportBuilder.TryParseQuarter("2023-24 Q4", out var quarter));
        var target = await new ReportBuilder(db, TimeProvider.System).FindAsync("children-families-and-education", quarter);
        var snapshots = new ReportSnapshots(db, TimeProvider.System);
        var snapshot = await snapshots.FreezeAsync("performance@council.example", target!);
        await snapshots.SetPublishedAsync("performance@council.example", snapshot.Id, published: true);
        return (ReportJson.Deserialize(snapshot.ModelJson), snapshot);
    }

    [Fact]
    public async Task ReportDocument_HasNoWcagAAViolations_AndItsStructureIsInOrder()
    {
        var (report, snapshot) = await FrozenAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        await page.SetContentAsync(await ReportRenderer.DocumentAsync(report, ReportProvenance.Of(snapshot)));

        var result = await page.RunAxe(Wcag);

        Assert.True(result.Violations.Length == 0, Describe(result));
        Assert.Equal("en-GB", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal(report.Title, await page.TitleAsync());
        var levels = await page.EvalOnSelectorAllAsync<int[]>("h1, h2, h3, h4", "hs => hs.map(h => Number(h.tagName[1]))");
        Assert.Equal(1, levels[0]);
        Assert.All(levels.Zip(levels.Skip(1)), pair => Assert.True(pair.Second <= pair.First + 1, $"a heading jumps from h{pair.First} to h{pair.Second}"));
        Assert.Equal(0, await page.EvalOnSelectorAllAsync<int>("table", "ts => ts.filter(t => !t.querySelector('caption')).length"));
        Assert.Equal(0, await page.EvalOnSelectorAllAsync<int>("th", "hs => hs.filter(h => !['col', 'row', 'rowgroup'].includes(h.getAttribute('scope'))).length"));
    }

    [Fact]
    public async Task PortalReportPage_HasNoWcagAAViolations()
    {
        var (_, snapshot) = await FrozenAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync();

        // The browser asks the test server for the page and its styles, scripts and images.
        await page.RouteAsync("http://councilplan.test/**", async route =>
        {
            using var response = await site.Client.GetAsync(new Uri(route.Request.Url).PathAndQuery);
            await route.FulfillAsync(new RouteFulfillOptions
            {
                Status = (int)response.StatusCode,
                ContentType = response.Content.Headers.ContentType?.ToString(),
                BodyBytes = await response.Content.ReadAsByteArrayAsync(),
            });
        });
        await page.GotoAsync($"http://councilplan.test/reports/{snapshot.Id}");

        var result = await page.RunAxe(Wcag);

        Assert.True(result.Violations.Length == 0, Describe(result));
    }
}
