using CouncilPlan.Core.Areas;
using CouncilPlan.Web.PublicData;

namespace CouncilPlan.Web.Api.V1;

public sealed record AreaResponse(
    string Code,
    string Name,
    string Type,
    string? Parent,
    string? WardSet,
    double? Latitude,
    double? Longitude,
    string? DefinedBy,
    IReadOnlyList<string> Members);

public sealed record WardSetResponse(string Id, string Title, string Council, DateOnly From, DateOnly? To);

public sealed record AreasResponse(IReadOnlyList<AreaResponse> Items, IReadOnlyList<WardSetResponse> WardSets);

public static class AreasApi
{
    public static void MapAreasApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/areas", async (string? type, PublicDataCache cache, CancellationToken cancellationToken) =>
        {
            var snapshot = await cache.GetAsync(cancellationToken);
            var members = snapshot.AssessmentAreas.GroupMembers;
            var areas = snapshot.Areas.AsEnumerable();
            if (!string.IsNullOrEmpty(type))
            {
                areas = areas.Where(a => string.Equals(ApiV1.Name(a.Type), type, StringComparison.OrdinalIgnoreCase));
            }

            return Results.Json(
                new AreasResponse(
                    areas.Select(a => new AreaResponse(
                        a.Code,
                        a.Name,
                        ApiV1.Name(a.Type),
                        a.ParentCode,
                        a.WardSetId,
                        a.Latitude,
                        a.Longitude,
                        a.DefinedBy,
                        a.Type == AreaType.ComparatorGroup ? members.GetValueOrDefault(a.Code) ?? [] : [])).ToList(),
                    snapshot.WardSets.Select(s => new WardSetResponse(s.Id, s.Title, s.CouncilCode, s.From, s.To)).ToList()),
                ApiV1.Json);
        })
            .WithTags("Areas")
            .WithName("GetAreas")
            .WithSummary("Areas figures are published for")
            .WithDescription("England, regions, councils, the council's wards (in ward sets with the dates their boundaries were in force) and comparator groups with their members, by ONS code. Filter with type (country, region, council, ward, comparator-group).")
            .Produces<AreasResponse>();
    }
}
