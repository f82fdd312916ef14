using CouncilPlan.Core.Data;
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
        Assert.Contains("ons-aps: would add 0, would revise 0, unchanged 140;", output, StringComparison.Ordinal);
        Assert.Equal(before, await ObservationSnapshot.TakeAsync(database));
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
        Assert.Matches(@"^ons-claimant-count\s+Office for National Statistics\s+ONS Nomis\s+1\s+never$", lines[1]);
        Assert.Matches(@"^ons-aps\s+Office for National Statistics\s+ONS Nomis\s+1\s+\d{4}-\d\d-\d\d \d\d:\d\d UTC dry run: 0 new, 0 revised, 140 unchanged$", lines[2]);
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
