using System.Security.Claims;
using CouncilPlan.Core.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CouncilPlan.Web.Staff.Security;

/// <summary>The claims CouncilPlan adds to a staff session beyond Identity's own.</summary>
public static class StaffClaims
{
    public const string DisplayName = "councilplan:name";

    /// <summary>Present while the user still has the one-time password the command line gave them.</summary>
    public const string MustChangePassword = "councilplan:must_change_password";

    public static bool UsedSecondFactor(this ClaimsPrincipal user) =>
        user.HasClaim(StaffPolicies.MfaClaimType, StaffPolicies.MfaClaimValue);

    public static string Name(this ClaimsPrincipal user) =>
        user.FindFirstValue(DisplayName) ?? user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "";

    /// <summary>
    /// Issues a new session cookie after the signed-in user's security stamp has changed (a new
    /// password, a new authenticator, a change to their own roles), keeping the claims that say how
    /// they signed in and when: this session goes on, their other sessions end.
    /// </summary>
    public static async Task SignInAgainAsync(this SignInManager<StaffUser> signIn, HttpContext http, StaffUser user, params Claim[] extra)
    {
        var current = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var claims = http.User.Factors().Concat(extra).DistinctBy(c => (c.Type, c.Value)).ToList();
        await signIn.SignInWithClaimsAsync(user, current.Properties ?? new AuthenticationProperties(), claims);
    }

    /// <summary>The claims that say how this session was signed in, which must survive every refresh of the principal.</summary>
    public static IEnumerable<Claim> Factors(this ClaimsPrincipal user) =>
        user.Claims.Where(c => c.Type is StaffPolicies.MfaClaimType or ClaimTypes.AuthenticationMethod)
            .Select(c => new Claim(c.Type, c.Value))
            .ToList();
}

/// <summary>
/// Builds the session's principal from the database on every request (the security stamp is
/// checked on every request), so roles, the one-time-password flag and a sign-out elsewhere take
/// effect at once.
/// </summary>
public sealed class StaffClaimsPrincipalFactory(UserManager<StaffUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(StaffClaims.DisplayName, user.DisplayName));
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(StaffClaims.MustChangePassword, "true"));
        }

        return identity;
    }
}
