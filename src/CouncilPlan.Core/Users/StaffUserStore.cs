using CouncilPlan.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace CouncilPlan.Core.Users;

/// <summary>
/// The Identity user store, except that two-factor recovery codes are kept hashed. Identity keeps
/// them in clear, joined in one token; a recovery code (ten characters from Identity's generator,
/// about 50 bits) is less than the 112 bits below which OWASP ASVS 5.0 (6.5.2) asks for a salted
/// password hash, so each is hashed with the same PBKDF2 hasher as the passwords.
/// </summary>
public sealed class StaffUserStore(CouncilPlanDb context, IPasswordHasher<StaffUser> hasher, IdentityErrorDescriber? describer = null)
    : UserStore<StaffUser, IdentityRole, CouncilPlanDb>(context, describer)
{
    // Where the base store keeps the codes: its own login provider name and token name.
    private const string Provider = "[AspNetUserStore]";
    private const string CodesToken = "RecoveryCodes";

    public override Task ReplaceCodesAsync(StaffUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken = default) =>
        base.ReplaceCodesAsync(user, recoveryCodes.Select(code => hasher.HashPassword(user, code)).ToList(), cancellationToken);

    public override async Task<bool> RedeemCodeAsync(StaffUser user, string code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(code);
        var stored = await GetTokenAsync(user, Provider, CodesToken, cancellationToken) ?? "";
        var hashes = stored.Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();
        var used = hashes.FindIndex(hash => hasher.VerifyHashedPassword(user, hash, code) != PasswordVerificationResult.Failed);
        if (used < 0)
        {
            return false;
        }

        // Each code works once: the rest are stored back as they were, without hashing them again.
        hashes.RemoveAt(used);
        await base.ReplaceCodesAsync(user, hashes, cancellationToken);
        return true;
    }
}
