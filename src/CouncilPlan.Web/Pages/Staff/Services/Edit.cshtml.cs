using CouncilPlan.Core.Data;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Users;
using CouncilPlan.Core.Validation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Web.Pages.Staff.Services;

/// <summary>
/// One directorate or service: the measures and commitments it owns and its members; the
/// performance team gives it more to own, names owners within it in bulk, renames it, or removes
/// it when nothing refers to it.
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

    /// <summary>The measures and commitments this service owns, with their named owners.</summary>
    public IReadOnlyList<OwnedItem> Owned { get; private set; } = [];

    /// <summary>Every other measure and commitment, to move here.</summary>
    public IReadOnlyList<OwnedItem> Others { get; private set; } = [];

    /// <summary>The members who may be named owners: contributors of this service.</summary>
    public IReadOnlyList<ServiceMember> Contributors { get; private set; } = [];

    /// <summary>The items ticked, as "measure-12" or "commitment-5".</summary>
    [BindProperty]
    public List<string> Ticked { get; set; } = [];

    /// <summary>The email of the member to name as owner, or empty for the whole service.</summary>
    [BindProperty]
    public string? NamedOwner { get; set; }

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
        catch (InvalidInputException error)
        {
            AddErrors(error);
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
        catch (InvalidInputException error)
        {
            AddErrors(error);
            Name = Service.Name;
            return Page();
        }

        Notice = $"‘{Service.Name}’ removed";
        return Redirect("/staff/services");
    }

    /// <summary>Names an owner of the ticked items, or none, so the whole service is asked.</summary>
    public async Task<IActionResult> OnPostOwnersAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var ticked = Owned.Where(i => Ticked.Contains(Token(i))).ToList();
        var named = Contributors.FirstOrDefault(c => string.Equals(c.Email, NamedOwner, StringComparison.OrdinalIgnoreCase));
        if (ticked.Count == 0)
        {
            ModelState.AddModelError("Ticked", "Tick the measures or commitments to give a named owner");
        }

        if (!string.IsNullOrEmpty(NamedOwner) && named is null)
        {
            ModelState.AddModelError("NamedOwner", "Choose one of this service's contributors, or nobody");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var userId = named is null ? null : await Db.Users.Where(u => u.Email == named.Email).Select(u => u.Id).SingleAsync(cancellationToken);
        var changed = await new Owners(Db).AssignAsync(Officer, ticked.Select(i => new OwnerAssignment(i.Kind, i.Id, Id, userId is null ? [] : [userId])).ToList(), cancellationToken);
        Notice = $"{Count(changed)} changed: {(named is null ? "the whole service is asked for them" : $"{named.Name} is named owner")}";
        return Redirect($"/staff/services/{Id}");
    }

    /// <summary>Moves the ticked measures and commitments to this service, with nobody named.</summary>
    public async Task<IActionResult> OnPostTakeAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var ticked = Others.Where(i => Ticked.Contains(Token(i))).ToList();
        if (ticked.Count == 0)
        {
            ModelState.AddModelError("Take", "Tick the measures or commitments this service should own");
            return Page();
        }

        var changed = await new Owners(Db).AssignAsync(Officer, ticked.Select(i => new OwnerAssignment(i.Kind, i.Id, Id, [])).ToList(), cancellationToken);
        Notice = $"{Count(changed)} moved to {Service.Name}";
        return Redirect($"/staff/services/{Id}");
    }

    public static string Token(OwnedItem item) => $"{item.Kind.ToString().ToLowerInvariant()}-{item.Id}";

    private static string Count(int items) => items == 1 ? "1 item" : $"{items} items";

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
        var items = await new Owners(Db).ItemsAsync(cancellationToken);
        Owned = items.Where(i => i.ServiceId == Id).ToList();
        Others = items.Where(i => i.ServiceId != Id).ToList();
        Contributors = Contents.Members.Where(m => m.Roles.Contains(Roles.Describe(Roles.Contributor))).ToList();
        return true;
    }
}
