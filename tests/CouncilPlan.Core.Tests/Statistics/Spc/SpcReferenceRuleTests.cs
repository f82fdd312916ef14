using CouncilPlan.Core.Statistics.Spc;

namespace CouncilPlan.Core.Tests.Statistics.Spc;

/// <summary>
/// The rule helpers, transcribed from NHSRplotthedots 0.2.2's own tests (github.com/nhs-r-community/NHSRplotthedots,
/// tests/testthat). Each case cites its file and test_that name; R vectors are written as C# arrays.
/// </summary>
public sealed class SpcReferenceRuleTests
{
    // test-ptd_calculate_point_type.R, "ptd_seven_point_one_side_mean works as expected" (all five expectations).
    public static TheoryData<int[], int[]> SevenPointOneSideMeanCases => new()
    {
        { [], [] },
        { [1, 1, 1, 1, 1, 1], [0, 0, 0, 0, 0, 0] },
        { [1, 1, 1, 1, 1, 1, -1], [0, 0, 0, 0, 0, 0, 0] },
        { [1, 1, 1, 1, 1, 1, 1, 1, -1], [0, 0, 0, 0, 0, 0, 1, 1, 0] },
        { [-1, -1, -1, -1, -1, -1, -1, -1, 1], [0, 0, 0, 0, 0, 0, 1, 1, 0] },
    };

    [Theory]
    [MemberData(nameof(SevenPointOneSideMeanCases))]
    public void SevenPointOneSideMean_MatchesReference(int[] relativeToMean, int[] expected)
    {
        Assert.Equal(expected, SpcRules.SevenPointOneSideMean(relativeToMean));
    }

    // test-ptd_calculate_point_type.R, "ptd_part_of_seven_trend works as expected" (all six expectations).
    public static TheoryData<int[], int[]> PartOfSevenTrendCases => new()
    {
        { [], [] },
        { [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0] },
        { [0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 1, 1, 1, 1, 0] },
        { [0, 0, 0, 0, 0, 0, 0, 1, 0], [0, 1, 1, 1, 1, 1, 1, 1, 0] },
        { [0, 0, 0, 0, 0, 0, -1, 0], [1, 1, 1, 1, 1, 1, 1, 0] },
        { [0, 0, 0, 0, 0, 0, 0, -1, 0], [0, 1, 1, 1, 1, 1, 1, 1, 0] },
    };

    [Theory]
    [MemberData(nameof(PartOfSevenTrendCases))]
    public void PartOfSevenTrend_MatchesReference(int[] runEnds, int[] expected)
    {
        Assert.Equal(expected, SpcRules.PartOfSevenTrend(runEnds));
    }

    // test-ptd_calculate_point_type.R, "ptd_seven_point_trend works as expected" (all seven expectations; the second
    // is 1:6, the third c(1:3, 3:6): a tie breaks the trend).
    public static TheoryData<double[], int[]> SevenPointTrendCases => new()
    {
        { [], [] },
        { [1, 2, 3, 4, 5, 6], [0, 0, 0, 0, 0, 0] },
        { [1, 2, 3, 3, 4, 5, 6], [0, 0, 0, 0, 0, 0, 0] },
        { [1, 2, 3, 4, 5, 6, 7], [0, 0, 0, 0, 0, 0, 1] },
        { [2, 1, 2, 3, 4, 5, 6, 7, 3], [0, 0, 0, 0, 0, 0, 0, 1, 0] },
        { [7, 6, 5, 4, 3, 2, 1], [0, 0, 0, 0, 0, 0, -1] },
        { [2, 7, 6, 5, 4, 3, 2, 1, 3], [0, 0, 0, 0, 0, 0, 0, -1, 0] },
    };

    [Theory]
    [MemberData(nameof(SevenPointTrendCases))]
    public void SevenPointTrend_MatchesReference(double[] values, int[] expected)
    {
        Assert.Equal(expected, SpcRules.SevenPointTrend(values));
    }

    // test-ptd_calculate_point_type.R, "ptd_two_in_three works as expected". The reference's second case calls
    // ptd_two_in_three(numeric(3), numeric(1)) with a relative-to-mean vector of length 1; R pads it with NA and answers
    // zeros. This port takes one entry per point, so that case is written with three zeros.
    public static TheoryData<int[], int[], int[]> TwoInThreeCases => new()
    {
        { [], [], [] },
        { [0, 0, 0], [0, 0, 0], [0, 0, 0] },
        { [1, 0, 1], [1, 1, 1], [1, 1, 1] },
        { [0, 1, 1], [1, 1, 1], [1, 1, 1] },
        { [1, 1, 0], [1, 1, 1], [1, 1, 1] },
        { [0, 0, 1, 0, 1, 0, 0], [1, 1, 1, 1, 1, 1, 1], [0, 0, 1, 1, 1, 0, 0] },
        { [0, 0, 1, 1, 0, 0, 0], [1, 1, 1, 1, 1, 1, 1], [0, 1, 1, 1, 1, 0, 0] },
    };

    [Theory]
    [MemberData(nameof(TwoInThreeCases))]
    public void TwoInThree_MatchesReference(int[] close, int[] relativeToMean, int[] expected)
    {
        Assert.Equal(expected, SpcRules.TwoInThree(close, relativeToMean));
    }

    // test-ptd_calculate_point_type.R, "ptd_two_in_three works as expected when points are on opposite sides of the mean"
    // (the fix for issue #143): all five expectations are zeros.
    public static TheoryData<int[], int[]> TwoInThreeOppositeSidesCases => new()
    {
        { [1, 0, 1], [1, -1, 1] },
        { [0, 1, 1], [1, -1, 1] },
        { [1, 1, 0], [1, -1, 1] },
        { [0, 0, 1, 0, 1, 0, 0], [1, -1, 1, -1, 1, -1, 1] },
        { [0, 0, 1, 1, 0, 0, 0], [-1, 1, -1, 1, -1, 1, -1] },
    };

    [Theory]
    [MemberData(nameof(TwoInThreeOppositeSidesCases))]
    public void TwoInThree_WithPointsOnOppositeSidesOfMean_FlagsNothing(int[] close, int[] relativeToMean)
    {
        Assert.Equal(new int[close.Length], SpcRules.TwoInThree(close, relativeToMean));
    }

    // test-ptd_calculate_point_type.R, "ptd_part_of_two_in_three works as expected": ptd_two_in_three then
    // ptd_part_of_two_in_three(result, close). Cases a, c, d, e, f, h and i; b and g call it differently and follow.
    public static TheoryData<int[], int[], int[]> PartOfTwoInThreeCases => new()
    {
        { [], [], [] },
        { [1, 0, 1], [1, 1, 1], [1, 0, 1] },
        { [0, 1, 1], [1, 1, 1], [0, 1, 1] },
        { [1, 1, 0], [1, 1, 1], [1, 1, 0] },
        { [0, 0, 1, 0, 1, 0, 0], [1, 1, 1, 1, 1, 1, 1], [0, 0, 1, 0, 1, 0, 0] },
        { [1, 0, 0, 1], [1, 1, 1, 1], [0, 0, 0, 0] },
        { [1, 0, 0, 1, 1], [1, 1, 1, 1, 1], [0, 0, 0, 1, 1] },
    };

    [Theory]
    [MemberData(nameof(PartOfTwoInThreeCases))]
    public void PartOfTwoInThree_MatchesReference(int[] close, int[] relativeToMean, int[] expected)
    {
        var twoInThree = SpcRules.TwoInThree(close, relativeToMean);
        Assert.Equal(expected, SpcRules.PartOfTwoInThree(twoInThree, close));
    }

    [Fact]
    public void PartOfTwoInThree_AsCalledInReferenceCasesBAndG_MatchesReference()
    {
        // test-ptd_calculate_point_type.R, "ptd_part_of_two_in_three works as expected", cases b and g:
        // ptd_part_of_two_in_three(bv, bt) with bv = numeric(3), and ptd_part_of_two_in_three(gv, gv).
        Assert.Equal([0, 0, 0], SpcRules.PartOfTwoInThree([0, 0, 0], SpcRules.TwoInThree([0, 0, 0], [0, 0, 0])));
        int[] g = [0, 0, 1, 1, 0, 0, 0];
        Assert.Equal(g, SpcRules.PartOfTwoInThree(g, g));
    }

    [Fact]
    public void Label_AppliesRulesInReferenceOrder()
    {
        // test-ptd_calculate_point_type.R, "ptd_special_cause_type works as expected". The reference mocks the rule
        // helpers; here their mocked results are passed straight to the labelling step: part of a trend c(1, -1, 0, …),
        // part of a shift c(0, 0, 1, -1, 0, …), part of two-in-three c(0, 0, 0, 0, 1, 0, 0, 0), outside limits
        // c(0, 0, 0, 0, 0, 1, -1, 0), y = 1:8, relative to mean c(1, 1, 1, 1, -1, -1, -1, -1).
        var labels = SpcRules.Label(
            [1, 2, 3, 4, 5, 6, 7, 8],
            [1, 1, 1, 1, -1, -1, -1, -1],
            [1, -1, 0, 0, 0, 0, 0, 0],
            [0, 0, 0, 0, 1, 0, 0, 0],
            [0, 0, 1, -1, 0, 0, 0, 0],
            [false, false, false, false, false, true, true, false]);

        Assert.Equal(
            [
                "7 Point Trend (Increasing)",
                "7 Point Trend (Increasing)",
                "7 Points Above CL",
                "7 Points Above CL",
                "2 in 3 Below CL",
                "Below LCL",
                "Below LCL",
                "Common Cause",
            ],
            labels);
    }

    // test-ptd_calculate_assurance_type.R, "it returns correct values for assurance when improvement_direction is
    // increase" / "… is decrease" / "… is neutral": three facets with lpl c(1, 5, 1), upl c(3, 7, 5) and target 4.
    [Theory]
    [InlineData(ImprovementDirection.Increase, "consistent_fail", "consistent_pass", "inconsistent")]
    [InlineData(ImprovementDirection.Decrease, "consistent_pass", "consistent_fail", "inconsistent")]
    [InlineData(ImprovementDirection.Neutral, null, null, null)]
    public void Assurance_MatchesReference(ImprovementDirection direction, string? a, string? b, string? c)
    {
        Assert.Equal(a, SpcRules.Assurance(4, 1, 3, direction));
        Assert.Equal(b, SpcRules.Assurance(4, 5, 7, direction));
        Assert.Equal(c, SpcRules.Assurance(4, 1, 5, direction));
    }

    [Fact]
    public void Assurance_WithoutTarget_IsNull()
    {
        // test-ptd_calculate_assurance_type.R, "it returns a column of NA's if there is no target".
        Assert.Null(SpcRules.Assurance(null, 1, 3, ImprovementDirection.Increase));
    }

    [Fact]
    public void Analyse_AssuranceComesFromTheLatestGroup()
    {
        // test-ptd_calculate_assurance_type.R, "it returns correct values for assurance when rebase": three rows with
        // limits (1, 3), (5, 7), (1, 5), target 4, decrease; the last row decides. Here each row is a rebased group whose
        // limits are exactly those (two points x ± d: mean x, moving range 2d, limits x ± 2.66 × 2d), in the three orders
        // the reference uses; the expected answers are the reference's.
        (double Mean, double HalfWidth)[] rows = [(2, 1), (6, 1), (3, 2)];
        var cases = new (int[] Order, string Expected)[]
        {
            ([0, 1, 2], "inconsistent"),
            ([1, 2, 0], "consistent_pass"),
            ([2, 0, 1], "consistent_fail"),
        };

        foreach (var (order, expected) in cases)
        {
            var values = new List<double>();
            var rebase = new List<DateOnly>();
            foreach (var r in order)
            {
                var d = rows[r].HalfWidth / (2 * SpcConstants.LimitFactor);
                rebase.Add(SpcTestData.Month(values.Count));
                values.Add(rows[r].Mean - d);
                values.Add(rows[r].Mean + d);
            }

            var result = SpcTestData.Analyse(values, new SpcOptions(ImprovementDirection.Decrease, Target: 4, RebaseAt: rebase, ScreenOutliers: false));
            Assert.Equal(expected, result.Assurance);
        }
    }

    // R/geom_ptd_icon.R (ptd_get_icons): which icon each last point type gives.
    [Theory]
    [InlineData("common_cause", ImprovementDirection.Increase, "common_cause")]
    [InlineData("special_cause_improvement", ImprovementDirection.Increase, "improvement_high")]
    [InlineData("special_cause_improvement", ImprovementDirection.Decrease, "improvement_low")]
    [InlineData("special_cause_concern", ImprovementDirection.Increase, "concern_low")]
    [InlineData("special_cause_concern", ImprovementDirection.Decrease, "concern_high")]
    [InlineData("special_cause_neutral_high", ImprovementDirection.Neutral, "neutral_high")]
    [InlineData("special_cause_neutral_low", ImprovementDirection.Neutral, "neutral_low")]
    public void VariationIcon_FollowsPointTypeAndDirection(string pointType, ImprovementDirection direction, string expected)
    {
        Assert.Equal(expected, SpcRules.VariationIcon(pointType, direction));
    }

    // R/ptd_calculate_point_type.R (ptd_point_type): "Above"/"Increasing" is high, "Below"/"Decreasing" low.
    [Theory]
    [InlineData("Above UCL", ImprovementDirection.Increase, "special_cause_improvement")]
    [InlineData("Below LCL", ImprovementDirection.Increase, "special_cause_concern")]
    [InlineData("7 Point Trend (Increasing)", ImprovementDirection.Decrease, "special_cause_concern")]
    [InlineData("7 Point Trend (Decreasing)", ImprovementDirection.Decrease, "special_cause_improvement")]
    [InlineData("2 in 3 Above CL", ImprovementDirection.Neutral, "special_cause_neutral_high")]
    [InlineData("7 Points Below CL", ImprovementDirection.Neutral, "special_cause_neutral_low")]
    [InlineData("Common Cause", ImprovementDirection.Neutral, "common_cause")]
    [InlineData("Common Cause", ImprovementDirection.Increase, "common_cause")]
    public void PointType_JudgesSpecialCauseWithDirection(string specialCauseType, ImprovementDirection direction, string expected)
    {
        Assert.Equal(expected, SpcRules.PointType(specialCauseType, direction));
    }
}
