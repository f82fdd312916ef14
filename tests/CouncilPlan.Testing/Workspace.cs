using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Testing;

/// <summary>Who owns what in a test: a new service, its members, and the measures and commitments it answers for.</summary>
public static class Workspace
{
    /// <summary>
    /// Puts the users with <paramref name="members"/> emails in a new service that owns measure
    /// <paramref name="measureCode"/> and commitment <paramref name="commitmentId"/>, with
    /// <paramref name="namedOwner"/> (if given) as their named owner. Returns the service's id.
    /// The new service replaces the owners they had (the catalogue gives each measure its
    /// service), since a measure or commitment has one owning service, as the editing pages keep it.
    /// </summary>
    public static async Task<int> GiveAsync(TestDatabase database, string measureCode, int commitmentId, string? namedOwner, params string[] members)
    {
        await using var db = database.NewContext();
        var service = new Service { Name = $"Test service {Guid.NewGuid():N}" };
        db.Services.Add(service);
        await db.SaveChangesAsync();
        var users = await db.Users.Where(u => members.Contains(u.Email!) || u.Email == namedOwner).ToListAsync();
        foreach (var user in users.Where(u => members.Contains(u.Email!)))
        {
            user.ServiceId = service.Id;
        }

        var measureId = await db.Measures.Where(m => m.Code == measureCode).Select(m => m.Id).SingleAsync();
        var owner = users.SingleOrDefault(u => u.Email == namedOwner)?.Id;
        db.Ownerships.RemoveRange(await db.Ownerships.Where(o => o.MeasureId == measureId || o.ElementId == commitmentId).ToListAsync());
        db.Ownerships.AddRange(
            new Ownership { MeasureId = measureId, ServiceId = service.Id, UserId = owner },
            new Ownership { ElementId = commitmentId, ServiceId = service.Id, UserId = owner });
        await db.SaveChangesAsync();
        return service.Id;
    }

    /// <summary>The first commitment in the plan, by its database id.</summary>
    public static async Task<int> FirstCommitmentAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return await db.PlanElements.Where(e => e.Kind == ElementKind.Commitment).OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
    }

    /// <summary>Opens a quarter as of the reference date, if none is open, the way the performance team's page does.</summary>
    public static async Task OpenQuarterAsync(TestDatabase database, string quarter = "2026-27 Q2")
    {
        await using var db = database.NewContext();
        if (!await db.ReportingPeriods.AnyAsync(p => p.IsOpen))
        {
            var officer = new Officer("test", "performance@example.gov.uk", "Performance", new HashSet<string> { Roles.PerformanceTeam }, null, null);
            await new Cycle(db, TimeProvider.System).Periods.OpenAsync(officer, quarter, new DateOnly(2026, 10, 31));
        }
    }
}
