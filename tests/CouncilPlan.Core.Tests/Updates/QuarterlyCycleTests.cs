using CouncilPlan.Core.Areas;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Statistics;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Users;
using CouncilPlan.Core.Validation;
using CouncilPlan.Reports.Workspace;
using CouncilPlan.Testing;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Tests.Updates;

/// <summary>The quarterly cycle's rules, on both databases: who may do what, red needs action, nothing overwritten.</summary>
public sealed class QuarterlyCycleTests
{
    private static readonly TimeProvider Clock = TimeProvider.System;

    // Measure T-01 (homes, financial year, target 250 in 2025-26 with 10% amber) from CatalogueFixtures,
    // owned by Housing and named to "owner"; "colleague" is another Housing contributor, "stranger" one in Education.
    internal static readonly Officer Team = new("team", "team@council.example", "Team", new HashSet<string> { Roles.PerformanceTeam }, null, null);

    internal sealed record World(TestDatabase Database, int ServiceId, int OtherServiceId, Officer Owner, Officer Colleague, Officer Stranger, Officer Approver, Officer OtherApprover) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Database.DisposeAsync();
    }

    internal static async Task<World> WorldAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        await new AreaImporter(db, Clock).ImportFileAsync(RepositoryFiles.Areas);
        await new PlanImporter(db, Clock).ImportFileAsync(PlanFixtures.WriteTemp(PlanFixtures.Minimal));
        await new MeasureCatalogueImporter(db, Clock).ImportFileAsync(CatalogueFixtures.WriteTemp(CatalogueFixtures.Minimal));
        var housing = new Service { Name = "Housing" };
        var education = new Service { Name = "Education" };
        db.Services.AddRange(housing, education);
        foreach (var (id, service) in new[] { ("owner", housing), ("colleague", housing), ("stranger", education), ("approver", housing), ("other-approver", education) })
        {
            db.Users.Add(new StaffUser { Id = id, UserName = id + "@council.example", Email = id + "@council.example", DisplayName = id, Service = service });
        }

        await db.SaveChangesAsync();
        var measure = await db.Measures.SingleAsync(m => m.Code == "T-01");
        var scheme = await db.PlanElements.SingleAsync(e => e.Key == "scheme-one");
        db.Ownerships.AddRange(
            new Ownership { MeasureId = measure.Id, ServiceId = housing.Id, UserId = "owner" },
            new Ownership { ElementId = scheme.Id, ServiceId = housing.Id, UserId = "owner" });
        await db.SaveChangesAsync();
        await new Cycle(db, Clock).Periods.OpenAsync(Team, "2025-26 Q4", new DateOnly(2026, 4, 30));
        Officer Person(string id, string role, int service) => new(id, id + "@council.example", id, new HashSet<string> { role }, service, null);
        return new World(
            database,
            housing.Id,
            education.Id,
            Person("owner", Roles.Contributor, housing.Id),
            Person("colleague", Roles.Contributor, housing.Id),
            Person("stranger", Roles.Contributor, education.Id),
            Person("approver", Roles.Approver, housing.Id),
            Person("other-approver", Roles.Approver, education.Id));
    }

    private static MeasureUpdateInput Input(string value, int version = 0, string? action = null) =>
        new("2025-26", value, null, null, ObservationStatus.Final, null, "Homes delivered this year.", action, action is null ? null : "Head of Housing", action is null ? null : "2026-06-30", version);

    private static async Task<(Measure Measure, ReportingPeriod Quarter)> MeasureAndQuarterAsync(CouncilPlanDb db) =>
        (await db.Measures.Include(m => m.Portfolio).SingleAsync(m => m.Code == "T-01"), await db.ReportingPeriods.SingleAsync());

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Contributor_EditingAMeasureTheyDoNotOwn_IsRefused(DatabaseProvider provider)
    {
        await using var world = await WorldAsync(provider);
        await using var db = world.Database.NewContext();
        var (measure, quarter) = await MeasureAndQuarterAsync(db);

        var refusal = await Assert.ThrowsAsync<NotAllowedException>(() => new Cycle(db, Clock).Updates.SaveAsync(world.Stranger, measure, quarter, Input("260"), submit: false));

        Assert.Contains("not one you own", refusal.Message, StringComparison.Ordinal);
        Assert.False(await db.MeasureUpdates.AnyAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task RedValue_NeedsACorrectiveActionWithOwnerAndDate(DatabaseProvider provider)
    {
        await using var world = await WorldAsync(provider);
        await using var db = world.Database.NewContext();
        var (measure, quarter) = await MeasureAndQuarterAsync(db);
        var cycle = new Cycle(db, Clock);

        // 200 against a target of 250 with 10% amber (225) is red.
        var error = await Assert.ThrowsAsync<InvalidInputException>(() => cycle.Updates.SaveAsync(world.Owner, measure, quarter, Input("200"), submit: true));
        var saved = await cycle.Updates.SaveAsync(world.Owner, measure, quarter, Input("200", action: "Bring forward two sites"), submit: true);
        var amber = await new Cycle(world.Database.NewContext(), Clock).Updates.SaveAsync(world.Owner, measure, quarter, Input("230", saved.Version), submit: true);

        Assert.Equal(["CorrectiveAction", "CorrectiveActionDue", "CorrectiveActionOwner"], error.ByField.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(UpdateStatus.Submitted, saved.Status);
        Assert.Equal(new DateOnly(2026, 6, 30), saved.CorrectiveActionDue);
        Assert.Equal(230, amber.DraftValue);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Figures_AreReadStrictly_AndTextHasLimits(DatabaseProvider provider)
    {
        await using var world = await WorldAsync(provider);
        await using var db = world.Database.NewContext();
        var (measure, quarter) = await MeasureAndQuarterAsync(db);
        var cycle = new Cycle(db, Clock);

        // "1,05" was once saved as 105: the comma was stripped wherever it stood.
        var comma = await Assert.ThrowsAsync<InvalidInputException>(() => cycle.Updates.SaveAsync(world.Owner, measure, quarter, Input("1,05"), submit: false));
        var nul = await Assert.ThrowsAsync<InvalidInputException>(() => cycle.Updates.SaveAsync(world.Owner, measure, quarter, Input("260\0"), submit: false));
        var longNote = await Assert.ThrowsAsync<InvalidInputException>(() => cycle.Updates.SaveAsync(
            world.Owner, measure, quarter, Input("260") with { Commentary = new string('x', TextField.Long + 1) }, submit: false));
        var twoLineOwner = await Assert.ThrowsAsync<InvalidInputException>(() => cycle.Updates.SaveAsync(
            world.Owner, measure, quarter, Input("200", action: "Bring forward two sites") with { CorrectiveActionOwner = "Head of\nHousing" }, submit: false));
        var grouped = await cycle.Updates.SaveAsync(world.Owner, measure, quarter, Input("1,050"), submit: false);

        Assert.Equal("'1,05' is not a number: a comma may only separate thousands, as in 1,050; a decimal needs a point, as in 1.05", comma.ByField["Value"]);
        Assert.StartsWith("The figure contains a control character (U+0000, a NUL byte)", nul.ByField["Value"], StringComparison.Ordinal);
        Assert.Equal($"The commentary is 8,001 characters long; the most it can be is 8,000", longNote.ByField["Commentary"]);
        Assert.StartsWith("The corrective action's owner contains a control character (a line break)", twoLineOwner.ByField["CorrectiveActionOwner"], StringComparison.Ordinal);
        Assert.Equal(1050, grouped.DraftValue);
        Assert.Equal(1, await db.MeasureUpdates.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Approver_SeesTheFigureAgainstItsTarget_ItsRating_TheFiguresBefore_AndTheLastCommentary(DatabaseProvider provider)
    {
        await using var world = await WorldAsync(provider);
        await using (var db = world.Database.NewContext())
        {
            // Last year's figure, published with its commentary in last year's fourth quarter.
            var cycle = new Cycle(db, Clock);
            var lastYear = await cycle.Periods.OpenAsync(Team, "2024-25 Q4", new DateOnly(2025, 4, 30));
            var measure = await db.Measures.Include(m => m.Portfolio).SingleAsync(m => m.Code == "T-01");
            var earlier = await cycle.Updates.SaveAsync(world.Owner, measure, lastYear, Input("240") with { Period = "2024-25", Commentary = "Two large sites finished early." }, submit: true);
            await cycle.Updates.DecideAsync(world.Approver, earlier.Id, approve: true, null, earlier.Version);
            await cycle.Publication.PublishAsync(Team, [earlier.Id], []);
        }

        int submittedId;
        await using (var db = world.Database.NewContext())
        {
            var measure = await db.Measures.Include(m => m.Portfolio).SingleAsync(m => m.Code == "T-01");
            var quarter = await db.ReportingPeriods.SingleAsync(p => p.Quarter == "2025-26 Q4");
            submittedId = (await new Cycle(db, Clock).Updates.SaveAsync(world.Owner, measure, quarter, Input("200", action: "Bring forward two sites"), submit: true)).Id;
        }

        await using (var db = world.Database.NewContext())
        {
            var update = await db.MeasureUpdates.SingleAsync(u => u.Id == submittedId);

            var context = await ApprovalContext.LoadAsync(db, update);

            // 200 against 250 with 10% amber (225 or more) is red; the approver must be told so.
            Assert.Equal(Rag.Red, context.Rating);
            Assert.Equal((250, 10), (context.Target!.Value, context.Target.Tolerance));
            Assert.Equal([("2024-25", 240.0), ("2025-26", 200.0)], context.Recent.Select(p => (p.Figure.Period, p.Figure.Value!.Value)));
            Assert.Equal(Rag.Red, context.Recent[^1].Rag);
            Assert.Equal(Rag.Red, context.Assessment.Rag);
            Assert.Equal(("2024-25 Q4", "Two large sites finished early."), (context.Previous!.Quarter, context.Previous.Text));

            // Nothing unpublished was published by looking: the submitted figure is still only a draft.
            Assert.Equal([240.0], await db.Observations.Select(o => o.Value).ToListAsync());
        }
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task PublishingAnUpdate_DoesNotPublishOtherImportedFiguresForTheSamePeriod(DatabaseProvider provider)
    {
        await using var world = await WorldAsync(provider);
        await using var db = world.Database.NewContext();
        var (measure, quarter) = await MeasureAndQuarterAsync(db);
        var ward = await db.Areas.Where(a => a.Type == CouncilPlan.Core.Areas.AreaType.Ward).Select(a => a.Code).FirstAsync();
        var imported = await new CouncilPlan.Core.Imports.ObservationImporter(db, Clock).ImportAsync(
            new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"measure,period,area,value\nT-01,2025-26,{ward},31\n")), "wards.csv", new CouncilPlan.Core.Imports.ObservationImportOptions { EnteredBy = "tester" });
        Assert.True(imported.Committed, string.Join("\n", imported.Errors));
        var cycle = new Cycle(db, Clock);
        var update = await cycle.Updates.SaveAsync(world.Owner, measure, quarter, Input("260"), submit: true);
        await cycle.Updates.DecideAsync(world.Approver, update.Id, approve: true, null, update.Version);

        await cycle.Publication.PublishAsync(Team, [update.Id], []);

        // Once a side effect published them; now an import is published on purpose, by its batch.
        Assert.True(await db.Observations.AnyAsync(o => o.AreaCode != ward && o.Published && o.Value == 260));
        Assert.False(await db.Observations.Where(o => o.AreaCode == ward).Select(o => o.Published).SingleAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task SubmitApprovePublish_MakesTheFigurePublicAndKeepsHistoryWhenRevised(DatabaseProvider provider)
    {
        await using var world = await WorldAsync(provider);
        int updateId;
        await using (var db = world.Database.NewContext())
        {
            var (measure, quarter) = await MeasureAndQuarterAsync(db);
            var update = await new Cycle(db, Clock).Updates.SaveAsync(world.Owner, measure, quarter, Input("260"), submit: true);
            updateId = update.Id;
            Assert.False(await db.Observations.AnyAsync(), "nothing is public before publication");
        }

        await using (var db = world.Database.NewContext())
        {
            var cycle = new Cycle(db, Clock);
            await Assert.ThrowsAsync<NotAllowedException>(() => cycle.Updates.DecideAsync(world.OtherApprover, updateId, approve: true, null, 1));
            await cycle.Updates.DecideAsync(world.Approver, updateId, approve: true, null, 1);
            await Assert.ThrowsAsync<NotAllowedException>(() => cycle.Publication.PublishAsync(world.Approver, [updateId], []));
            await cycle.Publication.PublishAsync(Team, [updateId], []);
        }

        await using (var db = world.Database.NewContext())
        {
            var observation = await db.Observations.SingleAsync();
            Assert.True(observation.Published);
            Assert.Equal(260, observation.Value);
            Assert.Equal("2025-26", observation.Period);
            Assert.Equal(UpdateStatus.Published, (await db.MeasureUpdates.SingleAsync()).Status);

            // The performance team revises the published figure: the old one stays readable.
            var (measure, quarter) = await MeasureAndQuarterAsync(db);
            var cycle = new Cycle(db, Clock);
            var revised = await cycle.Updates.SaveAsync(Team, measure, quarter, Input("265", (await db.MeasureUpdates.SingleAsync()).Version), submit: true);
            await cycle.Updates.DecideAsync(Team, revised.Id, approve: true, null, revised.Version);
            await cycle.Publication.PublishAsync(Team, [revised.Id], []);
        }

        await using var check = world.Database.NewContext();
        Assert.Equal(265, (await check.Observations.SingleAsync()).Value);
        var history = await check.ObservationRevisions.SingleAsync();
        Assert.Equal(260, history.Value);
        Assert.Equal(1, history.Version);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task TwoOfficersSavingTheSameUpdate_TheSecondIsToldAndNothingIsOverwritten(DatabaseProvider provider)
    {
        await using var world = await WorldAsync(provider);
        int version;
        await using (var db = world.Database.NewContext())
        {
            var (measure, quarter) = await MeasureAndQuarterAsync(db);
            version = (await new Cycle(db, Clock).Updates.SaveAsync(world.Owner, measure, quarter, Input("240"), submit: false)).Version;
        }

        // Both open the form at the same version; the first save wins, the second is refused.
        await using (var first = world.Database.NewContext())
        {
            var (measure, quarter) = await MeasureAndQuarterAsync(first);
            await new Cycle(first, Clock).Updates.SaveAsync(world.Owner, measure, quarter, Input("241", version), submit: false);
        }

        await using var second = world.Database.NewContext();
        var (m2, q2) = await MeasureAndQuarterAsync(second);
        var conflict = await Assert.ThrowsAsync<ConflictException>(() => new Cycle(second, Clock).Updates.SaveAsync(world.Approver, m2, q2, Input("999", version), submit: false));

        Assert.Equal(241, conflict.Current.DraftValue);
        await using var check = world.Database.NewContext();
        Assert.Equal(241, (await check.MeasureUpdates.SingleAsync()).DraftValue);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task ReturnedUpdate_NeedsAReasonAndGoesBackToItsOwner(DatabaseProvider provider)
    {
        await using var world = await WorldAsync(provider);
        await using var db = world.Database.NewContext();
        var (measure, quarter) = await MeasureAndQuarterAsync(db);
        var cycle = new Cycle(db, Clock);
        var update = await cycle.Updates.SaveAsync(world.Owner, measure, quarter, Input("260"), submit: true);

        await Assert.ThrowsAsync<InvalidInputException>(() => cycle.Updates.DecideAsync(world.Approver, update.Id, approve: false, " ", update.Version));
        await cycle.Updates.DecideAsync(world.Approver, update.Id, approve: false, "Please give the source of the figure", update.Version);

        var returned = await db.MeasureUpdates.AsNoTracking().SingleAsync();
        Assert.Equal(UpdateStatus.Returned, returned.Status);
        Assert.Equal("Please give the source of the figure", returned.ReturnReason);
        var due = await cycle.DueList.DueFromAsync(world.Owner);
        Assert.Equal("Returned: changes needed", DueWords.Status(due.Single(d => d.Reference == "T-01")));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task ClosedQuarter_RefusesUpdates(DatabaseProvider provider)
    {
        await using var world = await WorldAsync(provider);
        await using var db = world.Database.NewContext();
        var (measure, quarter) = await MeasureAndQuarterAsync(db);
        var cycle = new Cycle(db, Clock);
        await Assert.ThrowsAsync<NotAllowedException>(() => cycle.Periods.CloseAsync(world.Owner, quarter.Id));
        await cycle.Periods.CloseAsync(Team, quarter.Id);

        var closed = await db.ReportingPeriods.AsNoTracking().SingleAsync();
        await Assert.ThrowsAsync<NotAllowedException>(() => cycle.Updates.SaveAsync(world.Owner, measure, closed, Input("260"), submit: false));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task CommitmentStatus_KeepsItsHistoryAndIsPublishedOnlyWhenApproved(DatabaseProvider provider)
    {
        await using var world = await WorldAsync(provider);
        await using var db = world.Database.NewContext();
        var scheme = await db.PlanElements.SingleAsync(e => e.Key == "scheme-one");
        var quarter = await db.ReportingPeriods.SingleAsync();
        var cycle = new Cycle(db, Clock);

        await Assert.ThrowsAsync<InvalidInputException>(() => cycle.Commitments.SaveCommitmentAsync(world.Owner, scheme, quarter, CommitmentStatus.AtRisk, null, null));
        var first = await cycle.Commitments.SaveCommitmentAsync(world.Owner, scheme, quarter, CommitmentStatus.OnTrack, "Started on site", null);
        var second = await cycle.Commitments.SaveCommitmentAsync(world.Owner, scheme, quarter, CommitmentStatus.AtRisk, "Contractor delay", "2026-09-30");
        await Assert.ThrowsAsync<NotAllowedException>(() => cycle.Commitments.SaveCommitmentAsync(world.Stranger, scheme, quarter, CommitmentStatus.Complete, null, null));
        await Assert.ThrowsAsync<NotAllowedException>(() => cycle.Publication.PublishAsync(Team, [], [second.Id]));
        await cycle.Commitments.ApproveCommitmentAsync(world.Approver, second.Id);
        await cycle.Publication.PublishAsync(Team, [], [second.Id]);

        var history = await db.CommitmentUpdates.AsNoTracking().OrderBy(c => c.Id).ToListAsync();
        Assert.Equal([CommitmentStatus.OnTrack, CommitmentStatus.AtRisk], history.Select(h => h.Status));
        Assert.False(history[0].Published);
        Assert.True(history[1].Published);
        Assert.Equal(new DateOnly(2026, 9, 30), history[1].RevisedDate);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task DueList_SaysWhereEachUpdateIs_WithoutMistakingAReportForADeliveryStatus(DatabaseProvider provider)
    {
        await using var world = await WorldAsync(provider);
        await using var db = world.Database.NewContext();
        var scheme = await db.PlanElements.SingleAsync(e => e.Key == "scheme-one");
        var (measure, quarter) = await MeasureAndQuarterAsync(db);
        var cycle = new Cycle(db, Clock);

        var before = await cycle.DueList.DueFromAsync(world.Owner);
        await cycle.Commitments.SaveCommitmentAsync(world.Owner, scheme, quarter, CommitmentStatus.NotStarted, null, null);
        await cycle.Updates.SaveAsync(world.Owner, measure, quarter, Input("260"), submit: false);
        var after = await cycle.DueList.DueFromAsync(world.Owner);

        // "Not started" is a commitment's own status (its work has not begun): a missing report is not that.
        Assert.Equal(("No status reported yet", true), (DueWords.Status(before.Single(d => d.Reference == "scheme-one")), before.Single(d => d.Reference == "scheme-one").ToDo));
        Assert.Equal(("Not started: waiting for approval", false), (DueWords.Status(after.Single(d => d.Reference == "scheme-one")), after.Single(d => d.Reference == "scheme-one").ToDo));
        Assert.Equal(("Not started", true), (DueWords.Status(before.Single(d => d.Reference == "T-01")), before.Single(d => d.Reference == "T-01").ToDo));
        Assert.Equal(("Draft saved", true), (DueWords.Status(after.Single(d => d.Reference == "T-01")), after.Single(d => d.Reference == "T-01").ToDo));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Councillor_ReadsDraftsOnlyForTheirPortfolio(DatabaseProvider provider)
    {
        await using var world = await WorldAsync(provider);
        await using var db = world.Database.NewContext();
        var (measure, _) = await MeasureAndQuarterAsync(db);
        var cycle = new Cycle(db, Clock);
        Officer Councillor(string portfolio) => new("c", "c@council.example", "C", new HashSet<string> { Roles.Councillor }, null, portfolio);

        Assert.True(await cycle.Permissions.CanReadDraftsAsync(Councillor("portfolio-one"), measure));
        Assert.False(await cycle.Permissions.CanReadDraftsAsync(Councillor("another-portfolio"), measure));
        Assert.False(await cycle.Permissions.CanEditMeasureAsync(Councillor("portfolio-one"), measure.Id));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task EveryChange_IsInTheAuditLogWithWhoAndBeforeAndAfter(DatabaseProvider provider)
    {
        await using var world = await WorldAsync(provider);
        await using (var db = world.Database.NewContext())
        {
            db.Actor = new Core.Audit.AuditActor("owner@council.example", "192.0.2.7");
            var (measure, quarter) = await MeasureAndQuarterAsync(db);
            var update = await new Cycle(db, Clock).Updates.SaveAsync(world.Owner, measure, quarter, Input("240"), submit: false);
            await new Cycle(db, Clock).Updates.SaveAsync(world.Owner, measure, quarter, Input("245", update.Version), submit: false);
        }

        await using var check = world.Database.NewContext();
        var entries = await check.AuditEntries.Where(e => e.Entity == nameof(MeasureUpdate)).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["added", "changed"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(("owner@council.example", "192.0.2.7"), (e.Who, e.FromWhere)));
        Assert.Contains("\"DraftValue\":240", entries[1].Before, StringComparison.Ordinal);
        Assert.Contains("\"DraftValue\":245", entries[1].After, StringComparison.Ordinal);
        Assert.StartsWith("T-01", entries[1].Key, StringComparison.Ordinal);

        // Append-only: the database itself refuses to change or remove an entry.
        await Assert.ThrowsAnyAsync<Exception>(() => check.AuditEntries.Where(e => e.Id == entries[0].Id).ExecuteDeleteAsync());
        await Assert.ThrowsAnyAsync<Exception>(() => check.AuditEntries.Where(e => e.Id == entries[0].Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Who, "someone else")));
    }
}
