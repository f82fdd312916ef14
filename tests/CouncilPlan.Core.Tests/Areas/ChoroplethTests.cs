using CouncilPlan.Core.Areas;
using CouncilPlan.Core.Measures;

namespace CouncilPlan.Core.Tests.Areas;

/// <summary>Bands for a shaded map: equal-sized by rank, ties never split, one period only.</summary>
public sealed class ChoroplethTests
{
    private static Dictionary<string, double> Values(params double[] values) =>
        values.Select((v, i) => (Code: $"W{i:D2}", Value: v)).ToDictionary(p => p.Code, p => p.Value);

    private static PublicFigure Figure(string area, int year, double? value, string breakdown = "", bool suppressed = false) =>
        new($"{year}", new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), area, breakdown, value, null, null, ObservationStatus.Final, null, suppressed);

    [Fact]
    public void Quantiles_OfTwentyOneWards_MakesFiveBandsOfFourOrFive_InOrder()
    {
        var values = Values([.. Enumerable.Range(1, 21).Select(i => (double)(22 - i))]);

        var bands = Choropleth.Quantiles(values);

        Assert.Equal([1, 2, 3, 4, 5], bands.Select(b => b.Number));
        Assert.Equal(21, bands.Sum(b => b.AreaCodes.Count));
        Assert.All(bands, b => Assert.InRange(b.AreaCodes.Count, 4, 5));
        Assert.Equal(1, bands[0].From);
        Assert.Equal(21, bands[^1].To);
        Assert.All(bands.Zip(bands.Skip(1)), pair => Assert.True(pair.First.To < pair.Second.From));
    }

    [Fact]
    public void Quantiles_NeverSplitsEqualFigures_AcrossABandEdge()
    {
        // Ranks 4 to 7 share a figure; equal bands of two would cut through them.
        var values = Values(1, 2, 3, 5, 5, 5, 5, 8, 9, 10);

        var bands = Choropleth.Quantiles(values);

        var withFive = bands.Where(b => b.From <= 5 && 5 <= b.To).ToList();
        var band = Assert.Single(withFive);
        Assert.Equal(4, band.AreaCodes.Count(c => values[c] == 5));
        Assert.Equal(10, bands.Sum(b => b.AreaCodes.Count));
    }

    [Fact]
    public void Quantiles_WithFewerDistinctFiguresThanBands_MakesFewerBands()
    {
        var bands = Choropleth.Quantiles(Values(2, 2, 2, 7, 7, 7));

        Assert.Equal(2, bands.Count);
        Assert.Equal([2.0, 7.0], bands.Select(b => b.From));
    }

    [Fact]
    public void Of_ShadesOnlyTheLatestPeriod_AndSaysWhichWardsHaveNoFigure()
    {
        string[] wards = ["W1", "W2", "W3", "W4"];
        PublicFigure[] figures =
        [
            Figure("W1", 2021, 10), Figure("W2", 2021, 20), Figure("W3", 2021, 30), Figure("W4", 2021, 40),
            Figure("W1", 2022, 11), Figure("W2", 2022, 21), Figure("W3", 2022, null, suppressed: true),
            Figure("W4", 2023, 99, breakdown: "sex:female"),
            Figure("E08000007", 2024, 50),
        ];

        var shading = Choropleth.Of(figures, wards)!;

        Assert.Equal("2022", shading.Period);
        Assert.Equal(new Dictionary<string, double> { ["W1"] = 11, ["W2"] = 21 }, shading.Values);
        Assert.Equal(["W3"], shading.Withheld);
        Assert.Equal(["W4"], shading.Missing);
        Assert.Null(shading.BandOf("W4"));
    }

    [Fact]
    public void Of_WithNoWardFigures_IsNull() =>
        Assert.Null(Choropleth.Of([Figure("E08000007", 2022, 5)], ["W1"]));
}
