using CouncilPlan.Core.DataFiles;
using CouncilPlan.Core.Plans;
using CouncilPlan.Web.Pages;
using CouncilPlan.Web.PublicData;

namespace CouncilPlan.Web.Api.V1;

public sealed record PlanResponse(
    string Id,
    string Title,
    string Period,
    DateOnly Starts,
    DateOnly Ends,
    string Council,
    string CouncilArea,
    string? Mission,
    string? Vision,
    string? Partnership,
    string? Source,
    IReadOnlyList<string> Values,
    string ServiceName,
    string PlaceWord,
    string Reporting,
    IReadOnlyList<LevelResponse> Levels,
    string Elements);

/// <summary>One level of the plan's structure, in the council's words, and the element kind it is stored as.</summary>
public sealed record LevelResponse(int Level, string Kind, string Singular, string Plural);

/// <summary>A plan element with its stable identifier ("plan-id/element-id").</summary>
public sealed record ElementResponse(
    string Id,
    string Kind,
    string? Parent,
    string KindName,
    int? Number,
    string? Title,
    string? Text,
    string? Due,
    string? DueText,
    decimal? Quantity,
    string? Unit,
    decimal? FundingGbp,
    IReadOnlyList<string> Supports,
    IReadOnlyList<string> Portfolios,
    string Page);

public sealed record ItemsResponse<T>(IReadOnlyList<T> Items);

public static class PlanApi
{
    public static void MapPlanApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/plan", async Task<IResult> (PublicDataCache cache, CancellationToken cancellationToken) =>
            (await cache.GetAsync(cancellationToken)).Plan is { } view
                ? Results.Json(Plan(view), ApiV1.Json)
                : ApiProblems.NoPlan())
            .WithTags("Plan")
            .WithName("GetPlan")
            .WithSummary("The current plan")
            .WithDescription("The plan the council is working to: title, period, mission, vision and values where the plan has them, the council's own names for the plan and its levels, and a link to its elements.")
            .Produces<PlanResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/plan/elements", async Task<IResult> (string? kind, PublicDataCache cache, CancellationToken cancellationToken) =>
        {
            if ((await cache.GetAsync(cancellationToken)).Plan is not { } view)
            {
                return ApiProblems.NoPlan();
            }

            var elements = view.Elements.AsEnumerable();
            if (!string.IsNullOrEmpty(kind))
            {
                elements = elements.Where(e => string.Equals(KindName(e.Kind), kind, StringComparison.OrdinalIgnoreCase));
            }

            return Results.Json(new ItemsResponse<ElementResponse>(elements.OrderBy(e => e.Id).Select(e => Element(view, e)).ToList()), ApiV1.Json);
        })
            .WithTags("Plan")
            .WithName("GetPlanElements")
            .WithSummary("Every element of the current plan")
            .WithDescription("Every element of the plan with its stable identifier. kind is the product's name for what an element is, the same for every council (levels on /plan says which kind each of the plan's levels is), and kind_name the council's own word for it. Filter with kind (for example impact-statement or commitment).")
            .Produces<ItemsResponse<ElementResponse>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static string KindName(ElementKind kind) => ApiV1.Name(kind);

    private static PlanResponse Plan(PlanView view) => new(
        view.Plan.Id,
        view.Plan.Title,
        view.Plan.Period,
        view.Plan.Starts,
        view.Plan.Ends,
        view.Plan.CouncilName,
        view.Plan.CouncilAreaCode,
        view.Plan.Mission,
        view.Plan.Vision,
        view.Plan.Partnership,
        view.Plan.SourceTitle,
        view.All(ElementKind.Value).Select(v => v.Title ?? "").ToList(),
        view.Words.Service,
        view.Words.PlaceWord,
        view.Words.Reporting == ReportingRhythm.Annual ? "annual" : "quarterly",
        view.Words.Levels.Select((l, i) => new LevelResponse(i + 1, KindName(PlanWords.KindOfLevel(i, view.Words.Levels.Count)), l.Singular, l.Plural)).ToList(),
        ApiV1.Prefix + "/plan/elements");

    private static ElementResponse Element(PlanView view, PlanElement e) => new(
        e.StableId,
        KindName(e.Kind),
        e.Parent?.StableId,
        view.Words.Name(e.Kind),
        e.Number,
        e.Title,
        e.Text,
        e.Due is { } due ? new PartialDate(due, e.DuePrecision ?? DatePrecision.Day).ToString() : null,
        e.DueText,
        e.Quantity,
        e.Unit,
        e.FundingGbp,
        view.Supports(e).Select(s => s.StableId).ToList(),
        e.Kind is ElementKind.Ambition or ElementKind.Theme or ElementKind.Programme ? view.PortfoliosFor(e).Select(p => p.StableId).ToList() : [],
        Links.To(e));
}
