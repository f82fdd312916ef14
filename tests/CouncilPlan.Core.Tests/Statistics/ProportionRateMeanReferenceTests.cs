using CouncilPlan.Core.Statistics;

namespace CouncilPlan.Core.Tests.Statistics;

/// <summary>
/// Proportions, rates and means, transcribed from PHEindicatormethods' test data: tests/testthat/testdata_Proportion.xlsx
/// (used by testProportions.R), tests/testthat/testdata_Rate.xlsx (testRates.R) and tests/testthat/testdata_Mean.xlsx
/// (testMeans.R).
/// </summary>
public sealed class ProportionRateMeanReferenceTests
{
    // testdata_Proportion.xlsx, sheet testdata_Prop, rows 2-17: Numerator, Denominator, multiplier, value,
    // lower95_0cl, upper95_0cl, lower99_8cl, upper99_8cl (testProportions.R "test full output 2 CIs", "test full, percentage").
    [Theory]
    [InlineData(1.0, 100.0, 1.0, 0.01, 0.0017674320641406511, 0.054486196178705294, 0.000873065697299977, 0.1045544528370582)] // Area1
    [InlineData(5.0, 100.0, 1.0, 0.05, 0.02154367915436798, 0.11175046923191911, 0.013865320725997183, 0.16458852282596442)] // Area2
    [InlineData(20.0, 100.0, 1.0, 0.2, 0.1333669333310325, 0.28882916559315885, 0.10519162066711432, 0.3471109417008601)] // Area3
    [InlineData(65.0, 100.0, 1.0, 0.65, 0.5525444329688797, 0.7363575175690247, 0.4954946574070431, 0.7783540614089697)] // Area4
    [InlineData(9856.0, 12345.0, 1.0, 0.7983799108950992, 0.7912101752909069, 0.8053640073614909, 0.7869924108419063, 0.8093061412589626)] // Area5
    [InlineData(7776456.0, 7564336677.0, 1.0, 0.0010280420256339154, 0.0010273201001641094, 0.0010287644578977231, 0.0010269040118442213, 0.0010291812992698397)] // Area6
    [InlineData(222.0, 3215.0, 1.0, 0.06905132192846034, 0.060791690363636595, 0.07833956681383633, 0.05647101964624248, 0.08418414185270134)] // Area7
    [InlineData(999.0, 3456.0, 1.0, 0.2890625, 0.27418951080009873, 0.30440389662818057, 0.26583995768074953, 0.3134475449279985)] // Area8
    [InlineData(1.0, 100.0, 100.0, 1.0, 0.1767432064140651, 5.44861961787053, 0.0873065697299977, 10.45544528370582)] // Area1
    [InlineData(5.0, 100.0, 100.0, 5.0, 2.154367915436798, 11.17504692319191, 1.3865320725997183, 16.458852282596443)] // Area2
    [InlineData(20.0, 100.0, 100.0, 20.0, 13.33669333310325, 28.882916559315884, 10.519162066711433, 34.71109417008601)] // Area3
    [InlineData(65.0, 100.0, 100.0, 65.0, 55.25444329688797, 73.63575175690247, 49.54946574070431, 77.83540614089696)] // Area4
    [InlineData(9856.0, 12345.0, 100.0, 79.83799108950991, 79.1210175290907, 80.53640073614909, 78.69924108419063, 80.93061412589626)] // Area5
    [InlineData(7776456.0, 7564336677.0, 100.0, 0.10280420256339154, 0.10273201001641094, 0.10287644578977231, 0.10269040118442213, 0.10291812992698397)] // Area6
    [InlineData(222.0, 3215.0, 100.0, 6.905132192846033, 6.07916903636366, 7.833956681383633, 5.647101964624248, 8.418414185270134)] // Area7
    [InlineData(999.0, 3456.0, 100.0, 28.90625, 27.418951080009872, 30.440389662818056, 26.583995768074953, 31.344754492799847)] // Area8
    public void Wilson_AtNinetyFiveAndNinetyNinePointEightPercent_MatchesReference(
        double x, double n, double multiplier, double value, double lower95, double upper95, double lower998, double upper998)
    {
        var at95 = Intervals.Wilson(x, n, 0.95, multiplier);
        var at998 = Intervals.Wilson(x, n, 0.998, multiplier);

        Reference.Close(value, at95.Value);
        Reference.Close(lower95, at95.Lower);
        Reference.Close(upper95, at95.Upper);
        Reference.Close(lower998, at998.Lower);
        Reference.Close(upper998, at998.Upper);
    }

    // testdata_Proportion.xlsx, sheet testdata_Prop_g, rows 2-9: the grouped test sums each area's two rows
    // (testProportions.R "test grouped"); value, lowercl, uppercl at 95%.
    [Theory]
    [InlineData(2.0, 200.0, 0.01, 0.002746658133544438, 0.035721761716176796)] // Area1
    [InlineData(10.0, 200.0, 0.05, 0.027382645600763925, 0.08957814813877597)] // Area2
    [InlineData(40.0, 200.0, 0.2, 0.15045200926098115, 0.2608551865653788)] // Area3
    [InlineData(130.0, 200.0, 0.65, 0.5816346433604008, 0.7127117587264192)] // Area4
    [InlineData(19712.0, 24690.0, 0.7983799108950992, 0.7933291845541375, 0.8033378032278297)] // Area5
    [InlineData(15552912.0, 15128673354.0, 0.0010280420256339154, 0.0010275314947741198, 0.0010285528098907119)] // Area6
    [InlineData(444.0, 6430.0, 0.06905132192846034, 0.06310799576298091, 0.0755092618317013)] // Area7
    [InlineData(1998.0, 6912.0, 0.2890625, 0.2784949436323704, 0.2998643901720741)] // Area8
    public void Wilson_OfSummedGroups_MatchesReference(double x, double n, double value, double lower, double upper)
    {
        var interval = Intervals.Wilson(x, n);

        Reference.Close(value, interval.Value);
        Reference.Close(lower, interval.Lower);
        Reference.Close(upper, interval.Upper);
    }

    // testdata_Proportion.xlsx, sheet testdata_Prop, rows 18-20 (Area09-11): a missing numerator or denominator gives
    // a missing value and limits (testProportions.R "test NAs").
    [Theory]
    [InlineData(double.NaN, 100d)]
    [InlineData(10d, double.NaN)]
    [InlineData(double.NaN, double.NaN)]
    public void Wilson_MissingInput_GivesMissingValueAsReference(double x, double n)
    {
        var interval = Intervals.Wilson(x, n);

        Assert.Null(interval.Value);
        Assert.Null(interval.Lower);
        Assert.Null(interval.Upper);
    }

    // testdata_Rate.xlsx, sheet testdata_Rate, rows 2-17 and 21: Numerator, Denominator, multiplier, value,
    // lower95_0cl, upper95_0cl, lower99_8cl, upper99_8cl, method (testRates.R "test full output 2 CIs",
    // "test multiplier", "test num > denom"). Below 10 events the method is exact, from 10 Byar's.
    [Theory]
    [InlineData(1.0, 100.0, 100.0, 1.0, 0.025317807984289897, 5.571643390938898, 0.0010005003335835344, 9.233413476451585, "Exact")] // Area1
    [InlineData(5.0, 100.0, 100.0, 5.0, 1.62348639011842, 11.668332079322669, 0.739371731917839, 16.454745203680105, "Exact")] // Area2
    [InlineData(20.0, 100.0, 100.0, 20.0, 12.211428834875937, 30.889880369197066, 8.922802365144193, 38.08503562504191, "Byars")] // Area3
    [InlineData(65.0, 100.0, 100.0, 65.0, 50.163187710459454, 82.84913854593984, 42.8802614714802, 94.00029084431802, "Byars")] // Area4
    [InlineData(9856.0, 12345.0, 100.0, 79.83799108950991, 78.26949058976757, 81.4300165427214, 77.37590543271052, 82.3544727709543, "Byars")] // Area5
    [InlineData(7776456.0, 7564336677.0, 100.0, 0.10280420256339154, 0.10273196005302074, 0.10287648334092832, 0.102690317308454, 0.10291817639509068, "Byars")] // Area6
    [InlineData(222.0, 3215.0, 100.0, 6.905132192846033, 6.026574877652675, 7.87572937087185, 5.560737695259854, 8.46104668173341, "Byars")] // Area7
    [InlineData(999.0, 3456.0, 100.0, 28.90625, 27.14130493609052, 30.755833237378415, 26.162147596445767, 31.845604819822654, "Byars")] // Area8
    [InlineData(1.0, 100.0, 100000.0, 1000.0, 25.317807984289896, 5571.643390938898, 1.0005003335835343, 9233.413476451586, "Exact")] // Area1
    [InlineData(5.0, 100.0, 100000.0, 5000.0, 1623.4863901184199, 11668.332079322669, 739.3717319178389, 16454.745203680104, "Exact")] // Area2
    [InlineData(20.0, 100.0, 100000.0, 20000.0, 12211.428834875936, 30889.880369197064, 8922.802365144193, 38085.03562504191, "Byars")] // Area3
    [InlineData(65.0, 100.0, 100000.0, 65000.0, 50163.18771045945, 82849.13854593984, 42880.261471480204, 94000.290844318, "Byars")] // Area4
    [InlineData(9856.0, 12345.0, 100000.0, 79837.99108950992, 78269.49058976758, 81430.01654272141, 77375.90543271053, 82354.47277095431, "Byars")] // Area5
    [InlineData(7776456.0, 7564336677.0, 100000.0, 102.80420256339154, 102.73196005302074, 102.87648334092832, 102.690317308454, 102.91817639509068, "Byars")] // Area6
    [InlineData(222.0, 3215.0, 100000.0, 6905.132192846034, 6026.574877652674, 7875.729370871851, 5560.737695259853, 8461.04668173341, "Byars")] // Area7
    [InlineData(999.0, 3456.0, 100000.0, 28906.25, 27141.30493609052, 30755.833237378414, 26162.147596445768, 31845.604819822653, "Byars")] // Area8
    [InlineData(250.0, 220.0, 100000.0, 113636.36363636365, 99984.94738532876, 128631.14487455782, 92710.00554438953, 137651.23772147458, "Byars")] // Area12
    public void Rate_AtNinetyFiveAndNinetyNinePointEightPercent_MatchesReference(
        double x, double n, double multiplier, double value, double lower95, double upper95, double lower998, double upper998, string method)
    {
        var at95 = Intervals.Rate(x, n, multiplier, 0.95);
        var at998 = Intervals.Rate(x, n, multiplier, 0.998);

        Reference.Close(value, at95.Value);
        Reference.Close(lower95, at95.Lower);
        Reference.Close(upper95, at95.Upper);
        Reference.Close(lower998, at998.Lower);
        Reference.Close(upper998, at998.Upper);
        Assert.Equal(method, at95.Method);
        Assert.Equal(method, at998.Method);
    }

    // testdata_Rate.xlsx, sheet testdata_Rate_g: each area's two rows summed, per 100,000 at 95% (testRates.R "test grouped").
    [Theory]
    [InlineData(2.0, 200.0, 1000.0, 121.10463927198258, 3612.3438338619794, "Exact")] // Area1
    [InlineData(10.0, 200.0, 5000.0, 2393.7249569837822, 9195.729302878237, "Byars")] // Area2
    [InlineData(40.0, 200.0, 20000.0, 14286.649933218456, 27235.04966001213, "Byars")] // Area3
    [InlineData(130.0, 200.0, 65000.0, 54306.52101925725, 77182.74430661963, "Byars")] // Area4
    [InlineData(19712.0, 24690.0, 79837.99108950992, 78727.30027133638, 80960.43271813256, "Byars")] // Area5
    [InlineData(15552912.0, 15128673354.0, 102.80420256339154, 102.7531168009107, 102.85530745877516, "Byars")] // Area6
    [InlineData(444.0, 6430.0, 6905.132192846034, 6277.68811414578, 7578.304458634362, "Byars")] // Area7
    [InlineData(1998.0, 6912.0, 28906.25, 27652.52008830221, 30202.169187218453, "Byars")] // Area8
    [InlineData(250.0, 220.0, 113636.36363636365, 99984.94738532876, 128631.14487455782, "Byars")] // Area12
    public void Rate_OfSummedGroups_MatchesReference(double x, double n, double value, double lower, double upper, string method)
    {
        var interval = Intervals.Rate(x, n);

        Reference.Close(value, interval.Value);
        Reference.Close(lower, interval.Lower);
        Reference.Close(upper, interval.Upper);
        Assert.Equal(method, interval.Method);
    }

    // testdata_Rate.xlsx, sheet testdata_Rate, rows 18-20 (Area09-11): missing inputs give missing results; Area10
    // (10 events, no denominator) keeps the method "Byars" (testRates.R "test NAs").
    [Fact]
    public void Rate_MissingInput_GivesMissingValueAsReference()
    {
        var noNumerator = Intervals.Rate(double.NaN, 100);
        var noDenominator = Intervals.Rate(10, double.NaN);

        Assert.Null(noNumerator.Value);
        Assert.Null(noNumerator.Lower);
        Assert.Null(noDenominator.Value);
        Assert.Null(noDenominator.Upper);
        Assert.Equal("Byars", noDenominator.Method);
    }

    // testProportions.R / testRates.R error handling: "denominators must be greater than zero" for 0 and below,
    // "numerators must be greater than or equal to zero", x > n for proportions.
    [Fact]
    public void ProportionAndRate_InvalidInput_ThrowsAsReference()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Intervals.Wilson(80, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Intervals.Wilson(30, -100));
        Assert.Throws<ArgumentOutOfRangeException>(() => Intervals.Wilson(-80, 100));
        Assert.Throws<ArgumentException>(() => Intervals.Wilson(101, 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => Intervals.Rate(30, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Intervals.Rate(80, -100));
        Assert.Throws<ArgumentOutOfRangeException>(() => Intervals.Rate(-65, 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => Intervals.Rate(65, 100, confidence: 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Intervals.Rate(65, 100, confidence: 40));
        Assert.Throws<ArgumentOutOfRangeException>(() => Intervals.Rate(65, 100, confidence: 9998));
        Assert.Throws<ArgumentOutOfRangeException>(() => Intervals.Wilson(65, 100, 0.8));
        Assert.Throws<ArgumentOutOfRangeException>(() => Intervals.Wilson(65, 100, 50));
        Assert.Throws<ArgumentOutOfRangeException>(() => Intervals.Wilson(65, 100, 130));
    }

    // testdata_Mean.xlsx, sheet testdata_Mean (the values) and sheet testdata_Mean_results (value, lower95_0cl,
    // upper95_0cl, lower99_8cl, upper99_8cl for Area1, Area2 and all 26 values ungrouped), testMeans.R.
    private static readonly double[] Area1 =
    [
        33.09375, 48.38596, 64.83495, 67.98475, 22.93556, 71.23587, 38.78465, 82.37927,
    ];

    private static readonly double[] Area2 =
    [
        5555.66666, 6666.77777, 4444.88888, 2222.99999, 3333.88888, 5555.44444, 6666.33333, 7777.44444, 5555.99999,
        8888.33333, 2222.55555, 4444.33333, 6666.22222, 4444.11111, 4444.22222, 5555.11111, 7777.22222, 9999.77777,
    ];

    [Theory]
    [InlineData("Area1", 53.704345000000011, 36.168325241336504, 71.240364758663517, 18.216705294788838, 89.191984705211183)]
    [InlineData("Area2", 5678.9629577777778, 4625.7900224529722, 6732.1358931025834, 3859.0770997295967, 7498.8488158259588)]
    [InlineData("No grouping", 3948.1141538461534, 2666.9956767458489, 5229.2326309464579, 1801.9535385474737, 6094.274769144833)]
    public void Mean_AtNinetyFiveAndNinetyNinePointEightPercent_MatchesReference(
        string area, double value, double lower95, double upper95, double lower998, double upper998)
    {
        double[] values = area switch
        {
            "Area1" => Area1,
            "Area2" => Area2,
            _ => [.. Area1, .. Area2],
        };

        var at95 = Intervals.Mean(values);
        var at998 = Intervals.Mean(values, 99.8);

        Reference.Close(value, at95.Value);
        Reference.Close(lower95, at95.Lower);
        Reference.Close(upper95, at95.Upper);
        Reference.Close(lower998, at998.Lower);
        Reference.Close(upper998, at998.Upper);
        Assert.Equal("Student's t-distribution", at95.Method);
    }
}
