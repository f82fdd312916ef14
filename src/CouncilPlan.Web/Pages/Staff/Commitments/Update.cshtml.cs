using CouncilPlan.Core.Data;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Validation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Web.Pages.Staff.Commitments;

/// <summary>A commitment's or scheme's status for a quarter, with its history.</summary>
public sealed class UpdateModel(CouncilPlanDb db, UpdatePermissions permissions, CommitmentStatuses statuses) : StaffPageModel(db)
{
    [FromRoute]
    public int Id { get; set; }

    [FromQuery(Name = "period")]
    public string? Quarter { get; set; }

    [BindProperty]
    public CommitmentStatus Status { get; set; }

    [BindProperty]
    public string? Commentary { get; set; }

    [BindProperty]
    public string? RevisedDate { get; set; }

    public PlanElement Element { get; private set; } = null!;

    public ReportingPeriod ReportingPeriod { get; private set; } = null!;

    public IReadOnlyList<CommitmentUpdate> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } missing)
        {
            return missing;
        }

        if (!await permissions.CanEditCommitmentAsync(Officer, Element.Id, cancellationToken))
        {
            throw new NotAllowedException($"You cannot change '{Element.Title}': it is not one you own.");
        }

        var latest = History.Count > 0 ? History[0] : null;
        Status = latest?.Status ?? CommitmentStatus.NotStarted;
        Commentary = latest?.Commentary;
        RevisedDate = latest?.RevisedDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } missing)
        {
            return missing;
        }

        try
        {
            await statuses.SaveCommitmentAsync(Officer, Element, ReportingPeriod, Status, Commentary, RevisedDate, cancellationToken);
            Notice = $"Status of '{Element.Title}' saved for approval";
            return Redirect("/staff");
        }
        catch (InvalidInputException errors)
        {
            AddErrors(errors);
            return Page();
        }
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        var element = await Db.PlanElements.AsNoTracking().SingleOrDefaultAsync(e => e.Id == Id && (e.Kind == ElementKind.Commitment || e.Kind == ElementKind.Scheme), cancellationToken);
        var period = Quarter is null
            ? await Db.ReportingPeriods.Where(p => p.IsOpen).OrderByDescending(p => p.Starts).FirstOrDefaultAsync(cancellationToken)
            : await Db.ReportingPeriods.SingleOrDefaultAsync(p => p.Quarter == Quarter, cancellationToken);
        if (element is null || period is null)
        {
            return NotFound();
        }

        Element = element;
        ReportingPeriod = period;
        History = await Db.CommitmentUpdates.AsNoTracking().Where(c => c.ElementId == element.Id).OrderByDescending(c => c.EnteredAt).ToListAsync(cancellationToken);
        return null;
    }
}
