using System.Net;
using System.Reflection;
using CouncilPlan.Core.Users;
using CouncilPlan.Web.Pages;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace CouncilPlan.Web.Tests.Staff.Security;

/// <summary>Headers, caching, antiforgery, rate limits and the switch for organisation sign-in.</summary>
public sealed class HardeningTests(StaffSqliteSite site) : IClassFixture<StaffSqliteSite>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/measures")]
    [InlineData("/staff/account/sign-in")]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string path)
    {
        using var browser = site.NewBrowser();

        using var response = await browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task SignedInWorkspacePage_CarriesTheSecurityHeadersAndIsNotStored()
    {
        var (email, password) = await site.AddUserAsync(Roles.Contributor);
        using var browser = site.NewBrowser();
        using (await browser.SignInAsync(email, password))
        {
        }

        using var response = await browser.GetAsync("/staff");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("frame-ancestors 'none'", string.Join(";", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Theory]
    [InlineData("/staff/account/sign-in")]
    [InlineData("/staff/account/sign-out")]
    [InlineData("/staff/account/access-denied")]
    public async Task WorkspacePages_AreNeverStoredByBrowsersOrProxies(string path)
    {
        using var browser = site.NewBrowser();

        using var response = await browser.GetAsync(path);

        Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: Cache-Control {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task SignInPage_IsNotServedFromTheOutputCache()
    {
        using var first = site.NewBrowser();
        await first.PageAsync("/staff/account/sign-in");
        var again = await first.PageAsync("/staff/account/sign-in");
        using var second = site.NewBrowser();

        var other = await second.PageAsync("/staff/account/sign-in");

        string Token(AngleSharp.Html.Dom.IHtmlDocument page) => page.QuerySelector("main input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        Assert.NotEqual(Token(again), Token(other));
    }

    [Fact]
    public async Task Hsts_IsSentOverHttpsForAYearWithSubdomains_AndNotOverHttp()
    {
        using var client = site.Factory.CreateDefaultClient(new Uri("https://plan.council.example"));
        using var plain = site.Factory.CreateDefaultClient(new Uri("http://plan.council.example"));

        using var secure = await client.GetAsync("/");
        using var insecure = await plain.GetAsync("/");

        var hsts = Assert.Single(secure.Headers.GetValues("Strict-Transport-Security"));
        Assert.Contains("max-age=31536000", hsts, StringComparison.Ordinal);
        Assert.Contains("includeSubDomains", hsts, StringComparison.Ordinal);
        Assert.False(insecure.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Post_WithoutTheAntiforgeryToken_IsRefused()
    {
        var (email, password) = await site.AddUserAsync(Roles.Contributor);
        using var browser = site.NewBrowser();
        await browser.PageAsync("/staff/account/sign-in");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });

        using var response = await browser.Client.PostAsync("/staff/account/sign-in", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(browser.Session);
    }

    [Fact]
    public void NoPageWithAForm_OptsOutOfAntiforgery()
    {
        var pages = typeof(Program).Assembly.GetTypes().Where(t => typeof(PageModel).IsAssignableFrom(t) && !t.IsAbstract).ToList();

        // The error page is re-executed for failed requests of every method, a refused POST among them; it has no form and changes nothing.
        var optingOut = pages.Where(t => t.GetCustomAttribute<IgnoreAntiforgeryTokenAttribute>(inherit: true) is not null && t != typeof(ErrorModel)).ToList();

        Assert.Contains(pages, t => t.Name == "SignInModel");
        Assert.Empty(optingOut);
    }

    [Fact]
    public async Task SignIn_FromOneAddress_IsLimitedAndThenAnswered429()
    {
        await using var limited = StaffSite.Configure(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>(), site.Database, new Dictionary<string, string?> { ["Security:SignInAttemptsPerMinute"] = "3" });
        using var browser = new Browser(limited);
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 4; i++)
        {
            using var response = await browser.SubmitAsync("/staff/account/sign-in", new Dictionary<string, string> { ["Email"] = "nobody@example.gov.uk", ["Password"] = "not a real password" });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        using var page = await browser.GetAsync("/staff/account/sign-in");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task OrganisationSignIn_IsOffWithoutConfiguration()
    {
        using var browser = site.NewBrowser();

        var page = await browser.PageAsync("/staff/account/sign-in");

        Assert.Null(await site.Factory.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync("oidc"));
        Assert.DoesNotContain("organisation account", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Single(page.QuerySelectorAll("main form"));
    }

    [Fact]
    public async Task OrganisationSignIn_IsSwitchedOnByConfigurationAlone()
    {
        await using var configured = StaffSite.Configure(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>(), site.Database, new Dictionary<string, string?>
        {
            ["Authentication:OpenIdConnect:Authority"] = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0",
            ["Authentication:OpenIdConnect:ClientId"] = "councilplan-test",
            ["Authentication:OpenIdConnect:ClientSecret"] = "not-a-real-secret",
        });
        using var browser = new Browser(configured);

        using var response = await browser.GetAsync("/staff/account/sign-in");
        var page = await Browser.ParseAsync(response);

        var scheme = await configured.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync("oidc");
        Assert.NotNull(scheme);
        Assert.Equal(IdentityConstants.ExternalScheme, configured.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions>>().Get("oidc").SignInScheme);
        var button = page.QuerySelector("main form[action^='/staff/account/external-sign-in'] button");
        Assert.Equal("Sign in with your organisation account", button?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("main form[action^='/staff/account/external-sign-in'] input[name=__RequestVerificationToken]"));
        Assert.Contains("form-action 'self' https://login.microsoftonline.com", string.Join(";", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }
}
