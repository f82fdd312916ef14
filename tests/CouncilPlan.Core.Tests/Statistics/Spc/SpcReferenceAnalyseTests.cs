using CouncilPlan.Core.Statistics.Spc;
// Inside this namespace "Spc" names the namespace, so the analysis class needs another name.

namespace CouncilPlan.Core.Tests.Statistics.Spc;

/// <summary>
/// Whole analyses transcribed from NHSRplotthedots 0.2.2's own tests (github.com/nhs-r-community/NHSRplotthedots,
/// tests/testthat and the snapshots in tests/testthat/_snaps). Each case cites its file and test_that name. Snapshot
/// numbers are compared to the digits the snapshot prints.
/// </summary>
public sealed class SpcReferenceAnalyseTests
{
    private static readonly double[] First20 = SpcTestData.Rnorm123[..20];

    /// <summary>Asserts a value to the decimals a snapshot prints it with.</summary>
    private static void AssertPrinted(double printed, double? actual, int decimals)
    {
        Assert.NotNull(actual);
        Assert.Equal(printed, actual.Value, decimals);
    }

    private static SpcResult Analyse(double[] values, SpcOptions? options = null) =>
        SpcAnalysis.Analyse(SpcTestData.ReferenceDaily(values), options ?? SpcOptions.Default);

    [Fact]
    public void TestData_MatchesTheValuesTheReferenceSnapshotPrints()
    {
        // tests/testthat/_snaps/ptd_spc_standard.md, "it returns expected values": $ y <dbl> -0.56047565, -0.23017749,
        // 1.55870831, 0.07050839, 0.1~ (set.seed(123); rnorm(20)).
        Assert.Equal(-0.56047565, SpcTestData.Rnorm123[0], 8);
        Assert.Equal(-0.23017749, SpcTestData.Rnorm123[1], 8);
        Assert.Equal(1.55870831, SpcTestData.Rnorm123[2], 8);
        Assert.Equal(0.07050839, SpcTestData.Rnorm123[3], 8);
    }

    [Fact]
    public void Analyse_ReferenceSeries_MatchesSnapshotR1()
    {
        // test-ptd_spc_standard.R, "it returns expected values", r1; snapshot _snaps/ptd_spc_standard.md:
        // mean_col 0.1416238, lpl -3.01138, upl 3.294627, outside_limits and close_to_limits FALSE for the seven points
        // printed in full, relative_to_mean -1, -1, 1, -1, -1, 1, 1, -1, -1, -1, 1, 1, 1, -1, -1, …, rebase_group 0.
        var result = Analyse(First20);

        Assert.Equal(20, result.Points.Count);
        Assert.All(result.Points, p =>
        {
            AssertPrinted(0.1416238, p.Mean, 7);
            AssertPrinted(-3.01138, p.Lpl, 5);
            AssertPrinted(3.294627, p.Upl, 6);
            Assert.Equal(0, p.RebaseGroup);
        });
        Assert.All(result.Points.Take(7), p =>
        {
            Assert.False(p.OutsideLimits);
            Assert.False(p.CloseToLimits);
        });
        Assert.Equal(
            [-1, -1, 1, -1, -1, 1, 1, -1, -1, -1, 1, 1, 1, -1, -1],
            result.Points.Take(15).Select(p => p.RelativeToMean).ToArray());
    }

    [Fact]
    public void Analyse_ReferenceSeriesWithOutlier_ScreensItFromTheMovingRange_MatchesSnapshotR2()
    {
        // test-ptd_spc_standard.R, "it returns expected values", r2: data$y[15] <- 10, screen_outliers TRUE; snapshot:
        // mean_col 0.6694159, lpl -2.383666, upl 3.722497, relative_to_mean -1, -1, 1, -1, -1, 1, -1, -1, -1, -1, 1, -1, -1, -1, ….
        var values = (double[])First20.Clone();
        values[14] = 10;

        var result = Analyse(values);

        var p = result.Points[0];
        AssertPrinted(0.6694159, p.Mean, 7);
        AssertPrinted(-2.383666, p.Lpl, 6);
        AssertPrinted(3.722497, p.Upl, 6);
        Assert.Equal(
            [-1, -1, 1, -1, -1, 1, -1, -1, -1, -1, 1, -1, -1, -1],
            result.Points.Take(14).Select(q => q.RelativeToMean).ToArray());
    }

    [Fact]
    public void Analyse_ReferenceSeriesWithOutlier_WithoutScreening_HasWiderLimits_MatchesSnapshotR3()
    {
        // test-ptd_spc_standard.R, "it returns expected values", r3: as r2 with screen_outliers FALSE; snapshot:
        // mean_col 0.6694159, lpl -4.596625, upl 5.935457. The test also expects every limit of r1, r2 and r3 to differ,
        // and r3's range to be wider than r2's.
        var values = (double[])First20.Clone();
        values[14] = 10;

        var r1 = Analyse(First20).Points[0];
        var r2 = Analyse(values).Points[0];
        var r3 = Analyse(values, new SpcOptions(ScreenOutliers: false)).Points[0];

        AssertPrinted(0.6694159, r3.Mean, 7);
        AssertPrinted(-4.596625, r3.Lpl, 6);
        AssertPrinted(5.935457, r3.Upl, 6);
        Assert.NotEqual(r1.Lpl, r2.Lpl);
        Assert.NotEqual(r1.Lpl, r3.Lpl);
        Assert.NotEqual(r2.Lpl, r3.Lpl);
        Assert.NotEqual(r1.Upl, r2.Upl);
        Assert.NotEqual(r1.Upl, r3.Upl);
        Assert.NotEqual(r2.Upl, r3.Upl);
        Assert.True(r3.Upl - r3.Lpl > r2.Upl - r2.Lpl);
    }

    [Fact]
    public void Analyse_WithRebaseAtEleventhPoint_StartsGroupOne()
    {
        // test-ptd_spc_standard.R, "it sets the rebase_group field": no rebase gives rep(0, 20); a rebase at the 11th
        // point gives c(rep(0, 10), rep(1, 10)).
        Assert.All(Analyse(First20).Points, p => Assert.Equal(0, p.RebaseGroup));

        var rebased = Analyse(First20, new SpcOptions(RebaseAt: [SpcTestData.ReferenceDay(10)]));

        Assert.Equal(
            [.. Enumerable.Repeat(0, 10), .. Enumerable.Repeat(1, 10)],
            rebased.Points.Select(p => p.RebaseGroup).ToArray());
    }

    [Fact]
    public void Analyse_WithFixAfter12Points_ChangesTheLimits()
    {
        // test-ptd_spc_standard.R, "setting fix_after_n_points changes the calculations": lpl and upl differ from the
        // unfixed ones. Beyond the reference: they are the limits of the first 12 points alone, carried to all 20.
        var unfixed = Analyse(First20).Points[0];
        var fixedPoints = Analyse(First20, new SpcOptions(FixAfterPoints: 12)).Points;
        var first12 = Analyse(First20[..12]).Points[0];

        Assert.NotEqual(unfixed.Lpl, fixedPoints[0].Lpl);
        Assert.NotEqual(unfixed.Upl, fixedPoints[0].Upl);
        Assert.All(fixedPoints, p =>
        {
            Assert.Equal(first12.Mean, p.Mean);
            Assert.Equal(first12.Lpl, p.Lpl);
            Assert.Equal(first12.Upl, p.Upl);
        });
    }

    [Fact]
    public void Analyse_WithTwoPointsNearLimitsOnOppositeSides_IsCommonCause()
    {
        // test-ptd_spc_standard.R, "it only reports special cause for 2of3 points close to limits when they are on the same
        // side of the mean": rep(c(1, -1), times = 8) with points 15 and 16 set to 5.5 and -5.5; the last two are
        // common_cause.
        var values = Enumerable.Range(0, 16).Select(i => i % 2 == 0 ? 1.0 : -1.0).ToArray();
        values[14] = 5.5;
        values[15] = -5.5;

        var result = Analyse(values);

        Assert.Equal(["common_cause", "common_cause"], result.PointTypes()[^2..]);
    }

    [Fact]
    public void Analyse_ReferenceSeries_SummaryMatchesSnapshot()
    {
        // test-ptd_spc.R, "it outputs expected content", s1 and s2; snapshot _snaps/ptd_spc.md: mean_col 0.142,
        // lpl -3.01, upl 3.29, n 20, common_cause 20, special_cause_improvement 0 (and concern 0). s2 rebases on
        // 2020-01-01, a date before the data, which changes nothing: rebase_group 0.
        foreach (var options in new[] { SpcOptions.Default, new SpcOptions(RebaseAt: [new DateOnly(2020, 1, 1)]) })
        {
            var result = Analyse(First20, options);

            AssertPrinted(0.142, result.Points[0].Mean, 3);
            AssertPrinted(-3.01, result.Points[0].Lpl, 2);
            AssertPrinted(3.29, result.Points[0].Upl, 2);
            Assert.Equal(20, result.Points.Count);
            Assert.All(result.Points, p => Assert.Equal("common_cause", p.PointType));
            Assert.All(result.Points, p => Assert.Equal(0, p.RebaseGroup));
            Assert.False(result.ShortGroupWarning);
        }
    }

    [Fact]
    public void Analyse_ReferenceSeriesInTwoFacets_SummaryMatchesSnapshot()
    {
        // test-ptd_spc.R, "it outputs expected content", s3: facet = rep(c(0, 1), each = 10), each facet analysed
        // separately; snapshot: facet 0 mean_col 0.0746, lpl -2.60, upl 2.75; facet 1 mean_col 0.209, lpl -3.28,
        // upl 3.70; n 10 and common_cause 10 in each. The test wraps the call in suppressWarnings: both facets are
        // shorter than the warning threshold.
        var facet0 = Analyse(First20[..10]);
        var facet1 = SpcAnalysis.Analyse(First20[10..].Select((v, i) => (SpcTestData.ReferenceDay(i + 10), v)), SpcOptions.Default);

        AssertPrinted(0.0746, facet0.Points[0].Mean, 4);
        AssertPrinted(-2.60, facet0.Points[0].Lpl, 2);
        AssertPrinted(2.75, facet0.Points[0].Upl, 2);
        AssertPrinted(0.209, facet1.Points[0].Mean, 3);
        AssertPrinted(-3.28, facet1.Points[0].Lpl, 2);
        AssertPrinted(3.70, facet1.Points[0].Upl, 2);
        foreach (var facet in new[] { facet0, facet1 })
        {
            Assert.Equal(10, facet.Points.Count);
            Assert.All(facet.Points, p => Assert.Equal("common_cause", p.PointType));
            Assert.True(facet.ShortGroupWarning);
        }
    }

    [Fact]
    public void Analyse_ReferenceSeriesAsRebasedGroups_HasEachGroupsOwnLimits()
    {
        // The same snapshot (test-ptd_spc.R, "it outputs expected content", s3) read as rebasing: the reference computes
        // limits per facet and per rebase group with the same grouped code (ptd_spc_standard.R), so rebasing the series
        // at its 11th point gives each half the limits the snapshot prints for the facets.
        var result = Analyse(First20, new SpcOptions(RebaseAt: [SpcTestData.ReferenceDay(10)]));

        AssertPrinted(0.0746, result.Points[0].Mean, 4);
        AssertPrinted(-2.60, result.Points[9].Lpl, 2);
        AssertPrinted(2.75, result.Points[9].Upl, 2);
        AssertPrinted(0.209, result.Points[10].Mean, 3);
        AssertPrinted(-3.28, result.Points[19].Lpl, 2);
        AssertPrinted(3.70, result.Points[19].Upl, 2);
    }

    // test-geom_ptd_icon.R, "ptd_get_icons transforms the data correctly": d$y = rnorm(24) with f = rep(0:1, each = 12);
    // then d$y[d$f == 1] <- rnorm(12, 5) (s5, s6) and then <- rnorm(12, -5) (s7, s8, s9).
    [Theory]
    [InlineData("s1", 0, null, ImprovementDirection.Increase, "common_cause", null)]
    [InlineData("s2", 0, 0.5, ImprovementDirection.Increase, "common_cause", "inconsistent")]
    [InlineData("s5", 5, -3.0, ImprovementDirection.Increase, "improvement_high", "consistent_pass")]
    [InlineData("s6", 5, -3.0, ImprovementDirection.Decrease, "concern_high", "consistent_fail")]
    [InlineData("s7", -5, 3.0, ImprovementDirection.Increase, "concern_low", "consistent_fail")]
    [InlineData("s8", -5, 3.0, ImprovementDirection.Decrease, "improvement_low", "consistent_pass")]
    [InlineData("s9", -5, 3.0, ImprovementDirection.Neutral, "neutral_low", null)]
    public void Analyse_IconsMatchReference(string reference, int secondHalfMean, double? target, ImprovementDirection direction, string variation, string? assurance)
    {
        _ = reference;
        double[] secondHalf = secondHalfMean switch
        {
            5 => SpcTestData.RnormMean5,
            -5 => SpcTestData.RnormMeanMinus5,
            _ => SpcTestData.Rnorm123[12..],
        };

        var result = Analyse([.. SpcTestData.Rnorm123[..12], .. secondHalf], new SpcOptions(direction, target));

        Assert.Equal(variation, result.VariationIcon);
        Assert.Equal(assurance, result.Assurance);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(0.5, "inconsistent")]
    public void Analyse_EachFacetOfIconData_IsCommonCause(double? target, string? assurance)
    {
        // test-geom_ptd_icon.R, "ptd_get_icons transforms the data correctly", s3 and s4: facet = "f", the two halves
        // of rnorm(24) analysed separately: both common_cause; with target 0.5 both inconsistent.
        var first = Analyse(SpcTestData.Rnorm123[..12], new SpcOptions(Target: target));
        var second = SpcAnalysis.Analyse(SpcTestData.Rnorm123[12..].Select((v, i) => (SpcTestData.ReferenceDay(i + 12), v)), new SpcOptions(Target: target));

        foreach (var facet in new[] { first, second })
        {
            Assert.Equal("common_cause", facet.VariationIcon);
            Assert.Equal(assurance, facet.Assurance);
        }
    }

    [Fact]
    public void Options_Defaults_MatchReference()
    {
        // test-ptd_spc_options.R, "improvement_direction defaults to increase" and "it returns correct data"
        // (screen_outliers TRUE, fix_after_n_points NULL, target NULL, rebase NULL); the warning threshold default is
        // getOption("ptd_spc.warning_threshold", 13) in R/ptd_add_short_group_warnings.R.
        var options = SpcOptions.Default;

        Assert.Equal(ImprovementDirection.Increase, options.Improvement);
        Assert.True(options.ScreenOutliers);
        Assert.Null(options.FixAfterPoints);
        Assert.Null(options.Target);
        Assert.Null(options.RebaseAt);
        Assert.Equal(13, options.ShortGroupThreshold);
    }

    [Fact]
    public void Analyse_WithFixAfterFewerThan12Points_Throws()
    {
        // test-ptd_spc_options.R, "fix_after_n_points must be a single numeric that is greater than or equal to 12.":
        // 11 is an error, 12 is accepted.
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Analyse(First20, new SpcOptions(FixAfterPoints: 11)));
        Assert.Contains("greater than or equal to 12", ex.Message, StringComparison.Ordinal);

        Assert.Equal(20, Analyse(First20, new SpcOptions(FixAfterPoints: 12)).Points.Count);
    }

    [Fact]
    public void Analyse_WithDuplicatePeriod_Throws()
    {
        // test-ptd_validate_spc_options.R, "date_field can only appear once per facet": two rows with the same date are
        // "duplicate rows found in 'a'".
        var day = new DateOnly(2024, 1, 1);

        var ex = Assert.Throws<ArgumentException>(() => SpcAnalysis.Analyse([(day, 1), (day, 2)], SpcOptions.Default));
        Assert.Contains("Duplicate rows", ex.Message, StringComparison.Ordinal);
    }

    // test-ptd_add_short_group_warnings.R: "it warns when a group is shorter than the warning_threshold" (11 points,
    // threshold 12: TRUE), "it does not warn when a group is equal to the warning_threshold" (12 points: FALSE), and
    // "it chooses warning_threshold from options if no value provided" (10 points with option 10: no warning, then 12: a
    // warning).
    [Theory]
    [InlineData(11, 12, true)]
    [InlineData(12, 12, false)]
    [InlineData(10, 10, false)]
    [InlineData(10, 12, true)]
    public void Analyse_ShortGroupWarning_MatchesReference(int points, int threshold, bool expected)
    {
        var result = Analyse(SpcTestData.Rnorm123[..points], new SpcOptions(ShortGroupThreshold: threshold));

        Assert.Equal(expected, result.ShortGroupWarning);
        Assert.All(result.Points, p => Assert.Equal(expected, p.ShortGroupWarning));
    }

    [Fact]
    public void Analyse_ShortRebaseGroup_WarnsOnlyForThatGroup()
    {
        // test-ptd_add_short_group_warnings.R, "it handles facets and rebase groups - warning on one facet": groups of
        // 35, 5, 20 and 20 points with threshold 12 warn for the 5 only. Facet "a" (35 + 5) as one rebased series.
        var values = Enumerable.Range(0, 40).Select(i => (double)(i % 5)).ToArray();

        var result = Analyse(values, new SpcOptions(RebaseAt: [SpcTestData.ReferenceDay(35)], ShortGroupThreshold: 12));

        Assert.True(result.ShortGroupWarning);
        Assert.Equal(
            [.. Enumerable.Repeat(false, 35), .. Enumerable.Repeat(true, 5)],
            result.Points.Select(p => p.ShortGroupWarning).ToArray());
    }

    [Fact]
    public void Analyse_RebaseGroupsOf20_DoNotWarn()
    {
        // test-ptd_add_short_group_warnings.R, "it handles facets and rebase groups - no warnings": groups of 20.
        var values = Enumerable.Range(0, 40).Select(i => (double)(i % 5)).ToArray();

        var result = Analyse(values, new SpcOptions(RebaseAt: [SpcTestData.ReferenceDay(20)], ShortGroupThreshold: 12));

        Assert.False(result.ShortGroupWarning);
    }

    [Fact]
    public void Analyse_RebaseDates_MarkTheirPoints()
    {
        // test-ptd_add_rebase_column.R, "it correctly sets rebase column when a date vector is passed": dates
        // 2020-01-02 … 2020-01-11 rebased on 2020-01-03 and 2020-01-08 give rebase c(0, 1, 0, 0, 0, 0, 1, 0, 0, 0), so
        // rebase_group (its running sum) is c(0, 1, 1, 1, 1, 1, 2, 2, 2, 2); without rebase, all 0 ("it adds a column of
        // zeros if no rebase is provided").
        var values = SpcTestData.Rnorm123[..10];

        var rebased = Analyse(values, new SpcOptions(RebaseAt: [new DateOnly(2020, 1, 3), new DateOnly(2020, 1, 8)]));
        var plain = Analyse(values);

        Assert.Equal([0, 1, 1, 1, 1, 1, 2, 2, 2, 2], rebased.Points.Select(p => p.RebaseGroup).ToArray());
        Assert.All(plain.Points, p => Assert.Equal(0, p.RebaseGroup));
    }
}
