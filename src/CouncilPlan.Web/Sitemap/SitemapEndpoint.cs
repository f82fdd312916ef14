using System.Xml.Linq;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Reports;
using CouncilPlan.Web.Pages;
using CouncilPlan.Web.PublicData;

namespace CouncilPlan.Web.Sitemap;

/// <summary>sitemap.xml: every public page, so search engines and the accessibility checks find them all.</summary>
public static class SitemapEndpoint
{
    private static readonly XNamespace Ns = "http://www.sitemaps.org/schemas/sitemap/0.9";

    public static IEndpointRouteBuilder MapSitemap(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/sitemap.xml", async (HttpContext context, PublicDataCache cache, CouncilPlanDb db, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var data = await cache.GetAsync(cancellationToken);
            var reports = await new ReportSnapshots(db, clock).ListAsync(publishedOnly: true, cancellationToken: cancellationToken);
            var origin = $"{context.Request.Scheme}://{context.Request.Host}";
            var document = new XDocument(
                new XDeclaration("1.0", "utf-8", null),
                new XElement(
                    Ns + "urlset",
                    PublicPages.All(data, reports.Select(r => r.Id)).Select(path => new XElement(Ns + "url", new XElement(Ns + "loc", origin + path)))));
            return Results.Text(document.Declaration + Environment.NewLine + document.ToString(), "application/xml; charset=utf-8");
        }).CacheOutput().ExcludeFromDescription();
        return endpoints;
    }
}

/// <summary>The address of every public page, in one place for the sitemap and the tests.</summary>
public static class PublicPages
{
    /// <summary>Every public page, with the published committee reports (<c>/reports/{id}</c>).</summary>
    public static IReadOnlyList<string> All(PublicSnapshot data, IEnumerable<int> publishedReports)
    {
        var pages = All(data).ToList();
        if (data.Plan is not null)
        {
            pages.Add("/reports");
            pages.AddRange(publishedReports.Select(id => $"/reports/{id}"));
        }

        return pages;
    }

    public static IReadOnlyList<string> All(PublicSnapshot data)
    {
        var pages = new List<string> { "/accessibility" };
        if (data.Plan is not { } plan)
        {
            return pages;
        }

        // The pages the menu and footer lead to: only those the plan has something behind.
        pages.Clear();
        pages.Add("/");
        pages.AddRange(Navigation.Menu(data).Concat(Navigation.Footer(data)).Select(i => i.Href).Where(h => h != "/sitemap.xml"));
        pages.Add("/open-data/api");
        pages.AddRange(plan.All(ElementKind.Ambition).Select(e => $"/ambitions/{e.Key}"));
        pages.AddRange(plan.All(ElementKind.Theme).Select(e => $"/themes/{e.Key}"));
        pages.AddRange(plan.All(ElementKind.Programme).Select(e => $"/programmes/{e.Key}"));
        pages.AddRange(plan.All(ElementKind.Portfolio).Select(e => $"/portfolios/{e.Key}"));
        pages.AddRange(data.Catalogue.Select(m => $"/measures/{m.Code}"));
        var wardSets = data.WardSets.Where(s => s.CouncilCode == plan.Plan.CouncilAreaCode).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        pages.AddRange(data.Areas.Where(a => a.WardSetId is { } set && wardSets.Contains(set)).Select(a => $"/neighbourhoods/{a.Code}"));
        return pages;
    }
}
