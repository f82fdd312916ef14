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

    // 5% of 80 is 4 but 80 − 76.0000000001 and 0.05 × 80 carry floating-point noise; the boundary must still hold.
    [Fact]
    public void Judge_PercentageToleranceBoundary_IsNotLostToFloatingPointNoise()
    {
        Assert.Equal(Rag.Amber, RagRating.Judge(76, 80, Polarity.HigherIsBetter, AmberTolerance.PercentOfTarget(5)));
        Assert.Equal(Rag.Amber, RagRating.Judge(0.3 - 0.03, 0.3, Polarity.HigherIsBetter, AmberTolerance.PercentOfTarget(10)));
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
