namespace CouncilPlan.Core.Tests.Statistics;

/// <summary>Comparisons with reference numbers carried across from PHEindicatormethods' test data.</summary>
internal static class Reference
{
    /// <summary>Relative tolerance for numbers transcribed at full precision.</summary>
    public const double Relative = 1e-9;

    /// <summary>
    /// Where the reference's test data lives: github.com/ukhsa-collaboration/PHEindicatormethods (v2.1.0, commit
    /// 093fd28), tests/testthat/.
    /// </summary>
    public const string TestData = "PHEindicatormethods/tests/testthat/";

    public static void Close(double expected, double? actual, double relative = Relative)
    {
        Assert.NotNull(actual);
        var tolerance = Math.Max(Math.Abs(expected) * relative, 1e-15);
        Assert.True(
            Math.Abs(expected - actual.Value) <= tolerance,
            $"expected {expected:R}, got {actual.Value:R} (difference {Math.Abs(expected - actual.Value):R}, tolerance {tolerance:R})");
    }
}
