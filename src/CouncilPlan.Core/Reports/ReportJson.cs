using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CouncilPlan.Core.Reports;

/// <summary>How a report model is stored in a snapshot: the same model always gives the same text.</summary>
public static class ReportJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(PortfolioReport report) => JsonSerializer.Serialize(report, Options);

    public static PortfolioReport Deserialize(string json) =>
        JsonSerializer.Deserialize<PortfolioReport>(json, Options) ?? throw new InvalidOperationException("The stored report is empty.");

    public static string Sha256(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
}
