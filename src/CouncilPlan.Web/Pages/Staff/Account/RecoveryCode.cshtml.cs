using CouncilPlan.Core.Data;
using CouncilPlan.Core.Users;
using CouncilPlan.Web.Staff.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CouncilPlan.Web.Pages.Staff.Account;

/// <summary>The second step of signing in with one of the recovery codes shown when the authenticator was set up; each works once.</summary>
[EnableRateLimiting(StaffSecurity.SignInRateLimit)]
public sealed class RecoveryCodeModel(SignInManager<StaffUser> signIn, CouncilPlanDb db) : AccountPageModel
{
    [BindProperty]
    public string? Code { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? LocalRedirect(WithReturnUrl(StaffPaths.SignIn)) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return LocalRedirect(WithReturnUrl(StaffPaths.SignIn));
        }

        var code = (Code ?? "").Trim().Replace(" ", "", StringComparison.Ordinal);
        if (code.Length == 0)
        {
            AddError("code", "Enter a recovery code");
            return Page();
        }

        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        if (result.Succeeded)
        {
            await SecurityEvents.RecordAsync(db, HttpContext, user, SecurityEvents.RecoveryCodeUsed);
            return LocalRedirect(SafeReturnUrl);
        }

        if (result.IsLockedOut)
        {
            await SecurityEvents.RecordAsync(db, HttpContext, user, SecurityEvents.LockedOut);
            AddError("code", $"You have entered a wrong code too many times. Wait {(int)StaffIdentity.LockoutTime.TotalMinutes} minutes, then sign in again");
            return Page();
        }

        await SecurityEvents.RecordAsync(db, HttpContext, user, SecurityEvents.SignInFailed, """{"step":"recovery code"}""");
        AddError("code", "The recovery code is not correct or has already been used");
        return Page();
    }
}
