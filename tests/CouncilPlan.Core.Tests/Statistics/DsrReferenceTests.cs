using CouncilPlan.Core.Statistics;

namespace CouncilPlan.Core.Tests.Statistics;

/// <summary>
/// Directly standardised rates, transcribed from PHEindicatormethods tests/testthat/testdata_DSR_ISR.xlsx (sheets
/// testdata_multiarea, testdata_1976, testdata_nonindepe and testresults_DSR) as tests/testthat/testDSRs.R uses them,
/// with the European Standard Population 2013 from data-raw/LoadTestdata.R.
/// </summary>
public sealed class DsrReferenceTests
{
    // data-raw/LoadTestdata.R: esp2013 <- c(5000,5500,5500,5500,6000,6000,6500,7000,7000,7000,7000,6500,6000,5500,5000,4000,2500,1500,1000)
    private static readonly double[] Esp2013 =
        [5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000];

    // testdata_multiarea: the same 19 age-band populations for every area.
    private static readonly double[] Populations =
        [636, 558, 609, 543, 384, 594, 669, 843, 660, 576, 606, 522, 426, 273, 300, 288, 153, 123, 207];

    private static readonly Dictionary<string, double[]> Counts = new()
    {
        ["testdata_big"] = [127, 25, 18, 21, 12, 27, 48, 27, 29, 32, 32, 34, 45, 65, 38, 68, 74, 82, 91],
        ["testdata_small"] = [12, 4, 3, 2, 3, 4, 8, 2, 2, 3, 4, 5, 6, 8, 5, 6, 5, 5, 4],

        // The 10-14 count is blank (NA) in the sheet; the reference counts it as zero.
        ["testdata_tiny"] = [0, 0, double.NaN, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1, 2, 3],
    };

    private static IEnumerable<(double Count, double Population, double StandardPopulation)> Strata(string area) =>
        Counts[area].Select((count, i) => (count, Populations[i], Esp2013[i]));

    // testresults_DSR rows 2-3 (per 10,000: "test multiplier") and 6-7 (per 100,000: "test default", "test full
    // output with 2 CIs"): value, lower95_0cl, upper95_0cl, lower99_8cl, upper99_8cl.
    [Theory]
    [InlineData("testdata_big", 10_000d, 1043.0247991469423, 971.77090679856803, 1117.894091547925, 932.32878802199036, 1162.0595999522059)]
    [InlineData("testdata_small", 10_000d, 110.3212025300104, 87.745576753670903, 136.70882227251795, 76.36420357939879, 153.00328948244763)]
    [InlineData("testdata_big", 100_000d, 10430.247991469423, 9717.709067985681, 11178.94091547925, 9323.2878802199029, 11620.595999522058)]
    [InlineData("testdata_small", 100_000d, 1103.212025300104, 877.455767536709, 1367.0882227251795, 763.64203579398793, 1530.0328948244762)]
    public void Dsr_AtNinetyFiveAndNinetyNinePointEightPercent_MatchesReference(
        string area, double multiplier, double value, double lower95, double upper95, double lower998, double upper998)
    {
        var at95 = Intervals.Dsr(Strata(area), multiplier, 0.95);
        var at998 = Intervals.Dsr(Strata(area), multiplier, 99.8);

        Reference.Close(value, at95.Value);
        Reference.Close(lower95, at95.Lower);
        Reference.Close(upper95, at95.Upper);
        Reference.Close(lower998, at998.Lower);
        Reference.Close(upper998, at998.Upper);
        Assert.Equal("Dobson", at95.Method);
    }

    // testresults_DSR rows 4 and 8: testdata_tiny has a total count of 9, so value and limits are NA
    // ("dsr NA for total count < 10").
    [Theory]
    [InlineData(10_000d)]
    [InlineData(100_000d)]
    public void Dsr_TotalCountUnderTen_IsNotCalculatedAsReference(double multiplier)
    {
        var interval = Intervals.Dsr(Strata("testdata_tiny"), multiplier);

        Assert.Null(interval.Value);
        Assert.Null(interval.Lower);
        Assert.Null(interval.Upper);
        Assert.Equal("Dobson", interval.Method);
    }

    // testdata_1976 (18 age bands with the 1976 European Standard Population as a field) and testresults_DSR row 9,
    // columns total_count to upper95_0cl ("test with user specified stdpop"; the sheet's 99.8% columns for this row
    // are not used by the reference's tests and are not carried across).
    [Fact]
    public void Dsr_WithUserStandardPopulation_MatchesReference()
    {
        double[] counts = [127, 25, 18, 21, 12, 27, 48, 27, 29, 32, 32, 34, 45, 65, 38, 68, 74, 82];
        double[] esp1976 = [8000, 7000, 7000, 7000, 7000, 7000, 7000, 7000, 7000, 7000, 7000, 6000, 5000, 4000, 3000, 2000, 1000, 1000];
        var strata = counts.Select((count, i) => (count, Populations[i], esp1976[i]));

        var interval = Intervals.Dsr(strata);

        Reference.Close(8592.0975850223658, interval.Value);
        Reference.Close(7991.160931442103, interval.Lower);
        Reference.Close(9225.2538803183179, interval.Upper);
    }

    // testdata_nonindepe: persons by age band with 1, 2, 3 and 4 events (f1-f4; blank cells are NA). LoadTestdata.R
    // drops f4 for the dummy, small and tiny areas.
    private static readonly Dictionary<string, double[][]> Frequencies = new()
    {
        ["testdata_nonind_big"] =
        [
            [75, 16, 11, 12, 8, 18, 26, 18, 18, 21, 21, 23, 23, 39, 25, 40, 46, 49, 56],
            [16, 3, 2, 3, 0, 3, 6, 3, 4, 4, 4, 4, 6, 8, 5, 9, 9, 10, 11],
            [4, 1, 1, 1, 0, 1, 2, 1, 1, 1, 1, 1, 2, 2, 1, 2, 2, 3, 3],
            [2, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1],
        ],
        ["testdata_nonind_dummy"] =
        [
            [80, 15, 10, 17, 12, 25, 30, 20, 19, 23, 19, 30, 19, 25, 15, 20, 30, 29, 22],
            [10, 5, 1, 2, double.NaN, 1, 9, 2, 5, 3, 5, 2, 7, 14, 10, 18, 16, 19, 21],
            [9, double.NaN, 2, double.NaN, double.NaN, double.NaN, double.NaN, 1, double.NaN, 1, 1, double.NaN, 4, 4, 1, 4, 4, 5, 9],
        ],
        ["testdata_nonind_small"] =
        [
            [7, 4, 3, 0, 3, 4, 5, 2, 2, 3, 4, 5, 3, 5, 5, 3, 5, 5, 4],
            [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            [1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 1, 0, 0, 0],
        ],
        ["testdata_nonind_tiny"] =
        [
            [0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1, 0, 0],
            [.. Enumerable.Repeat(double.NaN, 17), 1, 0],
            [.. Enumerable.Repeat(double.NaN, 18), 1],
        ],
    };

    private static IEnumerable<DsrEventRow> EventRows(string area) =>
        Frequencies[area].SelectMany((persons, f) => persons.Select((p, i) =>
            new DsrEventRow($"band{i:00}", f + 1, p, Populations[i], Esp2013[i])));

    // testresults_DSR rows 10-12: value, lower95_0cl, upper95_0cl, lower99_8cl, upper99_8cl per 100,000 ("test
    // nonindependent events no frequency grouping and 2 CIs").
    [Theory]
    [InlineData("testdata_nonind_big", 10430.24799147, 9532.9497786200009, 11373.074832980001, 9036.2563135700002, 11929.24980749)]
    [InlineData("testdata_nonind_dummy", 10430.24799147, 9512.2988375200002, 11394.77359633, 9004.1741812100008, 11963.748704039999)]
    [InlineData("testdata_nonind_small", 1082.9541984099999, 817.68609755, 1393.5588492700001, 684.16751792000002, 1585.4964559299999)]
    public void DsrNonIndependent_AtNinetyFiveAndNinetyNinePointEightPercent_MatchesReference(
        string area, double value, double lower95, double upper95, double lower998, double upper998)
    {
        var at95 = Intervals.DsrNonIndependent(EventRows(area));
        var at998 = Intervals.DsrNonIndependent(EventRows(area), confidence: 0.998);

        Reference.Close(value, at95.Value);
        Reference.Close(lower95, at95.Lower);
        Reference.Close(upper95, at95.Upper);
        Reference.Close(lower998, at998.Lower);
        Reference.Close(upper998, at998.Upper);
        Assert.Equal("Dobson, with confidence adjusted for non-independent events", at95.Method);
    }

    // testresults_DSR row 13: testdata_nonind_tiny has 9 events in all, so the DSR is not calculated.
    [Fact]
    public void DsrNonIndependent_TotalEventsUnderTen_IsNotCalculatedAsReference()
    {
        var interval = Intervals.DsrNonIndependent(EventRows("testdata_nonind_tiny"));

        Assert.Null(interval.Value);
        Assert.Null(interval.Lower);
        Assert.Null(interval.Upper);
    }

    // testDSRs.R error handling: testdata_err2 has a zero population ("denominators must all be greater than zero");
    // a negative count, a negative standard population and a missing population are errors too; so are populations
    // that differ within an age band for non-independent events (test_DSR_nonind_err1).
    [Fact]
    public void Dsr_InvalidInput_ThrowsAsReference()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Intervals.Dsr([(127, 636, 5000), (25, 0, 5500)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Intervals.Dsr([(127, 636, 5000), (25, -558, 5500)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Intervals.Dsr([(-127, 636, 5000), (25, 558, 5500)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Intervals.Dsr([(127, 636, -5000), (25, 558, 5500)]));
        Assert.Throws<ArgumentException>(() => Intervals.Dsr([(127, double.NaN, 5000)]));
        Assert.Throws<ArgumentException>(() => Intervals.Dsr([(127, 636, double.NaN)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Intervals.Dsr(Strata("testdata_big"), multiplier: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Intervals.Dsr(Strata("testdata_big"), confidence: 0.74));

        var inconsistent = EventRows("testdata_nonind_big").ToList();
        inconsistent[0] = inconsistent[0] with { Population = 1 };
        Assert.Throws<ArgumentException>(() => Intervals.DsrNonIndependent(inconsistent));
    }
}
