using CouncilPlan.Core.Data;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Measures;

/// <summary>A change waiting on its way to the portal, with what it changes and what the officer asking may do with it.</summary>
public sealed record PendingMeasureChange(
    MeasureChange Change,
    string Code,
    string Title,
    IReadOnlyList<(string Field, string Before, string After)> Differences,
    bool MayApprove,
    bool MayPublish);

/// <summary>
/// Proposed changes to measures' public records (definitions and targets) on their way to the
/// portal: approved by someone other than who proposed them (an approver of the owning service, or
/// another member of the performance team), then published by the performance team. Until then the
/// public sees the measure as it was. The audit log holds each step, and the measure's own before
/// and after when it is published.
/// </summary>
public sealed class MeasureChanges(CouncilPlanDb db, TimeProvider clock)
{
    /// <summary>Changes proposed or approved, oldest first, each with what <paramref name="officer"/> may do with it.</summary>
    public async Task<IReadOnlyList<PendingMeasureChange>> PendingAsync(Officer officer, CancellationToken cancellationToken = default)
    {
        var changes = await db.MeasureChanges.AsNoTracking()
            .Where(c => c.Status == MeasureChangeStatus.Proposed || c.Status == MeasureChangeStatus.Approved)
            .OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var ids = changes.Select(c => c.MeasureId).ToList();
        var measures = await db.Measures.AsNoTracking().Where(m => ids.Contains(m.Id)).Select(m => new { m.Id, m.Code, m.Title }).ToDictionaryAsync(m => m.Id, cancellationToken);
        var pending = new List<PendingMeasureChange>();
        foreach (var change in changes)
        {
            var measure = measures[change.MeasureId];
            pending.Add(new PendingMeasureChange(
                change,
                measure.Code,
                measure.Title,
                MeasureRecord.FromJson(change.Before).Differences(MeasureRecord.FromJson(change.After)),
                change.Status == MeasureChangeStatus.Proposed && await MayApproveAsync(officer, change, cancellationToken),
                change.Status == MeasureChangeStatus.Approved && officer.IsPerformanceTeam));
        }

        return pending;
    }

    public async Task ApproveAsync(Officer officer, int changeId, int expectedVersion, CancellationToken cancellationToken = default)
    {
        var change = await FindAsync(changeId, expectedVersion, MeasureChangeStatus.Proposed, cancellationToken);
        Require(await MayApproveAsync(officer, change, cancellationToken), string.Equals(change.ProposedBy, officer.Email, StringComparison.OrdinalIgnoreCase)
            ? "You proposed this change: someone else approves it."
            : "You cannot approve this change: the measure belongs to another service.");
        change.Status = MeasureChangeStatus.Approved;
        change.ApprovedBy = officer.Email;
        change.ApprovedAt = clock.GetUtcNow();
        change.Version++;
        await SaveAsync(cancellationToken);
    }

    /// <summary>Sends a proposed or approved change back unpublished, with the reason; the measure is unchanged.</summary>
    public async Task ReturnAsync(Officer officer, int changeId, string? reason, int expectedVersion, CancellationToken cancellationToken = default)
    {
        var change = await db.MeasureChanges.SingleAsync(c => c.Id == changeId, cancellationToken);
        Require(change.Status is MeasureChangeStatus.Proposed or MeasureChangeStatus.Approved, "Only a change waiting for approval or publication can be returned.");
        Require(officer.IsPerformanceTeam || await MayApproveAsync(officer, change, cancellationToken), "You cannot return this change: the measure belongs to another service.");
        if (change.Version != expectedVersion)
        {
            Refuse(Raced);
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new InvalidInputException(new Dictionary<string, string> { ["Reason"] = "Enter why the change is being returned" });
        }

        change.Status = MeasureChangeStatus.Returned;
        change.ReturnedBy = officer.Email;
        change.ReturnReason = reason.Trim();
        change.Version++;
        await SaveAsync(cancellationToken);
    }

    /// <summary>
    /// Publishes an approved change: the measure's record becomes what was approved, in one
    /// transaction, and every cache empties. Refused when the measure has changed since the
    /// proposal (a catalogue import, say), since the approver did not see that before.
    /// </summary>
    public async Task PublishAsync(Officer officer, int changeId, int expectedVersion, CancellationToken cancellationToken = default)
    {
        Require(officer.IsPerformanceTeam, "Only the performance team publishes.");

        // The check below is against the measure as stored now, not as this context may have tracked it earlier.
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var change = await FindAsync(changeId, expectedVersion, MeasureChangeStatus.Approved, cancellationToken);
        var measure = await db.Measures.Include(m => m.Targets).Include(m => m.Evidence).ThenInclude(e => e.Element).SingleAsync(m => m.Id == change.MeasureId, cancellationToken);
        if (MeasureRecord.Of(measure).ToJson() != change.Before)
        {
            Refuse($"{measure.Code} has changed since this was proposed, so it was not published: return it and propose the change again from the measure as it is now");
        }

        var elements = await db.PlanElements.Where(e => e.PlanId == measure.PlanId).ToDictionaryAsync(e => e.Key, StringComparer.Ordinal, cancellationToken);
        MeasureEditor.Apply(measure, MeasureRecord.FromJson(change.After), elements);
        change.Status = MeasureChangeStatus.Published;
        change.PublishedBy = officer.Email;
        change.PublishedAt = clock.GetUtcNow();
        change.Version++;
        await SaveAsync(cancellationToken);
        await DataVersion.BumpAsync(db, clock, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Four eyes: never whoever proposed it; otherwise the performance team, or an approver of the service that owns the measure.</summary>
    private async Task<bool> MayApproveAsync(Officer officer, MeasureChange change, CancellationToken cancellationToken) =>
        !string.Equals(change.ProposedBy, officer.Email, StringComparison.OrdinalIgnoreCase)
        && await new UpdatePermissions(db).CanApproveAsync(officer, change.MeasureId, null, cancellationToken);

    private async Task<MeasureChange> FindAsync(int changeId, int expectedVersion, MeasureChangeStatus status, CancellationToken cancellationToken)
    {
        var change = await db.MeasureChanges.SingleAsync(c => c.Id == changeId, cancellationToken);
        if (change.Status != status)
        {
            Refuse(change.Status switch
            {
                MeasureChangeStatus.Superseded => "A later change to this measure replaced this one",
                MeasureChangeStatus.Returned => "This change was returned",
                MeasureChangeStatus.Published => "This change is already published",
                _ => status == MeasureChangeStatus.Approved ? "Only an approved change can be published" : "This change is already approved",
            });
        }

        if (change.Version != expectedVersion)
        {
            Refuse(Raced);
        }

        return change;
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            Refuse(Raced);
        }
    }

    private const string Raced = "Someone else acted on this change first: reload the page to see it as it is now";

    /// <summary>Not a refusal of the officer, but of the request as it stands: shown on the page with the change.</summary>
    private static void Refuse(string problem) => throw new InvalidInputException(new Dictionary<string, string> { ["Change"] = problem });

    private static void Require(bool allowed, string reason)
    {
        if (!allowed)
        {
            throw new NotAllowedException(reason);
        }
    }
}
