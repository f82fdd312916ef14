using CouncilPlan.Core.Data;
using CouncilPlan.Core.Users;
using CouncilPlan.Core.Validation;
using CouncilPlan.Web.Staff.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CouncilPlan.Web.Pages.Staff.Users;

/// <summary>
/// Changes a user's name, roles, service and portfolio through <see cref="StaffAccounts"/>. A
/// change of roles, service or portfolio ends the user's sessions, so they sign in again with only
/// what they now hold.
/// </summary>
public sealed class ChangeModel(CouncilPlanDb db, StaffAccounts accounts, SignInManager<StaffUser> signIn) : StaffPageModel(db)
{
    [FromRoute]
    public string Id { get; set; } = "";

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty(Name = "Roles")]
    public List<string> SelectedRoles { get; set; } = [];

    [BindProperty]
    public string? Service { get; set; }

    [BindProperty]
    public string? Portfolio { get; set; }

    public StaffUserSummary Account { get; private set; } = null!;

    public UserChoices Choices { get; private set; } = null!;

    public bool IsSelf => Account.Id == Officer.UserId;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        (DisplayName, SelectedRoles, Service, Portfolio) = (Account.DisplayName, Account.Roles.ToList(), Account.Service, Account.PortfolioKey);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        bool sessionsEnded;
        try
        {
            sessionsEnded = await accounts.ChangeAsync(Account.Email, new StaffUserChange(DisplayName, SelectedRoles, Service, Portfolio), Officer.UserId, cancellationToken);
        }
        catch (InvalidInputException error)
        {
            AddErrors(error);
            return Page();
        }

        if (sessionsEnded && IsSelf && await signIn.UserManager.FindByIdAsync(Account.Id) is { } me)
        {
            // Changing your own roles, service or portfolio ends your other sessions; this one carries on, with how you signed in.
            await signIn.SignInAgainAsync(HttpContext, me);
        }

        Notice = sessionsEnded && !IsSelf
            ? $"Changes saved. {DisplayName?.Trim()} has been signed out, and has the new roles, service and portfolio when they sign in again"
            : "Changes saved";
        return Redirect($"/staff/users/{Uri.EscapeDataString(Id)}");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await accounts.FindAsync(Id, cancellationToken) is not { } account)
        {
            return false;
        }

        Account = account;
        Choices = await UserChoices.LoadAsync(Db, cancellationToken);
        return true;
    }
}
