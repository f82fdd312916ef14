using System.Diagnostics;
using System.Text;
using CouncilPlan.Testing;
using Microsoft.Playwright;

namespace CouncilPlan.Browser.Tests;

/// <summary>Printing a page: the navigation goes, the content stays, and the PDF is tagged for assistive technology.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PrintTests(BrowserSite site)
{
    /// <summary>The parts of the layout that mean nothing on paper.</summary>
    private static readonly string[] ScreenOnly = [".govuk-skip-link", ".govuk-service-navigation", ".govuk-breadcrumbs", ".govuk-footer"];

    private const string DisplayScript = "(selector) => { const e = document.querySelector(selector); return e ? getComputedStyle(e).display : 'missing'; }";

    [Fact]
    public async Task PrintedPage_HidesTheNavigation_AndKeepsTheMainContent()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        var path = site.FirstPage("/ambitions/");
        await BrowserSite.GoToAsync(page, path);
        var heading = (await page.Locator("h1").InnerTextAsync()).Trim();

        // On screen the navigation is there (so the print check below is not passing by accident).
        foreach (var selector in ScreenOnly.Where(s => s != ".govuk-skip-link"))
        {
            Assert.NotEqual("none", await page.EvaluateAsync<string>(DisplayScript, selector));
        }

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        foreach (var selector in ScreenOnly)
        {
            Assert.True(await page.EvaluateAsync<string>(DisplayScript, selector) == "none", $"{selector} is printed");
        }

        Assert.NotEqual("none", await page.EvaluateAsync<string>(DisplayScript, "#main-content"));
        Assert.True(await page.Locator("#main-content").IsVisibleAsync(), "the main content is not printed");
        Assert.True(await page.Locator("h1").IsVisibleAsync(), "the page heading is not printed");
        var main = await page.Locator("#main-content").InnerTextAsync();
        Assert.Contains(heading, main, StringComparison.Ordinal);
        Assert.True(main.Length > 1000, $"only {main.Length} characters of the main content print");
    }

    [Fact]
    public async Task PrintedPage_IsATaggedPdf_WithTheContentAndWithoutTheNavigation()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        var path = await site.FirstMeasureWithFiguresAsync();
        await BrowserSite.GoToAsync(page, path);
        var heading = (await page.Locator("h1").InnerTextAsync()).Trim();

        var pdf = await page.PdfAsync(new PagePdfOptions { Tagged = true, Format = "A4", PrintBackground = true });

        Assert.True(pdf.Length > 1000 && Encoding.ASCII.GetString(pdf, 0, 5) == "%PDF-", "the browser did not make a PDF");
        var file = Path.Combine(BrowserSite.ScreenshotFolder, "measure-print.pdf");
        Directory.CreateDirectory(BrowserSite.ScreenshotFolder);
        await File.WriteAllBytesAsync(file, pdf);

        var info = await Poppler.RunAsync("pdfinfo", file);
        Assert.Matches(@"(?m)^Tagged:\s+yes$", info);
        var text = Normalise(await Poppler.RunAsync("pdftotext", "-layout", file, "-"));
        Assert.Contains(Normalise(heading), text, StringComparison.Ordinal);
        Assert.Contains("The figures", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Skip to main content", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Enabling programmes", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Accessibility statement", text, StringComparison.Ordinal);
    }

    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
