using System.Text;
using System.Text.Json;

namespace CouncilPlan.Core.Statistics;

/// <summary>
/// Writes an <see cref="Interval"/> as the JSON object the <c>councilplan interval</c> and <c>dsr</c> commands print:
/// <c>{"value":…,"lower":…,"upper":…,"method":"…"}</c>, with <c>null</c> where the reference gives NA. Numbers are
/// written in the invariant, round-trippable form, whatever the machine's culture.
/// </summary>
public static class IntervalJson
{
    /// <summary>The interval as a compact JSON object.</summary>
    public static string Write(Interval interval)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, interval);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes the interval as a JSON object to an existing writer.</summary>
    public static void Write(Utf8JsonWriter writer, Interval interval)
    {
        writer.WriteStartObject();
        WriteNumber(writer, "value", interval.Value);
        WriteNumber(writer, "lower", interval.Lower);
        WriteNumber(writer, "upper", interval.Upper);
        writer.WriteString("method", interval.Method);
        writer.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, double? number)
    {
        // JSON has no NaN or infinity: anything that is not a finite number is written as null (NA).
        if (number is { } n && double.IsFinite(n))
        {
            writer.WriteNumber(name, n);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
