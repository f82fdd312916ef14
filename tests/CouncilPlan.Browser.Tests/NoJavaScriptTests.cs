using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CouncilPlan.Browser.Tests;

/// <summary>The site with JavaScript switched off: everything is there and everything works.</summary>
[Collection(BrowserCollection.Name)]
public sealed class NoJavaScriptTests(BrowserSite site)
{
    private static readonly string[] Navigation = ["Ambitions", "Measures", "Themes", "Enabling programmes", "Borough Plan", "Portfolios"];

    [Theory]
    [InlineData(BrowserSite.DesktopWidth)]
    [InlineData(BrowserSite.NarrowWidth)]
    public async Task Pages_WithoutJavaScript_ShowTheirContentAndEveryNavigationLink(int width)
    {
        await using var context = await site.NewContextAsync(width, javaScript: false);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        foreach (var path in new[] { "/", site.FirstPage("/ambitions/"), "/measures", await site.FirstMeasureWithFiguresAsync(), "/open-data/api" })
        {
            await BrowserSite.GoToAsync(page, path);
            Assert.False(await page.EvaluateAsync<bool>("() => document.body.classList.contains('govuk-frontend-supported')"), "JavaScript ran");

            var heading = page.Locator("h1");
            if (!await heading.IsVisibleAsync() || (await heading.InnerTextAsync()).Trim().Length == 0)
            {
                problems.Add($"{path}: no visible heading");
            }

            var main = (await page.Locator("#main-content").InnerTextAsync()).Length;
            if (main < 300)
            {
                problems.Add($"{path}: only {main} characters of content");
            }

            foreach (var text in Navigation)
            {
                var link = page.Locator(".govuk-service-navigation__list a", new PageLocatorOptions { HasTextString = text });
                if (!await link.IsVisibleAsync())
                {
                    problems.Add($"{path}: the navigation link '{text}' cannot be seen");
                }
            }

            if (await page.Locator(".govuk-service-navigation__toggle").IsVisibleAsync())
            {
                problems.Add($"{path}: the Menu button shows, but it needs JavaScript to work");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task NavigationLinksAndTheSkipLink_WorkFromTheKeyboard_WithoutJavaScript()
    {
        await using var context = await site.NewContextAsync(BrowserSite.NarrowWidth, javaScript: false);
        var page = await context.NewPageAsync();
        await BrowserSite.GoToAsync(page, "/");

        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement.matches('a.govuk-skip-link')"), "the skip link is not the first tab stop");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Tab");
        Assert.True(
            await page.EvaluateAsync<bool>("() => document.getElementById('main-content').contains(document.activeElement)"),
            "after the skip link, Tab does not go into the main content");

        // Back to the top, then Tab to the "Measures" link in the navigation, as a keyboard user would.
        await BrowserSite.GoToAsync(page, "/");
        const string isMeasuresLink = "() => document.activeElement.matches('.govuk-service-navigation__list a') && document.activeElement.textContent.trim() === 'Measures'";
        for (var presses = 0; presses < 30 && !await page.EvaluateAsync<bool>(isMeasuresLink); presses++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        Assert.True(await page.EvaluateAsync<bool>(isMeasuresLink), "30 presses of Tab did not reach the Measures link in the navigation");
        var response = await page.RunAndWaitForResponseAsync(() => page.Keyboard.PressAsync("Enter"), r => r.Request.IsNavigationRequest && new Uri(r.Url).AbsolutePath == "/measures");
        Assert.Equal(200, response.Status);

        // Expect polls the address: a separate wait for the navigation, started after the response,
        // can miss a commit that lands between its check and its subscription (it did, twice, in CI).
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/measures$"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Measures");
    }

    [Fact]
    public async Task ApiReferenceForms_WithoutJavaScript_AnswerWithJson()
    {
        await using var context = await site.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await BrowserSite.GoToAsync(page, "/open-data/api");

        // Every measure: the form has nothing to fill in.
        var measures = await JsonAnswerAsync(page, () => page.Locator("#GetMeasures button[type=submit]").ClickAsync(), "/api/v1/measures");
        var code = measures.EnumerateArray().Select(m => m.GetProperty("code").GetString()).First(c => !string.IsNullOrEmpty(c))!;

        // One measure: type its code into the form and press Enter, as a keyboard user would.
        await page.GoBackAsync();
        await page.Locator("#GetMeasure-code").FillAsync(code);
        var measure = await JsonAnswerAsync(page, () => page.Locator("#GetMeasure-code").PressAsync("Enter"), $"/api/v1/measures/{code}");
        Assert.Equal(code, measure.GetProperty("measure").GetProperty("code").GetString());
        Assert.True(measure.TryGetProperty("assessment", out _), "the answer has no assessment");
    }

    /// <summary>Submits a form and reads the JSON the browser lands on.</summary>
    private static async Task<JsonElement> JsonAnswerAsync(IPage page, Func<Task> submit, string expectedPath)
    {
        var response = await page.RunAndWaitForResponseAsync(submit, r => r.Request.IsNavigationRequest && r.Status != 302);
        Assert.Equal(200, response.Status);
        Assert.Equal(expectedPath, new Uri(response.Url).AbsolutePath);
        await Assertions.Expect(page).ToHaveURLAsync(response.Url);
        Assert.StartsWith("application/json", response.Headers["content-type"], StringComparison.Ordinal);
        var json = await response.JsonAsync();
        Assert.NotNull(json);
        var root = json.Value;
        return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("items", out var items) ? items : root;
    }
}
