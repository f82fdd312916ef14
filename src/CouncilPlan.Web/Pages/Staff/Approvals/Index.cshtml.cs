using CouncilPlan.Core.Data;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Validation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Web.Pages.Staff.Approvals;

public sealed record PendingMeasure(MeasureUpdate Update, Measure Measure, ReportingPeriod Period, ApprovalContext Context);

public sealed record PendingCommitment(CommitmentUpdate Update, PlanElement Element);

/// <summary>Submitted updates the officer may approve, each approved or returned with a reason.</summary>
public sealed class IndexModel(CouncilPlanDb db, UpdatePermissions permissions, MeasureUpdates updates, CommitmentStatuses statuses, MeasureChanges changes) : StaffPageModel(db)
{
    public IReadOnlyList<PendingMeasure> Measures { get; private set; } = [];

    public IReadOnlyList<PendingCommitment> Commitments { get; private set; } = [];

    /// <summary>Proposed changes to measures' definitions and targets that the officer may approve.</summary>
    public IReadOnlyList<PendingMeasureChange> Changes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostDecideAsync(int id, int version, string decision, CancellationToken cancellationToken)
    {
        // Each update's form has its own reason field, so the error can sit beside it.
        var reason = Request.Form[$"reason-{id}"].ToString();
        try
        {
            await updates.DecideAsync(Officer, id, decision == "approve", reason, version, cancellationToken);
            Notice = decision == "approve" ? "Update approved" : "Update returned to its owner";
            return Redirect("/staff/approvals");
        }
        catch (InvalidInputException errors)
        {
            ModelState.AddModelError($"reason-{id}", errors.Errors[0].Message);
        }
        catch (ConflictException)
        {
            ModelState.AddModelError(string.Empty, "The update changed while you were looking at it: check it again.");
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostApproveCommitmentAsync(long id, CancellationToken cancellationToken)
    {
        await statuses.ApproveCommitmentAsync(Officer, id, cancellationToken);
        Notice = "Commitment status approved";
        return Redirect("/staff/approvals");
    }

    public async Task<IActionResult> OnPostApproveChangeAsync(int id, int version, CancellationToken cancellationToken)
    {
        try
        {
            await changes.ApproveAsync(Officer, id, version, cancellationToken);
            Notice = "Change approved: the performance team publishes it";
            return Redirect("/staff/approvals");
        }
        catch (InvalidInputException errors)
        {
            ModelState.AddModelError($"change-{id}", errors.Errors[0].Message);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostReturnChangeAsync(int id, int version, CancellationToken cancellationToken)
    {
        try
        {
            await changes.ReturnAsync(Officer, id, Request.Form[$"reason-change-{id}"].ToString(), version, cancellationToken);
            Notice = "Change returned: the measure stays as it is";
            return Redirect("/staff/approvals");
        }
        catch (InvalidInputException errors)
        {
            ModelState.AddModelError($"reason-change-{id}", errors.Errors[0].Message);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Changes = (await changes.PendingAsync(Officer, cancellationToken)).Where(c => c.MayApprove).ToList();
        var submitted = await Db.MeasureUpdates.AsNoTracking().Include(u => u.ReportingPeriod).Where(u => u.Status == UpdateStatus.Submitted).ToListAsync(cancellationToken);
        var measures = await Db.Measures.AsNoTracking().Where(m => submitted.Select(u => u.MeasureId).Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
        var pending = new List<PendingMeasure>();
        foreach (var update in submitted)
        {
            if (await permissions.CanApproveAsync(Officer, update.MeasureId, null, cancellationToken))
            {
                pending.Add(new PendingMeasure(update, measures[update.MeasureId], update.ReportingPeriod!, await ApprovalContext.LoadAsync(Db, update, cancellationToken)));
            }
        }

        Measures = pending.OrderBy(p => p.Measure.Code, StringComparer.Ordinal).ToList();
        var commitmentUpdates = await Db.CommitmentUpdates.AsNoTracking().Where(c => c.ApprovedAt == null && !c.Published).ToListAsync(cancellationToken);
        var elements = await Db.PlanElements.AsNoTracking().Where(e => commitmentUpdates.Select(c => c.ElementId).Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        var commitments = new List<PendingCommitment>();
        foreach (var update in commitmentUpdates.GroupBy(c => c.ElementId).Select(g => g.MaxBy(c => c.EnteredAt)!))
        {
            if (await permissions.CanApproveAsync(Officer, null, update.ElementId, cancellationToken))
            {
                commitments.Add(new PendingCommitment(update, elements[update.ElementId]));
            }
        }

        Commitments = commitments;
    }
}
