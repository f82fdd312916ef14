using System.Globalization;
using CouncilPlan.Core.Users;
using Microsoft.AspNetCore.Identity;
using OtpNet;

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

    // One step of drift either way: a phone's clock a little out, or a code typed as it changed.
    private static readonly VerificationWindow Drift = new(previous: 1, future: 1);

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<StaffUser> manager, StaffUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        var code = new string((token ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        if (string.IsNullOrEmpty(key) || code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            return false;
        }

        var last = long.TryParse(await manager.GetAuthenticationTokenAsync(user, Store, LastStep), NumberStyles.Integer, CultureInfo.InvariantCulture, out var used) ? used : long.MinValue;
        if (MatchedStep(Base32Encoding.ToBytes(key), code, clock.GetUtcNow()) is not { } step || step <= last)
        {
            return false;
        }

        // The user's concurrency stamp makes a second, simultaneous use of the same code fail here.
        var saved = await manager.SetAuthenticationTokenAsync(user, Store, LastStep, step.ToString(CultureInfo.InvariantCulture));
        return saved.Succeeded;
    }

    /// <summary>The RFC 6238 time step (HMAC-SHA1, 30 seconds, six digits) whose code <paramref name="code"/> is, within the drift allowed around <paramref name="now"/>.</summary>
    public static long? MatchedStep(byte[] secret, string code, DateTimeOffset now) =>
        new Totp(secret).VerifyTotp(now.UtcDateTime, code, out var step, Drift) ? step : null;
}
