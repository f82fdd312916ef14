using System.Globalization;
using System.Text.RegularExpressions;
using CouncilPlan.Core.Measures;

namespace CouncilPlan.Core.Sources;

/// <summary>
/// A CSV, XLSX or ODS file at a URL, for publishers without an API: the series names every column
/// it uses, and for a spreadsheet the sheet and the cell range whose first row is the header.
/// </summary>
public sealed partial class FileConnector : SourceConnector
{
    public override string Name => "a file at a URL";

    public override SourceService Service => SourceService.File;

    /// <summary>Unused: a file's address is its own. An override replaces the address's scheme, host and port.</summary>
    public override Uri DefaultBase { get; } = new("https://localhost/");

    protected override IReadOnlyDictionary<string, string> DefaultColumns { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public override Uri Url(SourceSeries series, Uri? baseUrl)
    {
        if (!Uri.TryCreate(series.Query["url"], UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
        {
            throw new SourceRefreshException($"the series of {series.Measure} has query.url '{series.Query["url"]}', which is not an http or https address");
        }

        return baseUrl is null ? url : new Uri(baseUrl, url.PathAndQuery);
    }

    /// <summary>
    /// For a month measure, a month as GOV.UK tables head their columns, "Jan-26", is January 2026
    /// (DfT's electric vehicle charging device tables). A two-digit year is taken as 20YY: these are
    /// statistics of this century. Anything else is passed on as written, for the importer to read.
    /// </summary>
    protected override Func<string[], string> PeriodReader(SourceTable table, int column, PeriodType? periodType, SourceSeries series)
    {
        if (periodType == PeriodType.FinancialQuarter)
        {
            return cells => CalendarQuarter(SourceTable.Cell(cells, column));
        }

        if (periodType != PeriodType.Month)
        {
            return cells => SourceTable.Cell(cells, column);
        }

        return cells =>
        {
            var text = SourceTable.Cell(cells, column);
            return ShortMonth().Match(text) is { Success: true } m
                && DateTime.TryParseExact(m.Groups["month"].Value, "MMM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
                    ? $"20{m.Groups["year"].Value}-{month.Month:D2}"
                    : text;
        };
    }

    /// <summary>
    /// An empty cell, or one of the symbols GOV.UK tables put in a cell in place of a figure, in square
    /// brackets: [x] not available, [c] confidential, [z] not applicable, [u] low reliability, [low]
    /// rounds to zero, and the like (Government Analysis Function, "Symbols in tables, definitions and
    /// help"). Anything else that is not a number stops the refresh, naming line and column.
    /// </summary>
    protected override bool IsSuppressed(string cell, string? status) =>
        cell.Length == 0 || (cell.Length is >= 3 and <= 6 && cell[0] == '[' && cell[^1] == ']' && cell[1..^1].All(char.IsAsciiLetter));

    /// <summary>A file has no status convention of its own: a status column mapped by the series may say "provisional" or "revised" in words.</summary>
    protected override string? StatusOf(string? status) =>
        status?.Trim().ToUpperInvariant() switch
        {
            "PROVISIONAL" => "provisional",
            "REVISED" => "revised",
            _ => null,
        };

    public override SourceTable Read(Stream body, string where, SourceSeries series)
    {
        var format = Format(series);
        return format.ToUpperInvariant() switch
        {
            "XLSX" => SourceTable.ReadXlsx(body, where, series.Query.GetValueOrDefault("sheet"), series.Query.GetValueOrDefault("range"), SheetNumber(series)),
            "ODS" => SourceTable.ReadOds(body, where, series.Query.GetValueOrDefault("sheet"), series.Query.GetValueOrDefault("range"), SheetNumber(series)),
            "CSV" => SourceTable.ReadCsv(body, where, series.Filters),
            _ => throw new SourceRefreshException($"{where}: the series of {series.Measure} has query.format '{format}': use csv, xlsx or ods"),
        };
    }

    /// <summary>
    /// Publishers move a table's file with each release while the page about it stays, so the page's
    /// address is an easy mistake.
    /// </summary>
    protected override string WebPageAdvice(SourceSeries series)
    {
        var format = Format(series);
        return $"not {(format.Equals("csv", StringComparison.OrdinalIgnoreCase) ? "a" : "an")} {format.ToUpperInvariant()} file: the series' query.url is probably the publisher's page about the table. Put the address of the file itself (its download link on that page) in the sources file";
    }

    /// <summary>A sheet given by its place (1 the first), for a workbook whose sheet names are not known; checked when the sources file is read.</summary>
    private static int? SheetNumber(SourceSeries series) =>
        series.Query.TryGetValue("sheet_number", out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : null;

    private static string Format(SourceSeries series)
    {
        var path = series.Query["url"].Split('?')[0];
        return series.Query.GetValueOrDefault("format")
            ?? (path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? "xlsx" : path.EndsWith(".ods", StringComparison.OrdinalIgnoreCase) ? "ods" : "csv");
    }

    /// <summary>
    /// For a financial-quarter measure, a calendar quarter written "2024/1" (year, slash, quarter 1 to
    /// 4, as MHCLG's energy performance certificate live tables write them: quarter 1 is January to
    /// March) is the financial year's quarter it falls in: 2024/1 is 2023-24 Q4, 2024/2 is 2024-25 Q1.
    /// A financial year written "2024/25" has two digits after the slash and is passed on as written.
    /// </summary>
    internal static string CalendarQuarter(string text)
    {
        if (SlashQuarter().Match(text) is not { Success: true } m)
        {
            return text;
        }

        var year = int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);
        var quarter = m.Groups["quarter"].Value[0] - '0';
        var start = quarter == 1 ? year - 1 : year;
        return string.Create(CultureInfo.InvariantCulture, $"{start}-{(start + 1) % 100:D2} Q{(quarter == 1 ? 4 : quarter - 1)}");
    }

    [GeneratedRegex(@"^(?<year>\d{4})/(?<quarter>[1-4])$", RegexOptions.CultureInvariant)]
    private static partial Regex SlashQuarter();

    [GeneratedRegex(@"^(?<month>[A-Za-z]{3})-(?<year>\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex ShortMonth();
}
