using System.Text.Json;
using System.Text.Json.Nodes;
using CouncilPlan.Testing;

namespace CouncilPlan.Web.Tests.Api;

/// <summary>
/// The OpenAPI document is the API's contract: a change to it must show as a diff of the committed
/// copy (tests/CouncilPlan.Web.Tests/Api/openapi-v1.json). When the change is intended, copy the
/// document this test writes next to the test output over the committed one.
/// </summary>
public sealed class OpenApiContractTests(SqliteSite site) : IClassFixture<SqliteSite>
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Fact]
    public async Task OpenApiDocument_MatchesTheCommittedCopy()
    {
        var served = Normalise(await site.Client.GetStringAsync("/api/v1/openapi.json"));
        var committedPath = Path.Combine(RepositoryFiles.Root, "tests", "CouncilPlan.Web.Tests", "Api", "openapi-v1.json");
        var actualPath = Path.Combine(AppContext.BaseDirectory, "openapi-v1.actual.json");
        await File.WriteAllTextAsync(actualPath, served);

        Assert.True(File.Exists(committedPath), $"No committed OpenAPI document: copy {actualPath} to {committedPath}");
        Assert.Equal(Normalise(await File.ReadAllTextAsync(committedPath)), served);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesEveryResource()
    {
        var document = JsonNode.Parse(await site.Client.GetStringAsync("/api/v1/openapi.json"))!;
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();

        Assert.Equal(["/api/v1/areas", "/api/v1/evidence", "/api/v1/measures", "/api/v1/measures/{code}", "/api/v1/observations", "/api/v1/plan", "/api/v1/plan/elements"], paths.Order(StringComparer.Ordinal));
        Assert.Equal("CouncilPlan open data API", document["info"]!["title"]!.GetValue<string>());
    }

    /// <summary>Indentation and line endings are not part of the contract.</summary>
    private static string Normalise(string json) => JsonNode.Parse(json)!.ToJsonString(Indented).Replace("\r\n", "\n", StringComparison.Ordinal);
}
