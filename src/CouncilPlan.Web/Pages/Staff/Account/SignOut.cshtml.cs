using CouncilPlan.Core.Data;
using CouncilPlan.Core.Users;
using CouncilPlan.Web.Staff.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CouncilPlan.Web.Pages.Staff.Account;

/// <summary>
/// Signing out ends the session on the server: the user's security stamp changes, and since the
/// stamp is checked on every request, a copy of the old cookie no longer works anywhere (this
/// signs the user out of every browser they were signed in on).
/// </summary>
public sealed class SignOutModel(SignInManager<StaffUser> signIn, CouncilPlanDb db) : AccountPageModel
{
    public bool SignedIn => User.Identity?.IsAuthenticated == true;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user);
            await SecurityEvents.RecordAsync(db, HttpContext, user, SecurityEvents.SignedOut);
        }

        await signIn.SignOutAsync();
        return LocalRedirect(StaffPaths.SignOut);
    }
}
