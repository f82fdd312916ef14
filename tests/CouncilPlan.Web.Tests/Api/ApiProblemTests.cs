using System.Net;
using System.Text.Json;

namespace CouncilPlan.Web.Tests.Api;

/// <summary>Every mistake in a request to the API is answered with problem details (RFC 9457) that say what was wrong, and nothing of the server.</summary>
public abstract class ApiProblemTests<TSite>(TSite site) : IClassFixture<TSite>
    where TSite : SiteFixture
{
    private async Task<JsonElement> ProblemAsync(string path, HttpStatusCode status)
    {
        using var response = await site.Client.GetAsync(path);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        return problem;
    }

    [Theory]
    [InlineData("page_size=abc", "page_size", "1 to 1000")]
    [InlineData("page_size=0", "page_size", "1 to 1000")]
    [InlineData("page_size=1001", "page_size", "1 to 1000")]
    [InlineData("page=abc", "page", "whole number from 1")]
    [InlineData("page=0", "page", "whole number from 1")]
    [InlineData("page=-1", "page", "whole number from 1")]
    [InlineData("page=99999999999", "page", "whole number from 1")]
    [InlineData("from=banana", "from", "YYYY-MM-DD")]
    [InlineData("to=2024-13-01", "to", "YYYY-MM-DD")]
    [InlineData("format=xml", "format", "json or csv")]
    public async Task Observations_WithAParameterThatCannotBeRead_Answer400NamingIt(string query, string parameter, string allowed)
    {
        var problem = await ProblemAsync($"/api/v1/observations?measure=T2-01&{query}", HttpStatusCode.BadRequest);

        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        Assert.Contains(allowed, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Observations_PageFarPastTheEnd_IsEmptyWithNoNextPage()
    {
        using var response = await site.Client.GetAsync("/api/v1/observations?page=2147483647&page_size=1000");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Empty(page.GetProperty("items").EnumerateArray());
        Assert.Equal(2147483647, page.GetProperty("page").GetInt32());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task Observations_PageJustPastTheEnd_IsEmpty()
    {
        var all = JsonDocument.Parse(await site.Client.GetStringAsync("/api/v1/observations?measure=T2-01&page_size=1000")).RootElement;
        var count = all.GetProperty("items").GetArrayLength();
        Assert.InRange(count, 1, 999);

        var past = JsonDocument.Parse(await site.Client.GetStringAsync($"/api/v1/observations?measure=T2-01&page_size={count}&page=2")).RootElement;

        Assert.Empty(past.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task UnknownMeasure_Is404ProblemNamingIt()
    {
        var problem = await ProblemAsync("/api/v1/measures/NOPE", HttpStatusCode.NotFound);

        Assert.Contains("NOPE", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("measure=NOPE", "measure", "NOPE")]
    [InlineData("measure=T2-01&measure=NOPE", "measure", "NOPE")]
    [InlineData("area=NOPE", "area", "NOPE")]
    [InlineData("measure=T2-01&area=E08000007&area=E99999999", "area", "E99999999")]
    public async Task Observations_FilteredByAnUnknownCode_Answer404NamingIt(string query, string parameter, string code)
    {
        var problem = await ProblemAsync($"/api/v1/observations?{query}", HttpStatusCode.NotFound);

        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Contains(code, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoSuchApiAddress_Is404Problem()
    {
        await ProblemAsync("/api/v1/nothing-here", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task KnownCodes_StillAnswer200()
    {
        using var response = await site.Client.GetAsync("/api/v1/observations?measure=T2-01&area=E08000007&from=2020-01-01&page=1&page_size=10");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

public sealed class ApiProblemsOnSqlite(SqliteSite site) : ApiProblemTests<SqliteSite>(site);

public sealed class ApiProblemsOnPostgres(PostgresSite site) : ApiProblemTests<PostgresSite>(site);
