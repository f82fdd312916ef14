namespace CouncilPlan.Core.Sources;

/// <summary>
/// A CSV or XLSX file at a URL, for publishers without an API: the series names every column it
/// uses, and for a workbook the sheet and the cell range whose first row is the header.
/// </summary>
public sealed class FileConnector : SourceConnector
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
        var format = series.Query.GetValueOrDefault("format")
            ?? (series.Query["url"].Split('?')[0].EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? "xlsx" : "csv");
        return format.ToUpperInvariant() switch
        {
            "XLSX" => SourceTable.ReadXlsx(body, where, series.Query.GetValueOrDefault("sheet"), series.Query.GetValueOrDefault("range")),
            "CSV" => SourceTable.ReadCsv(body, where, series.Filters),
            _ => throw new SourceRefreshException($"the series of {series.Measure} has query.format '{format}': use csv or xlsx"),
        };
    }
}
