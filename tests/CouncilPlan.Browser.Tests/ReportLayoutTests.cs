using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CouncilPlan.Browser.Tests;

/// <summary>
/// The published committee reports as a councillor reads them: on a phone (320 CSS pixels) and on a
/// desktop (1280), both the portal's page and the standalone HTML file the PDF is printed from. A
/// report is stricter than the rest of the site: no table may scroll sideways even inside a
/// wrapper (a table that cannot fit becomes a list of cards), and no cell may cut its text off.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportLayoutTests(BrowserSite site, ITestOutputHelper output)
{
    public static TheoryData<int> Widths => [BrowserSite.NarrowWidth, BrowserSite.DesktopWidth];

    private List<string> ReportPages =>
        site.SitemapPages.Where(p => p.StartsWith("/reports/", StringComparison.Ordinal)).ToList() is { Count: > 0 } pages
            ? pages
            : throw new InvalidOperationException("sitemap.xml lists no published report");

    /// <summary>
    /// The portal's page, or the HTML file (a download, so it is fetched and opened as a person opens
    /// the saved file: without the site's headers).
    /// </summary>
    private static async Task OpenAsync(IPage page, string path)
    {
        if (!path.EndsWith("/html", StringComparison.Ordinal))
        {
            await BrowserSite.GoToAsync(page, path);
            return;
        }

        var response = await page.APIRequest.GetAsync(path);
        Assert.True(response.Ok, $"{path} answered {response.Status}");
        Assert.StartsWith("attachment", response.Headers["content-disposition"], StringComparison.Ordinal);

        // Away from the site first: content set into one of its pages would keep the site's
        // Content-Security-Policy, which refuses the file's own style sheet.
        await page.GotoAsync("about:blank");
        await page.SetContentAsync(await response.TextAsync());
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task PublishedReports_OnThePortalAndAsFiles_DoNotScrollSideways_AndCutNoCellOff(int width)
    {
        await using var context = await site.NewContextAsync(width);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        var checkedPages = 0;
        foreach (var report in ReportPages)
        {
            foreach (var path in new[] { report, report + "/html" })
            {
                await OpenAsync(page, path);
                Assert.Equal(width, await page.EvaluateAsync<int>("() => document.documentElement.clientWidth"));
                problems.AddRange((await Reflow.ProblemsAsync(page)).Select(p => $"{path}: {p}"));
                problems.AddRange((await ReportLayout.ProblemsAsync(page)).Select(p => $"{path}: {p}"));
                checkedPages++;
            }
        }

        output.WriteLine($"{checkedPages} report pages at {width} pixels");
        Assert.True(problems.Count == 0, $"Report layout problems at {width} CSS pixels:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task MeasuresTable_IsCardsOnAPhone_AndATableOnADesktop(int width)
    {
        await using var context = await site.NewContextAsync(width);
        var page = await context.NewPageAsync();
        foreach (var report in ReportPages)
        {
            foreach (var path in new[] { report, report + "/html" })
            {
                await OpenAsync(page, path);
                var rows = page.Locator("table.cp-measures tbody tr:not(.cp-group)");
                Assert.True(await rows.CountAsync() > 0, $"{path}: no measures table");

                // A card is a row laid out as a block, its header row hidden but still read, and each
                // value named by its column.
                var display = await rows.First.EvaluateAsync<string>("row => getComputedStyle(row).display");
                var headerShown = await page.Locator("table.cp-measures thead").EvaluateAsync<bool>("head => head.getBoundingClientRect().height > 1");
                var label = await page.Locator("table.cp-measures tbody tr:not(.cp-group) td[data-label]").First
                    .EvaluateAsync<string>("cell => getComputedStyle(cell, '::before').content");
                if (width == BrowserSite.NarrowWidth)
                {
                    Assert.True(display == "block", $"{path}: a measure row is display:{display} at {width} pixels, not a card");
                    Assert.False(headerShown, $"{path}: the column headings still show above the cards");
                    Assert.StartsWith("\"", label, StringComparison.Ordinal);
                    Assert.EndsWith(": \"", label, StringComparison.Ordinal);
                }
                else
                {
                    Assert.True(display == "table-row", $"{path}: a measure row is display:{display} at {width} pixels");
                    Assert.True(headerShown, $"{path}: the column headings are hidden at {width} pixels");
                    Assert.True(label is "none" or "normal", $"{path}: a cell is labelled {label} in the table");
                }
            }
        }
    }

    [Fact]
    public async Task TheLayoutCheck_ReportsACellThatCutsItsTextOff_AndATableThatScrolls()
    {
        await using var context = await site.NewContextAsync(BrowserSite.DesktopWidth);
        var page = await context.NewPageAsync();
        await BrowserSite.GoToAsync(page, ReportPages[0]);
        await page.EvaluateAsync("""
            () => {
              const cell = document.querySelector('table.cp-measures tbody tr:not(.cp-group) td');
              cell.id = 'squeezed';
              for (const [property, value] of [['max-width', '20px'], ['white-space', 'nowrap'], ['overflow', 'hidden']]) cell.style.setProperty(property, value);
              const table = document.querySelector('table.cp-measures');
              const wrapper = document.createElement('div');
              wrapper.className = 'councilplan-table-wrapper';
              wrapper.style.setProperty('overflow-x', 'auto');
              wrapper.style.setProperty('width', '200px');
              table.parentNode.insertBefore(wrapper, table);
              wrapper.appendChild(table);
            }
            """);

        var problems = string.Join(Environment.NewLine, await ReportLayout.ProblemsAsync(page));

        Assert.Contains("td#squeezed", problems, StringComparison.Ordinal);
        Assert.Contains("cuts its text off", problems, StringComparison.Ordinal);
        Assert.Matches("div.councilplan-table-wrapper \"[^\"]*\" scrolls sideways", problems);
    }
}

/// <summary>What a report must not do at any width, beyond <see cref="Reflow"/>: scroll a table sideways, or cut a cell's text off.</summary>
public static class ReportLayout
{
    public static Task<List<string>> ProblemsAsync(IPage page) => page.EvaluateJsonAsync<List<string>>(Script);

    private const string Script = """
        () => {
          const problems = [];
          const describe = (element) => {
            let text = element.tagName.toLowerCase();
            if (element.id) text += '#' + element.id;
            for (const name of element.classList) text += '.' + name;
            const words = (element.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 50);
            return words ? `${text} "${words}"` : text;
          };
          const shown = (element) => element.checkVisibility({ visibilityProperty: true }) && element.getBoundingClientRect().width > 1;
          for (const e of document.body.querySelectorAll('*')) {
            if (shown(e) && /(auto|scroll)/.test(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1) {
              problems.push(`${describe(e)} scrolls sideways (${e.scrollWidth} pixels in ${e.clientWidth})`);
            }
          }
          for (const cell of document.querySelectorAll('td, th')) {
            if (!shown(cell)) continue;
            const box = cell.getBoundingClientRect();
            const range = document.createRange();
            range.selectNodeContents(cell);
            const text = range.getBoundingClientRect();
            if (cell.scrollWidth > cell.clientWidth + 1 || (text.width > 0 && (text.right > box.right + 1 || text.left < box.left - 1))) {
              problems.push(`${describe(cell)} cuts its text off (${Math.round(text.width)} pixels of text in a ${Math.round(box.width)}-pixel cell)`);
            }
          }
          return problems;
        }
        """;
}
