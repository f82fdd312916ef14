using CouncilPlan.Core.Statistics;
using CouncilPlan.Core.Statistics.Spc;

namespace CouncilPlan.Core.Measures;

/// <summary>A published figure as the public may see it: suppressed figures have no value.</summary>
public sealed record PublicFigure(
    string Period,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    string AreaCode,
    string Breakdown,
    double? Value,
    double? Numerator,
    double? Denominator,
    ObservationStatus Status,
    string? QualityNote,
    bool Suppressed)
{
    public bool IsTotal => Breakdown.Length == 0;
}

/// <summary>One point of the council's series with everything judged about it.</summary>
public sealed record AssessedPoint(
    PublicFigure Figure,
    Interval? Interval,
    double? Benchmark,
    Comparison Comparison,
    double? Target,
    Rag Rag,
    SpcPoint? Spc);

/// <summary>Another area's or group's figure for the same period, compared with the council's.</summary>
public sealed record ComparedFigure(string Code, string Breakdown, PublicFigure Figure, Interval? Interval, Comparison ComparedWithCouncil);

/// <summary>
/// Everything the portal, the API and reports say about a measure, computed in one place from its
/// published figures: the series with intervals and benchmark comparisons, RAG against target,
/// direction of travel, SPC, noise-aware RAG, the masking check and, for a dated target ahead, the
/// trajectory. Disclosure control has already been applied to every figure in it.
/// </summary>
public sealed record MeasureAssessment(
    string MeasureCode,
    string AreaCode,
    IReadOnlyList<AssessedPoint> Series,
    AssessedPoint? Latest,
    MeasureTarget? Target,
    Rag Rag,
    NoiseAwareJudgement NoiseAware,
    TravelDirections Direction,
    SpcResult? Spc,
    Comparison BenchmarkComparison,
    MaskingResult Masking,
    IReadOnlyList<ComparedFigure> Wards,
    IReadOnlyList<ComparedFigure> Groups,
    IReadOnlyList<ComparedFigure> Comparators,
    MeasureTarget? TrajectoryTarget,
    TrajectoryResult? Trajectory,
    IReadOnlyList<PublicFigure> Figures)
{
    public bool AwaitingData => Series.Count == 0;
}

/// <summary>What the assessment needs to know about areas.</summary>
/// <param name="CouncilArea">The council's own area code (the plan's).</param>
/// <param name="Wards">The council's ward codes (any ward set).</param>
/// <param name="GroupMembers">Comparator group code to member codes.</param>
public sealed record AssessmentAreas(string CouncilArea, IReadOnlySet<string> Wards, IReadOnlyDictionary<string, IReadOnlyList<string>> GroupMembers);

public static class MeasureAssessor
{
    /// <summary>Assesses a measure from its published observations (give no unpublished ones).</summary>
    public static MeasureAssessment Assess(Measure measure, IEnumerable<Observation> published, IReadOnlyDictionary<int, string> breakdownKeys, AssessmentAreas areas)
    {
        var figures = PublicFigures.Apply(measure, published, breakdownKeys, areas);
        var polarity = measure.Polarity;
        var isContext = measure.Kind == MeasureKind.Context;

        var council = figures.Where(f => f.AreaCode == areas.CouncilArea && f.IsTotal && f.Value is not null).OrderBy(f => f.PeriodStart).ToList();
        var benchmark = measure.BenchmarkAreaCode is { } b
            ? figures.Where(f => f.AreaCode == b && f.IsTotal && f.Value is not null).ToDictionary(f => f.PeriodStart)
            : [];

        SpcResult? spc = null;
        if (council.Count >= 2)
        {
            var latestTarget = measure.Targets.FirstOrDefault(t => t.PeriodStart == council[^1].PeriodStart);
            spc = SpcAnalysis.Analyse(
                council.Select(f => (f.PeriodStart, f.Value!.Value)),
                new SpcOptions(
                    Improvement: polarity switch
                    {
                        Polarity.HigherIsBetter => ImprovementDirection.Increase,
                        Polarity.LowerIsBetter => ImprovementDirection.Decrease,
                        _ => ImprovementDirection.Neutral,
                    },
                    Target: isContext ? null : latestTarget?.Value));
        }

        var series = new List<AssessedPoint>();
        for (var i = 0; i < council.Count; i++)
        {
            var figure = council[i];
            var interval = IntervalOf(measure, figure);
            var benchmarkValue = benchmark.GetValueOrDefault(figure.PeriodStart)?.Value;
            var target = measure.Targets.FirstOrDefault(t => t.PeriodStart == figure.PeriodStart);
            var pointRag = RagOf(measure, figure.Value, target);
            series.Add(new AssessedPoint(
                figure,
                interval,
                benchmarkValue,
                interval is null ? Comparison.NotCompared : Benchmark.Compare(interval, benchmarkValue, polarity),
                target?.Value,
                pointRag,
                spc?.Points[i]));
        }

        var latest = series.Count > 0 ? series[^1] : null;
        var latestTargetRow = latest is null ? null : measure.Targets.FirstOrDefault(t => t.PeriodStart == latest.Figure.PeriodStart);
        var direction = new TravelDirections(Direction.NotComparable, Direction.NotComparable);
        if (latest is not null)
        {
            var period = new Period(measure.PeriodType, latest.Figure.PeriodStart, latest.Figure.PeriodEnd);
            double? ValueAt(DateOnly start) => council.FirstOrDefault(f => f.PeriodStart == start)?.Value;
            direction = DirectionOfTravel.JudgeBoth(latest.Figure.Value, ValueAt(period.Previous.Start), ValueAt(period.YearEarlier.Start), polarity, measure.Decimals);
        }

        var wards = latest is null ? [] : Compare(measure, figures, latest, f => areas.Wards.Contains(f.AreaCode) && f.IsTotal);
        var groups = latest is null ? [] : Compare(measure, figures, latest, f => f.AreaCode == areas.CouncilArea && !f.IsTotal);
        var comparatorCodes = measure.Comparators.OrderBy(c => c.Position)
            .SelectMany(c => areas.GroupMembers.TryGetValue(c.AreaCode, out var members) ? members : [c.AreaCode])
            .Where(code => code != areas.CouncilArea)
            .ToHashSet(StringComparer.Ordinal);
        var comparators = latest is null ? [] : Compare(measure, figures, latest, f => comparatorCodes.Contains(f.AreaCode) && f.IsTotal);

        var masking = latest?.Interval is { } boroughInterval
            ? Masking.Check(boroughInterval, wards.Concat(groups).Where(g => g.Interval is not null).Select(g => new GroupFigure(Label(g), g.Interval!)), polarity)
            : new MaskingResult(false, [], []);

        var rag = latest?.Rag ?? Rag.NotRated;
        var (trajectoryTarget, trajectory) = TrajectoryOf(measure, council);

        return new MeasureAssessment(
            measure.Code,
            areas.CouncilArea,
            series,
            latest,
            latestTargetRow,
            rag,
            NoiseAwareRag.Judge(rag, spc?.Points[^1].PointType),
            direction,
            spc,
            latest?.Comparison ?? Comparison.NotCompared,
            masking,
            wards,
            groups,
            comparators,
            trajectoryTarget,
            trajectory,
            figures);
    }

    /// <summary>The figure's confidence interval, where its numerator and denominator are published (OHID Fingertips' methods).</summary>
    public static Interval? IntervalOf(Measure measure, PublicFigure figure)
    {
        if (figure.Suppressed || figure.Numerator is not { } x || figure.Denominator is not { } n || n <= 0 || x < 0)
        {
            return null;
        }

        return measure.Unit switch
        {
            MeasureUnit.Percentage when x <= n => Intervals.Wilson(x, n, 0.95, 100),
            MeasureUnit.Rate => Intervals.Rate(x, n, measure.RatePer ?? 100_000, 0.95),
            _ => null,
        };
    }

    public static Rag RagOf(Measure measure, double? value, MeasureTarget? target) =>
        target is null
            ? Rag.NotRated
            : RagRating.Judge(
                value,
                target.Value,
                measure.Polarity,
                target.Tolerance is { } t ? (target.ToleranceType == ToleranceType.Percent ? AmberTolerance.PercentOfTarget(t) : AmberTolerance.Absolute(t)) : null,
                isContext: measure.Kind == MeasureKind.Context,
                decimalPlaces: measure.Decimals);

    private static List<ComparedFigure> Compare(Measure measure, IReadOnlyList<PublicFigure> figures, AssessedPoint latest, Func<PublicFigure, bool> include) =>
        figures.Where(f => f.PeriodStart == latest.Figure.PeriodStart && include(f))
            .Select(f =>
            {
                var interval = IntervalOf(measure, f);
                return new ComparedFigure(f.AreaCode, f.Breakdown, f, interval, interval is null ? Comparison.NotCompared : Benchmark.Compare(interval, latest.Figure.Value, measure.Polarity));
            })
            .ToList();

    private static string Label(ComparedFigure figure) => figure.Breakdown.Length == 0 ? figure.Code : figure.Breakdown;

    /// <summary>
    /// A target dated after the latest figure (carbon neutral by 2038) is judged by the trend's
    /// trajectory to it; annual figures are placed at their period's start year.
    /// </summary>
    private static (MeasureTarget?, TrajectoryResult?) TrajectoryOf(Measure measure, List<PublicFigure> council)
    {
        if (council.Count == 0 || measure.Polarity == Polarity.NoJudgement)
        {
            return (null, null);
        }

        var latestStart = council[^1].PeriodStart;
        var target = measure.Targets.Where(t => t.PeriodStart > latestStart).OrderBy(t => t.PeriodStart).LastOrDefault();
        if (target is null)
        {
            return (null, null);
        }

        static double Year(DateOnly day) => day.Year + ((day.DayOfYear - 1) / 365.25);
        var result = Trajectory.Project(council.Select(f => (Year(f.PeriodStart), f.Value!.Value)), Year(target.PeriodStart), target.Value, measure.Polarity);
        return (target, result);
    }
}

/// <summary>
/// Statistical disclosure control applied before any figure is public: counts (or numerators)
/// from 1 to the measure's threshold minus one are withheld, and in each table of counts by
/// category (wards by category, or the council by category) enough other cells and totals are
/// withheld that none can be worked out by subtraction from the totals shown
/// (<see cref="Disclosure.Suppress"/>).
/// </summary>
public static class PublicFigures
{
    public static IReadOnlyList<PublicFigure> Apply(Measure measure, IEnumerable<Observation> published, IReadOnlyDictionary<int, string> breakdownKeys, AssessmentAreas areas)
    {
        var figures = published
            .Select(o => new PublicFigure(o.Period, o.PeriodStart, o.PeriodEnd, o.AreaCode, breakdownKeys.GetValueOrDefault(o.BreakdownId, ""), o.Value, o.Numerator, o.Denominator, o.Status, o.QualityNote, false))
            .ToList();
        if (measure.SuppressBelow is not { } threshold || threshold <= 1)
        {
            return figures;
        }

        // Primary suppression: a small count, or a rate or percentage made of a small count.
        var raw = figures.ToList();
        for (var i = 0; i < figures.Count; i++)
        {
            var f = figures[i];
            var count = measure.IsCount ? f.Value : f.Numerator;
            if (count is { } c && c >= 0 && Disclosure.IsPrimary((long)Math.Round(c), threshold))
            {
                figures[i] = Withhold(f);
            }
        }

        if (measure.IsCount)
        {
            Secondary(figures, raw, threshold, areas);
        }

        return figures;
    }

    /// <summary>Secondary suppression, per period and dimension: rows are wards (or the council alone), columns categories.</summary>
    private static void Secondary(List<PublicFigure> figures, List<PublicFigure> raw, int threshold, AssessmentAreas areas)
    {
        var original = raw.ToDictionary(f => (f.PeriodStart, f.AreaCode, f.Breakdown));
        var tables = original.Values
            .Where(f => !f.IsTotal && (areas.Wards.Contains(f.AreaCode) || f.AreaCode == areas.CouncilArea))
            .GroupBy(f => (f.PeriodStart, Dimension: f.Breakdown.Split(':')[0]))
            .ToList();
        foreach (var table in tables)
        {
            var wardRows = table.Where(f => areas.Wards.Contains(f.AreaCode)).Select(f => f.AreaCode).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var rows = wardRows.Count > 0 ? wardRows : [areas.CouncilArea];
            var columns = table.Select(f => f.Breakdown).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (rows.Any(r => columns.Any(c => !original.ContainsKey((table.Key.PeriodStart, r, c)))))
            {
                // An incomplete table shows no totals that could be subtracted from; primary suppression stands.
                continue;
            }

            var counts = rows.Select(r => (IReadOnlyList<long>)columns.Select(c => (long)Math.Round(original[(table.Key.PeriodStart, r, c)].Value ?? 0)).ToList()).ToList();
            var result = Disclosure.Suppress(rows, columns, counts, threshold);
            void WithholdKey(string area, string breakdown)
            {
                var index = figures.FindIndex(f => f.PeriodStart == table.Key.PeriodStart && f.AreaCode == area && f.Breakdown == breakdown);
                if (index >= 0)
                {
                    figures[index] = Withhold(figures[index]);
                }
            }

            for (var r = 0; r < rows.Count; r++)
            {
                for (var c = 0; c < columns.Count; c++)
                {
                    if (result.Cells[r][c].IsSuppressed)
                    {
                        WithholdKey(rows[r], columns[c]);
                    }
                }

                if (result.RowTotals[r].IsSuppressed)
                {
                    WithholdKey(rows[r], "");
                }
            }

            if (wardRows.Count > 0)
            {
                for (var c = 0; c < columns.Count; c++)
                {
                    if (result.ColumnTotals[c].IsSuppressed)
                    {
                        WithholdKey(areas.CouncilArea, columns[c]);
                    }
                }

                if (result.GrandTotal.IsSuppressed)
                {
                    WithholdKey(areas.CouncilArea, "");
                }
            }
        }
    }

    private static PublicFigure Withhold(PublicFigure figure) => figure with { Value = null, Numerator = null, Denominator = null, Suppressed = true };
}
