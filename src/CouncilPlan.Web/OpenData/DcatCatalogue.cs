using System.Text.Json.Nodes;
using CouncilPlan.Web.Pages.OpenData;
using CouncilPlan.Web.PublicData;

namespace CouncilPlan.Web.OpenData;

/// <summary>
/// The open-data catalogue as DCAT in JSON-LD at a stable address, so data portals (data.gov.uk,
/// the council's own) can harvest it: each published measure is a dcat:Dataset with its publisher,
/// licence, period covered and CSV, JSON and API distributions (W3C DCAT version 3 vocabulary).
/// </summary>
public static class DcatCatalogue
{
    public const string Path = "/open-data/catalogue.jsonld";

    public static IEndpointRouteBuilder MapDcatCatalogue(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, async (HttpContext http, PublicDataCache cache, CancellationToken cancellationToken) =>
        {
            var data = await cache.GetAsync(cancellationToken);
            var origin = $"{http.Request.Scheme}://{http.Request.Host}";
            var datasets = await OpenDataCatalogue.DatasetsAsync(data);
            var council = data.Plan?.Plan.CouncilName ?? "Council";
            var catalogue = new JsonObject
            {
                ["@context"] = new JsonObject
                {
                    ["dcat"] = "http://www.w3.org/ns/dcat#",
                    ["dct"] = "http://purl.org/dc/terms/",
                    ["foaf"] = "http://xmlns.com/foaf/0.1/",
                    ["xsd"] = "http://www.w3.org/2001/XMLSchema#",
                },
                ["@id"] = origin + Path,
                ["@type"] = "dcat:Catalog",
                ["dct:title"] = $"{data.Plan?.Plan.Name ?? council}: open data",
                ["dct:description"] = "Published figures for the measures of the council's plan.",
                ["dct:publisher"] = new JsonObject { ["@type"] = "foaf:Organization", ["foaf:name"] = council },
                ["foaf:homepage"] = new JsonObject { ["@id"] = origin + "/open-data" },
                ["dcat:dataset"] = new JsonArray(datasets.Select(d => (JsonNode)Dataset(origin, d, council)).ToArray()),
            };
            return Results.Text(catalogue.ToJsonString(), "application/ld+json; charset=utf-8");
        }).CacheOutput().ExcludeFromDescription();
        return endpoints;
    }

    private static JsonObject Dataset(string origin, Dataset d, string council)
    {
        var m = d.Measure.Measure;
        var figures = d.Measure.Assessment.Figures;
        var licence = m.Source?.Licence ?? "Open Government Licence v3.0";
        var licenceUrl = licence.Contains("Open Government Licence", StringComparison.Ordinal)
            ? "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
            : null;
        JsonObject Distribution(string title, string url, string mediaType) => new()
        {
            ["@type"] = "dcat:Distribution",
            ["dct:title"] = title,
            ["dcat:accessURL"] = new JsonObject { ["@id"] = url },
            ["dcat:downloadURL"] = new JsonObject { ["@id"] = url },
            ["dcat:mediaType"] = mediaType,
            ["dct:license"] = licenceUrl is null ? licence : new JsonObject { ["@id"] = licenceUrl },
        };
        return new JsonObject
        {
            ["@id"] = $"{origin}/measures/{m.Code}",
            ["@type"] = "dcat:Dataset",
            ["dct:identifier"] = m.Code,
            ["dct:title"] = m.Title,
            ["dct:description"] = m.Definition,
            ["dct:publisher"] = new JsonObject { ["@type"] = "foaf:Organization", ["foaf:name"] = m.Source?.Publisher ?? council },
            ["dct:license"] = licenceUrl is null ? licence : new JsonObject { ["@id"] = licenceUrl },
            ["dct:rights"] = licence,
            ["dct:source"] = m.Source?.Url is { } source ? new JsonObject { ["@id"] = source } : null,
            ["dct:temporal"] = new JsonObject
            {
                ["@type"] = "dct:PeriodOfTime",
                ["dcat:startDate"] = new JsonObject { ["@value"] = figures.Min(f => f.PeriodStart).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["@type"] = "xsd:date" },
                ["dcat:endDate"] = new JsonObject { ["@value"] = figures.Max(f => f.PeriodEnd).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["@type"] = "xsd:date" },
            },
            ["dcat:landingPage"] = new JsonObject { ["@id"] = $"{origin}/measures/{m.Code}" },
            ["dcat:distribution"] = new JsonArray(
                Distribution("CSV", $"{origin}/api/v1/observations?measure={m.Code}&format=csv", "text/csv"),
                Distribution("JSON", $"{origin}/api/v1/observations?measure={m.Code}", "application/json"),
                Distribution("API: the measure and its judgement", $"{origin}/api/v1/measures/{m.Code}", "application/json")),
        };
    }
}
