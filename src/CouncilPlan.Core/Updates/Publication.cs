using CouncilPlan.Core.Data;
using CouncilPlan.Core.Measures;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Updates;
/// <summary>Publishes approved updates: only then do they reach the portal, the API, the downloads and the reports.</summary>
public sealed class Publication(CouncilPlanDb db, TimeProvider clock)
{
    /// <summary>
    /// Publishes approved updates and commitment statuses: each update's figure becomes (or revises)
    /// the published observation for the council, unpublished figures of the same measure and period
    /// are published with it, and the data version moves so every cache empties.
    /// </summary>
    public async Task<int> PublishAsync(Officer officer, IReadOnlyCollection<int> updateIds, IReadOnlyCollection<long> commitmentUpdateIds, CancellationToken cancellationToken = default)
    {
        Require(officer.IsPerformanceTeam, "Only the performance team publishes.");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var updates = await db.MeasureUpdates.Where(u => updateIds.Contains(u.Id)).ToListAsync(cancellationToken);
        var commitments = await db.CommitmentUpdates.Where(c => commitmentUpdateIds.Contains(c.Id)).ToListAsync(cancellationToken);

        // Every check before anything is written: a refusal leaves nothing behind.
        Require(updates.All(u => u.Status == UpdateStatus.Approved), "Only approved updates can be published.");
        Require(commitments.All(c => c.ApprovedAt is not null), "Only approved commitment updates can be published.");
        var measures = await db.Measures.Where(m => updates.Select(u => u.MeasureId).Contains(m.Id)).Include(m => m.Portfolio).ToDictionaryAsync(m => m.Id, cancellationToken);
        var plans = await db.Plans.ToDictionaryAsync(p => p.Id, cancellationToken);
        var batch = new DataBatch { EnteredBy = officer.Email, EnteredAt = now, Description = "published from the staff workspace" };
        db.DataBatches.Add(batch);
        await db.SaveChangesAsync(cancellationToken);

        foreach (var update in updates)
        {
            var measure = measures[update.MeasureId];
            var council = plans[measure.PlanId].CouncilAreaCode;
            if (update.DraftObservation(measure, council) is { } draft)
            {
                var (period, value) = (draft.PeriodStart, draft.Value);
                var observation = await db.Observations.SingleOrDefaultAsync(
                    o => o.MeasureId == measure.Id && o.PeriodStart == period && o.AreaCode == council && o.BreakdownId == Breakdown.TotalId, cancellationToken);
                if (observation is null)
                {
                    draft.BatchId = batch.Id;
                    draft.Version = 1;
                    db.Observations.Add(draft);
                }
                else if (observation.Value != value || observation.Numerator != update.DraftNumerator || observation.Denominator != update.DraftDenominator
                    || observation.Status != update.DraftStatus || observation.QualityNote != update.DraftQualityNote || !observation.Published)
                {
                    // The database keeps the version this replaces (observation_revisions).
                    observation.Value = value;
                    observation.Numerator = update.DraftNumerator;
                    observation.Denominator = update.DraftDenominator;
                    observation.Status = update.DraftStatus;
                    observation.QualityNote = update.DraftQualityNote;
                    observation.Published = true;
                    observation.BatchId = batch.Id;
                    observation.Version++;
                }

                // Other figures imported for the same measure and period (wards, groups) are not
                // published with it: an import is published on purpose (ImportedFigures), never as a side effect.
            }

            update.Status = UpdateStatus.Published;
            update.PublishedBy = officer.Email;
            update.PublishedAt = now;
            update.Version++;
        }

        foreach (var commitment in commitments)
        {
            commitment.Published = true;
            commitment.PublishedBy = officer.Email;
            commitment.PublishedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        await DataVersion.BumpAsync(db, clock, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return updates.Count + commitments.Count;
    }

    private static void Require(bool allowed, string reason)
    {
        if (!allowed)
        {
            throw new NotAllowedException(reason);
        }
    }
}
