using Xunit.Abstractions;

namespace CouncilPlan.Browser.Tests;

/// <summary>WCAG 1.4.10 Reflow: every page read in a window 320 CSS pixels wide.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReflowTests(BrowserSite site, ITestOutputHelper output)
{
    [Fact]
    public async Task EveryPageInTheSitemap_At320Pixels_DoesNotScrollSideways_AndCutsNoTextOff()
    {
        await using var context = await site.NewContextAsync(BrowserSite.NarrowWidth);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        var wrappers = 0;
        foreach (var path in site.SitemapPages.Append("/no-such-page"))
        {
            await BrowserSite.GoToAsync(page, path, path == "/no-such-page" ? 404 : 200);
            Assert.Equal(BrowserSite.NarrowWidth, await page.EvaluateAsync<int>("() => document.documentElement.clientWidth"));
            problems.AddRange((await Reflow.ProblemsAsync(page)).Select(p => $"{path}: {p}"));
            wrappers += await page.Locator(Reflow.AllowedScroller).CountAsync();
        }

        output.WriteLine($"{site.SitemapPages.Count + 1} pages at {BrowserSite.NarrowWidth} pixels; {wrappers} table wrappers");
        Assert.True(problems.Count == 0, $"Reflow problems at {BrowserSite.NarrowWidth} CSS pixels:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    [Fact]
    public async Task PagesOfEveryKind_At320Pixels_HaveNoWcagAAViolations()
    {
        // Some rules depend on the layout: a table that now scrolls must be reachable by keyboard,
        // targets must keep their size, the menu button appears.
        await using var context = await site.NewContextAsync(BrowserSite.NarrowWidth);
        await Axe.PreloadAsync(context);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        foreach (var type in await site.PageTypesAsync())
        {
            await BrowserSite.GoToAsync(page, type.Path, type.Status);
            problems.AddRange(await Axe.ViolationsAsync(page, $"{type.Path} at {BrowserSite.NarrowWidth} pixels"));
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task TheReflowCheck_ReportsAPageThatScrollsSideways_AndTextThatIsCutOff()
    {
        await using var context = await site.NewContextAsync(BrowserSite.NarrowWidth);
        var page = await context.NewPageAsync();
        await BrowserSite.GoToAsync(page, site.FirstPage("/ambitions/"));
        await page.EvaluateAsync("""
            () => {
              const heading = document.querySelector('h1');
              heading.id = 'unbreakable';
              heading.style.setProperty('white-space', 'nowrap');
              const paragraph = document.querySelector('main p');
              paragraph.id = 'clipped';
              for (const [property, value] of [['height', '1em'], ['overflow', 'hidden']]) paragraph.style.setProperty(property, value);
            }
            """);

        var problems = string.Join(Environment.NewLine, await Reflow.ProblemsAsync(page));

        Assert.Contains("the page scrolls sideways", problems, StringComparison.Ordinal);
        Assert.Contains("h1#unbreakable.govuk-heading-xl", problems, StringComparison.Ordinal);
        Assert.Contains("text runs off the page", problems, StringComparison.Ordinal);
        Assert.Contains("text is cut off by p#clipped", problems, StringComparison.Ordinal);
        Assert.DoesNotContain("scrolls sideways (", problems, StringComparison.Ordinal);
    }
}
