using System.Globalization;
using System.Text;

namespace CouncilPlan.Core.Validation;

/// <summary>
/// The one way a figure typed into a form, an upload or an import becomes a number. .NET's own
/// parsing is too forgiving for published figures: with thousands allowed it reads "1,05" as 105,
/// and it ignores trailing NUL characters, so "1\0" is 1. Here a comma is accepted only where it
/// groups thousands correctly ("1,050", "12,345.6"), and anything that is not a digit, a sign, a
/// decimal point or an exponent is refused with a reason a person can act on.
/// </summary>
public static class StrictNumber
{
    /// <summary>What to show beside a refusal: how a figure is written.</summary>
    public const string Example = "write it like 1050, 1,050 or 75.2";

    private const NumberStyles Styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>Reads a typed figure (surrounding spaces allowed); null with <paramref name="problem"/> when it is not one.</summary>
    public static double? Parse(ReadOnlySpan<char> text, out string? problem)
    {
        text = text.Trim(' ');
        Span<byte> ascii = text.Length <= 64 ? stackalloc byte[text.Length] : new byte[text.Length];
        return Ascii(text, ascii, out problem) ? Parse(ascii, out problem) : null;
    }

    /// <summary>Reads a figure from a file's UTF-8 bytes, already trimmed of spaces; the importer's hot path allocates nothing on success.</summary>
    public static double? Parse(ReadOnlySpan<byte> text, out string? problem)
    {
        Span<byte> plain = text.Length <= 64 ? stackalloc byte[text.Length] : new byte[text.Length];
        if (!Plain(text, plain, out var length, out problem))
        {
            return null;
        }

        if (!double.TryParse(plain[..length], Styles, CultureInfo.InvariantCulture, out var value))
        {
            problem = $"'{Encoding.UTF8.GetString(text)}' is not a number: {Example}";
            return null;
        }

        if (!double.IsFinite(value))
        {
            problem = $"'{Encoding.UTF8.GetString(text)}' is too large to be a figure";
            return null;
        }

        return value;
    }

    /// <summary>Reads an amount of money exactly (as a decimal), by the same rules as a figure.</summary>
    public static decimal? ParseDecimal(ReadOnlySpan<char> text, out string? problem)
    {
        text = text.Trim(' ');
        Span<byte> ascii = text.Length <= 64 ? stackalloc byte[text.Length] : new byte[text.Length];
        if (!Ascii(text, ascii, out problem))
        {
            return null;
        }

        Span<byte> plain = ascii.Length <= 64 ? stackalloc byte[ascii.Length] : new byte[ascii.Length];
        if (!Plain(ascii, plain, out var length, out problem))
        {
            return null;
        }

        if (!decimal.TryParse(plain[..length], Styles, CultureInfo.InvariantCulture, out var value))
        {
            problem = $"'{text}' is not a number: {Example}";
            return null;
        }

        return value;
    }

    /// <summary>
    /// Checks every character and the grouping, and writes the figure without its thousands commas
    /// into <paramref name="plain"/> (as long as the text) for .NET to read.
    /// </summary>
    private static bool Plain(ReadOnlySpan<byte> text, Span<byte> plain, out int length, out string? problem)
    {
        problem = null;
        length = 0;
        var commas = false;
        var point = -1;
        var exponent = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var b = text[i];
            switch (b)
            {
                case >= (byte)'0' and <= (byte)'9' or (byte)'-' or (byte)'+':
                    plain[length++] = b;
                    continue;
                case (byte)',':
                    commas = true;
                    continue;
                case (byte)'.':
                    point = point < 0 ? i : point;
                    plain[length++] = b;
                    continue;
                case (byte)'e' or (byte)'E':
                    exponent = exponent < 0 ? i : exponent;
                    plain[length++] = b;
                    continue;
                default:
                    problem = Refusal(Encoding.UTF8.GetString(text), DecodeAt(text, i));
                    return false;
            }
        }

        if (text.IsEmpty)
        {
            problem = $"A figure is needed here: {Example}";
            return false;
        }

        if (commas)
        {
            var end = point >= 0 ? point : exponent >= 0 ? exponent : text.Length;
            if (!GroupedCorrectly(text[..end]) || text[end..].IndexOf((byte)',') >= 0)
            {
                problem = $"'{Encoding.UTF8.GetString(text)}' is not a number: a comma may only separate thousands, as in 1,050; a decimal needs a point, as in 1.05";
                return false;
            }
        }

        return true;
    }

    /// <summary>Typed text as bytes: a figure is written in ASCII, so any other character is refused, by name.</summary>
    private static bool Ascii(ReadOnlySpan<char> text, Span<byte> ascii, out string? problem)
    {
        problem = null;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] > 0x7f)
            {
                problem = Refusal(text.ToString(), text[i]);
                return false;
            }

            ascii[i] = (byte)text[i];
        }

        return true;
    }

    /// <summary>An optional sign, one to three digits, then groups of exactly three after each comma.</summary>
    private static bool GroupedCorrectly(ReadOnlySpan<byte> whole)
    {
        if (!whole.IsEmpty && whole[0] is (byte)'-' or (byte)'+')
        {
            whole = whole[1..];
        }

        var first = whole.IndexOf((byte)',');
        if (first is < 1 or > 3)
        {
            return false;
        }

        var rest = whole[first..];
        while (!rest.IsEmpty)
        {
            if (rest.Length < 4 || rest[0] != (byte)',' || !IsDigits(rest.Slice(1, 3)))
            {
                return false;
            }

            rest = rest[4..];
        }

        return IsDigits(whole[..first]);
    }

    private static bool IsDigits(ReadOnlySpan<byte> text)
    {
        foreach (var b in text)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        return true;
    }

    private static char DecodeAt(ReadOnlySpan<byte> text, int index) =>
        text[index] < 0x80 ? (char)text[index] : Encoding.UTF8.GetString(text[index..]) is { Length: > 0 } s ? s[0] : '?';

    private static string Refusal(string text, char found)
    {
        if (char.IsControl(found))
        {
            return $"The figure contains a control character ({TextField.Name(found)}), which is not allowed: {Example}";
        }

        var shown = TextField.Printable(text);
        return found switch
        {
            '%' => $"'{shown}' is not a number: leave out the % sign (write 75.2 for 75.2%)",
            '£' or '$' or '€' => $"'{shown}' is not a number: leave out the currency sign (write 1050 for £1,050)",
            ' ' => $"'{shown}' is not a number: a space may not separate digits; {Example}",
            _ => $"'{shown}' is not a number: '{found}' is not allowed in a figure; {Example}",
        };
    }
}
