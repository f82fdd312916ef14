using System.Globalization;
using System.Text;
using CouncilPlan.Core.Areas;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Imports;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Sources;

/// <summary>How to run a refresh.</summary>
public sealed record SourceRefreshOptions
{
    /// <summary>Fetch and check everything and say what would change; change nothing (the refresh is still recorded, as a dry run).</summary>
    public bool DryRun { get; init; }

    /// <summary>Who started it, recorded with the refresh and the batch it enters.</summary>
    public string By { get; init; } = "CouncilPlan";
}

/// <summary>
/// Refreshes sources from their publishers: fetches every series of a source, turns the responses
/// into rows of the observations format, and loads them through <see cref="ObservationImporter"/>,
/// so a source is all or nothing (new figures added, changed ones become revisions, unchanged ones
/// skipped) and one failing source never half-writes another. Each refresh is recorded in
/// source_refreshes, and through the audit interceptor in the audit log, whatever its outcome.
/// </summary>
public sealed class SourceRefresher(CouncilPlanDb db, TimeProvider clock, SourceFetcher fetcher)
{
    /// <summary>How many import errors a failed refresh's message quotes.</summary>
    private const int QuotedErrors = 5;

    public async Task<IReadOnlyList<SourceRefresh>> RefreshAsync(IEnumerable<SourceDefinition> sources, SourceRefreshOptions options, CancellationToken cancellationToken = default)
    {
        var done = new List<SourceRefresh>();
        foreach (var source in sources)
        {
            done.Add(await RefreshAsync(source, options, cancellationToken));
        }

        return done;
    }

    public async Task<SourceRefresh> RefreshAsync(SourceDefinition source, SourceRefreshOptions options, CancellationToken cancellationToken = default)
    {
        var connector = SourceConnector.For(source.Service);
        var record = new SourceRefresh
        {
            SourceId = source.SourceId,
            Service = connector.Service == SourceService.File ? await PublisherOfAsync(source.SourceId, cancellationToken) : connector.Name,
            StartedAt = clock.GetUtcNow(),
            DryRun = options.DryRun,
            Urls = string.Join('\n', source.Series.Select(s => fetcher.NotReady(source, s) is { } reason ? NotFetched(s, reason) : SafeUrl(source, s))),
            Measures = " " + string.Join(' ', source.Series.Select(s => s.Measure).Distinct(StringComparer.Ordinal)) + " ",
            By = options.By.Length > 256 ? options.By[..256] : options.By,
        };
        try
        {
            await RefreshCoreAsync(source, record, options, cancellationToken);
        }
        catch (SourceRefreshException e)
        {
            record.Error = e.Message;
        }
        catch (InvalidInputException e)
        {
            record.Error = e.Message;
        }
        catch (Exception e) when (e is not OperationCanceledException && db.Database.CurrentTransaction is null)
        {
            // Something no check foresaw (a workbook the OpenXML reader chokes on, a figure the
            // database refuses): the importer has rolled back, so record it against this source and
            // let the others go ahead rather than stop the whole round.
            record.Error = $"{source.SourceId}: the refresh failed unexpectedly ({e.GetType().Name}: {e.Message})";
        }

        if (record.Error is not null)
        {
            (record.Added, record.Revised, record.Unchanged, record.BatchId) = (0, 0, 0, null);
        }

        record.FinishedAt = clock.GetUtcNow();
        db.SourceRefreshes.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return record;
    }

    private async Task RefreshCoreAsync(SourceDefinition source, SourceRefresh record, SourceRefreshOptions options, CancellationToken cancellationToken)
    {
        var measures = await db.Measures.AsNoTracking().Select(m => new { m.Id, m.Code, m.SourceId, m.PeriodType, m.Decimals }).ToDictionaryAsync(m => m.Code, StringComparer.Ordinal, cancellationToken);
        var sourceIds = (await db.Sources.AsNoTracking().Select(s => s.Id).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var problems = SourceFileReader.Check(new SourceDocument(source.FileName, [source]), sourceIds, measures.ToDictionary(m => m.Key, m => m.Value.SourceId, StringComparer.Ordinal));
        if (problems.Count > 0)
        {
            throw new InvalidInputException(problems);
        }

        var areas = (await db.Areas.AsNoTracking().Select(a => a.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var urls = new List<string>();
        var figures = new List<(string Measure, SourceRow Row)>();
        var waiting = new List<string>();
        foreach (var series in source.Series)
        {
            // A series that cannot be fetched yet (a DfE data set whose id is not known) is passed
            // over by name, so that it does not hold back the source's other series; its figures
            // stay as they are. A source with no series that can be fetched fails.
            if (fetcher.NotReady(source, series) is { } reason)
            {
                waiting.Add($"{series.Measure} {reason}");
                urls.Add(NotFetched(series, reason));
                continue;
            }

            var (from, table) = await fetcher.FetchAsync(source, series, cancellationToken);
            urls.Add(from);
            var known = measures.TryGetValue(series.Measure, out var measure);
            var rows = SourceConnector.For(source.Service).Rows(table, series, areas.Contains, known ? measure!.PeriodType : null, known ? measure!.Decimals : 1, SmallAreasOf(source, series), record.Service);
            record.Suppressed += rows.Suppressed;
            if (rows.Rows.Count == 0)
            {
                throw new SourceRefreshException(
                    $"{table.Where}: the series of {series.Measure} found no figures in {table.Rows.Count:N0} rows ({rows.Suppressed:N0} withheld) for the areas in the database: check its filters, breakdowns and areas");
            }

            figures.AddRange(rows.Rows.Select(r => (series.Measure, r)));
        }

        record.Urls = string.Join('\n', urls);
        if (figures.Count == 0 && waiting.Count > 0)
        {
            throw new SourceRefreshException($"{source.SourceId}: no series can be fetched yet: " + string.Join("; ", waiting));
        }

        var published = source.Publish == SourcePublish.Automatic
            ? null
            : await StoredAsync(source, measures.Values.Where(m => source.Series.Any(s => s.Measure == m.Code)).ToDictionary(m => m.Id, m => (m.Code, m.PeriodType)), cancellationToken);

        using var csv = Write(figures, published, measures.ToDictionary(m => m.Key, m => m.Value.PeriodType, StringComparer.Ordinal));
        var result = await new ObservationImporter(db, clock).ImportAsync(csv, $"{source.SourceId}.csv", new ObservationImportOptions
        {
            // Whether these figures publish is the source's setting (publish: automatic or review), written into the file above.
            Publish = true,
            DryRun = options.DryRun,
            EnteredBy = options.By,
            Description = $"refresh of {source.SourceId} from {record.Service}",
            MaxErrors = QuotedErrors,
        }, cancellationToken);
        if (!result.IsValid)
        {
            var quoted = result.Errors.Select(e => $"{(e.Row >= 2 && e.Row - 2 < figures.Count ? figures[(int)e.Row - 2].Row.Origin : "the figures")}: {(e.Column.Length > 0 ? e.Column + ": " : "")}{e.Message}");
            throw new SourceRefreshException(
                $"{source.SourceId}: {result.ErrorCount:N0} figure(s) could not be loaded, so none were: " + string.Join("; ", quoted) + (result.ErrorsNotListed > 0 ? $"; and {result.ErrorsNotListed:N0} more" : ""));
        }

        (record.Added, record.Revised, record.Unchanged, record.BatchId) = (result.Added, result.Revised, result.Unchanged, result.BatchId);
        if (!options.DryRun && result.Added + result.Revised == 0)
        {
            // Nothing new, but the measure pages' "Updated ... from ..." line moves on: tell the
            // public caches, as the importer does when figures change.
            await DataVersion.BumpAsync(db, clock, cancellationToken);
        }
    }

    /// <summary>
    /// For a source the performance team reviews: what is stored now, so that a figure the publisher
    /// has not changed keeps its published flag (rather than being unpublished as a "revision"), and
    /// a new or changed one arrives unpublished.
    /// </summary>
    private async Task<Dictionary<(string, string, string, string), (double Value, bool Published)>> StoredAsync(SourceDefinition source, Dictionary<int, (string Code, PeriodType Type)> measures, CancellationToken cancellationToken)
    {
        var ids = measures.Keys.ToList();
        var stored = await db.Observations.AsNoTracking()
            .Where(o => ids.Contains(o.MeasureId))
            .Select(o => new { o.MeasureId, o.Period, o.AreaCode, o.Breakdown!.DimensionId, o.Breakdown.Category, o.Value, o.Published })
            .ToListAsync(cancellationToken);
        return stored.ToDictionary(
            o => (measures[o.MeasureId].Code, o.Period, o.AreaCode, o.DimensionId.Length == 0 ? "" : $"{o.DimensionId}:{o.Category}"),
            o => (o.Value, o.Published));
    }

    private static MemoryStream Write(List<(string Measure, SourceRow Row)> figures, Dictionary<(string, string, string, string), (double Value, bool Published)>? stored, Dictionary<string, PeriodType> periodTypes)
    {
        var text = new StringBuilder(string.Join(',', ObservationColumns.All)).Append('\n');
        foreach (var (measure, row) in figures)
        {
            bool published;
            if (stored is null)
            {
                published = true;
            }
            else
            {
                var period = periodTypes.TryGetValue(measure, out var type) && Period.TryParse(type, row.Period, out var parsed) ? parsed.Label : row.Period;
                published = stored.TryGetValue((measure, period, row.Area, row.Breakdown), out var now) && now.Value.Equals(row.Value) && now.Published;
            }

            text.AppendJoin(',', [
                Cell(measure), Cell(row.Period), Cell(row.Area), Cell(row.Breakdown), Number(row.Value), Number(row.Numerator), Number(row.Denominator),
                Number(row.LowerCi), Number(row.UpperCi), row.Status ?? "", Cell(row.Note ?? ""), published ? "true" : "false",
            ]).Append('\n');
        }

        return new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));

        static string Number(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";

        static string Cell(string value) =>
            value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>The best-fit lookup a series of small areas' figures adds up into wards by, or null for a series of whole areas.</summary>
    private static BestFitLookup? SmallAreasOf(SourceDefinition source, SourceSeries series)
    {
        if (series.SmallAreas is not { } lookup)
        {
            return null;
        }

        try
        {
            return SmallAreaFigures.ReadLookup(Path.GetFullPath(lookup, source.Folder));
        }
        catch (InvalidInputException e)
        {
            throw new SourceRefreshException($"{source.SourceId}: the series of {series.Measure} cannot read its small areas lookup: {string.Join("; ", e.Errors)}", e);
        }
    }

    private static string NotFetched(SourceSeries series, string reason) => $"{series.Measure}: not fetched: {reason}";

    private async Task<string> PublisherOfAsync(string sourceId, CancellationToken cancellationToken) =>
        await db.Sources.AsNoTracking().Where(s => s.Id == sourceId).Select(s => s.Publisher).FirstOrDefaultAsync(cancellationToken) ?? sourceId;

    private string SafeUrl(SourceDefinition source, SourceSeries series)
    {
        try
        {
            return fetcher.UrlOf(source, series).ToString();
        }
        catch (SourceRefreshException)
        {
            return series.Query.GetValueOrDefault("url") ?? "";
        }
    }
}
