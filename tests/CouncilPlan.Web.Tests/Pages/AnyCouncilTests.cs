using System.Text.RegularExpressions;
using System.Xml.Linq;
using CouncilPlan.Testing;

namespace CouncilPlan.Web.Tests.Pages;

/// <summary>
/// Another council's site: a district's two-level plan with no themes, programmes, portfolios or
/// partnership plan. Every public page and API answer is checked for a 200, for none of
/// Stockport's words, and for links that lead somewhere.
/// </summary>
public sealed partial class AnyCouncilTests(EastmoorSite site) : IClassFixture<EastmoorSite>
{
    /// <summary>Words only Stockport's plan or place would put on a page: its name, places, plan and structure.</summary>
    public static readonly string[] StockportWords = [.. Testing.StockportWords.Only, .. Testing.StockportWords.Structure];

    private static readonly string[] ApiPaths =
    [
        "/api/v1/plan", "/api/v1/plan/elements", "/api/v1/measures", "/api/v1/measures/EM-02", "/api/v1/areas",
        "/api/v1/observations?measure=EM-01", "/api/v1/observations?measure=EM-02&format=csv",
    ];

    [Fact]
    public async Task EveryPublicPage_Answers200_WithNoStockportWord_AndEveryLinkOnItLeadsSomewhere()
    {
        var sitemap = XDocument.Parse(await site.Client.GetStringAsync("/sitemap.xml"));
        var pages = sitemap.Descendants().Where(e => e.Name.LocalName == "loc").Select(e => new Uri(e.Value).PathAndQuery).ToList();
        Assert.Contains("/ambitions/homes-for-everyone", pages);
        Assert.Contains("/neighbourhoods/E05999001", pages);
        Assert.DoesNotContain("/themes", pages);
        Assert.DoesNotContain("/portfolios", pages);

        var links = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var path in pages)
        {
            using var response = await site.Client.GetAsync(path);
            var html = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                problems.Add($"{path} answered {(int)response.StatusCode}");
                continue;
            }

            var description = Description().Match(html);
            if (!description.Success)
            {
                problems.Add($"{path} has no meta description");
            }

            problems.AddRange(StockportWordsIn(Visible(html) + " " + System.Net.WebUtility.HtmlDecode(description.Groups[1].Value)).Select(word => $"{path} says '{word}'"));
            foreach (Match link in Href().Matches(html))
            {
                links.Add(link.Groups[1].Value.Split('#')[0]);
            }
        }

        foreach (var link in links.Where(l => l.StartsWith('/') && !l.StartsWith("//", StringComparison.Ordinal) && !l.StartsWith("/staff", StringComparison.Ordinal) && l.Length > 0))
        {
            using var response = await site.Client.GetAsync(System.Net.WebUtility.HtmlDecode(link));
            if ((int)response.StatusCode >= 400)
            {
                problems.Add($"a link to {link} answers {(int)response.StatusCode}");
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public async Task HomePage_SpeaksInTheCouncilsOwnWords()
    {
        var page = await site.GetPageAsync("/");

        Assert.Equal("Eastmoor District Council Corporate Plan 2024-28", page.QuerySelector(".govuk-caption-xl")?.TextContent.Trim());
        Assert.Equal("Corporate Plan", page.QuerySelector(".govuk-service-navigation__service-name")?.TextContent.Trim());
        var menu = page.QuerySelectorAll(".govuk-service-navigation__item").Select(i => i.TextContent.Trim()).ToList();
        Assert.Equal(["Priorities", "Measures", "Evidence", "Neighbourhoods"], menu);
        Assert.Contains(page.QuerySelectorAll("h2"), h => h.TextContent.Trim() == "Our three priorities");
        Assert.DoesNotContain(page.QuerySelectorAll("h2"), h => h.TextContent.Contains("mission", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task PriorityPage_ListsItsActionsAndImpactInTheCouncilsWords()
    {
        var page = await site.GetPageAsync("/ambitions/thriving-towns");

        Assert.Equal("Priority 1", page.QuerySelector(".govuk-caption-l")?.TextContent.Trim());
        Assert.Equal(["Priorities"], page.QuerySelectorAll(".govuk-breadcrumbs__list-item").Skip(1).Select(c => c.TextContent.Trim()));
        Assert.Equal("Actions", page.QuerySelector("#delivery")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("#high-street-grants"));
        Assert.Equal("We will know we are succeeding when we see", page.QuerySelector("#impact")?.TextContent.Trim());
        Assert.Contains("Action", page.QuerySelector("#rural-broadband dd")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Neighbourhoods_CompareWardsWithTheDistrict()
    {
        var page = await site.GetPageAsync("/neighbourhoods");

        Assert.Contains("compared with the district as a whole", page.QuerySelector("main")?.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/themes")]
    [InlineData("/programmes")]
    [InlineData("/portfolios")]
    [InlineData("/borough-plan")]
    [InlineData("/climate")]
    public async Task SectionsThePlanDoesNotHave_HaveNoPage(string path)
    {
        using var response = await site.Client.GetAsync(path);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task EveryApiAnswer_Is200_WithNoStockportWord()
    {
        foreach (var path in ApiPaths)
        {
            using var response = await site.Client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();

            Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}");
            var words = StockportWordsIn(body).ToList();
            words.RemoveAll(w => w is "ambition" or "portfolio");
            Assert.True(words.Count == 0, $"{path} says {string.Join(", ", words)}");
        }

        var plan = await site.Client.GetStringAsync("/api/v1/plan");
        Assert.Contains("\"service_name\":\"Corporate Plan\"", plan, StringComparison.Ordinal);
        Assert.Contains("\"place_word\":\"district\"", plan, StringComparison.Ordinal);
        Assert.Contains("\"singular\":\"priority\"", plan, StringComparison.Ordinal);
    }

    public static IEnumerable<string> StockportWordsIn(string text) =>
        StockportWords.Where(word => Regex.IsMatch(text, $@"\b{Regex.Escape(word)}", RegexOptions.IgnoreCase));

    /// <summary>The text a reader sees (and the page title), not the markup's class names or addresses.</summary>
    private static string Visible(string html)
    {
        var text = Regex.Replace(html, "<script.*?</script>|<style.*?</style>", " ", RegexOptions.Singleline);
        text = Regex.Replace(text, "<[^>]+>", " ");
        return System.Net.WebUtility.HtmlDecode(text);
    }

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Href();

    [GeneratedRegex("<meta name=\"description\" content=\"([^\"]*)\"")]
    private static partial Regex Description();
}
