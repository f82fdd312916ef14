using CouncilPlan.Core.Areas;
using CouncilPlan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Measures;

/// <summary>A measure with what the public sees about it: metadata, links and its assessment.</summary>
public sealed record PublicMeasure(
    Measure Measure,
    string? PortfolioKey,
    string? PortfolioTitle,
    IReadOnlyList<string> EvidenceKeys,
    MeasureAssessment Assessment,
    PublishedCommentary? Commentary = null);

/// <summary>The owner's commentary (and any corrective action) published with a quarter's update.</summary>
public sealed record PublishedCommentary(string Quarter, string? Period, string? Text, string? CorrectiveAction, string? CorrectiveActionOwner, DateOnly? CorrectiveActionDue, DateTimeOffset PublishedAt);

/// <summary>
/// Reads what may be published about measures: only published observations, each measure's
/// read through the index on its id (never a scan of all observations), with disclosure control
/// applied by <see cref="MeasureAssessor"/> before anything leaves.
/// </summary>
public static class PublicMeasures
{
    /// <summary>The plan's measure catalogue with sources, portfolios, links and targets (no figures).</summary>
    public static async Task<IReadOnlyList<Measure>> CatalogueAsync(CouncilPlanDb db, string planId, CancellationToken cancellationToken = default) =>
        await db.Measures.AsNoTracking()
            .Where(m => m.PlanId == planId)
            .Include(m => m.Source).Include(m => m.Portfolio).Include(m => m.Targets).Include(m => m.Comparators).Include(m => m.Dimensions).Include(m => m.Breaks)
            .Include(m => m.Evidence).ThenInclude(e => e.Element)
            .OrderBy(m => m.Code)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

    /// <summary>Assesses one measure from its published observations, as at a day (for currency).</summary>
    public static async Task<PublicMeasure> AssessAsync(CouncilPlanDb db, Measure measure, IReadOnlyDictionary<int, string> breakdowns, AssessmentAreas areas, DateOnly asAt, CancellationToken cancellationToken = default)
    {
        var observations = await db.Observations.AsNoTracking()
            .Where(o => o.MeasureId == measure.Id && o.Published)
            .ToListAsync(cancellationToken);
        var commentary = await db.MeasureUpdates.AsNoTracking()
            .Where(u => u.MeasureId == measure.Id && u.Status == Updates.UpdateStatus.Published && u.PublishedAt != null)
            .OrderByDescending(u => u.PublishedAt)
            .Select(u => new PublishedCommentary(u.ReportingPeriod!.Quarter, u.DraftPeriod, u.Commentary, u.CorrectiveAction, u.CorrectiveActionOwner, u.CorrectiveActionDue, u.PublishedAt!.Value))
            .FirstOrDefaultAsync(cancellationToken);
        return new PublicMeasure(
            measure,
            measure.Portfolio?.Key,
            measure.Portfolio?.Title,
            measure.Evidence.OrderBy(e => e.Position).Select(e => e.Element!.Key).ToList(),
            MeasureAssessor.Assess(measure, observations, breakdowns, areas, asAt),
            commentary);
    }

    /// <summary>Each commitment's latest published status: what residents see.</summary>
    public static async Task<IReadOnlyDictionary<int, Updates.CommitmentUpdate>> CommitmentStatusesAsync(CouncilPlanDb db, CancellationToken cancellationToken = default) =>
        (await db.CommitmentUpdates.AsNoTracking().Where(c => c.Published).ToListAsync(cancellationToken))
            .GroupBy(c => c.ElementId)
            .ToDictionary(g => g.Key, g => g.MaxBy(c => c.PublishedAt)!);

    public static async Task<IReadOnlyDictionary<int, string>> BreakdownKeysAsync(CouncilPlanDb db, CancellationToken cancellationToken = default) =>
        await db.Breakdowns.AsNoTracking().ToDictionaryAsync(b => b.Id, b => b.Key, cancellationToken);

    /// <summary>The council's wards (every ward set) and the members of every comparator group.</summary>
    public static async Task<AssessmentAreas> AreasAsync(CouncilPlanDb db, string councilArea, CancellationToken cancellationToken = default)
    {
        var wards = await db.Areas.AsNoTracking().Where(a => a.Type == AreaType.Ward && a.ParentCode == councilArea).Select(a => a.Code).ToListAsync(cancellationToken);
        var members = await db.AreaGroupMembers.AsNoTracking().ToListAsync(cancellationToken);
        var shares = await db.Dimensions.AsNoTracking().Where(d => d.Shares).Select(d => d.Id).ToListAsync(cancellationToken);
        return new AssessmentAreas(
            councilArea,
            wards.ToHashSet(StringComparer.Ordinal),
            members.GroupBy(m => m.GroupCode).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(m => m.MemberCode).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal),
            shares.ToHashSet(StringComparer.Ordinal));
    }
}
