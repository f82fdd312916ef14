using System.Net;
using CouncilPlan.Core.Users;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CouncilPlan.Web.Tests.Staff.Security;

/// <summary>
/// The server's side of the session limits, on a clock the test moves: 20 minutes without a
/// request ends a session, each request starts the 20 minutes again, and 12 hours after signing
/// in it ends whatever the officer does (the defaults in StaffSecurityOptions).
/// </summary>
public sealed class SessionTimeoutTests(StaffSqliteSite site) : IClassFixture<StaffSqliteSite>
{
    [Fact]
    public async Task ASession_EndsAfter20MinutesWithoutARequest()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var factory = WithClock(clock);
        var (email, password) = await site.AddUserAsync(Roles.Contributor);
        using var browser = new Browser(factory);
        using (await browser.SignInAsync(email, password))
        {
        }

        clock.Advance(TimeSpan.FromMinutes(19));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(browser));

        // The request at 19 minutes started the 20 minutes again: at 38 minutes the session still lives.
        clock.Advance(TimeSpan.FromMinutes(19));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(browser));

        clock.Advance(TimeSpan.FromMinutes(21));
        using var late = await browser.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.Redirect, late.StatusCode);
        Assert.StartsWith("https://localhost/staff/account/sign-in", late.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASession_EndsTwelveHoursAfterSigningIn_HoweverBusyTheOfficer()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var factory = WithClock(clock);
        var (email, password) = await site.AddUserAsync(Roles.Contributor);
        using var browser = new Browser(factory);
        using (await browser.SignInAsync(email, password))
        {
        }

        // A request every 15 minutes keeps the session alive up to the twelfth hour.
        for (var minutes = 15; minutes < 12 * 60; minutes += 15)
        {
            clock.Advance(TimeSpan.FromMinutes(15));
            Assert.True(await StatusAsync(browser) == HttpStatusCode.OK, $"the session ended after {minutes} minutes");
        }

        // That was 11 hours 45 minutes; a minute past the twelfth hour, it is over.
        clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(HttpStatusCode.Redirect, await StatusAsync(browser));
    }

    // A fake clock fires every timer tick an advance passes over: the data version poll's 0.2 seconds
    // would run thousands of times for each step these tests take, for nothing they look at.
    private WebApplicationFactory<Program> WithClock(TimeProvider clock) =>
        StaffSite.Configure(new WebApplicationFactory<Program>(), site.Database, new Dictionary<string, string?> { ["PublicData:PollSeconds"] = "3600" })
            .WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock)));

    private static async Task<HttpStatusCode> StatusAsync(Browser browser)
    {
        using var response = await browser.GetAsync("/staff");
        return response.StatusCode;
    }
}
