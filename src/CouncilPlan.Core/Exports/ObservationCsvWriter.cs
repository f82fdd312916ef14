using System.Globalization;
using System.Text;
using CouncilPlan.Core.Imports;

namespace CouncilPlan.Core.Exports;

/// <summary>
/// Writes observations in the import format (docs/observations-csv-format.md): RFC 4180 quoting,
/// canonical periods, numbers in the shortest form that reads back exactly, and text that a
/// spreadsheet would run as a formula escaped with a leading <c>'</c>. Streams: nothing is held
/// but the current record.
/// </summary>
public sealed class ObservationCsvWriter(TextWriter writer)
{
    private readonly char[] number = new char[32];

    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>How much text is formatted in memory before it is handed on with an asynchronous write.</summary>
    private const int ChunkChars = 1 << 15;

    /// <summary>
    /// Writes a header and every record; returns how many records were written. Records are
    /// formatted into a chunk in memory that is passed on with asynchronous writes, because a
    /// StreamWriter writes synchronously whenever its buffer fills, and a web response (Kestrel,
    /// or the test server) refuses synchronous writes.
    /// </summary>
    public static async Task<long> WriteAsync(IAsyncEnumerable<ObservationRecord> records, Stream output, CancellationToken cancellationToken = default)
    {
        await using var text = new StreamWriter(output, Utf8, bufferSize: 1 << 16, leaveOpen: true);
        await using var chunk = new StringWriter(CultureInfo.InvariantCulture);
        var csv = new ObservationCsvWriter(chunk);
        var pending = chunk.GetStringBuilder();
        csv.WriteHeader();
        long count = 0;
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            csv.Write(record);
            count++;
            if (pending.Length >= ChunkChars)
            {
                await text.WriteAsync(pending, cancellationToken);
                pending.Clear();
            }
        }

        await text.WriteAsync(pending, cancellationToken);
        await text.FlushAsync(cancellationToken);
        return count;
    }

    public void WriteHeader()
    {
        writer.Write(string.Join(',', ObservationColumns.All));
        writer.Write('\n');
    }

    public void Write(ObservationRecord record)
    {
        if (record.Suppressed)
        {
            // The import format has no way to say "withheld", and writing the row without its value
            // would make a file that cannot be imported: withheld figures are left out before here.
            throw new ArgumentException($"The figure of {record.Measure} for {record.Period}, {record.Area} is withheld by disclosure control and cannot be written in the import format: leave it out (PublicObservations.ShownAsync).", nameof(record));
        }

        Text(record.Measure);
        writer.Write(',');
        Text(record.Period);
        writer.Write(',');
        Text(record.Area);
        writer.Write(',');
        Text(record.Breakdown);
        writer.Write(',');
        Number(record.Value);
        writer.Write(',');
        Number(record.Numerator);
        writer.Write(',');
        Number(record.Denominator);
        writer.Write(',');
        Number(record.LowerCi);
        writer.Write(',');
        Number(record.UpperCi);
        writer.Write(',');
        writer.Write(ObservationExport.StatusText(record.Status));
        writer.Write(',');
        Text(record.QualityNote);
        writer.Write(',');
        writer.Write(record.Published ? "true" : "false");
        writer.Write('\n');
    }

    /// <summary>A number as it will be read back: the shortest text that round-trips, invariant culture.</summary>
    public static string FormatNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private void Number(double? value)
    {
        if (value is { } v && v.TryFormat(number, out var written, "R", CultureInfo.InvariantCulture))
        {
            writer.Write(number, 0, written);
        }
    }

    private void Text(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        var escape = CsvCells.NeedsEscape(value);
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            if (escape)
            {
                writer.Write('\'');
            }

            writer.Write(value);
            return;
        }

        writer.Write('"');
        if (escape)
        {
            writer.Write('\'');
        }

        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }
}
