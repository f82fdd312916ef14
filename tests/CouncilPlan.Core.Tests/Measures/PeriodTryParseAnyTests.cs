using CouncilPlan.Core.Measures;

namespace CouncilPlan.Core.Tests.Measures;

/// <summary>Period.TryParseAny and Period.CommonType: a label of any type, and the one type of a series.</summary>
public sealed class PeriodTryParseAnyTests
{
    [Theory]
    [InlineData("2023-24 Q2", PeriodType.FinancialQuarter, "2023-07-01", "2023-09-30")]
    [InlineData("2023-24", PeriodType.FinancialYear, "2023-04-01", "2024-03-31")]
    [InlineData("2023/24", PeriodType.FinancialYear, "2023-04-01", "2024-03-31")]
    [InlineData("2023/24 academic", PeriodType.AcademicYear, "2023-09-01", "2024-08-31")]
    [InlineData("2023", PeriodType.CalendarYear, "2023-01-01", "2023-12-31")]
    [InlineData("Oct 2021-Sep 2022", PeriodType.Rolling12Months, "2021-10-01", "2022-09-30")]
    [InlineData("Jan-Dec 2023", PeriodType.Rolling12Months, "2023-01-01", "2023-12-31")]
    [InlineData("2023-04", PeriodType.Month, "2023-04-01", "2023-04-30")]
    [InlineData("Apr 2023", PeriodType.Month, "2023-04-01", "2023-04-30")]
    [InlineData("2011-12", PeriodType.FinancialYear, "2011-04-01", "2012-03-31")]
    [InlineData("2015-17", PeriodType.ThreeCalendarYears, "2015-01-01", "2017-12-31")]
    [InlineData("2015 - 17", PeriodType.ThreeCalendarYears, "2015-01-01", "2017-12-31")]
    [InlineData("2023-25", PeriodType.ThreeCalendarYears, "2023-01-01", "2025-12-31")]
    public void TryParseAny_ReadsEachCanonicalLabelAsItsType(string text, PeriodType type, string start, string end)
    {
        Assert.True(Period.TryParseAny(text, out var period));

        Assert.Equal(type, period.Type);
        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), period.Start);
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), period.End);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2023-04-01")]
    [InlineData("2023-13")]
    [InlineData("2023-26")]
    [InlineData("2015-18")]
    [InlineData("Oct 2021-Oct 2022")]
    [InlineData("Q2 2023")]
    public void TryParseAny_RefusesWhatIsNoLabel(string text)
    {
        Assert.False(Period.TryParseAny(text, out _));
    }

    [Theory]
    [InlineData(PeriodType.Rolling12Months, "2023-01-01/P1Y", "Jan-Dec 2023")]
    [InlineData(PeriodType.Rolling12Months, "2022-04-01/P12M", "Apr 2022-Mar 2023")]
    [InlineData(PeriodType.CalendarYear, "2023-01-01/P1Y", "2023")]
    [InlineData(PeriodType.FinancialYear, "2022-04-01/P1Y", "2022-23")]
    [InlineData(PeriodType.AcademicYear, "2022-09-01/P1Y", "2022/23 academic")]
    [InlineData(PeriodType.FinancialQuarter, "2023-07-01/P3M", "2023-24 Q2")]
    [InlineData(PeriodType.Month, "2023-02-01/P1M", "2023-02")]
    [InlineData(PeriodType.ThreeCalendarYears, "2021-01-01/P3Y", "2021-23")]
    public void TryParse_AnIsoIntervalOfThePeriodsStartAndLength_IsThatPeriod(PeriodType type, string text, string label)
    {
        Assert.True(Period.TryParse(type, text, out var period));

        Assert.Equal(label, period.Label);
    }

    [Theory]
    [InlineData(PeriodType.CalendarYear, "2023-04-01/P1Y")]
    [InlineData(PeriodType.CalendarYear, "2023-01-01/P2Y")]
    [InlineData(PeriodType.FinancialYear, "2022-04-01/P6M")]
    [InlineData(PeriodType.Month, "2023-02-15/P1M")]
    [InlineData(PeriodType.Month, "2023-02-30/P1M")]
    [InlineData(PeriodType.Rolling12Months, "2023-01-01/P1D")]
    [InlineData(PeriodType.CalendarYear, "2023-01-01/P0Y")]
    public void TryParse_AnIsoIntervalThatIsNotOneWholePeriodOfTheType_IsRefused(PeriodType type, string text)
    {
        Assert.False(Period.TryParse(type, text, out _));
    }

    [Fact]
    public void TryParse_ForAnAcademicYear_StillReadsTheFinancialYearForm()
    {
        // TryParseAny's preference must not change what a measure of a known type accepts.
        Assert.True(Period.TryParse(PeriodType.AcademicYear, "2023-24", out var period));

        Assert.Equal(new DateOnly(2023, 9, 1), period.Start);
    }

    [Fact]
    public void CommonType_OfMonthsThatIncludeALabelLikeAFinancialYear_IsMonth()
    {
        Assert.Equal(PeriodType.Month, Period.CommonType(["2011-10", "2011-11", "2011-12", "2012-01"]));
    }

    [Fact]
    public void CommonType_OfFinancialYearsThatAlsoReadAsMonths_IsFinancialYear()
    {
        Assert.Equal(PeriodType.FinancialYear, Period.CommonType(["2010-11", "2011-12"]));
    }

    [Fact]
    public void CommonType_OfMixedTypes_IsNull()
    {
        Assert.Null(Period.CommonType(["2023-24 Q1", "2023-24"]));
        Assert.Null(Period.CommonType([]));
    }
}
