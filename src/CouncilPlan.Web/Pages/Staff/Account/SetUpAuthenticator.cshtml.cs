using System.Security.Claims;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Users;
using CouncilPlan.Web.Plans;
using CouncilPlan.Web.Staff;
using CouncilPlan.Web.Staff.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using QRCoder;

namespace CouncilPlan.Web.Pages.Staff.Account;

/// <summary>
/// Setting up a second factor: an authenticator app's key, as a QR code and as text, a code from
/// the app to prove it works before the factor is switched on, then recovery codes shown once.
/// Administrators are sent here until they have done it.
/// </summary>
[EnableRateLimiting(StaffSecurity.SignInRateLimit)]
public sealed class SetUpAuthenticatorModel(SignInManager<StaffUser> signIn, CouncilPlanDb db, CurrentPlan currentPlan) : AccountPageModel
{
    [BindProperty]
    public string? Code { get; set; }

    public bool AlreadySetUp { get; private set; }

    /// <summary>The key in groups of four, for typing into the app.</summary>
    public string? Key { get; private set; }

    public string? QrCode { get; private set; }

    /// <summary>What the authenticator app calls this account.</summary>
    public string Issuer { get; private set; } = PlanWords.Default.Service;

    /// <summary>Shown once, straight after the factor is switched on.</summary>
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public bool IsAdministrator => User.IsInRole(Roles.Administrator);

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await signIn.UserManager.GetUserAsync(User);
        if (user is null)
        {
            return LocalRedirect(StaffPaths.SignIn);
        }

        if (user.TwoFactorEnabled)
        {
            if (!User.UsedSecondFactor())
            {
                // A session from before the factor was switched on: sign in again, with it.
                await signIn.SignOutAsync();
                return LocalRedirect(WithReturnUrl(StaffPaths.SignIn));
            }

            AlreadySetUp = true;
            return Page();
        }

        await LoadKeyAsync(user);
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

        if (user.TwoFactorEnabled)
        {
            AlreadySetUp = true;
            return Page();
        }

        var code = new string((Code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        if (code.Length == 0)
        {
            AddError("code", "Enter the code from your authenticator app");
        }
        else if (code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            AddError("code", "The code must be 6 numbers");
        }
        else if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            AddError("code", "The code is not correct: check the app shows the Council Plan and enter its latest code");
        }

        if (Errors.Count > 0)
        {
            await LoadKeyAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList() ?? [];
        await SecurityEvents.RecordAsync(db, HttpContext, user, SecurityEvents.TwoFactorEnabled);
        await SignInAgainAsync(signIn, user, new Claim(StaffPolicies.MfaClaimType, StaffPolicies.MfaClaimValue));
        return Page();
    }

    private async Task LoadKeyAsync(StaffUser user)
    {
        var users = signIn.UserManager;
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);

            // Resetting the key changes the security stamp, which would end this session.
            await SignInAgainAsync(signIn, user);
        }

        Key = string.Join(' ', key!.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
        // The app lists the account under the council's own name for its plan: "Eastmoor District Council Corporate Plan".
        var plan = await currentPlan.GetAsync();
        Issuer = plan is null ? PlanWords.Default.Service : $"{plan.Plan.CouncilName} {plan.Words.Service}";
        var issuer = Issuer;
        var uri = $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(user.Email ?? user.UserName ?? "")}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits=6";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        QrCode = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
    }
}
