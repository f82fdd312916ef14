using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Statistics;

namespace CouncilPlan.Core.Tests.Measures;

/// <summary>
/// Each rule that keeps a judgement honest, tested with figures that fooled the old rules: overlapping
/// periods, changes within noise, stale series, series breaks and gaps, measures with no better
/// direction, and false precision.
/// </summary>
public sealed class JudgementRulesTests
{
    private const string Council = "E08000007";
    private static readonly Dictionary<int, string> Keys = new() { [1] = "" };
    private static readonly AssessmentAreas Areas = new(Council, new HashSet<string>(), new Dictionary<string, IReadOnlyList<string>>());

    private static Measure Measure(PeriodType periodType, Frequency frequency, MeasureUnit unit = MeasureUnit.Percentage, Polarity polarity = Polarity.HigherIsBetter) => new()
    {
        Code = "X-01",
        Title = "A measure",
        Definition = "For the test.",
        Unit = unit,
        Decimals = 1,
        Polarity = polarity,
        Frequency = frequency,
        PeriodType = periodType,
        Kind = MeasureKind.Context,
        PlanId = "plan",
    };

    private static Observation Figure(Period period, double value, double? numerator = null, double? denominator = null, double? lower = null, double? upper = null) => new()
    {
        Period = period.Label,
        PeriodStart = period.Start,
        PeriodEnd = period.End,
        AreaCode = Council,
        BreakdownId = 1,
        Value = value,
        Numerator = numerator,
        Denominator = denominator,
        LowerCi = lower,
        UpperCi = upper,
        Published = true,
    };

    private static Observation Annual(PeriodType type, int year, double value, double? numerator = null, double? denominator = null) =>
        Figure(Period.Of(type, type == PeriodType.CalendarYear ? new DateOnly(year, 1, 1) : type == PeriodType.AcademicYear ? new DateOnly(year, 9, 1) : new DateOnly(year, 4, 1)), value, numerator, denominator);

    private static MeasureAssessment Assess(Measure measure, IEnumerable<Observation> figures, DateOnly? asAt = null) =>
        MeasureAssessor.Assess(measure, figures, Keys, Areas, asAt ?? new DateOnly(2000, 1, 1));

    /// <summary>
    /// Rolling 12-month windows published every quarter, Jan-Dec 2010 to Jan-Dec 2025 (61 windows). The
    /// Jan-Dec windows alternate around 75 with no signal; the windows between them carry a steady climb
    /// that, read quarter by quarter, is a long run and a trend.
    /// </summary>
    private static List<Observation> OverlappingWindows()
    {
        var figures = new List<Observation>();
        for (var i = 0; i <= 60; i++)
        {
            var period = Period.Of(PeriodType.Rolling12Months, new DateOnly(2010, 1, 1).AddMonths(3 * i));
            var value = i % 4 == 0 ? 75 + ((i / 4 % 2 == 0) ? 0.4 : -0.4) : 60 + (0.5 * i);
            figures.Add(Figure(period, value));
        }

        return figures;
    }

    [Fact]
    public void RollingWindows_SpcUsesOnlyWindowsThatDoNotOverlap()
    {
        var measure = Measure(PeriodType.Rolling12Months, Frequency.Quarterly);

        var assessment = Assess(measure, OverlappingWindows());

        // Only the 16 Jan-Dec windows are charted, and they show common-cause variation only.
        var charted = assessment.Series.Where(p => p.Spc is not null).Select(p => p.Figure.Period).ToList();
        Assert.Equal(16, charted.Count);
        Assert.All(charted, label => Assert.StartsWith("Jan-Dec", label, StringComparison.Ordinal));
        Assert.Equal("common_cause", assessment.Spc!.VariationIcon);
        Assert.Contains("overlap", assessment.SpcBasis, StringComparison.Ordinal);
    }

    [Fact]
    public void RollingWindows_TheQuarterBeforeIsNotComparedButTheYearBeforeIs()
    {
        var measure = Measure(PeriodType.Rolling12Months, Frequency.Quarterly);

        var assessment = Assess(measure, OverlappingWindows());

        var previous = assessment.Direction.SincePreviousPeriod;
        Assert.Equal(Direction.NotComparable, previous.Direction);
        Assert.Contains("share 9 of their 12 months", previous.Reason, StringComparison.Ordinal);
        Assert.NotEqual(Direction.NotComparable, assessment.Direction.SinceSamePeriodLastYear.Direction);
    }

    [Fact]
    public void RollingWindows_FewNonOverlappingPoints_SpcIsNotAppliedAndSaysWhy()
    {
        var measure = Measure(PeriodType.Rolling12Months, Frequency.Quarterly);

        // Thirteen quarterly windows: enough for the old rules, but only four that do not overlap.
        var assessment = Assess(measure, OverlappingWindows().Skip(48));

        Assert.Null(assessment.Spc);
        Assert.Contains("this series has 4", assessment.SpcNotApplied, StringComparison.Ordinal);
        Assert.Contains("overlap", assessment.SpcNotApplied, StringComparison.Ordinal);
        Assert.All(assessment.Series, p => Assert.Null(p.Spc));
    }

    [Fact]
    public void SmallChangeWithoutAnInterval_IsNotTestedAndSaidNeutrally()
    {
        // School readiness 68.7% then 68.0%: the old rule said "getting worse" with a red arrow.
        var measure = Measure(PeriodType.AcademicYear, Frequency.Annual);

        var assessment = Assess(measure, [Annual(PeriodType.AcademicYear, 2023, 68.7), Annual(PeriodType.AcademicYear, 2024, 68.0)]);

        var year = assessment.Direction.SinceSamePeriodLastYear;
        Assert.Equal(Direction.NotTested, year.Direction);
        Assert.Null(assessment.Direction.Method);
        var words = MeasureWords.Direction(measure, year, "on a year earlier");
        Assert.StartsWith("Down 0.7 percentage points on a year earlier; not tested", words, StringComparison.Ordinal);
        Assert.DoesNotContain("worse", words, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("", MeasureWords.DirectionSymbol(year.Direction));
    }

    [Fact]
    public void SmallChangeWithNumerators_IsNoSignificantChange()
    {
        var measure = Measure(PeriodType.AcademicYear, Frequency.Annual);

        var assessment = Assess(measure, [Annual(PeriodType.AcademicYear, 2023, 68.7, 2267, 3300), Annual(PeriodType.AcademicYear, 2024, 68.0, 2244, 3300)]);

        Assert.Equal(Direction.NoSignificantChange, assessment.Direction.SinceSamePeriodLastYear.Direction);
        Assert.Equal(ChangeTest.ProportionsMethod, assessment.Direction.Method);
    }

    [Fact]
    public void PublishedConfidenceIntervals_AreUsedForTheChange()
    {
        var measure = Measure(PeriodType.Rolling12Months, Frequency.Annual);
        var y2022 = Period.Of(PeriodType.Rolling12Months, new DateOnly(2022, 1, 1));
        var y2023 = Period.Of(PeriodType.Rolling12Months, new DateOnly(2023, 1, 1));

        var within = Assess(measure, [Figure(y2022, 60.2, lower: 56.0, upper: 64.4), Figure(y2023, 63.0, lower: 58.9, upper: 67.1)]);
        var beyond = Assess(measure, [Figure(y2022, 60.2, lower: 58.0, upper: 62.4), Figure(y2023, 66.0, lower: 63.9, upper: 68.1)]);

        Assert.Equal(MeasureAssessor.PublishedIntervalMethod, within.Latest!.Interval!.Method);
        Assert.Equal(Direction.NoSignificantChange, within.Direction.SinceSamePeriodLastYear.Direction);
        Assert.Equal(Direction.Improving, beyond.Direction.SinceSamePeriodLastYear.Direction);
        Assert.Equal(ChangeTest.PublishedIntervalsMethod, beyond.Direction.Method);
    }

    [Fact]
    public void CountsOfEvents_AreTestedAgainstPoissonVariation()
    {
        var measure = Measure(PeriodType.FinancialYear, Frequency.Annual, MeasureUnit.Count, Polarity.LowerIsBetter);
        measure.CountOfEvents = true;

        var noise = Assess(measure, [Annual(PeriodType.FinancialYear, 2022, 40), Annual(PeriodType.FinancialYear, 2023, 48)]);
        var real = Assess(measure, [Annual(PeriodType.FinancialYear, 2022, 40), Annual(PeriodType.FinancialYear, 2023, 80)]);

        Assert.Equal(Direction.NoSignificantChange, noise.Direction.SinceSamePeriodLastYear.Direction);
        Assert.Equal(Direction.Worsening, real.Direction.SinceSamePeriodLastYear.Direction);
        Assert.Equal(ChangeTest.RatesMethod, real.Direction.Method);
    }

    [Fact]
    public void StaleSeries_IsOutOfDateAndItsSummaryMakesNoJudgement()
    {
        // Children in care with figures only to 2017-18, read in December 2026.
        var measure = Measure(PeriodType.FinancialYear, Frequency.Annual, MeasureUnit.Rate, Polarity.LowerIsBetter);
        measure.RatePer = 10_000;
        measure.ReleaseLagMonths = 9;
        var figures = Enumerable.Range(2010, 8).Select(y => Annual(PeriodType.FinancialYear, y, 60 + (3 * (y - 2010)))).ToList();

        var assessment = Assess(measure, figures, new DateOnly(2026, 12, 4));

        Assert.True(assessment.OutOfDate);
        Assert.Equal("2018-19", assessment.Currency!.NextPeriod);
        Assert.Equal(new DateOnly(2019, 12, 31), assessment.Currency.ExpectedBy);
        var summary = MeasureWords.Summary(measure, assessment, "England", "borough");
        Assert.Contains("Out of date: a figure for 2018-19 was due by 31 December 2019.", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Worsening", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("concern", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void CurrentSeries_IsNotOutOfDateUntilTheNextFigureIsDue()
    {
        var measure = Measure(PeriodType.FinancialYear, Frequency.Annual);
        measure.ReleaseLagMonths = 6;
        Observation[] figures = [Annual(PeriodType.FinancialYear, 2023, 50)];

        Assert.False(Assess(measure, figures, new DateOnly(2025, 9, 30)).OutOfDate);
        Assert.True(Assess(measure, figures, new DateOnly(2025, 10, 1)).OutOfDate);
    }

    [Fact]
    public void DiscontinuedSeries_SaysSoWhateverTheDate()
    {
        var measure = Measure(PeriodType.CalendarYear, Frequency.Annual);
        measure.Discontinued = "Replaced from 2019 by the low income, low energy efficiency measure.";

        var assessment = Assess(measure, [Annual(PeriodType.CalendarYear, 2018, 10.5)], new DateOnly(2019, 1, 1));

        Assert.True(assessment.OutOfDate);
        Assert.StartsWith("Discontinued: Replaced from 2019", MeasureWords.OutOfDate(assessment.Currency!), StringComparison.Ordinal);
    }

    [Fact]
    public void SeriesBreak_SpcRebasesAndDirectionDoesNotCompareAcrossIt()
    {
        // Ten years at about 50, then a new definition puts the same performance at about 70. Across the
        // break the old rules saw a sustained shift (special cause); after it there is only noise.
        var measure = Measure(PeriodType.FinancialYear, Frequency.Annual, MeasureUnit.Percentage);
        var figures = Enumerable.Range(2000, 10).Select(y => Annual(PeriodType.FinancialYear, y, 50 + (y % 2)))
            .Concat(Enumerable.Range(2010, 14).Select(y => Annual(PeriodType.FinancialYear, y, 70 + (y % 2), 700 + (y % 2 * 10), 1000)))
            .ToList();
        measure.Breaks.Add(new MeasureBreak { Period = "2010-11", PeriodStart = new DateOnly(2010, 4, 1), Reason = "A new definition." });

        var assessment = Assess(measure, figures);

        Assert.Equal("common_cause", assessment.Spc!.VariationIcon);
        Assert.Equal(14, assessment.Series.Count(p => p.Spc is not null));
        Assert.All(assessment.Series.Where(p => p.Figure.PeriodStart.Year < 2010), p => Assert.Null(p.Spc));

        var justAfter = Assess(measure, figures.Take(11));
        Assert.Equal(Direction.NotComparable, justAfter.Direction.SinceSamePeriodLastYear.Direction);
        Assert.Contains("new basis from 2010-11", justAfter.Direction.SinceSamePeriodLastYear.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void GapInTheSeries_StartsANewGroupForSpc()
    {
        var measure = Measure(PeriodType.FinancialYear, Frequency.Annual);
        var figures = Enumerable.Range(2000, 14).Where(y => y != 2005).Select(y => Annual(PeriodType.FinancialYear, y, 50 + (y % 3))).ToList();

        var assessment = Assess(measure, figures);

        Assert.Null(assessment.Spc);
        Assert.Contains("since the gap after 2004-05", assessment.SpcNotApplied, StringComparison.Ordinal);
    }

    [Fact]
    public void NoJudgementMeasure_WithSpcNotApplied_HasNoSpecialCauseClaim()
    {
        // A steadily growing population: the old rules called the latest point special cause.
        var measure = Measure(PeriodType.CalendarYear, Frequency.Annual, MeasureUnit.Count, Polarity.NoJudgement);
        measure.SpcNotApplied = "A growing population total is not a process to control.";
        var figures = Enumerable.Range(2005, 19).Select(y => Annual(PeriodType.CalendarYear, y, 280_000 + (1500 * (y - 2005)))).ToList();

        var assessment = Assess(measure, figures);

        Assert.Null(assessment.Spc);
        Assert.All(assessment.Series, p => Assert.Null(p.Spc));
        // The sentence's words without its full stop: the page or report ends the sentence.
        Assert.Equal("Statistical process control not applied: A growing population total is not a process to control", MeasureWords.Variation(assessment));
        Assert.Equal(Direction.NotTested, assessment.Direction.SinceSamePeriodLastYear.Direction);
        var summary = MeasureWords.Summary(measure, assessment, "England", "borough");
        Assert.Contains("Up 1,500 on a year earlier; not tested", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Improving", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void NoJudgementMeasure_WithSpc_GetsNeutralWordsOnly()
    {
        var measure = Measure(PeriodType.Month, Frequency.Monthly, MeasureUnit.Count, Polarity.NoJudgement);
        var figures = Enumerable.Range(0, 20).Select(i => Figure(Period.Of(PeriodType.Month, new DateOnly(2020, 1, 1).AddMonths(i)), i == 19 ? 200 : 100 + (i % 3))).ToList();

        var assessment = Assess(measure, figures);

        Assert.Equal("neutral_high", assessment.Spc!.VariationIcon);
        var words = MeasureWords.Variation(assessment);
        Assert.StartsWith("Higher than usual", words, StringComparison.Ordinal);
        Assert.DoesNotContain("improvement", words, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("concern", words, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(68.0, "68%")]
    [InlineData(68.7, "68.7%")]
    [InlineData(1234.5, "1,234.5%")]
    public void Values_AreShownToThePrecisionTheyWerePublishedWith(double value, string expected)
    {
        Assert.Equal(expected, MeasureWords.Value(Measure(PeriodType.CalendarYear, Frequency.Annual), value));
    }

    [Fact]
    public void RecentTrend_OfFivePercentagesWithNumerators_IsTestedAndJudgedByPolarity()
    {
        var rising = Enumerable.Range(2019, 5).Select(y => Annual(PeriodType.FinancialYear, y, (500 + (15 * (y - 2019))) / 10.0, 500 + (15 * (y - 2019)), 1000)).ToList();

        var higherIsBetter = Assess(Measure(PeriodType.FinancialYear, Frequency.Annual), rising);
        var lowerIsBetter = Assess(Measure(PeriodType.FinancialYear, Frequency.Annual, polarity: Polarity.LowerIsBetter), rising);

        // Year on year the 1.5 point step is within chance; over five years it is a trend.
        Assert.Equal(Direction.NoSignificantChange, higherIsBetter.Direction.SinceSamePeriodLastYear.Direction);
        Assert.Equal(Direction.Improving, higherIsBetter.RecentTrend!.Direction);
        Assert.Equal(Direction.Worsening, lowerIsBetter.RecentTrend!.Direction);
        Assert.Equal("2019-20", higherIsBetter.RecentTrend.From);
        Assert.StartsWith("Recent trend over the 5 figures 2019-20 to 2023-24: improving", MeasureWords.Trend(higherIsBetter.RecentTrend), StringComparison.Ordinal);
    }

    [Fact]
    public void RecentTrend_NeedsFiveComparableFiguresWithNumerators()
    {
        var measure = Measure(PeriodType.FinancialYear, Frequency.Annual);
        var four = Enumerable.Range(2020, 4).Select(y => Annual(PeriodType.FinancialYear, y, 50, 500, 1000)).ToList();
        var noNumerators = Enumerable.Range(2019, 5).Select(y => Annual(PeriodType.FinancialYear, y, 50 + y - 2019)).ToList();
        measure.Breaks.Add(new MeasureBreak { Period = "2021-22", PeriodStart = new DateOnly(2021, 4, 1), Reason = "New definition." });
        var acrossBreak = Enumerable.Range(2017, 6).Select(y => Annual(PeriodType.FinancialYear, y, 50, 500, 1000)).ToList();

        Assert.Null(Assess(Measure(PeriodType.FinancialYear, Frequency.Annual), four).RecentTrend);
        Assert.Null(Assess(Measure(PeriodType.FinancialYear, Frequency.Annual), noNumerators).RecentTrend);
        Assert.Null(Assess(measure, acrossBreak).RecentTrend);
    }

    [Fact]
    public void SeasonalSeries_IsComparedAndChartedOnlyAYearApart()
    {
        // A monthly count that is not seasonally adjusted, high every January: month on month it
        // swings, and SPC across consecutive months would flag the seasons as special causes.
        var measure = Measure(PeriodType.Month, Frequency.Monthly, MeasureUnit.Percentage, Polarity.LowerIsBetter);
        measure.Seasonal = true;
        var figures = Enumerable.Range(0, 14 * 12).Select(i =>
        {
            var period = Period.Of(PeriodType.Month, new DateOnly(2012, 1, 1).AddMonths(i));
            return Figure(period, (period.Start.Month == 1 ? 4.0 : 3.0) + (i / 12 % 3 * 0.05));
        }).ToList();

        var assessment = Assess(measure, figures);

        Assert.Equal(Direction.NotComparable, assessment.Direction.SincePreviousPeriod.Direction);
        Assert.Contains("not seasonally adjusted", assessment.Direction.SincePreviousPeriod.Reason, StringComparison.Ordinal);
        Assert.NotEqual(Direction.NotComparable, assessment.Direction.SinceSamePeriodLastYear.Direction);
        var charted = assessment.Series.Where(p => p.Spc is not null).ToList();
        Assert.Equal(14, charted.Count);
        Assert.All(charted, p => Assert.Equal(12, p.Figure.PeriodStart.Month));
        Assert.Contains("not seasonally adjusted", assessment.SpcBasis, StringComparison.Ordinal);
    }
}
