using System.Text.Json;
using CouncilPlan.Core.Audit;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Measures;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Imports;

/// <summary>A batch of imported figures with some still unpublished.</summary>
public sealed record WaitingBatch(int BatchId, string Description, string EnteredBy, DateTimeOffset EnteredAt, int Unpublished);

/// <summary>
/// The explicit publish step for imported figures: an import lands unpublished unless the person
/// importing asks to publish (<see cref="ObservationImportOptions.Publish"/>), and the performance
/// team publishes a batch here once it has looked at it. One place for the rule and its audit entry,
/// for the workspace, the command line and source refreshes held for review.
/// </summary>
public sealed class ImportedFigures(CouncilPlanDb db, TimeProvider clock)
{
    /// <summary>Every batch with figures still unpublished, newest first.</summary>
    public async Task<IReadOnlyList<WaitingBatch>> WaitingAsync(CancellationToken cancellationToken = default)
    {
        // observations.batch_id is indexed (a foreign key), and unpublished figures are few.
        var counts = await db.Observations.AsNoTracking()
            .Where(o => !o.Published)
            .GroupBy(o => o.BatchId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var batches = await db.DataBatches.AsNoTracking().Where(b => counts.Keys.Contains(b.Id)).ToListAsync(cancellationToken);
        return batches
            .Select(b => new WaitingBatch(b.Id, b.Description, b.EnteredBy, b.EnteredAt, counts[b.Id]))
            .OrderByDescending(b => b.EnteredAt)
            .ToList();
    }

    /// <summary>Publishes a batch's unpublished figures, all or none, with an audit entry; returns how many.</summary>
    /// <param name="why">What the batch was, for the audit entry ("refresh of ons-claimant-count").</param>
    public async Task<int> PublishBatchAsync(int batchId, string? why = null, CancellationToken cancellationToken = default)
    {
        var batch = await db.DataBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == batchId, cancellationToken)
            ?? throw new InvalidOperationException($"There is no batch {batchId} of figures.");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var count = await db.Observations.Where(o => o.BatchId == batchId && !o.Published)
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
                Key = $"batch {batchId}: {why ?? batch.Description}",
                After = JsonSerializer.Serialize(new { published = count, batch = batchId }),
            });
            await db.SaveChangesAsync(cancellationToken);
            await DataVersion.BumpAsync(db, clock, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return count;
    }
}
