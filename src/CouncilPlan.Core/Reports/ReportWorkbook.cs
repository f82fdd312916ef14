using System.Globalization;
using CouncilPlan.Core.Measures;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CouncilPlan.Core.Reports;

/// <summary>
/// The report as an .xlsx workbook, a sheet per section of the report in its order: a summary sheet,
/// the measures sheet (every figure a numeric cell with the measure's decimals, never text), the
/// exceptions (kind, reference, title, reasons), commitments (dates as dates), resources (amounts
/// in pounds as numbers) and what changed (figures as numbers). Counts are numbers too. Headers are bold and frozen, with filters and column widths set.
/// </summary>
public static class ReportWorkbook
{
    private const uint Text = 0;
    private const uint Header = 1;
    private const uint Wrapped = 2;
    private const uint Title = 3;
    private const uint Pounds = 4;
    private const uint DateStyle = 5;
    private const uint Integer = 6;

    /// <summary>The style for a number with 0 to 3 decimals: 6 to 9.</summary>
    private static uint NumberStyle(int decimals) => Integer + (uint)Math.Clamp(decimals, 0, 3);

    /// <summary>The measures sheet's columns, in order.</summary>
    public static IReadOnlyList<string> MeasureColumns { get; } =
    [
        "Reference", "Measure", "Kind", "Owner", "Frequency", "Unit",
        "Previous period 1", "Previous value 1", "Previous period 2", "Previous value 2", "Previous period 3", "Previous value 3", "Previous period 4", "Previous value 4",
        "Latest period", "Latest value", "Latest status", "Target period", "Target", "Tolerance", "RAG rating",
        "Direction: short term", "Direction: long term", "SPC variation", "SPC assurance", "Benchmark", "Benchmark value", "Benchmark comparison",
        "Masking", "Commentary quarter", "Commentary", "Corrective action", "Action owner", "Action due", "Data caveats",
    ];

    public static byte[] Write(PortfolioReport report, ReportProvenance provenance)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            document.PackageProperties.Title = report.Title;
            document.PackageProperties.Creator = report.CouncilName;
            document.PackageProperties.Language = "en-GB";
            document.PackageProperties.Subject = $"{report.PortfolioTitle}, {report.Quarter}";
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook(new Sheets());
            var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();

            var sheets = new List<(string Name, Sheet Content)>
            {
                ("Summary", SummarySheet(report, provenance)),
                ("Measures", MeasuresSheet(report)),
                ("Exceptions", ExceptionsSheet(report)),
                // "Commitments", "Actions": the council's word, without "and schemes" to keep the tab short.
                (report.DeliveryHeading.Replace(" and schemes", "", StringComparison.Ordinal), CommitmentsSheet(report)),
                ("Resources", ResourcesSheet(report)),
                ("What changed", ChangesSheet(report)),
            };
            uint id = 1;
            foreach (var (name, content) in sheets)
            {
                var part = workbookPart.AddNewPart<WorksheetPart>();
                part.Worksheet = content.Build();
                workbookPart.Workbook.Sheets!.Append(new DocumentFormat.OpenXml.Spreadsheet.Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = id++, Name = name });
            }

            workbookPart.Workbook.Save();
        }

        return stream.ToArray();
    }

    private static Sheet SummarySheet(PortfolioReport report, ReportProvenance provenance)
    {
        var sheet = new Sheet([34, 40, 14]);
        sheet.Row(Title, report.Title);
        sheet.Row(Text);
        sheet.Row(Text, "Council", report.CouncilName);
        sheet.Row(Text, "Plan", report.PlanName);
        sheet.Row(Text, report.ScopeLabel, report.PortfolioTitle);
        sheet.Row(Text, report.PeriodWord, report.Quarter);
        sheet.Add([Cell.Of($"{report.PeriodWord} ends"), Cell.Date(report.QuarterEnd)]);
        sheet.Row(Text, "Report", provenance.SnapshotId is { } sid
            ? $"Frozen snapshot {sid.ToString(CultureInfo.InvariantCulture)}, produced by {provenance.ProducedBy} on {ReportWords.DateTime(provenance.ProducedAt!.Value)}"
            : $"Draft, not frozen: built on {ReportWords.DateTime(report.BuiltAt)}");
        sheet.Row(Text, "Data", "Published figures only");
        sheet.Row(Text);
        foreach (var sentence in report.Summary.Sentences)
        {
            sheet.Row(Text, sentence);
        }

        void Counts(string heading, string what, IReadOnlyList<ReportCount> counts)
        {
            sheet.Row(Text);
            sheet.Row(Header, heading);
            sheet.Row(Header, what, "Meaning", "Number");
            foreach (var c in counts)
            {
                sheet.Add([Cell.Of(c.Label), Cell.Of(c.Meaning), Cell.Number(c.Count, Integer)]);
            }

            sheet.Add([Cell.Of("Total", Header), Cell.Of(""), Cell.Number(counts.Sum(c => c.Count), Integer)]);
        }

        Counts("Measures by RAG rating", "Rating", report.Summary.ByRag);
        Counts("Measures by SPC variation", "Variation", report.Summary.ByVariation);
        Counts($"{report.DeliveryHeading} by status", "Status", report.Summary.ByCommitmentStatus);
        sheet.Row(Text);
        sheet.Add([Cell.Of("Exceptions reported", Header), Cell.Of(""), Cell.Number(report.Exceptions.Count, Integer)]);
        foreach (var e in report.Exceptions)
        {
            sheet.Row(Wrapped, e.Kind == "Measure" ? $"{e.Reference} {e.Title}" : e.Title, string.Join(" ", e.Reasons));
        }

        return sheet;
    }

    private static Sheet MeasuresSheet(PortfolioReport report)
    {
        var widths = MeasureColumns.Select(c => c switch
        {
            "Measure" or "Commentary" or "Corrective action" or "Data caveats" => 48.0,
            "Reference" or "Kind" or "Frequency" or "Unit" or "Latest status" or "RAG rating" => 12.0,
            _ when c.StartsWith("Previous period", StringComparison.Ordinal) || c.EndsWith("period", StringComparison.Ordinal) => 16.0,
            _ when c.Contains("value", StringComparison.OrdinalIgnoreCase) || c == "Target" => 12.0,
            _ => 22.0,
        }).ToArray();
        var sheet = new Sheet(widths) { FreezeHeader = true };
        sheet.Row(Header, [.. MeasureColumns]);
        foreach (var m in report.Measures)
        {
            var style = NumberStyle(m.Decimals);
            var cells = new List<Cell> { Cell.Of(m.Code), Cell.Of(m.Title, Wrapped), Cell.Of(m.Kind), Cell.Of(m.Owner ?? ""), Cell.Of(m.Frequency), Cell.Of(m.UnitLabel ?? m.Unit.ToLowerInvariant()) };
            var previous = m.Previous.Reverse().ToList();
            for (var i = 0; i < 4; i++)
            {
                cells.Add(Cell.Of(i < previous.Count ? previous[i].Period : ""));
                cells.Add(i < previous.Count ? Cell.Number(previous[i].Value, style) : Cell.Of(""));
            }

            cells.Add(Cell.Of(m.Latest?.Period ?? ReportWords.AwaitingData));
            cells.Add(Cell.Number(m.Latest?.Value, style));
            cells.Add(Cell.Of(m.Latest is { } l ? ReportWords.ObservationStatus(l.Status) : ""));
            cells.Add(Cell.Of(m.TargetPeriod ?? ""));
            cells.Add(Cell.Number(m.Target, style));
            cells.Add(Cell.Of(m.Tolerance ?? ""));
            cells.Add(Cell.Of(MeasureWords.RagShort(m.Rag)));
            cells.Add(Cell.Of(MeasureWords.Direction(m.ShortTerm)));
            cells.Add(Cell.Of(MeasureWords.Direction(m.LongTerm)));
            cells.Add(Cell.Of(ReportWords.VariationShort(m.Variation)));
            cells.Add(Cell.Of(ReportWords.Assurance(m.Assurance)));
            cells.Add(Cell.Of(m.BenchmarkName ?? ""));
            cells.Add(Cell.Number(m.BenchmarkValue, style));
            cells.Add(Cell.Of(m.BenchmarkName is null ? "" : MeasureWords.Comparison(m.Comparison, m.BenchmarkName)));
            cells.Add(Cell.Of(m.Masked ? "Hides: " + string.Join(", ", m.MaskedGroups) : ""));
            cells.Add(Cell.Of(m.Commentary?.Quarter ?? ""));
            cells.Add(Cell.Of(m.Commentary?.Text ?? "", Wrapped));
            cells.Add(Cell.Of(m.Commentary?.CorrectiveAction ?? "", Wrapped));
            cells.Add(Cell.Of(m.Commentary?.CorrectiveActionOwner ?? ""));
            cells.Add(m.Commentary?.CorrectiveActionDue is { } due ? Cell.Date(due) : Cell.Of(""));
            cells.Add(Cell.Of(string.Join(" ", m.Caveats), Wrapped));
            sheet.Add(cells);
        }

        return sheet;
    }

    /// <summary>The exceptions' columns, in order.</summary>
    public static IReadOnlyList<string> ExceptionColumns { get; } = ["Kind", "Reference", "Title", "Reasons"];

    private static Sheet ExceptionsSheet(PortfolioReport report)
    {
        var sheet = new Sheet([14, 22, 48, 80]) { FreezeHeader = true };
        sheet.Row(Header, [.. ExceptionColumns]);
        var kinds = report.Commitments.GroupBy(c => c.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Kind, StringComparer.Ordinal);
        foreach (var e in report.Exceptions)
        {
            // A commitment's kind as the commitments sheet gives it ("Scheme"), a measure's as "Measure".
            var kind = e.Kind == "Measure" ? e.Kind : kinds.GetValueOrDefault(e.Reference, e.Kind);
            sheet.Add([Cell.Of(kind), Cell.Of(e.Reference), Cell.Of(e.Title, Wrapped), Cell.Of(string.Join(" ", e.Reasons), Wrapped)]);
        }

        return sheet;
    }

    private static Sheet CommitmentsSheet(PortfolioReport report)
    {
        var sheet = new Sheet([48, 30, 12, 28, 14, 16, 18, 14, 48]) { FreezeHeader = true };
        sheet.Row(Header, char.ToUpperInvariant(report.DeliveryWord[0]) + report.DeliveryWord[1..], "Part of", "Kind", "Date in the plan", "Due by", "Revised date", "Status", "Date missed", "Commentary");
        foreach (var c in report.Commitments)
        {
            sheet.Add([
                Cell.Of(c.Title, Wrapped), Cell.Of(c.Under, Wrapped), Cell.Of(c.Kind), Cell.Of(c.Due ?? ""),
                c.DueBy is { } by ? Cell.Date(by) : Cell.Of(""), c.RevisedDate is { } r ? Cell.Date(r) : Cell.Of(""),
                Cell.Of(ReportWords.CommitmentStatus(c.Status)), Cell.Of(c.MissedDate ? "Yes" : "No"), Cell.Of(c.Commentary ?? "", Wrapped),
            ]);
        }

        return sheet;
    }

    private static Sheet ResourcesSheet(PortfolioReport report)
    {
        var sheet = new Sheet([40, 12, 14, 16, 16, 16, 16, 16, 16, 16, 60]) { FreezeHeader = true };
        sheet.Row(Header, "Line", "Type", "As at", "Budget (£)", "Forecast (£)", "Variance (£)", "Spent to date (£)", "Savings target (£)", "Savings delivered (£)", "Funding secured (£)", "Source and notes");
        var lines = new List<(string Type, ReportResourceLine Line)>();
        if (report.Resources.Revenue is { } revenue)
        {
            lines.Add(("Revenue", revenue));
        }

        lines.AddRange(report.Resources.Capital.Select(c => ("Capital", c)));
        foreach (var (type, line) in lines)
        {
            sheet.Add([
                Cell.Of(line.Title, Wrapped), Cell.Of(type), Cell.Of(line.AsAt),
                Cell.Money(line.Budget), Cell.Money(line.Forecast), Cell.Money(line.Variance), Cell.Money(line.SpentToDate),
                Cell.Money(line.SavingsTarget), Cell.Money(line.SavingsDelivered), Cell.Money(line.FundingSecured),
                Cell.Of(string.Join(" ", new[] { line.AwaitingData ? "Awaiting data." : null, line.Source is { } s ? "Source: " + s + "." : null, line.Note }.OfType<string>()), Wrapped),
            ]);
        }

        sheet.Row(Text);
        sheet.Row(Text, "An empty amount is awaiting data: it is not zero.");
        return sheet;
    }

    private static Sheet ChangesSheet(PortfolioReport report)
    {
        var c = report.Changes;
        var sheet = new Sheet([14, 44, 20, 16, 16, 14, 14]);
        if (c.IsFirst)
        {
            sheet.Row(Text, $"This is the first report frozen for {report.ScopeNoun}.");
            return sheet;
        }

        sheet.Row(Text, $"Compared with report snapshot {c.PreviousSnapshotId!.Value.ToString(CultureInfo.InvariantCulture)} ({c.PreviousQuarter}, produced {ReportWords.DateTime(c.PreviousProducedAt!.Value)}).");
        var decimals = report.Measures.ToDictionary(m => m.Code, m => m.Decimals, StringComparer.Ordinal);
        sheet.Row(Text);
        sheet.Row(Header, "Change", "Measure or commitment", "Period", "Previously", "Now", "Old status", "New status");
        foreach (var f in c.RevisedFigures)
        {
            var style = NumberStyle(decimals.GetValueOrDefault(f.Code));
            sheet.Add([Cell.Of("Revised"), Cell.Of($"{f.Code} {f.Title}", Wrapped), Cell.Of(f.Period), Cell.Number(f.OldValue, style), Cell.Number(f.NewValue, style), Cell.Of(f.OldStatus ?? ""), Cell.Of(f.NewStatus)]);
        }

        foreach (var f in c.NewFigures)
        {
            sheet.Add([Cell.Of("New figure"), Cell.Of($"{f.Code} {f.Title}", Wrapped), Cell.Of(f.Period), Cell.Of(""), Cell.Number(f.NewValue, NumberStyle(decimals.GetValueOrDefault(f.Code))), Cell.Of(""), Cell.Of(f.NewStatus)]);
        }

        foreach (var s in c.StatusChanges)
        {
            sheet.Add([Cell.Of(s.Kind == "Measure" ? "Rating" : "Status"), Cell.Of(s.Kind == "Measure" ? $"{s.Key} {s.Title}" : s.Title, Wrapped), Cell.Of(""), Cell.Of(s.OldStatus), Cell.Of(s.NewStatus), Cell.Of(""), Cell.Of("")]);
        }

        foreach (var e in c.NewExceptions)
        {
            sheet.Add([Cell.Of("New exception"), Cell.Of(e.Kind == "Measure" ? $"{e.Reference} {e.Title}" : e.Title, Wrapped), Cell.Of(""), Cell.Of(""), Cell.Of(string.Join(" ", e.Reasons)), Cell.Of(""), Cell.Of("")]);
        }

        return sheet;
    }

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "#,##0" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "#,##0.0" },
            new NumberingFormat { NumberFormatId = 166, FormatCode = "#,##0.00" },
            new NumberingFormat { NumberFormatId = 167, FormatCode = "#,##0.000" },
            new NumberingFormat { NumberFormatId = 168, FormatCode = "\"£\"#,##0;\\-\"£\"#,##0" },
            new NumberingFormat { NumberFormatId = 169, FormatCode = "d mmmm yyyy" })
        { Count = 6 },
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Arial" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Arial" }),
            new Font(new Bold(), new FontSize { Val = 14 }, new FontName { Val = "Arial" }))
        { Count = 3 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat { FontId = 0 },
            new CellFormat { FontId = 1, ApplyFont = true, Alignment = new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }, ApplyAlignment = true },
            new CellFormat { FontId = 0, Alignment = new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }, ApplyAlignment = true },
            new CellFormat { FontId = 2, ApplyFont = true },
            new CellFormat { FontId = 0, NumberFormatId = 168, ApplyNumberFormat = true },
            new CellFormat { FontId = 0, NumberFormatId = 169, ApplyNumberFormat = true },
            new CellFormat { FontId = 0, NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { FontId = 0, NumberFormatId = 165, ApplyNumberFormat = true },
            new CellFormat { FontId = 0, NumberFormatId = 166, ApplyNumberFormat = true },
            new CellFormat { FontId = 0, NumberFormatId = 167, ApplyNumberFormat = true })
        { Count = 10 });

    /// <summary>A cell to write: inline text, or a number (a date is its serial number) with a style.</summary>
    private readonly record struct Cell(string? Text, double? Amount, uint Style)
    {
        public static Cell Of(string text, uint style = ReportWorkbook.Text) => new(text, null, style);

        public static Cell Number(double? value, uint style) => value is { } v ? new(null, v, style) : new("", null, ReportWorkbook.Text);

        public static Cell Money(decimal? amount) => amount is { } a ? new(null, (double)a, Pounds) : new("", null, ReportWorkbook.Text);

        public static Cell Date(DateOnly date) => new(null, date.ToDateTime(TimeOnly.MinValue).ToOADate(), DateStyle);
    }

    /// <summary>A worksheet built row by row.</summary>
    private sealed class Sheet(double[] widths)
    {
        private readonly List<List<Cell>> rows = [];

        public bool FreezeHeader { get; init; }

        public void Row(uint style, params string[] texts) => rows.Add(texts.Select(t => Cell.Of(t, style)).ToList());

        public void Add(IEnumerable<Cell> cells) => rows.Add(cells.ToList());

        public Worksheet Build()
        {
            var worksheet = new Worksheet();
            if (FreezeHeader)
            {
                worksheet.Append(new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 }));
            }

            var columns = new Columns();
            for (var i = 0; i < widths.Length; i++)
            {
                columns.Append(new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = widths[i], CustomWidth = true });
            }

            worksheet.Append(columns);
            var data = new SheetData();
            for (var r = 0; r < rows.Count; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Count; c++)
                {
                    var cell = rows[r][c];
                    var reference = ColumnName(c) + (r + 1).ToString(CultureInfo.InvariantCulture);
                    if (cell.Amount is { } number)
                    {
                        row.Append(new DocumentFormat.OpenXml.Spreadsheet.Cell { CellReference = reference, StyleIndex = cell.Style, DataType = CellValues.Number, CellValue = new CellValue(number) });
                    }
                    else if (cell.Text is { Length: > 0 } text)
                    {
                        row.Append(new DocumentFormat.OpenXml.Spreadsheet.Cell { CellReference = reference, StyleIndex = cell.Style, DataType = CellValues.InlineString, InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(Clean(text)) { Space = SpaceProcessingModeValues.Preserve }) });
                    }
                }

                data.Append(row);
            }

            worksheet.Append(data);
            if (FreezeHeader && rows.Count > 0 && rows[0].Count > 0)
            {
                worksheet.Append(new AutoFilter { Reference = $"A1:{ColumnName(rows[0].Count - 1)}{rows.Count.ToString(CultureInfo.InvariantCulture)}" });
            }

            return worksheet;
        }

        /// <summary>Text as a cell holds it: no characters XML cannot carry, at most Excel's 32,767.</summary>
        private static string Clean(string text)
        {
            var clean = new string(text.Where(ch => ch is '\t' or '\n' or '\r' || ch >= ' ').ToArray());
            return clean.Length > 32767 ? clean[..32767] : clean;
        }
    }

    /// <summary>A, B ... Z, AA, AB ...</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }
}
