using System.Globalization;

namespace CouncilPlan.Core.Validation;

/// <summary>
/// One problem with something a person gave CouncilPlan, named at the place they would look for it,
/// whichever way it came: a form (<see cref="Field"/>: Row 0, Column the field's name), an uploaded
/// or imported CSV file (Row the line the row starts on, Column the header's name), or a YAML data
/// file (Row the line, Column the character). Forms show it beside the field, the upload page in
/// its row, the command line as <c>FILE:ROW:COLUMN: message</c>. The rules that find problems are
/// shared the same way (<see cref="StrictNumber"/>, <see cref="TextField"/>), so what one refuses
/// every other refuses too.
/// </summary>
/// <param name="File">The file's name, or empty for a form, or when the caller names the file.</param>
/// <param name="Row">The line or row, counted from 1 (a CSV header is line 1); 0 for the whole file or a form.</param>
/// <param name="Column">The field or column as the person knows it, or empty for the whole row or file.</param>
/// <param name="Message">What is wrong, in words the person can act on.</param>
public sealed record InputError(string File, long Row, string Column, string Message)
{
    /// <summary>A problem at a row and column of a file the caller names.</summary>
    public InputError(long row, string column, string message)
        : this("", row, column, message)
    {
    }

    /// <summary>A problem with a form's field.</summary>
    public static InputError Field(string field, string message) => new("", 0, field, message);

    /// <summary>A problem at a line and character of a text data file (YAML).</summary>
    public static InputError At(string file, long line, long character, string message) =>
        new(file, line, character > 0 ? character.ToString(CultureInfo.InvariantCulture) : "", message);

    /// <summary>The same problem, in the named file.</summary>
    public InputError In(string file) => this with { File = file };

    /// <summary><c>FILE:ROW:COLUMN: message</c>, leaving out what is not known; a form's problem is its message.</summary>
    public override string ToString() =>
        (File.Length > 0, Row > 0, Column.Length > 0) switch
        {
            (true, true, true) => $"{File}:{Row}:{Column}: {Message}",
            (true, true, false) => $"{File}:{Row}: {Message}",
            (true, false, _) => $"{File}: {Message}",
            (false, true, true) => $"row {Row}, column {Column}: {Message}",
            (false, true, false) => $"row {Row}: {Message}",
            // A form's field is named by where the form shows the message, beside it.
            _ => Message,
        };
}

/// <summary>
/// What a person gave cannot be used, with every problem found in it. Nothing has been saved: the
/// form, upload or import is all or nothing.
/// </summary>
public sealed class InvalidInputException : Exception
{
    public InvalidInputException(IReadOnlyList<InputError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Problems with a form, field by field.</summary>
    public InvalidInputException(IReadOnlyDictionary<string, string> byField)
        : this(byField.Select(f => InputError.Field(f.Key, f.Value)).ToList())
    {
    }

    /// <summary>A problem with one field of a form ("" for the whole request).</summary>
    public InvalidInputException(string field, string message)
        : this([InputError.Field(field, message)])
    {
    }

    public InvalidInputException()
        : this([])
    {
    }

    public InvalidInputException(string message)
        : base(message)
    {
        Errors = [new InputError("", 0, "", message)];
    }

    public InvalidInputException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new InputError("", 0, "", message)];
    }

    public IReadOnlyList<InputError> Errors { get; } = [];

    /// <summary>Each field's first problem, for a form.</summary>
    public IReadOnlyDictionary<string, string> ByField =>
        Errors.GroupBy(e => e.Column, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Message, StringComparer.Ordinal);

    private static string Describe(IReadOnlyList<InputError> errors) =>
        errors.Count == 1
            ? errors[0].ToString()
            : $"{errors.Count} problems:{Environment.NewLine}" + string.Join(Environment.NewLine, errors);
}
