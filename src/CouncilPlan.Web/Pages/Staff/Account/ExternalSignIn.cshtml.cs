using System.Security.Claims;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Users;
using CouncilPlan.Web.Staff.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CouncilPlan.Web.Pages.Staff.Account;

/// <summary>
/// Sign-in with the council's identity provider. The account it returns is matched to an existing
/// user by a verified email address and linked to them; nobody can register this way, and roles
/// stay with CouncilPlan. A second factor set up here is still asked for.
/// </summary>
[EnableRateLimiting(StaffSecurity.SignInRateLimit)]
public sealed class ExternalSignInModel(SignInManager<StaffUser> signIn, CouncilPlanDb db, IAuthenticationSchemeProvider schemes, IOptions<OrganisationSignInOptions> organisation)
    : AccountPageModel
{
    /// <summary>Why sign-in did not work, in words for the person.</summary>
    public string? Problem { get; private set; }

    /// <summary>Where to go once signed in, followed by a same-site navigation so the Strict session cookie is sent.</summary>
    public string? Continue { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await schemes.GetSchemeAsync(OrganisationSignInOptions.Scheme) is null)
        {
            return NotFound();
        }

        var properties = signIn.ConfigureExternalAuthenticationProperties(OrganisationSignInOptions.Scheme, WithReturnUrl(StaffPaths.ExternalSignIn));
        return Challenge(properties, OrganisationSignInOptions.Scheme);
    }

    public async Task<IActionResult> OnGetAsync()
    {
        var info = await signIn.GetExternalLoginInfoAsync();
        if (info is null)
        {
            Problem = "We could not sign you in with your organisation account. Try again.";
            return Page();
        }

        var result = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false, bypassTwoFactor: false);
        if (!result.Succeeded && !result.RequiresTwoFactor && !result.IsLockedOut && !result.IsNotAllowed)
        {
            var email = VerifiedEmail(info.Principal);
            var user = email is null ? null : await signIn.UserManager.FindByEmailAsync(email);
            if (user is null)
            {
                Problem = email is null
                    ? "Your organisation account did not tell us a verified email address, so we cannot match it to a workspace account."
                    : $"There is no workspace account for {email}. Ask an administrator to add you.";
                await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
                return Page();
            }

            await signIn.UserManager.AddLoginAsync(user, new UserLoginInfo(info.LoginProvider, info.ProviderKey, info.ProviderDisplayName));
            if (user.MustChangePassword)
            {
                // The one-time password is not needed by someone who signs in this way: it goes.
                await signIn.UserManager.RemovePasswordAsync(user);
                user.MustChangePassword = false;
                await signIn.UserManager.UpdateAsync(user);
            }

            result = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false, bypassTwoFactor: false);
        }

        var signedIn = await signIn.UserManager.FindByLoginAsync(info.LoginProvider, info.ProviderKey);
        if (result.RequiresTwoFactor)
        {
            return LocalRedirect(WithReturnUrl(StaffPaths.TwoFactor));
        }

        if (result.Succeeded && signedIn is not null)
        {
            await SecurityEvents.RecordAsync(db, HttpContext, signedIn, SecurityEvents.SignedIn, """{"with":"organisation account"}""");
            Continue = SafeReturnUrl;
            return Page();
        }

        Problem = result.IsLockedOut
            ? $"Your account is locked because of too many wrong attempts. Wait {(int)StaffIdentity.LockoutTime.TotalMinutes} minutes, then try again."
            : "We could not sign you in with your organisation account. Ask an administrator for help.";
        return Page();
    }

    private string? VerifiedEmail(ClaimsPrincipal principal)
    {
        var email = principal.FindFirstValue(ClaimTypes.Email) ?? principal.FindFirstValue("email");
        var verified = organisation.Value.AssumeEmailVerified
            || string.Equals(principal.FindFirstValue("email_verified"), "true", StringComparison.OrdinalIgnoreCase)
            || string.Equals(principal.FindFirstValue("xms_edov"), "true", StringComparison.OrdinalIgnoreCase)
            || principal.FindFirstValue("xms_edov") == "1";
        return verified && !string.IsNullOrWhiteSpace(email) ? email.Trim() : null;
    }
}
