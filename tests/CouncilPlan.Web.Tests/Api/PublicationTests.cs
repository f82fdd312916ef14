using System.Net;
using System.Text;
using CouncilPlan.Core.Imports;
using CouncilPlan.Web.PublicData;
using Microsoft.Extensions.DependencyInjection;

namespace CouncilPlan.Web.Tests.Api;

/// <summary>
/// Figures entered but not published never leave through the portal, the API, downloads or the
/// sitemap; once published they do, because the caches empty when the data version moves, even
/// when the change was made outside the web app (here, by the importer the command line uses).
/// </summary>
public abstract class PublicationTests<TSite>(TSite site) : IClassFixture<TSite>
    where TSite : SiteFixture
{
    // A value no real measure has, so finding it anywhere means it leaked.
    private const string Marker = "987654.3";

    private async Task ImportAsync(string csv)
    {
        await using var db = site.Database.NewContext();
        var result = await new ObservationImporter(db, TimeProvider.System).ImportAsync(
            new MemoryStream(Encoding.UTF8.GetBytes(csv)), "test.csv", new ObservationImportOptions { Publish = true, EnteredBy = "test" });
        Assert.True(result.Committed, string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    private async Task WaitForNewDataAsync(long before)
    {
        var cache = site.Factory.Services.GetRequiredService<PublicDataCache>();
        for (var i = 0; i < 100 && (cache.Version == before || cache.Version < 0); i++)
        {
            await Task.Delay(100);
            await cache.GetAsync();
        }

        Assert.NotEqual(before, cache.Version);
    }

    private async Task<string> EverythingPublicAsync()
    {
        var text = new StringBuilder();
        foreach (var path in new[]
        {
            "/measures", "/measures/A1-04", "/api/v1/measures", "/api/v1/measures/A1-04",
            "/api/v1/observations?measure=A1-04&page_size=1000", "/api/v1/observations?measure=A1-04&format=csv", "/sitemap.xml",
        })
        {
            using var response = await site.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            text.AppendLine(await response.Content.ReadAsStringAsync());
        }

        return text.ToString();
    }

    [Fact]
    public async Task UnpublishedFigure_IsNowhereUntilPublished_ThenEverywhere()
    {
        var cache = site.Factory.Services.GetRequiredService<PublicDataCache>();
        Assert.DoesNotContain(Marker, await EverythingPublicAsync(), StringComparison.Ordinal);
        var before = cache.Version;

        await ImportAsync($"measure,period,area,value,published\nA1-04,2030-31,E08000007,{Marker},false\n");
        await WaitForNewDataAsync(before);

        var whileUnpublished = await EverythingPublicAsync();
        Assert.DoesNotContain(Marker, whileUnpublished, StringComparison.Ordinal);
        Assert.DoesNotContain("2030-31", whileUnpublished, StringComparison.Ordinal);

        var unpublishedVersion = cache.Version;
        await ImportAsync($"measure,period,area,value,published\nA1-04,2030-31,E08000007,{Marker},true\n");
        await WaitForNewDataAsync(unpublishedVersion);

        var page = await site.Client.GetStringAsync("/measures/A1-04");
        var api = await site.Client.GetStringAsync("/api/v1/observations?measure=A1-04&area=E08000007&page_size=1000");
        Assert.Contains("987,654", page, StringComparison.Ordinal);
        Assert.Contains(Marker, api, StringComparison.Ordinal);
    }
}

public sealed class PublicationOnSqlite(ChangingSqliteSite site) : PublicationTests<ChangingSqliteSite>(site);

public sealed class PublicationOnPostgres(ChangingPostgresSite site) : PublicationTests<ChangingPostgresSite>(site);
