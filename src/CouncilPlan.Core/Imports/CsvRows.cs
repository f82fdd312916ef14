using System.Text;
using CouncilPlan.Core.Exports;
using CouncilPlan.Core.Validation;

namespace CouncilPlan.Core.Imports;

/// <summary>The rows of a CSV format with named columns, after its header, as the resources and owners imports read them.</summary>
internal static class CsvRows
{
    /// <summary>
    /// Each non-blank row with its line number and its fields by column name (a spreadsheet's
    /// formula-escaping quote removed, CsvCells). A row that cannot be read (an unclosed quote, the
    /// wrong number of fields) is reported and comes back with no fields, so callers still count it.
    /// </summary>
    public static IEnumerable<(long Row, Dictionary<string, string>? Fields)> Named(CsvRecordReader csv, string[] header, InputErrors errors)
    {
        while (csv.Read())
        {
            if (csv.IsBlank && csv.RecordError is null)
            {
                continue;
            }

            var row = csv.Line;
            if (csv.RecordError is { } shape)
            {
                errors.Add(row, csv.RecordErrorField >= 0 && csv.RecordErrorField < header.Length ? header[csv.RecordErrorField] : "", shape);
                yield return (row, null);
                continue;
            }

            if (csv.FieldCount != header.Length)
            {
                errors.Add(row, "", $"this row has {csv.FieldCount} {(csv.FieldCount == 1 ? "field" : "fields")} but the header has {header.Length}: is a comma missing, or one too many, or a quote not closed?");
                yield return (row, null);
                continue;
            }

            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
            {
                var bytes = csv.GetField(i);
                fields[header[i]] = Encoding.UTF8.GetString(bytes[CsvCells.EscapeLength(bytes)..]);
            }

            yield return (row, fields);
        }
    }
}
