using AngleSharp.Html.Dom;
using CouncilPlan.Core.Data;
using CouncilPlan.Web.Tests.Staff.Security;

namespace CouncilPlan.Web.Tests.Reports;

/// <summary>A site of its own for the report tests (they freeze and publish), where staff sign in as they do in production.</summary>
public abstract class ReportSite(DatabaseProvider provider) : StaffSite(provider)
{
    private HttpClient? client;

    /// <summary>A visitor with no account.</summary>
    public HttpClient Client => client ??= NewBrowser().Client;

    public async Task<IHtmlDocument> GetPageAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}");
        return await SiteFixture.ParseAsync(response);
    }

    /// <summary>A client signed in, through the sign-in page, as <paramref name="id"/>@council.example with one role and, for councillors, a portfolio.</summary>
    public async Task<HttpClient> StaffClientAsync(string id, string role, string? portfolio = null)
    {
        var (browser, _) = await SignedInAsync(role, $"{id}@council.example", portfolio);
        return browser.Client;
    }
}

public sealed class ReportSqliteSite() : ReportSite(DatabaseProvider.Sqlite);

public sealed class ReportPostgresSite() : ReportSite(DatabaseProvider.Postgres);
