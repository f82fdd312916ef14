using CouncilPlan.Core.Data;
using CouncilPlan.Core.Users;
using CouncilPlan.Web.Staff.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CouncilPlan.Web.Pages.Staff.Account;

/// <summary>
/// Choosing a new password: at first sign-in (the one-time password from the command line must be
/// replaced before anything else) or at any time. The current password is asked for (ASVS
/// 6.2.3), and the change ends the user's other sessions.
/// </summary>
[EnableRateLimiting(StaffSecurity.SignInRateLimit)]
public sealed class ChangePasswordModel(SignInManager<StaffUser> signIn, CouncilPlanDb db) : AccountPageModel
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    public bool MustChange => User.HasClaim(StaffClaims.MustChangePassword, "true");

    public bool HasPassword { get; private set; } = true;

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await signIn.UserManager.GetUserAsync(User);
        if (user is null)
        {
            return LocalRedirect(StaffPaths.SignIn);
        }

        HasPassword = await signIn.UserManager.HasPasswordAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var users = signIn.UserManager;
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return LocalRedirect(StaffPaths.SignIn);
        }

        HasPassword = await users.HasPasswordAsync(user);
        if (HasPassword && string.IsNullOrEmpty(CurrentPassword))
        {
            AddError("current-password", "Enter your current password");
        }

        if (string.IsNullOrEmpty(NewPassword))
        {
            AddError("new-password", "Enter a new password");
        }
        else if (NewPassword == CurrentPassword)
        {
            AddError("new-password", "Your new password must be different from your current password");
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var result = HasPassword
            ? await users.ChangePasswordAsync(user, CurrentPassword!, NewPassword!)
            : await users.AddPasswordAsync(user, NewPassword!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                AddError(error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "current-password" : "new-password", error.Description);
            }

            return Page();
        }

        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        await SecurityEvents.RecordAsync(db, HttpContext, user, SecurityEvents.PasswordChanged);
        await SignInAgainAsync(signIn, user);
        return LocalRedirect(SafeReturnUrl);
    }
}
