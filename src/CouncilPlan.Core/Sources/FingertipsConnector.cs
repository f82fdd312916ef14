using System.Text.RegularExpressions;
using CouncilPlan.Core.Measures;

namespace CouncilPlan.Core.Sources;

/// <summary>
/// OHID Fingertips: one indicator's data for every area of a type, as CSV
/// (GET api/all_data/csv/by_indicator_id, https://fingertips.phe.org.uk/api#!/Data/Data_GetDataFileForOneIndicator;
/// the columns are described at https://fingertips.phe.org.uk/documents/fingertips_api_guide.pdf).
/// </summary>
/// <remarks>
/// A row is the whole population when its Category Type is empty and its Sex is "Persons";
/// otherwise its breakdown label is the Sex ("Male", "Female"), or "Category Type: Category" for
/// the deprivation and ethnicity breakdowns, which a series maps to the catalogue's breakdowns. A
/// figure withheld for disclosure control has an empty Value (and says why in Value note).
/// Fingertips writes periods as "2021/22", "2022" or "2018 - 20"; the first two are the importer's
/// financial-year (or academic-year) and calendar-year forms. A pooled period such as "2018 - 20"
/// is the three-calendar-years period "2018-20" for a measure of that type; for any other type it
/// is passed on as written, so the importer refuses it by the publisher's own name.
/// </remarks>
public sealed partial class FingertipsConnector : SourceConnector
{
    public override string Name => "OHID Fingertips";

    public override SourceService Service => SourceService.Fingertips;

    public override Uri DefaultBase { get; } = new("https://fingertips.phe.org.uk/");

    protected override string TotalLabel => "Persons";

    protected override IReadOnlyDictionary<string, string> DefaultColumns { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [SourceColumns.Period] = "Time period",
        [SourceColumns.Area] = "Area Code",
        [SourceColumns.Value] = "Value",
        [SourceColumns.LowerCi] = "Lower CI 95.0 limit",
        [SourceColumns.UpperCi] = "Upper CI 95.0 limit",
        [SourceColumns.Numerator] = "Count",
        [SourceColumns.Denominator] = "Denominator",
        [SourceColumns.Note] = "Value note",
    };

    public override Uri Url(SourceSeries series, Uri? baseUrl) =>
        new(baseUrl ?? DefaultBase, "api/all_data/csv/by_indicator_id" + SourceQuery.Build(
        [
            ("indicator_ids", series.Query["indicator_id"]),
            ("child_area_type_id", series.Query["child_area_type_id"]),
            ("parent_area_type_id", series.Query["parent_area_type_id"]),
        ]));

    protected override Func<string[], string> PeriodReader(SourceTable table, int column, PeriodType? periodType, SourceSeries series)
    {
        if (periodType != PeriodType.ThreeCalendarYears)
        {
            return cells => SourceTable.Cell(cells, column);
        }

        return cells =>
        {
            var text = SourceTable.Cell(cells, column);
            var pooled = PooledPeriod().Match(text);
            return pooled.Success ? $"{pooled.Groups["first"].Value}-{pooled.Groups["last"].Value}" : text;
        };
    }

    protected override Func<string[], string> BreakdownReader(SourceTable table, int? column)
    {
        if (column is { } chosen)
        {
            return cells => SourceTable.Cell(cells, chosen);
        }

        var sex = table.Require("Sex", "breakdown");
        var categoryType = table.Require("Category Type", "breakdown");
        var category = table.Require("Category", "breakdown");
        return cells => SourceTable.Cell(cells, categoryType) is { Length: > 0 } type
            ? $"{type}: {SourceTable.Cell(cells, category)}"
            : SourceTable.Cell(cells, sex);
    }

    /// <summary>Fingertips' pooled years: "2018 - 20" (spaces around the dash).</summary>
    [GeneratedRegex(@"^(?<first>\d{4}) - (?<last>\d{2})$")]
    private static partial Regex PooledPeriod();
}
