using System.Globalization;
using System.Text.RegularExpressions;

namespace CouncilPlan.Core.Measures;

/// <summary>How a measure's periods are counted. UK councils report on financial years (April to
/// March); schools on academic years (September to August); surveys often on rolling 12 months.</summary>
public enum PeriodType
{
    FinancialQuarter,
    FinancialYear,
    AcademicYear,
    CalendarYear,
    Rolling12Months,
    Month,

    /// <summary>Three calendar years pooled into one figure ("2015-17"), as OHID and ONS publish life
    /// expectancy. Consecutive figures share two of their three years, so they are never compared with
    /// each other: only periods that do not overlap are (see MeasureAssessment).</summary>
    ThreeCalendarYears,
}

/// <summary>A reporting period with its first and last day and its canonical label ("2023-24 Q2").</summary>
public readonly partial record struct Period(PeriodType Type, DateOnly Start, DateOnly End)
{
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    private static readonly string[] MonthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>The canonical text form, which exports write and the API returns.</summary>
    public string Label => Type switch
    {
        PeriodType.FinancialQuarter => $"{FinancialYearLabel(FinancialYearOf(Start))} Q{FinancialQuarterOf(Start)}",
        PeriodType.FinancialYear => FinancialYearLabel(Start.Year),
        PeriodType.AcademicYear => $"{Start.Year}/{(Start.Year + 1) % 100:00} academic",
        PeriodType.CalendarYear => Start.Year.ToString(CultureInfo.InvariantCulture),
        PeriodType.Rolling12Months when Start.Month == 1 => $"Jan-Dec {Start.Year}",
        PeriodType.Rolling12Months => $"{Abbreviation(Start)} {Start.Year}-{Abbreviation(End)} {End.Year}",
        PeriodType.ThreeCalendarYears => $"{Start.Year}-{End.Year % 100:00}",
        _ => Start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
    };

    /// <summary>The period as a resident reads it: "July to September 2023", "2023/24 school year".</summary>
    public string Description => Type switch
    {
        PeriodType.FinancialQuarter => $"{Label} ({Start.ToString("MMMM", EnGb)} to {End.ToString("MMMM yyyy", EnGb)})",
        PeriodType.FinancialYear => $"{Start.Year}/{(Start.Year + 1) % 100:00} (April {Start.Year} to March {Start.Year + 1})",
        PeriodType.AcademicYear => $"{Start.Year}/{(Start.Year + 1) % 100:00} school year",
        PeriodType.Rolling12Months => $"12 months {Start.ToString("MMMM yyyy", EnGb)} to {End.ToString("MMMM yyyy", EnGb)}",
        PeriodType.Month => Start.ToString("MMMM yyyy", EnGb),
        PeriodType.ThreeCalendarYears => $"{Start.Year} to {End.Year} (three calendar years pooled)",
        _ => Label,
    };

    /// <summary>The period before, of the same type (for direction of travel).</summary>
    public Period Previous => Type switch
    {
        PeriodType.FinancialQuarter => Of(Type, Start.AddMonths(-3)),
        PeriodType.Month => Of(Type, Start.AddMonths(-1)),
        PeriodType.Rolling12Months => Of(Type, Start.AddMonths(-3)),
        _ => Of(Type, Start.AddYears(-1)),
    };

    /// <summary>The same period a year earlier (for the long-term direction of travel).</summary>
    public Period YearEarlier => Of(Type, Start.AddYears(-1));

    public override string ToString() => Label;

    /// <summary>The period of this type that starts on (or contains) a day.</summary>
    public static Period Of(PeriodType type, DateOnly day)
    {
        switch (type)
        {
            case PeriodType.FinancialQuarter:
                var quarterStart = new DateOnly(day.Year, ((day.Month - 4 + 12) % 12 / 3 * 3 + 3) % 12 + 1, 1);
                if (quarterStart > day)
                {
                    quarterStart = quarterStart.AddYears(-1);
                }

                return new Period(type, quarterStart, quarterStart.AddMonths(3).AddDays(-1));
            case PeriodType.FinancialYear:
                var fy = day.Month >= 4 ? day.Year : day.Year - 1;
                return new Period(type, new DateOnly(fy, 4, 1), new DateOnly(fy + 1, 3, 31));
            case PeriodType.AcademicYear:
                var ay = day.Month >= 9 ? day.Year : day.Year - 1;
                return new Period(type, new DateOnly(ay, 9, 1), new DateOnly(ay + 1, 8, 31));
            case PeriodType.CalendarYear:
                return new Period(type, new DateOnly(day.Year, 1, 1), new DateOnly(day.Year, 12, 31));
            case PeriodType.Rolling12Months:
                var start = new DateOnly(day.Year, day.Month, 1);
                return new Period(type, start, start.AddMonths(12).AddDays(-1));
            case PeriodType.ThreeCalendarYears:
                return new Period(type, new DateOnly(day.Year, 1, 1), new DateOnly(day.Year + 2, 12, 31));
            default:
                var month = new DateOnly(day.Year, day.Month, 1);
                return new Period(type, month, month.AddMonths(1).AddDays(-1));
        }
    }

    /// <summary>Reads a period in the canonical form or one of the forms people commonly write.</summary>
    public static bool TryParse(PeriodType type, string? text, out Period period)
    {
        period = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim();

        // An ISO 8601 interval of a start date and a duration, as ONS writes periods in its open data
        // (Explore Local Statistics: "2023-01-01/P1Y"): the period of the measure's type that starts
        // on that day and lasts that long, and no other.
        var interval = IsoIntervalPattern().Match(t);
        if (interval.Success)
        {
            if (!DateOnly.TryParseExact(interval.Groups["start"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from))
            {
                return false;
            }

            var months = int.Parse(interval.Groups["n"].Value, CultureInfo.InvariantCulture) * (interval.Groups["unit"].Value == "Y" ? 12 : 1);
            var candidate = Of(type, from);
            if (months is < 1 or > 36 || candidate.Start != from || candidate.End != from.AddMonths(months).AddDays(-1))
            {
                return false;
            }

            period = candidate;
            return true;
        }

        switch (type)
        {
            case PeriodType.FinancialQuarter:
                var q = QuarterPattern().Match(t);
                if (q.Success && TryFinancialYear(q.Groups["y1"].Value, q.Groups["y2"].Value, out var qYear))
                {
                    var n = q.Groups["q"].Value[0] - '0';
                    var qs = new DateOnly(qYear, 4, 1).AddMonths((n - 1) * 3);
                    period = new Period(type, qs, qs.AddMonths(3).AddDays(-1));
                    return true;
                }

                return false;
            case PeriodType.FinancialYear:
            case PeriodType.AcademicYear:
                var y = YearPairPattern().Match(t);
                var academic = y.Success && y.Groups["academic"].Success;
                if (!y.Success || (academic && type != PeriodType.AcademicYear) || !TryFinancialYear(y.Groups["y1"].Value, y.Groups["y2"].Value, out var first))
                {
                    return false;
                }

                period = type == PeriodType.FinancialYear
                    ? new Period(type, new DateOnly(first, 4, 1), new DateOnly(first + 1, 3, 31))
                    : new Period(type, new DateOnly(first, 9, 1), new DateOnly(first + 1, 8, 31));
                return true;
            case PeriodType.CalendarYear:
                if (t.Length == 4 && int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year >= 1900)
                {
                    period = new Period(type, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
                    return true;
                }

                return false;
            case PeriodType.Rolling12Months:
                var r = RollingPattern().Match(t);
                if (!r.Success)
                {
                    return false;
                }

                var endYear = int.Parse(r.Groups["y2"].Value, CultureInfo.InvariantCulture);
                var startYear = r.Groups["y1"].Success ? int.Parse(r.Groups["y1"].Value, CultureInfo.InvariantCulture) : endYear;
                if (MonthNumber(r.Groups["m1"].Value) is not { } m1 || MonthNumber(r.Groups["m2"].Value) is not { } m2)
                {
                    return false;
                }

                var rs = new DateOnly(startYear, m1, 1);
                var re = new DateOnly(endYear, m2, 1).AddMonths(1).AddDays(-1);
                if (rs.AddMonths(12).AddDays(-1) != re)
                {
                    return false;
                }

                period = new Period(type, rs, re);
                return true;
            case PeriodType.ThreeCalendarYears:
                var three = ThreeYearPattern().Match(t);
                if (!three.Success)
                {
                    return false;
                }

                var firstYear = int.Parse(three.Groups["y1"].Value, CultureInfo.InvariantCulture);
                var lastText = three.Groups["y2"].Value;
                var lastYear = int.Parse(lastText, CultureInfo.InvariantCulture);
                if (firstYear < 1900 || (lastText.Length == 2 ? lastYear != (firstYear + 2) % 100 : lastYear != firstYear + 2))
                {
                    return false;
                }

                period = new Period(type, new DateOnly(firstYear, 1, 1), new DateOnly(firstYear + 2, 12, 31));
                return true;
            default:
                var iso = IsoMonthPattern().Match(t);
                if (iso.Success)
                {
                    var mm = int.Parse(iso.Groups["m"].Value, CultureInfo.InvariantCulture);
                    if (mm is < 1 or > 12)
                    {
                        return false;
                    }

                    period = Of(type, new DateOnly(int.Parse(iso.Groups["y"].Value, CultureInfo.InvariantCulture), mm, 1));
                    return true;
                }

                var named = NamedMonthPattern().Match(t);
                if (named.Success && MonthNumber(named.Groups["m"].Value) is { } month)
                {
                    period = Of(type, new DateOnly(int.Parse(named.Groups["y"].Value, CultureInfo.InvariantCulture), month, 1));
                    return true;
                }

                return false;
        }
    }

    /// <summary>
    /// The order <see cref="TryParseAny"/> and <see cref="CommonType"/> try the types in. Labels of the
    /// different types look alike in two cases only, resolved by coming first here:
    /// "2023-24" and "2023/24" read as a financial year and as an academic year (whose own label is
    /// "2023/24 academic"), and are a financial year, as the canonical labels say; and "YYYY-YY" where the
    /// second pair is the next year and 12 or below ("2011-12", "2003-04") reads as a financial year and as an
    /// ISO month, and is a financial year. A whole series should be read with <see cref="CommonType"/>,
    /// which takes the first type that reads every label, so a monthly series holding "2011-12" is months.
    /// </summary>
    private static readonly PeriodType[] AnyTypeOrder =
    [
        PeriodType.FinancialQuarter,
        PeriodType.FinancialYear,
        PeriodType.AcademicYear,
        PeriodType.CalendarYear,
        PeriodType.Rolling12Months,
        PeriodType.Month,
        PeriodType.ThreeCalendarYears,
    ];

    /// <summary>Reads a label of any period type (see <see cref="AnyTypeOrder"/> for which type wins when a
    /// label reads as two).</summary>
    public static bool TryParseAny(string? text, out Period period)
    {
        foreach (var type in AnyTypeOrder)
        {
            if (TryParse(type, text, out period))
            {
                return true;
            }
        }

        period = default;
        return false;
    }

    /// <summary>The first type, in the order of <see cref="AnyTypeOrder"/>, that reads every label; null when
    /// no one type reads them all (or there are none).</summary>
    public static PeriodType? CommonType(IReadOnlyCollection<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count == 0)
        {
            return null;
        }

        foreach (var type in AnyTypeOrder)
        {
            if (labels.All(label => TryParse(type, label, out _)))
            {
                return type;
            }
        }

        return null;
    }

    /// <summary>What a period of this type looks like, for error messages.</summary>
    public static string Example(PeriodType type) => type switch
    {
        PeriodType.FinancialQuarter => "'2023-24 Q2'",
        PeriodType.FinancialYear => "'2023-24'",
        PeriodType.AcademicYear => "'2023/24 academic'",
        PeriodType.CalendarYear => "'2023'",
        PeriodType.Rolling12Months => "'Apr 2023-Mar 2024' or 'Jan-Dec 2023'",
        PeriodType.ThreeCalendarYears => "'2021-23'",
        _ => "'2023-04'",
    };

    /// <summary>Three-letter month names, fixed: cultures disagree ("Sep" or "Sept").</summary>
    private static string Abbreviation(DateOnly day) => CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(day.Month);

    private static int FinancialYearOf(DateOnly day) => day.Month >= 4 ? day.Year : day.Year - 1;

    private static int FinancialQuarterOf(DateOnly day) => (day.Month - 4 + 12) % 12 / 3 + 1;

    private static string FinancialYearLabel(int first) => $"{first}-{(first + 1) % 100:00}";

    private static bool TryFinancialYear(string y1, string y2, out int first)
    {
        first = int.Parse(y1, CultureInfo.InvariantCulture);
        var second = int.Parse(y2, CultureInfo.InvariantCulture);
        return first >= 1900 && (y2.Length == 2 ? second == (first + 1) % 100 : second == first + 1);
    }

    private static int? MonthNumber(string name)
    {
        if (name.Length < 3)
        {
            return null;
        }

        var index = Array.IndexOf(MonthNames, name[..3].ToLowerInvariant());
        var full = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[Math.Max(index, 0)];
        return index >= 0 && (name.Length == 3 || string.Equals(name, full, StringComparison.OrdinalIgnoreCase) || (name.Length == 4 && name.Equals("sept", StringComparison.OrdinalIgnoreCase)))
            ? index + 1
            : null;
    }

    [GeneratedRegex(@"^(?<y1>\d{4})[-/](?<y2>\d{2}|\d{4})[ -]?Q(?<q>[1-4])$", RegexOptions.IgnoreCase)]
    private static partial Regex QuarterPattern();

    [GeneratedRegex(@"^(?<y1>\d{4})[-/](?<y2>\d{2}|\d{4})(?<academic> academic)?$", RegexOptions.IgnoreCase)]
    private static partial Regex YearPairPattern();

    [GeneratedRegex(@"^(?<m1>[A-Za-z]{3,9})(?: (?<y1>\d{4}))?\s*-\s*(?<m2>[A-Za-z]{3,9}) (?<y2>\d{4})$")]
    private static partial Regex RollingPattern();

    [GeneratedRegex(@"^(?<y1>\d{4})\s*[-/]\s*(?<y2>\d{2}|\d{4})$")]
    private static partial Regex ThreeYearPattern();

    [GeneratedRegex(@"^(?<start>\d{4}-\d{2}-\d{2})/P(?<n>\d{1,2})(?<unit>[YM])$")]
    private static partial Regex IsoIntervalPattern();

    [GeneratedRegex(@"^(?<y>\d{4})-(?<m>\d{2})$")]
    private static partial Regex IsoMonthPattern();

    [GeneratedRegex(@"^(?<m>[A-Za-z]{3,9}) (?<y>\d{4})$")]
    private static partial Regex NamedMonthPattern();
}
