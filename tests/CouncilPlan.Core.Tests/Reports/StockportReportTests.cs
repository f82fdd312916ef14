using System.Diagnostics;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Reports;
using CouncilPlan.Core.Statistics;
using CouncilPlan.Reports.Charts;
using CouncilPlan.Reports.Reports;
using CouncilPlan.Testing;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Tests.Reports;

/// <summary>The default Stockport dataset, loaded once per database for the read-only report tests.</summary>
public abstract class StockportDatabase(DatabaseProvider provider) : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(provider);
        await using var db = Database.NewContext();
        await DefaultDataset.LoadAsync(db, ReportWorld.Clock, RepositoryFiles.Data);
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();

    public async Task<PortfolioReport> BuildAsync(string portfolio, string quarter = "2023-24 Q2")
    {
        await using var db = Database.NewContext();
        Assert.True(ReportBuilder.TryParseQuarter(quarter, out var period));
        var builder = new ReportBuilder(db, ReportWorld.Clock);
        return await builder.BuildAsync(await builder.FindAsync(portfolio, period) ?? throw new InvalidOperationException(portfolio));
    }
}

public static class StockportPortfolios
{
    public static TheoryData<string> All => new(
        "economy-and-regeneration", "communities-and-housing", "children-families-and-education",
        "health-and-adult-social-care", "finance-and-resources", "climate-change-and-environment");
}

public sealed class SqliteStockport() : StockportDatabase(DatabaseProvider.Sqlite);

public sealed class PostgresStockport() : StockportDatabase(DatabaseProvider.Postgres);

public abstract class StockportReportTests<TData>(TData data) : IClassFixture<TData>
    where TData : StockportDatabase
{
    [Theory]
    [MemberData(nameof(StockportPortfolios.All), MemberType = typeof(StockportPortfolios))]
    public async Task Summary_CountsMatchTheMeasuresTable(string portfolio)
    {
        var report = await data.BuildAsync(portfolio);
        var s = report.Summary;

        Assert.Equal(report.Measures.Count, s.MeasureCount);
        Assert.Equal(s.MeasureCount, s.ByRag.Sum(c => c.Count));
        foreach (var count in s.ByRag)
        {
            Assert.Equal(report.Measures.Count(m => CouncilPlan.Core.Measures.MeasureWords.RagShort(m.Rag) == count.Label), count.Count);
        }

        Assert.Equal(s.MeasureCount, s.ByVariation.Sum(c => c.Count));
        foreach (var count in s.ByVariation)
        {
            Assert.Equal(report.Measures.Count(m => ReportWords.VariationShort(m.Variation) == count.Label), count.Count);
        }

        Assert.Equal(report.Commitments.Count, s.ByCommitmentStatus.Sum(c => c.Count));
        Assert.Equal(report.Exceptions.Count, s.ExceptionCount);

        // The same in the HTML: the summary's numbers count the rows of the measures table.
        var html = await ReportRenderer.DocumentAsync(report, ReportProvenance.Draft);
        foreach (var (rag, label) in new[] { (Rag.Red, "Red"), (Rag.Amber, "Amber"), (Rag.Green, "Green"), (Rag.NotRated, "Not rated") })
        {
            var rows = CountOf(html, $"data-rag=\"{rag}\"");
            var summary = html[html.IndexOf("id=\"summary-rag\"", StringComparison.Ordinal)..];
            summary = summary[summary.IndexOf($">{label}</th>", StringComparison.Ordinal)..];
            summary = summary[(summary.IndexOf("data-count=\"", StringComparison.Ordinal) + "data-count=\"".Length)..];
            Assert.Equal(rows, int.Parse(summary[..summary.IndexOf('"', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture));
        }

        await using var db = data.Database.NewContext();
        var codes = await db.Measures.Where(m => m.Portfolio!.Key == portfolio).Select(m => m.Code).ToListAsync();
        Assert.Equal(codes.Order(StringComparer.Ordinal), report.Measures.Select(m => m.Code));
    }

    [Fact]
    public async Task Report_MarksSeriesBreaks_InTheModelTheCaveatsAndTheChart()
    {
        // GCSE grade 5+ starts again in 2019/20, 2020/21, 2021/22 and 2022/23 (assessed grades, then
        // the return to exam grading): the report must not join those figures up as one series.
        var report = await data.BuildAsync("children-families-and-education", "2023-24 Q4");
        var gcse = report.Measures.Single(m => m.Code == "A2-03");

        var starts = gcse.Series.Where(p => p.NewSeries).Select(p => p.Period).ToList();
        Assert.Equal(["2019/20 academic", "2020/21 academic", "2021/22 academic", "2022/23 academic"], starts);
        Assert.Contains(gcse.Caveats, c => c.StartsWith("Series break from 2022/23 academic:", StringComparison.Ordinal));
        var chart = await ReportRenderer.RenderAsync<SeriesChart>(new Dictionary<string, object?> { ["Chart"] = ChartSeries.From("c", gcse) });
        Assert.Equal(4, CountOf(chart, "Series break: figures from"));
        Assert.Equal(5, CountOf(chart, "<polyline class=\"councilplan-chart__line\""));
    }

    [Fact]
    public async Task Report_IsAsAtTheQuarter_AndItsCommitmentsAreWhatThePortfolioAnswersFor()
    {
        var q2 = await data.BuildAsync("Economy and Regeneration");
        var q4 = await data.BuildAsync("economy-and-regeneration", "2023-24 Q4");

        Assert.All(q2.Measures.Where(m => m.Latest is not null), m => Assert.True(m.Latest!.PeriodEnd <= new DateOnly(2023, 9, 30), m.Code));
        Assert.All(q2.Measures, m => Assert.All(m.Previous, p => Assert.True(p.PeriodStart < m.Latest!.PeriodStart && p.PeriodEnd <= new DateOnly(2023, 9, 30))));
        Assert.True(q4.Measures.Sum(m => m.Series.Count) >= q2.Measures.Sum(m => m.Series.Count));
        Assert.Contains(q2.Commitments, c => c.Key == "weir-mill");
        Assert.Contains(q2.Commitments, c => c.Key == "stockport-interchange");
        Assert.Contains(q2.Commitments, c => c.Key == "cheadle-railway-station");
        Assert.Contains(q2.Commitments, c => c.Key == "the-workshop");
        Assert.DoesNotContain((await data.BuildAsync("finance-and-resources")).Commitments, c => c.Key == "weir-mill");
        Assert.Equal(["Jobs and investment", "Education and skills"], q2.Scope.Select(s => s.Row));
    }

    [Fact]
    public async Task Resources_HoldOnlyTheMoneyThePlanStates_AndEveryOtherLineAwaitsData()
    {
        var economy = await data.BuildAsync("economy-and-regeneration");
        var finance = await data.BuildAsync("finance-and-resources");

        var cheadle = economy.Resources.Capital.Single(c => c.Key == "cheadle-railway-station");
        Assert.Equal(13_900_000m, cheadle.FundingSecured);
        Assert.Null(cheadle.Budget);
        Assert.StartsWith("Council Plan 2023-24 text", cheadle.Source, StringComparison.Ordinal);
        var merseyway = finance.Resources.Capital.Single(c => c.Key == "merseyway-future-high-streets-fund");
        Assert.Equal(14_500_000m, merseyway.FundingSecured);
        Assert.Contains("Future High Streets Fund", merseyway.Source, StringComparison.Ordinal);
        Assert.True(economy.Resources.Capital.Single(c => c.Key == "weir-mill").AwaitingData);
        Assert.True(economy.Resources.Revenue!.AwaitingData);
        Assert.All(
            economy.Resources.Capital.Concat(finance.Resources.Capital).Where(c => c.Key is not ("cheadle-railway-station" or "merseyway-future-high-streets-fund")),
            c => Assert.True(c.AwaitingData, c.Key));
        var html = await ReportRenderer.DocumentAsync(economy, ReportProvenance.Draft);
        Assert.Contains("£13.9m", html, StringComparison.Ordinal);
        Assert.Contains("Awaiting data", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Workbook_Opens_AndItsMeasuresSheetHoldsTheFiguresAsNumbers()
    {
        var report = await data.BuildAsync("economy-and-regeneration");
        var bytes = ReportWorkbook.Write(report, ReportProvenance.Draft);

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbook = document.WorkbookPart!;
        var names = workbook.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ToList();
        Assert.Equal(["Summary", "Measures", "Exceptions", "Commitments", "Resources", "What changed"], names);
        var sheet = (WorksheetPart)workbook.GetPartById(workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == "Measures").Id!);
        var rows = sheet.Worksheet.Descendants<Row>().ToList();
        string Text(Cell c) => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "";
        var header = rows[0].Elements<Cell>().Select(Text).ToList();
        Assert.Equal(ReportWorkbook.MeasureColumns, header);
        var latestColumn = ReportWorkbook.ColumnName(header.IndexOf("Latest value"));
        Assert.NotEmpty(sheet.Worksheet.Descendants<Column>());

        var withFigures = report.Measures.Where(m => m.Latest?.Value is not null).ToList();
        Assert.NotEmpty(withFigures);
        foreach (var m in withFigures)
        {
            var row = rows.Single(r => r.Elements<Cell>().Any(c => c.CellReference!.Value!.StartsWith('A') && Text(c) == m.Code));
            var cell = row.Elements<Cell>().Single(c => c.CellReference!.Value == latestColumn + row.RowIndex!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(DocumentFormat.OpenXml.Spreadsheet.CellValues.Number, cell.DataType!.Value);
            Assert.Equal(m.Latest!.Value!.Value, double.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture), 9);
        }

        var a209 = rows.Single(r => r.Elements<Cell>().Any(c => Text(c) == "A2-09"));
        Assert.Contains(a209.Elements<Cell>(), c => c.DataType?.Value == DocumentFormat.OpenXml.Spreadsheet.CellValues.Number && c.CellValue!.Text == "1032");
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}

public sealed class SqliteStockportReportTests(SqliteStockport data) : StockportReportTests<SqliteStockport>(data);

public sealed class PostgresStockportReportTests(PostgresStockport data) : StockportReportTests<PostgresStockport>(data);

/// <summary>The PDF, printed by Chromium from the report's HTML, read back with pdftotext.</summary>
public sealed class ReportPdfTests(SqliteStockport data) : IClassFixture<SqliteStockport>
{
    [Fact]
    public async Task Pdf_IsTaggedWithTitleAndLanguage_AndItsTextHasThePortfolioTheHeadingsAndAKnownFigure()
    {
        var report = await data.BuildAsync("economy-and-regeneration");
        var file = await ReportFormats.RenderAsync(report, ReportProvenance.Draft, ReportFormat.Pdf);
        var path = Path.Combine(Path.GetTempPath(), $"councilplan-report-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, file.Content);
        try
        {
            var text = await Poppler.RunAsync("pdftotext", "-layout", path, "-");
            var info = await Poppler.RunAsync("pdfinfo", path);

            Assert.Equal("application/pdf", file.ContentType);
            Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(file.Content, 0, 5), StringComparison.Ordinal);
            Assert.Contains("Economy and Regeneration", text, StringComparison.Ordinal);
            foreach (var heading in new[] { "At a glance", "Measures", "Exceptions", "What is going well", "Commitments and schemes", "Resources", "What changed since the last report", "Latest", "Rating", "Direction", "Variation", "Target" })
            {
                Assert.Contains(heading, text, StringComparison.Ordinal);
            }

            // A known published figure: apprenticeship starts (A2-09), 1,032 per 100,000 in 2022/23.
            Assert.Contains("A2-09", text, StringComparison.Ordinal);
            Assert.Contains("1,032", text, StringComparison.Ordinal);
            Assert.Contains("£13.9m", text, StringComparison.Ordinal);
            Assert.Contains("Tagged:          yes", info, StringComparison.Ordinal);
            Assert.Contains("Title:           Economy and Regeneration: Portfolio Performance and Resource Report, 2023-24 Q2", info, StringComparison.Ordinal);
            Assert.Contains("/Lang", await PdfObjectsAsync(file.Content), StringComparison.Ordinal);

            // Charts are vectors: no page of the exceptions is an image.
            var images = await Poppler.RunAsync("pdfimages", "-list", path);
            Assert.True(images.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length <= 2, images);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The PDF's objects as text, inflating compressed object streams.</summary>
    private static async Task<string> PdfObjectsAsync(byte[] pdf)
    {
        var text = new System.Text.StringBuilder(System.Text.Encoding.Latin1.GetString(pdf));
        var raw = System.Text.Encoding.Latin1.GetString(pdf);
        for (var i = raw.IndexOf("stream", StringComparison.Ordinal); i >= 0; i = raw.IndexOf("stream", i + 6, StringComparison.Ordinal))
        {
            var start = raw.IndexOf('\n', i) + 1;
            var end = raw.IndexOf("endstream", start, StringComparison.Ordinal);
            if (start <= 0 || end < 0)
            {
                break;
            }

            try
            {
                await using var inflater = new System.IO.Compression.ZLibStream(new MemoryStream(pdf, start, end - start), System.IO.Compression.CompressionMode.Decompress);
                using var reader = new StreamReader(inflater, System.Text.Encoding.Latin1);
                text.Append(await reader.ReadToEndAsync());
            }
            catch (InvalidDataException)
            {
            }

            i = end;
        }

        return text.ToString();
    }
}
