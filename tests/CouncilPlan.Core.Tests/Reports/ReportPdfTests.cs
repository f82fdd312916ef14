using System.Diagnostics;
using System.Globalization;
using System.Text;
using CouncilPlan.Core.Reports;
using CouncilPlan.Reports.Reports;
using CouncilPlan.Testing;

namespace CouncilPlan.Core.Tests.Reports;

/// <summary>
/// The report's PDF with a contents list that shows the page each section starts on: printed twice
/// by <see cref="ReportPdf"/> (first with no page numbers, then with the pages read from the first
/// PDF's outline), read back page by page with pdftotext and rasterised with pdftoppm.
/// </summary>
public sealed class ReportPdfContentsTests(SqliteStockport data) : IClassFixture<SqliteStockport>
{
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
                return ReportRenderer.DocumentAsync(report, ReportProvenance.Draft, pages);
            },
            report.Title);

        // First without page numbers, then with the pages of the first print, which do not move.
        Assert.True(asked.Count >= 2, $"asked {asked.Count} times");
        Assert.Null(asked[0]);
        var pages = asked[^1]!;
        Assert.NotNull(pages);
        Assert.Equal(pages, PdfContents.PagesOf(pdf));

        // The cover and contents are page 1; the picture and the measures table each start a page;
        // every section is in the outline, in the report's order.
        var sections = ReportSection.Of(report).Select(s => s.Title).ToList();
        Assert.Equal(["At a glance", "Measures", "Exceptions", "What is going well", "Commitments and schemes", "Resources", "What changed since the last report"], sections);
        Assert.Equal(1, pages["Contents"]);
        Assert.Equal(2, pages["At a glance"]);
        Assert.All(sections.Zip(sections.Skip(1)), pair => Assert.True(pages[pair.First] <= pages[pair.Second], $"{pair.Second} comes before {pair.First}"));
        Assert.True(pages["Measures"] > pages["At a glance"]);

        var directory = Directory.CreateTempSubdirectory("councilplan-pdf-");
        try
        {
            var path = Path.Combine(directory.FullName, "report.pdf");
            await File.WriteAllBytesAsync(path, pdf);
            var pageCount = PdfContents.PageCount(pdf);
            Assert.Contains($"Pages:           {pageCount.ToString(CultureInfo.InvariantCulture)}\n", await Poppler.RunAsync("pdfinfo", path), StringComparison.Ordinal);
            // The last section ends the report.
            Assert.Equal(pages["What changed since the last report"], pageCount);

            // Each section's heading is the first line of the page the contents gives for it, and
            // on no earlier page: the contents line says the same number.
            var text = new List<string>();
            for (var p = 1; p <= pageCount; p++)
            {
                text.Add(await Poppler.RunAsync("pdftotext", "-f", P(p), "-l", P(p), path, "-"));
            }

            var contents = string.Join(' ', Lines(text[0]));
            foreach (var section in sections)
            {
                var page = pages[section];
                Assert.Contains(section, Lines(text[page - 1]));
                Assert.Equal(page, 1 + text.FindIndex(1, t => Lines(t).Contains(section)));
                Assert.Contains($"{section}, page {P(page)}", contents, StringComparison.Ordinal);
            }

            // The measures table in particular: it starts its page, counted independently of the outline.
            var table = sections[1];
            Assert.Equal(1 + text.FindIndex(1, t => Lines(t).FirstOrDefault() == table), pages[table]);

            // One image a page, each with more ink than a blank page with the same footer.
            var blank = await ReportPdf.RenderAsync("<!DOCTYPE html><html lang=\"en-GB\"><head><title>Blank</title></head><body></body></html>", report.Title);
            var blankPath = Path.Combine(directory.FullName, "blank.pdf");
            await File.WriteAllBytesAsync(blankPath, blank);
            await Poppler.RunAsync("pdftoppm", "-r", "40", "-gray", blankPath, Path.Combine(directory.FullName, "blank"));
            var blankInk = Ink(Directory.GetFiles(directory.FullName, "blank*.pgm").Single());

            var prefix = Path.Combine(directory.FullName, "page");
            await Poppler.RunAsync("pdftoppm", "-r", "40", "-gray", path, prefix);
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
    public async Task APortfolioOfThirteenMeasuresOrFewer_WithNothingRed_PrintsInUnderTenPages()
    {
        // The page count follows the content: only the picture and the measures table start a page.
        var portfolios = new List<string>();
        foreach (var key in new[] { "economy-and-regeneration", "children-families-and-education", "climate-change-and-environment", "communities-and-housing", "finance-and-resources", "health-and-adult-social-care" })
        {
            var report = await data.BuildAsync(key);
            if (report.Measures.Count is < 1 or > 13 || report.Measures.Any(m => m.Rag == CouncilPlan.Core.Statistics.Rag.Red))
            {
                continue;
            }

            portfolios.Add(key);
            var file = await ReportFormats.RenderAsync(report, ReportProvenance.Draft, ReportFormat.Pdf);
            var count = PdfContents.PageCount(file.Content);
            Assert.True(count < 10, $"{key}: {report.Measures.Count} measures print on {count} pages");
        }

        Assert.NotEmpty(portfolios);
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
            return Task.FromResult(html);
        }, "Two");

        // Asked without page numbers, then with them; the same HTML comes back, so the first print stands.
        Assert.Equal(2, asked);
        var pages = PdfContents.PagesOf(pdf);
        Assert.Equal(4, PdfContents.PageCount(pdf));
        Assert.Equal(new Dictionary<string, int> { ["Cover"] = 1, ["First part"] = 2, ["Second part"] = 3, ["Third part"] = 4 }, pages);
        Assert.Equal(pages, PdfContents.PagesOf(await ReportPdf.RenderAsync(html, "Two")));
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
}
