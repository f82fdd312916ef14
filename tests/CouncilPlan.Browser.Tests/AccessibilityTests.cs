using System.Diagnostics;
using Xunit.Abstractions;

namespace CouncilPlan.Browser.Tests;

/// <summary>Every public page against the WCAG 2.0, 2.1 and 2.2 A and AA rules of axe-core, in a real browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserSite site, ITestOutputHelper output)
{
    [Fact]
    public void Sitemap_ListsEveryKindOfPublicPage()
    {
        // The other checks walk sitemap.xml: an empty or partial sitemap must not make them pass by checking nothing.
        var pages = site.SitemapPages;
        foreach (var path in new[] { "/", "/about-the-plan", "/accessibility", "/ambitions", "/themes", "/programmes", "/borough-plan", "/portfolios", "/measures", "/evidence", "/how-we-judge", "/open-data/api" })
        {
            Assert.Contains(path, pages);
        }

        Assert.Equal(4, pages.Count(p => p.StartsWith("/ambitions/", StringComparison.Ordinal)));
        Assert.Equal(2, pages.Count(p => p.StartsWith("/themes/", StringComparison.Ordinal)));
        Assert.Equal(4, pages.Count(p => p.StartsWith("/programmes/", StringComparison.Ordinal)));
        Assert.Contains(pages, p => p.StartsWith("/portfolios/", StringComparison.Ordinal));
        Assert.True(pages.Count(p => p.StartsWith("/measures/", StringComparison.Ordinal)) >= 60, "sitemap.xml lists fewer than 60 measure pages");
        Assert.Equal(pages.Count, pages.Distinct().Count());
    }

    [Fact]
    public async Task EveryPageInTheSitemap_HasNoWcagAAViolations()
    {
        var clock = Stopwatch.StartNew();
        await using var context = await site.NewContextAsync();
        await Axe.PreloadAsync(context);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        foreach (var path in site.SitemapPages)
        {
            await BrowserSite.GoToAsync(page, path);
            problems.AddRange(await Axe.ViolationsAsync(page, path));
        }

        output.WriteLine($"axe checked {site.SitemapPages.Count} pages in {clock.Elapsed.TotalSeconds:0.0}s");
        Assert.True(
            problems.Count == 0,
            $"{problems.Count} failures of axe's WCAG A and AA rules ({string.Join(", ", Axe.WcagTags)}), by page and rule, with each element:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    [Fact]
    public async Task NotFoundPage_HasNoWcagAAViolations()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();

        await BrowserSite.GoToAsync(page, "/no-such-page", expectedStatus: 404);

        Assert.Equal("Page not found", (await page.Locator("h1").InnerTextAsync()).Trim());
        var problems = await Axe.ViolationsAsync(page, "/no-such-page");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task TheCheck_NamesThePageRuleAndNodes_OfABrokenPage_AsPageRunAxeDoes()
    {
        // Break a real page the ways a careless change could, and make sure the check says so, and
        // that the fast in-page run finds exactly what Deque.AxeCore.Playwright's page.RunAxe() finds.
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserSite.GoToAsync(page, "/");
        await page.EvaluateAsync("""
            () => {
              document.documentElement.removeAttribute('lang');
              const link = document.querySelector('main a');
              link.id = 'pale-link';
              link.style.setProperty('color', '#c8c8c8', 'important');
              document.querySelector('footer a').textContent = '';
            }
            """);

        var fast = await Axe.RunAsync(page);
        var official = await Axe.OfficialViolationsAsync(page);

        var text = string.Join(Environment.NewLine, fast.Select(v => Axe.Describe("/", v)));
        Assert.Contains("/: html-has-lang", text, StringComparison.Ordinal);
        Assert.Contains("/: color-contrast", text, StringComparison.Ordinal);
        Assert.Contains("/: link-name", text, StringComparison.Ordinal);
        Assert.Contains("#pale-link", text, StringComparison.Ordinal);
        Assert.Equal(
            official.Select(v => $"{v.Id}: {string.Join(" | ", v.Nodes.Select(n => n.Target).Order(StringComparer.Ordinal))}").Order(StringComparer.Ordinal),
            fast.Select(v => $"{v.Id}: {string.Join(" | ", v.Nodes.Select(n => n.Target).Order(StringComparer.Ordinal))}").Order(StringComparer.Ordinal));
    }
}
