using System.Net;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Users;
using CouncilPlan.Web.Staff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CouncilPlan.Web.Tests.Staff.Security;

/// <summary>
/// Behind a TLS-terminating reverse proxy: the proxy talks plain HTTP to the app and says in
/// X-Forwarded-* who the client is and that it came over HTTPS. Only configured proxies are believed.
/// </summary>
public sealed class ProxyTests(StaffSqliteSite site) : IClassFixture<StaffSqliteSite>
{
    private const string Proxy = "10.1.2.3";

    private const string PeerHeader = "X-Test-Peer";

    private static readonly Uri Behind = new("http://plan.council.example");

    [Fact]
    public async Task FromATrustedProxy_ForwardedHttps_ServesTheSignInPageAsHttps()
    {
        await using var app = App(new() { ["ForwardedHeaders:KnownProxies"] = Proxy });
        using var client = Client(app, Proxy, client: "203.0.113.5");

        using var response = await client.GetAsync("/staff/account/sign-in");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
        var antiforgery = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-councilplan-antiforgery=", StringComparison.Ordinal));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task FromATrustedNetwork_ForwardedHttps_ServesTheSignInPage()
    {
        await using var app = App(new() { ["ForwardedHeaders:KnownNetworks"] = "10.1.0.0/16" });
        using var client = Client(app, "10.1.200.9", client: "203.0.113.5");

        using var response = await client.GetAsync("/staff/account/sign-in");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("198.51.100.7")]
    [InlineData("127.0.0.1")]
    public async Task FromAnAddressNotConfigured_TheHeadersAreIgnored(string peer)
    {
        // Loopback among them: the framework would trust it by default, this app trusts nothing unless told.
        await using var app = App(new() { ["ForwardedHeaders:KnownProxies"] = Proxy });
        using var client = Client(app, peer, client: "203.0.113.5");

        using var response = await client.GetAsync("/staff/account/sign-in");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("__Host-", StringComparison.Ordinal));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("Sorry, there is a problem with the service", body, StringComparison.Ordinal);
        Assert.DoesNotContain("SSL", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInLimit_CountsEachClientBehindTheProxySeparately()
    {
        await using var app = App(new() { ["ForwardedHeaders:KnownProxies"] = Proxy, ["Security:SignInAttemptsPerMinute"] = "2" });
        using var first = ProxiedBrowser(app, "203.0.113.10");
        using var second = ProxiedBrowser(app, "203.0.113.11");

        var firstStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await first.SubmitAsync("/staff/account/sign-in", new Dictionary<string, string> { ["Email"] = "nobody@example.gov.uk", ["Password"] = "not a real password" });
            firstStatuses.Add(response.StatusCode);
        }

        using var other = await second.SubmitAsync("/staff/account/sign-in", new Dictionary<string, string> { ["Email"] = "nobody@example.gov.uk", ["Password"] = "not a real password" });

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], firstStatuses);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task SignIn_IsAuditedFromTheClientsAddress_NotTheProxys()
    {
        await using var app = App(new() { ["ForwardedHeaders:KnownProxies"] = Proxy });
        var (email, password) = await site.AddUserAsync(Roles.Contributor);
        using var browser = ProxiedBrowser(app, "203.0.113.44");

        using var response = await browser.SignInAsync(email, password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CouncilPlanDb>();
        var signedIn = await db.AuditEntries.SingleAsync(a => a.Who == email && a.Action == SecurityEvents.SignedIn);
        Assert.Equal("203.0.113.44", signedIn.FromWhere);
    }

    private WebApplicationFactory<Program> App(Dictionary<string, string?> settings) =>
        StaffSite.Configure(new WebApplicationFactory<Program>(), site.Database, settings)
            .WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
                services.Insert(0, ServiceDescriptor.Transient<IStartupFilter, PeerAddress>())));

    private static HttpClient Client(WebApplicationFactory<Program> app, string peer, string client)
    {
        var http = app.CreateDefaultClient(Behind);
        Forwarded(http, peer, client);
        return http;
    }

    private static Browser ProxiedBrowser(WebApplicationFactory<Program> app, string client)
    {
        var browser = new Browser(app);
        Forwarded(browser.Client, Proxy, client);
        return browser;
    }

    /// <summary>What a TLS-terminating proxy at <paramref name="peer"/> adds to a request from <paramref name="client"/>.</summary>
    private static void Forwarded(HttpClient http, string peer, string client)
    {
        http.DefaultRequestHeaders.Add(PeerHeader, peer);
        http.DefaultRequestHeaders.Add("X-Forwarded-For", client);
        http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        http.DefaultRequestHeaders.Add("X-Forwarded-Host", "plan.council.example");
    }

    /// <summary>
    /// The test server has no network connection: this sets the address the request "comes from"
    /// (the TCP peer, here the proxy), first of all, before the app's own pipeline.
    /// </summary>
    private sealed class PeerAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.Remove(PeerHeader, out var peer))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
