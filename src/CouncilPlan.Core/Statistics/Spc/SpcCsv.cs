using System.Globalization;
using System.Text;

namespace CouncilPlan.Core.Statistics.Spc;

/// <summary>
/// Writes the points of an <see cref="SpcResult"/> as CSV with the same columns as <see cref="SpcJson"/>: a header row,
/// ISO dates (or, when <c>periodLabel</c> is given, each period's label, such as "2023-24 Q2"), numbers in the
/// invariant culture (shortest round-trip form), an empty field where a limit is null, and LF line endings.
/// </summary>
public static class SpcCsv
{
    public const string Header = "period,value,rebase_group,mean,lpl,upl,nlpl,nupl,special_cause_type,point_type";

    public static void Write(SpcResult result, TextWriter writer, Func<DateOnly, string>? periodLabel = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(writer);

        writer.Write(Header);
        writer.Write('\n');
        foreach (var p in result.Points)
        {
            string[] fields =
            [
                periodLabel is null ? p.Period.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : Text(periodLabel(p.Period)),
                Number(p.Value),
                p.RebaseGroup.ToString(CultureInfo.InvariantCulture),
                Number(p.Mean),
                Number(p.Lpl),
                Number(p.Upl),
                Number(p.Nlpl),
                Number(p.Nupl),
                Text(p.SpecialCauseType),
                Text(p.PointType),
            ];
            writer.Write(string.Join(',', fields));
            writer.Write('\n');
        }
    }

    public static string Serialize(SpcResult result, Func<DateOnly, string>? periodLabel = null)
    {
        var builder = new StringBuilder();
        using (var writer = new StringWriter(builder, CultureInfo.InvariantCulture))
        {
            Write(result, writer, periodLabel);
        }

        return builder.ToString();
    }

    private static string Number(double? value) =>
        value is { } v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty;

    private static string Text(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
