using CouncilPlan.Core.Data;
using CouncilPlan.Core.Imports;
using CouncilPlan.Core.Measures;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Sources;

/// <summary>
/// Publishing the figures a refresh of a reviewed source (<c>publish: review</c>) loaded
/// unpublished, once the performance team has looked at them: the web app's staff page and any
/// other caller go through here, so the rule and its audit entry are in one place.
/// </summary>
public sealed class SourceReview(CouncilPlanDb db, TimeProvider clock)
{
    /// <summary>How many figures of each refresh's batch still await publication.</summary>
    public async Task<IReadOnlyDictionary<int, int>> AwaitingAsync(IEnumerable<SourceRefresh> refreshes, CancellationToken cancellationToken = default)
    {
        var batches = refreshes.Where(r => r.BatchId is not null && !r.DryRun).Select(r => r.BatchId!.Value).Distinct().ToList();
        if (batches.Count == 0)
        {
            return new Dictionary<int, int>();
        }

        // observations.batch_id is indexed (a foreign key), so this reads the batches' rows only.
        return await db.Observations.AsNoTracking()
            .Where(o => batches.Contains(o.BatchId) && !o.Published)
            .GroupBy(o => o.BatchId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
    }

    /// <summary>Publishes the figures a refresh loaded that are still unpublished; returns how many.</summary>
    public async Task<int> PublishAsync(long refreshId, CancellationToken cancellationToken = default)
    {
        var refresh = await db.SourceRefreshes.AsNoTracking().SingleOrDefaultAsync(r => r.Id == refreshId, cancellationToken)
            ?? throw new InvalidOperationException($"There is no source refresh {refreshId}.");
        if (refresh.DryRun || refresh.Error is not null || refresh.BatchId is not { } batch)
        {
            throw new InvalidOperationException($"The refresh of {refresh.SourceId} loaded no figures to publish.");
        }

        // The audit entry names the batch, and the refresh records its batch, so each leads to the other.
        return await new ImportedFigures(db, clock).PublishBatchAsync(batch, $"refresh of {refresh.SourceId}", cancellationToken);
    }
}
