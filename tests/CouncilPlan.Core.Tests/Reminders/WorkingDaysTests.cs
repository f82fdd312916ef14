using CouncilPlan.Core.Reminders;

namespace CouncilPlan.Core.Tests.Reminders;

/// <summary>The bank holidays against the dates gov.uk publishes (https://www.gov.uk/bank-holidays), one-offs included.</summary>
public sealed class WorkingDaysTests
{
    public static TheoryData<int, string[]> Published => new()
    {
        // 2020: the early May bank holiday moved to Friday 8 May (VE Day).
        { 2020, ["2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28"] },
        // 2022: the spring bank holiday moved to 2 June, 3 June added (Platinum Jubilee), 19 September added (the Queen's funeral); Christmas on a Sunday.
        { 2022, ["2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27"] },
        // 2023: 8 May added (the coronation); New Year's Day on a Sunday.
        { 2023, ["2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-28", "2023-12-25", "2023-12-26"] },
        { 2024, ["2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26"] },
        { 2025, ["2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26"] },
        // 2026: Boxing Day on a Saturday.
        { 2026, ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"] },
        // 2027: Christmas on a Saturday.
        { 2027, ["2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"] },
    };

    [Theory]
    [MemberData(nameof(Published))]
    public void BankHolidays_AreTheOnesGovUkPublishes(int year, string[] published)
    {
        Assert.Equal(published.Select(d => DateOnly.Parse(d, System.Globalization.CultureInfo.InvariantCulture)), WorkingDays.BankHolidays(year));
    }

    [Theory]
    // Thursday 30 April 2026 less 5 working days: Thursday 23 April.
    [InlineData("2026-04-30", 5, "2026-04-23")]
    // Less 20, across Good Friday and Easter Monday: 31 March, not the 2 April that weekdays alone give.
    [InlineData("2026-04-30", 20, "2026-03-31")]
    // Across Christmas (Friday) and the Boxing Day substitute (Monday 28th).
    [InlineData("2026-12-30", 2, "2026-12-24")]
    [InlineData("2026-04-30", 0, "2026-04-30")]
    public void WorkingDaysBefore_SkipWeekendsAndBankHolidays(string date, int count, string expected)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        Assert.Equal(DateOnly.Parse(expected, invariant), WorkingDays.Before(DateOnly.Parse(date, invariant), count));
    }
}
