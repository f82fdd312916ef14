using CouncilPlan.Core.Statistics;
using FsCheck;

namespace CouncilPlan.Core.Tests.Statistics;

/// <summary>RAG against target: the boundaries, polarity, tolerance kinds and what is not rated.</summary>
public sealed class RagRatingTests
{
    [Theory]
    [InlineData(80.0, Rag.Green)] // meeting the target exactly is green
    [InlineData(85.0, Rag.Green)]
    [InlineData(78.0, Rag.Amber)]
    [InlineData(76.0, Rag.Amber)] // a shortfall equal to the tolerance is amber
    [InlineData(75.99, Rag.Red)]
    [InlineData(50.0, Rag.Red)]
    public void Judge_HigherIsBetterWithAbsoluteTolerance_GivesBoundariesAsDocumented(double value, Rag expected)
    {
        Assert.Equal(expected, RagRating.Judge(value, 80, Polarity.HigherIsBetter, AmberTolerance.Absolute(4)));
    }

    [Theory]
    [InlineData(10.0, Rag.Green)]
    [InlineData(9.0, Rag.Green)]
    [InlineData(10.5, Rag.Amber)] // 5% of 10 is 0.5: on the boundary, amber
    [InlineData(10.51, Rag.Red)]
    public void Judge_LowerIsBetterWithPercentageTolerance_GivesBoundariesAsDocumented(double value, Rag expected)
    {
        Assert.Equal(expected, RagRating.Judge(value, 10, Polarity.LowerIsBetter, AmberTolerance.PercentOfTarget(5)));
    }

    // In binary floating point 0.1 − 0.09 is 0.010000000000000009, more than 10% of 0.1, and 0.8 − 0.7 is more than
    // 0.1: the boundary (amber) must not be lost to that noise.
    [Theory]
    [InlineData(0.09, 0.1, ToleranceKind.PercentOfTarget, 10.0)]
    [InlineData(0.7, 0.8, ToleranceKind.Absolute, 0.1)]
    [InlineData(76.0, 80.0, ToleranceKind.PercentOfTarget, 5.0)]
    public void Judge_ToleranceBoundary_IsNotLostToFloatingPointNoise(double value, double target, ToleranceKind kind, double amount)
    {
        Assert.Equal(Rag.Amber, RagRating.Judge(value, target, Polarity.HigherIsBetter, new AmberTolerance(amount, kind)));
    }

    [Fact]
    public void Judge_NoTolerance_AnyShortfallIsRed()
    {
        Assert.Equal(Rag.Red, RagRating.Judge(79.9, 80, Polarity.HigherIsBetter));
        Assert.Equal(Rag.Green, RagRating.Judge(80, 80, Polarity.HigherIsBetter));
    }

    [Fact]
    public void Judge_ContextNoTargetNoValueOrNoPolarity_IsNotRated()
    {
        var tolerance = AmberTolerance.Absolute(1);

        Assert.Equal(Rag.NotRated, RagRating.Judge(50, 40, Polarity.HigherIsBetter, tolerance, isContext: true));
        Assert.Equal(Rag.NotRated, RagRating.Judge(50, null, Polarity.HigherIsBetter, tolerance));
        Assert.Equal(Rag.NotRated, RagRating.Judge(null, 40, Polarity.HigherIsBetter, tolerance));
        Assert.Equal(Rag.NotRated, RagRating.Judge(50, 40, Polarity.NoJudgement, tolerance));
    }

    // A measure published at one decimal place: 79.96 shows as 80.0, so it is rated as meeting a target of 80.
    [Fact]
    public void Judge_WithDecimalPlaces_RatesThePublishedFigure()
    {
        Assert.Equal(Rag.Green, RagRating.Judge(79.96, 80, Polarity.HigherIsBetter, decimalPlaces: 1));
        Assert.Equal(Rag.Red, RagRating.Judge(79.96, 80, Polarity.HigherIsBetter));
    }

    [Fact]
    public void Judge_NegativeTolerance_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RagRating.Judge(1, 2, Polarity.HigherIsBetter, AmberTolerance.Absolute(-1)));
    }

    private static int Rank(Rag rag) => rag switch
    {
        Rag.Red => 0,
        Rag.Amber => 1,
        Rag.Green => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(rag)),
    };

    // Higher is better: a higher value never gets a worse RAG, whatever the target and tolerance.
    [FsCheck.Xunit.Property]
    public bool Judge_HigherIsBetter_IsMonotoneInValue(NormalFloat a, NormalFloat b, NormalFloat target, NonNegativeInt tolerance, bool percentage)
    {
        var (low, high) = a.Get <= b.Get ? (a.Get, b.Get) : (b.Get, a.Get);
        var amber = percentage ? AmberTolerance.PercentOfTarget(tolerance.Get % 50) : AmberTolerance.Absolute(tolerance.Get);

        var lowRag = RagRating.Judge(low, target.Get, Polarity.HigherIsBetter, amber);
        var highRag = RagRating.Judge(high, target.Get, Polarity.HigherIsBetter, amber);
        return Rank(highRag) >= Rank(lowRag);
    }

    // Lower is better: a lower value never gets a worse RAG.
    [FsCheck.Xunit.Property]
    public bool Judge_LowerIsBetter_IsMonotoneInValue(NormalFloat a, NormalFloat b, NormalFloat target, NonNegativeInt tolerance, byte places)
    {
        var (low, high) = a.Get <= b.Get ? (a.Get, b.Get) : (b.Get, a.Get);
        var amber = AmberTolerance.Absolute(tolerance.Get);
        var decimals = places % 4;

        var lowRag = RagRating.Judge(low, target.Get, Polarity.LowerIsBetter, amber, decimalPlaces: decimals);
        var highRag = RagRating.Judge(high, target.Get, Polarity.LowerIsBetter, amber, decimalPlaces: decimals);
        return Rank(lowRag) >= Rank(highRag);
    }
}
