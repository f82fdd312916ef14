using System.Net;
using AngleSharp.Html.Dom;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Updates;
using CouncilPlan.Web.PublicData;
using Microsoft.Extensions.DependencyInjection;

namespace CouncilPlan.Web.Tests.Pages;

/// <summary>
/// The honest summaries on the home page and each ambition, theme and programme page, and the
/// filtered measure lists their counts link to, against the seed data on each database.
/// </summary>
public abstract class PublicPagesSummaryTests<TSite>(TSite site) : IClassFixture<TSite>
    where TSite : SiteFixture
{
    private static readonly string[] Slugs =
    [
        "improving-significantly", "worsening-significantly", "no-significant-change", "not-tested", "out-of-date", "awaiting-data",
    ];

    private static string Measures(int count) => count == 1 ? "1 measure" : $"{count} measures";

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The measures the public site shows, each with its headline, straight from the public data.</summary>
    private async Task<(PublicSnapshot Data, IReadOnlyList<PublicMeasure> Measures)> PublicMeasuresAsync()
    {
        var data = await site.Factory.Services.GetRequiredService<PublicDataCache>().GetAsync();
        return (data, await data.AssessAllAsync(data.Catalogue));
    }

    private static bool IsWithin(PlanElement element, PlanElement section)
    {
        for (var e = element; e is not null; e = e.Parent)
        {
            if (e.Id == section.Id)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Checks a page's counts against the measures expected, and that each count's link lists exactly them.</summary>
    private async Task AssertHeadlineCountsAsync(IHtmlDocument page, IReadOnlyList<PublicMeasure> expected, string? part)
    {
        var rows = page.QuerySelectorAll("#headline-counts tbody tr");
        Assert.Equal(Slugs, rows.Select(r => r.GetAttribute("data-headline")));
        var counted = 0;
        foreach (var row in rows)
        {
            var slug = row.GetAttribute("data-headline")!;
            var codes = expected.Where(m => HeadlineJudgement.Slug(HeadlineJudgement.Of(m.Assessment)) == slug).Select(m => m.Measure.Code).Order(StringComparer.Ordinal).ToList();
            var cell = row.QuerySelector("td")!;
            var link = cell.QuerySelector("a");
            Assert.StartsWith(Measures(codes.Count), Squash(cell.TextContent), StringComparison.Ordinal);
            counted += codes.Count;
            if (codes.Count == 0)
            {
                Assert.Null(link);
                continue;
            }

            var href = link!.GetAttribute("href")!;
            Assert.Equal(part is null ? $"/measures?headline={slug}" : $"/measures?headline={slug}&part={part}", href);
            var list = await site.GetPageAsync(href);
            Assert.Equal(codes, list.QuerySelectorAll("main table tbody tr[data-measure]").Select(r => r.GetAttribute("data-measure")!).Order(StringComparer.Ordinal));
            Assert.All(list.QuerySelectorAll("main table tbody td.councilplan-headline"), td => Assert.Equal(Squash(row.QuerySelector("th .councilplan-judgement")!.TextContent), td.TextContent.Trim()));
            Assert.Contains(Squash(row.QuerySelector("th .councilplan-judgement")!.TextContent).ToLowerInvariant(), list.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
            Assert.NotNull(list.QuerySelector("#filter-links a[href='/measures']"));
        }

        // Every measure is counted, and counted once.
        Assert.Equal(expected.Count, counted);
    }

    [Fact]
    public async Task Home_CountsEveryMeasureOnceUnderItsHeadline_AndEachCountListsExactlyThoseMeasures()
    {
        var (_, measures) = await PublicMeasuresAsync();
        var page = await site.GetPageAsync("/");

        await AssertHeadlineCountsAsync(page, measures, part: null);

        // The seed data has figures of several kinds, so a summary that put everything in one place would fail here.
        Assert.True(measures.Select(m => HeadlineJudgement.Of(m.Assessment)).Distinct().Count() >= 3);
        Assert.Contains(Measures(measures.Count), page.GetElementById("summary")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_RatesAgainstTargetOnlyUpToDatePerformanceMeasures_AndCountsCommitmentsByStatus()
    {
        var (data, measures) = await PublicMeasuresAsync();
        var page = await site.GetPageAsync("/");

        var current = measures.Where(m => m.Measure.Kind == MeasureKind.Performance && !m.Assessment.AwaitingData && !m.Assessment.OutOfDate).ToList();
        var rag = page.QuerySelectorAll("#rag-counts tbody tr").ToDictionary(r => r.GetAttribute("data-rag")!, r => r.QuerySelector("td")!.TextContent.Trim());
        Assert.Equal(Measures(current.Count(m => m.Assessment.Rag == Core.Statistics.Rag.Green)), rag["green"]);
        Assert.Equal(Measures(current.Count(m => m.Assessment.Rag == Core.Statistics.Rag.Amber)), rag["amber"]);
        Assert.Equal(Measures(current.Count(m => m.Assessment.Rag == Core.Statistics.Rag.Red)), rag["red"]);
        Assert.Equal(Measures(current.Count(m => m.Assessment.Rag == Core.Statistics.Rag.NotRated)), rag["notrated"]);
        var notCounted = Squash(page.GetElementById("rag-not-counted")!.TextContent);
        Assert.Contains($"{Measures(measures.Count(m => m.Measure.Kind == MeasureKind.Performance && m.Assessment.OutOfDate))} with out-of-date figures", notCounted, StringComparison.Ordinal);

        var plan = data.Plan!;
        var commitments = plan.Elements.Where(e => e.Kind is ElementKind.Commitment or ElementKind.Scheme).ToList();
        var statuses = page.QuerySelectorAll("#commitment-counts tbody tr").ToDictionary(r => r.GetAttribute("data-status")!, r => r.QuerySelector("td")!.TextContent.Trim());
        Assert.Equal(Enum.GetNames<CommitmentStatus>(), statuses.Keys);
        foreach (var status in Enum.GetValues<CommitmentStatus>())
        {
            var count = commitments.Count(c => (data.CommitmentStatuses.GetValueOrDefault(c.Id)?.Status ?? CommitmentStatus.NotYetReported) == status);
            Assert.Equal(count == 1 ? "1 commitment or scheme" : $"{count} commitments or schemes", statuses[status.ToString()]);
        }

        Assert.NotEmpty(commitments);
    }

    [Fact]
    public async Task EachAmbitionThemeAndProgramme_CountsItsOwnMeasures_AndEachCountListsExactlyThoseMeasures()
    {
        var (data, measures) = await PublicMeasuresAsync();
        var plan = data.Plan!;
        var sections = plan.All(ElementKind.Ambition).Concat(plan.All(ElementKind.Theme)).Concat(plan.All(ElementKind.Programme)).ToList();
        Assert.Equal(10, sections.Count);

        foreach (var section in sections)
        {
            var inside = plan.Elements.Where(e => IsWithin(e, section)).Select(e => e.Id).ToHashSet();
            var own = measures.Where(m => m.Measure.Evidence.Any(e => inside.Contains(e.ElementId))).ToList();
            var path = Web.Pages.Links.To(section);
            var page = await site.GetPageAsync(path);
            if (own.Count == 0)
            {
                Assert.Null(page.GetElementById("headline-counts"));
                continue;
            }

            await AssertHeadlineCountsAsync(page, own, section.Key);
            var all = await site.GetPageAsync($"/measures?part={section.Key}");
            Assert.Equal(own.Select(m => m.Measure.Code).Order(StringComparer.Ordinal), all.QuerySelectorAll("main table tbody tr[data-measure]").Select(r => r.GetAttribute("data-measure")!).Order(StringComparer.Ordinal));
            Assert.NotNull(all.QuerySelector($"#filter-links a[href='{path}#how-we-are-doing']"));
        }
    }

    [Theory]
    [InlineData("/measures?headline=getting-better")]
    [InlineData("/measures?part=no-such-part")]
    [InlineData("/measures?headline=out-of-date&part=weir-mill")]
    public async Task MeasureList_WithAFilterThatNamesNothing_Answers404AndSaysSo(string path)
    {
        using var response = await site.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await SiteFixture.ParseAsync(response);
        Assert.Equal("There is no such list of measures", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.NotNull(page.GetElementById("unknown-filter"));
        Assert.NotNull(page.QuerySelector("main a[href='/measures']"));
        Assert.Empty(page.QuerySelectorAll("main table"));
    }

    [Fact]
    public async Task MeasureList_Unfiltered_StillListsEveryMeasure_AndLinksToHowWeJudge()
    {
        var (data, _) = await PublicMeasuresAsync();
        var page = await site.GetPageAsync("/measures");

        Assert.Equal(data.Catalogue.Select(m => m.Code).Order(StringComparer.Ordinal), page.QuerySelectorAll("main table tbody tr[data-measure]").Select(r => r.GetAttribute("data-measure")!).Order(StringComparer.Ordinal));
        Assert.NotNull(page.QuerySelector("main a[href='/how-we-judge']"));
        Assert.Null(page.GetElementById("filter-links"));
    }
}

public sealed class PublicPagesSummaryOnSqlite(SqliteSite site) : PublicPagesSummaryTests<SqliteSite>(site);

public sealed class PublicPagesSummaryOnPostgres(PostgresSite site) : PublicPagesSummaryTests<PostgresSite>(site);
