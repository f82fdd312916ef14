using System.Globalization;
using CouncilPlan.Core.Measures;

namespace CouncilPlan.Core.Sources;

/// <summary>
/// DfE explore education statistics: a data set's CSV download, from the public API
/// (<c>data_set</c>: GET v1/data-sets/{dataSetId}/csv,
/// https://api.education.gov.uk/statistics/docs/reference-v1/endpoints/DownloadDataSetCsv/) or,
/// for a data set DfE has not put on the API, from the data catalogue (<c>catalogue_data_set</c>:
/// GET data-catalogue/data-set/{id}/csv on explore-education-statistics.service.gov.uk, the
/// download link on each data set's catalogue page).
/// </summary>
/// <remarks>
/// The CSV download is used rather than the JSON query endpoint: it is one GET with no request body,
/// it is read by the same streaming CSV reader as every other source, and its columns are the
/// explore education statistics data file standard (time_period, time_identifier, geographic_level,
/// country_code, region_code, new_la_code, then the data set's filters and indicators: DfE analysts'
/// guide, "Open data standards", https://dfe-analytical-services.github.io/analysts-guide/statistics-production/ud.html).
/// The documentation warns that the CSV's columns carry no backward compatibility guarantee, which
/// is why a missing column stops the refresh by name. A series names its indicator column as
/// <c>columns.value</c> and its filters under <c>filters</c>. Periods: time_period "202223" with
/// time_identifier "Academic year" is "2022/23"; "Financial year" and "Tax year" "2022-23";
/// "Calendar year" "2022"; "Reporting year" "2025" (to 31 March) "2024-25" for a financial-year measure.
/// The area is the code for the row's geographic_level. Withheld figures
/// are written as symbols (c confidential, low, u, x not available, z not applicable, and the older
/// ":" and "~": the same guide, "Symbols"), and are left out.
/// An API data set id stays the same from release to release (a version picks one); a catalogue id
/// names one release's file, so a series on a catalogue id must be moved to the next release's id
/// when DfE publishes it (docs/sources-file-format.md).
/// A metropolitan or unitary council is both a local authority and a local authority district, with
/// the same code: where a data set has rows at both levels, the local authority rows are read.
/// </remarks>
public sealed class EesConnector : SourceConnector
{
    private static readonly HashSet<string> Symbols = new(StringComparer.OrdinalIgnoreCase) { "c", "low", "u", "x", "z", ":", "~", "k" };

    private static readonly Dictionary<string, string> AreaColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["National"] = "country_code",
        ["Regional"] = "region_code",
        ["Local authority"] = "new_la_code",
        ["Local authority district"] = "lad_code",
    };

    public override string Name => "DfE explore education statistics";

    public override SourceService Service => SourceService.Ees;

    public override Uri DefaultBase { get; } = new("https://api.education.gov.uk/statistics/");

    /// <summary>Where the data catalogue's downloads are; a base address set for the service replaces this too.</summary>
    public static Uri CatalogueBase { get; } = new("https://explore-education-statistics.service.gov.uk/");

    protected override IReadOnlyDictionary<string, string> DefaultColumns { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [SourceColumns.Period] = "time_period",
    };

    public override Uri Url(SourceSeries series, Uri? baseUrl) =>
        series.Query.TryGetValue("catalogue_data_set", out var file)
            ? new(baseUrl ?? CatalogueBase, $"data-catalogue/data-set/{Uri.EscapeDataString(file)}/csv")
            : new(baseUrl ?? DefaultBase, $"v1/data-sets/{Uri.EscapeDataString(series.Query["data_set"])}/csv" + SourceQuery.Build(
                series.Query.TryGetValue("version", out var version) ? [("dataSetVersion", version)] : []));

    protected override Func<string[], string> PeriodReader(SourceTable table, int column, PeriodType? periodType, SourceSeries series)
    {
        var identifier = table.Require("time_identifier", "period");
        return cells =>
        {
            var period = SourceTable.Cell(cells, column);
            var kind = SourceTable.Cell(cells, identifier);
            if (period.Length == 4 && period.All(char.IsAsciiDigit))
            {
                return kind.ToUpperInvariant() switch
                {
                    // DfE's NEET "2026 Calendar year" is the average of the ends of December 2025,
                    // January and February 2026, for young people of academic age 16-17 in 2025/26
                    // (the publication's data guidance): a series says so with calendar_year.
                    "CALENDAR YEAR" when periodType == PeriodType.AcademicYear && series.CalendarYear == SourceColumns.AcademicYearEnding =>
                        $"{int.Parse(period, CultureInfo.InvariantCulture) - 1}/{period[2..]}",
                    "CALENDAR YEAR" => period,

                    // DfE's "Reporting year 2025" for children looked after and care leavers is the
                    // year to 31 March 2025 (their data guidance), the financial year 2024-25.
                    "REPORTING YEAR" when periodType == PeriodType.FinancialYear =>
                        $"{int.Parse(period, CultureInfo.InvariantCulture) - 1}-{period[2..]}",
                    _ => $"{period} {kind}",
                };
            }

            if (period.Length != 6 || !period.All(char.IsAsciiDigit))
            {
                return $"{period} {kind}".Trim();
            }

            return kind.ToUpperInvariant() switch
            {
                "ACADEMIC YEAR" => $"{period[..4]}/{period[4..]}",
                "FINANCIAL YEAR" or "TAX YEAR" => $"{period[..4]}-{period[4..]}",
                _ => $"{period} {kind}",
            };
        };
    }

    protected override Func<string[], string> AreaReader(SourceTable table, int? column, SourceSeries series)
    {
        if (column is { } chosen)
        {
            return cells => SourceTable.Cell(cells, chosen);
        }

        var level = table.Require("geographic_level", "area");
        var codes = AreaColumns.ToDictionary(a => a.Key, a => table.Find(a.Value), StringComparer.OrdinalIgnoreCase);
        if (table.Rows.Any(r => string.Equals(SourceTable.Cell(r.Cells, level), "Local authority", StringComparison.OrdinalIgnoreCase)))
        {
            codes.Remove("Local authority district");
        }

        return cells => codes.GetValueOrDefault(SourceTable.Cell(cells, level)) is { } c ? SourceTable.Cell(cells, c) : "";
    }

    protected override bool IsSuppressed(string cell, string? status) => cell.Length == 0 || Symbols.Contains(cell);
}
