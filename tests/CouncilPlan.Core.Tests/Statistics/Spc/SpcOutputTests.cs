using System.Globalization;
using System.Text;
using System.Text.Json;
using CouncilPlan.Core.Statistics.Spc;
// Inside this namespace "Spc" names the namespace, so the analysis class needs another name.

namespace CouncilPlan.Core.Tests.Statistics.Spc;

/// <summary>The JSON that <c>councilplan spc</c> prints and the CSV of the same points.</summary>
public sealed class SpcOutputTests
{
    // 25 and −25: mean 0, MR-bar 50, limits ±133 and near limits ±88.67; then a rebase to a group of one point (7), which
    // has a mean but NaN limits. The target is compared with the last point's NaN limits: inconsistent.
    private static SpcResult Example(double? target = 10) => SpcAnalysis.Analyse(
        [(new DateOnly(2023, 6, 1), 7), (new DateOnly(2023, 4, 1), 25), (new DateOnly(2023, 5, 1), -25)],
        new SpcOptions(Target: target, RebaseAt: [new DateOnly(2023, 6, 1)]));

    [Fact]
    public void Json_HasTheAgreedShape_WithNullsForMissingLimits()
    {
        const string Expected =
            """{"points":[""" +
            """{"period":"2023-04-01","value":25,"rebase_group":0,"mean":0,"lpl":-133,"upl":133,"nlpl":-88.66666666666667,"nupl":88.66666666666667,"special_cause_type":"Common Cause","point_type":"common_cause"},""" +
            """{"period":"2023-05-01","value":-25,"rebase_group":0,"mean":0,"lpl":-133,"upl":133,"nlpl":-88.66666666666667,"nupl":88.66666666666667,"special_cause_type":"Common Cause","point_type":"common_cause"},""" +
            """{"period":"2023-06-01","value":7,"rebase_group":1,"mean":7,"lpl":null,"upl":null,"nlpl":null,"nupl":null,"special_cause_type":"Common Cause","point_type":"common_cause"}""" +
            """],"variation_icon":"common_cause","assurance":"inconsistent","short_group_warning":true}""";

        Assert.Equal(Expected, SpcJson.Serialize(Example()));
    }

    [Fact]
    public void Json_WithoutTarget_WritesAssuranceNull()
    {
        using var document = JsonDocument.Parse(SpcJson.Serialize(Example(target: null)));

        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("assurance").ValueKind);
    }

    [Fact]
    public void Json_WriteToUtf8JsonWriter_MatchesSerialize()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            SpcJson.Write(Example(), writer);
        }

        Assert.Equal(SpcJson.Serialize(Example()), Encoding.UTF8.GetString(buffer.ToArray()));
    }

    [Fact]
    public void Json_SpecialCauseLabels_AreWrittenVerbatim()
    {
        var result = SpcTestData.Analyse([10, 14, 9, 13, 8, 12, 7, 8, 9, 10, 11, 12, 13, 9, 11]);

        using var document = JsonDocument.Parse(SpcJson.Serialize(result, indented: true));

        var point = document.RootElement.GetProperty("points")[6];
        Assert.Equal("7 Point Trend (Increasing)", point.GetProperty("special_cause_type").GetString());
        Assert.Equal("special_cause_improvement", point.GetProperty("point_type").GetString());
        Assert.Equal(7, point.GetProperty("value").GetDouble());
    }

    [Fact]
    public void Csv_HasHeaderAndOneRowPerPoint()
    {
        const string Expected =
            "period,value,rebase_group,mean,lpl,upl,nlpl,nupl,special_cause_type,point_type\n" +
            "2023-04-01,25,0,0,-133,133,-88.66666666666667,88.66666666666667,Common Cause,common_cause\n" +
            "2023-05-01,-25,0,0,-133,133,-88.66666666666667,88.66666666666667,Common Cause,common_cause\n" +
            "2023-06-01,7,1,7,,,,,Common Cause,common_cause\n";

        Assert.Equal(Expected, SpcCsv.Serialize(Example()));
    }

    [Fact]
    public void Output_DoesNotDependOnCurrentCulture()
    {
        var result = SpcTestData.Analyse([48.2, 47.5, 49.1, 50.3]);
        var invariantJson = SpcJson.Serialize(result);
        var invariantCsv = SpcCsv.Serialize(result);
        var previous = CultureInfo.CurrentCulture;
        try
        {
            // French formats 48.2 as "48,2".
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr-FR");

            Assert.Equal(invariantJson, SpcJson.Serialize(result));
            Assert.Equal(invariantCsv, SpcCsv.Serialize(result));
            Assert.Contains("48.2,", invariantCsv, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
