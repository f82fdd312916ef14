using CouncilPlan.Core.Areas;

namespace CouncilPlan.Core.Tests.Areas;

/// <summary>Ward figures from small areas through a best-fit lookup, with data that would fool a wrong rule.</summary>
public sealed class BestFitTests
{
    // Three small areas in ward W1, one in W2; ward W3 is in the set but no small area is assigned to it.
    private static readonly BestFitLookup Lookup = new(
    [
        KeyValuePair.Create("S1", "W1"),
        KeyValuePair.Create("S2", "W1"),
        KeyValuePair.Create("S3", "W1"),
        KeyValuePair.Create("S4", "W2"),
    ]);

    [Fact]
    public void Sum_AddsCountsAndGivesNoFigureToAWardWithNoSmallAreas()
    {
        var wards = BestFit.Sum([new("S1", 10), new("S2", 0), new("S3", 5), new("S4", 7)], Lookup);

        Assert.Equal(["W1", "W2"], wards.Select(w => w.Ward));
        Assert.Equal(15, wards[0].Value);
        Assert.Equal(3, wards[0].SmallAreas);
        Assert.DoesNotContain(wards, w => w.Ward == "W3");
    }

    [Fact]
    public void Rate_DividesSummedNumeratorsBySummedDenominators_NotTheMeanOfTheRates()
    {
        // S1: 1 of 10 (10%), S2: 90 of 100 (90%): the mean of the rates is 50%, the ward's rate is 91 of 110.
        var wards = BestFit.Rate([new("S1", 1, 10), new("S2", 90, 100)], Lookup, 100);

        var ward = Assert.Single(wards);
        Assert.Equal(91.0 / 110 * 100, ward.Value, 10);
        Assert.Equal(91, ward.Numerator);
        Assert.Equal(110, ward.Denominator);
    }

    [Fact]
    public void Share_CountsSmallAreas()
    {
        var wards = BestFit.Share([new("S1", 1), new("S2", 2), new("S3", 7), new("S4", 9)], Lookup, f => f.Value <= 2);

        Assert.Equal(200.0 / 3, wards[0].Value, 10);
        Assert.Equal(2, wards[0].Numerator);
        Assert.Equal(3, wards[0].Denominator);
        Assert.Equal(0, wards[1].Value);
    }

    [Fact]
    public void PopulationWeightedMean_WeightsByPopulation_NotEquallyBySmallArea()
    {
        // Scores 10 (1,000 people) and 40 (3,000 people): the simple mean is 25, the weighted 32.5.
        var wards = BestFit.PopulationWeightedMean([new("S1", 10, Population: 1000), new("S2", 40, Population: 3000)], Lookup);

        Assert.Equal(32.5, Assert.Single(wards).Value, 10);
    }

    [Fact]
    public void PopulationWeightedMean_WithoutAPopulation_NamesTheSmallArea()
    {
        var error = Assert.Throws<BestFitException>(() => BestFit.PopulationWeightedMean([new("S1", 10, Population: 1000), new("S2", 40)], Lookup));

        Assert.Contains("S2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASmallAreaMissingFromTheLookup_IsAnErrorNamingIt_NotDropped()
    {
        var error = Assert.Throws<BestFitException>(() => BestFit.Sum([new("S1", 10), new("S9", 5)], Lookup));

        Assert.Equal("small area S9 is not in the best-fit lookup, so its figures cannot be given to a ward", error.Message);
    }

    [Fact]
    public void ASmallAreaWithTwoFigures_IsAnError_NotCountedTwice()
    {
        var error = Assert.Throws<BestFitException>(() => BestFit.Sum([new("S1", 10), new("S1", 10)], Lookup));

        Assert.Contains("S1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALookupWithASmallAreaTwice_IsAnError()
    {
        Assert.Throws<BestFitException>(() => new BestFitLookup([KeyValuePair.Create("S1", "W1"), KeyValuePair.Create("S1", "W2")]));
    }

    [Fact]
    public void AllTo_GivesTheWholeAreasFigureByTheSameRule()
    {
        var borough = BestFit.Rate([new("S1", 1, 10), new("S4", 9, 90)], BestFitLookup.AllTo(["S1", "S4"], "B"), 100);

        Assert.Equal(10, Assert.Single(borough).Value, 10);
    }
}
