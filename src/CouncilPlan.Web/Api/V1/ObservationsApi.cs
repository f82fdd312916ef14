using System.Globalization;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Exports;
using CouncilPlan.Web.PublicData;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;

namespace CouncilPlan.Web.Api.V1;

public sealed record ObservationResponse(
    string Measure,
    string Period,
    string Area,
    string Breakdown,
    double? Value,
    double? Numerator,
    double? Denominator,
    double? LowerCi,
    double? UpperCi,
    string Status,
    string? QualityNote,
    bool Suppressed);

public sealed record ObservationPage(IReadOnlyList<ObservationResponse> Items, int Page, int PageSize, string? Next);

public static class ObservationsApi
{
    public const int DefaultPageSize = 100;

    public const int MaxPageSize = 1000;

    public static void MapObservationsApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/observations", GetAsync)
            .WithTags("Observations")
            .WithName("GetObservations")
            .WithSummary("Published figures")
            .WithDescription(
                "Published observations, filtered by measure code, area code and breakdown (each repeatable; breakdown is dimension:category, or empty for the whole population) and by period: from and to are dates (YYYY-MM-DD), keeping periods that start on or after from and on or before to. " +
                "JSON is paged (page from 1, page_size up to 1000, next gives the following page; a page past the end is empty, with next null). " +
                "A measure or area code that names nothing published is answered 404; a parameter that cannot be read is answered 400 naming it, as problem details (RFC 9457). CSV (format=csv or Accept: text/csv) streams every matching row in the import format. " +
                "lower_ci and upper_ci are the 95% confidence interval the source publishes, when it does. " +
                "Figures withheld by disclosure control are shown in JSON with suppressed true and no value, numerator, denominator or interval, and left out of CSV.")
            // The JSON page last: of two 200 answers the document keeps the later, and the page's
            // schema is the contract (the CSV is the import format, documented on its own).
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .Produces<ObservationPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // Read as text (see GetAsync), but described as what they accept.
                foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
                {
                    parameter.Schema = parameter.Name switch
                    {
                        "page" => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1" },
                        "page_size" => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = MaxPageSize.ToString(CultureInfo.InvariantCulture) },
                        "from" or "to" => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" },
                        _ => parameter.Schema,
                    };
                }

                return Task.CompletedTask;
            });
    }

    private static async Task<IResult> GetAsync(
        HttpContext http,
        [FromQuery(Name = "measure")] string[]? measure,
        [FromQuery(Name = "area")] string[]? area,
        [FromQuery(Name = "breakdown")] string[]? breakdown,
        [FromQuery(Name = "from")] string? from,
        [FromQuery(Name = "to")] string? to,
        [FromQuery(Name = "page")] string? page,
        [FromQuery(Name = "page_size")] string? pageSize,
        [FromQuery(Name = "format")] string? format,
        CouncilPlanDb db,
        PublicDataCache cache,
        CancellationToken cancellationToken)
    {
        // Numbers and dates arrive as text and are read here, so that a bad one is answered with
        // its name and what it accepts rather than the framework's bare 400.
        if (format is not null and not "csv" and not "json")
        {
            return ApiProblems.BadParameter("format", "format must be json or csv.");
        }

        if (!ApiProblems.TryWholeNumber(pageSize, "page_size", 1, MaxPageSize, out var sizeGiven, out var problem)
            || !ApiProblems.TryWholeNumber(page, "page", 1, int.MaxValue, out var numberGiven, out problem)
            || !ApiProblems.TryDate(from, "from", out var fromDate, out problem)
            || !ApiProblems.TryDate(to, "to", out var toDate, out problem))
        {
            return problem!;
        }

        var filter = new ObservationExportFilter
        {
            MeasureCodes = measure?.Where(c => c.Length > 0).ToList() ?? [],
            AreaCodes = area?.Where(c => c.Length > 0).ToList() ?? [],
            BreakdownKeys = breakdown ?? [],
            From = fromDate,
            To = toDate,
        };

        // A code that names nothing is a mistake and is answered as one: an empty page would read as "no figures yet".
        var snapshot = await cache.GetAsync(cancellationToken);
        if (filter.MeasureCodes.FirstOrDefault(c => snapshot.FindMeasure(c) is null) is { } unknownMeasure)
        {
            return ApiProblems.NotFound("measure", unknownMeasure, "measure");
        }

        if (filter.AreaCodes.FirstOrDefault(c => snapshot.FindArea(c) is null) is { } unknownArea)
        {
            return ApiProblems.NotFound("area", unknownArea, "area");
        }

        var size = sizeGiven ?? DefaultPageSize;
        var number = numberGiven ?? 1;

        var published = await PublicObservations.LoadAsync(db, filter, cancellationToken);
        if (ApiV1.WantsCsv(http.Request))
        {
            return Results.Stream(
                output => ObservationCsvWriter.WriteAsync(published.ShownAsync(cancellationToken), output, cancellationToken),
                "text/csv; charset=utf-8",
                fileDownloadName: filter.MeasureCodes.Count == 1 ? $"{filter.MeasureCodes.First()}.csv" : "observations.csv");
        }

        // In long arithmetic, since page and page_size multiplied can pass int's range. A page past
        // the end is empty with no next link, however far past: the database is not asked.
        var skip = (number - 1L) * size;
        IReadOnlyList<ObservationRecord> rows = skip > int.MaxValue - size - 1 ? [] : await published.PageAsync((int)skip, size + 1, cancellationToken);
        var items = rows.Take(size).Select(r => new ObservationResponse(
            r.Measure,
            r.Period,
            r.Area,
            r.Breakdown,
            r.Value,
            r.Numerator,
            r.Denominator,
            r.LowerCi,
            r.UpperCi,
            ObservationExport.StatusText(r.Status),
            r.QualityNote,
            r.Suppressed)).ToList();
        string? next = null;
        if (rows.Count > size)
        {
            var query2 = QueryString.Create(http.Request.Query.Where(q => q.Key is not "page").SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v))))
                .Add("page", (number + 1L).ToString(CultureInfo.InvariantCulture));
            next = $"{ApiV1.Prefix}/observations{query2}";
        }

        return Results.Json(new ObservationPage(items, number, size, next), ApiV1.Json);
    }
}
