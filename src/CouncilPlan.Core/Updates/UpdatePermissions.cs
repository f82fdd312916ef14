using CouncilPlan.Core.Data;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Updates;
/// <summary>
/// Who may change, approve and read the drafts of each measure and commitment, and from whom an
/// update is due: one rule for every page, upload, import and job, checked on the server.
/// </summary>
public sealed class UpdatePermissions(CouncilPlanDb db)
{
    /// <summary>
    /// The measures an officer may change: the performance team all; an approver or a contributor
    /// those their service owns; a contributor also those they are named owner of. A measure belongs
    /// to a service, so its contributors can update it from the first day with no one named, and a
    /// colleague can cover for a named owner who is away.
    /// </summary>
    public async Task<bool> CanEditMeasureAsync(Officer officer, int measureId, CancellationToken cancellationToken = default) =>
        officer.IsPerformanceTeam || MayEdit(officer, await db.Ownerships.Where(o => o.MeasureId == measureId).ToListAsync(cancellationToken));

    public async Task<bool> CanEditCommitmentAsync(Officer officer, int elementId, CancellationToken cancellationToken = default) =>
        officer.IsPerformanceTeam || MayEdit(officer, await db.Ownerships.Where(o => o.ElementId == elementId).ToListAsync(cancellationToken));

    /// <summary>
    /// Whether an item is due from an officer, given all of its owners: from a named owner; from
    /// every contributor of the owning service while nobody is named (naming owners narrows who is
    /// asked, not who may help); from the service's approvers always, as they answer for it.
    /// </summary>
    public static bool IsDueFrom(Officer officer, IReadOnlyCollection<Ownership> owners) =>
        owners.Any(o => o.UserId == officer.UserId && officer.Is(Roles.Contributor))
        || (officer.ServiceId is { } service && owners.Any(o => o.ServiceId == service)
            && (officer.Is(Roles.Approver) || (officer.Is(Roles.Contributor) && owners.All(o => o.UserId is null))));

    private static bool MayEdit(Officer officer, IReadOnlyCollection<Ownership> owners) =>
        ((officer.Is(Roles.Approver) || officer.Is(Roles.Contributor)) && officer.ServiceId is { } service && owners.Any(o => o.ServiceId == service))
        || (officer.Is(Roles.Contributor) && owners.Any(o => o.UserId == officer.UserId));

    /// <summary>Approvers approve their own service's updates; the performance team any.</summary>
    public async Task<bool> CanApproveAsync(Officer officer, int? measureId, int? elementId, CancellationToken cancellationToken = default)
    {
        if (officer.IsPerformanceTeam)
        {
            return true;
        }

        if (!officer.Is(Roles.Approver) || officer.ServiceId is not { } service)
        {
            return false;
        }

        return await db.Ownerships.AnyAsync(o => o.ServiceId == service && (measureId != null ? o.MeasureId == measureId : o.ElementId == elementId), cancellationToken);
    }

    /// <summary>Whether an officer may read a measure's unpublished figures: whoever may change or approve it, and councillors for their portfolio.</summary>
    public async Task<bool> CanReadDraftsAsync(Officer officer, Measure measure, CancellationToken cancellationToken = default)
    {
        if (officer.IsPerformanceTeam || officer.Is(Roles.Administrator))
        {
            return true;
        }

        if (officer.Is(Roles.Councillor))
        {
            return officer.PortfolioKey is { } key && measure.Portfolio?.Key == key;
        }

        return await CanEditMeasureAsync(officer, measure.Id, cancellationToken) || await CanApproveAsync(officer, measure.Id, null, cancellationToken);
    }
}
