using System.Text;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Sources;
using CouncilPlan.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace CouncilPlan.Core.Tests.Sources;

/// <summary>Refreshing sources from a local server standing in for the publishers, once on SQLite and once on PostgreSQL.</summary>
public sealed class SourceRefreshTests
{
    public static TheoryData<DatabaseProvider, string> Failures()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            foreach (var failure in new[] { "timeout", "500", "malformed", "changed columns", "maintenance page", "unreachable" })
            {
                data.Add(provider, failure);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Refresh_AddsNewFigures_ThenAChangedFigureBecomesARevision_AndUnchangedAreSkipped(DatabaseProvider provider)
    {
        await using var database = await SourceWorld.DatabaseAsync(provider);
        await using var server = SourceWorld.ServeAll();
        using var http = new HttpClient();
        var source = SourceWorld.Source("ohid-activity");

        var first = await SourceWorld.RefreshAsync(database, SourceWorld.Settings(server.BaseUrl), http, source, new SourceRefreshOptions { By = "tester" });

        Assert.Null(first.Error);
        Assert.Equal((4, 0, 0, 1), (first.Added, first.Revised, first.Unchanged, first.Suppressed));
        Assert.Equal($"{server.BaseUrl}api/all_data/csv/by_indicator_id?indicator_ids=93014&child_area_type_id=502&parent_area_type_id=15", first.Urls);
        Assert.Equal("OHID Fingertips", first.Service);

        var changed = File.ReadAllText(Path.Combine(RecordedServer.Samples, "fingertips-by-indicator.csv")).Replace(",2022,70.1,", ",2022,70.5,", StringComparison.Ordinal);
        server.Serve(SourceWorld.FingertipsPath, Encoding.UTF8.GetBytes(changed), "text/csv");
        var second = await SourceWorld.RefreshAsync(database, SourceWorld.Settings(server.BaseUrl), http, source, new SourceRefreshOptions { By = "tester" });

        Assert.Equal((0, 1, 3), (second.Added, second.Revised, second.Unchanged));
        await using var check = database.NewContext();
        var stockport2022 = await check.Observations.SingleAsync(o => o.AreaCode == "E08000007" && o.Period == "2022" && o.BreakdownId == Core.Measures.Breakdown.TotalId);
        Assert.Equal((70.5, 2, true, 66.9, 73.1), (stockport2022.Value, stockport2022.Version, stockport2022.Published, stockport2022.LowerCi, stockport2022.UpperCi));
        var revision = await check.ObservationRevisions.SingleAsync();
        Assert.Equal(70.1, revision.Value);
        Assert.Equal(2, await check.SourceRefreshes.CountAsync());
        var audit = await check.AuditEntries.Where(a => a.Entity == nameof(SourceRefresh)).ToListAsync();
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.Equal("ohid-activity", a.Key));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task DryRun_SaysWhatWouldChange_AndChangesNoFigures(DatabaseProvider provider)
    {
        await using var database = await SourceWorld.DatabaseAsync(provider);
        await using var server = SourceWorld.ServeAll();
        using var http = new HttpClient();
        var before = await ObservationSnapshot.TakeAsync(database);

        IReadOnlyList<SourceRefresh> refreshes;
        await using (var db = database.NewContext())
        {
            refreshes = await SourceWorld.Refresher(db, SourceWorld.Settings(server.BaseUrl), http).RefreshAsync(SourceWorld.Sources(), new SourceRefreshOptions { DryRun = true });
        }

        Assert.All(refreshes, r => Assert.Null(r.Error));
        Assert.Equal([("ohid-activity", 4L), ("ons-aps", 3L), ("dfe-attainment", 4L), ("council-housing", 2L)], refreshes.Select(r => (r.SourceId, r.Added)));
        Assert.Equal(before, await ObservationSnapshot.TakeAsync(database));
        await using var check = database.NewContext();
        Assert.All(await check.SourceRefreshes.ToListAsync(), r => Assert.True(r.DryRun));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task AnOdsTableWithAColumnPerQuarter_IsFetchedAndLoaded_AndAWebPageInItsPlace_ChangesNothing(DatabaseProvider provider)
    {
        await using var database = await SourceWorld.DatabaseAsync(provider);
        var source = SourceWorld.FileSource(
            """
            query: { url: "https://data.example.gov.uk/housing/temporary-accommodation.ods", sheet: Table_1, range: "A3:Z100" }
            columns: { area: Area code }
            periods_from: 2023-24 Q1
            """,
            measure: "FQ-1");
        using var table = ConnectorTests.Ods("""
            <table:table table:name="Table_1">
              <table:table-row><table:table-cell office:value-type="string"><text:p>Households in temporary accommodation</text:p></table:table-cell></table:table-row>
              <table:table-row/>
              <table:table-row>
                <table:table-cell office:value-type="string"><text:p>Area code</text:p></table:table-cell>
                <table:table-cell office:value-type="string"><text:p>2023-24 Q1</text:p></table:table-cell>
                <table:table-cell office:value-type="string"><text:p>2023-24 Q2 [note 1]</text:p></table:table-cell>
              </table:table-row>
              <table:table-row>
                <table:table-cell office:value-type="string"><text:p>E08000007</text:p></table:table-cell>
                <table:table-cell office:value-type="float" office:value="120"><text:p>120</text:p></table:table-cell>
                <table:table-cell office:value-type="float" office:value="131"><text:p>131</text:p></table:table-cell>
              </table:table-row>
            </table:table>
            """);
        await using var server = RecordedServer.Start().Serve("/housing/temporary-accommodation.ods", table.ToArray(), "application/vnd.oasis.opendocument.spreadsheet");
        using var http = new HttpClient();

        var loaded = await SourceWorld.RefreshAsync(database, SourceWorld.Settings(server.BaseUrl), http, source, new SourceRefreshOptions());

        Assert.Null(loaded.Error);
        Assert.Equal((2, 0), (loaded.Added, loaded.Revised));
        await using (var check = database.NewContext())
        {
            Assert.Equal(
                [("2023-24 Q1", 120.0), ("2023-24 Q2", 131.0)],
                (await check.Observations.Where(o => o.AreaCode == "E08000007" && o.Measure!.Code == "FQ-1").OrderBy(o => o.Period).ToListAsync()).Select(o => (o.Period, o.Value)));
        }

        server.Serve("/housing/temporary-accommodation.ods", "<!DOCTYPE html><html><head><title>Temporary accommodation - GOV.UK</title></head></html>"u8.ToArray(), "text/html");
        var before = await ObservationSnapshot.TakeAsync(database);
        var page = await SourceWorld.RefreshAsync(database, SourceWorld.Settings(server.BaseUrl), http, source, new SourceRefreshOptions());

        Assert.StartsWith($"council-housing: the response from {server.BaseUrl}housing/temporary-accommodation.ods is a web page, not an ODS file", page.Error, StringComparison.Ordinal);
        Assert.Equal(before, await ObservationSnapshot.TakeAsync(database));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task SmallAreasFigures_AreLoadedAsWardFigures_SayingHowTheyWereMade_AndASmallAreaOutsideTheLookupChangesNothing(DatabaseProvider provider)
    {
        await using var database = await SourceWorld.DatabaseAsync(provider);
        var lookup = ObservationCatalogue.WriteFile("# best fit\nsmall_area,ward\nE01000001,E05011234\nE01000002,E05011234\n", "lsoa-to-ward.csv");
        var source = SourceWorld.FileSource(
            $$"""
            query: { url: "https://data.example.gov.uk/census/lsoa.csv" }
            columns: { period: Quarter, area: LSOA code, breakdown: Category, value: Count }
            small_areas: {{lookup}}
            combine: { Everyone: Yes + No }
            share_of: Everyone
            breakdowns: { Yes: "" }
            """,
            measure: "FQ-1");
        await using var server = RecordedServer.Start().Serve("/census/lsoa.csv", """
            Quarter,LSOA code,Category,Count
            2023-24 Q1,E01000001,Yes,30
            2023-24 Q1,E01000001,No,70
            2023-24 Q1,E01000002,Yes,10
            2023-24 Q1,E01000002,No,40
            """u8.ToArray(), "text/csv");
        using var http = new HttpClient();

        var loaded = await SourceWorld.RefreshAsync(database, SourceWorld.Settings(server.BaseUrl), http, source, new SourceRefreshOptions());

        Assert.Null(loaded.Error);
        Assert.Equal(1, loaded.Added);
        await using (var check = database.NewContext())
        {
            var ward = await check.Observations.SingleAsync(o => o.AreaCode == ObservationCatalogue.Ward && o.Measure!.Code == "FQ-1");
            // 40 / 150 = 26.7%, to the measure's whole numbers.
            Assert.Equal((27.0, 40.0, 150.0), (ward.Value, ward.Numerator, ward.Denominator));
            Assert.StartsWith("Best-fit ward figure: the percentage (40 of 150) from the counts of the ward's 2 small areas (LSOAs), from Testshire Council.", ward.QualityNote, StringComparison.Ordinal);
            Assert.EndsWith(SmallAreaFigures.BestFitSentence, ward.QualityNote, StringComparison.Ordinal);
        }

        server.Serve("/census/lsoa.csv", "Quarter,LSOA code,Category,Count\n2023-24 Q2,E01000001,Yes,31\n2023-24 Q2,E01000009,Yes,1\n"u8.ToArray(), "text/csv");
        var before = await ObservationSnapshot.TakeAsync(database);
        var stranger = await SourceWorld.RefreshAsync(database, SourceWorld.Settings(server.BaseUrl), http, source, new SourceRefreshOptions());

        Assert.Contains("line 3: small area E01000009 is not in the best-fit lookup", stranger.Error, StringComparison.Ordinal);
        Assert.Equal(before, await ObservationSnapshot.TakeAsync(database));
    }

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Refresh_WhenTheServiceFails_GivesAClearError_AndChangesNoFigures(DatabaseProvider provider, string failure)
    {
        await using var database = await SourceWorld.DatabaseAsync(provider);
        await using var server = SourceWorld.ServeAll();
        var baseUrl = server.BaseUrl;
        switch (failure)
        {
            case "timeout":
                server.Delay(SourceWorld.FingertipsPath, "fingertips-by-indicator.csv", TimeSpan.FromSeconds(5));
                break;
            case "500":
                server.Fail(SourceWorld.FingertipsPath, 500);
                break;
            case "malformed":
                server.Serve(SourceWorld.FingertipsPath, "malformed.csv");
                break;
            case "changed columns":
                server.Serve(SourceWorld.FingertipsPath, "changed-columns.csv");
                break;
            case "maintenance page":
                server.Serve(SourceWorld.FingertipsPath, "<!DOCTYPE html>\n<html><head><title>Fingertips is down for maintenance</title></head></html>"u8.ToArray(), "text/html");
                break;
            default:
                baseUrl = new Uri($"http://127.0.0.1:{RecordedServer.FreePort()}/");
                break;
        }

        using var http = new HttpClient();
        var before = await ObservationSnapshot.TakeAsync(database);
        var refresh = await SourceWorld.RefreshAsync(database, SourceWorld.Settings(baseUrl, TimeSpan.FromSeconds(1)), http, SourceWorld.Source("ohid-activity"), new SourceRefreshOptions());

        var expected = failure switch
        {
            "timeout" => "did not answer within 1 seconds",
            "500" => "answered 500 Internal Server Error",
            "malformed" => "line 2: ",
            "changed columns" => "has no column 'Area Code'",
            "maintenance page" => "is a web page, not the CSV OHID Fingertips sends: the service may be down for maintenance",
            _ => "could not be reached",
        };
        Assert.NotNull(refresh.Error);
        Assert.StartsWith("ohid-activity: ", refresh.Error, StringComparison.Ordinal);
        Assert.Contains(expected, refresh.Error, StringComparison.Ordinal);
        Assert.Contains("by_indicator_id", refresh.Error, StringComparison.Ordinal);
        Assert.Equal((0, 0, 0), (refresh.Added, refresh.Revised, refresh.Unchanged));
        Assert.Equal(before, await ObservationSnapshot.TakeAsync(database));
        await using var check = database.NewContext();
        Assert.Equal(refresh.Error, (await check.SourceRefreshes.SingleAsync()).Error);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task AnEesSeriesWithTheAllZerosId_IsPassedOverByName_WithoutAskingDfE_AndDoesNotHoldBackTheOthers(DatabaseProvider provider)
    {
        await using var database = await SourceWorld.DatabaseAsync(provider);
        await using var server = SourceWorld.ServeAll();
        using var http = new HttpClient();
        var source = SourceWorld.Source("dfe-attainment");
        var ready = source.Series.Single();
        var waiting = ready with { Query = new Dictionary<string, string>(StringComparer.Ordinal) { ["data_set"] = "00000000-0000-0000-0000-000000000000" } };
        const string Reason = "has no data set id yet (its data_set is all zeros): find it in DfE's data catalogue, https://explore-education-statistics.service.gov.uk/data-catalogue, and put it in the sources file";

        var alone = await SourceWorld.RefreshAsync(database, SourceWorld.Settings(server.BaseUrl), http, source with { Series = [waiting] }, new SourceRefreshOptions());

        Assert.Equal($"dfe-attainment: no series can be fetched yet: AY-1 {Reason}", alone.Error);
        Assert.Equal($"AY-1: not fetched: {Reason}", alone.Urls);
        Assert.Empty(server.Requests);

        var together = await SourceWorld.RefreshAsync(database, SourceWorld.Settings(server.BaseUrl), http, source with { Series = [waiting, ready] }, new SourceRefreshOptions());

        Assert.Null(together.Error);
        Assert.Equal(4, together.Added);
        Assert.Equal([$"AY-1: not fetched: {Reason}", $"{server.BaseUrl}v1/data-sets/7c0e9201-c7c0-ff73-bee4-304e731ec0e6/csv"], together.Urls.Split('\n'));
        Assert.Single(server.Requests);

        // When the series that can be fetched fails, the record still says which one was not asked for.
        server.Fail(SourceWorld.EesPath, 500);
        var failed = await SourceWorld.RefreshAsync(database, SourceWorld.Settings(server.BaseUrl), http, source with { Series = [waiting, ready] }, new SourceRefreshOptions());

        Assert.Contains("answered 500", failed.Error, StringComparison.Ordinal);
        Assert.Equal($"AY-1: not fetched: {Reason}", failed.Urls.Split('\n')[0]);
    }

    [Fact]
    public async Task AnAnswerLargerThanTheSetting_IsRefusedByName_AndTheSettingIsReadInMegabytes()
    {
        await using var server = SourceWorld.ServeAll();
        using var http = new HttpClient();
        var source = SourceWorld.Source("ohid-activity");
        var size = new FileInfo(Path.Combine(RecordedServer.Samples, "fingertips-by-indicator.csv")).Length;
        var fetcher = new SourceFetcher(http, SourceWorld.Settings(server.BaseUrl) with { MaxResponseBytes = size - 1 });

        var error = await Assert.ThrowsAsync<SourceRefreshException>(() => fetcher.FetchAsync(source, source.Series.Single(), CancellationToken.None));

        Assert.Contains($"is {size:N0} bytes, more than the {size - 1:N0} allowed", error.Message, StringComparison.Ordinal);
        Assert.Contains("raise Sources:MaxResponseMegabytes", error.Message, StringComparison.Ordinal);
        var configured = SourceSettings.FromConfiguration(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Sources:MaxResponseMegabytes"] = "1024" }).Build(), Path.GetTempPath());
        Assert.Equal(1024L * 1024 * 1024, configured.MaxResponseBytes);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task OneFailingSource_DoesNotStopOrHalfWriteAnother(DatabaseProvider provider)
    {
        await using var database = await SourceWorld.DatabaseAsync(provider);
        await using var server = SourceWorld.ServeAll().Fail(SourceWorld.NomisPath, 503);
        using var http = new HttpClient();

        IReadOnlyList<SourceRefresh> refreshes;
        await using (var db = database.NewContext())
        {
            refreshes = await SourceWorld.Refresher(db, SourceWorld.Settings(server.BaseUrl), http).RefreshAsync(SourceWorld.Sources(), new SourceRefreshOptions());
        }

        Assert.Equal(["ohid-activity", "dfe-attainment", "council-housing"], refreshes.Where(r => r.Error is null).Select(r => r.SourceId));
        Assert.Contains("answered 503", refreshes.Single(r => r.SourceId == "ons-aps").Error, StringComparison.Ordinal);
        await using var check = database.NewContext();
        Assert.Equal(0, await check.Observations.CountAsync(o => o.Measure!.Code == ObservationCatalogue.Rolling));
        Assert.Equal(4 + 4 + 2, await check.Observations.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task ReviewedSource_LoadsNewFiguresUnpublished_AndKeepsAnUnchangedFiguresPublication(DatabaseProvider provider)
    {
        await using var database = await SourceWorld.DatabaseAsync(provider);
        await using var server = SourceWorld.ServeAll();
        using var http = new HttpClient();
        var source = SourceWorld.Source("dfe-attainment");
        await using (var db = database.NewContext())
        {
            await SourceWorld.Refresher(db, SourceWorld.Settings(server.BaseUrl), http).RefreshAsync(source, new SourceRefreshOptions());
        }

        await using (var db = database.NewContext())
        {
            Assert.All(await db.Observations.ToListAsync(), o => Assert.False(o.Published));
            await db.Observations.Where(o => o.Period == "2021/22 academic").ExecuteUpdateAsync(s => s.SetProperty(o => o.Published, true));
        }

        var again = await SourceWorld.RefreshAsync(database, SourceWorld.Settings(server.BaseUrl), http, source, new SourceRefreshOptions());

        Assert.Equal((0, 0, 4), (again.Added, again.Revised, again.Unchanged));
        await using var check = database.NewContext();
        Assert.Equal(2, await check.Observations.CountAsync(o => o.Published));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task AFigureTheImporterRefuses_IsNamedByThePublishersLine(DatabaseProvider provider)
    {
        await using var database = await SourceWorld.DatabaseAsync(provider);
        var pooled = File.ReadAllText(Path.Combine(RecordedServer.Samples, "fingertips-by-indicator.csv")).Replace("Persons,19+ yrs,,,2021,", "Persons,19+ yrs,,,2018 - 20,", StringComparison.Ordinal);
        await using var server = SourceWorld.ServeAll().Serve(SourceWorld.FingertipsPath, Encoding.UTF8.GetBytes(pooled), "text/csv");
        using var http = new HttpClient();
        var before = await ObservationSnapshot.TakeAsync(database);

        var refresh = await SourceWorld.RefreshAsync(database, SourceWorld.Settings(server.BaseUrl), http, SourceWorld.Source("ohid-activity"), new SourceRefreshOptions());

        Assert.Contains("1 figure(s) could not be loaded, so none were: line 3 of ohid-activity: the response from", refresh.Error, StringComparison.Ordinal);
        Assert.Contains("period", refresh.Error, StringComparison.Ordinal);
        Assert.Equal(before, await ObservationSnapshot.TakeAsync(database));
    }
}
