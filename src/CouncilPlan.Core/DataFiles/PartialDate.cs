using System.Globalization;
using System.Text.RegularExpressions;

namespace CouncilPlan.Core.DataFiles;

public enum DatePrecision
{
    Day,
    Month,
    Year,
}

/// <summary>
/// A date as precise as the plan is: "2023-04-01", "April 2023" or "2027". Stored as its first day
/// and its precision; <see cref="End"/> is the last day it can mean, which is what a deadline means.
/// </summary>
public readonly partial record struct PartialDate(DateOnly Start, DatePrecision Precision)
{
    public DateOnly End => Precision switch
    {
        DatePrecision.Year => new DateOnly(Start.Year, 12, 31),
        DatePrecision.Month => Start.AddMonths(1).AddDays(-1),
        _ => Start,
    };

    public static bool TryParse(string text, out PartialDate date)
    {
        date = default;
        var match = Pattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        var year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
        if (!match.Groups["m"].Success)
        {
            date = new PartialDate(new DateOnly(year, 1, 1), DatePrecision.Year);
            return true;
        }

        var month = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
        if (month is < 1 or > 12)
        {
            return false;
        }

        if (!match.Groups["d"].Success)
        {
            date = new PartialDate(new DateOnly(year, month, 1), DatePrecision.Month);
            return true;
        }

        var day = int.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture);
        if (day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new PartialDate(new DateOnly(year, month, day), DatePrecision.Day);
        return true;
    }

    /// <summary>The date in the words a resident reads: "1 April 2023", "April 2023", "2027".</summary>
    public string ToDisplay() => Display(Start, Precision);

    public static string Display(DateOnly start, DatePrecision precision) => precision switch
    {
        DatePrecision.Year => start.Year.ToString(CultureInfo.InvariantCulture),
        DatePrecision.Month => start.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("en-GB")),
        _ => start.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB")),
    };

    public override string ToString() => Precision switch
    {
        DatePrecision.Year => Start.ToString("yyyy", CultureInfo.InvariantCulture),
        DatePrecision.Month => Start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    [GeneratedRegex(@"^(?<y>\d{4})(-(?<m>\d{2})(-(?<d>\d{2}))?)?$")]
    private static partial Regex Pattern();
}
