using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Statistics;

namespace CouncilPlan.Core.Tests.Measures;

/// <summary>The judgements wired together for one measure, from plain figures.</summary>
public sealed class MeasureAssessorTests
{
    private const string Council = "E08000007";
    private const string England = "E92000001";
    private static readonly string[] WardCodes = ["E05015014", "E05015015", "E05015016"];
    private static readonly Dictionary<int, string> Keys = new() { [1] = "", [2] = "sex:female", [3] = "sex:male" };
    private static readonly AssessmentAreas Areas = new(Council, WardCodes.ToHashSet(), new Dictionary<string, IReadOnlyList<string>> { ["nn"] = ["E08000001", "E08000002"] });

    private static Measure Percentage(MeasureKind kind = MeasureKind.Performance, Polarity polarity = Polarity.HigherIsBetter) => new()
    {
        Code = "X-01",
        Title = "Share of something",
        Definition = "A percentage.",
        Unit = MeasureUnit.Percentage,
        Decimals = 1,
        Polarity = polarity,
        Frequency = Frequency.Annual,
        PeriodType = PeriodType.FinancialYear,
        Kind = kind,
        PlanId = "plan",
        BenchmarkAreaCode = England,
    };

    private static Observation Figure(int year, double value, string area = Council, int breakdown = 1, double? numerator = null, double? denominator = null)
    {
        var period = Period.Of(PeriodType.FinancialYear, new DateOnly(year, 4, 1));
        return new Observation
        {
            Period = period.Label,
            PeriodStart = period.Start,
            PeriodEnd = period.End,
            AreaCode = area,
            BreakdownId = breakdown,
            Value = value,
            Numerator = numerator,
            Denominator = denominator,
            Published = true,
        };
    }

    /// <summary>As at a day before any figure is due again, so currency never enters these tests.</summary>
    private static MeasureAssessment Assess(Measure measure, IEnumerable<Observation> figures, IReadOnlyDictionary<int, string> keys, AssessmentAreas areas) =>
        MeasureAssessor.Assess(measure, figures, keys, areas, new DateOnly(2023, 1, 1));

    [Fact]
    public void Assess_WithNoFigures_IsAwaitingData()
    {
        var assessment = Assess(Percentage(), [], Keys, Areas);

        Assert.True(assessment.AwaitingData);
        Assert.Null(assessment.Latest);
        Assert.Equal(Rag.NotRated, assessment.Rag);
        Assert.Equal(Direction.NotComparable, assessment.Direction.SincePreviousPeriod.Direction);
    }

    [Fact]
    public void Assess_ThreeYearPeriods_NeverComparesOverlappingPeriodsAndUsesOnlySeparateOnesForSpc()
    {
        // Life expectancy is published for pooled three-year periods, one a year: 2019-21 shares two
        // of its three years with 2018-20 and with 2020-22 ...
        var measure = Percentage();
        measure.PeriodType = PeriodType.ThreeCalendarYears;
        measure.Unit = MeasureUnit.Score;
        var figures = Enumerable.Range(2010, 11).Select(first =>
        {
            var period = Period.Of(PeriodType.ThreeCalendarYears, new DateOnly(first, 1, 1));
            return new Observation { Period = period.Label, PeriodStart = period.Start, PeriodEnd = period.End, AreaCode = Council, BreakdownId = 1, Value = 80 + (first - 2010), Published = true };
        });

        var assessment = MeasureAssessor.Assess(measure, figures, Keys, Areas, new DateOnly(2023, 6, 1));

        Assert.Equal("2020-22", assessment.Latest!.Figure.Period);
        Assert.Equal(Direction.NotComparable, assessment.Direction.SincePreviousPeriod.Direction);
        Assert.Contains("share 24 of their 36 months", assessment.Direction.SincePreviousPeriod.Reason, StringComparison.Ordinal);
        Assert.Equal(Direction.NotComparable, assessment.Direction.SinceSamePeriodLastYear.Direction);
    }

    [Fact]
    public void Assess_PercentageWithNumerators_GivesWilsonIntervalsAndComparesWithEngland()
    {
        // 600 of 1000 is 60%; Wilson's 95% interval is 0.5996 ± 0.0303 (centre (p + z²/2n)/(1 + z²/n)), so 56.93 to
        // 62.99; England at 55% is below it.
        var assessment = Assess(Percentage(), [Figure(2022, 60, numerator: 600, denominator: 1000), Figure(2022, 55, England)], Keys, Areas);

        var latest = assessment.Latest!;
        Assert.Equal("Wilson", latest.Interval!.Method);
        Assert.Equal(56.931, latest.Interval.Lower!.Value, 3);
        Assert.Equal(62.993, latest.Interval.Upper!.Value, 3);
        Assert.Equal(55, latest.Benchmark);
        Assert.Equal(Comparison.Better, assessment.BenchmarkComparison);
    }

    [Fact]
    public void Assess_WithoutNumerators_HasNoIntervalSoIsNotCompared()
    {
        var assessment = Assess(Percentage(), [Figure(2022, 60), Figure(2022, 40, England)], Keys, Areas);

        Assert.Null(assessment.Latest!.Interval);
        Assert.Equal(Comparison.NotCompared, assessment.BenchmarkComparison);
    }

    [Fact]
    public void Assess_AgainstTargetWithTolerance_RatesTheLatestPeriod()
    {
        var measure = Percentage();
        measure.Targets.Add(new MeasureTarget { Period = "2023-24", PeriodStart = new DateOnly(2023, 4, 1), Value = 80, Tolerance = 2, ToleranceType = ToleranceType.Absolute });

        var amber = Assess(measure, [Figure(2022, 70), Figure(2023, 78.5)], Keys, Areas);
        var red = Assess(measure, [Figure(2022, 70), Figure(2023, 77.9)], Keys, Areas);

        Assert.Equal(Rag.Amber, amber.Rag);
        Assert.Equal(Rag.Red, red.Rag);
        Assert.Equal(80, amber.Target!.Value);
    }

    [Fact]
    public void Assess_ContextIndicator_IsNeverRated()
    {
        var measure = Percentage(MeasureKind.Context);
        measure.Targets.Add(new MeasureTarget { Period = "2023-24", PeriodStart = new DateOnly(2023, 4, 1), Value = 80 });

        Assert.Equal(Rag.NotRated, Assess(measure, [Figure(2023, 10)], Keys, Areas).Rag);
    }

    [Fact]
    public void Assess_DirectionOfTravel_ComparesWithThePreviousYearAndIsPolarityAware()
    {
        // 5,000 of 10,000 then 5,200 of 10,000: a 2 point rise, far outside chance at that size.
        Observation[] rising = [Figure(2021, 50, numerator: 5000, denominator: 10000), Figure(2022, 52, numerator: 5200, denominator: 10000)];
        var better = Assess(Percentage(), rising, Keys, Areas);
        var lowerIsBetter = Assess(Percentage(polarity: Polarity.LowerIsBetter), rising, Keys, Areas);
        var untested = Assess(Percentage(), [Figure(2021, 50), Figure(2022, 52)], Keys, Areas);
        var gap = Assess(Percentage(), [Figure(2020, 50), Figure(2022, 52)], Keys, Areas);

        Assert.Equal(Direction.Improving, better.Direction.SincePreviousPeriod.Direction);
        Assert.Equal(ChangeTest.ProportionsMethod, better.Direction.Method);
        Assert.Equal(Direction.Worsening, lowerIsBetter.Direction.SincePreviousPeriod.Direction);
        Assert.Equal(Direction.NotTested, untested.Direction.SincePreviousPeriod.Direction);
        Assert.Equal(Direction.NotComparable, gap.Direction.SincePreviousPeriod.Direction);
        Assert.Contains("no published figure for 2021-22", gap.Direction.SincePreviousPeriod.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_RedButWithinNormalVariation_IsToldApartFromARealDeterioration()
    {
        var measure = Percentage();
        measure.Targets.Add(new MeasureTarget { Period = "2032-33", PeriodStart = new DateOnly(2032, 4, 1), Value = 90 });
        var steady = Enumerable.Range(2020, 13).Select(y => Figure(y, 70 + (y % 3))).ToList();
        var falling = Enumerable.Range(2020, 12).Select(y => Figure(y, 70 + (y % 3))).Append(Figure(2032, 40)).ToList();

        var noise = Assess(measure, steady, Keys, Areas);
        var concern = Assess(measure, falling, Keys, Areas);

        Assert.Equal(Rag.Red, noise.Rag);
        Assert.Equal(NoiseAwareStatus.RedWithinNormalVariation, noise.NoiseAware.Status);
        Assert.Equal(NoiseAwareStatus.RedSpecialCauseConcern, concern.NoiseAware.Status);
        Assert.Equal("special_cause_concern", concern.Latest!.Spc!.PointType);
        Assert.Equal(13, concern.Series.Count);
    }

    [Fact]
    public void Assess_WardSignificantlyWorseThanTheBorough_IsFlaggedAsMasked()
    {
        var figures = new[]
        {
            Figure(2022, 60, numerator: 6000, denominator: 10000),
            Figure(2022, 61, WardCodes[0], numerator: 610, denominator: 1000),
            Figure(2022, 40, WardCodes[1], numerator: 400, denominator: 1000),
        };

        var assessment = Assess(Percentage(), figures, Keys, Areas);

        Assert.True(assessment.Masking.Masked);
        Assert.Equal([WardCodes[1]], assessment.Masking.WorseGroups);
        Assert.Equal(Comparison.Worse, assessment.Wards.Single(w => w.Code == WardCodes[1]).ComparedWithCouncil);
        Assert.Equal(Comparison.Similar, assessment.Wards.Single(w => w.Code == WardCodes[0]).ComparedWithCouncil);
    }

    [Fact]
    public void Assess_SharesOfTheOutcome_AreNeverComparedWithTheTotalNorMasked()
    {
        // 60% qualified to Level 2 or above; 20% have no qualifications. As a group's own figure the
        // 20% would be far worse than 60% (and the borough would "hide" it); as a share it means nothing of the kind.
        var keys = new Dictionary<int, string> { [1] = "", [4] = "highest-qualification:none" };
        var figures = new[]
        {
            Figure(2022, 60, numerator: 6000, denominator: 10000),
            Figure(2022, 20, breakdown: 4, numerator: 2000, denominator: 10000),
        };
        var asShares = Areas with { ShareDimensions = new HashSet<string>(StringComparer.Ordinal) { "highest-qualification" } };

        var asGroup = Assess(Percentage(), figures, keys, Areas);
        var asShare = Assess(Percentage(), figures, keys, asShares);

        Assert.True(asGroup.Masking.Masked);
        Assert.Equal(Comparison.Worse, asGroup.Groups.Single().ComparedWithCouncil);
        Assert.False(asShare.Masking.Masked);
        Assert.Empty(asShare.Masking.WorseGroups);
        var share = asShare.Groups.Single();
        Assert.True(share.IsShare);
        Assert.Equal(Comparison.NotCompared, share.ComparedWithCouncil);
        Assert.Equal(20, share.Figure.Value);
    }

    [Fact]
    public void Assess_Comparators_ExpandGroupsToTheirMembersForTheLatestPeriod()
    {
        var measure = Percentage();
        measure.Comparators.Add(new MeasureComparator { AreaCode = "nn", Position = 0 });
        var figures = new[] { Figure(2022, 60), Figure(2022, 50, "E08000001"), Figure(2022, 70, "E08000002"), Figure(2021, 10, "E08000002") };

        var assessment = Assess(measure, figures, Keys, Areas);

        Assert.Equal(["E08000001", "E08000002"], assessment.Comparators.Select(c => c.Code).Order(StringComparer.Ordinal));
        Assert.All(assessment.Comparators, c => Assert.Equal("2022-23", c.Figure.Period));
    }

    [Fact]
    public void Assess_DatedTargetAhead_ProjectsTheTrajectory()
    {
        var measure = Percentage(MeasureKind.Context, Polarity.LowerIsBetter);
        measure.Targets.Add(new MeasureTarget { Period = "2038-39", PeriodStart = new DateOnly(2038, 4, 1), Value = 0 });
        var falling = Enumerable.Range(2012, 12).Select(y => Figure(y, 1600 - (60 * (y - 2012)))).ToList();

        var assessment = Assess(measure, falling, Keys, Areas);

        Assert.NotNull(assessment.Trajectory);
        Assert.Equal(12, assessment.Trajectory.Points);
        Assert.Equal(-60, assessment.Trajectory.Slope!.Value, 1);
        Assert.Equal(TrajectoryStatus.OffCourse, assessment.Trajectory.Status);
    }

    [Fact]
    public void Assess_SmallCounts_AreWithheldBeforeAnythingIsJudged()
    {
        var measure = Percentage();
        measure.Unit = MeasureUnit.Count;
        measure.SuppressBelow = 5;
        var figures = new[] { Figure(2021, 12), Figure(2022, 3) };

        var assessment = Assess(measure, figures, Keys, Areas);

        var withheld = assessment.Figures.Single(f => f.PeriodStart.Year == 2022);
        Assert.True(withheld.Suppressed);
        Assert.Null(withheld.Value);
        Assert.Equal("2021-22", assessment.Latest!.Figure.Period);
    }

    [Fact]
    public void Assess_PercentageMadeOfASmallNumerator_IsWithheld()
    {
        var measure = Percentage();
        measure.SuppressBelow = 5;

        var assessment = Assess(measure, [Figure(2022, 30, numerator: 3, denominator: 10)], Keys, Areas);

        Assert.True(Assert.Single(assessment.Figures).Suppressed);
        Assert.True(assessment.AwaitingData);
    }

    [Fact]
    public void PublicFigures_WardByCategoryTable_WithholdsEnoughThatNothingCanBeWorkedOut()
    {
        var measure = Percentage();
        measure.Unit = MeasureUnit.Count;
        measure.SuppressBelow = 5;
        var figures = new List<Observation>
        {
            Figure(2022, 3, WardCodes[0], 2), Figure(2022, 20, WardCodes[0], 3), Figure(2022, 23, WardCodes[0]),
            Figure(2022, 30, WardCodes[1], 2), Figure(2022, 40, WardCodes[1], 3), Figure(2022, 70, WardCodes[1]),
            Figure(2022, 33, Council, 2), Figure(2022, 60, Council, 3), Figure(2022, 93, Council),
        };

        var shown = PublicFigures.Apply(measure, figures, Keys, Areas);

        // The small cell is withheld; its row total (23) would give it away by subtraction from the
        // other cell, so more is withheld: never exactly one unknown in a row or column whose total is shown.
        Assert.True(shown.Single(f => f.AreaCode == WardCodes[0] && f.Breakdown == "sex:female").Suppressed);
        var byWard = shown.Where(f => f.AreaCode != Council && !f.IsTotal).GroupBy(f => f.AreaCode);
        foreach (var ward in byWard)
        {
            var total = shown.Single(f => f.AreaCode == ward.Key && f.IsTotal);
            Assert.False(ward.Count(f => f.Suppressed) == 1 && !total.Suppressed, $"{ward.Key}: a single withheld cell could be worked out from the ward total");
        }

        foreach (var column in new[] { "sex:female", "sex:male" })
        {
            var cells = shown.Where(f => f.Breakdown == column && f.AreaCode != Council).ToList();
            var total = shown.Single(f => f.Breakdown == column && f.AreaCode == Council);
            Assert.False(cells.Count(f => f.Suppressed) == 1 && !total.Suppressed, $"{column}: a single withheld cell could be worked out from the column total");
        }
    }
}
