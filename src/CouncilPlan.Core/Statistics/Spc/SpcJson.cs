using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CouncilPlan.Core.Statistics.Spc;

/// <summary>
/// Writes an <see cref="SpcResult"/> as JSON for <c>councilplan spc</c>:
/// <c>{"points":[{"period","value","rebase_group","mean","lpl","upl","nlpl","nupl","special_cause_type","point_type"},…],
/// "variation_icon","assurance","short_group_warning"}</c>. Periods are ISO dates, or each period's label when <c>periodLabel</c> is given; limits the reference gives as NaN are null.
/// </summary>
public static class SpcJson
{
    public static void Write(SpcResult result, Utf8JsonWriter writer, Func<DateOnly, string>? periodLabel = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(writer);

        writer.WriteStartObject();
        writer.WriteStartArray("points");
        foreach (var p in result.Points)
        {
            writer.WriteStartObject();
            writer.WriteString("period", periodLabel is null ? p.Period.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : periodLabel(p.Period));
            writer.WriteNumber("value", p.Value);
            writer.WriteNumber("rebase_group", p.RebaseGroup);
            WriteNumberOrNull(writer, "mean", p.Mean);
            WriteNumberOrNull(writer, "lpl", p.Lpl);
            WriteNumberOrNull(writer, "upl", p.Upl);
            WriteNumberOrNull(writer, "nlpl", p.Nlpl);
            WriteNumberOrNull(writer, "nupl", p.Nupl);
            writer.WriteString("special_cause_type", p.SpecialCauseType);
            writer.WriteString("point_type", p.PointType);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("variation_icon", result.VariationIcon);
        if (result.Assurance is null)
        {
            writer.WriteNull("assurance");
        }
        else
        {
            writer.WriteString("assurance", result.Assurance);
        }

        writer.WriteBoolean("short_group_warning", result.ShortGroupWarning);
        writer.WriteEndObject();
    }

    /// <summary>The JSON as a string (UTF-8, compact unless <paramref name="indented"/>).</summary>
    public static string Serialize(SpcResult result, bool indented = false, Func<DateOnly, string>? periodLabel = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            Write(result, writer, periodLabel);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteNumberOrNull(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
