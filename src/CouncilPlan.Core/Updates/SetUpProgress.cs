using CouncilPlan.Core.Data;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Updates;

/// <summary>
/// How far a council has got in setting up its quarterly cycle, as counts: the facts behind the
/// workspace's getting-started checklist, which words and links them. Each step is done when the
/// cycle could not run without it: someone to run it, approve and enter figures; services that own
/// the measures and commitments; people in those services; and a quarter opened.
/// </summary>
public sealed record SetUpProgress(
    int PerformanceTeam,
    int Approvers,
    int Contributors,
    int Services,
    int StaffWithoutService,
    int Measures,
    int MeasuresWithoutService,
    int Commitments,
    int CommitmentsWithoutService,
    int QuartersOpened)
{
    public bool RolesDone => PerformanceTeam > 0 && Approvers > 0 && Contributors > 0;

    public bool ServicesDone => Services > 0;

    public bool StaffDone => Approvers + Contributors > 0 && StaffWithoutService == 0;

    public bool OwnersDone => Measures + Commitments > 0 && MeasuresWithoutService + CommitmentsWithoutService == 0;

    public bool QuarterDone => QuartersOpened > 0;

    public int StepsDone => new[] { RolesDone, ServicesDone, StaffDone, OwnersDone, QuarterDone }.Count(done => done);

    public const int Steps = 5;

    public bool Complete => StepsDone == Steps;

    public static async Task<SetUpProgress> ReadAsync(CouncilPlanDb db, CancellationToken cancellationToken = default)
    {
        // Disabled accounts do not count (filtered here: SQLite cannot compare DateTimeOffset in SQL).
        var roles = (await (from user in db.Users
                            join userRole in db.UserRoles on user.Id equals userRole.UserId
                            join role in db.Roles on userRole.RoleId equals role.Id
                            select new { user.Id, role.Name, user.ServiceId, user.LockoutEnd }).ToListAsync(cancellationToken))
            .Where(r => r.LockoutEnd is not { } end || end < StaffAccounts.DisabledUntil).ToList();
        int Count(string name) => roles.Where(r => r.Name == name).Select(r => r.Id).Distinct().Count();
        var owned = await db.Ownerships.Where(o => o.ServiceId != null).Select(o => new { o.MeasureId, o.ElementId }).ToListAsync(cancellationToken);
        var ownedMeasures = owned.Where(o => o.MeasureId != null).Select(o => o.MeasureId!.Value).ToHashSet();
        var ownedElements = owned.Where(o => o.ElementId != null).Select(o => o.ElementId!.Value).ToHashSet();
        var measures = await db.Measures.Select(m => m.Id).ToListAsync(cancellationToken);
        var commitments = await db.PlanElements.Where(e => e.Kind == ElementKind.Commitment || e.Kind == ElementKind.Scheme).Select(e => e.Id).ToListAsync(cancellationToken);
        return new SetUpProgress(
            Count(Roles.PerformanceTeam),
            Count(Roles.Approver),
            Count(Roles.Contributor),
            await db.Services.CountAsync(cancellationToken),
            roles.Where(r => (r.Name is Roles.Approver or Roles.Contributor) && r.ServiceId == null).Select(r => r.Id).Distinct().Count(),
            measures.Count,
            measures.Count(id => !ownedMeasures.Contains(id)),
            commitments.Count,
            commitments.Count(id => !ownedElements.Contains(id)),
            await db.ReportingPeriods.CountAsync(cancellationToken));
    }
}
