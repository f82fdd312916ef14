using AngleSharp.Html.Dom;
using CouncilPlan.Web.PublicData;
using Microsoft.Extensions.DependencyInjection;

namespace CouncilPlan.Web.Tests.Pages.HowWeJudge;

/// <summary>The page that explains every judgement rule, and the links to it, on each database.</summary>
public abstract class HowWeJudgeTests<TSite>(TSite site) : IClassFixture<TSite>
    where TSite : SiteFixture
{
    private static readonly string[] Anchors =
    [
        "direction", "variation", "targets", "benchmarks", "out-of-date", "breaks", "overlap", "precision", "disclosure", "masking", "trajectory",
    ];

    private static string Text(IHtmlDocument page) => string.Join(' ', page.QuerySelector("main")!.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public async Task Page_ExplainsEveryRuleUnderItsOwnAnchor_InTheContentsOrder()
    {
        var page = await site.GetPageAsync("/how-we-judge");

        Assert.Equal("How we judge the figures", page.QuerySelector("h1")!.TextContent.Trim());
        foreach (var anchor in Anchors)
        {
            var heading = page.GetElementById(anchor);
            Assert.True(heading is not null, $"no element with id '{anchor}'");
            Assert.Equal("H2", heading!.TagName);
            Assert.NotEqual(heading, heading.NextElementSibling);
            Assert.Equal("P", heading.NextElementSibling!.TagName);
        }

        Assert.Equal([.. Anchors.Select(a => "#" + a), "#sources"], page.QuerySelectorAll("#rules a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task Page_SaysWhatTheCodeDoes_AndNamesItsSources()
    {
        var page = await site.GetPageAsync("/how-we-judge");
        var text = Text(page);

        // The numbers come from the code that applies them.
        Assert.Contains($"at least {Core.Statistics.Spc.SpcConstants.ShortGroupThreshold} comparable figures in a row", text, StringComparison.Ordinal);
        Assert.Contains("exact Poisson interval below 10 events and Byar's method from 10", text, StringComparison.Ordinal);
        Assert.Contains("we allow 12 months for annual figures, 3 for quarterly and 2 for monthly ones", text, StringComparison.Ordinal);
        Assert.Contains($"fewer than {Core.Statistics.Trajectory.DefaultMinimumPoints} figures", text, StringComparison.Ordinal);
        Assert.Contains("higher than usual", text, StringComparison.Ordinal);
        Assert.Contains("Newcombe", text, StringComparison.Ordinal);
        Assert.Contains("Zou and A. Donner, Construction of confidence limits about effect measures", text, StringComparison.Ordinal);
        var sources = page.QuerySelectorAll("#sources + ul a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Contains(sources, s => s.StartsWith("https://www.england.nhs.uk/", StringComparison.Ordinal));
        Assert.Contains(sources, s => s.StartsWith("https://fingertips.phe.org.uk/", StringComparison.Ordinal));
        Assert.Equal(2, sources.Count(s => s.StartsWith("https://www.ons.gov.uk/", StringComparison.Ordinal)));

        // Written for any council: the only council named is the one the plan's own name gives.
        var plan = (await site.Factory.Services.GetRequiredService<PublicDataCache>().GetAsync()).Plan!.Plan;
        Assert.Contains(plan.Name, text, StringComparison.Ordinal);
        Assert.DoesNotContain("borough", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(plan.CouncilName.Replace(" Council", "", StringComparison.Ordinal), text.Replace(plan.Name, "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/measures")]
    [InlineData("/measures/T2-01")]
    public async Task Pages_LinkToTheRules_AndEveryLinkedAnchorExists(string path)
    {
        var rules = await site.GetPageAsync("/how-we-judge");
        var page = await site.GetPageAsync(path);

        Assert.NotNull(page.QuerySelector("footer a[href='/how-we-judge']"));
        var links = page.QuerySelectorAll("main a[href^='/how-we-judge']").Select(a => a.GetAttribute("href")!).ToList();
        Assert.NotEmpty(links);
        foreach (var fragment in links.Select(l => l.Split('#')).Where(p => p.Length == 2).Select(p => p[1]))
        {
            Assert.True(rules.GetElementById(fragment) is not null, $"{path} links to /how-we-judge#{fragment}, which is not there");
        }
    }
}

public sealed class HowWeJudgeOnSqlite(SqliteSite site) : HowWeJudgeTests<SqliteSite>(site);

public sealed class HowWeJudgeOnPostgres(PostgresSite site) : HowWeJudgeTests<PostgresSite>(site);
