using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AngleSharp.Html.Dom;

namespace CouncilPlan.Web.Tests.Pages;

/// <summary>Every public page, read against the seed plan, once on each database.</summary>
public abstract class PublicPagesTests<TSite>(TSite site) : IClassFixture<TSite>
    where TSite : SiteFixture
{
    private static string H1(IHtmlDocument page) => Assert.Single(page.QuerySelectorAll("h1")).TextContent.Trim();

    private static List<string> Texts(IHtmlDocument page, string selector) =>
        page.QuerySelectorAll(selector).Select(e => string.Join(' ', e.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToList();

    [Fact]
    public async Task Home_ShowsThePlanAtAGlance()
    {
        var page = await site.GetPageAsync("/");

        Assert.Equal("Ambitious Stockport, creating opportunities for everyone", H1(page));
        var text = page.Body!.TextContent;
        Assert.Contains("One team on a mission to create opportunities for Stockport.", text, StringComparison.Ordinal);
        Assert.Contains("Ambitious Stockport. A place that everyone is proud to call home.", text, StringComparison.Ordinal);
        Assert.Contains("We work together with our partners as One Stockport.", text, StringComparison.Ordinal);
        Assert.Equal(["Stockport first", "Achieve as a team", "Work with ambition", "Show everyone respect"], Texts(page, "#values li"));
        var ambitionLinks = page.QuerySelectorAll("a[href^='/ambitions/']").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["Investment, regeneration and creating jobs", "Education, work and skills", "Wellbeing in neighbourhoods", "Delivering for those who need it most"], ambitionLinks);
        Assert.Equal(["Fair and Inclusive Stockport", "Climate Action Now"], page.QuerySelectorAll("a[href^='/themes/']").Select(a => a.TextContent.Trim()));
        Assert.Equal(4, page.QuerySelectorAll("a[href^='/programmes/']").Length);
        Assert.Contains("Our foundation: Effective and efficient services", Texts(page, "h2"));
        foreach (var fact in new[] { "Built over 550 new homes", "Emptied over 14 million bins", "More than £150m in council tax collected", "470,000+ library books loaned" })
        {
            Assert.Contains(fact, text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("investment-regeneration-and-jobs", "Investment, regeneration and creating jobs", 4, 5, "An enterprising and thriving Stockport", "Weir Mill")]
    [InlineData("education-work-and-skills", "Education, work and skills", 4, 10, "A skilled and confident Stockport", "two jobs fairs")]
    [InlineData("wellbeing-in-neighbourhoods", "Wellbeing in neighbourhoods", 4, 5, "A healthy and happy Stockport", "seven family hubs")]
    [InlineData("delivering-for-those-who-need-it-most", "Delivering for those who need it most", 5, 7, null, "20 post-18 supported flats")]
    public async Task AmbitionPage_ShowsKeyAreasCommitmentsImpactStatementsAndWhoAnswersForIt(string id, string title, int keyAreas, int impacts, string? priority, string commitment)
    {
        var page = await site.GetPageAsync($"/ambitions/{id}");

        Assert.Equal(title, H1(page));
        Assert.Equal(keyAreas, page.QuerySelectorAll("section.councilplan-area h3").Length);
        Assert.Equal(impacts, page.QuerySelectorAll("#impact + ol > li").Length);
        Assert.Contains(commitment, page.Body!.TextContent, StringComparison.OrdinalIgnoreCase);
        if (priority is not null)
        {
            Assert.Contains(priority, Texts(page, "aside a"));
        }

        Assert.NotEmpty(page.QuerySelectorAll("aside a[href^='/portfolios/']"));
    }

    [Fact]
    public async Task AmbitionPage_ShowsTheEvidenceForEachImpactStatementWithItsStatusInWords()
    {
        var page = await site.GetPageAsync("/ambitions/investment-regeneration-and-jobs");

        var livingWage = page.QuerySelectorAll("#impact + ol > li").Single(li => li.TextContent.Contains("More Stockport employees receiving the Real Living Wage", StringComparison.Ordinal));
        Assert.NotNull(livingWage.QuerySelector("a[href='/measures/A1-02']"));
        Assert.Contains("Context indicator", livingWage.TextContent, StringComparison.Ordinal);
        var counts = page.QuerySelector(".councilplan-status-counts")!.TextContent;
        Assert.Contains("Awaiting data", counts, StringComparison.Ordinal);
        Assert.Contains("target met", counts, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FirstAmbitionPage_ShowsSchemeDatesAndQuantities()
    {
        var page = await site.GetPageAsync("/ambitions/investment-regeneration-and-jobs");

        var weirMill = page.GetElementById("weir-mill")!;
        Assert.Contains("250 apartments", weirMill.TextContent, StringComparison.Ordinal);
        var exchange = page.GetElementById("stockport-exchange")!;
        Assert.Contains("August 2023 (summer of 2023)", exchange.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Economy and Regeneration", "Communities and Housing"], page.QuerySelectorAll("aside a[href^='/portfolios/']").Select(a => a.TextContent.Trim()));
    }

    [Fact]
    public async Task ClimateThemePage_ShowsBothTargetsFocusAreasAndImpactStatements()
    {
        var page = await site.GetPageAsync("/themes/climate-action-now");

        Assert.Equal("Climate Action Now", H1(page));
        var insets = Texts(page, ".govuk-inset-text");
        Assert.Contains(insets, t => t.Contains("2030", StringComparison.Ordinal) && t.Contains("council's own operations", StringComparison.Ordinal));
        Assert.Contains(insets, t => t.Contains("2038", StringComparison.Ordinal) && t.Contains("whole borough", StringComparison.Ordinal));
        Assert.Equal(4, page.QuerySelectorAll("section.councilplan-area h3").Length);
        Assert.Equal(5, page.QuerySelectorAll("#impact + ol > li").Length);
        Assert.Contains("A climate friendly Stockport", Texts(page, "aside a"));
    }

    [Fact]
    public async Task FairAndInclusiveThemePage_HasSevenImpactStatements()
    {
        var page = await site.GetPageAsync("/themes/fair-and-inclusive-stockport");

        Assert.Equal(7, page.QuerySelectorAll("#impact + ol > li").Length);
        Assert.Equal(4, page.QuerySelectorAll("section.councilplan-area h3").Length);
    }

    [Theory]
    [InlineData("our-workforce", "Our Workforce", "Join Us", 5)]
    [InlineData("working-with-others", "Working with others", null, 5)]
    [InlineData("radically-digital-stockport", "Radically Digital Stockport", "Digital Architecture", 5)]
    [InlineData("delivering-change-and-spending-wisely", "Delivering change and spending wisely", null, 3)]
    public async Task ProgrammePage_ShowsPartsAndPriorityActions(string id, string title, string? part, int actions)
    {
        var page = await site.GetPageAsync($"/programmes/{id}");

        Assert.Equal(title, H1(page));
        if (part is not null)
        {
            Assert.Contains(part, Texts(page, "section.councilplan-area h3"));
        }

        var heading = page.QuerySelectorAll("h2").Single(h => h.TextContent == "Priority actions");
        Assert.Equal(actions, heading.NextElementSibling!.Children.Length);
        Assert.Contains("Finance and Resources", Texts(page, "aside a"));
    }

    [Fact]
    public async Task BoroughPlanPage_ShowsThreePillarsAndNinePriorities()
    {
        var page = await site.GetPageAsync("/borough-plan");

        Assert.Equal("One Stockport Borough Plan", H1(page));
        Assert.Equal(["One Heart", "One Home", "One Future"], Texts(page, "section.councilplan-area h3"));
        Assert.Equal(9, page.QuerySelectorAll(".councilplan-priorities > li").Length);
    }

    [Fact]
    public async Task PortfoliosPage_ShowsTheScrutinyTable()
    {
        var page = await site.GetPageAsync("/portfolios");

        var rows = page.QuerySelectorAll("table tbody tr");
        Assert.Equal(6, rows.Length);
        var enabling = rows.Single(r => r.QuerySelector("th")!.TextContent.Contains("Enabling programmes", StringComparison.Ordinal));
        Assert.Equal("Finance and Resources", enabling.QuerySelector("td")!.TextContent.Trim());
        Assert.Equal(4, enabling.QuerySelectorAll("th a").Length);
    }

    [Fact]
    public async Task PortfolioPage_ListsWhatItAnswersFor()
    {
        var page = await site.GetPageAsync("/portfolios/communities-and-housing");

        Assert.Equal("Communities and Housing", H1(page));
        var links = page.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/ambitions/investment-regeneration-and-jobs", links);
        Assert.Contains("/ambitions/wellbeing-in-neighbourhoods", links);
        Assert.Contains("/themes/climate-action-now", links);
    }

    [Fact]
    public async Task AboutPage_ShowsTheIntroductionAndThePeerChallenge()
    {
        var page = await site.GetPageAsync("/about-the-plan");

        var headings = Texts(page, "h2");
        Assert.Contains("Leader of the Council's Introduction", headings);
        Assert.Contains("Local Government Association (LGA) corporate peer challenge", headings);
        Assert.Contains("November 2022", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MeasurePage_ShowsSummaryChartTableJudgementAndSource()
    {
        var page = await site.GetPageAsync("/measures/T2-01");

        Assert.Equal("Carbon dioxide emissions in Stockport", H1(page));
        Assert.StartsWith("Latest 986.1", page.GetElementById("summary")!.TextContent.Trim(), StringComparison.Ordinal);
        var chart = page.QuerySelector("figure svg[role='img']")!;
        Assert.NotNull(chart.QuerySelector("title"));
        Assert.NotNull(chart.QuerySelector("desc"));
        Assert.Equal(12, chart.QuerySelectorAll(".councilplan-chart__point").Length);
        var rows = page.QuerySelectorAll("#figures + .councilplan-table-wrapper tbody tr");
        Assert.Equal(12, rows.Length);
        Assert.Equal("2022", rows[10].QuerySelector("th")!.TextContent.Trim());
        Assert.Equal("1,026.6", rows[10].QuerySelector("td")!.TextContent.Trim());
        // As at December 2026 DESNZ's next edition was due, so the latest figure is shown, not judged.
        Assert.Contains("Out of date A figure for 2024 was due by", Regex.Replace(page.GetElementById("out-of-date")!.TextContent, @"\s+", " "), StringComparison.Ordinal);
        Assert.Null(page.GetElementById("direction"));
        Assert.Contains("It is not judged until a newer figure is published.", page.GetElementById("summary")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.GetElementById("trajectory"));
        var about = page.GetElementById("about")!.NextElementSibling!.TextContent;
        Assert.Contains("Open Government Licence v3.0", about, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("a[href='/api/v1/observations?measure=T2-01&format=csv']"));
        Assert.NotNull(page.QuerySelector("a[href='/api/v1/measures/T2-01']"));
    }

    [Fact]
    public async Task MeasurePage_WithSeriesBreaks_ListsThemAndMarksTheChart()
    {
        var page = await site.GetPageAsync("/measures/A2-03");

        var breaks = page.GetElementById("breaks")!.QuerySelectorAll("li");
        Assert.NotEmpty(breaks);
        Assert.All(breaks, b => Assert.StartsWith("From ", b.TextContent.Trim(), StringComparison.Ordinal));
        Assert.NotEmpty(page.QuerySelectorAll("figure svg .councilplan-chart__break"));
    }

    [Fact]
    public async Task MeasurePage_ShowsFiguresToThePrecisionPublished()
    {
        // School readiness 2024/25 was published as 68 (a whole number) beside 68.7 the year before.
        var page = await site.GetPageAsync("/measures/A2-01");

        var cells = page.QuerySelectorAll("#figures + .councilplan-table-wrapper tbody tr")
            .ToDictionary(r => r.QuerySelector("th")!.TextContent.Trim(), r => r.QuerySelector("td")!.TextContent.Trim());
        Assert.Equal("68", cells["2024/25 academic"]);
        Assert.Equal("68.7", cells["2023/24 academic"]);
    }

    [Fact]
    public async Task MeasurePage_WithNoFigures_SaysAwaitingData()
    {
        var page = await site.GetPageAsync("/measures/A3-01");

        Assert.Contains("Awaiting data", page.GetElementById("awaiting-data")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("figure svg"));
    }

    [Fact]
    public async Task MeasurePage_ShowsBreakdownsAndComparators()
    {
        var page = await site.GetPageAsync("/measures/A2-01");

        Assert.Contains("Known to be eligible for free school meals", page.GetElementById("groups")!.NextElementSibling!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Solihull", page.GetElementById("comparators")!.NextElementSibling!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MeasurePage_OfShares_ShowsEachShareWithoutComparingItWithTheTotal()
    {
        // A2-21 is the share of residents qualified to Level 2 or above; its breakdown is the share at
        // each level (10.5% with none, 40% at Level 4 ...), which is not the headline for a group.
        var page = await site.GetPageAsync("/measures/A2-21");

        // The catalogue's reason for no control limits ends in a full stop, and so does the page's sentence: one.
        var variation = page.QuerySelectorAll("dt").Single(dt => dt.TextContent.Trim() == "Variation").NextElementSibling!.TextContent;
        Assert.Contains("no time series for control limits. How we judge variation", variation, StringComparison.Ordinal);
        var shares = page.GetElementById("shares")!.NextElementSibling!;
        Assert.Contains("Level 4 qualifications or above", shares.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Compared with", shares.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("worse", shares.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Null(page.GetElementById("groups"));
        Assert.DoesNotContain("figure hides", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MeasuresPage_ListsEveryMeasureWithItsStatusInWords()
    {
        var page = await site.GetPageAsync("/measures");

        var links = page.QuerySelectorAll("main table a[href^='/measures/']");
        Assert.True(links.Length >= 25);
        Assert.Contains(page.QuerySelectorAll("main td"), td => td.TextContent.Trim() == "Awaiting data");
        Assert.Contains(page.QuerySelectorAll("main td"), td => td.TextContent.Trim() == "Context indicator");
    }

    [Fact]
    public async Task ApiReference_HasAFormForEveryOperation()
    {
        var page = await site.GetPageAsync("/open-data/api");

        var forms = page.QuerySelectorAll("main form[method='get']");
        Assert.Equal(7, forms.Length);
        Assert.Contains(forms, f => f.QuerySelector("input[name='path']")!.GetAttribute("value") == "/api/v1/observations" && f.QuerySelector("input[name='measure']") is not null);
        Assert.Contains(forms, f => f.QuerySelector("input[name='path']")!.GetAttribute("value") == "/api/v1/evidence");
    }

    [Fact]
    public async Task ApiReference_TryFillsThePathAndRedirectsOnlyWithinTheApi()
    {
        using var ok = await site.Client.GetAsync("/open-data/api/try?path=/api/v1/measures/%7Bcode%7D&code=T2-01");
        using var away = await site.Client.GetAsync("/open-data/api/try?path=https://example.com/");

        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal("/api/v1/measures/T2-01", ok.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.BadRequest, away.StatusCode);
    }

    [Fact]
    public async Task NeighbourhoodsPage_ListsBothWardSetsWithAMapOfTheCurrentWards()
    {
        var page = await site.GetPageAsync("/neighbourhoods");

        var current = page.GetElementById("stockport-2023")!;

        // The current wards have figures, so they are listed in the table of the shaded map's figures.
        Assert.Equal(21, current.QuerySelectorAll("table tbody th a").Length);
        var hexes = current.QuerySelectorAll("svg a");
        Assert.Equal(21, hexes.Length);
        Assert.Contains(hexes, a => a.GetAttribute("aria-label")!.StartsWith("Bramhall North", StringComparison.Ordinal) && a.GetAttribute("href") == "/neighbourhoods/E05015014");
        Assert.Contains("Published figures for", current.TextContent, StringComparison.Ordinal);
        var older = page.GetElementById("stockport-2004")!;
        Assert.Equal(21, older.QuerySelectorAll("ul.councilplan-ward-list a").Length);
        Assert.Contains("Published figures for", older.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WardProfile_OfAPre2023Ward_ComparesItsFiguresWithTheBorough()
    {
        var page = await site.GetPageAsync("/neighbourhoods/E05000783");

        Assert.Equal("Brinnington and Central", H1(page));
        var rows = page.QuerySelectorAll("main table tbody tr");
        Assert.Contains(rows, r => r.TextContent.Contains("Index of Multiple Deprivation", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.TextContent.Contains("Population", StringComparison.Ordinal) && r.TextContent.Contains("2016", StringComparison.Ordinal));

        // Deprivation as a breakdown: 7 of the ward's 8 neighbourhoods are in England's most deprived fifth (MHCLG IoD2019).
        var quintiles = page.GetElementById("groups-T1-06")!.NextElementSibling!.QuerySelectorAll("tbody tr");
        var mostDeprived = quintiles.Single(r => r.QuerySelector("th")!.TextContent.Trim() == "Most deprived 20% of neighbourhoods in England");
        Assert.Equal(["7 neighbourhoods", "31 neighbourhoods"], mostDeprived.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
    }

    [Fact]
    public async Task WardProfile_OfACurrentWard_ShowsBestFitFiguresAndHighlightsItOnTheMap()
    {
        var page = await site.GetPageAsync("/neighbourhoods/E05015023");

        Assert.Equal("Edgeley", H1(page));
        Assert.Null(page.GetElementById("awaiting-data"));
        var current = Assert.Single(page.QuerySelectorAll("svg a.councilplan-map__area--current"));
        Assert.Equal("Edgeley (this ward)", current.GetAttribute("aria-label"));

        // Edgeley: 3 of its 8 neighbourhoods (LSOAs) in IMD 2019 deciles 1-2 (MHCLG), beside the
        // borough's 31 of 190; a share of places, not a sample, so not tested against the borough.
        var share = page.QuerySelectorAll("main table tbody tr").Single(r => r.TextContent.Contains("Neighbourhoods in England's most deprived 20%", StringComparison.Ordinal));
        Assert.Equal(["2019", "37.5%", "16.3%", "Not compared (no interval)"], share.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        var how = page.GetElementById("how-made-list")!.TextContent;
        Assert.Contains("of the ward's 8 small areas (LSOAs)", how, StringComparison.Ordinal);
        Assert.Contains("A best-fit lookup assigns each small area (LSOA) wholly to one ward", how, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WardProfiles_OfEveryWardSinceMay2023_HaveRealFiguresMadeByBestFit()
    {
        foreach (var code in Enumerable.Range(14, 21).Select(n => $"E050150{n}"))
        {
            var page = await site.GetPageAsync($"/neighbourhoods/{code}");

            Assert.Null(page.GetElementById("awaiting-data"));
            Assert.NotEmpty(page.QuerySelectorAll("main table tbody tr"));
            Assert.Contains("best-fit", page.Body!.TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ClimatePage_ShowsBothTargetsAndTheBoroughTrajectory()
    {
        var page = await site.GetPageAsync("/climate");

        var text = page.Body!.TextContent;
        Assert.Contains("operationally net zero", text, StringComparison.Ordinal);
        Assert.Contains("carbon neutral", text, StringComparison.Ordinal);
        var borough = page.GetElementById("trajectory-T2-01")!;
        Assert.Matches("On course|Off course|Too early to tell", borough.QuerySelector(".govuk-tag")!.TextContent);
        Assert.NotNull(borough.QuerySelector("svg[role='img'] title"));
        Assert.Contains("Awaiting data", page.GetElementById("trajectory-T2-06")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenDataPage_ListsEveryPublishedDatasetWithItsLicenceAndFormats()
    {
        var page = await site.GetPageAsync("/open-data");

        var rows = page.QuerySelectorAll("main table tbody tr");
        Assert.True(rows.Length >= 15);
        var co2 = page.GetElementById("dataset-T2-01")!;
        Assert.Contains("Open Government Licence v3.0", co2.TextContent, StringComparison.Ordinal);
        Assert.NotNull(co2.QuerySelector("a[href='/api/v1/observations?measure=T2-01&format=csv']"));
        Assert.Null(page.GetElementById("dataset-A3-01"));
    }

    [Fact]
    public async Task DcatCatalogue_DescribesEachDatasetWithDistributions()
    {
        using var response = await site.Client.GetAsync("/open-data/catalogue.jsonld");
        var catalogue = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("application/ld+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("dcat:Catalog", catalogue["@type"]!.GetValue<string>());
        var co2 = catalogue["dcat:dataset"]!.AsArray().Single(d => d!["dct:identifier"]!.GetValue<string>() == "T2-01")!;
        Assert.Equal("http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/", co2["dct:license"]!["@id"]!.GetValue<string>());
        Assert.Equal(["text/csv", "application/json", "application/json"], co2["dcat:distribution"]!.AsArray().Select(d => d!["dcat:mediaType"]!.GetValue<string>()));
        Assert.Equal("2012-01-01", co2["dct:temporal"]!["dcat:startDate"]!["@value"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("weir mill", "/ambitions/investment-regeneration-and-jobs#weir-mill")]
    [InlineData("school readiness", "/measures/A2-01")]
    [InlineData("Marple", "/neighbourhoods/E05015029")]
    [InlineData("net zero", "/themes/climate-action-now#council-net-zero-2030")]
    public async Task Search_FindsPlanMeasuresAndWards(string query, string expected)
    {
        var page = await site.GetPageAsync("/search?q=" + Uri.EscapeDataString(query));

        var links = page.QuerySelectorAll(".councilplan-search-results a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains(expected, links);
    }

    [Fact]
    public async Task Search_WithNoMatch_SaysSoAndATooLongQueryIsAnError()
    {
        var none = await site.GetPageAsync("/search?q=zzzxqq");
        var tooLong = await site.GetPageAsync("/search?q=" + new string('a', 201));

        Assert.Equal("No results", none.GetElementById("results")!.TextContent.Trim());
        Assert.StartsWith("Error:", tooLong.Title, StringComparison.Ordinal);
        Assert.NotNull(tooLong.QuerySelector(".govuk-error-summary a[href='#q']"));
    }

    [Fact]
    public async Task AccessibilityStatement_IsPublished()
    {
        var page = await site.GetPageAsync("/accessibility");

        Assert.StartsWith("Accessibility statement", H1(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sitemap_ListsEveryPublicPageAndEachAnswers200WithItsOwnTitleAndOneHeading()
    {
        using var response = await site.Client.GetAsync("/sitemap.xml");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var paths = XDocument.Parse(await response.Content.ReadAsStringAsync()).Descendants(ns + "loc").Select(l => new Uri(l.Value).PathAndQuery).ToList();

        // 14 index pages (the evidence page among them), how we judge, the accessibility statement, 4 ambitions, 2 themes, 4 programmes, 6 portfolios,
        // 42 wards in two ward sets, every measure, and the committee reports' index with each published report.
        Assert.Equal(33 + 42 + paths.Count(p => p.StartsWith("/measures/", StringComparison.Ordinal)) + paths.Count(p => p.StartsWith("/reports/", StringComparison.Ordinal)), paths.Count);
        Assert.Contains("/reports", paths);
        Assert.Contains("/how-we-judge", paths);
        Assert.Contains("/evidence", paths);
        Assert.True(paths.Count(p => p.StartsWith("/measures/", StringComparison.Ordinal)) >= 25);
        var titles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var page = await site.GetPageAsync(path);
            Assert.Equal("en-GB", page.DocumentElement.GetAttribute("lang"));
            Assert.Single(page.QuerySelectorAll("h1"));
            Assert.True(titles.Add(page.Title!), $"{path} repeats the title '{page.Title}'");
            var skip = page.QuerySelector("a.govuk-skip-link")!;
            Assert.Equal("#main-content", skip.GetAttribute("href"));
            Assert.NotNull(page.QuerySelector("main#main-content"));
            Assert.NotNull(page.QuerySelector("footer a[href='/accessibility']"));
            if (path != "/")
            {
                Assert.NotNull(page.QuerySelector("nav.govuk-breadcrumbs a[href='/']"));
            }

            // Nothing comes from another site: no CDN, nothing fetched at run time.
            var sources = page.QuerySelectorAll("link[href], script[src], img[src]").Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!);
            Assert.All(sources, s => Assert.StartsWith("/", s, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/ambitions/no-such-ambition")]
    [InlineData("/themes/investment-regeneration-and-jobs")]
    [InlineData("/portfolios/weir-mill")]
    public async Task UnknownAddress_Answers404WithAFriendlyPage(string path)
    {
        using var response = await site.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await SiteFixture.ParseAsync(response);
        Assert.Equal("Page not found", H1(page));
        Assert.NotNull(page.QuerySelector("a[href='/']"));
    }

    [Theory]
    [InlineData("/css/app.css", "text/css")]
    [InlineData("/govuk/govuk-frontend.min.js", "text/javascript")]
    [InlineData("/js/init.js", "text/javascript")]
    public async Task FrontEndAssets_AreServedByTheApp(string path, string contentType)
    {
        using var response = await site.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Stylesheet_IsGovukFrontendWithoutTheGovukTypeface()
    {
        var css = await site.Client.GetStringAsync("/css/app.css");

        Assert.Contains(".govuk-heading-xl", css, StringComparison.Ordinal);
        Assert.DoesNotContain("GDS Transport", css, StringComparison.Ordinal);
    }
}

public sealed class PublicPagesOnSqlite(SqliteSite site) : PublicPagesTests<SqliteSite>(site);

public sealed class PublicPagesOnPostgres(PostgresSite site) : PublicPagesTests<PostgresSite>(site);
