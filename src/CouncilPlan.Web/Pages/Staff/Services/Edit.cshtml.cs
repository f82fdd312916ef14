using CouncilPlan.Core.Data;
using CouncilPlan.Core.Users;
using Microsoft.AspNetCore.Mvc;

namespace CouncilPlan.Web.Pages.Staff.Services;

/// <summary>
/// One directorate or service: the measures and commitments it owns and its members; the
/// performance team renames it here, or removes it when nothing refers to it.
/// </summary>
public sealed class EditModel(CouncilPlanDb db) : StaffPageModel(db)
{
    [FromRoute]
    public int Id { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    public ServiceSummary Service { get; private set; } = null!;

    public string? DirectorateName { get; private set; }

    public ServiceContents Contents { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Name = Service.Name;
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
            await new ServiceDirectory(Db).RenameAsync(Id, Name, cancellationToken);
        }
        catch (AccountException error)
        {
            AddError(error);
            return Page();
        }

        Notice = $"‘{Service.Name}’ is now called ‘{Name!.Trim()}’";
        return Redirect("/staff/services");
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        try
        {
            await new ServiceDirectory(Db).RemoveAsync(Id, cancellationToken);
        }
        catch (AccountException error)
        {
            AddError(error);
            Name = Service.Name;
            return Page();
        }

        Notice = $"‘{Service.Name}’ removed";
        return Redirect("/staff/services");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var all = await new ServiceDirectory(Db).ListAsync(cancellationToken);
        if (all.FirstOrDefault(s => s.Id == Id) is not { } service)
        {
            return false;
        }

        Service = service;
        DirectorateName = all.FirstOrDefault(s => s.Id == service.DirectorateId)?.Name;
        Contents = await new ServiceDirectory(Db).ContentsAsync(Id, cancellationToken);
        return true;
    }
}
