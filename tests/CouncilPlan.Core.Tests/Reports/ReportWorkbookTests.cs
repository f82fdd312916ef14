using System.Globalization;
using CouncilPlan.Core.Reports;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CouncilPlan.Core.Tests.Reports;

/// <summary>
/// The workbook read back with DocumentFormat.OpenXml: a sheet per section in the report's order,
/// and every figure, count, amount and date a numeric cell, never text.
/// </summary>
public sealed class ReportWorkbookTests(SqliteStockport data) : IClassFixture<SqliteStockport>
{
    [Fact]
    public async Task Workbook_HasASheetPerSection_InTheReportsOrder_AndTheExceptionsSheetListsEveryException()
    {
        var report = await data.BuildAsync("economy-and-regeneration");
        Assert.NotEmpty(report.Exceptions);

        using var document = Open(report);
        Assert.Equal(["Summary", "Measures", "Exceptions", "Commitments", "Resources", "What changed"], SheetNames(document));

        var rows = Grid(document, "Exceptions");
        Assert.Equal(["Kind", "Reference", "Title", "Reasons"], rows[0].Select(c => c.Text));
        Assert.Equal(ReportWorkbook.ExceptionColumns, rows[0].Select(c => c.Text));
        Assert.Equal(report.Exceptions.Count, rows.Count - 1);
        for (var i = 0; i < report.Exceptions.Count; i++)
        {
            var e = report.Exceptions[i];
            var row = rows[i + 1];
            Assert.Equal(e.Kind == "Measure" ? "Measure" : report.Commitments.Single(c => c.Key == e.Reference).Kind, row[0].Text);
            Assert.Equal(e.Reference, row[1].Text);
            Assert.Equal(e.Title, row[2].Text);
            Assert.Equal(string.Join(" ", e.Reasons), row[3].Text);
        }
    }

    [Fact]
    public async Task EveryFigureCountAmountAndDate_IsANumericCell()
    {
        var report = await data.BuildAsync("economy-and-regeneration");
        using var document = Open(report);

        // Measures: every value, target and benchmark, and the corrective action's date.
        var measures = Grid(document, "Measures");
        string[] figures = ["Previous value 1", "Previous value 2", "Previous value 3", "Previous value 4", "Latest value", "Target", "Benchmark value", "Action due"];
        var numbers = AllNumeric(measures, figures);
        var expected = report.Measures.Sum(m => m.Previous.Count(v => v.Value is not null) + (m.Latest?.Value is null ? 0 : 1) + (m.Target is null ? 0 : 1)
            + (m.BenchmarkValue is null ? 0 : 1) + (m.Commentary?.CorrectiveActionDue is null ? 0 : 1));
        Assert.True(expected > 0);
        Assert.Equal(expected, numbers);

        // Commitments: the dates they are due by and revised to.
        var commitments = Grid(document, "Commitments");
        Assert.Equal(report.Commitments.Count(c => c.DueBy is not null) + report.Commitments.Count(c => c.RevisedDate is not null), AllNumeric(commitments, ["Due by", "Revised date"]));
        var firstDue = report.Commitments.Select((c, i) => (c, i)).FirstOrDefault(x => x.c.DueBy is not null);
        if (firstDue.c is { DueBy: { } dueBy })
        {
            var cell = commitments[firstDue.i + 1][Column(commitments, "Due by")];
            Assert.Equal(dueBy.ToDateTime(TimeOnly.MinValue).ToOADate(), double.Parse(cell.Text, CultureInfo.InvariantCulture));
        }

        // Resources: every amount in pounds.
        var resources = Grid(document, "Resources");
        var lines = report.Resources.Capital.Prepend(report.Resources.Revenue).OfType<ReportResourceLine>().ToList();
        var amounts = lines.Sum(l => new[] { l.Budget, l.Forecast, l.Variance, l.SpentToDate, l.SavingsTarget, l.SavingsDelivered, l.FundingSecured }.Count(a => a is not null));
        Assert.True(amounts > 0);
        Assert.Equal(amounts, AllNumeric(resources, resources[0].Where(c => c.Text.EndsWith("(£)", StringComparison.Ordinal)).Select(c => c.Text).ToArray()));

        // Summary: the counts, and the day the period ends.
        var summary = Grid(document, "Summary");
        var counted = summary.Where(r => r.Count == 3 && r[2].Type == CellValues.Number).ToList();
        Assert.Equal(report.Summary.ByRag.Count + report.Summary.ByVariation.Count + report.Summary.ByCommitmentStatus.Count + 3 + 1, counted.Count);
        Assert.All(summary.Where(r => r.Count == 3 && r[0].Text == "Total"), r => Assert.Equal(CellValues.Number, r[2].Type));
        var exceptions = summary.Single(r => r.Count > 0 && r[0].Text == "Exceptions reported");
        Assert.Equal(CellValues.Number, exceptions[2].Type);
        Assert.Equal(report.Exceptions.Count.ToString(CultureInfo.InvariantCulture), exceptions[2].Text);
        var ends = summary.Single(r => r.Count > 0 && r[0].Text.EndsWith(" ends", StringComparison.Ordinal));
        Assert.Equal(CellValues.Number, ends[1].Type);
        Assert.Equal(report.QuarterEnd.ToDateTime(TimeOnly.MinValue).ToOADate(), double.Parse(ends[1].Text, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task WhatChanged_GivesRevisedAndNewFiguresAsNumbers()
    {
        var built = await data.BuildAsync("economy-and-regeneration");
        var m = built.Measures.First(m => m.Latest?.Value is not null);
        var report = built with
        {
            Changes = new ReportChanges(7, "2023-24 Q1", new DateTimeOffset(2023, 7, 20, 9, 0, 0, TimeSpan.Zero),
                [new ReportFigureChange(m.Code, m.Title, "2023-24 Q1", null, 12.5, null, "Final")],
                [new ReportFigureChange(m.Code, m.Title, "2022-23", 10, 11.25, "Provisional", "Final")],
                [new ReportStatusChange("Measure", m.Code, m.Title, "Green", "Red")],
                []),
        };

        using var document = Open(report);
        var rows = Grid(document, "What changed");
        var header = rows.FindIndex(r => r.Count > 0 && r[0].Text == "Change");
        Assert.True(header > 0);
        var revised = rows.Single(r => r.Count > 0 && r[0].Text == "Revised");
        var added = rows.Single(r => r.Count > 0 && r[0].Text == "New figure");
        var previously = Column(rows, "Previously", header);
        var now = Column(rows, "Now", header);
        foreach (var (cell, value) in new[] { (revised[previously], 10), (revised[now], 11.25), (added[now], 12.5) })
        {
            Assert.Equal(CellValues.Number, cell.Type);
            Assert.Equal(value, double.Parse(cell.Text, CultureInfo.InvariantCulture));
        }
    }

    private static SpreadsheetDocument Open(PortfolioReport report) =>
        SpreadsheetDocument.Open(new MemoryStream(ReportWorkbook.Write(report, ReportProvenance.Draft)), false);

    private static List<string> SheetNames(SpreadsheetDocument document) =>
        document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToList();

    /// <summary>A cell read back: its text (a number's as written) and data type; an absent cell is empty text.</summary>
    private sealed record Read(string Text, CellValues? Type);

    /// <summary>A sheet's rows, each a list of cells from column A, filling gaps with empty cells.</summary>
    private static List<List<Read>> Grid(SpreadsheetDocument document, string name)
    {
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        var rows = new List<List<Read>>();
        foreach (var row in part.Worksheet.Descendants<Row>())
        {
            while (rows.Count < row.RowIndex!.Value - 1)
            {
                rows.Add([]);
            }

            var cells = new List<Read>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = ColumnIndex(cell.CellReference!.Value!);
                while (cells.Count < column)
                {
                    cells.Add(new Read("", null));
                }

                cells.Add(new Read(cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? "", cell.DataType?.Value));
            }

            rows.Add(cells);
        }

        return rows;
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var ch in reference.TakeWhile(char.IsLetter))
        {
            index = (index * 26) + (ch - 'A' + 1);
        }

        return index - 1;
    }

    private static int Column(List<List<Read>> rows, string heading, int header = 0)
    {
        var index = rows[header].FindIndex(c => c.Text == heading);
        Assert.True(index >= 0, $"no column {heading}");
        return index;
    }

    /// <summary>Asserts every non-empty cell under the headings (in the first row) is a number, and counts them.</summary>
    private static int AllNumeric(List<List<Read>> rows, string[] headings)
    {
        Assert.NotEmpty(headings);
        var count = 0;
        foreach (var heading in headings)
        {
            var column = Column(rows, heading);
            foreach (var row in rows.Skip(1).Where(r => r.Count > column && r[column].Text.Length > 0))
            {
                Assert.True(row[column].Type == CellValues.Number, $"{heading} holds text: {row[column].Text}");
                Assert.True(double.TryParse(row[column].Text, NumberStyles.Float, CultureInfo.InvariantCulture, out _), row[column].Text);
                count++;
            }
        }

        return count;
    }
}
