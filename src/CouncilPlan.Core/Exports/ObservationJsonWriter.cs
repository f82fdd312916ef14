using System.Text.Encodings.Web;
using System.Text.Json;

namespace CouncilPlan.Core.Exports;

/// <summary>
/// Writes observations as a JSON array of objects with the same fields as the CSV format
/// (measure, period, area, breakdown, value, numerator, denominator, lower_ci, upper_ci, status,
/// quality_note, published) and suppressed, true for a figure withheld by disclosure control
/// (its value, numerator, denominator and interval then null), streaming and flushing as it goes.
/// </summary>
public static class ObservationJsonWriter
{
    private const int FlushEvery = 1000;

    public static async Task<long> WriteAsync(IAsyncEnumerable<ObservationRecord> records, Stream output, CancellationToken cancellationToken = default)
    {
        // Served as application/json or saved as a file, never inlined in HTML: non-ASCII letters and
        // characters such as + and ' are written as themselves rather than as \u escapes.
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false, SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartArray();
        long count = 0;
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            Write(json, record);
            if (++count % FlushEvery == 0)
            {
                await json.FlushAsync(cancellationToken);
            }
        }

        json.WriteEndArray();
        await json.FlushAsync(cancellationToken);
        return count;
    }

    public static void Write(Utf8JsonWriter json, ObservationRecord record)
    {
        json.WriteStartObject();
        json.WriteString("measure", record.Measure);
        json.WriteString("period", record.Period);
        json.WriteString("area", record.Area);
        json.WriteString("breakdown", record.Breakdown);
        Number(json, "value", record.Value);
        Number(json, "numerator", record.Numerator);
        Number(json, "denominator", record.Denominator);
        Number(json, "lower_ci", record.LowerCi);
        Number(json, "upper_ci", record.UpperCi);
        json.WriteString("status", ObservationExport.StatusText(record.Status));
        if (record.QualityNote is null)
        {
            json.WriteNull("quality_note");
        }
        else
        {
            json.WriteString("quality_note", record.QualityNote);
        }

        json.WriteBoolean("published", record.Published);
        json.WriteBoolean("suppressed", record.Suppressed);
        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
