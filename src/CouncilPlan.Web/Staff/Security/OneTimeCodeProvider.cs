using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CouncilPlan.Core.Users;
using Microsoft.AspNetCore.Identity;

namespace CouncilPlan.Web.Staff.Security;

/// <summary>
/// Identity's authenticator provider, with one difference: a code is accepted once only (ASVS
/// 6.5.1). The last time step used is kept with the user's other authenticator data, and a code
/// from that step or an earlier one is refused, so a code seen over someone's shoulder cannot be
/// replayed within its 30 seconds. One step of clock drift either way is allowed.
/// </summary>
public sealed class OneTimeCodeProvider(TimeProvider clock) : AuthenticatorTokenProvider<StaffUser>
{
    private const string Store = "[CouncilPlan]";
    private const string LastStep = "LastAuthenticatorStep";

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<StaffUser> manager, StaffUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        var code = new string((token ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        if (string.IsNullOrEmpty(key) || code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            return false;
        }

        var secret = Totp.DecodeBase32(key);
        var now = Totp.TimeStep(clock.GetUtcNow());
        var last = long.TryParse(await manager.GetAuthenticationTokenAsync(user, Store, LastStep), NumberStyles.Integer, CultureInfo.InvariantCulture, out var used) ? used : long.MinValue;
        for (var step = now - 1; step <= now + 1; step++)
        {
            if (step > last && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Totp.Code(secret, step)), Encoding.ASCII.GetBytes(code)))
            {
                // The user's concurrency stamp makes a second, simultaneous use of the same code fail here.
                var saved = await manager.SetAuthenticationTokenAsync(user, Store, LastStep, step.ToString(CultureInfo.InvariantCulture));
                return saved.Succeeded;
            }
        }

        return false;
    }
}
