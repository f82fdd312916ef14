using System.Globalization;
using System.Text;

namespace CouncilPlan.Core.Users;

/// <summary>
/// Tells whether a password is one that attackers try first (NCSC password guidance; ASVS 6.2.4):
/// a listed password, a listed word dressed up with digits, symbols or look-alike characters
/// ("P@ssw0rd2024!"), two listed words run together, a keyboard walk or number run, or a short
/// pattern repeated. It deliberately does not judge passphrases of ordinary words.
/// </summary>
public sealed class CommonPasswords
{
    /// <summary>The configuration key for a council's own, fuller list: a text file, one password a line.</summary>
    public const string FileSetting = "Security:CommonPasswordsFile";

    private static readonly string[] Walks =
    [
        "1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "qwertzuiop", "azertyuiop",
        "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p", "qazwsxedcrfvtgbyhnujmikolp", "1q2w3e4r5t6y7u8i9o0p",
        "abcdefghijklmnopqrstuvwxyz", "01234567890", "0987654321",
    ];

    /// <summary>The name the built-in list (common-passwords.txt) is embedded under.</summary>
    internal const string ResourceName = "CouncilPlan.Core.Users.common-passwords.txt";

    // Read once, on first use: every Load starts from it, and the extra file may differ between loads.
    private static readonly Lazy<string[]> BuiltIn = new(ReadBuiltIn);

    private readonly HashSet<string> entries;

    private CommonPasswords(HashSet<string> entries) => this.entries = entries;

    public int Count => entries.Count;

    /// <summary>The built-in list, plus the lines of <paramref name="extraFile"/> when one is given.</summary>
    public static CommonPasswords Load(string? extraFile = null)
    {
        var entries = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in BuiltIn.Value)
        {
            Add(entries, line);
        }

        if (!string.IsNullOrWhiteSpace(extraFile))
        {
            if (!File.Exists(extraFile))
            {
                throw new InvalidOperationException($"{FileSetting} is '{extraFile}', but there is no such file.");
            }

            foreach (var line in File.ReadLines(extraFile))
            {
                Add(entries, line);
            }
        }

        return new CommonPasswords(entries);
    }

    public bool IsCommon(string password)
    {
        var lower = password.Trim().ToLower(CultureInfo.InvariantCulture);
        var joined = Squeeze(lower);
        if (joined.Length == 0 || entries.Contains(lower) || entries.Contains(joined))
        {
            return true;
        }

        var core = TrimDecoration(joined);
        var unleet = Unleet(core);
        foreach (var candidate in new[] { core, unleet, Unleet(joined) })
        {
            if (candidate.Length == 0 || entries.Contains(candidate) || IsWalk(candidate) || IsRepeated(candidate) || IsTwoEntries(candidate))
            {
                return true;
            }
        }

        return IsWalk(joined) || IsRepeated(joined) || IsRun(joined);
    }

    /// <summary>The lines of the built-in list, comments and all: <see cref="Add"/> skips what is not a password.</summary>
    internal static string[] ReadBuiltIn()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The built-in list of common passwords ({ResourceName}) is missing from {typeof(CommonPasswords).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().Split('\n');
    }

    private static void Add(HashSet<string> entries, string line)
    {
        var entry = line.Trim().ToLower(CultureInfo.InvariantCulture);
        if (entry.Length > 0 && !entry.StartsWith('#'))
        {
            entries.Add(entry);
            entries.Add(Squeeze(entry));
        }
    }

    /// <summary>Without spaces and the separators people put between words.</summary>
    private static string Squeeze(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c) && c is not ('-' or '_' or '.' or ',' or '+'))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>The word inside the digits and symbols people add at either end: "!!summer2024!" is "summer".</summary>
    private static string TrimDecoration(string text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && !char.IsLetter(text[start]))
        {
            start++;
        }

        while (end > start && !char.IsLetter(text[end - 1]))
        {
            end--;
        }

        return text[start..end];
    }

    private static string Unleet(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '0' => 'o',
                '1' or '!' or '|' => 'i',
                '3' => 'e',
                '4' or '@' => 'a',
                '5' or '$' => 's',
                '7' or '+' => 't',
                '8' => 'b',
                '9' => 'g',
                _ => c,
            });
        }

        return builder.ToString();
    }

    private static bool IsWalk(string text) =>
        text.Length >= 6 && Walks.Any(w => w.Contains(text, StringComparison.Ordinal) || Reverse(w).Contains(text, StringComparison.Ordinal));

    /// <summary>A short unit repeated: "abcabcabcabc", "passwordpassword", "aaaaaaaaaaaa".</summary>
    private bool IsRepeated(string text)
    {
        for (var unit = 1; unit <= text.Length / 2; unit++)
        {
            if (text.Length % unit != 0)
            {
                continue;
            }

            var piece = text[..unit];
            if (string.Concat(Enumerable.Repeat(piece, text.Length / unit)) == text && (unit <= 4 || entries.Contains(piece) || IsWalk(piece)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Characters that each follow the last by the same step: "123456789012", "abcdefghijkl", "975319753197".</summary>
    private static bool IsRun(string text)
    {
        if (text.Length < 4)
        {
            return false;
        }

        var step = text[1] - text[0];
        for (var i = 2; i < text.Length; i++)
        {
            var next = text[i] - text[i - 1];
            if (next != step && !(char.IsDigit(text[i]) && char.IsDigit(text[i - 1]) && (next + 10) % 10 == (step + 10) % 10))
            {
                return false;
            }
        }

        return Math.Abs(step) <= 2;
    }

    /// <summary>Two listed words or walks run together: "loveforever", "letmeinqwerty".</summary>
    private bool IsTwoEntries(string text)
    {
        for (var i = 3; i <= text.Length - 3; i++)
        {
            var left = text[..i];
            var right = text[i..];
            if (IsListedOrWalk(left) && IsListedOrWalk(right))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsListedOrWalk(string text) => entries.Contains(text) || IsWalk(text) || (text.Length >= 3 && IsRun(text));

    private static string Reverse(string text)
    {
        var chars = text.ToCharArray();
        Array.Reverse(chars);
        return new string(chars);
    }
}
