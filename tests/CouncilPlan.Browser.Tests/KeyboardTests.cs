using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CouncilPlan.Browser.Tests;

/// <summary>Keyboard-only use: the skip link, Tab through every link and control in order, focus always visible, no trap.</summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardTests(BrowserSite site, ITestOutputHelper output)
{
    /// <summary>Home, an ambition, a measure with its chart and table, and the API reference with its forms.</summary>
    private async Task<IReadOnlyList<string>> RepresentativePagesAsync() =>
        ["/", site.FirstPage("/ambitions/"), await site.FirstMeasureWithFiguresAsync(), "/open-data/api"];

    [Fact]
    public async Task SkipLink_IsTheFirstTabStop_VisibleWhenFocused_AndMovesFocusToTheMainContent()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        foreach (var path in await RepresentativePagesAsync())
        {
            await BrowserSite.GoToAsync(page, path);
            var skipLink = page.Locator("a.govuk-skip-link");
            var hiddenBox = await skipLink.BoundingBoxAsync();
            if (hiddenBox is { Width: > 1, Height: > 1 })
            {
                problems.Add($"{path}: the skip link is on show before it has focus ({hiddenBox.Width}x{hiddenBox.Height})");
            }

            var stops = await Keyboard.MarkTabStopsAsync(page);
            await page.Keyboard.PressAsync("Tab");
            var focus = await Keyboard.FocusAsync(page);
            if (focus.Index != 0 || !await page.EvaluateAsync<bool>("() => document.activeElement.matches('a.govuk-skip-link[href=\"#main-content\"]')"))
            {
                problems.Add($"{path}: the first Tab reached {focus.Description}, not the skip link");
                continue;
            }

            // Focused, it must be on screen at a readable size, with a focus indicator.
            if (!focus.Visible || !focus.InViewport || focus.Width < 50 || focus.Height < 20)
            {
                problems.Add($"{path}: the focused skip link cannot be seen (visible {focus.Visible}, in viewport {focus.InViewport}, {focus.Width:0}x{focus.Height:0} pixels)");
            }

            if (Keyboard.MissingIndicator(stops[0].Unfocused, focus.Look!) is { } missing)
            {
                problems.Add($"{path}: the skip link: {missing}");
            }

            await page.Keyboard.PressAsync("Enter");
            var target = await page.EvaluateAsync<string>("() => document.activeElement?.id ?? ''");
            if (target != "main-content" || !page.Url.EndsWith("#main-content", StringComparison.Ordinal))
            {
                problems.Add($"{path}: the skip link moved focus to '{target}' ({page.Url}), not #main-content");
            }

            await page.Keyboard.PressAsync("Tab");
            var next = await Keyboard.FocusAsync(page);
            if (!next.InMain)
            {
                problems.Add($"{path}: after the skip link, Tab went to {next.Description}, outside the main content");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory]
    [InlineData(BrowserSite.DesktopWidth)]
    [InlineData(BrowserSite.NarrowWidth)]
    public async Task Tab_ReachesEveryLinkAndControlInDocumentOrder_WithAVisibleFocusIndicator_AndShiftTabComesBack(int width)
    {
        await using var context = await site.NewContextAsync(width);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        var reached = new List<string>();
        foreach (var path in await RepresentativePagesAsync())
        {
            await BrowserSite.GoToAsync(page, path);
            var found = await WalkAsync(page, path);
            problems.AddRange(found.Problems);
            reached.Add($"{path} at {width} pixels: {found.Stops} tab stops");
        }

        output.WriteLine(string.Join(Environment.NewLine, reached));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Concat(reached)));
    }

    [Fact]
    public async Task TheTabWalk_ReportsAControlWithoutAFocusIndicator_AndOneOutOfOrder()
    {
        // A page broken the two ways the walk is there to catch: the check must be able to fail.
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserSite.GoToAsync(page, "/open-data/api");
        await page.EvaluateAsync("""
            () => {
              const input = document.querySelector('main input.govuk-input');
              input.id = 'no-focus-style';
              for (const [property, value] of [['outline', 'none'], ['box-shadow', 'none']]) input.style.setProperty(property, value, 'important');
              const links = document.querySelectorAll('main a');
              links[0].tabIndex = 5;
            }
            """);

        var found = await WalkAsync(page, "/open-data/api");

        var text = string.Join(Environment.NewLine, found.Problems);
        Assert.Contains("id=\"no-focus-style\"", text, StringComparison.Ordinal);
        Assert.Contains("no visible focus indicator", text, StringComparison.Ordinal);
        Assert.Contains("not in document order", text, StringComparison.Ordinal);
    }

    /// <summary>
    /// Tabs through the page from the top and back, comparing every stop with the document order and
    /// its focused look with its unfocused one. A focus trap shows as a stop that repeats or as
    /// failing to leave the page after the last stop.
    /// </summary>
    private static async Task<(int Stops, List<string> Problems)> WalkAsync(IPage page, string path)
    {
        var stops = await Keyboard.MarkTabStopsAsync(page);
        var problems = new List<string>();
        if (stops.Count < 5)
        {
            problems.Add($"{path}: only {stops.Count} links and controls were found: the page did not load as expected");
        }

        await page.EvaluateAsync("() => { document.activeElement?.blur(); window.scrollTo(0, 0); }");
        var seen = new List<int>();
        for (var i = 0; i < stops.Count; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focus = await Keyboard.FocusAsync(page);
            if (focus.Index is not { } index)
            {
                problems.Add($"{path}: Tab {i + 1} reached {focus.Description}, which is not a link or control the page shows; expected {stops[i].Description}");
                break;
            }

            if (seen.Contains(index))
            {
                problems.Add($"{path}: Tab {i + 1} came back to {focus.Description}: focus is trapped or goes round in a loop");
                break;
            }

            seen.Add(index);
            if (index != i)
            {
                problems.Add($"{path}: Tab {i + 1} reached {focus.Description}, not in document order: expected {stops[i].Description}");
            }

            if (!focus.Visible || !focus.InViewport || focus.Width < 1 || focus.Height < 1)
            {
                problems.Add($"{path}: {focus.Description} has focus but cannot be seen (visible {focus.Visible}, in viewport {focus.InViewport}, {focus.Width:0}x{focus.Height:0} pixels)");
            }

            if (Keyboard.MissingIndicator(stops[index].Unfocused, focus.Look!) is { } missing)
            {
                problems.Add($"{path}: {focus.Description}: {missing}");
            }
        }

        var missed = stops.Where(s => !seen.Contains(s.Index)).ToList();
        if (missed.Count > 0)
        {
            problems.Add($"{path}: Tab never reached {string.Join(", ", missed.Take(5).Select(s => s.Description))}{(missed.Count > 5 ? $" and {missed.Count - 5} more" : "")}");
        }

        if (problems.Count > 0)
        {
            return (stops.Count, problems);
        }

        // After the last control, Tab leaves the page for the browser: nothing holds focus in the content.
        await page.Keyboard.PressAsync("Tab");
        var after = await Keyboard.FocusAsync(page);
        if (after.Index is { } stuck)
        {
            problems.Add($"{path}: after the last control, Tab went to {stops[stuck].Description} instead of leaving the page");
        }

        // And Shift+Tab walks back through every stop in reverse.
        for (var i = stops.Count - 1; i >= 0; i--)
        {
            await page.Keyboard.PressAsync("Shift+Tab");
            var focus = await Keyboard.FocusAsync(page);
            if (focus.Index != i)
            {
                problems.Add($"{path}: Shift+Tab reached {focus.Description}; expected {stops[i].Description}");
                break;
            }
        }

        return (stops.Count, problems);
    }
}
