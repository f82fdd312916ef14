using System.Globalization;
using CouncilPlan.Core.Areas;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Validation;

namespace CouncilPlan.Core.Sources;

/// <summary>What a connector made of a response: the figures, and how many rows it left out as suppressed.</summary>
public sealed record SourceRows(IReadOnlyList<SourceRow> Rows, int Suppressed);

/// <summary>
/// Turns one publisher service's response into figures for the observations importer. A connector
/// knows its service's address, its default columns, how it writes periods and areas and how it
/// marks a withheld figure; a series' <c>columns</c>, <c>filters</c>, <c>breakdowns</c> and
/// <c>pivot</c> (docs/sources-file-format.md) say the rest. A column the mapping needs and the
/// response lacks is an error naming the source, the address and the column: the publisher has
/// changed the format, and guessing would load wrong figures.
/// </summary>
public abstract class SourceConnector
{
    /// <summary>The service's name as the public pages give it ("Updated ... from OHID Fingertips").</summary>
    public abstract string Name { get; }

    public abstract SourceService Service { get; }

    /// <summary>Where the service lives; a setting can point it elsewhere (a test server, a mirror).</summary>
    public abstract Uri DefaultBase { get; }

    /// <summary>The roles and columns a response of this service has, before a series' own <c>columns</c>.</summary>
    protected abstract IReadOnlyDictionary<string, string> DefaultColumns { get; }

    /// <summary>The breakdown label of the whole population when a series maps no breakdowns.</summary>
    protected virtual string TotalLabel => "";

    public static SourceConnector For(SourceService service) => service switch
    {
        SourceService.Fingertips => new FingertipsConnector(),
        SourceService.Nomis => new NomisConnector(),
        SourceService.Ees => new EesConnector(),
        SourceService.File => new FileConnector(),
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, null),
    };

    /// <summary>The address of a series' data, against <paramref name="baseUrl"/> (the service's own by default).</summary>
    public abstract Uri Url(SourceSeries series, Uri? baseUrl);

    /// <summary>Reads the body into a table; CSV unless the service says otherwise.</summary>
    public virtual SourceTable Read(Stream body, string where, SourceSeries series) => SourceTable.ReadCsv(body, where, series.Filters);

    /// <summary>
    /// Reads a response, first refusing a web page by name. A service down for maintenance often
    /// answers its data address with a page and status 200, and a file's address is easily confused
    /// with the page about it; read as data, either would fail on some line of markup, which would not
    /// say what is wrong.
    /// </summary>
    public SourceTable ReadResponse(Stream body, string where, SourceSeries series) =>
        IsWebPage(body) ? throw new SourceRefreshException($"{where} is a web page, {WebPageAdvice(series)}") : Read(body, where, series);

    /// <summary>What to say when the service answers with a web page: what it should have sent, and what to do.</summary>
    protected virtual string WebPageAdvice(SourceSeries series) =>
        $"not the CSV {Name} sends: the service may be down for maintenance (try again later), or the address the query makes is no longer the service's (check the series' query against its documentation)";

    private static bool IsWebPage(Stream body)
    {
        if (!body.CanSeek)
        {
            return false;
        }

        var start = new byte[512];
        var read = body.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        body.Position = 0;
        var text = System.Text.Encoding.UTF8.GetString(start, 0, read).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return text.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase) || text.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The figures of a series in a response, for the areas <paramref name="knownArea"/> accepts.
    /// <paramref name="periodType"/> is the measure's, when known: a service may write one period
    /// type's periods in its own form (Fingertips' pooled "2018 - 20"). <paramref name="decimals"/> is
    /// the measure's, to which a derived percentage is rounded (half up, as the dataset's own are).
    /// <paramref name="smallAreas"/> adds a series of small areas up into wards; <paramref name="from"/>
    /// is where a ward figure's note says it came from (the service, or a file's publisher).
    /// </summary>
    public SourceRows Rows(SourceTable table, SourceSeries series, Func<string, bool> knownArea, PeriodType? periodType = null, int decimals = 1, BestFitLookup? smallAreas = null, string? from = null)
    {
        if (series.SmallAreas is not null && smallAreas is null)
        {
            throw new SourceRefreshException($"{table.Where}: the series of {series.Measure} is of small areas, and no lookup was given to add them up into wards");
        }

        var columns = new Dictionary<string, string>(DefaultColumns, StringComparer.Ordinal);
        foreach (var (role, column) in series.Columns)
        {
            columns[role] = column;
        }

        if (series.PeriodsFrom is not null || series.PeriodsAfter is not null)
        {
            table = table.PeriodsAcross(series.PeriodsFrom, series.PeriodsAfter, series.PeriodsEndBefore);
            columns[SourceColumns.Period] = SourceTable.PeriodHeading;
            columns[SourceColumns.Value] = SourceTable.FigureUnderHeading;
        }

        int? Column(string role) => columns.TryGetValue(role, out var name) ? table.Require(name, role) : null;
        // A workbook with a sheet per year (DESNZ's renewable electricity by local authority) has no
        // period column: the series says which period its sheet is about.
        var period = Column(SourceColumns.Period) is { } periodColumn
            ? PeriodReader(table, periodColumn, periodType, series)
            : series.Query.GetValueOrDefault("period") is { } fixedPeriod
                ? _ => fixedPeriod
                : throw new SourceRefreshException($"{table.Where}: the series of {series.Measure} names no period column");
        var area = AreaReader(table, Column(SourceColumns.Area), series);
        var breakdown = BreakdownReader(table, Column(SourceColumns.Breakdown));
        // A count may be the sum of several columns ("special_independent + special_non_maintained");
        // " + " with its spaces, so that a column named like "Aged 65+" is still one column.
        int[]? Parts(string role) => columns.TryGetValue(role, out var names)
            ? names.Split(" + ", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(n => table.Require(n, role)).ToArray()
            : null;
        var derived = series.Derive == SourceColumns.DerivePercentage;
        var value = derived ? -1 : Column(SourceColumns.Value) ?? throw new SourceRefreshException($"{table.Where}: the series of {series.Measure} names no value column");
        var (numerator, denominator) = (Parts(SourceColumns.Numerator), Parts(SourceColumns.Denominator));
        var (lower, upper, confidence) = (Column(SourceColumns.LowerCi), Column(SourceColumns.UpperCi), Column(SourceColumns.Confidence));
        var (note, status) = (Column(SourceColumns.Note), Column(SourceColumns.Status));
        var filters = series.Filters.Select(f => (Column: table.Require(f.Key, "filter"), Text: f.Value)).ToList();
        var pivot = series.Pivot.ToDictionary(p => p.Key, p => (Column: table.Require(p.Value[..p.Value.IndexOf('=', StringComparison.Ordinal)], "pivot"), Text: p.Value[(p.Value.IndexOf('=', StringComparison.Ordinal) + 1)..]));
        var pivotColumns = pivot.Keys.ToDictionary(role => role, role => role == SourceColumns.Value ? value : Column(role) ?? value, StringComparer.Ordinal);
        var wantedAreas = series.Areas.Count == 0 ? null : series.Areas.ToHashSet(StringComparer.Ordinal);

        // Counts are never scaled: a scale turns a fraction into the percentage the table shows.
        double ScaledValue(double figure) => series.Scale == 1 ? figure : Significant(figure * series.Scale);
        double? Scaled(double? figure) => figure is { } f ? ScaledValue(f) : null;
        var suppressed = 0;
        var rows = new List<SourceRow>();
        var pivoted = new Dictionary<(string Period, string Area, string Key), PivotGroup>();
        var counts = series.ShareOf is not null || series.Combine is not null || smallAreas is not null ? new CountedLabels(series, smallAreas, from ?? Name) : null;
        foreach (var (line, cells) in table.Rows)
        {
            if (filters.Any(f => !string.Equals(SourceTable.Cell(cells, f.Column), f.Text, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var label = breakdown(cells);
            counts?.Seen(label);
            var rawArea = area(cells);
            var areaCode = counts?.AreaOf(table, line, rawArea) ?? rawArea;
            if ((wantedAreas is not null && !wantedAreas.Contains(areaCode)) || !knownArea(areaCode))
            {
                continue;
            }

            var statusText = status is { } s ? SourceTable.Cell(cells, s) : null;
            if (counts is not null)
            {
                counts.Add(table, line, period(cells), areaCode, rawArea, label, Number(table, line, cells, value, SourceColumns.Value, statusText), StatusOf(statusText));
                continue;
            }

            string key;
            if (series.Breakdowns.Count == 0)
            {
                if (!string.Equals(label, TotalLabel, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                key = "";
            }
            else if (!series.Breakdowns.TryGetValue(label, out key!))
            {
                continue;
            }

            if (pivot.Count > 0)
            {
                // One row may hold several roles' figures (DfE's care leavers: the row "Total in
                // education, employment or training" has the percentage and the count), each in the
                // role's own column when the series names one, otherwise in the value column (Nomis).
                var roles = pivot.Where(p => string.Equals(SourceTable.Cell(cells, p.Value.Column), p.Value.Text, StringComparison.OrdinalIgnoreCase)).Select(p => p.Key).ToList();
                if (roles.Count == 0)
                {
                    continue;
                }

                var group = (period(cells), areaCode, key);
                if (!pivoted.TryGetValue(group, out var parts))
                {
                    pivoted[group] = parts = new PivotGroup();
                }

                foreach (var role in roles)
                {
                    parts.Figures[role] = Number(table, line, cells, pivotColumns[role], SourceColumns.Value, statusText);
                    if (role == SourceColumns.Value)
                    {
                        (parts.Line, parts.Status) = (line, StatusOf(statusText));
                    }
                }

                continue;
            }

            var figure = derived
                ? Percentage(Sum(table, line, cells, numerator, SourceColumns.Numerator), Sum(table, line, cells, denominator, SourceColumns.Denominator), decimals)
                : Number(table, line, cells, value, SourceColumns.Value, statusText);

            if (figure is not { } v)
            {
                suppressed++;
                continue;
            }

            var half = Number(table, line, cells, confidence, SourceColumns.Confidence, null);
            rows.Add(new SourceRow(
                period(cells),
                areaCode,
                key,
                ScaledValue(v),
                Sum(table, line, cells, numerator, SourceColumns.Numerator),
                Sum(table, line, cells, denominator, SourceColumns.Denominator),
                Scaled(half is { } h ? v - h : Number(table, line, cells, lower, SourceColumns.LowerCi, null)),
                Scaled(half is { } h2 ? v + h2 : Number(table, line, cells, upper, SourceColumns.UpperCi, null)),
                StatusOf(statusText),
                note is { } n && SourceTable.Cell(cells, n) is { Length: > 0 } noteText ? noteText : null,
                $"line {line} of {table.Where}"));
        }

        if (counts is not null)
        {
            return counts.Rows(table, decimals);
        }

        foreach (var (group, parts) in pivoted)
        {
            if (parts.Figures.GetValueOrDefault(SourceColumns.Value) is not { } v)
            {
                suppressed++;
                continue;
            }

            var half = parts.Figures.GetValueOrDefault(SourceColumns.Confidence);
            rows.Add(new SourceRow(
                group.Period,
                group.Area,
                group.Key,
                ScaledValue(v),
                parts.Figures.GetValueOrDefault(SourceColumns.Numerator),
                parts.Figures.GetValueOrDefault(SourceColumns.Denominator),
                Scaled(half is { } h ? v - h : null),
                Scaled(half is { } h2 ? v + h2 : null),
                parts.Status,
                null,
                $"line {parts.Line} of {table.Where}"));
        }

        return new SourceRows(rows, suppressed);
    }

    protected virtual Func<string[], string> PeriodReader(SourceTable table, int column, PeriodType? periodType, SourceSeries series) => cells => SourceTable.Cell(cells, column);

    protected virtual Func<string[], string> AreaReader(SourceTable table, int? column, SourceSeries series)
    {
        if (column is { } c)
        {
            return cells => SourceTable.Cell(cells, c);
        }

        var fixedArea = series.Query.GetValueOrDefault("area") ?? throw new SourceRefreshException($"{table.Where}: the series of {series.Measure} names no area column");
        return _ => fixedArea;
    }

    protected virtual Func<string[], string> BreakdownReader(SourceTable table, int? column) =>
        column is { } c ? cells => SourceTable.Cell(cells, c) : _ => "";

    /// <summary>Whether a cell that is not a number is the publisher's mark for a withheld or missing figure.</summary>
    protected virtual bool IsSuppressed(string cell, string? status) => cell.Length == 0;

    /// <summary>The observations format's status (provisional, final, revised) for the publisher's marker, or null for final.</summary>
    protected virtual string? StatusOf(string? status) => null;

    /// <summary>numerator / denominator × 100, rounded half up; withheld when either is, or the denominator is 0.</summary>
    private static double? Percentage(double? numerator, double? denominator, int decimals) =>
        numerator is { } n && denominator is { } d && d > 0
            ? (double)Math.Round((decimal)n * 100 / (decimal)d, decimals, MidpointRounding.AwayFromZero)
            : null;

    /// <summary>The sum of a count's columns; withheld (null) when any of them is.</summary>
    private double? Sum(SourceTable table, long line, string[] cells, int[]? columns, string role)
    {
        if (columns is null)
        {
            return null;
        }

        var total = 0.0;
        foreach (var column in columns)
        {
            if (Number(table, line, cells, column, role, null) is not { } part)
            {
                return null;
            }

            total += part;
        }

        return total;
    }

    private double? Number(SourceTable table, long line, string[] cells, int? column, string role, string? status)
    {
        if (column is not { } c)
        {
            return null;
        }

        var text = SourceTable.Cell(cells, c);
        if (role == SourceColumns.Value ? IsSuppressed(text, status) : text.Length == 0 || IsSuppressed(text, null))
        {
            return null;
        }

        return StrictNumber.Parse(text, out var problem) is { } number
            ? Significant(number)
            : throw new SourceRefreshException($"{table.Where}: line {line}, column '{table.Header[c]}' ({role}): {problem}; nor is it a mark this service uses for a withheld figure");
    }

    /// <summary>
    /// A figure to 12 significant digits. Publishers' files written from binary floating point carry
    /// its noise ("66.10000000000001" in ONS's Explore Local Statistics files, and in spreadsheet
    /// cells); without this every refresh would "revise" 66.1 to it. No official statistic has 12
    /// significant digits of meaning, so nothing a publisher meant is lost.
    /// </summary>
    internal static double Significant(double number)
    {
        if (number == 0 || !double.IsFinite(number))
        {
            return number;
        }

        var digits = 12 - 1 - (int)Math.Floor(Math.Log10(Math.Abs(number)));
        return digits is >= 0 and <= 15 ? Math.Round(number, digits, MidpointRounding.AwayFromZero) : number;
    }

    /// <summary>
    /// The counts of a table with a row per breakdown label, for a series with <c>share_of</c>,
    /// <c>combine</c> or <c>small_areas</c>: each kept label's figure is its count (or the sum of the
    /// labels it combines), or that as a percentage of the whole's count in the same period and area.
    /// Small areas' counts are first added up into their wards by the best-fit lookup (a count, or a
    /// numerator and denominator, sums; a percentage never does: BestFit). A label the series needs
    /// and the response never has stops the refresh: the publisher has renamed its categories, and
    /// leaving the label out would quietly drop the figure or, in a sum, shrink it.
    /// </summary>
    private sealed class CountedLabels(SourceSeries series, BestFitLookup? smallAreas, string service)
    {
        private readonly Dictionary<(string Period, string Area), Dictionary<string, Count>> groups = [];
        private readonly HashSet<(string Period, string Area, string Label)> rowsSeen = [];
        private readonly HashSet<string> seen = new(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> needed = NeededLabels(series);

        /// <summary>The publisher's labels the series reads: those it keeps, those its sums add up, and the whole.</summary>
        private static HashSet<string> NeededLabels(SourceSeries series)
        {
            var labels = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var label in series.Breakdowns.Keys.Append(series.ShareOf).OfType<string>())
            {
                labels.UnionWith(series.Combine?.GetValueOrDefault(label) ?? [label]);
            }

            return labels;
        }

        public void Seen(string label) => seen.Add(label);

        /// <summary>The area a row's figure counts towards: its own, or the ward its small area is in.</summary>
        public string AreaOf(SourceTable table, long line, string area)
        {
            try
            {
                return smallAreas?.WardOf(area) ?? area;
            }
            catch (BestFitException e)
            {
                throw new SourceRefreshException($"{table.Where}: line {line}: {e.Message} ({series.SmallAreas}): narrow the query to the council's small areas, or bring the lookup up to date");
            }
        }

        public void Add(SourceTable table, long line, string period, string area, string rowArea, string label, double? count, string? status)
        {
            if (!needed.Contains(label))
            {
                return;
            }

            // Two rows of one label would be added up or one lost: the response holds more than one
            // statistic per category (a count and a percentage, say), which a filter must choose between.
            if (!rowsSeen.Add((period, rowArea, label.ToUpperInvariant())))
            {
                throw new SourceRefreshException($"{table.Where}: line {line} is a second row for '{label}' in {period} for {rowArea}: add a filter to the series so that one row per label remains");
            }

            if (!groups.TryGetValue((period, area), out var labels))
            {
                groups[(period, area)] = labels = new(StringComparer.OrdinalIgnoreCase);
            }

            labels[label] = labels.TryGetValue(label, out var sum)
                ? new Count(sum.Value is { } a && count is { } b ? a + b : null, sum.Line, sum.Status ?? status, sum.Parts + 1)
                : new Count(count, line, status, 1);
        }

        public SourceRows Rows(SourceTable table, int decimals)
        {
            var missing = needed.Where(label => !seen.Contains(label)).Order(StringComparer.Ordinal).ToList();
            if (missing.Count > 0 && groups.Count > 0)
            {
                throw new SourceRefreshException($"{table.Where}: no row is labelled {string.Join(" or ", missing.Select(m => $"'{m}'"))}, which the series of {series.Measure} needs: the publisher may have renamed its categories; the labels it has are {string.Join(", ", seen.Order(StringComparer.Ordinal).Select(l => $"'{l}'"))}");
            }

            var rows = new List<SourceRow>();
            var suppressed = 0;
            foreach (var ((period, area), labels) in groups)
            {
                var whole = series.ShareOf is { } w ? CountOf(area, labels, w) : null;
                foreach (var (label, key) in series.Breakdowns)
                {
                    if (CountOf(area, labels, label) is not { } part)
                    {
                        continue;
                    }

                    var figure = series.ShareOf is null ? part.Value : Percentage(part.Value, whole?.Value, decimals);
                    if (figure is not { } v)
                    {
                        suppressed++;
                        continue;
                    }

                    var note = smallAreas is null ? null
                        : SmallAreaFigures.WardNote(series.ShareOf is null ? "the sum of the counts" : $"the percentage ({part.Value:0} of {whole!.Value:0}) from the counts", part.Parts, service);
                    rows.Add(new SourceRow(
                        period,
                        area,
                        key,
                        Significant(v),
                        series.ShareOf is null ? null : part.Value,
                        whole?.Value,
                        null,
                        null,
                        part.Status ?? whole?.Status,
                        note,
                        $"line {part.Line} of {table.Where}"));
                }
            }

            return new SourceRows(rows, suppressed);
        }

        /// <summary>
        /// A label's count in one period and area, or the sum of the labels it combines. The count is
        /// withheld (null) when any part is withheld or has no row, or, for a ward, when any of its
        /// small areas has none: a sum with a part left out is not the figure. Null when the area has
        /// no row for any of them.
        /// </summary>
        private Count? CountOf(string area, Dictionary<string, Count> labels, string label)
        {
            var parts = series.Combine?.GetValueOrDefault(label) ?? [label];
            var present = parts.Where(labels.ContainsKey).Select(p => labels[p]).ToList();
            if (present.Count == 0)
            {
                return null;
            }

            var complete = present.Count == parts.Count && present.All(p => p.Value is not null)
                && (smallAreas is null || present.All(p => p.Parts == smallAreas.SmallAreasIn(area)));
            return new Count(complete ? Significant(present.Sum(p => p.Value!.Value)) : null, present.Min(p => p.Line), present.Select(p => p.Status).FirstOrDefault(s => s is not null), present.Max(p => p.Parts));
        }

        /// <summary>A label's count in one period and area, with where it was first read and how many rows (small areas) went into it.</summary>
        private sealed record Count(double? Value, long Line, string? Status, int Parts);
    }

    /// <summary>The rows of one figure in a service that gives each statistic its own row.</summary>
    private sealed class PivotGroup
    {
        public Dictionary<string, double?> Figures { get; } = new(StringComparer.Ordinal);

        public long Line { get; set; }

        public string? Status { get; set; }
    }
}
