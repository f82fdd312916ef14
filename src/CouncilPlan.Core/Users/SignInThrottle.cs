using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using CouncilPlan.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CouncilPlan.Core.Users;

/// <summary>Wrong passwords counted for one email address or one client address, so that the next attempt can be made to wait.</summary>
public sealed class SignInFailures
{
    /// <summary>"account:" and a hash of the email address as typed (normalised), or "address:" and the client's address.</summary>
    public required string Key { get; set; }

    /// <summary>Failures since the last successful sign-in (for an account) or within <see cref="SignInThrottleOptions.ForgetAfterHours"/>.</summary>
    public int Failures { get; set; }

    public DateTimeOffset LastFailureAt { get; set; }

    /// <summary>No password is checked for this key before then.</summary>
    public DateTimeOffset? RefusedUntil { get; set; }
}

/// <summary>The numbers of the sign-in throttle, from the "Security:SignInThrottle" section.</summary>
public sealed class SignInThrottleOptions
{
    public const string Section = "Security:SignInThrottle";

    /// <summary>Wrong passwords for one email address before each further one makes that address wait.</summary>
    public int AccountFailures { get; set; } = 5;

    /// <summary>
    /// Wrong passwords from one client address (for any accounts) before each further one makes that
    /// client wait: higher, as colleagues share an office's address.
    /// </summary>
    public int AddressFailures { get; set; } = 20;

    /// <summary>The first wait; each further failure doubles it.</summary>
    public int FirstDelaySeconds { get; set; } = 30;

    /// <summary>The longest wait, so that nobody can keep a colleague out for long by guessing on purpose.</summary>
    public int LongestDelaySeconds { get; set; } = 300;

    /// <summary>Failures older than this are forgotten.</summary>
    public int ForgetAfterHours { get; set; } = 24;
}

/// <summary>
/// Throttling of the password step, by account and by client address, with waits that double with
/// each failure up to a few minutes, instead of locking the account.
/// </summary>
/// <remarks>
/// A lockout lets anyone who knows a colleague's email address keep them out; the NCSC's password
/// guidance for system owners ("Password administration for system owners") asks for throttling
/// rather than lockout for that reason, and OWASP ASVS 5.0 requirement 6.1.1 asks that the controls
/// against credential stuffing and brute force (rate limiting, anti-automation) prevent malicious
/// account lockout. With the defaults an attacker gets eight guesses an account in the first five
/// minutes and one every five minutes after that, and an address trying many accounts is slowed the
/// same way. The count is kept by email address, whether or not an account has it, so that the throttle
/// behaves the same for every address and says nothing about which ones have accounts. The state is
/// in the database, so that every web instance sees the same counts.
/// </remarks>
public sealed class SignInThrottle(CouncilPlanDb db, TimeProvider clock, IOptions<SignInThrottleOptions> options)
{
    private SignInThrottleOptions Rules => options.Value;

    /// <summary>Whether this email address or this client must wait before a password is checked.</summary>
    public async Task<bool> IsRefusedAsync(string email, IPAddress? address, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        string[] keys = [AccountKey(email), AddressKey(address)];
        return await db.SignInFailures.AnyAsync(f => keys.Contains(f.Key) && f.RefusedUntil != null && f.RefusedUntil > now, cancellationToken);
    }

    /// <summary>Counts a wrong password against the email address and the client's address.</summary>
    public async Task RecordFailureAsync(string email, IPAddress? address, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var now = clock.GetUtcNow();
                await CountAsync(AccountKey(email), Rules.AccountFailures, now, cancellationToken);
                await CountAsync(AddressKey(address), Rules.AddressFailures, now, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                break;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another instance counted a failure for the same key at the same moment: count again on top of it.
                foreach (var entry in db.ChangeTracker.Entries<SignInFailures>().ToList())
                {
                    entry.State = EntityState.Detached;
                }
            }
        }

        var forgotten = clock.GetUtcNow() - TimeSpan.FromHours(Rules.ForgetAfterHours);
        await db.SignInFailures.Where(f => f.LastFailureAt < forgotten).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>After the right password: the account starts again (the client's address does not, or one good account would reset it).</summary>
    public async Task RecordSuccessAsync(string email, CancellationToken cancellationToken = default)
    {
        var key = AccountKey(email);
        await db.SignInFailures.Where(f => f.Key == key).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>How long a key must wait after its <paramref name="failures"/>th failure: none until the threshold, then doubling to the longest.</summary>
    public static TimeSpan Delay(int failures, int threshold, SignInThrottleOptions rules)
    {
        if (failures < threshold)
        {
            return TimeSpan.Zero;
        }

        var doublings = Math.Min(failures - threshold, 30);
        var seconds = Math.Min((long)rules.FirstDelaySeconds << doublings, rules.LongestDelaySeconds);
        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>The key for an email address: hashed, as most of those typed by an attacker belong to nobody here and need not be kept.</summary>
    public static string AccountKey(string email) =>
        "account:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToUpperInvariant())));

    /// <summary>The key for a client: its IPv4 address, or its IPv6 /64 network, which one household or office is usually given whole.</summary>
    public static string AddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return "address:unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            address = new IPAddress(bytes);
        }

        return "address:" + address;
    }

    private async Task CountAsync(string key, int threshold, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = await db.SignInFailures.SingleOrDefaultAsync(f => f.Key == key, cancellationToken);
        if (row is null)
        {
            row = new SignInFailures { Key = key };
            db.SignInFailures.Add(row);
        }
        else if (row.LastFailureAt < now - TimeSpan.FromHours(Rules.ForgetAfterHours))
        {
            row.Failures = 0;
        }

        row.Failures++;
        row.LastFailureAt = now;
        var delay = Delay(row.Failures, threshold, Rules);
        row.RefusedUntil = delay > TimeSpan.Zero ? now + delay : null;
    }
}
