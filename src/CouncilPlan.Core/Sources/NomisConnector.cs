namespace CouncilPlan.Core.Sources;

/// <summary>
/// ONS Nomis: a dataset as CSV (GET api/v01/dataset/{id}.data.csv with the query's geography,
/// date, variable, measures, select ... passed on as given; https://www.nomisweb.co.uk/api/v01/help).
/// </summary>
/// <remarks>
/// Nomis gives one row per statistic: for the Annual Population Survey the rate, its numerator,
/// denominator and confidence half-width are four rows told apart by MEASURES_NAME ("Variable",
/// "Numerator", "Denominator", "Confidence"), which a series' <c>pivot</c> joins into one figure; the
/// 95% interval is the value ± "Confidence" (Nomis, "Annual Population Survey: confidence
/// intervals", https://www.nomisweb.co.uk/articles/1133.aspx). OBS_STATUS marks a figure: "P"
/// provisional; "!", "*", "~", "-", "X", "Q" and "M" a figure Nomis withholds or does not have
/// (disclosive or too small a sample: https://www.nomisweb.co.uk/api/v01/help, "OBS_STATUS"), which
/// is left out, as is an empty OBS_VALUE.
/// </remarks>
public sealed class NomisConnector : SourceConnector
{
    private static readonly HashSet<string> Withheld = new(StringComparer.Ordinal) { "!", "*", "~", "-", "X", "Q", "M" };

    public override string Name => "ONS Nomis";

    public override SourceService Service => SourceService.Nomis;

    public override Uri DefaultBase { get; } = new("https://www.nomisweb.co.uk/");

    protected override IReadOnlyDictionary<string, string> DefaultColumns { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [SourceColumns.Period] = "DATE_NAME",
        [SourceColumns.Area] = "GEOGRAPHY_CODE",
        [SourceColumns.Value] = "OBS_VALUE",
        [SourceColumns.Status] = "OBS_STATUS",
    };

    public override Uri Url(SourceSeries series, Uri? baseUrl) =>
        new(baseUrl ?? DefaultBase, $"api/v01/dataset/{Uri.EscapeDataString(series.Query["dataset"])}.data.csv" + SourceQuery.Build(
            series.Query.Where(q => q.Key != "dataset").Select(q => (q.Key, q.Value))));

    protected override bool IsSuppressed(string cell, string? status) => cell.Length == 0 || (status is not null && Withheld.Contains(status));

    protected override string? StatusOf(string? status) => status == "P" ? "provisional" : null;
}
