using System.Runtime.CompilerServices;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Exports;
using CouncilPlan.Core.Measures;
using CouncilPlan.Web.PublicData;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Web.Api.V1;

public sealed record ObservationResponse(
    string Measure,
    string Period,
    string Area,
    string Breakdown,
    double? Value,
    double? Numerator,
    double? Denominator,
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
                "Figures withheld by disclosure control are shown in JSON with suppressed true and no value, and left out of CSV.")
            .Produces<ObservationPage>()
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
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
        PublicDataCache cache,
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

        var snapshot = await cache.GetAsync(cancellationToken);
        var filter = new ObservationExportFilter
        {
            MeasureCodes = measure?.Where(c => c.Length > 0).ToList() ?? [],
            AreaCodes = area?.Where(c => c.Length > 0).ToList() ?? [],
            BreakdownKeys = breakdown ?? [],
            From = from,
            To = to,
        };

        // Disclosure control: figures the measure's assessment withholds never leave.
        var sensitive = snapshot.Catalogue.Where(m => m.SuppressBelow is > 1 && (filter.MeasureCodes.Count == 0 || filter.MeasureCodes.Contains(m.Code))).ToList();
        var withheld = new HashSet<(string, string, string, string)>();
        foreach (var m in sensitive)
        {
            foreach (var f in (await snapshot.AssessAsync(m)).Assessment.Figures.Where(f => f.Suppressed))
            {
                withheld.Add((m.Code, f.Period, f.AreaCode, f.Breakdown));
            }
        }

        var query = ObservationExport.Query(db, filter);
        if (ApiV1.WantsCsv(http.Request))
        {
            return Results.Stream(
                output => ObservationCsvWriter.WriteAsync(Published(query.AsAsyncEnumerable(), withheld, cancellationToken), output, cancellationToken),
                "text/csv; charset=utf-8",
                fileDownloadName: filter.MeasureCodes.Count == 1 ? $"{filter.MeasureCodes.First()}.csv" : "observations.csv");
        }

        var rows = await query.Skip((number - 1) * size).Take(size + 1).ToListAsync(cancellationToken);
        var items = rows.Take(size).Select(r =>
        {
            var hidden = withheld.Contains((r.Measure, r.Period, r.Area, r.Breakdown));
            return new ObservationResponse(
                r.Measure,
                r.Period,
                r.Area,
                r.Breakdown,
                hidden ? null : r.Value,
                hidden ? null : r.Numerator,
                hidden ? null : r.Denominator,
                ObservationExport.StatusText(r.Status),
                r.QualityNote,
                hidden);
        }).ToList();
        string? next = null;
        if (rows.Count > size)
        {
            var query2 = QueryString.Create(http.Request.Query.Where(q => q.Key is not "page").SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v))))
                .Add("page", (number + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            next = $"{ApiV1.Prefix}/observations{query2}";
        }

        return Results.Json(new ObservationPage(items, number, size, next), ApiV1.Json);
    }

    private static async IAsyncEnumerable<ObservationRecord> Published(IAsyncEnumerable<ObservationRecord> records, HashSet<(string, string, string, string)> withheld, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            if (!withheld.Contains((record.Measure, record.Period, record.Area, record.Breakdown)))
            {
                yield return record;
            }
        }
    }
}
