using System.Security.Claims;
using System.Text.Encodings.Web;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Users;
using CouncilPlan.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CouncilPlan.Web.Tests.Reports;

/// <summary>A site of its own for the report tests (they freeze and publish), with staff signed in by a test header.</summary>
public abstract class ReportSite(DatabaseProvider provider) : SiteFixture(provider)
{
    public const string UserHeader = "X-Test-User";

    /// <summary>A client signed in as a staff account (created on first use) with one role and, for councillors, a portfolio.</summary>
    public async Task<HttpClient> StaffClientAsync(string id, string role, string? portfolio = null)
    {
        await using (var db = Database.NewContext())
        {
            if (await db.Users.FindAsync(id) is null)
            {
                db.Users.Add(new StaffUser { Id = id, UserName = id + "@council.example", Email = id + "@council.example", DisplayName = id, PortfolioKey = portfolio });
                await db.SaveChangesAsync();
            }
        }

        var client = Factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            {
                services.AddAuthentication(TestAuthentication.Name).AddScheme<AuthenticationSchemeOptions, TestAuthentication>(TestAuthentication.Name, _ => { });
                services.PostConfigure<AuthenticationOptions>(o =>
                {
                    o.DefaultScheme = TestAuthentication.Name;
                    o.DefaultAuthenticateScheme = TestAuthentication.Name;
                    o.DefaultChallengeScheme = TestAuthentication.Name;
                    o.DefaultForbidScheme = TestAuthentication.Name;
                });
                services.AddTransient<IStartupFilter, SignInFirst>();
            }))
            .CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(UserHeader, $"{id}|{role}");
        return client;
    }
}

public sealed class ReportSqliteSite() : ReportSite(DatabaseProvider.Sqlite);

public sealed class ReportPostgresSite() : ReportSite(DatabaseProvider.Postgres);

/// <summary>
/// Signs the test user in before the app's own middleware. This branch's Program has no
/// authentication or authorization middleware yet (the staff security work adds them after
/// routing), so the folder policies cannot run here: the pages' own checks (the officer's roles and
/// portfolio, refused with 403) are what these tests exercise.
/// </summary>
public sealed class SignInFirst : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            var result = await context.AuthenticateAsync(TestAuthentication.Name);
            if (result.Succeeded)
            {
                context.User = result.Principal;
            }

            context.Items["__AuthorizationMiddlewareWithEndpointInvoked"] = true;
            await nextMiddleware(context);
        });
        next(app);
    };
}

/// <summary>Signs in whoever the test header names, with the role it gives: the workspace's own sign-in is not what these tests check.</summary>
public sealed class TestAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Name = "Test";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ReportSite.UserHeader, out var value) || value.ToString().Split('|') is not [var id, var role])
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id), new Claim(ClaimTypes.Name, id), new Claim(ClaimTypes.Role, role)], Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Name)));
    }
}
