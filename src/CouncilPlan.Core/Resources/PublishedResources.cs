using CouncilPlan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Resources;

/// <summary>What may be shown about resources: published lines only, each as at a quarter.</summary>
public static class PublishedResources
{
    /// <summary>
    /// A portfolio's published lines as at a quarter: for each line, the latest published version for
    /// that quarter or an earlier one. Revenue first, then capital in title order.
    /// </summary>
    public static async Task<IReadOnlyList<ResourceLine>> AsAtAsync(CouncilPlanDb db, int portfolioId, DateOnly quarterStart, CancellationToken cancellationToken = default) =>
        Latest(await db.ResourceLines.AsNoTracking().Include(l => l.Element)
            .Where(l => l.PortfolioId == portfolioId && l.Published && l.QuarterStart <= quarterStart)
            .ToListAsync(cancellationToken));

    /// <summary>Every published line, latest quarter of each: for the portal's portfolio and scheme pages.</summary>
    public static async Task<IReadOnlyList<ResourceLine>> CurrentAsync(CouncilPlanDb db, string planId, CancellationToken cancellationToken = default) =>
        Latest(await db.ResourceLines.AsNoTracking().Include(l => l.Element).Include(l => l.Portfolio)
            .Where(l => l.PlanId == planId && l.Published)
            .ToListAsync(cancellationToken));

    private static List<ResourceLine> Latest(IEnumerable<ResourceLine> lines) =>
        lines.GroupBy(l => (l.Kind, l.Key))
            .Select(g => g.MaxBy(l => l.QuarterStart)!)
            .OrderBy(l => l.Kind)
            .ThenBy(l => l.Title, StringComparer.Ordinal)
            .ToList();
}
