using System.Globalization;
using AngleSharp.Dom;

namespace CouncilPlan.Web.Tests.Pages.Neighbourhoods;

/// <summary>
/// The neighbourhoods map from the real ward boundaries of the default dataset: every ward drawn and
/// linked, the attribution shown, shading by a chosen measure with a key and a table that say the
/// same in words, and the hex map as the other view; all without JavaScript (plain links and a GET form).
/// </summary>
public sealed class WardMapTests(SqliteSite site) : IClassFixture<SqliteSite>
{
    private const string CurrentWards = "stockport-2023";

    private static IElement Section(IParentNode page) => page.QuerySelector($"section#{CurrentWards}")!;

    [Fact]
    public async Task Map_DrawsEveryCurrentWardFromItsBoundary_WithTheAttribution()
    {
        var section = Section(await site.GetPageAsync("/neighbourhoods"));

        var areas = section.QuerySelectorAll("svg.councilplan-map a.councilplan-map__area").ToList();
        Assert.Equal(21, areas.Count);
        Assert.All(areas, a => Assert.Matches("^/neighbourhoods/E0501(50(1[4-9]|2[0-9]|3[0-4]))$", a.GetAttribute("href")!));
        Assert.All(areas, a => Assert.StartsWith("M", a.QuerySelector("path")!.GetAttribute("d"), StringComparison.Ordinal));
        Assert.Empty(section.QuerySelectorAll("svg.councilplan-map text"));
        Assert.Contains("Crown copyright", section.QuerySelector("figcaption")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Map_IsShadedByAMeasure_WithAKeyAndATableThatAgree()
    {
        var section = Section(await site.GetPageAsync("/neighbourhoods"));
        var options = section.QuerySelectorAll("select[name=measure] option").Select(o => o.GetAttribute("value")!).ToList();
        Assert.NotEmpty(options);

        // Each measure the form offers, asked for as the form would send it.
        foreach (var code in options)
        {
            var page = Section(await site.GetPageAsync($"/neighbourhoods?set={CurrentWards}&measure={code}"));
            Assert.Equal(code, page.QuerySelector("select[name=measure] option[selected]")!.GetAttribute("value"));

            var keyBands = page.QuerySelectorAll(".councilplan-map-legend li").Select(li => li.TextContent).Where(t => t.StartsWith("Band ", StringComparison.Ordinal)).ToList();
            Assert.InRange(keyBands.Count, 1, 5);

            // Every ward's row names its band; the map's area for it is filled with that band's pattern and says the same in its name.
            var rows = page.QuerySelectorAll("table tbody tr").ToList();
            Assert.Equal(21, rows.Count);
            foreach (var row in rows)
            {
                var href = row.QuerySelector("a")!.GetAttribute("href")!;
                var band = row.QuerySelectorAll("td")[1].TextContent.Trim();
                var area = page.QuerySelector($"svg a[href='{href}']")!;
                var fill = area.QuerySelector("path")!.GetAttribute("fill")!;
                if (band.Length == 0)
                {
                    Assert.EndsWith("-none)", fill, StringComparison.Ordinal);
                    continue;
                }

                var number = int.Parse(band.Split(' ')[0], CultureInfo.InvariantCulture);
                Assert.Equal($"url(#{CurrentWards}-map-band-{number})", fill);
                Assert.Contains($"band {band}", area.GetAttribute("aria-label"), StringComparison.Ordinal);
                Assert.NotNull(page.QuerySelector($"pattern#{CurrentWards}-map-band-{number}"));
            }
        }
    }

    [Fact]
    public async Task HexView_IsTheOtherWayToSeeIt_AndLinksBack()
    {
        var section = Section(await site.GetPageAsync("/neighbourhoods"));
        var link = section.QuerySelectorAll("a").Single(a => a.TextContent.StartsWith("Show as a hex map", StringComparison.Ordinal)).GetAttribute("href")!;

        var hex = Section(await site.GetPageAsync(link));

        Assert.Equal(21, hex.QuerySelectorAll("svg.councilplan-map text").Length);
        Assert.Contains(hex.QuerySelectorAll("a"), a => a.TextContent == "Show the real ward boundaries");
        if (hex.QuerySelector("form select[name=measure]") is not null)
        {
            // Choosing another measure keeps the hex view.
            Assert.NotNull(hex.QuerySelector("form input[name=view][value=hex]"));
        }
    }

    [Fact]
    public async Task WardProfile_PicksOutTheWardOnTheRealMap()
    {
        var page = await site.GetPageAsync("/neighbourhoods/E05015023");

        var current = Assert.Single(page.QuerySelectorAll("svg a.councilplan-map__area--current"));
        Assert.Equal("/neighbourhoods/E05015023", current.GetAttribute("href"));
        Assert.EndsWith("(this ward)", current.GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.Equal(21, page.QuerySelectorAll("svg a.councilplan-map__area path").Length);
    }
}
