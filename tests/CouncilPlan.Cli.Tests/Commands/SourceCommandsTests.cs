using System.Globalization;
using System.Text.RegularExpressions;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Sources;
using CouncilPlan.Testing;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Cli.Tests.Commands;

public sealed class SourceCommandsTests
{
    private static readonly string DefaultSources = Path.Combine(RepositoryFiles.Data, "stockport-2023-24", "sources.yaml");

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task RefreshDryRun_TheDefaultDatasetAgainstItsRecordedResponses_FindsEveryFigureUnchanged_AndChangesNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, seeded: true);
        var before = await ObservationSnapshot.TakeAsync(database);

        var (exitCode, output, error) = await CliRunner.RunAsync(database, "sources", "refresh", "--dry-run", "--recorded", "--file", DefaultSources);

        Assert.True(exitCode == 0, error);
        Assert.Contains("ons-claimant-count: would add 0, would revise 0, unchanged 370; from recorded recorded/nomis-claimant-count.csv for https://www.nomisweb.co.uk/api/v01/dataset/NM_162_1.data.csv?", output, StringComparison.Ordinal);
        Assert.Contains("ons-aps: would add 0, would revise 0, unchanged 280;", output, StringComparison.Ordinal);

        // Every source of the file, each with nothing new, nothing revised and something unchanged.
        var counts = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => Regex.Match(line, @"^(?<source>\S+): would add (?<added>[\d,]+), would revise (?<revised>[\d,]+), unchanged (?<unchanged>[\d,]+)"))
            .Where(m => m.Success)
            .ToDictionary(m => m.Groups["source"].Value, m => (Added: Count(m, "added"), Revised: Count(m, "revised"), Unchanged: Count(m, "unchanged")), StringComparer.Ordinal);
        var sources = SourceFileReader.ReadFile(DefaultSources).Sources.Select(s => s.SourceId).ToList();
        var wrong = sources.Where(s => !counts.TryGetValue(s, out var c) || c.Added != 0 || c.Revised != 0 || c.Unchanged == 0).ToList();
        Assert.True(wrong.Count == 0, $"sources not all unchanged: {string.Join(", ", wrong)}\n{output}");
        Assert.Equal(before, await ObservationSnapshot.TakeAsync(database));

        static long Count(Match m, string group) => long.Parse(m.Groups[group].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Issue 11: every measure with official figures can refresh itself. Each measure of the default
    /// dataset with a source and published figures has a series in sources.yaml, and each series,
    /// refreshed alone against its recorded response, finds its figures all unchanged: the recorded
    /// responses (tools/dataset/record_responses.py) and the dataset agree. A figure that differs is
    /// named with what the response and the database hold.
    /// </summary>
    [Fact]
    public async Task EveryMeasureWithOfficialFigures_HasASeries_WhoseRecordedResponseMatchesTheDataset()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, seeded: true);
        var document = SourceFileReader.ReadFile(DefaultSources);
        await using var db = database.NewContext();

        var official = await db.Measures.AsNoTracking()
            // Figures the dataset load builds from small areas (ward figures by best-fit, and T1-13 whole) are not fetched.
            .Where(m => m.SourceId != null && db.Observations.Any(o => o.MeasureId == m.Id && o.Published && !o.Batch!.Description.Contains(SmallAreaFigures.FolderName + "/")))
            .Select(m => m.Code)
            .ToListAsync();
        var withSeries = document.Sources.SelectMany(s => s.Series).Select(s => s.Measure).ToHashSet(StringComparer.Ordinal);
        var missing = official.Where(code => !withSeries.Contains(code)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"measures with a source and published figures but no series in sources.yaml: {string.Join(", ", missing)}");

        var settings = new SourceSettings { Recorded = true };
        using var http = new HttpClient();
        var fetcher = new SourceFetcher(http, settings);
        var areas = (await db.Areas.AsNoTracking().Select(a => a.Code).ToListAsync()).ToHashSet(StringComparer.Ordinal);
        var failures = new List<string>();
        foreach (var source in document.Sources)
        {
            // A series of small areas (ward figures, fetched only with a network) is the one kind
            // without a recorded response; any other series lacking one fails below.
            foreach (var series in source.Series.Where(s => s.Recorded is not null || s.SmallAreas is null))
            {
                var alone = source with { Series = [series] };
                var refresh = await new SourceRefresher(db, TimeProvider.System, fetcher).RefreshAsync(alone, new SourceRefreshOptions { DryRun = true });
                if (refresh.Error is null && refresh.Added == 0 && refresh.Revised == 0 && refresh.Unchanged > 0)
                {
                    continue;
                }

                failures.Add($"{source.SourceId} {series.Measure}: {refresh.Error ?? $"would add {refresh.Added}, would revise {refresh.Revised}, unchanged {refresh.Unchanged}"}"
                    + (refresh.Error is null ? await DifferencesAsync(db, fetcher, source, series, areas) : ""));
            }
        }

        Assert.True(failures.Count == 0, "series whose recorded response does not match the default dataset:\n" + string.Join("\n", failures));
    }

    /// <summary>The first figures of a series' response that the database lacks or holds otherwise.</summary>
    private static async Task<string> DifferencesAsync(CouncilPlanDb db, SourceFetcher fetcher, SourceDefinition source, SourceSeries series, HashSet<string> areas)
    {
        var measure = await db.Measures.AsNoTracking().SingleAsync(m => m.Code == series.Measure);
        var stored = await db.Observations.AsNoTracking()
            .Where(o => o.MeasureId == measure.Id)
            .Select(o => new { o.Period, o.AreaCode, o.Breakdown!.DimensionId, o.Breakdown.Category, o.Value, o.Numerator, o.Denominator, o.LowerCi, o.UpperCi, o.Status, o.QualityNote })
            .ToListAsync();
        var byKey = stored.ToDictionary(o => (o.Period, o.AreaCode, o.DimensionId.Length == 0 ? "" : $"{o.DimensionId}:{o.Category}"));
        var (_, table) = await fetcher.FetchAsync(source, series, CancellationToken.None);
        var differences = new List<string>();
        foreach (var row in SourceConnector.For(source.Service).Rows(table, series, areas.Contains, measure.PeriodType).Rows)
        {
            var period = Period.TryParse(measure.PeriodType, row.Period, out var parsed) ? parsed.Label : row.Period;
            var response = $"{row.Value} ({row.Numerator}/{row.Denominator}, {row.LowerCi}-{row.UpperCi}, {row.Status ?? "final"}, '{row.Note}')";
            if (!byKey.TryGetValue((period, row.Area, row.Breakdown), out var o))
            {
                differences.Add($"{period} {row.Area} '{row.Breakdown}': response {response}, not in the database ({row.Origin})");
                continue;
            }

            var held = $"{o.Value} ({o.Numerator}/{o.Denominator}, {o.LowerCi}-{o.UpperCi}, {o.Status.ToString().ToLowerInvariant()}, '{o.QualityNote}')";
            if (held != response)
            {
                differences.Add($"{period} {row.Area} '{row.Breakdown}': response {response}, database {held} ({row.Origin})");
            }
        }

        return "\n  " + string.Join("\n  ", differences.Take(5)) + (differences.Count > 5 ? $"\n  and {differences.Count - 5} more" : "");
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task List_ShowsEachSourcesPublisherServiceSeriesAndLastRefresh(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, seeded: true);
        var settings = new Dictionary<string, string?> { ["Sources:File"] = DefaultSources };
        var before = await CliRunner.RunAsync(database, settings, "sources", "list");
        await CliRunner.RunAsync(database, settings, "sources", "refresh", "ons-aps", "--dry-run", "--recorded");

        var (exitCode, output, error) = await CliRunner.RunAsync(database, settings, "sources", "list");

        Assert.True(exitCode == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^SOURCE\s+PUBLISHER\s+SERVICE\s+SERIES\s+LAST REFRESH$", lines[0]);
        Assert.Matches(@"^ons-claimant-count\s+Office for National Statistics\s+ONS Nomis \(review\)\s+1\s+never$", lines[1]);
        Assert.Matches(@"^ons-aps\s+Office for National Statistics\s+ONS Nomis \(review\)\s+2\s+\d{4}-\d\d-\d\d \d\d:\d\d UTC dry run: 0 new, 0 revised, 280 unchanged$", lines[2]);
        Assert.Contains("never", before.Out.Split('\n')[2], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Refresh_WhenThePublisherFails_PrintsWhyAndExitsNonZero(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, seeded: true);
        await using var server = RecordedServer.Start().Fail("/api/v01/dataset/NM_17_5.data.csv", 500);
        var settings = new Dictionary<string, string?> { ["Sources:File"] = DefaultSources, ["Sources:BaseUrls:nomis"] = server.BaseUrl.ToString() };

        var (exitCode, _, error) = await CliRunner.RunAsync(database, settings, "sources", "refresh", "ons-aps");

        Assert.Equal(1, exitCode);
        Assert.Contains($"ons-aps: {server.BaseUrl}api/v01/dataset/NM_17_5.data.csv?", error, StringComparison.Ordinal);
        Assert.Contains("answered 500 Internal Server Error", error, StringComparison.Ordinal);
        Assert.Contains("1 source failed; its figures were not changed.", error, StringComparison.Ordinal);
        await using var db = database.NewContext();
        Assert.NotNull((await db.SourceRefreshes.SingleAsync()).Error);
    }

    [Fact]
    public async Task Refresh_AnUnknownSource_SaysWhichSourcesThereAre()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, seeded: true);

        var (exitCode, _, error) = await CliRunner.RunAsync(database, "sources", "refresh", "ons-apx", "--file", DefaultSources);

        Assert.Equal(1, exitCode);
        Assert.Contains("No source 'ons-apx'", error, StringComparison.Ordinal);
        Assert.Contains("ons-claimant-count, ons-aps", error, StringComparison.Ordinal);
    }
}
