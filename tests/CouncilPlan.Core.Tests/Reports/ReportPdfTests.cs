using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using CouncilPlan.Core.Reports;

namespace CouncilPlan.Core.Tests.Reports;

/// <summary>
/// A PDF with a contents list that shows the page each section starts on: printed twice by
/// <see cref="ReportPdf"/> (first with no page numbers, then with the pages read from the first
/// PDF's outline), read back page by page with pdftotext and rasterised with pdftoppm.
/// (<see cref="ReportPdfTests"/> in StockportReportTests.cs prints the report's own HTML.)
/// </summary>
public sealed class ReportPdfContentsTests(SqliteStockport data) : IClassFixture<SqliteStockport>
{
    private static readonly string[] Sections = ["Summary", "Measures", "Exceptions", "Resources", "What changed since the last report"];

    [Fact]
    public async Task Contents_ShowsThePageEverySectionStartsOn_AndEveryPageRendersToANonBlankImage()
    {
        var report = await data.BuildAsync("economy-and-regeneration");
        Assert.True(report.Measures.Count >= 5, $"only {report.Measures.Count} measures");
        Assert.NotEmpty(report.Exceptions);

        var asked = new List<IReadOnlyDictionary<string, int>?>();
        var pdf = await ReportPdf.RenderAsync(
            pages =>
            {
                asked.Add(pages);
                return Document(report, pages);
            },
            report.Title);

        // First without page numbers, then with the pages of the first print, which do not move.
        Assert.True(asked.Count >= 2, $"asked {asked.Count} times");
        Assert.Null(asked[0]);
        var pages = asked[^1]!;
        Assert.NotNull(pages);
        Assert.Equal(pages, PdfContents.PagesOf(pdf));

        // The contents is page 1, the summary page 2, every measure has a page of its own, and the
        // exceptions and resources follow: the keys are the headings' text, trimmed.
        var n = report.Measures.Count;
        Assert.Equal(1, pages["Contents"]);
        Assert.Equal(2, pages["Summary"]);
        Assert.Equal(3, pages["Measures"]);
        Assert.Equal(3 + n, pages["Exceptions"]);
        Assert.True(pages["Resources"] > pages["Exceptions"]);
        Assert.True(pages["What changed since the last report"] > pages["Resources"]);
        Assert.Equal(3, pages[$"{report.Measures[0].Code} {report.Measures[0].Title}".Trim()]);
        Assert.Equal(3 + n - 1, pages[$"{report.Measures[^1].Code} {report.Measures[^1].Title}".Trim()]);

        var directory = Directory.CreateTempSubdirectory("councilplan-pdf-");
        try
        {
            var path = Path.Combine(directory.FullName, "report.pdf");
            await File.WriteAllBytesAsync(path, pdf);
            var pageCount = PdfContents.PageCount(pdf);
            Assert.Contains($"Pages:           {pageCount.ToString(CultureInfo.InvariantCulture)}\n", await RunAsync("pdfinfo", path), StringComparison.Ordinal);
            // The last section is one short page.
            Assert.Equal(pages["What changed since the last report"], pageCount);

            // Each section's heading is the first line of the page the contents gives for it, and
            // on no earlier page: the contents line says the same number.
            var text = new List<string>();
            for (var p = 1; p <= pageCount; p++)
            {
                text.Add(await RunAsync("pdftotext", "-f", P(p), "-l", P(p), path, "-"));
            }

            var contents = Lines(text[0]);
            foreach (var section in Sections)
            {
                var page = pages[section];
                Assert.Equal(section, Lines(text[page - 1])[0]);
                Assert.Equal(page, 1 + text.FindIndex(1, t => Lines(t).Contains(section)));
                Assert.Contains($"{section} page {P(page)}", contents);
            }

            // The third section in particular, counted independently of the outline.
            var third = Sections[2];
            Assert.Equal(1 + text.FindIndex(1, t => Lines(t).FirstOrDefault() == third), pages[third]);
            Assert.Contains($"{third} page {P(pages[third])}", contents);
            Assert.DoesNotContain(contents, l => l.EndsWith("page ?", StringComparison.Ordinal));

            // One image a page, each with more ink than a blank page with the same footer.
            var blank = await ReportPdf.RenderAsync("<!DOCTYPE html><html lang=\"en-GB\"><head><title>Blank</title></head><body></body></html>", report.Title);
            var blankPath = Path.Combine(directory.FullName, "blank.pdf");
            await File.WriteAllBytesAsync(blankPath, blank);
            await RunAsync("pdftoppm", "-r", "40", "-gray", blankPath, Path.Combine(directory.FullName, "blank"));
            var blankInk = Ink(Directory.GetFiles(directory.FullName, "blank*.pgm").Single());

            var prefix = Path.Combine(directory.FullName, "page");
            await RunAsync("pdftoppm", "-r", "40", "-gray", path, prefix);
            var images = Directory.GetFiles(directory.FullName, "page-*.pgm").Order(StringComparer.Ordinal).ToList();
            Assert.Equal(pageCount, images.Count);
            foreach (var image in images)
            {
                var ink = Ink(image);
                Assert.True(ink > blankInk + 100, $"{Path.GetFileName(image)} has {ink} dark pixels, a blank page {blankInk}");
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task HtmlThatIgnoresThePageNumbers_IsAskedForOnceWithoutAndOnceWith_AndItsOutlineGivesEachHeadingsPage()
    {
        var html = "<!DOCTYPE html><html lang=\"en-GB\"><head><title>Two</title><style>h2 { break-before: page; }</style></head><body>"
            + "<h1>  Cover  </h1><h2>First part</h2><p>One.</p><h2>Second part</h2><p>Two.</p><h2>Third part</h2><p>Three.</p></body></html>";
        var asked = 0;

        var pdf = await ReportPdf.RenderAsync(_ =>
        {
            asked++;
            return html;
        }, "Two");

        // Asked without page numbers, then with them; the same HTML comes back, so the first print stands.
        Assert.Equal(2, asked);
        var pages = PdfContents.PagesOf(pdf);
        Assert.Equal(4, PdfContents.PageCount(pdf));
        Assert.Equal(new Dictionary<string, int> { ["Cover"] = 1, ["First part"] = 2, ["Second part"] = 3, ["Third part"] = 4 }, pages);
        Assert.Equal(pages, PdfContents.PagesOf(await ReportPdf.RenderAsync(html, "Two")));
    }

    /// <summary>
    /// A test document: a contents list with the page numbers given ("page ?" without), the
    /// summary, a page for each measure, the exceptions, resources and what changed.
    /// </summary>
    private static string Document(PortfolioReport report, IReadOnlyDictionary<string, int>? pages)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        string Page(string heading) => pages is not null && pages.TryGetValue(heading, out var p) ? P(p) : "?";
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>").Append(E(report.Title)).Append("</title>")
            .Append("<style>body { font-family: Arial, sans-serif; font-size: 14px; } h2, .measure { break-before: page; } ol { list-style: none; padding: 0; } li { margin: 4px 0; } table { border-collapse: collapse; } td, th { border: 1px solid #000; padding: 4px; }</style></head><body>");
        html.Append("<h1>Contents</h1><p>").Append(E(report.Title)).Append("</p><ol>");
        foreach (var section in Sections)
        {
            html.Append("<li>").Append(E(section)).Append(" page ").Append(Page(section)).Append("</li>");
        }

        html.Append("</ol><h2>Summary</h2>");
        foreach (var sentence in report.Summary.Sentences)
        {
            html.Append("<p>").Append(E(sentence)).Append("</p>");
        }

        html.Append("<h2>Measures</h2>");
        for (var i = 0; i < report.Measures.Count; i++)
        {
            var m = report.Measures[i];
            html.Append(i == 0 ? "<div>" : "<div class=\"measure\">").Append("<h3>").Append(E($"{m.Code} {m.Title}")).Append("</h3><p>").Append(E(m.Summary)).Append("</p>")
                .Append("<p>Latest: ").Append(E(m.Latest is { } l ? $"{l.Period}: {l.Value?.ToString(CultureInfo.InvariantCulture) ?? "suppressed"}" : "awaiting data")).Append("</p></div>");
        }

        html.Append("<h2>Exceptions</h2>");
        foreach (var e in report.Exceptions)
        {
            html.Append("<h3>").Append(E($"{e.Reference} {e.Title}")).Append("</h3>");
            foreach (var reason in e.Reasons)
            {
                html.Append("<p>").Append(E(reason)).Append("</p>");
            }

            // Enough on each exception for the section to run over more than one page.
            html.Append("<div style=\"height: 60mm; border: 1px solid #000;\">A chart would be here.</div>");
        }

        html.Append("<h2>Resources</h2><table><tr><th>Line</th><th>Budget</th></tr>");
        foreach (var line in report.Resources.Capital.Prepend(report.Resources.Revenue).OfType<ReportResourceLine>())
        {
            html.Append("<tr><td>").Append(E(line.Title)).Append("</td><td>").Append(line.Budget?.ToString("N0", CultureInfo.InvariantCulture) ?? "awaiting data").Append("</td></tr>");
        }

        html.Append("</table><h2>What changed since the last report</h2><p>").Append(report.Changes.IsFirst ? "This is the first report." : "Changes.").Append("</p></body></html>");
        return html.ToString();
    }

    private static string P(int page) => page.ToString(CultureInfo.InvariantCulture);

    private static List<string> Lines(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && l != "\f").ToList();

    /// <summary>The dark pixels of a binary greyscale PGM (P5) image, as pdftoppm -gray writes it.</summary>
    private static int Ink(string pgm)
    {
        var bytes = File.ReadAllBytes(pgm);
        var fields = new List<string>();
        var at = 0;
        while (fields.Count < 4)
        {
            while (char.IsWhiteSpace((char)bytes[at]))
            {
                at++;
            }

            var start = at;
            while (!char.IsWhiteSpace((char)bytes[at]))
            {
                at++;
            }

            fields.Add(Encoding.ASCII.GetString(bytes, start, at - start));
        }

        Assert.Equal("P5", fields[0]);
        var width = int.Parse(fields[1], CultureInfo.InvariantCulture);
        var height = int.Parse(fields[2], CultureInfo.InvariantCulture);
        Assert.Equal("255", fields[3]);
        var pixels = bytes.AsSpan(at + 1);
        Assert.Equal(width * height, pixels.Length);
        var ink = 0;
        foreach (var pixel in pixels)
        {
            if (pixel < 160)
            {
                ink++;
            }
        }

        return ink;
    }

    private static async Task<string> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} failed: {await process.StandardError.ReadToEndAsync()}");
        return output;
    }
}
