using System.Net;
using System.Text;
using System.Text.Json;
using CouncilPlan.Core.Imports;
using CouncilPlan.Testing;

namespace CouncilPlan.Web.Tests.Api;

/// <summary>
/// The API gives out a sensitive measure's figures as every other public output does: no small
/// count, and nothing from which one can be worked out, in JSON (marked suppressed) and in CSV (left
/// out). A2-05 (permanent exclusions, suppressed below 5) is given a ward-by-free-school-meals table.
/// </summary>
public abstract class OpenDataApiDisclosureTests<TSite>(TSite site) : IClassFixture<TSite>, IAsyncLifetime
    where TSite : SiteFixture
{
    private SmallCountTable table = null!;

    public async Task InitializeAsync()
    {
        // The first request starts the app, which loads the default dataset into the empty database.
        using (var started = await site.Client.GetAsync("/api/v1/measures/A2-05"))
        {
            Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        }

        await using var db = site.Database.NewContext();
        table = await SmallCountTable.PrepareAsync(db, "A2-05", "2030/31 academic", "free-school-meals");
        var result = await new ObservationImporter(db, TimeProvider.System).ImportAsync(
            new MemoryStream(Encoding.UTF8.GetBytes(table.Csv())), "exclusions.csv", new ObservationImportOptions { Publish = true, EnteredBy = "test" });
        Assert.True(result.Committed, string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Json_MarksWithheldFiguresSuppressed_AndShowsNothingThatGivesOneAway()
    {
        var page = JsonDocument.Parse(await site.Client.GetStringAsync("/api/v1/observations?measure=A2-05&from=2030-01-01&page_size=1000")).RootElement;

        table.AssertDisclosesNothing(table.ShownInJson(page.GetProperty("items").EnumerateArray()));
    }

    [Fact]
    public async Task Json_PagedOneFigureAtATime_WithholdsTheSame()
    {
        var items = new List<JsonElement>();
        for (var next = "/api/v1/observations?measure=A2-05&area=" + string.Join("&area=", table.Wards) + "&page_size=1"; next is not null;)
        {
            var page = JsonDocument.Parse(await site.Client.GetStringAsync(next)).RootElement.Clone();
            items.AddRange(page.GetProperty("items").EnumerateArray());
            next = page.GetProperty("next").GetString();
        }

        var whole = table.ShownInJson(JsonDocument.Parse(await site.Client.GetStringAsync("/api/v1/observations?measure=A2-05&page_size=1000")).RootElement.GetProperty("items").EnumerateArray());
        var paged = items.Where(i => i.GetProperty("period").GetString() == table.Period)
            .ToDictionary(i => (i.GetProperty("area").GetString()!, i.GetProperty("breakdown").GetString()!), i => i.GetProperty("suppressed").GetBoolean());

        Assert.Equal(whole.Where(f => table.Wards.Contains(f.Key.Area)).ToDictionary(f => f.Key, f => f.Value is null), paged);
    }

    [Fact]
    public async Task Csv_LeavesWithheldFiguresOut_AndShowsNothingThatGivesOneAway()
    {
        var csv = await site.Client.GetStringAsync("/api/v1/observations?measure=A2-05&format=csv");

        table.AssertDisclosesNothing(table.ShownInCsv(csv));
    }
}

public sealed class OpenDataApiDisclosureOnSqlite(ChangingSqliteSite site) : OpenDataApiDisclosureTests<ChangingSqliteSite>(site);

public sealed class OpenDataApiDisclosureOnPostgres(ChangingPostgresSite site) : OpenDataApiDisclosureTests<ChangingPostgresSite>(site);
