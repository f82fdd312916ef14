using System.Net;
using CouncilPlan.Core.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CouncilPlan.Web.Tests.Staff.Security;

/// <summary>
/// Wrong passwords slow down the next attempt, by account and by client address, and never lock an
/// account for long; every refusal reads the same, once on each database. The app runs on a clock the
/// tests move on, and each test signs in from its own client address.
/// </summary>
public abstract class SignInThrottleTests<TSite>(TSite site) : IClassFixture<TSite>
    where TSite : StaffSite
{
    private const string PeerHeader = "X-Test-Peer";

    private static readonly SignInThrottleOptions Defaults = new();

    [Fact]
    public async Task UnknownWrongDisabledLockedAndThrottled_AllGetTheSameStatusAndErrorSummary()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = App(clock);
        var (email, password) = await site.AddUserAsync(Roles.Contributor);
        var (disabled, disabledPassword) = await site.AddUserAsync(Roles.Contributor);
        var (locked, lockedPassword) = await site.AddUserAsync(Roles.Contributor);
        await using (var scope = site.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<StaffAccounts>().DisableAsync(disabled);
        }

        // Locked as wrong second-factor codes lock it (Identity's own lockout, kept for that step).
        await site.WithUsersAsync(async users => (await users.SetLockoutEndDateAsync((await users.FindByEmailAsync(locked))!, TimeProvider.System.GetUtcNow().AddMinutes(15))).Succeeded);
        using var browser = BrowserFrom(app, "203.0.113.21");

        var unknown = await AttemptAsync(browser, $"nobody-{Guid.NewGuid():N}@example.gov.uk", "not the right password");
        var wrong = await AttemptAsync(browser, email, "not the right password");
        var disabledAnswer = await AttemptAsync(browser, disabled, disabledPassword);
        var lockedAnswer = await AttemptAsync(browser, locked, lockedPassword);
        for (var i = 1; i < Defaults.AccountFailures; i++)
        {
            await AttemptAsync(browser, email, $"wrong password number {i}");
        }

        var throttled = await AttemptAsync(browser, email, password);

        Assert.Equal(HttpStatusCode.OK, unknown.Status);
        Assert.Contains("Enter a correct email address and password", unknown.Summary, StringComparison.Ordinal);
        (HttpStatusCode Status, string Summary)[] others = [wrong, disabledAnswer, lockedAnswer, throttled];
        Assert.All(others, answer => Assert.Equal(unknown, answer));
        Assert.Null(browser.Session);
    }

    [Fact]
    public async Task AfterFiveWrongPasswords_TheAccountWaits_ThenTheRightPasswordWorks_AndIsNeverLocked()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = App(clock);
        var (email, password) = await site.AddUserAsync(Roles.Contributor);
        using var browser = BrowserFrom(app, "203.0.113.22");

        for (var i = 0; i < Defaults.AccountFailures; i++)
        {
            await AttemptAsync(browser, email, $"wrong password number {i}");
        }

        // The first wait (30 seconds by default): the right password is not even checked.
        clock.Advance(TimeSpan.FromSeconds(Defaults.FirstDelaySeconds / 2));
        Assert.Equal(HttpStatusCode.OK, (await AttemptAsync(browser, email, password)).Status);
        Assert.Null(browser.Session);

        // Once it has passed, one more wrong password doubles the wait.
        clock.Advance(TimeSpan.FromSeconds(Defaults.FirstDelaySeconds));
        await AttemptAsync(browser, email, "still the wrong password");
        clock.Advance(TimeSpan.FromSeconds(Defaults.FirstDelaySeconds + 5));
        Assert.Equal(HttpStatusCode.OK, (await AttemptAsync(browser, email, password)).Status);
        Assert.Null(browser.Session);

        clock.Advance(TimeSpan.FromSeconds(Defaults.FirstDelaySeconds));
        using (var right = await browser.SignInAsync(email, password))
        {
            Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        }

        Assert.NotNull(browser.Session);
        Assert.Null(await site.WithUsersAsync(async users => (await users.FindByEmailAsync(email))!.LockoutEnd));

        // Signing in started the account's count again: one wrong password does not make the next attempt wait.
        using var again = BrowserFrom(app, "203.0.113.22");
        await AttemptAsync(again, email, "one slip");
        using var next = await again.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        await using var db = site.Database.NewContext();
        Assert.False(await db.SignInFailures.AnyAsync(f => f.Key == SignInThrottle.AccountKey(email)));
    }

    [Fact]
    public async Task GuessingOnPurpose_KeepsAColleagueOutForNoMoreThanTheLongestWait()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = App(clock);
        var (email, password) = await site.AddUserAsync(Roles.Approver);
        using var attacker = BrowserFrom(app, "203.0.113.23");
        var longest = TimeSpan.FromSeconds(Defaults.LongestDelaySeconds);

        // Every guess counts (each waits out the last wait), so the wait has doubled past the longest.
        for (var i = 0; i < Defaults.AccountFailures + 8; i++)
        {
            await AttemptAsync(attacker, email, $"a guess {i}");
            clock.Advance(longest + TimeSpan.FromSeconds(1));
        }

        await AttemptAsync(attacker, email, "the last guess");
        clock.Advance(longest + TimeSpan.FromSeconds(1));
        using var colleague = BrowserFrom(app, "198.51.100.23");
        using var right = await colleague.SignInAsync(email, password);

        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.NotNull(colleague.Session);
    }

    [Fact]
    public async Task OneAddressTryingManyAccounts_IsMadeToWait_WhileOtherAddressesAreNot()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var app = App(clock);
        var (email, password) = await site.AddUserAsync(Roles.Contributor);
        using var sprayer = BrowserFrom(app, "203.0.113.24");

        // One guess each at many addresses: no account reaches its own threshold.
        for (var i = 0; i < Defaults.AddressFailures; i++)
        {
            await AttemptAsync(sprayer, $"someone-{i}-{Guid.NewGuid():N}@example.gov.uk", "Password12345!");
        }

        var refused = await AttemptAsync(sprayer, email, password);
        using var elsewhere = BrowserFrom(app, "198.51.100.24");
        using (var other = await elsewhere.SignInAsync(email, password))
        {
            Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("Enter a correct email address and password", refused.Summary, StringComparison.Ordinal);
        Assert.Null(sprayer.Session);

        // The same address's IPv6 neighbours are the same client: an IPv6 /64 counts as one.
        Assert.Equal(SignInThrottle.AddressKey(IPAddress.Parse("2001:db8:1:2::1")), SignInThrottle.AddressKey(IPAddress.Parse("2001:db8:1:2:ffff::9")));
        Assert.NotEqual(SignInThrottle.AddressKey(IPAddress.Parse("2001:db8:1:2::1")), SignInThrottle.AddressKey(IPAddress.Parse("2001:db8:1:3::1")));

        clock.Advance(TimeSpan.FromSeconds(Defaults.FirstDelaySeconds + 1));
        using var later = await sprayer.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
    }

    [Fact]
    public async Task Unlock_ByAnAdministrator_EndsTheWait()
    {
        await using var app = App(new FakeTimeProvider(TimeProvider.System.GetUtcNow()));
        var (email, password) = await site.AddUserAsync(Roles.Contributor);
        using var browser = BrowserFrom(app, "203.0.113.25");
        for (var i = 0; i < Defaults.AccountFailures; i++)
        {
            await AttemptAsync(browser, email, $"wrong password number {i}");
        }

        await using (var scope = site.Factory.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
            Assert.True(Assert.Single(await accounts.ListAsync(), u => u.Email == email).LockedOut);
            Assert.Equal("unlocked", await accounts.UnlockAsync(email));
            Assert.False(Assert.Single(await accounts.ListAsync(), u => u.Email == email).LockedOut);
        }

        using var right = await browser.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(4, 0)]
    [InlineData(5, 30)]
    [InlineData(6, 60)]
    [InlineData(7, 120)]
    [InlineData(8, 240)]
    [InlineData(9, 300)]
    [InlineData(1000, 300)]
    public void Delay_DoublesFromTheThresholdUpToTheLongest(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), SignInThrottle.Delay(failures, Defaults.AccountFailures, Defaults));

    /// <summary>The status and the error summary, as the page gives them.</summary>
    private static async Task<(HttpStatusCode Status, string Summary)> AttemptAsync(Browser browser, string email, string password)
    {
        using var response = await browser.SignInAsync(email, password);
        var page = await Browser.ParseAsync(response);
        return (response.StatusCode, page.QuerySelector(".govuk-error-summary")?.OuterHtml ?? "(no error summary)");
    }

    // A fake clock fires every timer tick an advance passes over: the data version poll's 0.2 seconds
    // would run hundreds of times for each wait these tests skip, for nothing they look at.
    private WebApplicationFactory<Program> App(TimeProvider clock) =>
        StaffSite.Configure(new WebApplicationFactory<Program>(), site.Database, new Dictionary<string, string?> { ["Security:SignInAttemptsPerMinute"] = "1000", ["PublicData:PollSeconds"] = "3600" })
            .WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            {
                services.AddSingleton(clock);
                services.Insert(0, ServiceDescriptor.Transient<IStartupFilter, PeerAddress>());
            }));

    private static Browser BrowserFrom(WebApplicationFactory<Program> app, string address)
    {
        var browser = new Browser(app);
        browser.Client.DefaultRequestHeaders.Add(PeerHeader, address);
        return browser;
    }

    /// <summary>The test server has no network connection: this sets the address a request comes from.</summary>
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

public sealed class SqliteSignInThrottleTests(StaffSqliteSite site) : SignInThrottleTests<StaffSqliteSite>(site);

public sealed class PostgresSignInThrottleTests(StaffPostgresSite site) : SignInThrottleTests<StaffPostgresSite>(site);
