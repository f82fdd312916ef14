using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using CouncilPlan.Core.Imports;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CouncilPlan.Core.Sources;

/// <summary>
/// A publisher's response as a table: its header and rows, each with the line (or spreadsheet row)
/// it came from, so an error can point at the publisher's own file.
/// </summary>
public sealed partial class SourceTable
{
    private readonly Dictionary<string, int> index;

    private SourceTable(string where, IReadOnlyList<string> header, IReadOnlyList<(long Line, string[] Cells)> rows)
    {
        Where = where;
        Header = header;
        Rows = rows;
        index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            index.TryAdd(header[i].Trim(), i);
        }

        // A heading's note mark ("Local authority / region code [Note 5]") is renumbered from release
        // to release, so a column can be named without it.
        for (var i = 0; i < header.Count; i++)
        {
            index.TryAdd(NoteMark().Replace(header[i], "").Trim(), i);
        }
    }

    /// <summary>"the response from URL", for messages.</summary>
    public string Where { get; }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<(long Line, string[] Cells)> Rows { get; }

    /// <summary>The position of a column, or null when the response has none of that name.</summary>
    public int? Find(string column) => index.TryGetValue(column.Trim(), out var i) ? i : null;

    /// <summary>The position of a column the mapping needs: its absence means the publisher changed the format.</summary>
    public int Require(string column, string role) =>
        Find(column) ?? throw new SourceRefreshException(
            $"{Where} has no column '{column}' (for the {role}); its columns are: {string.Join(", ", Header.Select(h => $"'{h}'"))}. The publisher may have changed the format: check the series' columns in the sources file.");

    public static string Cell(string[] cells, int column) => column < cells.Length ? cells[column].Trim() : "";

    /// <summary>The column of a table with a column per period that holds each figure's period (its heading).</summary>
    public const string PeriodHeading = "(the period heading)";

    /// <summary>The column of a table with a column per period that holds the figure under each heading.</summary>
    public const string FigureUnderHeading = "(the figure under the period heading)";

    /// <summary>
    /// A table with a column per period (a year per column, as many published tables are) turned
    /// into a row per figure: the columns before <paramref name="firstPeriod"/> (or up to and including
    /// <paramref name="after"/>) stay as they are, and each heading from it on (up to <paramref name="endBefore"/>, a column such as "5-Year Average")
    /// becomes a row's period, with the figure under it. A row keeps the line it came from; empty
    /// headings (a spacer column) are left out, and so is a note mark ("Jan-26 [Note 16]"), which
    /// GOV.UK tables put in headings (Government Analysis Function, "Releasing statistics in
    /// spreadsheets": notes are referred to as [note N]).
    /// </summary>
    public SourceTable PeriodsAcross(string? firstPeriod, string? after, string? endBefore)
    {
        var at = firstPeriod is not null
            ? Require(firstPeriod, "first period heading")
            : Require(after ?? throw new ArgumentNullException(nameof(after)), "column the periods follow") + 1;
        var end = endBefore is null ? Header.Count : Require(endBefore, "column the periods end before");
        if (end <= at)
        {
            throw new SourceRefreshException($"{Where}: the column '{endBefore}' (which the periods end before) comes before the first period heading '{firstPeriod ?? Header.ElementAtOrDefault(at)}'");
        }

        var headings = Enumerable.Range(at, end - at).Where(i => Header[i].Trim().Length > 0).ToList();
        var header = Header.Take(at).Concat([PeriodHeading, FigureUnderHeading]).ToList();
        var rows = new List<(long Line, string[] Cells)>(Rows.Count * headings.Count);
        foreach (var (line, cells) in Rows)
        {
            foreach (var column in headings)
            {
                var row = new string[at + 2];
                for (var i = 0; i < at; i++)
                {
                    row[i] = i < cells.Length ? cells[i] : "";
                }

                row[at] = NoteMark().Replace(Header[column], "").Trim();
                row[at + 1] = Cell(cells, column);
                rows.Add((line, row));
            }
        }

        return new SourceTable(Where, header, rows);
    }

    /// <summary>
    /// Reads CSV (UTF-8, a byte-order mark allowed) with the importer's reader, which is kept on
    /// purpose (see CsvRecordReader). Rows that fail one of the series' <paramref name="filters"/>
    /// are dropped as they are read: DfE's data sets hold a row per pupil group (the key stage 4 one
    /// has 342,406 rows, 2024/25 release), of which a series keeps a few thousand.
    /// </summary>
    public static SourceTable ReadCsv(Stream stream, string where, IReadOnlyDictionary<string, string>? filters = null)
    {
        var csv = new CsvRecordReader(stream, bufferSize: 1 << 16);
        if (csv.ReadPreamble() is { } encoding)
        {
            throw new SourceRefreshException($"{where}: {encoding}");
        }

        string[]? header = null;
        List<(int Column, string Text)> kept = [];
        var rows = new List<(long, string[])>();
        while (csv.Read())
        {
            if (csv.RecordError is { } problem)
            {
                throw new SourceRefreshException($"{where}: line {csv.Line}: {problem}. The response is malformed or not CSV.");
            }

            if (csv.IsBlank)
            {
                continue;
            }

            if (header is not null && kept.Any(k => k.Column < csv.FieldCount && !string.Equals(Encoding.UTF8.GetString(csv.GetField(k.Column)).Trim(), k.Text, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var cells = new string[csv.FieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = Encoding.UTF8.GetString(csv.GetField(i));
            }

            if (header is null)
            {
                header = cells;

                // A filter column the response lacks is left for the connector to report by name.
                var named = new SourceTable(where, header, []);
                kept = (filters ?? new Dictionary<string, string>()).Select(f => (Column: named.Find(f.Key), Text: f.Value)).Where(f => f.Column is not null).Select(f => (f.Column!.Value, f.Text)).ToList();
            }
            else
            {
                rows.Add((csv.Line, cells));
            }
        }

        return header is null
            ? throw new SourceRefreshException($"{where} is empty: expected CSV with a header row")
            : new SourceTable(where, header, rows);
    }

    /// <summary>
    /// Reads one sheet of a workbook; the first row of <paramref name="range"/> (for example A5:F400)
    /// is the header. The sheet is named, or given by its place (<paramref name="sheetNumber"/>, 1 the
    /// first) for a publisher whose sheet names are not known; by default the first.
    /// </summary>
    public static SourceTable ReadXlsx(Stream stream, string where, string? sheetName, string? range, int? sheetNumber = null)
    {
        SpreadsheetDocument document;
        try
        {
            document = SpreadsheetDocument.Open(stream, false);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException)
        {
            throw new SourceRefreshException($"{where} is not an XLSX workbook: {e.Message}", e);
        }

        using (document)
        {
            var workbook = document.WorkbookPart ?? throw new SourceRefreshException($"{where} is a package with no workbook in it");
            var sheets = workbook.Workbook.Sheets?.Elements<Sheet>().ToList() ?? [];
            var sheet = sheetNumber is { } n ? sheets.ElementAtOrDefault(n - 1)
                : sheetName is null ? sheets.FirstOrDefault()
                : sheets.FirstOrDefault(s => string.Equals(s.Name?.Value, sheetName, StringComparison.OrdinalIgnoreCase));
            if (sheet?.Id?.Value is not { } id)
            {
                throw new SourceRefreshException($"{where} has no {SheetWanted(sheetName, sheetNumber)}; its sheets are: {string.Join(", ", sheets.Select(s => $"'{s.Name?.Value}'"))}");
            }

            var strings = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
            var (firstColumn, firstRow, lastColumn, lastRow) = ParseRange(range, where);
            var part = (WorksheetPart)workbook.GetPartById(id);
            var table = new List<(long Line, string[] Cells)>();
            foreach (var row in part.Worksheet.Descendants<Row>())
            {
                var number = (long)(row.RowIndex?.Value ?? 0);
                if (number < firstRow || number > lastRow)
                {
                    continue;
                }

                var cells = new string[lastColumn == int.MaxValue ? 0 : lastColumn - firstColumn + 1];
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = ColumnOf(cell.CellReference?.Value ?? "");
                    if (column < firstColumn || column > lastColumn)
                    {
                        continue;
                    }

                    var at = column - firstColumn;
                    if (at >= cells.Length)
                    {
                        Array.Resize(ref cells, at + 1);
                    }

                    cells[at] = Text(cell, strings);
                }

                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] ??= "";
                }

                table.Add((number, cells));
            }

            if (table.Count == 0)
            {
                throw new SourceRefreshException($"{where}: sheet '{sheet.Name?.Value}' has nothing in {range ?? "it"}");
            }

            return new SourceTable($"{where} (sheet '{sheet.Name?.Value}')", table[0].Cells, table.Skip(1).Where(r => r.Cells.Any(c => c.Length > 0)).ToList());
        }
    }

    /// <summary>
    /// Reads one sheet of an OpenDocument spreadsheet (ODS), the format GOV.UK's statistics are
    /// published in (Government Analysis Function, "Releasing statistics in spreadsheets"), with the
    /// same sheet and range as a workbook. The file is read as it streams: a sheet often ends with a
    /// row repeated a million times, which is counted, never built.
    /// </summary>
    /// <remarks>
    /// OpenDocument 1.3 part 3, section 9.1: rows and cells carry <c>number-rows-repeated</c> and
    /// <c>number-columns-repeated</c>; a covered cell (under a merged one) still takes its column; a
    /// number's exact value is <c>office:value</c>, whatever its display rounds it to; a percentage's
    /// value is a fraction (0.433 shows as 43.3%), read as a workbook's is: the series' <c>scale</c>
    /// says to multiply. Text is the cell's paragraphs, with <c>text:s</c> spaces.
    /// </remarks>
    public static SourceTable ReadOds(Stream stream, string where, string? sheetName, string? range, int? sheetNumber = null)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new SourceRefreshException($"{where} is not an ODS spreadsheet (not a zip package): {e.Message}", e);
        }

        using (zip)
        {
            var content = zip.GetEntry("content.xml") ?? throw new SourceRefreshException($"{where} is a zip package with no content.xml: not an ODS spreadsheet");
            var (firstColumn, firstRow, lastColumn, lastRow) = ParseRange(range, where);
            var sheets = new List<string>();
            using var xml = XmlReader.Create(content.Open(), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreWhitespace = false });
            try
            {
                while (xml.ReadToFollowing("table", TableNs))
                {
                    var name = xml.GetAttribute("name", TableNs) ?? "";
                    sheets.Add(name);
                    var wanted = sheetNumber is { } n ? sheets.Count == n
                        : sheetName is null ? sheets.Count == 1
                        : string.Equals(name, sheetName, StringComparison.OrdinalIgnoreCase);
                    if (!wanted)
                    {
                        Consume(xml);
                        continue;
                    }

                    var table = OdsRows(xml.ReadSubtree(), firstColumn, firstRow, lastColumn, lastRow);
                    if (table.Count == 0)
                    {
                        throw new SourceRefreshException($"{where}: sheet '{name}' has nothing in {range ?? "it"}");
                    }

                    return new SourceTable($"{where} (sheet '{name}')", table[0].Cells, table.Skip(1).Where(r => r.Cells.Any(c => c.Length > 0)).ToList());
                }
            }
            catch (XmlException e)
            {
                throw new SourceRefreshException($"{where}: its content.xml is not well-formed ({e.Message}): not an ODS spreadsheet, or a damaged one", e);
            }
            catch (InvalidDataException e)
            {
                throw new SourceRefreshException($"{where}: its content.xml cannot be unpacked ({e.Message}): the file is damaged or cut short", e);
            }

            throw new SourceRefreshException($"{where} has no {SheetWanted(sheetName, sheetNumber)}; its sheets are: {string.Join(", ", sheets.Select(s => $"'{s}'"))}");
        }
    }

    private static string SheetWanted(string? sheetName, int? sheetNumber) =>
        sheetNumber is { } n ? $"sheet number {n} (sheet_number)" : $"sheet '{sheetName}'";

    private const string TableNs = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
    private const string OfficeNs = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
    private const string TextNs = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";

    private static List<(long Line, string[] Cells)> OdsRows(XmlReader sheet, int firstColumn, long firstRow, int lastColumn, long lastRow)
    {
        var table = new List<(long Line, string[] Cells)>();
        long number = 0;
        using (sheet)
        {
            while (sheet.Read() && number < lastRow)
            {
                if (sheet.NodeType != XmlNodeType.Element || sheet.NamespaceURI != TableNs || sheet.LocalName != "table-row")
                {
                    continue;
                }

                var repeated = Repeat(sheet.GetAttribute("number-rows-repeated", TableNs));
                if (number + repeated < firstRow)
                {
                    number += repeated;
                    Consume(sheet);
                    continue;
                }

                var cells = OdsCells(sheet, firstColumn, lastColumn);

                // A row repeated to the sheet's end (often a million empty ones) is counted, not built;
                // empty rows are left out, as a workbook leaves them out, so the header is the range's
                // first row with something in it.
                if (cells.Length == 0)
                {
                    number += repeated;
                    continue;
                }

                for (long i = 0; i < repeated && number < lastRow; i++)
                {
                    number++;
                    if (number >= firstRow)
                    {
                        table.Add((number, cells));
                    }
                }
            }
        }

        return table;
    }

    /// <summary>The cells of the row the reader is on, from <paramref name="firstColumn"/> to <paramref name="lastColumn"/>; trailing empty cells dropped.</summary>
    private static string[] OdsCells(XmlReader reader, int firstColumn, int lastColumn)
    {
        var cells = new List<string>();
        if (reader.IsEmptyElement)
        {
            return [];
        }

        long column = 0;
        long emptyPending = 0;
        using (var row = reader.ReadSubtree())
        {
            row.Read();
            while (row.Read() && column < lastColumn)
            {
                if (row.NodeType != XmlNodeType.Element || row.NamespaceURI != TableNs || row.LocalName is not ("table-cell" or "covered-table-cell"))
                {
                    continue;
                }

                var repeated = Repeat(row.GetAttribute("number-columns-repeated", TableNs));
                var text = OdsCellText(row);
                var from = Math.Max(column + 1, firstColumn);
                var to = Math.Min(column + repeated, lastColumn);
                column += repeated;
                if (to < from)
                {
                    continue;
                }

                // Empty cells are only written out when something follows them: a sheet's last cell is
                // often repeated to column 16384.
                if (text.Length == 0)
                {
                    emptyPending += to - from + 1;
                    continue;
                }

                cells.AddRange(Enumerable.Repeat("", (int)emptyPending));
                emptyPending = 0;
                cells.AddRange(Enumerable.Repeat(text, (int)(to - from + 1)));
            }
        }

        return [.. cells];
    }

    /// <summary>A cell's figure or text, leaving the reader on the cell's end.</summary>
    private static string OdsCellText(XmlReader cell)
    {
        var type = cell.GetAttribute("value-type", OfficeNs);
        var value = cell.GetAttribute("value", OfficeNs);
        var text = new StringBuilder();
        if (!cell.IsEmptyElement)
        {
            var paragraphs = 0;
            using var inner = cell.ReadSubtree();
            inner.Read();
            while (inner.Read())
            {
                if (inner.NodeType == XmlNodeType.Element && inner.NamespaceURI == TextNs && inner.LocalName is "p" or "h")
                {
                    if (paragraphs++ > 0)
                    {
                        text.Append('\n');
                    }
                }
                else if (inner.NodeType == XmlNodeType.Element && inner.NamespaceURI == TextNs && inner.LocalName == "s")
                {
                    text.Append(' ', (int)Math.Min(Repeat(inner.GetAttribute("c", TextNs)), 1024));
                }
                else if (inner.NodeType == XmlNodeType.Element && inner.NamespaceURI == TextNs && inner.LocalName is "tab")
                {
                    text.Append('\t');
                }
                else if (inner.NodeType == XmlNodeType.Element && inner.NamespaceURI == TextNs && inner.LocalName is "line-break")
                {
                    text.Append('\n');
                }
                else if (inner.NodeType == XmlNodeType.Element && ((inner.NamespaceURI == OfficeNs && inner.LocalName == "annotation") || (inner.NamespaceURI == TextNs && inner.LocalName == "note")))
                {
                    // A comment on the cell, or a footnote, is not its content.
                    Consume(inner);
                }
                else if (inner.NodeType is XmlNodeType.Text or XmlNodeType.SignificantWhitespace)
                {
                    text.Append(inner.Value);
                }
            }
        }

        return type switch
        {
            "float" or "currency" or "percentage" when value is not null => value,
            _ => text.ToString(),
        };
    }

    /// <summary>Reads past the element the reader is on, leaving it on the element's end, so the next Read() is its next sibling.</summary>
    private static void Consume(XmlReader reader)
    {
        if (!reader.IsEmptyElement)
        {
            using var inner = reader.ReadSubtree();
            while (inner.Read())
            {
            }
        }
    }

    private static long Repeat(string? attribute) =>
        long.TryParse(attribute, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;

    private static string Text(Cell cell, List<string> strings)
    {
        var raw = cell.CellValue?.Text ?? cell.InnerText;
        if (cell.DataType?.Value == CellValues.SharedString && int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i < strings.Count)
        {
            return strings[i];
        }

        return cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText ?? "" : raw;
    }

    private static (int FirstColumn, long FirstRow, int LastColumn, long LastRow) ParseRange(string? range, string where)
    {
        if (string.IsNullOrWhiteSpace(range))
        {
            return (1, 1, int.MaxValue, long.MaxValue);
        }

        var parts = range.Split(':');
        if (parts.Length != 2 || Split(parts[0]) is not { } from || Split(parts[1]) is not { } to)
        {
            throw new SourceRefreshException($"{where}: the range '{range}' is not a cell range such as A5:F400");
        }

        return (from.Column, from.Row, to.Column, to.Row);

        static (int Column, long Row)? Split(string reference)
        {
            var letters = reference.TakeWhile(char.IsAsciiLetter).Count();
            return letters > 0 && long.TryParse(reference.AsSpan(letters), NumberStyles.None, CultureInfo.InvariantCulture, out var row)
                ? (ColumnOf(reference), row)
                : null;
        }
    }

    private static int ColumnOf(string reference)
    {
        var column = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetter))
        {
            column = (column * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return column;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\s*\[note\s*\d+\]", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex NoteMark();
}
