using System.Text;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Users;
using CouncilPlan.Core.Validation;
using CouncilPlan.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Tests.Updates;

/// <summary>Ownership by service: what is due from whom, and owners assigned in bulk, all or nothing.</summary>
public sealed class OwnersTests
{
    private static readonly TimeProvider Clock = TimeProvider.System;

    /// <summary>QuarterlyCycleTests' world (T-01 and scheme-one named to "owner" in Housing; "colleague" in Housing too) with T-02 owned by Housing alone, and real roles.</summary>
    private static async Task<QuarterlyCycleTests.World> WorldAsync(DatabaseProvider provider)
    {
        var world = await QuarterlyCycleTests.WorldAsync(provider);
        await using var db = world.Database.NewContext();
        var t02 = await db.Measures.SingleAsync(m => m.Code == "T-02");
        db.Ownerships.Add(new Ownership { MeasureId = t02.Id, ServiceId = world.ServiceId });
        var contributor = new IdentityRole(Roles.Contributor) { NormalizedName = Roles.Contributor.ToUpperInvariant() };
        var approver = new IdentityRole(Roles.Approver) { NormalizedName = Roles.Approver.ToUpperInvariant() };
        db.Roles.AddRange(contributor, approver);
        db.UserRoles.AddRange(
            new IdentityUserRole<string> { UserId = "owner", RoleId = contributor.Id },
            new IdentityUserRole<string> { UserId = "colleague", RoleId = contributor.Id },
            new IdentityUserRole<string> { UserId = "approver", RoleId = approver.Id });
        await db.SaveChangesAsync();
        return world;
    }

    private static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));

    private static async Task<List<string>> OwnersOfAsync(CouncilPlanDb db) =>
        (await (from o in db.Ownerships
                join s in db.Services on o.ServiceId equals s.Id
                select new { Measure = db.Measures.Where(m => m.Id == o.MeasureId).Select(m => m.Code).FirstOrDefault(), Element = db.PlanElements.Where(e => e.Id == o.ElementId).Select(e => e.Key).FirstOrDefault(), s.Name, o.UserId })
            .ToListAsync())
        .Select(o => $"{o.Measure ?? o.Element}:{o.Name}:{o.UserId}").Order(StringComparer.Ordinal).ToList();

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task ServiceContributors_SeeItsMeasuresAsDue_UnlessSomeoneIsNamed(DatabaseProvider provider)
    {
        await using var world = await WorldAsync(provider);
        await using var db = world.Database.NewContext();
        var cycle = new Cycle(db, Clock);
        var t01 = await db.Measures.SingleAsync(m => m.Code == "T-01");
        var t02 = await db.Measures.SingleAsync(m => m.Code == "T-02");

        var colleagueDue = await cycle.DueList.DueFromAsync(world.Colleague);
        var ownerDue = await cycle.DueList.DueFromAsync(world.Owner);
        var approverDue = await cycle.DueList.DueFromAsync(world.Approver);
        var strangerDue = await cycle.DueList.DueFromAsync(world.Stranger);

        // T-02 belongs to Housing with nobody named: every Housing contributor is asked for it.
        Assert.Equal(["T-02"], colleagueDue.Select(d => d.Reference));
        // T-01 and the scheme are named to "owner": only they are asked, and they are asked for T-02 too.
        Assert.Equal(["T-01", "T-02", "scheme-one"], ownerDue.Select(d => d.Reference));
        Assert.Equal(["T-01", "T-02", "scheme-one"], approverDue.Select(d => d.Reference));
        Assert.Empty(strangerDue);

        // Naming narrows who is asked, not who may help: a colleague in the service can cover.
        Assert.True(await cycle.Permissions.CanEditMeasureAsync(world.Colleague, t01.Id));
        Assert.True(await cycle.Permissions.CanEditMeasureAsync(world.Colleague, t02.Id));
        Assert.False(await cycle.Permissions.CanEditMeasureAsync(world.Stranger, t02.Id));
        Assert.False(await cycle.Permissions.CanApproveAsync(world.Colleague, t02.Id, null));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_WithProblemsOnSeveralRows_NamesEachRowAndColumnAndChangesNothing(DatabaseProvider provider)
    {
        await using var world = await WorldAsync(provider);
        await using var db = world.Database.NewContext();
        var before = await OwnersOfAsync(db);
        const string File = """
            reference,service,owner
            T-02,Education,
            T-99,Housing,
            T-01,Hosuing,
            T-03,Housing,nobody@council.example
            scheme-one,Housing,approver@council.example
            T-02,Housing,
            """;

        var result = await new Owners(db).ImportAsync(QuarterlyCycleTests.Team, Csv(File), dryRun: false);

        Assert.False(result.IsValid);
        Assert.Equal(
            [(3L, "reference"), (4L, "service"), (5L, "owner"), (6L, "owner"), (7L, "service")],
            result.Errors.Select(e => (e.Row, e.Column)));
        Assert.Contains("no measure or commitment has the reference 'T-99'", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("no directorate or service is called 'Hosuing'", result.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("approver@council.example is not a contributor", result.Errors[3].Message, StringComparison.Ordinal);
        Assert.Contains("given another service on row 2", result.Errors[4].Message, StringComparison.Ordinal);
        await using var check = world.Database.NewContext();
        Assert.Equal(before, await OwnersOfAsync(check));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_GivesEachItemExactlyItsRows_LeavesTheOthers_AndIsAudited(DatabaseProvider provider)
    {
        await using var world = await WorldAsync(provider);
        await using var db = world.Database.NewContext();
        db.Actor = new Audit.AuditActor("analyst@council.example", "test");
        const string File = """
            reference,service,owner
            T-02,Housing,owner@council.example
            T-02,Housing,colleague@council.example
            testshire-2025-26/scheme-one,Education,
            T-03,Education,
            """;

        var dryRun = await new Owners(db).ImportAsync(QuarterlyCycleTests.Team, Csv(File), dryRun: true);
        await using (var unchanged = world.Database.NewContext())
        {
            Assert.DoesNotContain("T-03:Education:", await OwnersOfAsync(unchanged));
        }

        var result = await new Owners(db).ImportAsync(QuarterlyCycleTests.Team, Csv(File), dryRun: false);
        var again = await new Owners(db).ImportAsync(QuarterlyCycleTests.Team, Csv(File), dryRun: false);

        Assert.True(dryRun.IsValid);
        Assert.Equal((3, 0), (dryRun.Changed, dryRun.Unchanged));
        Assert.Equal((3, 0), (result.Changed, result.Unchanged));
        Assert.Equal((0, 3), (again.Changed, again.Unchanged));
        await using var check = world.Database.NewContext();
        Assert.Equal(
            ["T-01:Housing:owner", "T-02:Housing:colleague", "T-02:Housing:owner", "T-03:Education:", "scheme-one:Education:"],
            await OwnersOfAsync(check));
        var audit = await check.AuditEntries.Where(e => e.Entity == nameof(Ownership) && e.Who == "analyst@council.example").ToListAsync();
        Assert.Contains(audit, e => e.Action == "removed" && e.Before!.Contains("\"UserId\":\"owner\"", StringComparison.Ordinal));
        Assert.Equal(4, audit.Count(e => e.Action == "added"));
        Assert.All(audit.Where(e => e.Action == "added"), e => Assert.True(long.Parse(e.Key, System.Globalization.CultureInfo.InvariantCulture) > 0, e.Key));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Assign_IsForThePerformanceTeamOnly_AndNamesOnlyContributors(DatabaseProvider provider)
    {
        await using var world = await WorldAsync(provider);
        await using var db = world.Database.NewContext();
        var t02 = await db.Measures.SingleAsync(m => m.Code == "T-02");
        var owners = new Owners(db);

        await Assert.ThrowsAsync<NotAllowedException>(() => owners.AssignAsync(world.Approver, [new OwnerAssignment(OwnedKind.Measure, t02.Id, world.OtherServiceId, [])]));
        var notContributor = await Assert.ThrowsAsync<InvalidInputException>(() => owners.AssignAsync(QuarterlyCycleTests.Team, [new OwnerAssignment(OwnedKind.Measure, t02.Id, world.ServiceId, ["approver"])]));
        var moved = await owners.AssignAsync(QuarterlyCycleTests.Team, [new OwnerAssignment(OwnedKind.Measure, t02.Id, world.OtherServiceId, [])]);

        Assert.Contains("must be a contributor", notContributor.ByField["Owner"], StringComparison.Ordinal);
        Assert.Equal(1, moved);
        await using var check = world.Database.NewContext();
        Assert.Contains("T-02:Education:", await OwnersOfAsync(check));
        Assert.DoesNotContain("T-02:Housing:", await OwnersOfAsync(check));
    }
}
