using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Statistics;
using CouncilPlan.Web.PublicData;

namespace CouncilPlan.Web.Api.V1;

public sealed record SourceResponse(string Publisher, string Title, string Licence, string? Url);

public sealed record TargetResponse(string Period, double Value, double? Tolerance, string ToleranceType, string? Source);

public sealed record LatestResponse(string Period, double? Value, double? Lower, double? Upper, string Status, bool Suppressed, bool OutOfDate);

public sealed record BreakResponse(string Period, string Reason);

public sealed record MeasureLinks(string Self, string Observations, string Page);

public sealed record MeasureResponse(
    string Code,
    string Title,
    string Definition,
    string Unit,
    string? UnitLabel,
    double? RatePer,
    int Decimals,
    string Polarity,
    string Frequency,
    string PeriodType,
    string Kind,
    SourceResponse? Source,
    string? Series,
    string? Owner,
    string? Portfolio,
    IReadOnlyList<string> Evidences,
    string? Benchmark,
    IReadOnlyList<string> Comparators,
    IReadOnlyList<string> Breakdowns,
    int? SuppressBelow,
    string? Caveat,
    IReadOnlyList<BreakResponse> Breaks,
    IReadOnlyList<TargetResponse> Targets,
    bool AwaitingData,
    LatestResponse? Latest,
    string Rag,
    MeasureLinks Links);

public sealed record PointResponse(
    string Period,
    DateOnly PeriodStart,
    double? Value,
    double? Lower,
    double? Upper,
    string? IntervalMethod,
    double? Benchmark,
    string Comparison,
    double? Target,
    string Rag,
    string? SpecialCauseType,
    string? PointType,
    double? Mean,
    double? Lpl,
    double? Upl,
    string Status);

public sealed record DirectionResponse(string SincePreviousPeriod, string SinceSamePeriodLastYear, string? Method);

public sealed record SpcResponse(string? VariationIcon, string? NotAppliedReason, string? Assurance, bool ShortGroupWarning);

public sealed record NoiseAwareResponse(string Status, string Phrase);

public sealed record MaskingResponse(bool Masked, IReadOnlyList<string> WorseGroups);

public sealed record TrajectoryResponse(string TargetPeriod, double TargetValue, string Status, int Points, double? Slope, double? Projected, double? Lower, double? Upper, string Reason);

public sealed record ComparedResponse(string Area, string AreaName, string Breakdown, string Period, double? Value, double? Lower, double? Upper, string ComparedWithCouncil, bool Suppressed);

public sealed record AssessmentResponse(
    string Area,
    string Rag,
    NoiseAwareResponse NoiseAware,
    DirectionResponse Direction,
    SpcResponse Spc,
    string BenchmarkComparison,
    MaskingResponse Masking,
    TrajectoryResponse? Trajectory,
    IReadOnlyList<PointResponse> Series,
    IReadOnlyList<ComparedResponse> Wards,
    IReadOnlyList<ComparedResponse> Groups,
    IReadOnlyList<ComparedResponse> Comparators);

public sealed record MeasureDetailResponse(MeasureResponse Measure, AssessmentResponse Assessment);

public static class MeasuresApi
{
    public static void MapMeasuresApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/measures", async (PublicDataCache cache, CancellationToken cancellationToken) =>
        {
            var snapshot = await cache.GetAsync(cancellationToken);
            var measures = await snapshot.AssessAllAsync(snapshot.Catalogue);
            return Results.Json(new ItemsResponse<MeasureResponse>(measures.Select(m => Summary(snapshot, m)).ToList()), ApiV1.Json);
        })
            .WithTags("Measures")
            .WithName("GetMeasures")
            .WithSummary("Every measure in the catalogue")
            .WithDescription("Each measure with its definition, unit, polarity, kind, source and licence, the plan elements it evidences, its targets, and its latest published figure (null while awaiting data).")
            .Produces<ItemsResponse<MeasureResponse>>();

        api.MapGet("/measures/{code}", async Task<IResult> (string code, PublicDataCache cache, CancellationToken cancellationToken) =>
        {
            var snapshot = await cache.GetAsync(cancellationToken);
            if (snapshot.FindMeasure(code) is not { } measure)
            {
                return ApiProblems.NotFound("measure", code);
            }

            var assessed = await snapshot.AssessAsync(measure);
            return Results.Json(new MeasureDetailResponse(Summary(snapshot, assessed), Assessment(snapshot, assessed)), ApiV1.Json);
        })
            .WithTags("Measures")
            .WithName("GetMeasure")
            .WithSummary("One measure with its judgement")
            .WithDescription("The measure and its assessment for the council's area: the series with confidence intervals and benchmark comparison, RAG against target, direction of travel (improving or worsening only where a test shows the change is statistically significant at 95%, with the test named; otherwise no-significant-change, not-tested or not-comparable), statistical process control (or why it is not applied), noise-aware RAG, the masking check, comparator figures and, for a dated target ahead, the trajectory. Series breaks are listed with the measure; a latest figure older than its source's release timing allows is out_of_date. How each judgement is made: /how-we-judge.")
            .Produces<MeasureDetailResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static MeasureResponse Summary(PublicSnapshot snapshot, PublicMeasure assessed)
    {
        var m = assessed.Measure;
        var latest = assessed.Assessment.Latest;
        var planId = m.PlanId;
        return new MeasureResponse(
            m.Code,
            m.Title,
            m.Definition,
            ApiV1.Name(m.Unit),
            m.UnitLabel,
            m.RatePer,
            m.Decimals,
            ApiV1.Name(m.Polarity),
            ApiV1.Name(m.Frequency),
            ApiV1.Name(m.PeriodType),
            ApiV1.Name(m.Kind),
            m.Source is { } s ? new SourceResponse(s.Publisher, s.Title, s.Licence, s.Url) : null,
            m.Series,
            m.Owner,
            assessed.PortfolioKey is { } p ? $"{planId}/{p}" : null,
            assessed.EvidenceKeys.Select(k => $"{planId}/{k}").ToList(),
            m.BenchmarkAreaCode,
            m.Comparators.OrderBy(c => c.Position).Select(c => c.AreaCode).ToList(),
            m.Dimensions.Select(d => d.DimensionId).Order(StringComparer.Ordinal).ToList(),
            m.SuppressBelow,
            m.Caveat,
            m.Breaks.OrderBy(b => b.PeriodStart).Select(b => new BreakResponse(b.Period, b.Reason)).ToList(),
            m.Targets.OrderBy(t => t.PeriodStart).Select(t => new TargetResponse(t.Period, t.Value, t.Tolerance, ApiV1.Name(t.ToleranceType), t.Source)).ToList(),
            assessed.Assessment.AwaitingData,
            latest is null ? null : new LatestResponse(latest.Figure.Period, latest.Figure.Value, latest.Interval?.Lower, latest.Interval?.Upper, ApiV1.Name(latest.Figure.Status), latest.Figure.Suppressed, assessed.Assessment.OutOfDate),
            ApiV1.Name(assessed.Assessment.Rag),
            new MeasureLinks($"{ApiV1.Prefix}/measures/{m.Code}", $"{ApiV1.Prefix}/observations?measure={m.Code}", $"/measures/{m.Code}"));
    }

    private static AssessmentResponse Assessment(PublicSnapshot snapshot, PublicMeasure assessed)
    {
        var a = assessed.Assessment;
        return new AssessmentResponse(
            a.AreaCode,
            ApiV1.Name(a.Rag),
            new NoiseAwareResponse(ApiV1.Name(a.NoiseAware.Status), a.NoiseAware.Phrase),
            new DirectionResponse(ApiV1.Name(a.Direction.SincePreviousPeriod.Direction), ApiV1.Name(a.Direction.SinceSamePeriodLastYear.Direction), a.Direction.Method),
            a.Spc is { } spc
                ? new SpcResponse(spc.VariationIcon, null, spc.Assurance, spc.ShortGroupWarning)
                : new SpcResponse(null, a.SpcNotApplied, null, false),
            ApiV1.Name(a.BenchmarkComparison),
            new MaskingResponse(a.Masking.Masked, a.Masking.WorseGroups),
            a.Trajectory is { } t && a.TrajectoryTarget is { } target
                ? new TrajectoryResponse(target.Period, target.Value, ApiV1.Name(t.Status), t.Points, t.Slope, t.Projected.Value, t.Projected.Lower, t.Projected.Upper, t.Reason)
                : null,
            a.Series.Select(p => new PointResponse(
                p.Figure.Period,
                p.Figure.PeriodStart,
                p.Figure.Value,
                p.Interval?.Lower,
                p.Interval?.Upper,
                p.Interval?.Method,
                p.Benchmark,
                ApiV1.Name(p.Comparison),
                p.Target,
                ApiV1.Name(p.Rag),
                p.Spc?.SpecialCauseType,
                p.Spc?.PointType,
                p.Spc?.Mean,
                p.Spc?.Lpl,
                p.Spc?.Upl,
                ApiV1.Name(p.Figure.Status))).ToList(),
            Compared(snapshot, a.Wards),
            Compared(snapshot, a.Groups),
            Compared(snapshot, a.Comparators));
    }

    private static List<ComparedResponse> Compared(PublicSnapshot snapshot, IReadOnlyList<ComparedFigure> figures) =>
        figures.Select(f => new ComparedResponse(
            f.Code,
            snapshot.AreaName(f.Code),
            f.Breakdown,
            f.Figure.Period,
            f.Figure.Value,
            f.Interval?.Lower,
            f.Interval?.Upper,
            ApiV1.Name(f.ComparedWithCouncil),
            f.Figure.Suppressed)).ToList();
}
