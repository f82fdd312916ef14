using System.Globalization;
using System.Text;
using CouncilPlan.Core.Imports;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CouncilPlan.Core.Sources;

/// <summary>
/// A publisher's response as a table: its header and rows, each with the line (or spreadsheet row)
/// it came from, so an error can point at the publisher's own file.
/// </summary>
public sealed class SourceTable
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

    /// <summary>Reads one sheet of a workbook; the first row of <paramref name="range"/> (for example A5:F400) is the header.</summary>
    public static SourceTable ReadXlsx(Stream stream, string where, string? sheetName, string? range)
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
            var sheet = sheetName is null ? sheets.FirstOrDefault() : sheets.FirstOrDefault(s => string.Equals(s.Name?.Value, sheetName, StringComparison.OrdinalIgnoreCase));
            if (sheet?.Id?.Value is not { } id)
            {
                throw new SourceRefreshException($"{where} has no sheet '{sheetName}'; its sheets are: {string.Join(", ", sheets.Select(s => $"'{s.Name?.Value}'"))}");
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
}
