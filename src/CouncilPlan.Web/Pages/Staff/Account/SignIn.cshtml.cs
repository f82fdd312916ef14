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
    SignInThrottle throttle,
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

        var email = Email!.Trim();
        var address = HttpContext.Connection.RemoteIpAddress;
        var cancel = HttpContext.RequestAborted;

        // Throttling, not lockout (SignInThrottle says why). A refusal checks no password, and
        // answers in the same words as a wrong one: the count is kept by email address, account or
        // not, so a refusal says nothing about whether the address has an account.
        if (await throttle.IsRefusedAsync(email, address, cancel))
        {
            logger.LogInformation("Sign-in refused without checking the password: too many recent failures for the address entered or from {Address}", address);
            return Wrong();
        }

        var user = await signIn.UserManager.FindByEmailAsync(email);
        if (user is null)
        {
            SpendAsLongAsAPasswordCheck();
            await throttle.RecordFailureAsync(email, address, cancel);
            logger.LogInformation("Sign-in refused for an address with no account, from {Address}", address);
            return Wrong();
        }

        // Identity's own lockout is left to the second-factor steps, which only someone with the password reaches.
        var result = await signIn.PasswordSignInAsync(user, Password!, isPersistent: false, lockoutOnFailure: false);
        if (result.Succeeded || result.RequiresTwoFactor)
        {
            await throttle.RecordSuccessAsync(email, cancel);
        }

        if (result.Succeeded)
        {
            await SecurityEvents.RecordAsync(db, HttpContext, user, SecurityEvents.SignedIn, """{"with":"password"}""");
            return LocalRedirect(SafeReturnUrl);
        }

        if (result.RequiresTwoFactor)
        {
            return LocalRedirect(WithReturnUrl(StaffPaths.TwoFactor));
        }

        await throttle.RecordFailureAsync(email, address, cancel);
        if (result.IsLockedOut)
        {
            // Disabled by an administrator, or locked by wrong second-factor codes: Identity checked
            // no password, so spend the time one takes, and use the same words as a wrong password,
            // so that the page tells nobody who lacks the password anything about the account.
            SpendAsLongAsAPasswordCheck();
            var reason = StaffAccounts.IsDisabled(user) ? "disabled" : "locked out";
            await SecurityEvents.RecordAsync(db, HttpContext, user, SecurityEvents.SignInFailed, $$"""{"reason":"{{reason}}"}""");
            return Wrong();
        }

        await SecurityEvents.RecordAsync(db, HttpContext, user, SecurityEvents.SignInFailed);
        return Wrong();
    }

    /// <summary>Checks the password against a hash of nothing, so that a refusal without a real check takes as long as one with it.</summary>
    private void SpendAsLongAsAPasswordCheck()
    {
        var hasher = signIn.UserManager.PasswordHasher;
        var nobody = new StaffUser { DisplayName = "" };
        unknownUserHash ??= hasher.HashPassword(nobody, StaffAccounts.NewOneTimePassword());
        hasher.VerifyHashedPassword(nobody, unknownUserHash, Password!);
    }

    private Microsoft.AspNetCore.Mvc.RazorPages.PageResult Wrong()
    {
        // The same words and status whether the address has no account, the password is wrong, the
        // account is disabled or locked, or the attempt is throttled: OWASP ASVS 5.0's authentication
        // chapter asks that failures do not reveal whether an account exists.
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
