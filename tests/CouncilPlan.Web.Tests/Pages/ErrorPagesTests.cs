using System.Net;
using CouncilPlan.Web.Tests.Staff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CouncilPlan.Web.Tests.Pages;

/// <summary>
/// A failure shows residents the friendly page (or, in the API, problem details) in every
/// environment, Development included, since `dotnet run` starts Development: the developer
/// exception page only when Diagnostics:DetailedErrors is set on purpose.
/// </summary>
public sealed class ErrorPagesTests(StaffSqliteSite site) : IClassFixture<StaffSqliteSite>
{
    private const string Secret = "Kaboom-5f1c: connection string Password=hunter2 in /srv/councilplan/Secret.cs";

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task PageFailure_ShowsTheFriendlyPage_WithNothingOfTheException(string environment)
    {
        await using var app = Failing(environment);
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("Accept", "text/html");
        client.DefaultRequestHeaders.Add("X-Private-Header", "do-not-echo");

        using var response = await client.GetAsync("/test/failure");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Sorry, there is a problem with the service", body, StringComparison.Ordinal);
        AssertNothingLeaks(body);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task ApiFailure_IsAProblem_WithNothingOfTheException(string environment)
    {
        await using var app = Failing(environment);
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Private-Header", "do-not-echo");

        using var response = await client.GetAsync("/api/v1/test/failure");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Sorry, there is a problem with the service", body, StringComparison.Ordinal);
        AssertNothingLeaks(body);
    }

    [Fact]
    public async Task InDevelopment_ABadApiRequest_IsAProblemNotTheDeveloperPage()
    {
        await using var app = Failing("Development");
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/api/v1/observations?page_size=abc");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DetailedErrors_SetOnPurpose_ShowsTheDeveloperPage()
    {
        // The other side of the switch, and proof that the tests above would see a leak.
        await using var app = Failing("Development", detailed: true);
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("Accept", "text/html");

        using var response = await client.GetAsync("/test/failure");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Kaboom-5f1c", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static void AssertNothingLeaks(string body)
    {
        Assert.DoesNotContain("Kaboom", body, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain(".cs:line", body, StringComparison.Ordinal);
        Assert.DoesNotContain("/srv/", body, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Private-Header", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("do-not-echo", body, StringComparison.Ordinal);
    }

    /// <summary>The app in <paramref name="environment"/>, with two addresses that fail (a page and an API route), as a bug would.</summary>
    private WebApplicationFactory<Program> Failing(string environment, bool detailed = false) =>
        StaffSite.Configure(new WebApplicationFactory<Program>(), site.Database, detailed ? new Dictionary<string, string?> { ["Diagnostics:DetailedErrors"] = "true" } : new Dictionary<string, string?>())
            .WithWebHostBuilder(builder =>
            {
                builder.UseEnvironment(environment);
                builder.ConfigureTestServices(services => services.AddTransient<IStartupFilter, FailingRoutes>());
            });

    /// <summary>After the app's own pipeline, so inside its error handling: requests nothing else answered reach it.</summary>
    private sealed class FailingRoutes : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((context, nextMiddleware) => context.Request.Path == "/test/failure" || context.Request.Path == "/api/v1/test/failure"
                ? throw new InvalidOperationException(Secret)
                : nextMiddleware(context));
        };
    }
}
