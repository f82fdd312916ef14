using System.Globalization;
using System.Text.Json;
using CouncilPlan.Core.Exports;
using CouncilPlan.Core.Measures;
using CouncilPlan.Testing;

namespace CouncilPlan.Cli.Tests.Commands;

/// <summary>The analysts' commands print what the reference packages give (figures from PHEindicatormethods'
/// tests/testthat/testdata_Byars_Wilson.xlsx, sheet testdata_B_W).</summary>
public sealed class StatisticsCommandsTests
{
    private static async Task<JsonElement> RunJsonAsync(params string[] args)
    {
        var (exitCode, output, error) = await CliRunner.RunAsync(null, args);
        Assert.True(exitCode == 0, error);
        return JsonDocument.Parse(output).RootElement;
    }

    private static double? Number(JsonElement json, string name) =>
        json.GetProperty(name).ValueKind == JsonValueKind.Null ? null : json.GetProperty(name).GetDouble();

    [Fact]
    public async Task Interval_Wilson_MatchesTheReference()
    {
        var json = await RunJsonAsync("interval", "--method", "wilson", "--x", "65", "--n", "100");

        Assert.Equal(0.65, Number(json, "value")!.Value, 12);
        Assert.Equal(0.55254443296887967, Number(json, "lower")!.Value, 12);
        Assert.Equal(0.73635751756902468, Number(json, "upper")!.Value, 12);
        Assert.Equal("Wilson", json.GetProperty("method").GetString());
    }

    [Fact]
    public async Task Interval_WilsonAtNinetyNinePointEightAsAPercentage_MatchesTheReference()
    {
        var json = await RunJsonAsync("interval", "--method", "wilson", "--x", "1045", "--n", "5000", "--confidence", "0.998", "--multiplier", "100");

        Assert.Equal(19.179381799015244, Number(json, "lower")!.Value, 10);
        Assert.Equal(22.731562902525818, Number(json, "upper")!.Value, 10);
    }

    [Fact]
    public async Task Interval_ByarForOneEventAt998_HasNoLowerLimit()
    {
        var json = await RunJsonAsync("interval", "--method", "byar", "--x", "1", "--confidence", "0.998");

        Assert.Null(Number(json, "lower"));
        Assert.Equal(9.362180217908362, Number(json, "upper")!.Value, 10);
    }

    [Fact]
    public async Task Interval_Byar_MatchesTheReference()
    {
        var json = await RunJsonAsync("interval", "--method", "byar", "--x", "65");

        Assert.Equal(50.163187710459454, Number(json, "lower")!.Value, 10);
        Assert.Equal(82.849138545939837, Number(json, "upper")!.Value, 10);
    }

    [Fact]
    public async Task Interval_RateBelowTenEvents_IsExactAndAboveIsByars()
    {
        var few = await RunJsonAsync("interval", "--method", "rate", "--x", "9", "--n", "1000");
        var many = await RunJsonAsync("interval", "--method", "rate", "--x", "10", "--n", "1000");

        Assert.Equal("Exact", few.GetProperty("method").GetString());
        Assert.Equal(900, Number(few, "value")!.Value, 9);
        Assert.Equal("Byars", many.GetProperty("method").GetString());
        Assert.Equal(1000, Number(many, "value")!.Value, 9);
    }

    [Fact]
    public async Task Interval_WilsonWithoutDenominator_SaysWhatIsMissing()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync(null, "interval", "--method", "wilson", "--x", "5");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--method wilson needs --n, the denominator.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dsr_WithFewerThanTenEvents_IsNotCalculated()
    {
        var path = PlanFixtures.WriteTemp("count,population,standard_population\n3,1000,5000\n4,2000,6000\n", "dsr.csv");

        var json = await RunJsonAsync("dsr", "--input", path);

        Assert.Null(Number(json, "value"));
        Assert.Null(Number(json, "lower"));
        Assert.Equal("Dobson", json.GetProperty("method").GetString());
    }

    [Fact]
    public async Task Dsr_WithEnoughEvents_WeightsByTheStandardPopulation()
    {
        // Two strata with equal standard populations: the DSR is the mean of the two crude rates.
        var path = PlanFixtures.WriteTemp("count,population,standard_population\n20,10000,5000\n40,10000,5000\n", "dsr.csv");

        var json = await RunJsonAsync("dsr", "--input", path);

        Assert.Equal(300, Number(json, "value")!.Value, 9);
        Assert.True(Number(json, "lower") < 300 && Number(json, "upper") > 300);
    }

    [Fact]
    public async Task Spc_PrintsEveryPointWithLimitsAndTheIcons()
    {
        // Eleven values around 11 then a jump to 30: the last point is above the upper process limit, and
        // twelve points are fewer than the 13 a group needs for reliable limits.
        var rows = Enumerable.Range(0, 12).Select(i => $"{new DateOnly(2022, 1, 1).AddMonths(i):yyyy-MM-dd},{(i == 11 ? 30 : 10 + (i % 3))}");
        var path = PlanFixtures.WriteTemp("period,value\n" + string.Join('\n', rows.Reverse()), "spc.csv");

        var json = await RunJsonAsync("spc", "--input", path, "--improvement", "decrease", "--target", "12");

        var points = json.GetProperty("points");
        Assert.Equal(12, points.GetArrayLength());
        Assert.Equal("2022-01-01", points[0].GetProperty("period").GetString());
        var last = points[11];
        Assert.Equal("Above UCL", last.GetProperty("special_cause_type").GetString());
        Assert.Equal("special_cause_concern", last.GetProperty("point_type").GetString());
        Assert.Equal("concern_high", json.GetProperty("variation_icon").GetString());
        Assert.True(json.GetProperty("short_group_warning").GetBoolean());
        foreach (var name in new[] { "rebase_group", "mean", "lpl", "upl", "nlpl", "nupl" })
        {
            Assert.True(last.TryGetProperty(name, out _), name);
        }
    }

    [Fact]
    public async Task Spc_NeutralDirection_HasNoAssurance()
    {
        var rows = Enumerable.Range(0, 15).Select(i => string.Create(CultureInfo.InvariantCulture, $"{new DateOnly(2020, 1, 1).AddMonths(i):yyyy-MM-dd},{10 + (i % 4)}"));
        var path = PlanFixtures.WriteTemp("period,value\n" + string.Join('\n', rows), "spc.csv");

        var json = await RunJsonAsync("spc", "--input", path, "--improvement", "neutral", "--target", "11");

        Assert.Equal(JsonValueKind.Null, json.GetProperty("assurance").ValueKind);
    }

    [Fact]
    public async Task Spc_AsCsv_HasAHeaderAndARowPerPoint()
    {
        var path = PlanFixtures.WriteTemp("period,value\n2024-01-01,5\n2024-02-01,6\n2024-03-01,7\n", "spc.csv");

        var (exitCode, output, _) = await CliRunner.RunAsync(null, "spc", "--input", path, "--format", "csv");

        Assert.Equal(0, exitCode);
        var lines = output.Trim().Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("period,value,rebase_group,mean,lpl,upl,nlpl,nupl,special_cause_type,point_type", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Spc_WithABadValue_NamesTheLineAndColumn()
    {
        var path = PlanFixtures.WriteTemp("period,value\n2024-01-01,5\n2024-02-01,six\n", "spc.csv");

        var (exitCode, _, error) = await CliRunner.RunAsync(null, "spc", "--input", path);

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"{path}:3:value: value 'six' is not a number", error, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args) => await CliRunner.RunAsync(null, args);

    /// <summary>An observations export as `councilplan data export` writes it, by the exporter's own writer.</summary>
    private static async Task<string> WriteExportAsync(IEnumerable<ObservationRecord> records)
    {
        var path = PlanFixtures.WriteTemp("", "export.csv");
        await using (var stream = File.Create(path))
        {
            await ObservationCsvWriter.WriteAsync(records.ToAsyncEnumerable(), stream);
        }

        return path;
    }

    private static ObservationRecord Record(string measure, Period period, string area, string breakdown, double value) =>
        new(measure, period.Label, area, breakdown, value, null, null, null, null, ObservationStatus.Final, null, true);

    /// <summary>Fourteen rolling 12-month periods a quarter apart, Oct 2021-Sep 2022 first, with values around 11
    /// and a last one far above, so that the series has limits and a special cause to compare.</summary>
    private static List<(Period Period, double Value)> RollingSeries() =>
        [.. Enumerable.Range(0, 14).Select(i => (Period.Of(PeriodType.Rolling12Months, new DateOnly(2021, 10, 1).AddMonths(3 * i)), i == 13 ? 30.0 : 10 + (i % 3) + (0.5 * (i % 2))))];

    private static async Task<string> WriteTwoMeasureExportAsync()
    {
        var series = RollingSeries();
        var records = new List<ObservationRecord>();

        // Written newest first and interleaved with the other measure and a breakdown, so that reading has to
        // pick and order the rows itself.
        foreach (var (period, value) in Enumerable.Reverse(series))
        {
            records.Add(Record("A2-11", period, "E08000007", "", value * 2));
            records.Add(Record("A2-10", period, "E08000007", "sex:female", value + 100));
            records.Add(Record("A2-10", period, "E08000007", "", value));
        }

        return await WriteExportAsync(records);
    }

    [Fact]
    public async Task Spc_ReadsOneMeasureOfAnExport_WithRollingLabels_AsTheSameSeriesGivenAsDates()
    {
        var series = RollingSeries();
        var export = await WriteTwoMeasureExportAsync();
        Assert.Contains("A2-10,Oct 2021-Sep 2022,E08000007,,10,,,,,final,,true", await File.ReadAllTextAsync(export), StringComparison.Ordinal);
        var dated = PlanFixtures.WriteTemp("period,value\n" + string.Join('\n', series.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Period.Start:yyyy-MM-dd},{p.Value}"))), "dated.csv");
        string[] options = ["--improvement", "decrease", "--target", "12"];

        var fromExport = await RunAsync(["spc", "--input", export, "--measure", "A2-10", "--format", "csv", .. options]);
        var fromDates = await RunAsync(["spc", "--input", dated, "--format", "csv", .. options]);

        Assert.True(fromExport.ExitCode == 0, fromExport.Error);
        // Quarterly 12-month windows overlap: the command charts them as asked but says it is unsound.
        Assert.StartsWith("note: consecutive periods overlap", fromExport.Error, StringComparison.Ordinal);
        Assert.Equal("", fromDates.Error);
        var exportLines = fromExport.Out.Trim().Split('\n');
        var dateLines = fromDates.Out.Trim().Split('\n');
        Assert.Equal(15, exportLines.Length);
        Assert.Equal(dateLines[0], exportLines[0]);
        for (var i = 1; i < exportLines.Length; i++)
        {
            // The period column is the label; every other column is what the dated series gives.
            var (label, rest) = (exportLines[i][..exportLines[i].IndexOf(',', StringComparison.Ordinal)], exportLines[i][exportLines[i].IndexOf(',', StringComparison.Ordinal)..]);
            Assert.Equal(series[i - 1].Period.Label, label);
            Assert.Equal(dateLines[i][dateLines[i].IndexOf(',', StringComparison.Ordinal)..], rest);
        }

        Assert.Equal("Oct 2021-Sep 2022", exportLines[1].Split(',')[0]);
        Assert.Equal("Jan-Dec 2022", exportLines[2].Split(',')[0]);
        Assert.Contains("Above UCL", exportLines[14], StringComparison.Ordinal);

        var jsonExport = await RunJsonAsync(["spc", "--input", export, "--measure", "A2-10", .. options]);
        var jsonDates = await RunJsonAsync(["spc", "--input", dated, .. options]);
        Assert.Equal("Jan-Dec 2025", jsonExport.GetProperty("points")[13].GetProperty("period").GetString());
        foreach (var name in new[] { "variation_icon", "assurance", "short_group_warning" })
        {
            Assert.Equal(jsonDates.GetProperty(name).ToString(), jsonExport.GetProperty(name).ToString());
        }
    }

    [Fact]
    public async Task Spc_OnQuarterLabels_GivesWhatTheSameDatesGive()
    {
        var labels = PlanFixtures.WriteTemp("period,value\n2023-24 Q3,7\n2023-24 Q1,5\n2023-24 Q2,9\n2023-24 Q4,6\n", "labels.csv");
        var dates = PlanFixtures.WriteTemp("period,value\n2023-10-01,7\n2023-04-01,5\n2023-07-01,9\n2024-01-01,6\n", "dates.csv");

        var fromLabels = await RunJsonAsync("spc", "--input", labels);
        var fromDates = await RunJsonAsync("spc", "--input", dates);

        var points = fromLabels.GetProperty("points");
        Assert.Equal(["2023-24 Q1", "2023-24 Q2", "2023-24 Q3", "2023-24 Q4"], points.EnumerateArray().Select(p => p.GetProperty("period").GetString()));
        Assert.Equal(
            fromDates.ToString().Replace("2023-04-01", "2023-24 Q1", StringComparison.Ordinal).Replace("2023-07-01", "2023-24 Q2", StringComparison.Ordinal)
                .Replace("2023-10-01", "2023-24 Q3", StringComparison.Ordinal).Replace("2024-01-01", "2023-24 Q4", StringComparison.Ordinal),
            fromLabels.ToString());
    }

    [Fact]
    public async Task Spc_OnMonthsThatIncludeALabelLikeAFinancialYear_ReadsThemAllAsMonths()
    {
        var path = PlanFixtures.WriteTemp("period,value\n2011-11,5\n2011-12,6\n2012-01,7\n", "months.csv");

        var json = await RunJsonAsync("spc", "--input", path);

        Assert.Equal(["2011-11", "2011-12", "2012-01"], json.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("period").GetString()));
    }

    [Fact]
    public async Task Spc_ExportWithTwoMeasuresAndNoMeasureChosen_ListsThem()
    {
        var export = await WriteTwoMeasureExportAsync();

        var (exitCode, output, error) = await RunAsync("spc", "--input", export);

        Assert.Equal(1, exitCode);
        Assert.Equal("", output);
        Assert.Equal("error: the file holds 2 measures (A2-10, A2-11): choose one with --measure", error.Trim());
    }

    [Fact]
    public async Task Spc_ExportWithTwoAreasForTheMeasure_AsksForOne_AndReadsTheChosenOne()
    {
        var period = Period.Of(PeriodType.FinancialQuarter, new DateOnly(2023, 4, 1));
        var export = await WriteExportAsync([
            Record("A2-10", period, "E08000007", "", 5), Record("A2-10", period.Previous, "E08000007", "", 6),
            Record("A2-10", period, "E05000001", "", 50), Record("A2-10", period.Previous, "E05000001", "", 60)]);

        var (exitCode, _, error) = await RunAsync("spc", "--input", export);
        var json = await RunJsonAsync("spc", "--input", export, "--area", "E05000001");

        Assert.Equal(1, exitCode);
        Assert.Equal("error: the file holds 2 areas for measure A2-10 (E05000001, E08000007): choose one with --area", error.Trim());
        Assert.Equal([60.0, 50.0], json.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("value").GetDouble()));
        Assert.Equal("2022-23 Q4", json.GetProperty("points")[0].GetProperty("period").GetString());
    }

    [Fact]
    public async Task Spc_ExportBreakdown_IsReadOnlyWhenChosen()
    {
        var export = await WriteTwoMeasureExportAsync();

        var json = await RunJsonAsync("spc", "--input", export, "--measure", "a2-10", "--breakdown", "sex:female");
        var (exitCode, _, error) = await RunAsync("spc", "--input", export, "--measure", "A2-10", "--breakdown", "sex:male");

        Assert.Equal(RollingSeries().Select(p => p.Value + 100), json.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("value").GetDouble()));
        Assert.Equal(1, exitCode);
        Assert.Equal("error: the file has no rows for breakdown sex:male of measure A2-10 in area E08000007: it holds the whole population, sex:female", error.Trim());
    }

    [Fact]
    public async Task Spc_ExportRowsWithoutAValue_AreLeftOutWithANote()
    {
        var path = PlanFixtures.WriteTemp(
            "measure,period,area,breakdown,value,numerator,denominator,status,quality_note,published\n"
            + "A2-10,2023-04,E08000007,,5,,,final,,true\n"
            + "A2-10,2023-05,E08000007,,[c],,,final,\"small count, suppressed\",true\n"
            + "A2-10,2023-06,E08000007,,6,,,final,\"a note\non two lines\",true\n"
            + "A2-10,2023-07,E08000007,,,,,final,,true\n"
            + "A2-10,2023-08,E08000007,,7,,,final,,true\n",
            "export.csv");

        var (exitCode, output, error) = await RunAsync("spc", "--input", path, "--format", "csv");

        Assert.Equal(0, exitCode);
        Assert.Equal("note: 2 rows with no value (suppressed or missing) left out: lines 3, 6", error.Trim());
        Assert.Equal(["2023-04", "2023-06", "2023-08"], output.Trim().Split('\n').Skip(1).Select(l => l.Split(',')[0]));
    }

    [Theory]
    [InlineData("period,value\n2023-24 Q1,5\n2023-24 Q2,6\n2023-24,7\n", ":4:period: period '2023-24' is a financial year, but line 2's '2023-24 Q1' is a financial quarter: a series has one period type")]
    [InlineData("period,value\nOct 2021-Sep 2022,5\n2022-01-01,6\n", ":3:period: period '2022-01-01' is a date, but line 2 has a label ('Oct 2021-Sep 2022'): write every period the same way")]
    [InlineData("period,value\n2022-01-01,5\n2022-02,6\n", ":3:period: period '2022-02' is a label, but line 2 has a date ('2022-01-01'): write every period the same way")]
    [InlineData("period,value\n2023-24 Q1,5\nQ2 2023,6\n", ":3:period: period 'Q2 2023' is not a date or a period label: write YYYY-MM-DD or a label like 2023-24 Q2, 2023-24, 2023/24 academic, 2023, Oct 2021-Sep 2022 or 2023-04")]
    [InlineData("period,value\n2023-24 Q1,5\n2023/24 Q1,6\n", ":3:period: period '2023/24 Q1' is on line 2 too: a series has one value per period")]
    [InlineData("period,value\n2023-24 Q1,5\n2023-24 Q2,six\n", ":3:value: value 'six' is not a number")]
    [InlineData("value,period\n5,2023\n\"6,5\",2024\n", ":3:value: value '6,5' is not a number")]
    [InlineData("period,value\n2023,\"5\n", ":2:2: a quoted cell is not closed: a '\"' is missing")]
    [InlineData("period,total\n2023,5\n", ":1:1: missing column(s) value: the header must have period,value")]
    [InlineData("\n\n", ":1:1: the file is empty: it needs a header row period,value (or an observations export)")]
    public async Task Spc_WithABadFile_NamesTheLineAndColumn(string content, string expected)
    {
        var path = PlanFixtures.WriteTemp(content, "spc.csv");

        var (exitCode, output, error) = await RunAsync("spc", "--input", path);

        Assert.Equal(1, exitCode);
        Assert.Equal("", output);
        Assert.Equal([path + expected, "1 problem found; nothing was loaded."], error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Spc_WithAFileThatIsNotThere_SaysSo()
    {
        var path = Path.Combine(Path.GetTempPath(), "councilplan-tests", Guid.NewGuid().ToString("N"), "series.csv");

        var (exitCode, _, error) = await RunAsync("spc", "--input", path);

        Assert.Equal(1, exitCode);
        Assert.Equal([path + ": the file does not exist", "1 problem found; nothing was loaded."], error.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("--target", "abc", "error: --target ('abc') is not a number: give the target as a number, like 12")]
    [InlineData("--improvement", "up", "error: --improvement ('up') is not allowed: choose increase, decrease or neutral")]
    [InlineData("--fix-after", "5", "error: --fix-after ('5') must be a whole number of 12 or more")]
    [InlineData("--fix-after", "twelve", "error: --fix-after ('twelve') must be a whole number of 12 or more")]
    [InlineData("--rebase", "2023-24", "error: --rebase ('2023-24') is not a period of the series: write YYYY-MM-DD or a label like '2023-24 Q2'")]
    [InlineData("--measure", "A2-10", "error: --measure is for an observations export, but spc.csv has no measure column: it is read as columns period,value")]
    [InlineData("--format", "xml", "error: --format ('xml') is not allowed: choose json or csv")]
    public async Task Spc_WithABadOption_SaysWhatIsAllowed(string option, string value, string expected)
    {
        var path = PlanFixtures.WriteTemp("period,value\n2023-24 Q1,5\n2023-24 Q2,6\n", "spc.csv");

        var (exitCode, output, error) = await RunAsync("spc", "--input", path, option, value);

        Assert.Equal(1, exitCode);
        Assert.Equal("", output);
        Assert.Equal(expected, error.Trim());
    }

    [Fact]
    public async Task Spc_RebaseAtALabel_StartsANewGroupThere()
    {
        var rows = Enumerable.Range(0, 6).Select(i => $"{Period.Of(PeriodType.FinancialQuarter, new DateOnly(2022, 4, 1).AddMonths(3 * i)).Label},{5 + i}");
        var path = PlanFixtures.WriteTemp("period,value\n" + string.Join('\n', rows), "spc.csv");

        var json = await RunJsonAsync("spc", "--input", path, "--rebase", "2023-24 Q2");

        Assert.Equal([0, 0, 0, 0, 0, 1], json.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("rebase_group").GetInt32()));
    }

    [Theory]
    [InlineData(new[] { "--method", "wilson", "--x", "120", "--n", "100" }, "error: --x (120) cannot be more than --n (100) for a proportion")]
    [InlineData(new[] { "--method", "wilson", "--x", "-5", "--n", "100" }, "error: --x (-5) cannot be negative: give a count of 0 or more")]
    [InlineData(new[] { "--method", "byar", "--x", "-1" }, "error: --x (-1) cannot be negative: give a count of 0 or more")]
    [InlineData(new[] { "--method", "wilson", "--x", "5", "--n", "0" }, "error: --n (0) must be more than 0: it is the denominator")]
    [InlineData(new[] { "--method", "rate", "--x", "5", "--n", "-10" }, "error: --n (-10) must be more than 0: it is the denominator")]
    [InlineData(new[] { "--method", "exact", "--x", "5", "--n", "0" }, "error: --n (0) must be more than 0: it is the denominator")]
    [InlineData(new[] { "--method", "wilson", "--x", "5", "--n", "10", "--confidence", "0.5" }, "error: --confidence (0.5) must be from 0.9 to 1, like 0.95, or a percentage from 90 to 100, like 95")]
    [InlineData(new[] { "--method", "wilson", "--x", "5", "--n", "10", "--confidence", "1.5" }, "error: --confidence (1.5) must be from 0.9 to 1, like 0.95, or a percentage from 90 to 100, like 95")]
    [InlineData(new[] { "--method", "byar", "--x", "5", "--confidence", "100" }, "error: --confidence (100) must be below 1 (100%) for --method byar: such an interval has no finite limits")]
    [InlineData(new[] { "--method", "wilson", "--x", "abc", "--n", "10" }, "error: --x ('abc') is not a number: give the count or numerator, a number of 0 or more, like 65")]
    [InlineData(new[] { "--method", "wilson", "--x", "5", "--n", "ten" }, "error: --n ('ten') is not a number: give the denominator, a number more than 0, like 100")]
    [InlineData(new[] { "--method", "wilson", "--x", "5", "--n", "10", "--confidence", "high" }, "error: --confidence ('high') is not a number: give a level from 0.9 to 1, like 0.95, or a percentage from 90 to 100, like 95")]
    [InlineData(new[] { "--method", "rate", "--x", "5", "--n", "10", "--multiplier", "0" }, "error: --multiplier (0) must be more than 0, like 100 for a percentage")]
    [InlineData(new[] { "--method", "wilson", "--n", "10" }, "error: --x is missing: give the count or numerator, a number of 0 or more, like --x 65")]
    [InlineData(new[] { "--x", "5", "--n", "10" }, "error: --method is missing: choose wilson, byar, exact or rate")]
    [InlineData(new[] { "--method", "poisson", "--x", "5" }, "error: --method ('poisson') is not allowed: choose wilson, byar, exact or rate")]
    [InlineData(new[] { "--method", "rate", "--x", "5" }, "error: --method rate needs --n, the denominator.")]
    public async Task Interval_WithBadInput_SaysWhatIsAllowed(string[] options, string expected)
    {
        var (exitCode, output, error) = await RunAsync(["interval", .. options]);

        Assert.Equal(1, exitCode);
        Assert.Equal("", output);
        Assert.Equal(expected, error.Trim());
    }

    [Fact]
    public async Task Interval_ConfidenceAsAPercentage_IsTheSameAsAFraction()
    {
        var fraction = await RunJsonAsync("interval", "--method", "wilson", "--x", "65", "--n", "100", "--confidence", "0.998");
        var percentage = await RunJsonAsync("interval", "--method", "wilson", "--x", "65", "--n", "100", "--confidence", "99.8");

        Assert.Equal(fraction.ToString(), percentage.ToString());
    }

    [Theory]
    [InlineData("count,population,standard_population\n20,1000,5000\n-3,1000,5000\n", ":3:count: count (-3) cannot be negative")]
    [InlineData("count,population,standard_population\n20,1000,5000\n3,0,5000\n", ":3:population: population (0) must be more than 0")]
    [InlineData("count,population,standard_population\n20,,5000\n", ":2:population: population is missing: every age band needs one, more than 0")]
    [InlineData("count,population,standard_population\n20,1000,many\n", ":2:standard_population: standard_population 'many' is not a number")]
    [InlineData("count,population,standard_population\n20,1000,-1\n", ":2:standard_population: standard_population (-1) cannot be negative")]
    [InlineData("population,count,standard_population\n1000,20,NA\n", ":2:standard_population: standard_population is missing: every age band needs one, 0 or more")]
    [InlineData("count,population,standard_population\n20,1000,0\n5,1000,0\n", ": every standard_population is 0: at least one must be more than 0")]
    [InlineData("count,population,standard_population\n", ":1:1: the file has a header but no rows: it needs one row per age band")]
    [InlineData("count,population\n20,1000\n", ":1:1: missing column(s) standard_population: the header must have count,population,standard_population")]
    [InlineData("", ":1:1: the file is empty: it needs a header row count,population,standard_population")]
    public async Task Dsr_WithABadFile_NamesTheLineAndColumn(string content, string expected)
    {
        var path = PlanFixtures.WriteTemp(content, "dsr.csv");

        var (exitCode, output, error) = await RunAsync("dsr", "--input", path);

        Assert.Equal(1, exitCode);
        Assert.Equal("", output);
        Assert.Equal([path + expected, "1 problem found; nothing was loaded."], error.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("--confidence", "0.5", "error: --confidence (0.5) must be from 0.9 to 1, like 0.95, or a percentage from 90 to 100, like 95")]
    [InlineData("--confidence", "1", "error: --confidence (1) must be below 1 (100%) for a DSR: such an interval has no finite limits")]
    [InlineData("--multiplier", "-5", "error: --multiplier (-5) must be more than 0, like 100000")]
    [InlineData("--multiplier", "lots", "error: --multiplier ('lots') is not a number: give a number more than 0, like 100000")]
    public async Task Dsr_WithABadOption_SaysWhatIsAllowed(string option, string value, string expected)
    {
        var path = PlanFixtures.WriteTemp("count,population,standard_population\n20,10000,5000\n", "dsr.csv");

        var (exitCode, _, error) = await RunAsync("dsr", "--input", path, option, value);

        Assert.Equal(1, exitCode);
        Assert.Equal(expected, error.Trim());
    }
}
