using Microsoft.Playwright;

namespace CouncilPlan.Core.Reports;

/// <summary>
/// Prints a report's HTML to PDF with headless Chromium (through Playwright, with the system's
/// Chromium: nothing is downloaded). The PDF is tagged, carries the document's title and language,
/// keeps its text selectable and its SVG charts as vectors, and has an outline from the headings.
/// </summary>
public static class ReportPdf
{
    /// <summary>Where Chromium is unless configured (Reports:Chromium, or COUNCILPLAN_CHROMIUM).</summary>
    public const string DefaultChromium = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    /// <summary>The Chromium to use: the configured path, else the environment's, else the default.</summary>
    public static string ChromiumPath(string? configured) =>
        configured is { Length: > 0 } ? configured
        : Environment.GetEnvironmentVariable("COUNCILPLAN_CHROMIUM") is { Length: > 0 } fromEnvironment ? fromEnvironment
        : DefaultChromium;

    /// <summary>Renders one HTML document to PDF bytes.</summary>
    public static async Task<byte[]> RenderAsync(string html, string title, string? chromium = null, CancellationToken cancellationToken = default)
    {
        var results = await RenderManyAsync([(html, title)], chromium, null, cancellationToken);
        return results[0];
    }

    /// <summary>Renders several documents with one browser, telling <paramref name="progress"/> after each.</summary>
    public static async Task<IReadOnlyList<byte[]>> RenderManyAsync(IReadOnlyList<(string Html, string Title)> documents, string? chromium, IProgress<int>? progress, CancellationToken cancellationToken = default)
    {
        var executable = ChromiumPath(chromium);
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Chromium was not found at {executable}: install it (Debian: apt-get install chromium) or set Reports:Chromium (COUNCILPLAN_CHROMIUM) to its path.");
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ChromiumArgs,
        });
        var results = new List<byte[]>();
        foreach (var (html, title) in documents)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { Locale = "en-GB", JavaScriptEnabled = false });
            try
            {
                // The document is self-contained: no request leaves the page.
                await page.RouteAsync("**/*", route => route.AbortAsync());
                await page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load });
                await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
                results.Add(await page.PdfAsync(new PagePdfOptions
                {
                    Format = "A4",
                    Landscape = true,
                    PrintBackground = true,
                    PreferCSSPageSize = true,
                    Tagged = true,
                    Outline = true,
                    DisplayHeaderFooter = true,
                    HeaderTemplate = "<span></span>",
                    FooterTemplate = $"<div style=\"font-family: Arial, sans-serif; font-size: 8px; width: 100%; margin: 0 12mm; color: #0b0c0c;\">{System.Net.WebUtility.HtmlEncode(title)}<span style=\"float: right;\">Page <span class=\"pageNumber\"></span> of <span class=\"totalPages\"></span></span></div>",
                    Margin = new Margin { Top = "12mm", Bottom = "16mm", Left = "12mm", Right = "12mm" },
                }));
            }
            finally
            {
                await page.CloseAsync();
            }

            progress?.Report(results.Count);
        }

        return results;
    }
}
