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
    bool Suppressed,
    double? LowerCi = null,
    double? UpperCi = null)
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
/// <param name="IsShare">A share of the outcome (<see cref="Dimension.Shares"/>), not a group's own figure: never compared.</param>
public sealed record ComparedFigure(string Code, string Breakdown, PublicFigure Figure, Interval? Interval, Comparison ComparedWithCouncil, bool IsShare = false);

/// <summary>
/// Everything the portal, the API and reports say about a measure, computed in one place from its
/// published figures: the series with intervals and benchmark comparisons, RAG against target,
/// direction of travel, SPC, noise-aware RAG, the masking check and, for a dated target ahead, the
/// trajectory. Disclosure control has already been applied to every figure in it.
/// </summary>
/// <param name="SpcNotApplied">Why SPC was not applied (null when it was): a catalogue reason, too few comparable figures.</param>
/// <param name="SpcBasis">Which figures SPC used, when not simply every figure ("one figure a year: the Jan-Dec periods, which do not overlap").</param>
/// <param name="Currency">Whether the latest figure is out of date; headline judgements leave out an out-of-date measure.</param>
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
    IReadOnlyList<PublicFigure> Figures,
    string? SpcNotApplied = null,
    string? SpcBasis = null,
    Currency? Currency = null,
    RecentTrend? RecentTrend = null)
{
    public bool AwaitingData => Series.Count == 0;

    public bool OutOfDate => Currency?.OutOfDate == true;
}

/// <summary>The trend over the latest comparable figures (<see cref="TrendTest"/>), judged by polarity.</summary>
public sealed record RecentTrend(Direction Direction, int Points, string From, string To, double ChiSquared);

/// <summary>What the assessment needs to know about areas.</summary>
/// <param name="CouncilArea">The council's own area code (the plan's).</param>
/// <param name="Wards">The council's ward codes (any ward set).</param>
/// <param name="GroupMembers">Comparator group code to member codes.</param>
/// <param name="ShareDimensions">Dimensions whose categories are shares of the outcome, not groups of people (<see cref="Dimension.Shares"/>).</param>
public sealed record AssessmentAreas(string CouncilArea, IReadOnlySet<string> Wards, IReadOnlyDictionary<string, IReadOnlyList<string>> GroupMembers, IReadOnlySet<string>? ShareDimensions = null)
{
    /// <summary>Whether a breakdown ("highest-qualification:level-4") is a share of the outcome rather than a group of people.</summary>
    public bool IsShare(string breakdown) =>
        ShareDimensions is { Count: > 0 } shares && breakdown.Split(':')[0] is { Length: > 0 } dimension && shares.Contains(dimension);
}

public static class MeasureAssessor
{
    /// <summary>Method name for an interval the publisher gives with its figure.</summary>
    public const string PublishedIntervalMethod = "Published by the source";

    /// <summary>
    /// Assesses a measure from its published observations (give no unpublished ones) as at a day:
    /// figures due after that day are not yet expected.
    /// </summary>
    public static MeasureAssessment Assess(Measure measure, IEnumerable<Observation> published, IReadOnlyDictionary<int, string> breakdownKeys, AssessmentAreas areas, DateOnly asAt)
    {
        var figures = PublicFigures.Apply(measure, published, breakdownKeys, areas);
        var polarity = measure.Polarity;

        var council = figures.Where(f => f.AreaCode == areas.CouncilArea && f.IsTotal && f.Value is not null).OrderBy(f => f.PeriodStart).ToList();
        var benchmark = measure.BenchmarkAreaCode is { } b
            ? figures.Where(f => f.AreaCode == b && f.IsTotal && f.Value is not null).ToDictionary(f => f.PeriodStart)
            : [];

        var comparable = ComparableSeries.Of(measure, council);
        var (spc, spcNotApplied) = SpcOf(measure, council, comparable);
        var spcPoints = spc?.Points.ToDictionary(p => p.Period) ?? [];

        var series = new List<AssessedPoint>();
        foreach (var figure in council)
        {
            var interval = IntervalOf(measure, figure);
            var benchmarkValue = benchmark.GetValueOrDefault(figure.PeriodStart)?.Value;
            var target = measure.Targets.FirstOrDefault(t => t.PeriodStart == figure.PeriodStart);
            series.Add(new AssessedPoint(
                figure,
                interval,
                benchmarkValue,
                interval is null ? Comparison.NotCompared : Benchmark.Compare(interval, benchmarkValue, polarity),
                target?.Value,
                RagOf(measure, figure.Value, target),
                spcPoints.GetValueOrDefault(figure.PeriodStart)));
        }

        var latest = series.Count > 0 ? series[^1] : null;
        var latestTargetRow = latest is null ? null : measure.Targets.FirstOrDefault(t => t.PeriodStart == latest.Figure.PeriodStart);
        var direction = latest is null ? TravelDirections.None("no figures yet") : DirectionsOf(measure, series, latest);
        var currency = latest is null ? null : Currencies.Judge(measure, new Period(measure.PeriodType, latest.Figure.PeriodStart, latest.Figure.PeriodEnd), asAt);

        var wards = latest is null ? [] : Compare(measure, figures, latest, f => areas.Wards.Contains(f.AreaCode) && f.IsTotal);
        var groups = latest is null ? [] : Compare(measure, figures, latest, f => f.AreaCode == areas.CouncilArea && !f.IsTotal)
            .Select(g => areas.IsShare(g.Breakdown) ? g with { ComparedWithCouncil = Comparison.NotCompared, IsShare = true } : g)
            .ToList();
        var comparatorCodes = measure.Comparators.OrderBy(c => c.Position)
            .SelectMany(c => areas.GroupMembers.TryGetValue(c.AreaCode, out var members) ? members : [c.AreaCode])
            .Where(code => code != areas.CouncilArea)
            .ToHashSet(StringComparer.Ordinal);
        var comparators = latest is null ? [] : Compare(measure, figures, latest, f => comparatorCodes.Contains(f.AreaCode) && f.IsTotal);

        var masking = latest?.Interval is { } boroughInterval
            ? Masking.Check(boroughInterval, wards.Concat(groups).Where(g => g.Interval is not null && !g.IsShare).Select(g => new GroupFigure(Label(g), g.Interval!)), polarity)
            : new MaskingResult(false, [], []);

        // A figure that is out of date is shown for the record but not rated: the judgement would be about the past.
        var rag = currency?.OutOfDate == true ? Rag.NotRated : latest?.Rag ?? Rag.NotRated;
        var (trajectoryTarget, trajectory) = TrajectoryOf(measure, comparable.Latest);

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
            figures,
            spcNotApplied,
            comparable.Thinned && spc is not null ? comparable.Basis : null,
            currency,
            RecentTrendOf(measure, comparable.Latest));
    }

    /// <summary>
    /// The figure's 95% confidence interval: the publisher's own where it gives one (survey
    /// estimates), else from its numerator and denominator by OHID Fingertips' methods (Wilson for a
    /// percentage, exact Poisson or Byar's for a rate), or for a count of independent events from the
    /// count itself (Poisson). Other figures have none, and a change in them cannot be tested.
    /// </summary>
    public static Interval? IntervalOf(Measure measure, PublicFigure figure)
    {
        if (figure.Suppressed)
        {
            return null;
        }

        if (figure.Value is { } value && figure.LowerCi is { } lower && figure.UpperCi is { } upper && lower <= value && value <= upper)
        {
            return new Interval(value, lower, upper, PublishedIntervalMethod, 0.95);
        }

        if (measure.CountOfEvents && measure.Unit == MeasureUnit.Count && figure.Value is { } count && count >= 0)
        {
            return Intervals.Count(count, 0.95);
        }

        if (figure.Numerator is not { } x || figure.Denominator is not { } n || n <= 0 || x < 0)
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

    /// <summary>
    /// The change since the period before (one release interval earlier) and since the same period a
    /// year earlier, each only between periods that do not overlap and have no series break between them.
    /// </summary>
    private static TravelDirections DirectionsOf(Measure measure, List<AssessedPoint> series, AssessedPoint latest)
    {
        var latestPeriod = new Period(measure.PeriodType, latest.Figure.PeriodStart, latest.Figure.PeriodEnd);
        var previous = Period.Of(measure.PeriodType, latestPeriod.Start.AddMonths(-Currencies.FrequencyMonths(measure.Frequency)));
        var yearEarlier = Period.Of(measure.PeriodType, latestPeriod.Start.AddMonths(-12));
        return new TravelDirections(DirectionTo(measure, series, latest, latestPeriod, previous), DirectionTo(measure, series, latest, latestPeriod, yearEarlier));
    }

    private static DirectionJudgement DirectionTo(Measure measure, List<AssessedPoint> series, AssessedPoint latest, Period latestPeriod, Period earlierPeriod)
    {
        if (earlierPeriod.End >= latestPeriod.Start)
        {
            var months = ((latestPeriod.End.Year - latestPeriod.Start.Year) * 12) + latestPeriod.End.Month - latestPeriod.Start.Month + 1;
            var shared = ((earlierPeriod.End.Year - latestPeriod.Start.Year) * 12) + earlierPeriod.End.Month - latestPeriod.Start.Month + 1;
            return DirectionJudgement.NotComparable($"{earlierPeriod.Label} and {latestPeriod.Label} share {shared} of their {months} months, so the change between them is not a change between separate samples");
        }

        if (measure.Seasonal && earlierPeriod.Start > latestPeriod.Start.AddMonths(-12))
        {
            return DirectionJudgement.NotComparable($"the figures are not seasonally adjusted, so {latestPeriod.Label} is compared only with the same period a year earlier, not with {earlierPeriod.Label}");
        }

        if (ComparableSeries.BreakBetween(measure, earlierPeriod.Start, latestPeriod.Start) is { } seriesBreak)
        {
            return DirectionJudgement.NotComparable($"the series starts again on a new basis from {seriesBreak.Period} ({TrimSentence(seriesBreak.Reason)}), so {latestPeriod.Label} is not compared with {earlierPeriod.Label}");
        }

        var earlier = series.FirstOrDefault(p => p.Figure.PeriodStart == earlierPeriod.Start);
        if (earlier?.Figure.Value is not { } then || latest.Figure.Value is not { } now)
        {
            return DirectionJudgement.NotComparable($"there is no published figure for {earlierPeriod.Label}");
        }

        var change = ChangeTest.Compare(now, latest.Interval, then, earlier.Interval, MethodOf(latest.Interval, earlier.Interval));
        return DirectionOfTravel.Judge(change, now, then, measure.Polarity, measure.Decimals);
    }

    /// <summary>
    /// The recent trend of a percentage over its latest five comparable figures, where every one has
    /// its numerator and denominator (Fingertips tests recent trends of proportions this way); none
    /// for other measures, or one with no better direction.
    /// </summary>
    private static RecentTrend? RecentTrendOf(Measure measure, IReadOnlyList<PublicFigure> comparable)
    {
        if (measure.Unit != MeasureUnit.Percentage || measure.Polarity == Polarity.NoJudgement || comparable.Count < TrendTest.RecentPoints)
        {
            return null;
        }

        var run = comparable.TakeLast(TrendTest.RecentPoints).ToList();
        if (run.Any(f => f.Numerator is null || f.Denominator is null))
        {
            return null;
        }

        if (TrendTest.Proportions(run.Select(f => (f.Numerator!.Value, f.Denominator!.Value)).ToList()) is not { } result)
        {
            return null;
        }

        var direction = result.Verdict switch
        {
            ChangeVerdict.SignificantlyHigher => measure.Polarity == Polarity.HigherIsBetter ? Direction.Improving : Direction.Worsening,
            ChangeVerdict.SignificantlyLower => measure.Polarity == Polarity.LowerIsBetter ? Direction.Improving : Direction.Worsening,
            _ => Direction.NoSignificantChange,
        };
        return new RecentTrend(direction, result.Points, run[0].Period, run[^1].Period, result.ChiSquared);
    }

    private static string MethodOf(Interval? a, Interval? b) => (a?.Method, b?.Method) switch
    {
        (Intervals.WilsonMethod, Intervals.WilsonMethod) => ChangeTest.ProportionsMethod,
        (PublishedIntervalMethod, PublishedIntervalMethod) => ChangeTest.PublishedIntervalsMethod,
        (Intervals.ExactMethod or Intervals.ByarsMethod, Intervals.ExactMethod or Intervals.ByarsMethod) => ChangeTest.RatesMethod,
        _ => "Difference of two figures: MOVER interval from each figure's 95% confidence interval",
    };

    private static string TrimSentence(string text) => text.Trim().TrimEnd('.');

    /// <summary>
    /// SPC over the comparable figures since the latest break or gap, and only where it answers a
    /// question and has enough figures: NHSRplotthedots gives a group of fewer than 13 points only
    /// trial limits (ptd_spc.warning_threshold), and Making Data Count advises at least 15 to 20
    /// points before limits are relied on, so a special-cause claim is made only from a full group.
    /// </summary>
    private static (SpcResult? Result, string? NotApplied) SpcOf(Measure measure, List<PublicFigure> council, ComparableSeries comparable)
    {
        if (measure.SpcNotApplied is { Length: > 0 } reason)
        {
            return (null, reason);
        }

        if (council.Count == 0)
        {
            return (null, "there are no figures yet");
        }

        var group = comparable.Latest;
        if (group.Count < SpcConstants.ShortGroupThreshold)
        {
            var why = comparable.Thinned ? $" ({comparable.Basis})" : "";
            var since = comparable.LatestStartsAfter is { } after ? $" since {after}" : "";
            return (null, $"statistical process control needs at least {SpcConstants.ShortGroupThreshold} comparable figures in a row; this series has {group.Count}{since}{why}");
        }

        var latestTarget = measure.Targets.FirstOrDefault(t => t.PeriodStart == council[^1].PeriodStart);
        var result = SpcAnalysis.Analyse(
            group.Select(f => (f.PeriodStart, f.Value!.Value)),
            new SpcOptions(
                Improvement: measure.Polarity switch
                {
                    Polarity.HigherIsBetter => ImprovementDirection.Increase,
                    Polarity.LowerIsBetter => ImprovementDirection.Decrease,
                    _ => ImprovementDirection.Neutral,
                },
                Target: measure.Kind == MeasureKind.Context ? null : latestTarget?.Value));
        return (result, null);
    }

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
    /// trajectory to it, over the comparable figures since the latest break; annual figures are placed
    /// at their period's start year.
    /// </summary>
    private static (MeasureTarget?, TrajectoryResult?) TrajectoryOf(Measure measure, IReadOnlyList<PublicFigure> comparable)
    {
        if (comparable.Count == 0 || measure.Polarity == Polarity.NoJudgement)
        {
            return (null, null);
        }

        var latestStart = comparable[^1].PeriodStart;
        var target = measure.Targets.Where(t => t.PeriodStart > latestStart).OrderBy(t => t.PeriodStart).LastOrDefault();
        if (target is null)
        {
            return (null, null);
        }

        static double Year(DateOnly day) => day.Year + ((day.DayOfYear - 1) / 365.25);
        var result = Trajectory.Project(comparable.Select(f => (Year(f.PeriodStart), f.Value!.Value)), Year(target.PeriodStart), target.Value, measure.Polarity);
        return (target, result);
    }
}

/// <summary>
/// The figures of a series that may be compared with one another: no two overlapping (a rolling
/// 12-month figure published each quarter shares nine months with the one before, so only the same
/// window once a year is kept, counting back from the latest), and none across a series break or a
/// gap. <see cref="Latest"/> is the run since the last break or gap, which SPC and trajectories use.
/// </summary>
public sealed record ComparableSeries(IReadOnlyList<PublicFigure> Latest, bool Thinned, string Basis, string? LatestStartsAfter)
{
    public static ComparableSeries Of(Measure measure, IReadOnlyList<PublicFigure> council)
    {
        var kept = new List<PublicFigure>();
        var step = Math.Max(PeriodMonths(measure.PeriodType), Currencies.FrequencyMonths(measure.Frequency));

        // A series that is not seasonally adjusted is compared only a whole year apart: the same
        // month or quarter each year, so the seasons cancel out.
        var yearly = measure.Seasonal && step < 12;
        foreach (var figure in council.OrderByDescending(f => f.PeriodStart))
        {
            if (kept.Count == 0 || (figure.PeriodEnd < kept[^1].PeriodStart && (!yearly || figure.PeriodStart.Month == kept[0].PeriodStart.Month)))
            {
                kept.Add(figure);
            }
        }

        kept.Reverse();
        var thinned = kept.Count < council.Count;
        if (yearly)
        {
            step = 12;
        }

        var start = 0;
        string? startsAfter = null;
        for (var i = 1; i < kept.Count; i++)
        {
            if (BreakBetween(measure, kept[i - 1].PeriodStart, kept[i].PeriodStart) is { } seriesBreak)
            {
                start = i;
                startsAfter = $"the series break in {seriesBreak.Period}";
            }
            else if (kept[i].PeriodStart > kept[i - 1].PeriodStart.AddMonths(step))
            {
                start = i;
                startsAfter = $"the gap after {kept[i - 1].Period}";
            }
        }

        var basis = !thinned ? ""
            : yearly ? $"the figures are not seasonally adjusted, so only the same period each year is used, counting back from {kept[^1].Period}"
            : $"consecutive periods overlap, so only figures for periods that do not overlap are used, counting back from {kept[^1].Period}";
        return new ComparableSeries(kept.Skip(start).ToList(), thinned, basis, startsAfter);
    }

    /// <summary>The latest series break after one period start and at or before a later one, if any.</summary>
    public static MeasureBreak? BreakBetween(Measure measure, DateOnly earlier, DateOnly later) =>
        measure.Breaks.Where(b => b.PeriodStart > earlier && b.PeriodStart <= later).OrderBy(b => b.PeriodStart).LastOrDefault();

    private static int PeriodMonths(PeriodType type) => type switch
    {
        PeriodType.Month => 1,
        PeriodType.FinancialQuarter => 3,
        PeriodType.ThreeCalendarYears => 36,
        _ => 12,
    };
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
            .Select(o => new PublicFigure(o.Period, o.PeriodStart, o.PeriodEnd, o.AreaCode, breakdownKeys.GetValueOrDefault(o.BreakdownId, ""), o.Value, o.Numerator, o.Denominator, o.Status, o.QualityNote, false, o.LowerCi, o.UpperCi))
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

    private static PublicFigure Withhold(PublicFigure figure) => figure with { Value = null, Numerator = null, Denominator = null, LowerCi = null, UpperCi = null, Suppressed = true };
}
