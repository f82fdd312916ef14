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

    /// <summary>How many times a document with contents is printed at most before its page numbers must have settled.</summary>
    public const int MaxPasses = 4;

    /// <summary>Renders one HTML document to PDF bytes.</summary>
    public static async Task<byte[]> RenderAsync(string html, string title, string? chromium = null, CancellationToken cancellationToken = default)
    {
        var results = await RenderManyAsync([(html, title)], chromium, null, cancellationToken);
        return results[0];
    }

    /// <summary>
    /// Renders one HTML document whose contents list shows the page each section starts on:
    /// <paramref name="html"/> is asked for the document first with no page numbers (null), then
    /// with the page of every heading in the printed PDF's outline, keyed by the heading's text
    /// (<see cref="PdfContents.PagesOf"/>), and the PDF printed from that is returned.
    /// </summary>
    public static async Task<byte[]> RenderAsync(Func<IReadOnlyDictionary<string, int>?, Task<string>> html, string title, string? chromium = null, CancellationToken cancellationToken = default)
    {
        var results = await RenderManyAsync([(html, title)], chromium, null, cancellationToken);
        return results[0];
    }

    /// <summary>Renders several documents with one browser, telling <paramref name="progress"/> after each.</summary>
    public static Task<IReadOnlyList<byte[]>> RenderManyAsync(IReadOnlyList<(string Html, string Title)> documents, string? chromium, IProgress<int>? progress, CancellationToken cancellationToken = default) =>
        PrintManyAsync(documents.Select(d => new Document(_ => Task.FromResult(d.Html), false, d.Title)).ToList(), chromium, progress, cancellationToken);

    /// <summary>
    /// Renders several documents with contents lists (see <see cref="RenderAsync(Func{IReadOnlyDictionary{string, int}?, Task{string}}, string, string?, CancellationToken)"/>)
    /// with one browser, telling <paramref name="progress"/> after each. A document is printed
    /// again while its headings' pages still change (the contents itself can move them), at most
    /// <see cref="MaxPasses"/> times; one whose HTML does not change with the page numbers is printed once.
    /// </summary>
    public static Task<IReadOnlyList<byte[]>> RenderManyAsync(IReadOnlyList<(Func<IReadOnlyDictionary<string, int>?, Task<string>> Html, string Title)> documents, string? chromium, IProgress<int>? progress, CancellationToken cancellationToken = default) =>
        PrintManyAsync(documents.Select(d => new Document(d.Html, true, d.Title)).ToList(), chromium, progress, cancellationToken);

    /// <summary>A document to print: its HTML for the pages of its headings, whether it has a contents list, and its title.</summary>
    private sealed record Document(Func<IReadOnlyDictionary<string, int>?, Task<string>> Html, bool HasContents, string Title);

    private static async Task<IReadOnlyList<byte[]>> PrintManyAsync(IReadOnlyList<Document> documents, string? chromium, IProgress<int>? progress, CancellationToken cancellationToken)
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
        foreach (var (html, hasContents, title) in documents)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var printed = await html(null);
            var pdf = await PrintAsync(browser, printed, title, cancellationToken);
            IReadOnlyDictionary<string, int>? pages = null;
            for (var pass = 1; hasContents && pass < MaxPasses; pass++)
            {
                var found = PdfContents.PagesOf(pdf);
                if (pages is not null && SamePages(pages, found))
                {
                    break;
                }

                pages = found;
                var again = await html(pages);
                if (string.Equals(again, printed, StringComparison.Ordinal))
                {
                    break;
                }

                printed = again;
                pdf = await PrintAsync(browser, printed, title, cancellationToken);
            }

            results.Add(pdf);
            progress?.Report(results.Count);
        }

        return results;
    }

    private static bool SamePages(IReadOnlyDictionary<string, int> a, IReadOnlyDictionary<string, int> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var page) && page == p.Value);

    private static async Task<byte[]> PrintAsync(IBrowser browser, string html, string title, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { Locale = "en-GB", JavaScriptEnabled = false });
        try
        {
            // The document is self-contained: no request leaves the page.
            await page.RouteAsync("**/*", route => route.AbortAsync());
            await page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load });
            await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
            return await page.PdfAsync(new PagePdfOptions
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
            });
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
