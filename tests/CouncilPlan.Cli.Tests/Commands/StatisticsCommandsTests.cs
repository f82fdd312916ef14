using System.Globalization;
using System.Text.Json;
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
        Assert.Contains($"{path}:3:2: value 'six' is not a number", error, StringComparison.Ordinal);
    }
}
