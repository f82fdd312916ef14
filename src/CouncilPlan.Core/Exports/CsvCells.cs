using System.Globalization;

namespace CouncilPlan.Core.Exports;

/// <summary>
/// Cells that a spreadsheet would run as a formula. A text cell that begins with <c>=</c>, <c>+</c>,
/// <c>-</c>, <c>@</c>, a tab or a carriage return (after any leading apostrophes) and is not a number
/// is written with one more leading <c>'</c>; the importer removes exactly one again, so every text
/// survives an export and an import unchanged.
/// </summary>
public static class CsvCells
{
    /// <summary>The text to write for a text cell.</summary>
    public static string Escape(string text) => NeedsEscape(text) ? "'" + text : text;

    /// <summary>A whole text cell as a CSV file holds it: escaped, then quoted (RFC 4180) when it holds a comma, quote or line break.</summary>
    public static string Cell(string? text)
    {
        var safe = Escape(text ?? "");
        return safe.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }

    /// <summary>Whether a cell written as is could be run as a formula (or would lose an apostrophe on import).</summary>
    public static bool NeedsEscape(ReadOnlySpan<char> text)
    {
        var rest = text.TrimStart('\'');
        return rest.Length > 0 && IsTrigger(rest[0]) && !IsNumber(text);
    }

    /// <summary>The length of the escape at the start of a cell read from a file: 1 when it begins with
    /// <c>'</c> and, after its apostrophes, with a formula character; else 0.</summary>
    public static int EscapeLength(ReadOnlySpan<byte> cell)
    {
        if (cell.Length < 2 || cell[0] != (byte)'\'')
        {
            return 0;
        }

        var rest = cell.TrimStart((byte)'\'');
        return rest.Length > 0 && IsTrigger((char)rest[0]) ? 1 : 0;
    }

    private static bool IsTrigger(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';

    private static bool IsNumber(ReadOnlySpan<char> text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number);
}
