using CouncilPlan.Core.Statistics.Spc;
// Inside this namespace "Spc" names the namespace, so the analysis class needs another name.

namespace CouncilPlan.Core.Tests.Statistics.Spc;

/// <summary>Edge cases and a worked example, with expectations reasoned from the reference's code (R/ptd_spc_standard.R,
/// R/ptd_calculate_point_type.R) and stated in each test.</summary>
public sealed class SpcEdgeCaseTests
{
    private const string Common = SpcLabels.SpecialCause.CommonCause;

    [Fact]
    public void Analyse_RecyclingRateByMonth_MatchesHandCalculation()
    {
        // Household waste recycled (%), April 2023 to June 2024; higher is better.
        //   Sum = 48.2 + 47.5 + 49.1 + 50.3 + 49.8 + 48.6 + 47.9 + 46.8 + 45.2 + 44.9 + 46.3 + 47.0 + 48.8 + 49.5 + 50.1
        //       = 720.0, so the mean is 720.0 / 15 = 48.0.
        //   Moving ranges: 0.7, 1.6, 1.2, 0.5, 1.2, 0.7, 1.1, 1.6, 0.3, 1.4, 0.7, 1.8, 0.7, 0.6; sum 14.1, so
        //   MR-bar = 14.1 / 14 = 1.007143. Screening at 3.267 × 1.007143 = 3.2903 removes none of them.
        //   UPL = 48.0 + 2.66 × 1.007143 = 50.6790; LPL = 48.0 − 2.6790 = 45.3210.
        //   Near limits: 2 × (2.66 / 3) × 1.007143 = 1.7860, so 49.7860 and 46.2140.
        // Judgement: Dec 2023 (45.2) and Jan 2024 (44.9) are below the LPL. Jul 2023 … Jan 2024 (50.3, 49.8, 48.6, 47.9,
        // 46.8, 45.2, 44.9) fall six times running: a trend, which outranks the 2-in-3 that Jul and Aug (both above 49.786)
        // would otherwise be. Oct 2023 … Mar 2024 are six points below the mean: not yet a shift. The last point is
        // common cause; a target of 45 is below the LPL: consistently passed.
        var result = SpcTestData.Analyse(
            [48.2, 47.5, 49.1, 50.3, 49.8, 48.6, 47.9, 46.8, 45.2, 44.9, 46.3, 47.0, 48.8, 49.5, 50.1],
            new SpcOptions(ImprovementDirection.Increase, Target: 45));

        var p = result.Points[0];
        Assert.Equal(48.0, p.Mean!.Value, 9);
        Assert.Equal(50.6790, p.Upl!.Value, 4);
        Assert.Equal(45.3210, p.Lpl!.Value, 4);
        Assert.Equal(49.7860, p.Nupl!.Value, 4);
        Assert.Equal(46.2140, p.Nlpl!.Value, 4);
        Assert.Equal(1.007143, (p.Upl.Value - p.Mean.Value) / 2.66, 6);

        const string Down = SpcLabels.SpecialCause.TrendDecreasing;
        const string Low = SpcLabels.SpecialCause.BelowLcl;
        Assert.Equal(
            [Common, Common, Common, Down, Down, Down, Down, Down, Low, Low, Common, Common, Common, Common, Common],
            result.Types());
        Assert.All(result.Points.Skip(3).Take(7), q => Assert.Equal(SpcLabels.Point.Concern, q.PointType));
        Assert.Equal(SpcLabels.Variation.CommonCause, result.VariationIcon);
        Assert.Equal(SpcLabels.Assurance.ConsistentPass, result.Assurance);
        Assert.False(result.ShortGroupWarning);
    }

    [Fact]
    public void Analyse_WithConstantSeries_AndScreening_HasNoLimits()
    {
        // Every moving range is 0, and 0 < 3.267 × 0 is false, so screening removes them all: the average moving range
        // is the mean of nothing (NaN) and so are the limits. Every point is on the mean: common cause.
        var result = SpcTestData.Analyse(Enumerable.Repeat(5.0, 15), new SpcOptions(Target: 4));

        Assert.All(result.Points, p =>
        {
            Assert.Equal(5.0, p.Mean);
            Assert.Null(p.Lpl);
            Assert.Null(p.Upl);
            Assert.Null(p.Nlpl);
            Assert.Null(p.Nupl);
            Assert.Null(p.OutsideLimits);
            Assert.Equal(0, p.RelativeToMean);
            Assert.Equal(Common, p.SpecialCauseType);
        });
        Assert.Equal(SpcLabels.Variation.CommonCause, result.VariationIcon);

        // The reference compares the target with NA limits, which matches neither case: inconsistent.
        Assert.Equal(SpcLabels.Assurance.Inconsistent, result.Assurance);
    }

    [Fact]
    public void Analyse_WithConstantSeries_WithoutScreening_HasLimitsOnTheMean()
    {
        var result = SpcTestData.Analyse(Enumerable.Repeat(5.0, 15), new SpcOptions(ScreenOutliers: false));

        Assert.All(result.Points, p =>
        {
            Assert.Equal(5.0, p.Lpl);
            Assert.Equal(5.0, p.Upl);
            Assert.False(p.OutsideLimits);
            Assert.Equal(Common, p.SpecialCauseType);
        });
    }

    [Fact]
    public void Analyse_WithSinglePoint_HasMeanButNoLimits()
    {
        var result = SpcTestData.Analyse([42.0]);

        var p = Assert.Single(result.Points);
        Assert.Equal(42.0, p.Mean);
        Assert.Null(p.Lpl);
        Assert.Null(p.Upl);
        Assert.Equal(Common, p.SpecialCauseType);
        Assert.Equal(SpcLabels.Point.CommonCause, p.PointType);
        Assert.True(result.ShortGroupWarning);
        Assert.Equal(SpcLabels.Variation.CommonCause, result.VariationIcon);
        Assert.Null(result.Assurance);
    }

    [Fact]
    public void Analyse_WithNoPoints_Throws()
    {
        Assert.Throws<ArgumentException>(() => SpcAnalysis.Analyse([], SpcOptions.Default));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Analyse_WithValueThatIsNotFinite_Throws(double value)
    {
        Assert.Throws<ArgumentException>(() => SpcTestData.Analyse([1, value, 3]));
    }

    [Fact]
    public void Analyse_WithSevenPointsAboveMean_FlagsShift()
    {
        // Mean 10.03125; points 9 to 15 are all above it, none close to or beyond the limits (0.63 to 19.43), no trend.
        var result = SpcTestData.Analyse([6, 12, 7, 13, 6, 9, 14, 8, 11, 12, 11, 10.5, 12, 11, 12, 6]);

        string[] expected = [.. Enumerable.Repeat(Common, 8), .. Enumerable.Repeat(SpcLabels.SpecialCause.ShiftAbove, 7), Common];
        Assert.Equal(expected, result.Types());
        Assert.All(result.Points.Skip(8).Take(7), p => Assert.Equal(SpcLabels.Point.Improvement, p.PointType));
    }

    [Fact]
    public void Analyse_WithPointExactlyOnMeanInTheRun_DoesNotFlagShift()
    {
        // As above with 10.5 replaced by 10: the sum is 160 and the mean exactly 10, so that point is on the mean
        // (relative_to_mean 0), which is on neither side and breaks the run into 3 and 3.
        var result = SpcTestData.Analyse([6, 12, 7, 13, 6, 9, 14, 8, 11, 12, 11, 10, 12, 11, 12, 6]);

        Assert.Equal(10.0, result.Points[0].Mean);
        Assert.Equal(0, result.Points[11].RelativeToMean);
        Assert.All(result.Points, p => Assert.Equal(Common, p.SpecialCauseType));
    }

    [Fact]
    public void Analyse_WithSevenRisingPoints_FlagsTrend()
    {
        // 7, 8, …, 13 rise six times running; limits 2.99 to 17.81, so nothing else applies.
        var result = SpcTestData.Analyse([10, 14, 9, 13, 8, 12, 7, 8, 9, 10, 11, 12, 13, 9, 11]);

        string[] expected = [.. Enumerable.Repeat(Common, 6), .. Enumerable.Repeat(SpcLabels.SpecialCause.TrendIncreasing, 7), Common, Common];
        Assert.Equal(expected, result.Types());
    }

    [Fact]
    public void Analyse_WithTieInTheRise_DoesNotFlagTrend()
    {
        // 7, 8, 9, 9, 10, 11, 12: the repeated 9 is not a rising step, so there are never six rising steps in a row.
        var result = SpcTestData.Analyse([10, 14, 9, 13, 8, 12, 7, 8, 9, 9, 10, 11, 12, 9, 11]);

        Assert.All(result.Points, p => Assert.Equal(Common, p.SpecialCauseType));
    }

    [Fact]
    public void Analyse_WithPointsExactlyOnTheLimits_DoesNotFlagThemOutside()
    {
        // Limits fixed on ±25 alternating: mean 0, MR-bar 50, so UPL = 2.66 × 50 = 133 exactly and LPL = −133. The
        // reference's test is strict (y > upl | y < lpl): a point on a limit is inside, the next double beyond is out.
        var above = Math.BitIncrement(133.0);
        var below = Math.BitDecrement(-133.0);
        var result = SpcTestData.Analyse(
            [.. SpcTestData.Alternating25, 0, 133, 0, -133, 0, above, 0, below],
            new SpcOptions(FixAfterPoints: 12));

        Assert.Equal(133.0, result.Points[0].Upl);
        Assert.Equal(-133.0, result.Points[0].Lpl);
        Assert.Equal(
            [Common, Common, Common, Common, Common, SpcLabels.SpecialCause.AboveUcl, Common, SpcLabels.SpecialCause.BelowLcl],
            result.Types()[12..]);
        Assert.False(result.Points[13].OutsideLimits);
        Assert.True(result.Points[13].CloseToLimits);
    }

    [Fact]
    public void Analyse_WithTwoPointsExactlyOnTheNearLimit_DoesNotFlagTwoInThree()
    {
        // Same fixed limits; the near upper limit is 2 × (2.66 / 3) × 50 = 88.67. "Close" is strictly beyond it
        // (y > nupl), so two points on it are not close; two points just beyond it, with a third above the mean, are
        // two in three.
        var nupl = 0 + (SpcConstants.NearLimitFactor * 50);
        var justBeyond = Math.BitIncrement(nupl);

        var on = SpcTestData.Analyse([.. SpcTestData.Alternating25, nupl, nupl, 5], new SpcOptions(FixAfterPoints: 12));
        var beyond = SpcTestData.Analyse([.. SpcTestData.Alternating25, justBeyond, justBeyond, 5], new SpcOptions(FixAfterPoints: 12));

        Assert.Equal(nupl, on.Points[0].Nupl);
        Assert.Equal([Common, Common, Common], on.Types()[12..]);
        Assert.Equal([SpcLabels.SpecialCause.TwoInThreeAbove, SpcLabels.SpecialCause.TwoInThreeAbove, Common], beyond.Types()[12..]);
    }

    [Fact]
    public void Analyse_TwoInThree_CountsOnlyPointsBetweenNearLimitAndLimit()
    {
        // The reference's close_to_limits excludes points outside the limits, so 100 (close) and 140 (outside) are one
        // close point, not two: 140 is Above UCL and 100 is common cause.
        var result = SpcTestData.Analyse([.. SpcTestData.Alternating25, 100, 140, 5], new SpcOptions(FixAfterPoints: 12));

        Assert.Equal([Common, SpcLabels.SpecialCause.AboveUcl, Common], result.Types()[12..]);
    }

    [Fact]
    public void Analyse_PointInBothTwoInThreeAndShift_IsLabelledTwoInThree()
    {
        // Precedence (ptd_special_cause_type's case_when): outside, trend, two in three, shift. With limits fixed at ±133
        // (near limits ±88.67), seven points above the mean make a shift, and the two 100s are also two in three.
        var result = SpcTestData.Analyse([.. SpcTestData.Alternating25, 10, 100, 100, 10, 20, 10, 20], new SpcOptions(FixAfterPoints: 12));

        const string Shift = SpcLabels.SpecialCause.ShiftAbove;
        const string TwoInThree = SpcLabels.SpecialCause.TwoInThreeAbove;
        Assert.Equal([Shift, TwoInThree, TwoInThree, Shift, Shift, Shift, Shift], result.Types()[12..]);
    }

    [Fact]
    public void Analyse_WithTargetExactlyOnLimit_IsInconsistent()
    {
        // ptd_calculate_assurance_type compares strictly: a target on the UPL is neither above nor below the limits.
        double[] values = [.. SpcTestData.Alternating25, 0];
        var on = SpcTestData.Analyse(values, new SpcOptions(Target: 133, FixAfterPoints: 12));
        var above = SpcTestData.Analyse(values, new SpcOptions(Target: Math.BitIncrement(133.0), FixAfterPoints: 12));
        var aboveDecrease = SpcTestData.Analyse(values, new SpcOptions(ImprovementDirection.Decrease, Target: Math.BitIncrement(133.0), FixAfterPoints: 12));

        Assert.Equal(SpcLabels.Assurance.Inconsistent, on.Assurance);
        Assert.Equal(SpcLabels.Assurance.ConsistentFail, above.Assurance);
        Assert.Equal(SpcLabels.Assurance.ConsistentPass, aboveDecrease.Assurance);
    }

    [Fact]
    public void Analyse_WithRebase_ComputesLimitsPerGroupAndTrendsDoNotCrossIt()
    {
        // Unrebased, 7, 8, …, 13 is a trend (see Analyse_WithSevenRisingPoints_FlagsTrend). Rebased at the 11th point,
        // group 0 is the first ten points (mean 100 / 10 = 10) and group 1 the last five (56 / 5 = 11.2, MR-bar
        // (1 + 1 + 4 + 2) / 4 = 2, limits 11.2 ± 5.32); neither group holds seven rising points.
        double[] values = [10, 14, 9, 13, 8, 12, 7, 8, 9, 10, 11, 12, 13, 9, 11];
        var result = SpcTestData.Analyse(values, new SpcOptions(RebaseAt: [SpcTestData.Month(10)]));

        Assert.All(result.Points.Take(10), p => Assert.Equal(10.0, p.Mean!.Value, 12));
        Assert.All(result.Points.Skip(10), p =>
        {
            Assert.Equal(1, p.RebaseGroup);
            Assert.Equal(11.2, p.Mean!.Value, 12);
            Assert.Equal(5.88, p.Lpl!.Value, 12);
            Assert.Equal(16.52, p.Upl!.Value, 12);
        });
        Assert.All(result.Points, p => Assert.Equal(Common, p.SpecialCauseType));
        Assert.True(result.ShortGroupWarning);
    }

    [Fact]
    public void Analyse_WithRebaseOnFirstPeriodOrOutsideTheSeries_NumbersGroupsAsReference()
    {
        // rebase_group = cumsum(rebase): a rebase on the first point makes it group 1; a date not in the series is ignored.
        var result = SpcTestData.Analyse([1, 2, 3, 4], new SpcOptions(RebaseAt: [SpcTestData.Month(0), new DateOnly(1999, 1, 1), SpcTestData.Month(2)]));

        Assert.Equal([1, 1, 2, 2], result.Points.Select(p => p.RebaseGroup).ToArray());
    }

    [Fact]
    public void Analyse_WithFixAfter12Points_CarriesLimitsForwardAndJudgesLaterPointsAgainstThem()
    {
        // Fixed on the first 12 points (±25: limits ±133), a later 200 is above the UPL; unfixed, 200 would widen the
        // limits it is judged against.
        double[] values = [.. SpcTestData.Alternating25, 10, 200];
        var fixedResult = SpcTestData.Analyse(values, new SpcOptions(FixAfterPoints: 12));
        var unfixed = SpcTestData.Analyse(values);

        Assert.All(fixedResult.Points, p =>
        {
            Assert.Equal(0.0, p.Mean);
            Assert.Equal(133.0, p.Upl);
        });
        Assert.Equal(SpcLabels.SpecialCause.AboveUcl, fixedResult.Points[^1].SpecialCauseType);
        Assert.Equal(SpcLabels.Variation.ImprovementHigh, fixedResult.VariationIcon);
        Assert.NotEqual(0.0, unfixed.Points[0].Mean);
        Assert.NotEqual(133.0, unfixed.Points[0].Upl);
    }

    [Fact]
    public void Analyse_WithFixAfterMorePointsThanTheGroup_UsesTheWholeGroup()
    {
        double[] values = [.. SpcTestData.Alternating25, 10, 20];

        var fixedResult = SpcTestData.Analyse(values, new SpcOptions(FixAfterPoints: 50));
        var unfixed = SpcTestData.Analyse(values);

        Assert.Equal(unfixed.Points.Select(p => p.Upl), fixedResult.Points.Select(p => p.Upl));
    }

    [Fact]
    public void Analyse_WithScreeningOnOrOff_ChangesLimitsAndJudgement()
    {
        // Moving ranges of 10, 12, 11, 13, 12, 40, 12, 11, 13, 12, 11, 12, 13: 2, 1, 2, 1, 28, 28, 1, 2, 1, 1, 1, 1,
        // sum 69, MR-bar 69 / 12 = 5.75. Mean 182 / 13 = 14.
        // Screening: 3.267 × 5.75 = 18.785, so both 28s go: MR-bar 13 / 10 = 1.3, limits 14 ± 3.458 = 10.542 / 17.458,
        // and the first point (10) is below the LPL.
        // Without: limits 14 ± 2.66 × 5.75 = 14 ± 15.295 = −1.295 / 29.295, and 10 is common cause.
        double[] values = [10, 12, 11, 13, 12, 40, 12, 11, 13, 12, 11, 12, 13];

        var screened = SpcTestData.Analyse(values);
        var unscreened = SpcTestData.Analyse(values, new SpcOptions(ScreenOutliers: false));

        Assert.Equal(10.542, screened.Points[0].Lpl!.Value, 9);
        Assert.Equal(17.458, screened.Points[0].Upl!.Value, 9);
        Assert.Equal(-1.295, unscreened.Points[0].Lpl!.Value, 9);
        Assert.Equal(29.295, unscreened.Points[0].Upl!.Value, 9);
        Assert.Equal(SpcLabels.SpecialCause.BelowLcl, screened.Points[0].SpecialCauseType);
        Assert.Equal(Common, unscreened.Points[0].SpecialCauseType);
        Assert.Equal(SpcLabels.SpecialCause.AboveUcl, screened.Points[5].SpecialCauseType);
        Assert.Equal(SpcLabels.SpecialCause.AboveUcl, unscreened.Points[5].SpecialCauseType);
    }

    [Fact]
    public void Analyse_WithLimitsMissing_StillFlagsShiftsAndTrends()
    {
        // Fixed on 12 equal points, the screened MR-bar and so the limits are NaN (NA in the reference); comparisons with
        // them are never true, but the shift rule needs only the mean, so seven later points above it are a shift.
        double[] values = [.. Enumerable.Repeat(5.0, 12), 6, 6, 6, 6, 6, 6, 6];

        var result = SpcTestData.Analyse(values, new SpcOptions(FixAfterPoints: 12));

        Assert.All(result.Points, p => Assert.Null(p.Upl));
        Assert.Equal(Enumerable.Repeat(SpcLabels.SpecialCause.ShiftAbove, 7), result.Types()[12..]);
        Assert.Equal(SpcLabels.Variation.ImprovementHigh, result.VariationIcon);
    }

    [Fact]
    public void Analyse_TrendPointFollowedByAnotherTrend_TakesTheDirectionOfTheStepToItsRight()
    {
        // Reference behaviour (ptd_special_cause_type): a trend point whose right-hand neighbour is also in a trend is
        // labelled by the step to its right. 70 ends one rising trend and 15 starts another, so 70 is labelled by the
        // fall from 70 to 15: "Decreasing", though both trends rise. (Limits fixed at ±133 so no other rule applies.)
        var result = SpcTestData.Analyse(
            [.. SpcTestData.Alternating25, 10, 20, 30, 40, 50, 60, 70, 15, 25, 35, 45, 55, 65, 75],
            new SpcOptions(FixAfterPoints: 12));

        var types = result.Types();
        Assert.Equal(SpcLabels.SpecialCause.TrendDecreasing, types[18]);
        Assert.All(types[11..18], t => Assert.Equal(SpcLabels.SpecialCause.TrendIncreasing, t));
        Assert.All(types[19..], t => Assert.Equal(SpcLabels.SpecialCause.TrendIncreasing, t));
        Assert.Equal(SpcLabels.Point.Concern, result.Points[18].PointType);
    }

    [Fact]
    public void Analyse_TrendPointFollowedByTieIntoAnotherTrend_IsLabelledDecreasing()
    {
        // Reference behaviour: only a rising step reads "Increasing" (sdy == 1); a flat step between two rising trends
        // (35, 35) reads "Decreasing". This is the one place where the labels are not symmetric under y -> -y.
        var result = SpcTestData.Analyse(
            [.. SpcTestData.Alternating25, 5, 10, 15, 20, 25, 30, 35, 35, 40, 45, 50, 55, 60, 65],
            new SpcOptions(FixAfterPoints: 12));
        var mirrored = SpcTestData.Analyse(
            [.. SpcTestData.Alternating25.Select(v => -v), -5, -10, -15, -20, -25, -30, -35, -35, -40, -45, -50, -55, -60, -65],
            new SpcOptions(FixAfterPoints: 12));

        Assert.Equal(SpcLabels.SpecialCause.TrendDecreasing, result.Points[18].SpecialCauseType);
        Assert.Equal(SpcLabels.SpecialCause.TrendIncreasing, result.Points[19].SpecialCauseType);
        Assert.Equal(SpcLabels.SpecialCause.TrendDecreasing, mirrored.Points[18].SpecialCauseType);
        Assert.Equal(SpcLabels.SpecialCause.TrendDecreasing, mirrored.Points[19].SpecialCauseType);
    }

    [Fact]
    public void Analyse_WithNeutralDirection_ReportsNeutralHighAndLowAndNoAssurance()
    {
        var result = SpcTestData.Analyse([10, 12, 11, 13, 12, 40, 12, 11, 13, 12, 11, 12, 13], new SpcOptions(ImprovementDirection.Neutral, Target: 0));

        Assert.Equal(SpcLabels.Point.NeutralLow, result.Points[0].PointType);
        Assert.Equal(SpcLabels.Point.NeutralHigh, result.Points[5].PointType);
        Assert.Equal(SpcLabels.Point.NeutralLow, result.Points[^1].PointType);
        Assert.Equal(SpcLabels.Variation.NeutralLow, result.VariationIcon);
        Assert.Null(result.Assurance);
    }

    [Fact]
    public void Analyse_WithPointsOutOfOrder_SortsThemByPeriod()
    {
        var ordered = SpcTestData.Monthly(10, 14, 9, 13, 8, 12, 7, 8, 9, 10, 11, 12, 13, 9, 11);
        var shuffled = ordered.OrderBy(p => p.Value).ThenByDescending(p => p.Period).ToList();

        var a = SpcAnalysis.Analyse(ordered, SpcOptions.Default);
        var b = SpcAnalysis.Analyse(shuffled, SpcOptions.Default);

        Assert.Equal(a.Points, b.Points);
        Assert.Equal(SpcTestData.Month(0), b.Points[0].Period);
    }
}
