using System.Globalization;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Resources;
using CouncilPlan.Core.Statistics;
using CouncilPlan.Core.Statistics.Spc;
using CouncilPlan.Core.Updates;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Reports;

/// <summary>
/// Builds a <see cref="PortfolioReport"/> from published data only, as at a quarter: figures for
/// periods that end on or before the quarter's end, commentary and commitment statuses published for
/// quarters up to it, and published resources as at it. The judgements come from
/// <see cref="MeasureAssessor"/> unchanged.
/// </summary>
public sealed class ReportBuilder(CouncilPlanDb db, TimeProvider clock)
{
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>Reads a quarter written "2023-24 Q2", "2023-24-Q2" or "2023/24 Q2".</summary>
    public static bool TryParseQuarter(string? text, out Period quarter) => Period.TryParse(PeriodType.FinancialQuarter, text, out quarter);

    /// <summary>
    /// Finds what a report is to be about by its id ("economy-and-regeneration") or its title (any
    /// case): a portfolio, or in a plan without portfolios a top-level element; "corporate" is the
    /// whole plan. Prefers the plan in force in the period. Null when none matches.
    /// </summary>
    public async Task<ReportTarget?> FindAsync(string scope, Period quarter, CancellationToken cancellationToken = default)
    {
        var name = scope.Trim();
        if (name.Equals(ReportTarget.CorporateKey, StringComparison.OrdinalIgnoreCase))
        {
            return await CorporateAsync(quarter, cancellationToken);
        }

        var candidates = await db.PlanElements.AsNoTracking()
            .Where(e => e.Kind == ElementKind.Portfolio || (e.Kind == ElementKind.Ambition && e.ParentId == null))
            .ToListAsync(cancellationToken);
        var plans = await db.Plans.AsNoTracking().ToDictionaryAsync(p => p.Id, cancellationToken);
        var matches = candidates.Where(e => e.Key.Equals(name, StringComparison.OrdinalIgnoreCase) || string.Equals(e.Title, name, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(e => plans[e.PlanId].Starts <= quarter.Start && quarter.Start <= plans[e.PlanId].Ends)
            .ThenByDescending(e => plans[e.PlanId].Starts)
            .ThenBy(e => e.Kind == ElementKind.Portfolio ? 0 : 1);
        foreach (var chosen in matches)
        {
            var view = await PlanView.LoadAsync(db, chosen.PlanId, quarter.Start, cancellationToken);
            // A priority of a plan with portfolios is reported through them, not on its own.
            if (view is not null && ReportScopes.Parts(view).FirstOrDefault(p => p.Id == chosen.Id) is { } element)
            {
                return new ReportTarget(view, element, quarter);
            }
        }

        return null;
    }

    /// <summary>The plan in force in the period, else the latest plan; null when none is loaded.</summary>
    public async Task<PlanView?> PlanAsync(Period quarter, CancellationToken cancellationToken = default)
    {
        var plans = await db.Plans.AsNoTracking().ToListAsync(cancellationToken);
        var plan = plans.Where(p => p.Starts <= quarter.Start && quarter.Start <= p.Ends).OrderByDescending(p => p.Starts).FirstOrDefault()
            ?? plans.OrderByDescending(p => p.Starts).FirstOrDefault();
        return plan is null ? null : await PlanView.LoadAsync(db, plan.Id, quarter.Start, cancellationToken);
    }

    /// <summary>The corporate report of the plan in force in the period: every measure and commitment.</summary>
    public async Task<ReportTarget?> CorporateAsync(Period quarter, CancellationToken cancellationToken = default) =>
        await PlanAsync(quarter, cancellationToken) is { } view ? new ReportTarget(view, null, quarter) : null;

    /// <summary>
    /// Every report of the plan in force in the period (else the latest plan), in the plan's order:
    /// one per portfolio, or per top-level element where it has no portfolios, then the corporate one.
    /// </summary>
    public async Task<IReadOnlyList<ReportTarget>> AllAsync(Period quarter, CancellationToken cancellationToken = default)
    {
        if (await PlanAsync(quarter, cancellationToken) is not { } view)
        {
            return [];
        }

        return [.. ReportScopes.Parts(view).Select(p => new ReportTarget(view, p, quarter)), new ReportTarget(view, null, quarter)];
    }

    /// <summary>Builds the report; "what changed" is worked out against the latest snapshot of the same report up to this period.</summary>
    public async Task<PortfolioReport> BuildAsync(ReportTarget target, CancellationToken cancellationToken = default)
    {
        var previous = await ReportSnapshots.PreviousAsync(db, target.Plan.Plan.Id, target.Element?.Id, target.Quarter, cancellationToken);
        var report = await BuildWithoutChangesAsync(target, cancellationToken);
        return report with { Changes = previous is null ? ReportChanges.First : WhatChanged.Between(previous, report) };
    }

    private async Task<PortfolioReport> BuildWithoutChangesAsync(ReportTarget target, CancellationToken cancellationToken)
    {
        var (plan, element, quarter) = target;
        var catalogue = (await PublicMeasures.CatalogueAsync(db, plan.Plan.Id, cancellationToken)).Where(m => Includes(plan, target, m)).ToList();
        var breakdownKeys = await PublicMeasures.BreakdownKeysAsync(db, cancellationToken);
        var breakdownTitles = await db.Breakdowns.AsNoTracking().ToListAsync(cancellationToken);
        var areas = await PublicMeasures.AreasAsync(db, plan.Plan.CouncilAreaCode, cancellationToken);
        var areaNames = await db.Areas.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Name, StringComparer.Ordinal, cancellationToken);
        string NameOf(string label) =>
            areaNames.GetValueOrDefault(label) ?? breakdownTitles.FirstOrDefault(b => b.Key == label)?.Title ?? label;

        var ids = catalogue.Select(m => m.Id).ToList();
        var observations = (await db.Observations.AsNoTracking()
                .Where(o => ids.Contains(o.MeasureId) && o.Published && o.PeriodEnd <= quarter.End)
                .ToListAsync(cancellationToken))
            .ToLookup(o => o.MeasureId);
        var commentaries = (await db.MeasureUpdates.AsNoTracking()
                .Where(u => ids.Contains(u.MeasureId) && u.Status == UpdateStatus.Published && u.PublishedAt != null && u.ReportingPeriod!.Ends <= quarter.End)
                .Select(u => new { u.MeasureId, u.ReportingPeriod!.Quarter, u.ReportingPeriod.Ends, u.PublishedAt, u.Commentary, u.CorrectiveAction, u.CorrectiveActionOwner, u.CorrectiveActionDue })
                .ToListAsync(cancellationToken))
            .GroupBy(u => u.MeasureId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(u => u.Ends).ThenByDescending(u => u.PublishedAt).First());

        var measures = new List<ReportMeasure>();
        foreach (var measure in catalogue.OrderBy(m => m.Code, StringComparer.Ordinal))
        {
            // Currency as at the quarter's end: the report says what was known and due then.
            var assessment = MeasureAssessor.Assess(measure, observations[measure.Id], breakdownKeys, areas, quarter.End);
            var benchmarkName = measure.BenchmarkAreaCode is { } b ? areaNames.GetValueOrDefault(b) ?? b : null;
            var commentary = commentaries.GetValueOrDefault(measure.Id) is { } c
                ? new ReportCommentary(c.Quarter, c.Commentary, c.CorrectiveAction, c.CorrectiveActionOwner, c.CorrectiveActionDue)
                : null;
            var (under, area) = PlaceInPlan(plan, measure);
            measures.Add(Row(measure, assessment, benchmarkName, commentary, NameOf, plan.Words.PlaceWord) with { Under = under, Area = area });
        }

        var commitments = await CommitmentsAsync(plan, target, quarter, cancellationToken);
        // Budgets are published for a portfolio or a plan element; the corporate report has no one line of its own.
        var resources = element is null ? new ReportResources(null, []) : await ResourcesAsync(element, quarter, cancellationToken);
        var words = plan.Words;
        var exceptions = Exceptions(measures, commitments, words.PlaceWord);
        var parts = element is null ? await PartLinesAsync(plan, quarter, measures, commitments, cancellationToken) : [];
        var scopeWord = element is null ? "plan" : words.Name(element.Kind);
        var delivery = ReportScopes.DeliveryWords(plan);
        return new PortfolioReport
        {
            PlanId = plan.Plan.Id,
            PlanName = plan.Plan.Name,
            CouncilName = plan.Plan.CouncilName,
            ScopeKind = target.Kind,
            PortfolioKey = target.Key,
            PortfolioTitle = element is null ? plan.Plan.Name : element.Title ?? element.Key,
            ScopeWord = scopeWord,
            Service = words.Service,
            PlaceWord = words.PlaceWord,
            DeliveryWord = delivery.Singular,
            DeliveryWords = delivery.Plural,
            Rhythm = quarter.Type == PeriodType.FinancialYear ? ReportingRhythm.Annual : ReportingRhythm.Quarterly,
            Quarter = quarter.Label,
            QuarterStart = quarter.Start,
            QuarterEnd = quarter.End,
            BuiltAt = clock.GetUtcNow(),
            DataVersion = await DataVersion.CurrentAsync(db, cancellationToken),
            Scope = target.Kind == ReportScopeKind.Portfolio
                ? plan.ScrutinyRowsOf(element!).Select(r => new ReportScope(r.Title ?? r.Key, plan.Covered(r).Select(c => c.Title ?? c.Key).ToList())).ToList()
                : [],
            Summary = Summarise(measures, commitments, exceptions, target.Kind == ReportScopeKind.Corporate ? "the plan" : $"this {scopeWord}", delivery.Singular, delivery.Plural),
            Measures = measures,
            Exceptions = exceptions,
            GoingWell = GoingWell(measures, commitments),
            Parts = parts,
            PartWord = ReportScopes.Parts(plan) is [var first, ..] ? words.Name(first.Kind) : "portfolio",
            Commitments = commitments,
            Resources = resources,
            Changes = ReportChanges.First,
        };
    }

    /// <summary>
    /// Whether a measure belongs in the report: a portfolio's are those it owns; a top-level
    /// element's, those evidencing it or anything under it; the corporate report has every one.
    /// </summary>
    private static bool Includes(PlanView plan, ReportTarget target, Measure measure)
    {
        switch (target.Kind)
        {
            case ReportScopeKind.Portfolio:
                return measure.PortfolioId == target.Element!.Id;
            case ReportScopeKind.Part:
                foreach (var evidence in measure.Evidence)
                {
                    for (var e = plan.Elements.FirstOrDefault(x => x.Id == evidence.ElementId); e is not null; e = e.Parent)
                    {
                        if (e.Id == target.Element!.Id)
                        {
                            return true;
                        }
                    }
                }

                return false;
            default:
                return true;
        }
    }

    /// <summary>
    /// Where a measure sits in the plan, for the measures table's groups: the top-level element of the
    /// first thing it evidences (in the plan's order), and the key area or part within it, if any.
    /// </summary>
    private static (string? Under, string? Area) PlaceInPlan(PlanView plan, Measure measure)
    {
        var evidenced = measure.Evidence.Select(e => plan.Elements.FirstOrDefault(x => x.Id == e.ElementId)).OfType<PlanElement>()
            .OrderBy(Path, StringComparer.Ordinal).FirstOrDefault();
        if (evidenced is null)
        {
            return (null, null);
        }

        var chain = new List<PlanElement>();
        for (var e = evidenced; e is not null; e = e.Parent)
        {
            chain.Insert(0, e);
        }

        var area = chain.Skip(1).FirstOrDefault(e => e.Kind is ElementKind.KeyArea or ElementKind.FocusArea or ElementKind.ProgrammePart);
        return (chain[0].Title ?? chain[0].Key, area is null ? null : area.Title ?? area.Key);
    }

    /// <summary>The corporate report's line per portfolio (or top-level element), counted with the same rules as each portfolio's own report.</summary>
    private async Task<IReadOnlyList<ReportPartLine>> PartLinesAsync(PlanView plan, Period quarter, IReadOnlyList<ReportMeasure> measures, IReadOnlyList<ReportCommitment> all, CancellationToken cancellationToken)
    {
        var catalogue = await PublicMeasures.CatalogueAsync(db, plan.Plan.Id, cancellationToken);
        var lines = new List<ReportPartLine>();
        foreach (var part in ReportScopes.Parts(plan))
        {
            var target = new ReportTarget(plan, part, quarter);
            var codes = catalogue.Where(m => Includes(plan, target, m)).Select(m => m.Code).ToHashSet(StringComparer.Ordinal);
            var rows = measures.Where(m => codes.Contains(m.Code)).ToList();
            var keys = (await CommitmentsAsync(plan, target, quarter, cancellationToken)).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
            var commitments = all.Where(c => keys.Contains(c.Key)).ToList();
            lines.Add(new ReportPartLine(
                part.Key,
                part.Title ?? part.Key,
                rows.Count,
                rows.Count(m => m.Rag == Rag.Red),
                rows.Count(m => m.Rag == Rag.Amber),
                rows.Count(m => m.Rag == Rag.Green),
                rows.Count(m => m.Rag == Rag.NotRated),
                Exceptions(rows, commitments, plan.Words.PlaceWord).Count,
                commitments.Count,
                commitments.Count(c => c.Status == nameof(CommitmentStatus.Complete)),
                commitments.Count(c => c.Status is nameof(CommitmentStatus.OffTrack) or nameof(CommitmentStatus.AtRisk) || c.MissedDate)));
        }

        return lines;
    }

    /// <summary>Depth-first order of the plan: positions from the top down.</summary>
    private static string Path(PlanElement e)
    {
        var parts = new List<string>();
        for (var x = e; x is not null; x = x.Parent)
        {
            parts.Insert(0, x.Position.ToString("D4", CultureInfo.InvariantCulture));
        }

        return string.Join('/', parts);
    }

    private static ReportMeasure Row(Measure measure, MeasureAssessment assessment, string? benchmarkName, ReportCommentary? commentary, Func<string, string> nameOf, string place)
    {
        static ReportValue Value(AssessedPoint p) => new(p.Figure.Period, p.Figure.PeriodStart, p.Figure.PeriodEnd, p.Figure.Value, p.Figure.Status.ToString(), p.Figure.QualityNote, p.Figure.Suppressed);
        var series = assessment.Series;
        var latest = assessment.Latest;
        var target = assessment.Target;
        var caveats = new List<string>();
        if (latest is not null)
        {
            foreach (var p in series.Skip(Math.Max(0, series.Count - 5)))
            {
                if (p.Figure.Status != ObservationStatus.Final)
                {
                    caveats.Add($"The {p.Figure.Period} figure is {p.Figure.Status.ToString().ToLowerInvariant()}.");
                }

                if (p.Figure.QualityNote is { Length: > 0 } note)
                {
                    caveats.Add($"{p.Figure.Period}: {note}");
                }
            }

            if (assessment.Currency is { OutOfDate: true } stale)
            {
                caveats.Add(MeasureWords.OutOfDate(stale));
            }

            if (assessment.Direction.Method is { } method)
            {
                caveats.Add($"Direction of travel tested by: {method}.");
            }
            else if (assessment.Direction.SinceSamePeriodLastYear.Direction == Direction.NotTested)
            {
                caveats.Add("Direction of travel not tested: no confidence interval is published for these figures, so a change is stated, not judged.");
            }

            foreach (var seriesBreak in measure.Breaks.OrderBy(b => b.PeriodStart))
            {
                caveats.Add($"Series break from {seriesBreak.Period}: {seriesBreak.Reason.TrimEnd('.')}. Earlier figures are not compared with later ones.");
            }
        }

        if (measure.Caveat is { Length: > 0 } caveat)
        {
            caveats.Add(caveat);
        }

        return new ReportMeasure
        {
            Code = measure.Code,
            Title = measure.Title,
            Owner = measure.Owner,
            Frequency = measure.Frequency.ToString(),
            Kind = measure.Kind.ToString(),
            Unit = measure.Unit.ToString(),
            UnitLabel = measure.UnitLabel,
            Decimals = measure.Decimals,
            Polarity = measure.Polarity,
            Previous = series.Count > 1 ? series.Take(series.Count - 1).TakeLast(4).Select(Value).ToList() : [],
            Latest = latest is null ? null : Value(latest),
            Target = target?.Value,
            TargetPeriod = target?.Period,
            Tolerance = ToleranceWords(measure, target),
            // A figure that is out of date is shown for the record, not rated or judged.
            Rag = assessment.OutOfDate ? Rag.NotRated : assessment.Rag,
            ShortTerm = assessment.Direction.SincePreviousPeriod.Direction,
            LongTerm = assessment.Direction.SinceSamePeriodLastYear.Direction,
            DirectionMethod = assessment.Direction.Method,
            OutOfDate = assessment.Currency is { OutOfDate: true } currency ? MeasureWords.OutOfDate(currency) : null,
            Variation = assessment.OutOfDate ? null : assessment.Spc?.VariationIcon,
            Assurance = !assessment.OutOfDate && measure.Kind == MeasureKind.Performance ? assessment.Spc?.Assurance : null,
            BenchmarkName = benchmarkName,
            BenchmarkValue = latest?.Benchmark,
            Comparison = assessment.BenchmarkComparison,
            Masked = assessment.Masking.Masked,
            MaskedGroups = assessment.Masking.WorseGroups.Select(nameOf).ToList(),
            NoiseAware = !assessment.OutOfDate && assessment.Rag != Rag.NotRated && assessment.NoiseAware.Status is not (NoiseAwareStatus.NotRated or NoiseAwareStatus.NoSpcResult) ? assessment.NoiseAware.Phrase : null,
            Commentary = commentary,
            Caveats = caveats,
            Summary = MeasureWords.Summary(measure, assessment, benchmarkName ?? "the benchmark", place),
            Series = series.Select((p, i) => new ReportPoint(
                p.Figure.Period,
                p.Figure.Value,
                p.Figure.Status.ToString(),
                p.Interval?.Lower,
                p.Interval?.Upper,
                p.Target,
                p.Benchmark,
                p.Spc?.RebaseGroup,
                p.Spc?.Mean,
                p.Spc?.Lpl,
                p.Spc?.Upl,
                p.Spc?.PointType,
                i > 0 && ComparableSeries.BreakBetween(measure, series[i - 1].Figure.PeriodStart, p.Figure.PeriodStart) is not null)).ToList(),
        };
    }

    private static string? ToleranceWords(Measure measure, MeasureTarget? target) => target?.Tolerance is { } t && t > 0
        ? target.ToleranceType == ToleranceType.Percent
            ? $"amber within {t.ToString("0.##", EnGb)}% of target"
            : $"amber within {MeasureWords.Value(measure, t)}"
        : null;

    private async Task<IReadOnlyList<ReportCommitment>> CommitmentsAsync(PlanView plan, ReportTarget target, Period quarter, CancellationToken cancellationToken)
    {
        // What the commitments sit under: what a portfolio answers for, the top-level element itself, or every section of the plan.
        IReadOnlyList<PlanElement> answered = target.Kind switch
        {
            ReportScopeKind.Portfolio => plan.AnsweredFor(target.Element!),
            ReportScopeKind.Part => [target.Element!],
            _ => plan.Elements.Where(e => e.Kind is ElementKind.Ambition or ElementKind.Theme or ElementKind.Programme).OrderBy(e => Path(e), StringComparer.Ordinal).ToList(),
        };
        var items = new List<(PlanElement Element, PlanElement Under)>();
        foreach (var section in answered)
        {
            foreach (var element in plan.Elements.Where(e => e.Kind is ElementKind.Scheme or ElementKind.Commitment && PlanView.Owner(e)?.Id == section.Id).OrderBy(e => Path(e), StringComparer.Ordinal))
            {
                items.Add((element, section));
            }
        }

        var ids = items.Select(i => i.Element.Id).ToList();
        var periods = await db.ReportingPeriods.AsNoTracking().ToDictionaryAsync(p => p.Id, cancellationToken);
        var updates = (await db.CommitmentUpdates.AsNoTracking().Where(c => ids.Contains(c.ElementId) && c.Published).ToListAsync(cancellationToken))
            .Where(c => c.ReportingPeriodId is not { } id || periods[id].Ends <= quarter.End)
            .GroupBy(c => c.ElementId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.ReportingPeriodId is { } id ? periods[id].Ends : DateOnly.MinValue).ThenByDescending(c => c.PublishedAt).ThenByDescending(c => c.Id).First());

        return items.Select(i =>
        {
            var status = updates.GetValueOrDefault(i.Element.Id);
            DateOnly? dueBy = i.Element.Due is { } due ? new DataFiles.PartialDate(due, i.Element.DuePrecision ?? DataFiles.DatePrecision.Day).End : null;
            var deadline = status?.RevisedDate ?? dueBy;
            var current = status?.Status ?? CommitmentStatus.NotYetReported;
            return new ReportCommitment
            {
                Key = i.Element.Key,
                Title = i.Element.Title ?? i.Element.Key,
                Kind = i.Element.Kind.ToString(),
                Under = i.Under.Title ?? i.Under.Key,
                Due = i.Element.DueDisplay,
                DueBy = dueBy,
                RevisedDate = status?.RevisedDate,
                Status = current.ToString(),
                StatusQuarter = status?.ReportingPeriodId is { } pid ? periods[pid].Quarter : null,
                Commentary = status?.Commentary,
                MissedDate = deadline is { } d && d <= quarter.End && current != CommitmentStatus.Complete,
            };
        }).ToList();
    }

    private async Task<ReportResources> ResourcesAsync(PlanElement portfolio, Period quarter, CancellationToken cancellationToken)
    {
        // As at the last quarter of the period: for a year, its fourth quarter.
        var lines = await PublishedResources.AsAtAsync(db, portfolio.Id, Period.Of(PeriodType.FinancialQuarter, quarter.End).Start, cancellationToken);
        ReportResourceLine Line(ResourceLine l) => new()
        {
            Key = l.Key,
            Title = l.Title,
            ElementKey = l.Element?.Key,
            ElementTitle = l.Element?.Title,
            AsAt = l.Quarter,
            Budget = l.Budget,
            Forecast = l.Forecast,
            Variance = l.Variance,
            SpentToDate = l.SpentToDate,
            SavingsTarget = l.SavingsTarget,
            SavingsDelivered = l.SavingsDelivered,
            FundingSecured = l.FundingSecured,
            Source = l.Source,
            Note = l.Note,
        };
        var revenue = lines.FirstOrDefault(l => l.Kind == ResourceKind.Revenue);
        return new ReportResources(revenue is null ? null : Line(revenue), lines.Where(l => l.Kind == ResourceKind.Capital).Select(Line).ToList());
    }

    /// <summary>
    /// The exception pages, by rule: red; worse by more than chance on the period before or a year
    /// earlier; special-cause concern; a masking flag; an out-of-date figure (not judged, but overdue
    /// from its publisher); a commitment whose date has passed. Members value exception reports that lead
    /// with what needs their attention, each with the explanation and the action.
    /// </summary>
    public static IReadOnlyList<ReportException> Exceptions(IReadOnlyList<ReportMeasure> measures, IReadOnlyList<ReportCommitment> commitments, string place = "borough")
    {
        var list = new List<ReportException>();
        foreach (var m in measures)
        {
            var reasons = new List<string>();
            if (m.OutOfDate is { } stale)
            {
                // An out-of-date figure is not judged, so it is an exception for its date alone.
                list.Add(new ReportException("Measure", m.Code, m.Title, [stale]));
                continue;
            }

            if (m.Rag == Rag.Red)
            {
                reasons.Add("Red: the target was missed.");
            }

            if (m.ShortTerm == Direction.Worsening || m.LongTerm == Direction.Worsening)
            {
                reasons.Add("Worsening: " + ReportWords.List(new[] { (m.ShortTerm, "on the period before"), (m.LongTerm, "on the same period a year earlier") }
                    .Where(d => d.Item1 == Direction.Worsening).Select(d => d.Item2)) + ", by more than chance.");
            }

            if (m.Series.Count > 0 && m.Series[^1].PointType == SpcLabels.Point.Concern)
            {
                reasons.Add("Special-cause concern: the latest figure is a significant change for the worse.");
            }
            else if (m.Variation is SpcLabels.Variation.ConcernHigh or SpcLabels.Variation.ConcernLow)
            {
                reasons.Add(MeasureWords.Variation(m.Variation) + ".");
            }

            if (m.Masked)
            {
                reasons.Add($"The {place} figure hides {string.Join(", ", m.MaskedGroups)}, significantly worse than the {place}.");
            }

            if (reasons.Count > 0)
            {
                list.Add(new ReportException("Measure", m.Code, m.Title, reasons));
            }
        }

        foreach (var c in commitments.Where(c => c.MissedDate))
        {
            var date = c.RevisedDate is { } revised ? $"its revised date, {revised.ToString("d MMMM yyyy", EnGb)}" : $"its date in the plan, {c.Due}";
            list.Add(new ReportException("Commitment", c.Key, c.Title, [$"Overdue: {date} has passed and it is not complete ({ReportWords.CommitmentStatus(c.Status).ToLowerInvariant()})."]));
        }

        return list;
    }

    /// <summary>
    /// What is going well, by rule: better by more than chance on the period before or a year earlier,
    /// or special-cause improvement (never an out-of-date figure); and what was delivered.
    /// </summary>
    public static IReadOnlyList<ReportException> GoingWell(IReadOnlyList<ReportMeasure> measures, IReadOnlyList<ReportCommitment> commitments)
    {
        var list = new List<ReportException>();
        foreach (var m in measures.Where(m => m.OutOfDate is null && m.Latest is not null))
        {
            var reasons = new List<string>();
            if (m.ShortTerm == Direction.Improving || m.LongTerm == Direction.Improving)
            {
                reasons.Add("Improving: " + ReportWords.List(new[] { (m.ShortTerm, "on the period before"), (m.LongTerm, "on the same period a year earlier") }
                    .Where(d => d.Item1 == Direction.Improving).Select(d => d.Item2)) + ", by more than chance.");
            }

            if (m.Series.Count > 0 && m.Series[^1].PointType == SpcLabels.Point.Improvement)
            {
                reasons.Add("Special-cause improvement: the latest figure is a significant change for the better.");
            }
            else if (m.Variation is SpcLabels.Variation.ImprovementHigh or SpcLabels.Variation.ImprovementLow)
            {
                reasons.Add(MeasureWords.Variation(m.Variation) + ".");
            }

            if (reasons.Count > 0)
            {
                list.Add(new ReportException("Measure", m.Code, m.Title, reasons));
            }
        }

        foreach (var c in commitments.Where(c => c.Status == nameof(CommitmentStatus.Complete)))
        {
            list.Add(new ReportException("Commitment", c.Key, c.Title, [$"Delivered{(c.StatusQuarter is { } q ? $" (reported {q})" : "")}."]));
        }

        return list;
    }

    /// <summary>The cover's counts, made from the same rows the tables show.</summary>
    public static ReportSummary Summarise(IReadOnlyList<ReportMeasure> measures, IReadOnlyList<ReportCommitment> commitments, IReadOnlyList<ReportException> exceptions, string scope = "this portfolio", string deliveryWord = "commitment or scheme", string deliveryWords = "commitments and schemes")
    {
        // Out-of-date figures are not rated (Row), so they count as not rated, and are said apart.
        var outOfDate = measures.Count(m => m.OutOfDate is not null);
        var byRag = new[] { Rag.Red, Rag.Amber, Rag.Green, Rag.NotRated }
            .Select(r => new ReportCount(MeasureWords.RagShort(r), ReportWords.RagMeaning(r), measures.Count(m => m.Rag == r)))
            .ToList();
        var byVariation = measures.GroupBy(m => m.Variation ?? "")
            .Select(g => new ReportCount(ReportWords.VariationShort(g.Key.Length == 0 ? null : g.Key), MeasureWords.Variation(g.Key.Length == 0 ? null : g.Key), g.Count()))
            .OrderBy(c => ReportWords.VariationOrder(c.Label))
            .ToList();
        var byStatus = Enum.GetValues<CommitmentStatus>()
            .Select(s => new ReportCount(StatusWords.Describe(s), "", commitments.Count(c => c.Status == s.ToString())))
            .Where(c => c.Count > 0)
            .ToList();
        var sentences = new List<string>
        {
            measures.Count == 0
                ? $"No measures are reported for {scope}."
                : $"{ReportWords.Count(measures.Count, "measure")}: " + ReportWords.List(byRag.Where(c => c.Count > 0).Select(c => $"{c.Count} {c.Label.ToLowerInvariant()} ({c.Meaning})")) + ".",
        };
        if (measures.Any(m => m.Variation is not null))
        {
            sentences.Add("Statistical process control: " + ReportWords.List(byVariation.Select(c => $"{c.Count} {c.Meaning.ToLowerInvariant()}")) + ".");
        }

        var awaiting = measures.Count(m => m.AwaitingData);
        if (awaiting > 0)
        {
            sentences.Add($"{ReportWords.Count(awaiting, "measure")} {(awaiting == 1 ? "is" : "are")} awaiting data.");
        }

        if (outOfDate > 0)
        {
            sentences.Add($"{ReportWords.Count(outOfDate, "measure")} {(outOfDate == 1 ? "has" : "have")} an out-of-date latest figure, so {(outOfDate == 1 ? "it is" : "they are")} counted as not rated and not judged.");
        }

        sentences.Add(commitments.Count == 0
            ? $"No {ReportScopes.NoneOf(deliveryWords)} are reported for {scope}."
            : $"{ReportWords.Count(commitments.Count, deliveryWord, deliveryWords)}: " + ReportWords.List(byStatus.Select(c => $"{c.Count} {c.Label.ToLowerInvariant()}")) + ".");
        sentences.Add(exceptions.Count == 0
            ? "Nothing meets the rules for an exception report."
            : $"{ReportWords.Count(exceptions.Count, "exception")} {(exceptions.Count == 1 ? "is" : "are")} reported in detail.");

        return new ReportSummary(
            measures.Count,
            measures.Count(m => m.Kind == nameof(MeasureKind.Performance)),
            awaiting,
            byRag,
            byVariation,
            commitments.Count,
            byStatus,
            exceptions.Count,
            sentences);
    }
}
