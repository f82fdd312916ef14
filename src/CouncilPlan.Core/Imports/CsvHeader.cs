using System.Text;
using CouncilPlan.Core.Validation;

namespace CouncilPlan.Core.Imports;

/// <summary>
/// Reads and checks the header row of a CSV format with named columns: the observations import and
/// the staff upload of quarterly figures and the resources import use the same rules, so a file is
/// refused the same way.
/// </summary>
internal static class CsvHeader
{
    /// <summary>
    /// Skips a byte-order mark and blank lines, then reads the header: the column names, lower case,
    /// in file order; or null, with the errors added, when the rows cannot be read. Each row of the
    /// file holds one <paramref name="row"/>, as the message for an empty file says.
    /// </summary>
    public static string[]? Read(CsvRecordReader csv, IReadOnlyList<string> columns, IReadOnlyList<string> required, InputErrors errors, string row = "figure")
    {
        if (csv.ReadPreamble() is { } encodingProblem)
        {
            errors.Add(1, "", encodingProblem);
            return null;
        }

        while (csv.Read())
        {
            if (!csv.IsBlank || csv.RecordError is not null)
            {
                return Check(csv, columns, required, errors);
            }
        }

        errors.Add(0, "", $"the file is empty: it needs a header row ({string.Join(',', columns)}) and a row for each {row}");
        return null;
    }

    private static string[]? Check(CsvRecordReader csv, IReadOnlyList<string> columns, IReadOnlyList<string> required, InputErrors errors)
    {
        var line = csv.Line;
        if (csv.RecordError is { } shape)
        {
            errors.Add(line, "", "the header row cannot be read: " + shape);
            return null;
        }

        var names = new string[csv.FieldCount];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = Encoding.UTF8.GetString(csv.GetField(i)).Trim().ToLowerInvariant();
        }

        if (names.Length == 1)
        {
            foreach (var (separator, description) in new[] { (';', "';'"), ('\t', "tabs"), ('|', "'|'") })
            {
                if (names[0].Contains(separator, StringComparison.Ordinal))
                {
                    errors.Add(line, "", $"the file uses {description} between columns: CouncilPlan reads comma-separated files (save it as 'CSV UTF-8 (comma delimited)')");
                    return null;
                }
            }
        }

        var before = errors.Count;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            var name = names[i];
            if (name.Length == 0)
            {
                errors.Add(line, "", $"column {i + 1} of the header has no name");
            }
            else if (!columns.Contains(name))
            {
                errors.Add(line, name, $"unknown column '{name}': the columns are {string.Join(", ", columns)}");
            }
            else if (!seen.Add(name))
            {
                errors.Add(line, name, $"the column '{name}' appears twice in the header");
            }
        }

        foreach (var column in required)
        {
            if (!seen.Contains(column))
            {
                errors.Add(line, column, $"the required column '{column}' is missing (the header needs {string.Join(", ", required)})");
            }
        }

        return errors.Count > before ? null : names;
    }
}
