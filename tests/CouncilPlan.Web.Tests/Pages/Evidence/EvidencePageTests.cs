using System.Net;
using System.Text.Json;

namespace CouncilPlan.Web.Tests.Pages.Evidence;

/// <summary>
/// The evidence page against the open-data API: every impact statement appears once, and the page's
/// "evidenced" count is what anyone counting through the API gets (a statement with at least one
/// measure whose latest published figure exists).
/// </summary>
public sealed class EvidencePageTests(SqliteSite site) : IClassFixture<SqliteSite>
{
    private async Task<JsonElement> JsonAsync(string path)
    {
        using var response = await site.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    /// <summary>The element's key from the API's stable id ("plan/key").</summary>
    private static string Key(JsonElement id) => id.GetString()![(id.GetString()!.IndexOf('/', StringComparison.Ordinal) + 1)..];

    [Fact]
    public async Task EvidencePage_ListsEveryStatementOnce_WithTheCountsTheApiGives()
    {
        var statements = (await JsonAsync("/api/v1/plan/elements?kind=impact-statement")).GetProperty("items").EnumerateArray()
            .Select(e => Key(e.GetProperty("id"))).ToList();
        var measures = (await JsonAsync("/api/v1/measures")).GetProperty("items").EnumerateArray().ToList();
        var evidenced = measures.Where(m => m.GetProperty("latest").ValueKind != JsonValueKind.Null)
            .SelectMany(m => m.GetProperty("evidences").EnumerateArray().Select(Key))
            .Intersect(statements).Count();
        var measured = measures.SelectMany(m => m.GetProperty("evidences").EnumerateArray().Select(Key)).Intersect(statements).Count();
        Assert.NotEmpty(statements);

        var page = await site.GetPageAsync("/evidence");

        var listed = page.QuerySelectorAll("li.councilplan-impact").Select(li => li.Id).ToList();
        Assert.Equal(statements.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        var counts = page.QuerySelectorAll("#summary tbody tr").ToDictionary(r => r.QuerySelector("th")!.TextContent.Trim(), r => int.Parse(r.QuerySelector("td")!.TextContent, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(evidenced, counts["Evidenced by published figures"]);
        Assert.Equal(statements.Count - measured, counts["No measure"]);
        Assert.Equal(statements.Count, counts.Values.Sum());
        Assert.InRange(evidenced, 1, statements.Count - 1);
    }

    [Fact]
    public async Task EvidenceApi_GivesThePagesCountsAndStates_EachStateTrueOfItsMeasures()
    {
        var evidence = await JsonAsync("/api/v1/evidence");
        var items = evidence.GetProperty("items").EnumerateArray().ToList();
        var statements = (await JsonAsync("/api/v1/plan/elements?kind=impact-statement")).GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToList();

        var page = await site.GetPageAsync("/evidence");

        // Every statement once, in the page's order, each with the page's words for its state.
        Assert.Equal(statements.Order(StringComparer.Ordinal), items.Select(i => i.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(page.QuerySelectorAll("li.councilplan-impact").Select(li => li.Id), items.Select(i => Key(i.GetProperty("id"))));
        foreach (var item in items)
        {
            var listed = page.GetElementById(Key(item.GetProperty("id")))!;
            Assert.StartsWith(item.GetProperty("state_text").GetString()!, listed.QuerySelector("p.govuk-body-s strong")!.TextContent, StringComparison.Ordinal);
            var measures = item.GetProperty("measures").EnumerateArray().ToList();
            var published = measures.Any(m => m.GetProperty("latest").ValueKind != JsonValueKind.Null);
            var expected = measures.Count == 0 ? "no-measure" : published ? "published" : null;
            if (expected is not null)
            {
                Assert.Equal(expected, item.GetProperty("state").GetString());
            }
            else
            {
                Assert.Contains(item.GetProperty("state").GetString(), new[] { "awaiting-council", "awaiting-publisher" });
                Assert.All(measures, m => Assert.True(m.GetProperty("awaiting_data").GetBoolean()));
            }
        }

        var counts = evidence.GetProperty("counts");
        var table = page.QuerySelectorAll("#summary tbody tr").Select(r => int.Parse(r.QuerySelector("td")!.TextContent, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(table, new[] { "published", "awaiting_council", "awaiting_publisher", "no_measure" }.Select(n => counts.GetProperty(n).GetInt32()));
        Assert.Equal(items.Count, counts.GetProperty("statements").GetInt32());
        Assert.Equal(items.Count(i => i.GetProperty("state").GetString() == "published"), counts.GetProperty("published").GetInt32());

        // Issue 11's figure for the default dataset: at least 21 of the plan's 39 statements evidenced.
        Assert.Equal(39, counts.GetProperty("statements").GetInt32());
        Assert.InRange(counts.GetProperty("published").GetInt32(), 21, 39);
    }

    [Fact]
    public async Task EachStatement_SaysWhyItHasNoEvidence_AndEachAmbitionLinksToIt()
    {
        var page = await site.GetPageAsync("/evidence");

        foreach (var item in page.QuerySelectorAll("li.councilplan-impact"))
        {
            var state = item.QuerySelector("p.govuk-body-s strong")!.TextContent;
            var hasTable = item.QuerySelector("table") is not null;
            Assert.True(state.StartsWith("No measure", StringComparison.Ordinal) != hasTable, $"{item.Id}: '{state}' with{(hasTable ? "" : "out")} a table of measures");
        }

        var ambitions = (await JsonAsync("/api/v1/plan/elements?kind=ambition")).GetProperty("items").EnumerateArray().Select(e => Key(e.GetProperty("id"))).ToList();
        Assert.NotEmpty(ambitions);
        foreach (var ambition in ambitions)
        {
            var ambitionPage = await site.GetPageAsync($"/ambitions/{ambition}");
            Assert.NotNull(ambitionPage.QuerySelector($"a[href='/evidence#{ambition}']"));
            Assert.NotNull(page.GetElementById(ambition));
        }
    }
}

/// <summary>Another council's plan: its evidence page in its own words, grouped by its own top level.</summary>
public sealed class EvidencePageInAnotherCouncilsWordsTests(EastmoorSite site) : IClassFixture<EastmoorSite>
{
    [Fact]
    public async Task EvidencePage_UsesThePlansImpactWordsAndLevelNames()
    {
        var page = await site.GetPageAsync("/evidence");

        Assert.Contains("We will know we are succeeding when we see", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var captions = page.QuerySelectorAll("section.councilplan-area .govuk-caption-m").Select(c => c.TextContent.Trim()).ToList();
        Assert.NotEmpty(captions);
        Assert.All(captions, c => Assert.StartsWith("Priority ", c, StringComparison.Ordinal));
        Assert.NotNull((await site.GetPageAsync("/")).QuerySelector("a[href='/evidence']"));
    }
}
