using CouncilPlan.Core.Measures;
using CouncilPlan.Web.Pages;
using CouncilPlan.Web.PublicData;

namespace CouncilPlan.Web.Api.V1;

/// <summary>How many of the plan's impact statements each state holds; the evidence page's summary table.</summary>
public sealed record EvidenceCountsResponse(int Statements, int Published, int AwaitingCouncil, int AwaitingPublisher, int NoMeasure);

/// <summary>One measure behind a statement: enough to say whether it has evidence, with a link to the rest.</summary>
public sealed record EvidenceMeasureResponse(string Code, string Title, string Kind, bool AwaitingData, LatestResponse? Latest, string Rag, string Self);

/// <summary>One impact statement, where it stands for evidence, and the measures that show it.</summary>
public sealed record StatementEvidenceResponse(string Id, string Text, string? Section, string State, string StateText, IReadOnlyList<EvidenceMeasureResponse> Measures, string Page);

public sealed record EvidenceResponse(EvidenceCountsResponse Counts, IReadOnlyList<StatementEvidenceResponse> Items);

public static class EvidenceApi
{
    public static void MapEvidenceApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/evidence", async Task<IResult> (PublicDataCache cache, CancellationToken cancellationToken) =>
        {
            var snapshot = await cache.GetAsync(cancellationToken);
            if (snapshot.Plan is not { } plan)
            {
                return ApiProblems.NoPlan();
            }

            // The evidence page's own rule (Core's EvidenceCoverage), so the API and the page cannot disagree.
            var statements = EvidenceCoverage.For(plan, await snapshot.AssessAllAsync(snapshot.Catalogue));
            int Count(EvidenceState state) => statements.Count(s => s.State == state);
            return Results.Json(
                new EvidenceResponse(
                    new EvidenceCountsResponse(statements.Count, Count(EvidenceState.Published), Count(EvidenceState.AwaitingCouncil), Count(EvidenceState.AwaitingPublisher), Count(EvidenceState.NoMeasure)),
                    statements.Select(s => new StatementEvidenceResponse(
                        s.Statement.StableId,
                        s.Statement.Text ?? s.Statement.Title ?? "",
                        s.Section?.StableId,
                        ApiV1.Name(s.State),
                        EvidenceWords.Heading(s.State),
                        s.Measures.Select(m => Measure(snapshot, m)).ToList(),
                        $"/evidence#{s.Statement.Key}")).ToList()),
                ApiV1.Json);
        })
            .WithTags("Plan")
            .WithName("GetEvidence")
            .WithSummary("Is the plan working? Each impact statement and its evidence")
            .WithDescription("Each of the plan's impact statements (what it says will show that it is working), in plan order, with the measures that evidence it and where that leaves it: published (at least one of its measures has a published figure), awaiting-council (its measures have no figures yet and at least one is the council's own), awaiting-publisher (its measures are official statistics with no published figure here yet) or no-measure. counts totals each state, as the evidence page's summary does.")
            .Produces<EvidenceResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static EvidenceMeasureResponse Measure(PublicSnapshot snapshot, PublicMeasure assessed)
    {
        var summary = MeasuresApi.Summary(snapshot, assessed);
        return new EvidenceMeasureResponse(summary.Code, summary.Title, summary.Kind, summary.AwaitingData, summary.Latest, summary.Rag, summary.Links.Self);
    }
}
