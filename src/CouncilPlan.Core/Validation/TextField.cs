using System.Globalization;
using System.Text;

namespace CouncilPlan.Core.Validation;

/// <summary>
/// The limits on text people enter, the same in forms, uploads and imports: a maximum length (a
/// 10 MB "quality note" was once stored and published) and no control characters, which no one
/// types on purpose and which break the CSV, the spreadsheet and the screen reader downstream. Line
/// breaks and tabs are allowed only where a field can hold paragraphs. The limits are documented in
/// docs/text-limits.md.
/// </summary>
public static class TextField
{
    /// <summary>A name, a reference, an owner, a title: one line.</summary>
    public const int Short = 200;

    /// <summary>A note on a figure's quality, a corrective action: a paragraph.</summary>
    public const int Note = 2000;

    /// <summary>A commentary or a definition: a few paragraphs.</summary>
    public const int Long = 8000;

    /// <summary>Why the text cannot be stored, or null when it can.</summary>
    /// <param name="label">The field as the person knows it ("Commentary", "quality_note").</param>
    /// <param name="maximum">Its maximum length in characters.</param>
    /// <param name="paragraphs">Whether line breaks and tabs are allowed.</param>
    public static string? Problem(ReadOnlySpan<char> text, string label, int maximum, bool paragraphs)
    {
        // A person counts characters as they see them; surrogate pairs are counted once.
        var length = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            length++;
            if (Rune.IsControl(rune) && !(paragraphs && rune.Value is '\n' or '\r' or '\t'))
            {
                return $"{label} contains a control character ({Name((char)rune.Value)}), which is not allowed{(paragraphs ? "" : "; it must be one line")}";
            }
        }

        return length > maximum
            ? $"{label} is {length.ToString("N0", CultureInfo.InvariantCulture)} characters long; the most it can be is {maximum.ToString("N0", CultureInfo.InvariantCulture)}"
            : null;
    }

    /// <summary>A control character named so a person can find it ("U+0000 NUL", "a line break").</summary>
    public static string Name(char c) => c switch
    {
        '\0' => "U+0000, a NUL byte",
        '\n' or '\r' => "a line break",
        '\t' => "a tab",
        _ => $"U+{((int)c).ToString("X4", CultureInfo.InvariantCulture)}",
    };

    /// <summary>Text with its control characters shown as codes, safe to quote in a message.</summary>
    public static string Printable(string text)
    {
        var shown = new StringBuilder(Math.Min(text.Length, 60));
        foreach (var c in text.AsSpan(0, Math.Min(text.Length, 60)))
        {
            shown.Append(char.IsControl(c) ? $"\\u{((int)c).ToString("x4", CultureInfo.InvariantCulture)}" : c);
        }

        return text.Length > 60 ? shown.Append('…').ToString() : shown.ToString();
    }
}
