using CouncilPlan.Core.Data;
using CouncilPlan.Core.Users;
using CouncilPlan.Web.Staff.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CouncilPlan.Web.Pages.Staff.Account;

[EnableRateLimiting(StaffSecurity.SignInRateLimit)]
public sealed class SignInModel(
    SignInManager<StaffUser> signIn,
    CouncilPlanDb db,
    IAuthenticationSchemeProvider schemes,
    IOptions<OrganisationSignInOptions> organisation,
    IOptions<StaffSecurityOptions> security,
    ILogger<SignInModel> logger) : AccountPageModel
{
    /// <summary>A hash to check a password against when there is no such user, so that the answer takes as long either way.</summary>
    private static string? unknownUserHash;

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [FromQuery]
    public bool TimedOut { get; set; }

    /// <summary>The words on the organisation sign-in button, when that sign-in is configured.</summary>
    public string? OrganisationButton { get; private set; }

    public int SessionMinutes => security.Value.SessionTimeoutMinutes;

    public async Task<IActionResult> OnGetAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return LocalRedirect(SafeReturnUrl);
        }

        await FindOrganisationSignInAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await FindOrganisationSignInAsync();
        if (string.IsNullOrWhiteSpace(Email))
        {
            AddError("email", "Enter your email address");
        }

        if (string.IsNullOrEmpty(Password))
        {
            AddError("password", "Enter your password");
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var user = await signIn.UserManager.FindByEmailAsync(Email!.Trim());
        if (user is null)
        {
            var hasher = signIn.UserManager.PasswordHasher;
            var nobody = new StaffUser { DisplayName = "" };
            unknownUserHash ??= hasher.HashPassword(nobody, StaffAccounts.NewOneTimePassword());
            hasher.VerifyHashedPassword(nobody, unknownUserHash, Password!);
            logger.LogInformation("Sign-in refused for an address with no account, from {Address}", HttpContext.Connection.RemoteIpAddress);
            return Wrong();
        }

        var result = await signIn.PasswordSignInAsync(user, Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await SecurityEvents.RecordAsync(db, HttpContext, user, SecurityEvents.SignedIn, """{"with":"password"}""");
            return LocalRedirect(SafeReturnUrl);
        }

        if (result.RequiresTwoFactor)
        {
            return LocalRedirect(WithReturnUrl(StaffPaths.TwoFactor));
        }

        if (result.IsLockedOut && StaffAccounts.IsDisabled(user))
        {
            // Disabled by an administrator: the same words as a wrong password, so that the page
            // tells nobody who lacks the password anything about the account.
            await SecurityEvents.RecordAsync(db, HttpContext, user, SecurityEvents.SignInFailed, """{"reason":"disabled"}""");
            return Wrong();
        }

        if (result.IsLockedOut)
        {
            await SecurityEvents.RecordAsync(db, HttpContext, user, SecurityEvents.LockedOut);
            AddError("email", $"You have entered the wrong password too many times. Wait {(int)StaffIdentity.LockoutTime.TotalMinutes} minutes, then try again");
            return Page();
        }

        await SecurityEvents.RecordAsync(db, HttpContext, user, SecurityEvents.SignInFailed);
        return Wrong();
    }

    private Microsoft.AspNetCore.Mvc.RazorPages.PageResult Wrong()
    {
        // The same words whether or not the address has an account (ASVS 6.3.8).
        AddError("email", "Enter a correct email address and password");
        return Page();
    }

    private async Task FindOrganisationSignInAsync()
    {
        if (await schemes.GetSchemeAsync(OrganisationSignInOptions.Scheme) is { } scheme)
        {
            OrganisationButton = scheme.DisplayName ?? organisation.Value.DisplayName;
            AllowOrganisationFormAction();
        }
    }

    /// <summary>
    /// The organisation button posts here and is redirected to the provider; browsers apply the
    /// content security policy's form-action to that redirect, so this page alone also allows
    /// the provider's origin.
    /// </summary>
    private void AllowOrganisationFormAction()
    {
        if (OrganisationButton is not null && Uri.TryCreate(organisation.Value.Authority, UriKind.Absolute, out var authority))
        {
            var origin = authority.GetLeftPart(UriPartial.Authority);
            Response.OnStarting(() =>
            {
                var policy = Response.Headers.ContentSecurityPolicy.ToString();
                if (policy.Contains("form-action 'self'", StringComparison.Ordinal) && !policy.Contains(origin, StringComparison.Ordinal))
                {
                    Response.Headers.ContentSecurityPolicy = policy.Replace("form-action 'self'", $"form-action 'self' {origin}", StringComparison.Ordinal);
                }

                return Task.CompletedTask;
            });
        }
    }
}
