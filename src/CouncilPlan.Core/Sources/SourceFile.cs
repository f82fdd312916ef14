using System.Globalization;
using System.Text;
using CouncilPlan.Core.DataFiles;
using CouncilPlan.Core.Validation;
using YamlDotNet.RepresentationModel;

namespace CouncilPlan.Core.Sources;

/// <summary>The publisher services a source can be refreshed from.</summary>
public enum SourceService
{
    /// <summary>OHID Fingertips API, indicator data as CSV.</summary>
    Fingertips,

    /// <summary>ONS Nomis API, a dataset as CSV.</summary>
    Nomis,

    /// <summary>DfE explore education statistics public API, a data set's CSV download.</summary>
    Ees,

    /// <summary>A CSV or XLSX file at a URL, for publishers without an API.</summary>
    File,
}

/// <summary>Whether figures a refresh brings in are public at once or wait for the performance team.</summary>
public enum SourcePublish
{
    /// <summary>The publisher has already made them public: so do we.</summary>
    Automatic,

    /// <summary>They are loaded unpublished; the performance team publishes them.</summary>
    Review,
}

/// <summary>One series of a source: a measure and how to get its figures from the publisher.</summary>
/// <param name="Measure">The measure's code in the catalogue.</param>
/// <param name="Query">The service's query parameters (indicator id, dataset, geography ...).</param>
/// <param name="Columns">Which of the response's columns give the period, area, value ... (over the service's defaults).</param>
/// <param name="Filters">Rows are kept only where each named column holds the given text.</param>
/// <param name="Breakdowns">The publisher's breakdown labels kept, each to a breakdown key (empty for the whole population).</param>
/// <param name="Pivot">For services with one row per statistic: which rows give the value, numerator, denominator or interval ("COLUMN=text").</param>
/// <param name="Areas">Only these areas; empty for every area the database knows.</param>
/// <param name="Recorded">A recorded response (a path relative to the sources file) that stands in for the service with --recorded.</param>
/// <param name="Line">Where the series starts in the sources file.</param>
/// <param name="Derive">"percentage" when the publisher gives only the counts: the value is worked out from the numerator and denominator.</param>
/// <param name="CalendarYear">"academic-year-ending" when a DfE data set's "Calendar year" Y stands for the academic year (Y-1)/Y (its NEET figures).</param>
/// <param name="PeriodsFrom">When the periods are column headings (a column per year): the first period's heading; it and every heading to its right is a period.</param>
/// <param name="PeriodsEndBefore">With <paramref name="PeriodsFrom"/> or <paramref name="PeriodsAfter"/>: the first heading after the periods that is not one ("5-Year Average").</param>
/// <param name="PeriodsAfter">Instead of <paramref name="PeriodsFrom"/>: the heading of the column the periods follow, for a table whose first period changes as the publisher adds or drops years.</param>
/// <param name="Scale">What each figure (and its interval) is multiplied by: 100 where a table holds percentages as fractions (0.433 for 43.3%).</param>
/// <param name="ShareOf">When the rows give a count per breakdown label: the label of the whole, of which each kept label's figure is its count as a percentage.</param>
/// <param name="Combine">Labels made by adding up other labels' counts ("Level 2 or above" from levels 2, 3 and 4), each with the labels it adds up.</param>
/// <param name="SmallAreas">A best-fit lookup (relative to the sources file) when the response's areas are small areas: their counts are added up into wards.</param>
public sealed record SourceSeries(
    string Measure,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Columns,
    IReadOnlyDictionary<string, string> Filters,
    IReadOnlyDictionary<string, string> Breakdowns,
    IReadOnlyDictionary<string, string> Pivot,
    IReadOnlyList<string> Areas,
    string? Recorded,
    int Line,
    string? Derive = null,
    string? CalendarYear = null,
    string? PeriodsFrom = null,
    string? PeriodsEndBefore = null,
    double Scale = 1,
    string? PeriodsAfter = null,
    string? ShareOf = null,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Combine = null,
    string? SmallAreas = null);

/// <summary>How to refresh one source of the measure catalogue.</summary>
/// <param name="SourceId">The source's id in measures.yaml.</param>
/// <param name="Releases">When the publisher releases, in words ("monthly, on the second Tuesday").</param>
public sealed record SourceDefinition(
    string SourceId,
    SourceService Service,
    SourcePublish Publish,
    string? Releases,
    IReadOnlyList<SourceSeries> Series,
    string FileName,
    int Line)
{
    /// <summary>The folder relative paths in the file (recorded responses) are read from.</summary>
    public string Folder => Path.GetDirectoryName(Path.GetFullPath(FileName)) ?? ".";
}

public sealed record SourceDocument(string FileName, IReadOnlyList<SourceDefinition> Sources);

/// <summary>
/// Reads a sources file (format councilplan/sources@1, docs/sources-file-format.md): how each
/// source of a measure catalogue is refreshed from its publisher. Every problem is reported with its
/// file, line and field, and nothing is returned unless there are none.
/// </summary>
public static class SourceFileReader
{
    public const string Format = "councilplan/sources@1";

    private static readonly Dictionary<string, SourceService> Services = new(StringComparer.Ordinal)
    {
        ["fingertips"] = SourceService.Fingertips,
        ["nomis"] = SourceService.Nomis,
        ["ees"] = SourceService.Ees,
        ["file"] = SourceService.File,
    };

    private static readonly Dictionary<string, SourcePublish> PublishSettings = new(StringComparer.Ordinal)
    {
        ["automatic"] = SourcePublish.Automatic,
        ["review"] = SourcePublish.Review,
    };

    /// <summary>What each service's query must name: a series without one of these could not be fetched.</summary>
    private static readonly Dictionary<SourceService, string[]> RequiredQuery = new()
    {
        [SourceService.Fingertips] = ["indicator_id", "child_area_type_id", "parent_area_type_id"],
        [SourceService.Nomis] = ["dataset"],
        [SourceService.Ees] = [], // data_set or catalogue_data_set: checked in ReadSeries
        [SourceService.File] = ["url"],
    };

    public static SourceDocument ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException([new InputError(path, 0, "", "the file does not exist")]);
        }

        using var text = new StreamReader(path, new UTF8Encoding(false, true));
        try
        {
            return Read(path, text);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidInputException([new InputError(path, 0, "", "the file is not UTF-8 text: save it as UTF-8")]);
        }
    }

    public static SourceDocument Read(string fileName, TextReader text)
    {
        var (file, root) = YamlFile.Parse(fileName, text);
        if (root is null)
        {
            throw new InvalidInputException(file.Errors);
        }

        var format = root.String("format", required: true);
        if (format is not null && format != Format)
        {
            file.Error(root.MarkOf("format"), $"'format' is '{format}' but this reader understands '{Format}'");
        }

        var sources = new List<SourceDefinition>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var map in root.Maps("sources", required: true))
        {
            var id = map.Id("source");
            var service = Choice(map, "service", Services, required: true);
            var publish = Choice(map, "publish", PublishSettings, required: false) ?? SourcePublish.Automatic;
            var releases = map.String("releases");
            var series = new List<SourceSeries>();
            foreach (var item in map.Maps("series", required: true))
            {
                series.Add(ReadSeries(item, service));
            }

            map.RejectUnknownFields();
            if (id is { } key && !seen.Add(key.Value))
            {
                file.Error(key.Mark, $"source '{key.Value}' is defined twice: give each source one entry with all its series");
            }

            if (id is { } ok && service is { } s)
            {
                sources.Add(new SourceDefinition(ok.Value, s, publish, releases, series, fileName, map.Line));
            }
        }

        root.RejectUnknownFields();
        if (file.Errors.Count > 0)
        {
            throw new InvalidInputException(file.Errors);
        }

        return new SourceDocument(fileName, sources);
    }

    /// <summary>
    /// Checks the sources against the loaded catalogue: each source must be one the catalogue names,
    /// and each series' measure one of that source's measures, so a refresh can never write figures
    /// under another publisher's name.
    /// </summary>
    /// <param name="measureSources">Each measure's code and the id of its source (null for none).</param>
    public static IReadOnlyList<InputError> Check(SourceDocument document, IReadOnlySet<string> sourceIds, IReadOnlyDictionary<string, string?> measureSources)
    {
        var errors = new List<InputError>();
        foreach (var source in document.Sources)
        {
            if (!sourceIds.Contains(source.SourceId))
            {
                errors.Add(InputError.At(document.FileName, source.Line, 1, $"'source' is '{source.SourceId}', which is not a source in the measure catalogue: add it to measures.yaml's sources first"));
                continue;
            }

            foreach (var series in source.Series)
            {
                if (!measureSources.TryGetValue(series.Measure, out var owner))
                {
                    errors.Add(InputError.At(document.FileName, series.Line, 1, $"'measure' is '{series.Measure}', which is not a measure in the catalogue"));
                }
                else if (owner != source.SourceId)
                {
                    errors.Add(InputError.At(document.FileName, series.Line, 1, $"measure '{series.Measure}' has source '{owner ?? "(none)"}' in the catalogue, not '{source.SourceId}'"));
                }
            }
        }

        return errors;
    }

    private static SourceSeries ReadSeries(YamlMap map, SourceService? service)
    {
        var measure = map.String("measure", required: true) ?? "";
        var query = Pairs(map, "query", required: true);
        if (service is { } s && map.Has("query"))
        {
            foreach (var name in RequiredQuery[s].Where(n => !query.ContainsKey(n)))
            {
                map.File.Error(map.MarkOf("query"), $"'{map.Path}.query' needs '{name}' for the {s.ToString().ToLowerInvariant()} service");
            }

            // An explore education statistics data set is found by its API id or by its data catalogue id: one of them, not both.
            if (s == SourceService.Ees && query.ContainsKey("data_set") == query.ContainsKey("catalogue_data_set"))
            {
                map.File.Error(map.MarkOf("query"), query.ContainsKey("data_set")
                    ? $"'{map.Path}.query' names both 'data_set' and 'catalogue_data_set': keep one (the API id when DfE gives one)"
                    : $"'{map.Path}.query' needs 'data_set' (the API data set id) or 'catalogue_data_set' (the id in the data set's data catalogue address) for the ees service");
            }
        }

        var columns = Pairs(map, "columns", required: false);
        foreach (var role in columns.Keys.Where(r => !SourceColumns.Roles.Contains(r)))
        {
            map.File.Error(map.MarkOf("columns"), $"'{map.Path}.columns' names '{role}', which is not a column role (allowed: {string.Join(", ", SourceColumns.Roles)})");
        }

        // A table with a column per year (ONS's affordability ratios, DfT's walking and cycling):
        // the headings from this one on are the periods, and the figures under them the values.
        var periodsFrom = map.String("periods_from");
        var periodsAfter = map.String("periods_after");
        var periodsEndBefore = map.String("periods_end_before");
        var across = periodsFrom is not null ? "periods_from" : periodsAfter is not null ? "periods_after" : null;
        if (periodsFrom is not null && periodsAfter is not null)
        {
            map.File.Error(map.MarkOf("periods_after"), $"'{map.Path}' has both 'periods_from' and 'periods_after': keep one (the first period's heading, or the heading of the column the periods follow)");
        }

        if (periodsEndBefore is not null && across is null)
        {
            map.File.Error(map.MarkOf("periods_end_before"), $"'{map.Path}.periods_end_before' needs 'periods_from' (the heading of the first period) or 'periods_after' (the column the periods follow)");
        }

        if (across is not null)
        {
            foreach (var role in new[] { SourceColumns.Period, SourceColumns.Value }.Where(columns.ContainsKey))
            {
                map.File.Error(map.MarkOf("columns"), $"'{map.Path}.columns' names '{role}' and the series has '{across}': the periods are the column headings {(periodsFrom is not null ? $"from '{periodsFrom}' on" : $"after '{periodsAfter}'")}, and the figures under them the values");
            }

            if (map.Has("pivot") || map.Has("derive"))
            {
                map.File.Error(map.MarkOf(across), $"'{map.Path}' has '{across}' with '{(map.Has("pivot") ? "pivot" : "derive")}': a table with a column per period gives one figure per cell");
            }
        }

        if (service == SourceService.File)
        {
            // A derived percentage has no value column: it is worked out from the counts' columns.
            foreach (var role in new[] { SourceColumns.Period, SourceColumns.Value }.Where(r => across is null && !columns.ContainsKey(r) && !(r == SourceColumns.Value && map.Has("derive")) && !(r == SourceColumns.Period && query.ContainsKey("period"))))
            {
                map.File.Error(map.MarkOf("columns"), $"'{map.Path}.columns' needs '{role}' for a file: name the column that holds it (or, for a table with a column per period, give 'periods_from': the first period's heading, or 'periods_after': the column the periods follow{(role == SourceColumns.Period ? "; or, for a sheet about one period, 'query.period'" : "")})");
            }

            if (query.ContainsKey("period") && (columns.ContainsKey(SourceColumns.Period) || across is not null))
            {
                map.File.Error(map.MarkOf("query"), $"'{map.Path}.query.period' is for a sheet about one period, and the series also has {(across is not null ? $"'{across}'" : "'columns.period'")}: keep one");
            }

            if (query.TryGetValue("sheet_number", out var number) && !(int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0))
            {
                map.File.Error(map.MarkOf("query"), $"'{map.Path}.query.sheet_number' is '{number}': write the sheet's place in the workbook, 1 for the first");
            }

            if (query.ContainsKey("sheet_number") && query.ContainsKey("sheet"))
            {
                map.File.Error(map.MarkOf("query"), $"'{map.Path}.query' names both 'sheet' and 'sheet_number': keep one (the name when it is known)");
            }

            if (!columns.ContainsKey(SourceColumns.Area) && !query.ContainsKey("area"))
            {
                map.File.Error(map.MarkOf("columns"), $"'{map.Path}' needs 'columns.area', or 'query.area' when the whole file is about one area");
            }
        }

        var derive = map.String("derive");
        if (derive is not null && derive != SourceColumns.DerivePercentage)
        {
            map.File.Error(map.MarkOf("derive"), $"'{map.Path}.derive' is '{derive}': the one figure that can be worked out is 'percentage'");
        }
        else if (derive is not null)
        {
            foreach (var role in new[] { SourceColumns.Numerator, SourceColumns.Denominator }.Where(r => !columns.ContainsKey(r)))
            {
                map.File.Error(map.MarkOf("columns"), $"'{map.Path}.columns' needs '{role}': a derived percentage is worked out from the numerator and denominator");
            }

            if (columns.ContainsKey(SourceColumns.Value))
            {
                map.File.Error(map.MarkOf("columns"), $"'{map.Path}.columns' names 'value' and the series derives it: keep one");
            }

            if (map.Has("pivot"))
            {
                map.File.Error(map.MarkOf("derive"), $"'{map.Path}' has both 'derive' and 'pivot': a derived percentage is worked out from the columns of one row");
            }
        }

        if (service == SourceService.Ees && derive is null && across is null && !columns.ContainsKey(SourceColumns.Value))
        {
            map.File.Error(map.MarkOf("columns"), $"'{map.Path}.columns' needs 'value': the indicator column of the data set");
        }

        var filters = Pairs(map, "filters", required: false);
        var breakdowns = Pairs(map, "breakdowns", required: false, allowEmptyValues: true);
        var pivot = Pairs(map, "pivot", required: false);
        foreach (var (role, rule) in pivot)
        {
            if (!SourceColumns.PivotRoles.Contains(role))
            {
                map.File.Error(map.MarkOf("pivot"), $"'{map.Path}.pivot' names '{role}' (allowed: {string.Join(", ", SourceColumns.PivotRoles)})");
            }
            else if (!rule.Contains('=', StringComparison.Ordinal))
            {
                map.File.Error(map.MarkOf("pivot"), $"'{map.Path}.pivot.{role}' is '{rule}': write COLUMN=text, for example MEASURES_NAME=Variable");
            }
        }

        if (pivot.Count > 0 && !pivot.ContainsKey(SourceColumns.Value))
        {
            map.File.Error(map.MarkOf("pivot"), $"'{map.Path}.pivot' needs 'value': which rows hold the figure itself");
        }

        var calendarYear = map.String("calendar_year");
        if (calendarYear is not null && (service != SourceService.Ees || calendarYear != SourceColumns.AcademicYearEnding))
        {
            map.File.Error(map.MarkOf("calendar_year"), $"'{map.Path}.calendar_year' is '{calendarYear}': the one setting is 'academic-year-ending', for the ees service");
        }

        // A spreadsheet's percentage cell holds a fraction (0.433 shows as 43.3%); DEFRA's recycling rates are so.
        var scale = 1.0;
        if (map.String("scale") is { } scaleText && !(double.TryParse(scaleText, NumberStyles.Float, CultureInfo.InvariantCulture, out scale) && scale > 0 && double.IsFinite(scale)))
        {
            map.File.Error(map.MarkOf("scale"), $"'{map.Path}.scale' is '{scaleText}': write the number each figure is multiplied by, for example 100 where the table holds percentages as fractions");
            scale = 1;
        }

        var (shareOf, combine, smallAreas) = ReadCounts(map, columns, breakdowns, across);
        var areas = map.Strings("areas").Select(a => a.Value).ToList();
        var recorded = map.String("recorded");
        map.RejectUnknownFields();
        return new SourceSeries(measure, query, columns, filters, breakdowns, pivot, areas, recorded, map.Line, derive, calendarYear, periodsFrom, periodsEndBefore, scale, periodsAfter, shareOf, combine, smallAreas);
    }

    private static readonly string[] NotWithCounts = ["pivot", "derive", "scale"];

    /// <summary>
    /// <c>share_of</c>, <c>combine</c> and <c>small_areas</c>: for a table with a row per category
    /// and its count (a Census 2021 table on Nomis), where the figure is a category's share of the
    /// whole or a sum of categories, or small areas' counts added up into wards. All work on the
    /// breakdown labels' counts, so the series must name the breakdown column and keep some labels,
    /// and none goes with the other ways a figure is made from several cells.
    /// </summary>
    private static (string? ShareOf, Dictionary<string, IReadOnlyList<string>>? Combine, string? SmallAreas) ReadCounts(YamlMap map, Dictionary<string, string> columns, Dictionary<string, string> breakdowns, string? across)
    {
        var shareOf = map.String("share_of");
        var combinePairs = Pairs(map, "combine", required: false);
        var smallAreas = map.String("small_areas");
        var field = shareOf is not null ? "share_of" : combinePairs.Count > 0 ? "combine" : smallAreas is not null ? "small_areas" : null;
        if (field is null)
        {
            return (null, null, null);
        }

        if (!columns.ContainsKey(SourceColumns.Breakdown))
        {
            map.File.Error(map.MarkOf(field), $"'{map.Path}.{field}' needs 'columns.breakdown': the column whose labels it names");
        }

        if (breakdowns.Count == 0)
        {
            map.File.Error(map.MarkOf(field), $"'{map.Path}.{field}' needs 'breakdowns': the labels whose figures are kept");
        }

        foreach (var other in NotWithCounts.Where(map.Has).Concat(across is null ? [] : [across]))
        {
            map.File.Error(map.MarkOf(other), $"'{map.Path}' has '{field}' with '{other}': a figure made from the counts of several rows is one or the other");
        }

        if (shareOf is not null && columns.ContainsKey(SourceColumns.Numerator) | columns.ContainsKey(SourceColumns.Denominator))
        {
            map.File.Error(map.MarkOf("columns"), $"'{map.Path}.columns' names a numerator or denominator and the series has 'share_of': each share's numerator is its label's count and its denominator the count of '{shareOf}'");
        }

        var combine = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (label, sum) in combinePairs)
        {
            var parts = sum.Split(" + ", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2)
            {
                map.File.Error(map.MarkOf("combine"), $"'{map.Path}.combine.{label}' is '{sum}': write the labels it adds up, joined by ' + ' with a space each side");
            }
            else if (parts.Contains(label, StringComparer.OrdinalIgnoreCase) || parts.Any(combinePairs.ContainsKey))
            {
                map.File.Error(map.MarkOf("combine"), $"'{map.Path}.combine.{label}' adds up '{string.Join("', '", parts.Where(p => p.Equals(label, StringComparison.OrdinalIgnoreCase) || combinePairs.ContainsKey(p)))}', itself a combined label: add up the publisher's own labels");
            }
            else if (breakdowns.Count > 0 && !breakdowns.ContainsKey(label) && label != shareOf)
            {
                map.File.Error(map.MarkOf("combine"), $"'{map.Path}.combine.{label}' is neither kept nor the whole: add '{label}' to 'breakdowns' with its breakdown key (\"\" for the whole population), or name it in 'share_of'");
            }

            combine[label] = parts;
        }

        return (shareOf, combine.Count == 0 ? null : combine, smallAreas);
    }

    private static T? Choice<T>(YamlMap map, string key, Dictionary<string, T> choices, bool required)
        where T : struct
    {
        var text = map.String(key, required);
        if (text is null)
        {
            return null;
        }

        if (!choices.TryGetValue(text, out var value))
        {
            map.File.Error(map.MarkOf(key), $"'{(map.Path.Length == 0 ? key : map.Path + "." + key)}' is '{text}': use one of {string.Join(", ", choices.Keys)}");
            return null;
        }

        return value;
    }

    /// <summary>A mapping of text to text (query parameters, column names), in file order.</summary>
    private static Dictionary<string, string> Pairs(YamlMap map, string key, bool required, bool allowEmptyValues = false)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        var nested = map.Map(key, required);
        if (nested is null)
        {
            return pairs;
        }

        foreach (var (name, value) in nested.Node.Children)
        {
            var field = (name as YamlScalarNode)?.Value ?? "";
            if (value is not YamlScalarNode scalar)
            {
                map.File.Error(value, $"'{nested.Path}.{field}' must be text, not a list or mapping");
                continue;
            }

            var text = scalar.Value?.Trim() ?? "";
            if (text.Length == 0 && !allowEmptyValues)
            {
                map.File.Error(value, $"'{nested.Path}.{field}' must not be empty");
                continue;
            }

            pairs[field] = text;
        }

        return pairs;
    }
}
