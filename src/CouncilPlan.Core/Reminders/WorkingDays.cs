namespace CouncilPlan.Core.Reminders;

/// <summary>
/// Working days in England and Wales: Monday to Friday, less the bank holidays. The holidays are
/// computed by the rules of the Banking and Financial Dealings Act 1971 (Schedule 1) and the royal
/// proclamations that move or add one, as published at https://www.gov.uk/bank-holidays: rules
/// rather than a list, so that reminders keep working in years nobody typed in.
/// </summary>
public static class WorkingDays
{
    /// <summary>One-off changes by proclamation: a usual holiday moved (from, to) or a holiday added (null, to).</summary>
    private static readonly (DateOnly? Moved, DateOnly To)[] Proclaimed =
    [
        (new DateOnly(2002, 5, 27), new DateOnly(2002, 6, 4)),
        (null, new DateOnly(2002, 6, 3)),
        (null, new DateOnly(2011, 4, 29)),
        (new DateOnly(2012, 5, 28), new DateOnly(2012, 6, 4)),
        (null, new DateOnly(2012, 6, 5)),
        (new DateOnly(2020, 5, 4), new DateOnly(2020, 5, 8)),
        (new DateOnly(2022, 5, 30), new DateOnly(2022, 6, 2)),
        (null, new DateOnly(2022, 6, 3)),
        (null, new DateOnly(2022, 9, 19)),
        (null, new DateOnly(2023, 5, 8)),
    ];

    /// <summary>The bank holidays in England and Wales in a year, in date order.</summary>
    public static IReadOnlyList<DateOnly> BankHolidays(int year)
    {
        var easter = EasterSunday(year);
        var days = new List<DateOnly>
        {
            NextWeekday(new DateOnly(year, 1, 1)),
            easter.AddDays(-2),
            easter.AddDays(1),
            FirstMonday(year, 5),
            LastMonday(year, 5),
            LastMonday(year, 8),
        };

        // Christmas and Boxing Day falling at a weekend move to the next weekdays not already taken:
        // Christmas on a Saturday gives Monday 27 and Tuesday 28; on a Sunday, Boxing Day keeps
        // Monday 26 and Christmas moves to Tuesday 27.
        var christmas = NextWeekday(new DateOnly(year, 12, 25));
        var boxing = NextWeekday(new DateOnly(year, 12, 26));
        if (boxing <= christmas)
        {
            boxing = NextWeekday(christmas.AddDays(1));
        }

        days.Add(christmas);
        days.Add(boxing);

        foreach (var (moved, to) in Proclaimed.Where(p => p.To.Year == year))
        {
            if (moved is { } from)
            {
                days.Remove(from);
            }

            days.Add(to);
        }

        days.Sort();
        return days;
    }

    public static bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !BankHolidays(day.Year).Contains(day);

    /// <summary>The day <paramref name="count"/> working days before <paramref name="date"/>; the date itself for 0.</summary>
    public static DateOnly Before(DateOnly date, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var day = date;
        for (var left = count; left > 0;)
        {
            day = day.AddDays(-1);
            if (IsWorkingDay(day))
            {
                left--;
            }
        }

        return day;
    }

    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous algorithm, as in Meeus, Astronomical Algorithms, chapter 8).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    private static DateOnly NextWeekday(DateOnly day) => day.DayOfWeek switch
    {
        DayOfWeek.Saturday => day.AddDays(2),
        DayOfWeek.Sunday => day.AddDays(1),
        _ => day,
    };

    private static DateOnly FirstMonday(int year, int month)
    {
        var day = new DateOnly(year, month, 1);
        return day.AddDays(((int)DayOfWeek.Monday - (int)day.DayOfWeek + 7) % 7);
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var day = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return day.AddDays(-(((int)day.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7));
    }
}
