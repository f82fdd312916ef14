using System.Globalization;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.DataFiles;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Users;
using CouncilPlan.Core.Validation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Web.Pages.Staff.Plan;

/// <summary>Edits a plan element with the plan file's rules.</summary>
public sealed class EditModel(CouncilPlanDb db) : StaffPageModel(db)
{
    [FromRoute]
    public int Id { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public string? Due { get; set; }

    [BindProperty]
    public string? DueText { get; set; }

    [BindProperty]
    public string? Quantity { get; set; }

    [BindProperty]
    public string? Unit { get; set; }

    [BindProperty]
    public int? OwnerServiceId { get; set; }

    [BindProperty]
    public List<string> OwnerUserIds { get; set; } = [];

    public PlanElement Element { get; private set; } = null!;

    public IReadOnlyList<Service> Services { get; private set; } = [];

    public IReadOnlyList<StaffUser> Users { get; private set; } = [];

    public bool IsCommitment => Element.Kind is ElementKind.Commitment or ElementKind.Scheme;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var e = Element;
        (Title, Text, DueText, Unit) = (e.Title, e.Text, e.DueText, e.Unit);
        Due = e.Due is { } due ? new PartialDate(due, e.DuePrecision ?? DatePrecision.Day).ToString() : null;
        Quantity = e.Quantity?.ToString(CultureInfo.InvariantCulture);
        var owners = await Db.Ownerships.AsNoTracking().Where(o => o.ElementId == e.Id).ToListAsync(cancellationToken);
        OwnerServiceId = owners.FirstOrDefault()?.ServiceId;
        OwnerUserIds = owners.Where(o => o.UserId != null).Select(o => o.UserId!).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        try
        {
            await new PlanEditor(Db).SaveAsync(Officer, Id, new ElementEdit(Title, Text, Due, DueText, Quantity, Unit, OwnerServiceId, OwnerUserIds), cancellationToken);
            Notice = $"'{Title ?? Element.Key}' saved";
            return Redirect("/staff/plan");
        }
        catch (InvalidInputException errors)
        {
            AddErrors(errors);
            return Page();
        }
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var element = await Db.PlanElements.AsNoTracking().SingleOrDefaultAsync(e => e.Id == Id, cancellationToken);
        if (element is null)
        {
            return false;
        }

        Element = element;
        Services = (await Db.Services.AsNoTracking().Include(s => s.Directorate).ToListAsync(cancellationToken)).OrderBy(s => s.FullName, StringComparer.OrdinalIgnoreCase).ToList();
        Users = await Db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ToListAsync(cancellationToken);
        return true;
    }
}
