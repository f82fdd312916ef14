using CouncilPlan.Core.Data;
using CouncilPlan.Core.Users;
using CouncilPlan.Web.Staff.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CouncilPlan.Web.Pages.Staff.Account;

/// <summary>The second step of signing in: a code from the user's authenticator app.</summary>
[EnableRateLimiting(StaffSecurity.SignInRateLimit)]
public sealed class TwoFactorModel(SignInManager<StaffUser> signIn, CouncilPlanDb db) : AccountPageModel
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

        var code = new string((Code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        if (code.Length == 0)
        {
            AddError("code", "Enter the code from your authenticator app");
            return Page();
        }

        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            AddError("code", "The code must be 6 numbers");
            return Page();
        }

        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await SecurityEvents.RecordAsync(db, HttpContext, user, SecurityEvents.SignedIn, """{"with":"password and authenticator code"}""");
            return LocalRedirect(SafeReturnUrl);
        }

        if (result.IsLockedOut)
        {
            await SecurityEvents.RecordAsync(db, HttpContext, user, SecurityEvents.LockedOut);
            AddError("code", $"You have entered the wrong code too many times. Wait {(int)StaffIdentity.LockoutTime.TotalMinutes} minutes, then sign in again");
            return Page();
        }

        await SecurityEvents.RecordAsync(db, HttpContext, user, SecurityEvents.SignInFailed, """{"step":"authenticator code"}""");
        AddError("code", "The code is not correct or has already been used: enter the latest code from your authenticator app");
        return Page();
    }
}
