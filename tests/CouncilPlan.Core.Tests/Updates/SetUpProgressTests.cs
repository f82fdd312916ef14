using CouncilPlan.Core.Areas;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Users;
using CouncilPlan.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Tests.Updates;

/// <summary>The getting-started checklist's facts: each step is done only when the cycle could run without it.</summary>
public sealed class SetUpProgressTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task EachStep_IsDoneOnlyWhenWhatItNeedsIsThere(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        await new AreaImporter(db, TimeProvider.System).ImportFileAsync(RepositoryFiles.Areas);
        await new PlanImporter(db, TimeProvider.System).ImportFileAsync(PlanFixtures.WriteTemp(PlanFixtures.Minimal));
        await new MeasureCatalogueImporter(db, TimeProvider.System).ImportFileAsync(CatalogueFixtures.WriteTemp(CatalogueFixtures.Minimal));
        var empty = await SetUpProgress.ReadAsync(db);

        var housing = new Service { Name = "Housing" };
        db.Services.Add(housing);
        var roles = Roles.All.ToDictionary(r => r, r => new IdentityRole(r) { NormalizedName = r.ToUpperInvariant() });
        db.Roles.AddRange(roles.Values);
        void Add(string id, string role, Service? service, bool disabled = false)
        {
            db.Users.Add(new StaffUser { Id = id, UserName = id, Email = id, DisplayName = id, Service = service, LockoutEnd = disabled ? StaffAccounts.DisabledUntil : null });
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = id, RoleId = roles[role].Id });
        }

        Add("admin", Roles.Administrator, null);
        Add("team", Roles.PerformanceTeam, null);
        Add("approver", Roles.Approver, housing);
        Add("contributor", Roles.Contributor, null);

        // A disabled approver without a service neither counts as staff nor holds the step back.
        Add("gone", Roles.Approver, null, disabled: true);
        await db.SaveChangesAsync();
        var peopleButOneWithoutService = await SetUpProgress.ReadAsync(db);

        (await db.Users.SingleAsync(u => u.Id == "contributor")).ServiceId = housing.Id;
        var measures = await db.Measures.Select(m => m.Id).ToListAsync();
        db.Ownerships.AddRange(measures.Skip(1).Select(id => new Ownership { MeasureId = id, ServiceId = housing.Id }));
        await db.SaveChangesAsync();
        var oneMeasureLeft = await SetUpProgress.ReadAsync(db);

        db.Ownerships.Add(new Ownership { MeasureId = measures[0], ServiceId = housing.Id });
        db.Ownerships.AddRange(await db.PlanElements.Where(e => e.Kind == ElementKind.Commitment || e.Kind == ElementKind.Scheme)
            .Select(e => new Ownership { ElementId = e.Id, ServiceId = housing.Id }).ToListAsync());
        await db.SaveChangesAsync();
        var ownersDone = await SetUpProgress.ReadAsync(db);
        var team = new Officer("team", "team", "team", new HashSet<string> { Roles.PerformanceTeam }, null, null);
        await new Cycle(db, TimeProvider.System).Periods.OpenAsync(team, "2025-26 Q4", new DateOnly(2026, 4, 30));
        var complete = await SetUpProgress.ReadAsync(db);

        Assert.Equal(0, empty.StepsDone);
        Assert.Equal((1, 1, 1), (peopleButOneWithoutService.PerformanceTeam, peopleButOneWithoutService.Approvers, peopleButOneWithoutService.Contributors));
        Assert.True(peopleButOneWithoutService.RolesDone);
        Assert.True(peopleButOneWithoutService.ServicesDone);
        Assert.Equal(1, peopleButOneWithoutService.StaffWithoutService);
        Assert.False(peopleButOneWithoutService.StaffDone);
        Assert.True(oneMeasureLeft.StaffDone);
        Assert.Equal(1, oneMeasureLeft.MeasuresWithoutService);
        Assert.False(oneMeasureLeft.OwnersDone);
        Assert.True(ownersDone.OwnersDone);
        Assert.False(ownersDone.QuarterDone);
        Assert.Equal(4, ownersDone.StepsDone);
        Assert.True(complete.Complete);
    }
}
