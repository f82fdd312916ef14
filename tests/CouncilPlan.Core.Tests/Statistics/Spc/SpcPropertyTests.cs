using CouncilPlan.Core.Statistics.Spc;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
// Inside this namespace "Spc" names the namespace, so the analysis class needs another name.

namespace CouncilPlan.Core.Tests.Statistics.Spc;

/// <summary>A generated series: small integers, either noise or a random walk (so shifts and trends occur).</summary>
public sealed record SeriesValues(int[] Values)
{
    public override string ToString() => "[" + string.Join(", ", Values) + "]";
}

/// <summary>A generated series in which no two consecutive values are equal.</summary>
public sealed record SeriesWithoutTies(int[] Values)
{
    public override string ToString() => "[" + string.Join(", ", Values) + "]";
}

public static class SpcArbitraries
{
    private static Gen<int> Length => Gen.Sized(size => Gen.Choose(1, Math.Max(1, Math.Min(size, 60))));

    private static Gen<int[]> Noise => Length.SelectMany(n => Gen.Choose(-50, 50).ArrayOf(n));

    private static Gen<int[]> Walk(Gen<int> step) =>
        Length.SelectMany(n => step.ArrayOf(n)).Select(steps =>
        {
            var values = new int[steps.Length];
            var level = 0;
            for (var i = 0; i < steps.Length; i++)
            {
                level += steps[i];
                values[i] = level;
            }

            return values;
        });

    public static Arbitrary<SeriesValues> Series() =>
        Gen.OneOf(Noise, Walk(Gen.Choose(-6, 6))).Select(v => new SeriesValues(v)).ToArbitrary();

    public static Arbitrary<SeriesWithoutTies> SeriesWithoutTies() =>
        Walk(Gen.Elements(-9, -5, -3, -2, -1, 1, 2, 3, 5, 9)).Select(v => new SeriesWithoutTies(v)).ToArbitrary();
}

/// <summary>FsCheck properties of the analysis.</summary>
public sealed class SpcPropertyTests
{
    private static SpcResult Analyse(IEnumerable<double> values, SpcOptions options) =>
        SpcAnalysis.Analyse(SpcTestData.Monthly([.. values]), options);

    private static string Mirror(string specialCauseType) => specialCauseType switch
    {
        SpcLabels.SpecialCause.AboveUcl => SpcLabels.SpecialCause.BelowLcl,
        SpcLabels.SpecialCause.BelowLcl => SpcLabels.SpecialCause.AboveUcl,
        SpcLabels.SpecialCause.TrendIncreasing => SpcLabels.SpecialCause.TrendDecreasing,
        SpcLabels.SpecialCause.TrendDecreasing => SpcLabels.SpecialCause.TrendIncreasing,
        SpcLabels.SpecialCause.TwoInThreeAbove => SpcLabels.SpecialCause.TwoInThreeBelow,
        SpcLabels.SpecialCause.TwoInThreeBelow => SpcLabels.SpecialCause.TwoInThreeAbove,
        SpcLabels.SpecialCause.ShiftAbove => SpcLabels.SpecialCause.ShiftBelow,
        SpcLabels.SpecialCause.ShiftBelow => SpcLabels.SpecialCause.ShiftAbove,
        _ => specialCauseType,
    };

    [Property(Arbitrary = [typeof(SpcArbitraries)])]
    public void Analyse_AnySeries_LimitsAreOrderedAroundTheMeanAndSharedByTheGroup(SeriesValues series, bool screen, NonNegativeInt rebaseAt)
    {
        var values = series.Values;
        var rebase = SpcTestData.Month(rebaseAt.Get % values.Length);

        var result = Analyse(values.Select(v => (double)v), new SpcOptions(RebaseAt: [rebase], ScreenOutliers: screen));

        Assert.Equal(values.Length, result.Points.Count);
        foreach (var p in result.Points)
        {
            Assert.NotNull(p.Mean);
            if (p.Lpl is null)
            {
                Assert.True(p.Upl is null && p.Nlpl is null && p.Nupl is null);
                continue;
            }

            Assert.True(p.Lpl <= p.Nlpl && p.Nlpl <= p.Mean && p.Mean <= p.Nupl && p.Nupl <= p.Upl, $"{p}");
        }

        foreach (var group in result.Points.GroupBy(p => p.RebaseGroup))
        {
            Assert.Single(group.Select(p => (p.Mean, p.Lpl, p.Upl)).Distinct());
        }
    }

    [Property(Arbitrary = [typeof(SpcArbitraries)])]
    public Property Analyse_SeriesShiftedByConstant_HasShiftedLimitsAndSameJudgement(SeriesValues series, int shiftSeed)
    {
        var values = series.Values.Select(v => (double)v).ToArray();
        var shift = shiftSeed % 1000;

        var original = Analyse(values, SpcOptions.Default);
        var shifted = Analyse(values.Select(v => v + shift), SpcOptions.Default);

        // A point within rounding of a mean or limit may land on either side once shifted; such cases prove nothing.
        var clearOfBoundaries = original.Points.All(p =>
            new[] { p.Mean, p.Lpl, p.Upl, p.Nlpl, p.Nupl }.All(b => b is null || p.Value == b || Math.Abs(p.Value - b.Value) > 1e-9));

        return Prop.When(clearOfBoundaries, () =>
        {
            for (var i = 0; i < values.Length; i++)
            {
                var a = original.Points[i];
                var b = shifted.Points[i];
                Assert.Equal(a.Mean!.Value + shift, b.Mean!.Value, 1e-9);
                Assert.Equal(a.Lpl is null, b.Lpl is null);
                if (a.Lpl is not null)
                {
                    Assert.Equal(a.Lpl.Value + shift, b.Lpl!.Value, 1e-9);
                    Assert.Equal(a.Upl!.Value + shift, b.Upl!.Value, 1e-9);
                }

                Assert.Equal(a.SpecialCauseType, b.SpecialCauseType);
                Assert.Equal(a.PointType, b.PointType);
            }

            Assert.Equal(original.VariationIcon, shifted.VariationIcon);
        });
    }

    [Property(Arbitrary = [typeof(SpcArbitraries)])]
    public void Analyse_NegatedSeriesWithOppositeDirection_MirrorsTheJudgement(SeriesWithoutTies series, int target)
    {
        // Negation is exact in floating point, so the mirrored limits are exactly the negated ones. Consecutive ties are
        // excluded because the reference labels a flat step between two trends "Decreasing" whichever way they go (see
        // SpcEdgeCaseTests.Analyse_TrendPointFollowedByTieIntoAnotherTrend_IsLabelledDecreasing).
        var values = series.Values.Select(v => (double)v).ToArray();
        var options = new SpcOptions(ImprovementDirection.Increase, Target: target % 100);
        var mirroredOptions = new SpcOptions(ImprovementDirection.Decrease, Target: -(target % 100));

        var original = Analyse(values, options);
        var mirrored = Analyse(values.Select(v => -v), mirroredOptions);
        var negatedSameDirection = Analyse(values.Select(v => -v), options);

        for (var i = 0; i < values.Length; i++)
        {
            var a = original.Points[i];
            var b = mirrored.Points[i];
            Assert.Equal(-a.Mean!.Value, b.Mean!.Value);
            Assert.Equal(-a.Upl, b.Lpl);
            Assert.Equal(-a.Lpl, b.Upl);
            Assert.Equal(Mirror(a.SpecialCauseType), b.SpecialCauseType);
            Assert.Equal(a.PointType, b.PointType);

            var swapped = a.PointType switch
            {
                SpcLabels.Point.Improvement => SpcLabels.Point.Concern,
                SpcLabels.Point.Concern => SpcLabels.Point.Improvement,
                _ => a.PointType,
            };
            Assert.Equal(swapped, negatedSameDirection.Points[i].PointType);
        }

        Assert.Equal(original.Assurance, mirrored.Assurance);
        var expectedIcon = original.VariationIcon switch
        {
            SpcLabels.Variation.ImprovementHigh => SpcLabels.Variation.ImprovementLow,
            SpcLabels.Variation.ConcernLow => SpcLabels.Variation.ConcernHigh,
            var other => other,
        };
        Assert.Equal(expectedIcon, mirrored.VariationIcon);
    }

    [Property(Arbitrary = [typeof(SpcArbitraries)])]
    public void Analyse_AnySeries_FlagIsSetExactlyForSpecialCauses(SeriesValues series)
    {
        var result = Analyse(series.Values.Select(v => (double)v), new SpcOptions(ImprovementDirection.Neutral));

        Assert.All(result.Points, p =>
        {
            Assert.Equal(p.SpecialCauseType != SpcLabels.SpecialCause.CommonCause, p.SpecialCauseFlag);
            Assert.Equal(p.SpecialCauseFlag, p.PointType != SpcLabels.Point.CommonCause);
            if (p.OutsideLimits == true)
            {
                Assert.StartsWith(p.RelativeToMean > 0 ? "Above" : "Below", p.SpecialCauseType, StringComparison.Ordinal);
            }
        });
    }
}
