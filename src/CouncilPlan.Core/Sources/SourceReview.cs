using System.Text.Json;
using CouncilPlan.Core.Audit;
using CouncilPlan.Core.Data;
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

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var count = await db.Observations.Where(o => o.BatchId == batch && !o.Published)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Published, true), cancellationToken);
        if (count > 0)
        {
            // A set-based write bypasses the audit interceptor: record it, as the importer does.
            db.AuditEntries.Add(new AuditEntry
            {
                At = clock.GetUtcNow(),
                Who = db.Actor.Who,
                FromWhere = db.Actor.FromWhere,
                Action = "published",
                Entity = nameof(Observation),
                Key = $"batch {batch}: refresh of {refresh.SourceId}",
                After = JsonSerializer.Serialize(new { published = count, batch, refresh = refresh.Id }),
            });
            await db.SaveChangesAsync(cancellationToken);
            await DataVersion.BumpAsync(db, clock, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return count;
    }
}
