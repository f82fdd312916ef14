using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using CouncilPlan.Core.Users;
using CouncilPlan.Testing;
using CouncilPlan.Web.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CouncilPlan.Web.Tests.Staff.Security;

/// <summary>Signing in, second factors, sessions and sign-out, as a browser does them, once on each database.</summary>
public abstract class SignInTests<TSite>(TSite site) : IClassFixture<TSite>
    where TSite : StaffSite
{
    private static readonly Dictionary<string, string> NoFields = [];

    [Fact]
    public async Task SignIn_WithTheRightPassword_IssuesAHardenedSessionCookieAndOpensTheWorkspace()
    {
        var (email, password) = await site.AddUserAsync(Roles.Contributor);
        using var browser = site.NewBrowser();

        using var response = await browser.SignInAsync(email, password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/staff", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(Browser.SessionCookie + "=", StringComparison.Ordinal));
        var attributes = cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.Contains("path=/", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("domain", StringComparison.Ordinal));
        Assert.DoesNotContain(attributes, a => a.StartsWith("expires", StringComparison.Ordinal) || a.StartsWith("max-age", StringComparison.Ordinal));

        var workspace = await browser.PageAsync("/staff");
        Assert.Equal("My updates", workspace.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Test User", workspace.GetElementById("councilplan-session")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Workspace_WhenNotSignedIn_SendsToSignInWithTheWayBack()
    {
        using var browser = site.NewBrowser();

        using var response = await browser.GetAsync("/staff");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://localhost/staff/account/sign-in?returnUrl=%2Fstaff", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WithAWrongPassword_ShowsAnErrorInTheDesignSystemsPattern()
    {
        var (email, _) = await site.AddUserAsync(Roles.Contributor);
        using var browser = site.NewBrowser();

        using var response = await browser.SignInAsync(email, "not the right password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browser.ParseAsync(response);
        Assert.StartsWith("Error: Sign in", page.Title, StringComparison.Ordinal);
        Assert.Equal("Enter a correct email address and password", page.QuerySelector(".govuk-error-summary__list a[href='#email']")!.TextContent);
        Assert.NotNull(page.QuerySelector("#email.govuk-input--error"));
        Assert.Single(page.QuerySelectorAll("h1"));
        Assert.Null(browser.Session);
    }

    [Fact]
    public async Task PasswordHash_IsPbkdf2WithHmacSha512AndAtLeast210000Iterations()
    {
        var (email, _) = await site.AddUserAsync(Roles.Councillor);

        var hash = Convert.FromBase64String((await site.WithUsersAsync(async users => (await users.FindByEmailAsync(email))!.PasswordHash))!);

        Assert.Equal(0x01, hash[0]);
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(1)));
        Assert.True(BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(5)) >= 210_000);
        Assert.Equal(210_000u, BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(5)));
        var saltLength = (int)BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(9));
        Assert.Equal(16, saltLength);
        Assert.Equal(13 + saltLength + 32, hash.Length);
    }

    [Fact]
    public async Task FirstSignIn_WithTheOneTimePassword_MustChooseANewPasswordBeforeAnythingElse()
    {
        var (email, oneTime) = await site.AddUserAsync(Roles.Approver, ownPassword: false);
        using var browser = site.NewBrowser();

        using var signIn = await browser.SignInAsync(email, oneTime);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        using var held = await browser.GetAsync("/staff");
        Assert.Equal("/staff/account/change-password", held.Headers.Location?.OriginalString);

        using var common = await browser.SubmitAsync("/staff/account/change-password", new Dictionary<string, string> { ["CurrentPassword"] = oneTime, ["NewPassword"] = "Password12345!" });
        var commonPage = await Browser.ParseAsync(common);
        Assert.StartsWith("Error: ", commonPage.Title, StringComparison.Ordinal);
        Assert.Contains("too easy to guess", commonPage.QuerySelector("#new-password-error")!.TextContent, StringComparison.Ordinal);

        // The hint's own example is the first passphrase anyone would try: it is refused, however typed.
        var choose = await browser.PageAsync("/staff/account/change-password");
        Assert.Contains("‘kettle otter lantern’", choose.GetElementById("new-password-hint")!.TextContent, StringComparison.Ordinal);
        using var example = await browser.SubmitAsync(choose, "/staff/account/change-password", new Dictionary<string, string> { ["CurrentPassword"] = oneTime, ["NewPassword"] = "Kettle Otter  Lantern" });
        Assert.Equal(HttpStatusCode.OK, example.StatusCode);
        Assert.Contains("must not be the example", (await Browser.ParseAsync(example)).QuerySelector("#new-password-error")!.TextContent, StringComparison.Ordinal);

        using var wrongCurrent = await browser.SubmitAsync("/staff/account/change-password", new Dictionary<string, string> { ["CurrentPassword"] = "not it at all", ["NewPassword"] = "violet harbour tram" });
        Assert.Contains("not correct", (await Browser.ParseAsync(wrongCurrent)).QuerySelector("#current-password-error")!.TextContent, StringComparison.Ordinal);

        using var changed = await browser.SubmitAsync("/staff/account/change-password", new Dictionary<string, string> { ["CurrentPassword"] = oneTime, ["NewPassword"] = "violet harbour tram" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        using var open = await browser.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        Assert.False(await site.WithUsersAsync(async users => (await users.FindByEmailAsync(email))!.MustChangePassword));

        await using var db = site.Database.NewContext();
        var entries = await db.AuditEntries.Where(e => e.Key == email).ToListAsync();
        Assert.Contains(entries, e => e.Action == "password changed" && e.Who == email);
        Assert.Contains(entries, e => e.Action == "changed" && e.Entity == "StaffUser" && e.Who == email && e.After!.Contains("MustChangePassword", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Action == "signed in" && e.Who == email);
    }

    [Fact]
    public async Task SignOut_EndsTheSessionOnTheServer_SoACopiedCookieIsRefused()
    {
        var (email, password) = await site.AddUserAsync(Roles.Contributor);
        using var browser = site.NewBrowser();
        using (await browser.SignInAsync(email, password))
        {
        }

        var copied = browser.CookieHeader;
        Assert.Contains(Browser.SessionCookie, copied, StringComparison.Ordinal);
        using (var before = await WithCookieAsync(copied, "/staff"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var workspace = await browser.PageAsync("/staff");
        using var signedOut = await browser.SubmitAsync(workspace, "/staff", NoFields, "form[action='/staff/account/sign-out']");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        using var reused = await WithCookieAsync(copied, "/staff");
        Assert.Equal(HttpStatusCode.Redirect, reused.StatusCode);
        Assert.StartsWith("https://localhost/staff/account/sign-in", reused.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal("You have signed out", (await browser.PageAsync("/staff/account/sign-out")).QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task TwoFactor_SetUpWithACodeFromTheKey_ThenSignInNeedsACurrentCodeUsedOnce()
    {
        var (email, password) = await site.AddUserAsync(Roles.PerformanceTeam);
        using var browser = site.NewBrowser();
        using (await browser.SignInAsync(email, password))
        {
        }

        var setUp = await browser.PageAsync("/staff/account/set-up-authenticator");
        Assert.StartsWith("data:image/png;base64,", setUp.QuerySelector("img#qr-code")!.GetAttribute("src"), StringComparison.Ordinal);
        var key = Totp.Base32(setUp.GetElementById("authenticator-key")!.TextContent);
        using var wrongSetUp = await browser.SubmitAsync(setUp, "/staff/account/set-up-authenticator", new Dictionary<string, string> { ["Code"] = Totp.WrongCode(key) });
        Assert.NotNull((await Browser.ParseAsync(wrongSetUp)).GetElementById("code-error"));

        using var enabled = await browser.SubmitAsync("/staff/account/set-up-authenticator", new Dictionary<string, string> { ["Code"] = Totp.Code(key, Totp.Step()) });
        var codes = (await Browser.ParseAsync(enabled)).QuerySelectorAll("#recovery-codes li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(10, codes.Count);

        // Stored hashed, each on its own: no code is in the database as it was shown.
        await using (var db = site.Database.NewContext())
        {
            var stored = string.Concat(await db.Set<IdentityUserToken<string>>().Select(t => t.Value).ToListAsync());
            Assert.All(codes, code => Assert.DoesNotContain(code, stored, StringComparison.OrdinalIgnoreCase));
        }

        Assert.True(await site.WithUsersAsync(async users => (await users.FindByEmailAsync(email))!.TwoFactorEnabled));
        Assert.Null((await browser.PageAsync("/staff/account/set-up-authenticator")).GetElementById("recovery-codes"));

        using var second = site.NewBrowser();
        using var afterPassword = await second.SignInAsync(email, password);
        Assert.Equal("/staff/account/two-factor", afterPassword.Headers.Location?.OriginalString);
        Assert.Null(second.Session);

        using var wrong = await second.SubmitAsync("/staff/account/two-factor", new Dictionary<string, string> { ["Code"] = Totp.WrongCode(key) });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.NotNull((await Browser.ParseAsync(wrong)).GetElementById("code-error"));
        Assert.Null(second.Session);

        // The setting-up code used this time step, so the next step's code (within the allowed drift) is the one to use.
        var code = Totp.Code(key, Totp.Step() + 1);
        using var right = await second.SubmitAsync("/staff/account/two-factor", new Dictionary<string, string> { ["Code"] = code });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/staff", right.Headers.Location?.OriginalString);
        Assert.NotNull(second.Session);

        using var third = site.NewBrowser();
        using (await third.SignInAsync(email, password))
        {
        }

        using var replayed = await third.SubmitAsync("/staff/account/two-factor", new Dictionary<string, string> { ["Code"] = code });
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Null(third.Session);

        using var recovered = await third.SubmitAsync("/staff/account/recovery-code", new Dictionary<string, string> { ["Code"] = codes[0] });
        Assert.Equal(HttpStatusCode.Redirect, recovered.StatusCode);
        Assert.NotNull(third.Session);
    }

    [Fact]
    public async Task Administrator_WithoutASecondFactor_IsHeldAtSetUpAndFailsTheAdministrationPolicyUntilTheyUseOne()
    {
        var (email, password) = await site.AddUserAsync(Roles.Administrator);
        using var browser = site.NewBrowser();
        using (await browser.SignInAsync(email, password))
        {
        }

        using var held = await browser.GetAsync("/staff");
        Assert.Equal("/staff/account/set-up-authenticator", held.Headers.Location?.OriginalString);
        using var heldElsewhere = await browser.GetAsync("/staff/anything/else");
        Assert.Equal("/staff/account/set-up-authenticator", heldElsewhere.Headers.Location?.OriginalString);
        Assert.False(await MeetsAsync(browser.CookieHeader, StaffPolicies.Administration));

        var setUp = await browser.PageAsync("/staff/account/set-up-authenticator");
        Assert.NotNull(setUp.QuerySelector(".govuk-inset-text"));
        var key = Totp.Base32(setUp.GetElementById("authenticator-key")!.TextContent);
        using (await browser.SubmitAsync(setUp, "/staff/account/set-up-authenticator", new Dictionary<string, string> { ["Code"] = Totp.Code(key, Totp.Step()) }))
        {
        }

        Assert.True(await MeetsAsync(browser.CookieHeader, StaffPolicies.Administration));
        using var open = await browser.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);

        // The claim survives the principal being rebuilt from the database on each request.
        Assert.True(await MeetsAsync(browser.CookieHeader, StaffPolicies.Administration));

        // Signed in again with the password alone, an administrator is asked for the code, and the code makes the session an administrator's.
        using var again = site.NewBrowser();
        using var afterPassword = await again.SignInAsync(email, password);
        Assert.Equal("/staff/account/two-factor", afterPassword.Headers.Location?.OriginalString);
        using (await again.SubmitAsync("/staff/account/two-factor", new Dictionary<string, string> { ["Code"] = Totp.Code(key, Totp.Step() + 1) }))
        {
        }

        Assert.True(await MeetsAsync(again.CookieHeader, StaffPolicies.Administration));
        using var twice = await again.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
    }

    [Fact]
    public async Task AdministrationPolicy_RefusesOtherRolesEvenWithASecondFactor()
    {
        var (email, password) = await site.AddUserAsync(Roles.PerformanceTeam);
        using var browser = site.NewBrowser();
        using (await browser.SignInAsync(email, password))
        {
        }

        var setUp = await browser.PageAsync("/staff/account/set-up-authenticator");
        var key = Totp.Base32(setUp.GetElementById("authenticator-key")!.TextContent);
        using (await browser.SubmitAsync(setUp, "/staff/account/set-up-authenticator", new Dictionary<string, string> { ["Code"] = Totp.Code(key, Totp.Step()) }))
        {
        }

        Assert.True(await MeetsAsync(browser.CookieHeader, StaffPolicies.Staff));
        Assert.True(await MeetsAsync(browser.CookieHeader, StaffPolicies.Performance));
        Assert.False(await MeetsAsync(browser.CookieHeader, StaffPolicies.Administration));
    }

    [Fact]
    public async Task Session_StaySignedIn_WorksAsAFormAndForTheScript()
    {
        var (email, password) = await site.AddUserAsync(Roles.Councillor);
        using var browser = site.NewBrowser();
        using (await browser.SignInAsync(email, password))
        {
        }

        var workspace = await browser.PageAsync("/staff");
        var notice = workspace.GetElementById("councilplan-session")!;
        Assert.Equal("1200", notice.GetAttribute("data-timeout-seconds"));
        Assert.Contains("we will sign you out at", notice.TextContent, StringComparison.Ordinal);
        Assert.NotNull(workspace.QuerySelector("script[src^='/js/session-timeout.js']"));

        using var form = await browser.SubmitAsync(workspace, "/staff", NoFields, "#councilplan-session form[data-session-extend]");
        Assert.Equal(HttpStatusCode.Redirect, form.StatusCode);
        Assert.Equal("/staff", form.Headers.Location?.OriginalString);
        Assert.Contains(form.Headers.GetValues("Set-Cookie"), c => c.StartsWith(Browser.SessionCookie + "=", StringComparison.Ordinal));

        var again = await browser.PageAsync("/staff");
        browser.Client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        using var script = await browser.SubmitAsync(again, "/staff", NoFields, "#councilplan-session form[data-session-extend]");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("\"timeout_seconds\":1200", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DataProtectionKeys_AreKeptInTheDatabase()
    {
        var (email, password) = await site.AddUserAsync(Roles.Contributor);
        using var browser = site.NewBrowser();
        using (await browser.SignInAsync(email, password))
        {
        }

        await using var db = site.Database.NewContext();
        Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync());
    }

    [Fact]
    public async Task Roles_AreCreatedAtStart()
    {
        await using var db = site.Database.NewContext();

        var roles = await db.Roles.Select(r => r.Name).ToListAsync();

        Assert.Equal(Roles.All.Order(StringComparer.Ordinal), roles.Order(StringComparer.Ordinal));
    }

    private async Task<HttpResponseMessage> WithCookieAsync(string cookieHeader, string path)
    {
        using var client = site.Factory.CreateDefaultClient(StaffSite.Base);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookieHeader);
        return await client.SendAsync(request);
    }

    /// <summary>Whether the session in <paramref name="cookieHeader"/> meets a policy, decided by the app's own authentication and authorization services.</summary>
    private async Task<bool> MeetsAsync(string cookieHeader, string policy)
    {
        await using var scope = site.Factory.Services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Scheme = "https";
        http.Request.Host = new HostString("localhost");
        http.Request.Headers.Cookie = cookieHeader;
        var result = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        Assert.True(result.Succeeded);
        var decision = await scope.ServiceProvider.GetRequiredService<IAuthorizationService>().AuthorizeAsync(result.Principal!, policy);
        return decision.Succeeded;
    }

}

public sealed class SqliteSignInTests(StaffSqliteSite site) : SignInTests<StaffSqliteSite>(site);

public sealed class PostgresSignInTests(StaffPostgresSite site) : SignInTests<StaffPostgresSite>(site);
