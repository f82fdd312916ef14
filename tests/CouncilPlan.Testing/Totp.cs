using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace CouncilPlan.Testing;

/// <summary>The codes an authenticator app shows, computed independently of the app under test.</summary>
public static class Totp
{
    public static long Step() => TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() / 30;

    /// <summary>RFC 6238: HMAC-SHA1 of the time step, dynamically truncated to six digits.</summary>
    public static string Code(byte[] key, long step)
    {
        var counter = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // RFC 6238 is HMAC-SHA1, as every authenticator app computes it.
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var value = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (value % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>A six-digit code that is not valid for any step near now.</summary>
    public static string WrongCode(byte[] key)
    {
        var now = Step();
        var valid = Enumerable.Range(-2, 5).Select(i => Code(key, now + i)).ToHashSet();
        return Enumerable.Range(0, 10).Select(i => (123456 + i).ToString(CultureInfo.InvariantCulture)).First(c => !valid.Contains(c));
    }

    /// <summary>RFC 4648 base 32, as the set-up page shows the key.</summary>
    public static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(text.ToUpperInvariant().Where(c => !char.IsWhiteSpace(c)).Select(c => Convert.ToString(alphabet.IndexOf(c), 2).PadLeft(5, '0')));
        return Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2)).ToArray();
    }
}
