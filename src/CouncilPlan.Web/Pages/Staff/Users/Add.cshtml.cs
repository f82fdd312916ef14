using CouncilPlan.Core.Data;
using CouncilPlan.Core.Users;
using CouncilPlan.Core.Validation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CouncilPlan.Web.Pages.Staff.Users;

/// <summary>
/// Adds a user with a one-time password, through the same <see cref="StaffAccounts"/> as
/// `councilplan users add`. The password is shown once, in the response to the form that added
/// the user: never redirected with, put in a URL or TempData, or logged, so nothing outlives the
/// response (the workspace sends no-store, so browsers and proxies do not keep it either).
/// </summary>
public sealed class AddModel(CouncilPlanDb db, StaffAccounts accounts, UserManager<StaffUser> users) : StaffPageModel(db)
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Role { get; set; }

    [BindProperty]
    public string? Service { get; set; }

    [BindProperty]
    public string? Portfolio { get; set; }

    public UserChoices Choices { get; private set; } = null!;

    /// <summary>Set only in the response to a successful post.</summary>
    public string? OneTimePassword { get; private set; }

    public StaffUser? Added { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Choices = await UserChoices.LoadAsync(Db, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Choices = await UserChoices.LoadAsync(Db, cancellationToken);
        try
        {
            OneTimePassword = await accounts.CreateAsync(new NewStaffUser(Email ?? "", Role ?? "", DisplayName, Service, Portfolio), cancellationToken);
            Added = await users.FindByEmailAsync(Email!.Trim());
        }
        catch (InvalidInputException error)
        {
            AddErrors(error);
        }

        return Page();
    }
}
