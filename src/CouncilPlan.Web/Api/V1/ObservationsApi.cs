using CouncilPlan.Core.Data;
using CouncilPlan.Core.Exports;
using Microsoft.AspNetCore.Mvc;

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
                "JSON is paged (page from 1, page_size up to 1000, next gives the following page). CSV (format=csv or Accept: text/csv) streams every matching row in the import format. " +
                "lower_ci and upper_ci are the 95% confidence interval the source publishes, when it does. " +
                "Figures withheld by disclosure control are shown in JSON with suppressed true and no value, numerator, denominator or interval, and left out of CSV.")
            // The JSON page last: of two 200 answers the document keeps the later, and the page's
            // schema is the contract (the CSV is the import format, documented on its own).
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .Produces<ObservationPage>()
            .Produces(StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> GetAsync(
        HttpContext http,
        [FromQuery(Name = "measure")] string[]? measure,
        [FromQuery(Name = "area")] string[]? area,
        [FromQuery(Name = "breakdown")] string[]? breakdown,
        [FromQuery(Name = "from")] DateOnly? from,
        [FromQuery(Name = "to")] DateOnly? to,
        [FromQuery(Name = "page")] int? page,
        [FromQuery(Name = "page_size")] int? pageSize,
        [FromQuery(Name = "format")] string? format,
        CouncilPlanDb db,
        CancellationToken cancellationToken)
    {
        if (format is not null and not "csv" and not "json")
        {
            return Results.Problem(statusCode: 400, title: "Unknown format", detail: "format must be json or csv.");
        }

        var size = pageSize ?? DefaultPageSize;
        var number = page ?? 1;
        if (size is < 1 or > MaxPageSize || number < 1)
        {
            return Results.Problem(statusCode: 400, title: "Bad paging", detail: $"page starts at 1 and page_size is between 1 and {MaxPageSize}.");
        }

        var filter = new ObservationExportFilter
        {
            MeasureCodes = measure?.Where(c => c.Length > 0).ToList() ?? [],
            AreaCodes = area?.Where(c => c.Length > 0).ToList() ?? [],
            BreakdownKeys = breakdown ?? [],
            From = from,
            To = to,
        };

        var published = await PublicObservations.LoadAsync(db, filter, cancellationToken);
        if (ApiV1.WantsCsv(http.Request))
        {
            return Results.Stream(
                output => ObservationCsvWriter.WriteAsync(published.ShownAsync(cancellationToken), output, cancellationToken),
                "text/csv; charset=utf-8",
                fileDownloadName: filter.MeasureCodes.Count == 1 ? $"{filter.MeasureCodes.First()}.csv" : "observations.csv");
        }

        var rows = await published.PageAsync((number - 1) * size, size + 1, cancellationToken);
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
                .Add("page", (number + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            next = $"{ApiV1.Prefix}/observations{query2}";
        }

        return Results.Json(new ObservationPage(items, number, size, next), ApiV1.Json);
    }
}
