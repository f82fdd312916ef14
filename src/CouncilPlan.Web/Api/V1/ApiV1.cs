using System.Text.Json;
using System.Text.Json.Serialization;
using CouncilPlan.Web.PublicData;
using Microsoft.AspNetCore.OutputCaching;

namespace CouncilPlan.Web.Api.V1;

/// <summary>
/// The open-data API: published data only, JSON by default and CSV on request, with an ETag and
/// Cache-Control on every response and anonymous GETs served from the output cache, which is
/// emptied when public data changes.
/// </summary>
public static class ApiV1
{
    public const string Prefix = "/api/v1";

    public const string CachePolicy = "public-api";

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = false,
    };

    public static IServiceCollection AddApiV1(this IServiceCollection services)
    {
        services.AddOpenApi("v1", options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "CouncilPlan open data API";
                document.Info.Version = "v1";
                document.Info.Description = "The council's plan, measures and published figures. Published data only; JSON by default, CSV with ?format=csv or Accept: text/csv.";

                // Relative to wherever the API is served, so the document is the same on every host.
                document.Servers?.Clear();
                return Task.CompletedTask;
            });
        });
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        return services;
    }

    public static IEndpointRouteBuilder MapApiV1(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Prefix)
            .CacheOutput(CachePolicy)
            .AddEndpointFilter(ETagAndCacheControl);
        api.MapPlanApi();
        api.MapMeasuresApi();
        api.MapObservationsApi();
        api.MapAreasApi();
        api.MapEvidenceApi();
        endpoints.MapOpenApi(Prefix + "/openapi.json").CacheOutput(CachePolicy);
        return endpoints;
    }

    /// <summary>The output cache policy for public responses: tagged so that new data empties it, varying by format.</summary>
    public static void AddPolicies(OutputCacheOptions options)
    {
        options.AddPolicy(CachePolicy, policy => policy
            .Tag(PublicDataCache.OutputCacheTag)
            .SetVaryByHeader("Accept")
            .SetVaryByQuery("*")
            .Expire(TimeSpan.FromHours(1)));
    }

    /// <summary>An enum value as the API and the data files write it: HigherIsBetter is "higher-is-better".</summary>
    public static string Name(Enum value) =>
        string.Concat(value.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    /// <summary>True when the caller asked for CSV (?format=csv, or Accept: text/csv).</summary>
    public static bool WantsCsv(HttpRequest request) =>
        string.Equals(request.Query["format"], "csv", StringComparison.OrdinalIgnoreCase)
        || (request.Query["format"].Count == 0 && request.Headers.Accept.Any(a => a is not null && a.Contains("text/csv", StringComparison.OrdinalIgnoreCase)));

    private static async ValueTask<object?> ETagAndCacheControl(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var cache = http.RequestServices.GetRequiredService<PublicDataCache>();
        var snapshot = await cache.GetAsync(http.RequestAborted);
        // The day is part of the version: a figure can become out of date overnight with no new data.
        var etag = $"\"v{snapshot.Version}-{snapshot.AsAt:yyyyMMdd}-{(WantsCsv(http.Request) ? "csv" : "json")}\"";
        if (http.Request.Headers.IfNoneMatch.Contains(etag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "public, max-age=60";
        http.Response.Headers.Vary = "Accept";
        return await next(context);
    }
}
