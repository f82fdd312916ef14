using System.Globalization;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Tests.Updates;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Validation;
using CouncilPlan.Testing;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Tests.Measures;

/// <summary>Targets and definitions are public commitments: a change is a draft until someone else approves it and the performance team publishes it.</summary>
public sealed class MeasureChangesTests
{
    private static readonly TimeProvider Clock = TimeProvider.System;

    /// <summary>T-01's record as the edit form would send it back, with <paramref name="change"/> applied, and its owners as they are.</summary>
    private static async Task<MeasureEdit> EditAsync(CouncilPlanDb db, QuarterlyCycleTests.World world, Func<MeasureRecord, MeasureRecord> change, IReadOnlyList<string>? namedOwners = null)
    {
        var measure = await db.Measures.AsNoTracking().Include(m => m.Targets).Include(m => m.Evidence).ThenInclude(e => e.Element).SingleAsync(m => m.Code == "T-01");
        var r = change(MeasureRecord.Of(measure));
        return new MeasureEdit(
            r.Title, r.Definition, r.Kind, r.Polarity, r.Decimals.ToString(CultureInfo.InvariantCulture), r.UnitLabel, r.Owner, r.Caveat,
            r.SuppressBelow?.ToString(CultureInfo.InvariantCulture), r.EvidenceKeys,
            r.Targets.Select(t => new TargetInput(t.Period, t.Value.ToString("R", CultureInfo.InvariantCulture), t.Tolerance?.ToString("R", CultureInfo.InvariantCulture), t.ToleranceType, t.Source)).ToList(),
            world.ServiceId, namedOwners ?? ["owner"]);
    }

    /// <summary>A change's version as stored: what a page would send back.</summary>
    private static async Task<int> VersionAsync(TestDatabase database, int changeId)
    {
        await using var db = database.NewContext();
        return await db.MeasureChanges.Where(c => c.Id == changeId).Select(c => c.Version).SingleAsync();
    }

    private static MeasureRecord Target(MeasureRecord record, double value) =>
        record with { Targets = record.Targets.Select(t => t with { Value = value }).ToList() };

    private static async Task<double> TargetAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return await db.MeasureTargets.Where(t => db.Measures.Any(m => m.Id == t.MeasureId && m.Code == "T-01")).Select(t => t.Value).SingleAsync();
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task NewTarget_StaysPrivateUntilAnotherApprovesAndTheTeamPublishes(DatabaseProvider provider)
    {
        await using var world = await QuarterlyCycleTests.WorldAsync(provider);
        await using var db = world.Database.NewContext();
        db.Actor = new Audit.AuditActor(QuarterlyCycleTests.Team.Email, "test");
        var changes = new MeasureChanges(db, Clock);

        var change = await new MeasureEditor(db).SaveAsync(QuarterlyCycleTests.Team, "T-01", await EditAsync(db, world, r => Target(r, 300)));
        Assert.NotNull(change);
        var afterProposal = await TargetAsync(world.Database);
        var pending = Assert.Single(await changes.PendingAsync(world.Approver));
        var ownApproval = await Assert.ThrowsAsync<NotAllowedException>(() => changes.ApproveAsync(QuarterlyCycleTests.Team, change.Id, change.Version));
        await Assert.ThrowsAsync<NotAllowedException>(() => changes.ApproveAsync(world.OtherApprover, change.Id, change.Version));
        await Assert.ThrowsAsync<InvalidInputException>(() => changes.PublishAsync(QuarterlyCycleTests.Team, change.Id, change.Version));
        await changes.ApproveAsync(world.Approver, change.Id, await VersionAsync(world.Database, change.Id));
        var afterApproval = await TargetAsync(world.Database);
        var version = await VersionAsync(world.Database, change.Id);
        await Assert.ThrowsAsync<NotAllowedException>(() => changes.PublishAsync(world.Approver, change.Id, version));
        var stale = await Assert.ThrowsAsync<InvalidInputException>(() => changes.PublishAsync(QuarterlyCycleTests.Team, change.Id, version - 1));
        await changes.PublishAsync(QuarterlyCycleTests.Team, change.Id, version);

        Assert.Equal(250, afterProposal);
        Assert.Equal([("Target for 2025-26", "250, amber within 10%", "300, amber within 10%")], pending.Differences.Select(d => (d.Field, d.Before.Split(" (")[0], d.After.Split(" (")[0])));
        Assert.True(pending.MayApprove);
        Assert.Contains("You proposed this change", ownApproval.Message, StringComparison.Ordinal);
        Assert.Equal(250, afterApproval);
        Assert.StartsWith("Someone else acted on this change first", stale.ByField["Change"], StringComparison.Ordinal);
        Assert.Equal(300, await TargetAsync(world.Database));
        await using var check = world.Database.NewContext();
        var stored = await check.MeasureChanges.SingleAsync();
        Assert.Equal((MeasureChangeStatus.Published, "approver@council.example", "team@council.example"), (stored.Status, stored.ApprovedBy, stored.PublishedBy));
        var audit = await check.AuditEntries.Where(e => e.Entity == nameof(MeasureTarget) && e.Action == "changed").SingleAsync();
        Assert.Contains("250", audit.Before, StringComparison.Ordinal);
        Assert.Contains("300", audit.After, StringComparison.Ordinal);
        Assert.Empty(await new MeasureChanges(check, Clock).PendingAsync(QuarterlyCycleTests.Team));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Publish_IsRefused_WhenTheMeasureChangedAfterTheProposal(DatabaseProvider provider)
    {
        await using var world = await QuarterlyCycleTests.WorldAsync(provider);
        await using var db = world.Database.NewContext();
        var changes = new MeasureChanges(db, Clock);
        var change = (await new MeasureEditor(db).SaveAsync(QuarterlyCycleTests.Team, "T-01", await EditAsync(db, world, r => Target(r, 300))))!;
        await changes.ApproveAsync(world.Approver, change.Id, change.Version);

        // As a catalogue import would: the approver never saw this.
        await using (var other = world.Database.NewContext())
        {
            (await other.Measures.SingleAsync(m => m.Code == "T-01")).Title = "Homes delivered (as imported)";
            await other.SaveChangesAsync();
        }

        var version = await VersionAsync(world.Database, change.Id);
        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => changes.PublishAsync(QuarterlyCycleTests.Team, change.Id, version));

        Assert.Contains("T-01 has changed since this was proposed", refused.ByField["Change"], StringComparison.Ordinal);
        Assert.Equal(250, await TargetAsync(world.Database));
        await using var check = world.Database.NewContext();
        Assert.Equal(MeasureChangeStatus.Approved, (await check.MeasureChanges.SingleAsync()).Status);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task OwnersChangeAtOnce_AndANewProposalReplacesOneWaiting(DatabaseProvider provider)
    {
        await using var world = await QuarterlyCycleTests.WorldAsync(provider);
        await using var db = world.Database.NewContext();
        var editor = new MeasureEditor(db);

        var ownersOnly = await editor.SaveAsync(QuarterlyCycleTests.Team, "T-01", await EditAsync(db, world, r => r, namedOwners: []));
        var first = await editor.SaveAsync(QuarterlyCycleTests.Team, "T-01", await EditAsync(db, world, r => Target(r, 300), namedOwners: []));
        var second = await editor.SaveAsync(QuarterlyCycleTests.Team, "T-01", await EditAsync(db, world, r => r with { Definition = "Net additional homes." }, namedOwners: []));
        var returned = await Assert.ThrowsAsync<InvalidInputException>(() => new MeasureChanges(db, Clock).ReturnAsync(world.Approver, second!.Id, " ", second.Version));

        Assert.Null(ownersOnly);
        await using var check = world.Database.NewContext();
        var t01 = await check.Measures.SingleAsync(m => m.Code == "T-01");
        Assert.Equal([null], await check.Ownerships.Where(o => o.MeasureId == t01.Id).Select(o => o.UserId).ToListAsync());
        Assert.Equal(
            [(first!.Id, MeasureChangeStatus.Superseded), (second!.Id, MeasureChangeStatus.Proposed)],
            (await check.MeasureChanges.OrderBy(c => c.Id).ToListAsync()).Select(c => (c.Id, c.Status)));
        Assert.Equal("Enter why the change is being returned", returned.ByField["Reason"]);
        Assert.NotEqual("Net additional homes.", t01.Definition);
    }
}
