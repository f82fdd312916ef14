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
            "XLSX" => SourceTable.ReadXlsx(body, where, series.Query.GetValueOrDefault("sheet"), series.Query.GetValueOrDefault("range")),
            "ODS" => SourceTable.ReadOds(body, where, series.Query.GetValueOrDefault("sheet"), series.Query.GetValueOrDefault("range")),
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

    private static string Format(SourceSeries series)
    {
        var path = series.Query["url"].Split('?')[0];
        return series.Query.GetValueOrDefault("format")
            ?? (path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? "xlsx" : path.EndsWith(".ods", StringComparison.OrdinalIgnoreCase) ? "ods" : "csv");
    }

    [GeneratedRegex(@"^(?<month>[A-Za-z]{3})-(?<year>\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex ShortMonth();
}
