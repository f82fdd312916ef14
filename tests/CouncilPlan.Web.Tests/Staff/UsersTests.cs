using System.Net;
using AngleSharp.Html.Dom;
using CouncilPlan.Core.Audit;
using CouncilPlan.Core.Users;
using CouncilPlan.Web.Tests.Staff.Security;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Web.Tests.Staff;

/// <summary>Users and roles at /staff/users, as an administrator signed in with a second factor uses them, once on each database.</summary>
public abstract class UsersTests<TSite>(TSite site) : IClassFixture<TSite>
    where TSite : StaffSite
{
    private static readonly Dictionary<string, string> NoFields = [];

    [Fact]
    public async Task AddUser_ShowsTheOneTimePasswordOnce_ThenItWorksOnceAndMustBeChanged()
    {
        var (admin, _) = await site.SignedInAsync(Roles.Administrator);
        var email = NewEmail();

        using var added = await admin.SubmitAsync("/staff/users/add", new Dictionary<string, string>
        {
            ["Email"] = email,
            ["DisplayName"] = "Grace Hopper",
            ["Role"] = Roles.Contributor,
            ["Service"] = "Place – Strategic Housing",
            ["Portfolio"] = "communities-and-housing",
        });

        // The password is in this response's page and nowhere else: no redirect, no cookie, no header.
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var page = await Browser.ParseAsync(added);
        Assert.Equal("User added", page.QuerySelector(".govuk-panel__title")!.TextContent.Trim());
        var password = page.GetElementById("one-time-password")!.TextContent.Trim();
        Assert.Equal(20, password.Length);
        Assert.Contains("no-store", added.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(added.Headers.Concat(added.Content.Headers), h => h.Value.Any(v => v.Contains(password, StringComparison.Ordinal)));
        Assert.Null((await admin.PageAsync("/staff/users/add")).GetElementById("one-time-password"));
        var list = await admin.PageAsync("/staff/users");
        Assert.DoesNotContain(password, list.DocumentElement.OuterHtml, StringComparison.Ordinal);
        var row = list.QuerySelector($"tr[data-email='{email}']")!;
        Assert.Contains("Grace Hopper", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Place – Strategic Housing", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Communities and Housing", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Must change password", row.TextContent, StringComparison.Ordinal);

        using var user = site.NewBrowser();
        using (var signIn = await user.SignInAsync(email, password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        using var held = await user.GetAsync("/staff");
        Assert.Equal("/staff/account/change-password", held.Headers.Location?.OriginalString);
        using (var changed = await user.SubmitAsync("/staff/account/change-password", new Dictionary<string, string> { ["CurrentPassword"] = password, ["NewPassword"] = "copper meadow lantern" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        }

        using var again = site.NewBrowser();
        using var refused = await again.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Null(again.Session);
    }

    [Fact]
    public async Task AddUser_WithAnEmailAlreadyInUse_IsRefusedWithAClearMessageOnTheField()
    {
        var (email, _) = await site.AddUserAsync(Roles.Approver);
        var (admin, _) = await site.SignedInAsync(Roles.Administrator);

        using var response = await admin.SubmitAsync("/staff/users/add", new Dictionary<string, string> { ["Email"] = email, ["Role"] = Roles.Contributor });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browser.ParseAsync(response);
        Assert.StartsWith("Error: Add a user", page.Title, StringComparison.Ordinal);
        Assert.Equal($"There is already a user with the email address {email}", page.QuerySelector(".govuk-error-summary__list a[href='#Email']")!.TextContent);
        Assert.Contains("There is already a user", page.GetElementById("Email-error")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.GetElementById("one-time-password"));
        await using var db = site.Database.NewContext();
        Assert.Equal(1, await db.Users.CountAsync(u => u.Email == email));
    }

    [Fact]
    public async Task AddUser_WithSeveralProblems_ListsThemAllInTheOrderOfTheForm()
    {
        var (admin, _) = await site.SignedInAsync(Roles.Administrator);
        var email = NewEmail();

        using var response = await admin.SubmitAsync("/staff/users/add", new Dictionary<string, string> { ["Email"] = email, ["Service"] = "Nowhere" });

        var page = await Browser.ParseAsync(response);
        Assert.Equal(["#Role", "#Service"], page.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.GetAttribute("href")));
        Assert.Equal("Select a role", page.QuerySelector(".govuk-error-summary__list a[href='#Role']")!.TextContent);
        Assert.NotNull(page.GetElementById("Role-error"));
        Assert.NotNull(page.GetElementById("Service-error"));
        await using var db = site.Database.NewContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == email));
    }

    [Fact]
    public async Task ChangeRoles_EndsTheUsersOpenSession_AndTheyHaveTheNewRoleWhenTheySignInAgain()
    {
        var (email, password) = await site.AddUserAsync(Roles.Contributor);
        using var user = site.NewBrowser();
        using (await user.SignInAsync(email, password))
        {
        }

        using (var before = await user.GetAsync("/staff/approvals"))
        {
            Assert.StartsWith("https://localhost/staff/account/access-denied", before.Headers.Location?.ToString(), StringComparison.Ordinal);
        }

        var (admin, _) = await site.SignedInAsync(Roles.Administrator);
        var id = await IdOfAsync(email);

        using var saved = await admin.SubmitAsync($"/staff/users/{id}/change", new Dictionary<string, string>
        {
            ["DisplayName"] = "Test User",
            ["Roles"] = Roles.Approver,
            ["Service"] = "Place – Strategic Housing",
            ["Portfolio"] = "",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("has been signed out", (await admin.PageAsync($"/staff/users/{id}")).QuerySelector(".govuk-notification-banner--success")!.TextContent, StringComparison.Ordinal);
        using var ended = await user.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.StartsWith("https://localhost/staff/account/sign-in", ended.Headers.Location?.ToString(), StringComparison.Ordinal);

        using var back = site.NewBrowser();
        using (await back.SignInAsync(email, password))
        {
        }

        using var approvals = await back.GetAsync("/staff/approvals");
        Assert.Equal(HttpStatusCode.OK, approvals.StatusCode);
        Assert.Equal([Roles.Approver], await site.WithUsersAsync(async users => await users.GetRolesAsync((await users.FindByIdAsync(id))!)));
    }

    [Fact]
    public async Task ChangeServiceOrPortfolio_EndsTheUsersSessions_ButChangingOnlyTheirNameDoesNot()
    {
        var (email, password) = await site.AddUserAsync(Roles.Councillor);
        using var user = site.NewBrowser();
        using (await user.SignInAsync(email, password))
        {
        }

        var (admin, _) = await site.SignedInAsync(Roles.Administrator);
        var id = await IdOfAsync(email);
        var fields = new Dictionary<string, string> { ["DisplayName"] = "Councillor Jones", ["Roles"] = Roles.Councillor, ["Service"] = "", ["Portfolio"] = "" };

        using (var renamed = await admin.SubmitAsync($"/staff/users/{id}/change", fields))
        {
            Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        }

        Assert.Equal("Changes saved", (await admin.PageAsync($"/staff/users/{id}")).QuerySelector(".govuk-notification-banner--success .govuk-notification-banner__heading")!.TextContent.Trim());
        using (var stillIn = await user.GetAsync("/staff"))
        {
            Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        }

        fields["Portfolio"] = "communities-and-housing";
        using (var portfolio = await admin.SubmitAsync($"/staff/users/{id}/change", fields))
        {
            Assert.Equal(HttpStatusCode.Redirect, portfolio.StatusCode);
        }

        Assert.Contains("has been signed out", (await admin.PageAsync($"/staff/users/{id}")).QuerySelector(".govuk-notification-banner--success")!.TextContent, StringComparison.Ordinal);
        using (var ended = await user.GetAsync("/staff"))
        {
            Assert.StartsWith("https://localhost/staff/account/sign-in", ended.Headers.Location?.ToString(), StringComparison.Ordinal);
        }

        using var again = site.NewBrowser();
        using (await again.SignInAsync(email, password))
        {
        }

        fields["Service"] = "Place – Strategic Housing";
        using (await admin.SubmitAsync($"/staff/users/{id}/change", fields))
        {
        }

        using var endedAgain = await again.GetAsync("/staff");
        Assert.StartsWith("https://localhost/staff/account/sign-in", endedAgain.Headers.Location?.ToString(), StringComparison.Ordinal);
        await using var db = site.Database.NewContext();
        var stored = await db.Users.Include(u => u.Service).SingleAsync(u => u.Id == id);
        Assert.Equal(("Councillor Jones", "communities-and-housing", "Strategic Housing"), (stored.DisplayName, stored.PortfolioKey, stored.Service!.Name));
    }

    [Fact]
    public async Task ChangeUser_WithAnUnknownServiceAndNoRole_NamesBothFieldsAndChangesNothing()
    {
        var (email, _) = await site.AddUserAsync(Roles.Contributor);
        var (admin, _) = await site.SignedInAsync(Roles.Administrator);
        var id = await IdOfAsync(email);

        using var response = await admin.SubmitAsync($"/staff/users/{id}/change", new Dictionary<string, string> { ["DisplayName"] = "Someone Else", ["Roles"] = "", ["Service"] = "Nowhere" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browser.ParseAsync(response);
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        Assert.Equal(["#Roles", "#Service"], page.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.GetAttribute("href")));
        Assert.NotNull(page.GetElementById("Roles-error"));
        Assert.Contains("There is no service called ‘Nowhere’", page.GetElementById("Service-error")!.TextContent, StringComparison.Ordinal);
        await using var db = site.Database.NewContext();
        Assert.Equal("Test User", (await db.Users.SingleAsync(u => u.Id == id)).DisplayName);
        Assert.Equal([Roles.Contributor], await site.WithUsersAsync(async users => await users.GetRolesAsync((await users.FindByIdAsync(id))!)));
    }

    [Fact]
    public async Task UsersPages_RefuseOtherRolesAndAnAdministratorWithoutASecondFactor()
    {
        var (member, _) = await site.AddUserAsync(Roles.Contributor);
        var memberId = await IdOfAsync(member);
        var (team, _) = await site.SignedInAsync(Roles.PerformanceTeam);
        // An administrator who has not set up an authenticator app yet: the session has no second factor.
        var (adminEmail, adminPassword) = await site.AddUserAsync(Roles.Administrator);
        using var admin = site.NewBrowser();
        using (var signIn = await admin.SignInAsync(adminEmail, adminPassword))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        var email = NewEmail();

        foreach (var path in new[] { "/staff/users", "/staff/users/add", $"/staff/users/{memberId}", $"/staff/users/{memberId}/change" })
        {
            using var refused = await team.GetAsync(path);
            Assert.StartsWith("https://localhost/staff/account/access-denied", refused.Headers.Location?.ToString(), StringComparison.Ordinal);
            using var held = await admin.GetAsync(path);
            Assert.Equal("/staff/account/set-up-authenticator", held.Headers.Location?.OriginalString);
        }

        foreach (var browser in new[] { team, admin })
        {
            using var posted = await PostAsync(browser, "/staff/account/set-up-authenticator", "/staff/users/add", new Dictionary<string, string> { ["Email"] = email, ["Role"] = Roles.Administrator });
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
            using var disable = await PostAsync(browser, "/staff/account/set-up-authenticator", $"/staff/users/{memberId}?handler=Disable", NoFields);
            Assert.Equal(HttpStatusCode.Redirect, disable.StatusCode);
        }

        await using var db = site.Database.NewContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == email));
        Assert.Null((await db.Users.SingleAsync(u => u.Id == memberId)).LockoutEnd);
        Assert.DoesNotContain("/staff/users", (await team.PageAsync("/staff")).QuerySelector(".councilplan-staff-nav")!.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Administrator_CannotRemoveTheirOwnAdministratorRoleOrDisableThemselves()
    {
        var (admin, email) = await site.SignedInAsync(Roles.Administrator);
        var id = await IdOfAsync(email);
        var own = await admin.PageAsync($"/staff/users/{id}");
        Assert.Null(own.QuerySelector("main form[action*='handler=Disable']"));
        Assert.Null(own.QuerySelector("main form[action*='handler=ResetPassword']"));
        Assert.Contains("/staff/users", (await admin.PageAsync("/staff")).QuerySelector(".councilplan-staff-nav")!.InnerHtml, StringComparison.Ordinal);

        using var demoted = await admin.SubmitAsync($"/staff/users/{id}/change", new Dictionary<string, string> { ["DisplayName"] = "Test User", ["Roles"] = Roles.PerformanceTeam });
        using var disabled = await PostAsync(admin, $"/staff/users/{id}", $"/staff/users/{id}?handler=Disable", NoFields);

        Assert.Equal(HttpStatusCode.OK, demoted.StatusCode);
        Assert.Equal("You cannot remove your own Administrator role: ask another administrator to do it", (await Browser.ParseAsync(demoted)).QuerySelector(".govuk-error-summary__list a[href='#Roles']")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.Contains("You cannot disable your own account", (await Browser.ParseAsync(disabled)).QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        var roles = await site.WithUsersAsync(async users => await users.GetRolesAsync((await users.FindByIdAsync(id))!));
        Assert.Equal([Roles.Administrator], roles);
        Assert.Null(await site.WithUsersAsync(async users => (await users.FindByIdAsync(id))!.LockoutEnd));
        using var stillOpen = await admin.GetAsync("/staff/users");
        Assert.Equal(HttpStatusCode.OK, stillOpen.StatusCode);
    }

    [Fact]
    public async Task DisabledUser_IsSignedOutAndCannotSignIn_UntilTheirAccountIsEnabled()
    {
        var (email, password) = await site.AddUserAsync(Roles.Approver);
        using var user = site.NewBrowser();
        using (await user.SignInAsync(email, password))
        {
        }

        var (admin, _) = await site.SignedInAsync(Roles.Administrator);
        var id = await IdOfAsync(email);

        using var disabled = await admin.SubmitAsync($"/staff/users/{id}", NoFields, "main form[action*='handler=Disable']");

        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        Assert.Equal("Disabled", (await admin.PageAsync($"/staff/users/{id}")).GetElementById("account-state")!.TextContent.Trim());
        using var ended = await user.GetAsync("/staff");
        Assert.StartsWith("https://localhost/staff/account/sign-in", ended.Headers.Location?.ToString(), StringComparison.Ordinal);
        using var again = site.NewBrowser();
        using var refused = await again.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("Enter a correct email address and password", (await Browser.ParseAsync(refused)).QuerySelector(".govuk-error-summary__list a")!.TextContent);
        Assert.Null(again.Session);

        using var enabled = await admin.SubmitAsync($"/staff/users/{id}", NoFields, "main form[action*='handler=Unlock']");
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        using var back = site.NewBrowser();
        using (var signIn = await back.SignInAsync(email, password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        Assert.NotNull(back.Session);
    }

    [Fact]
    public async Task LockedOutUser_IsShownAsLockedOut_AndCanSignInOnceUnlocked()
    {
        var (email, password) = await site.AddUserAsync(Roles.Contributor);
        var id = await IdOfAsync(email);
        // Wrong second-factor codes lock an account, counted as the two-factor step counts them
        // (wrong passwords only make the next attempt wait: SignInThrottleTests).
        await site.WithUsersAsync(async users =>
        {
            var user = (await users.FindByEmailAsync(email))!;
            for (var i = 0; i < StaffIdentity.MaxFailedSignIns; i++)
            {
                Assert.True((await users.AccessFailedAsync(user)).Succeeded);
            }

            return user;
        });

        using (var locked = site.NewBrowser())
        using (await locked.SignInAsync(email, password))
        {
            Assert.Null(locked.Session);
        }

        var (admin, adminEmail) = await site.SignedInAsync(Roles.Administrator);
        var page = await admin.PageAsync($"/staff/users/{id}");
        Assert.Equal("Locked out", page.GetElementById("account-state")!.TextContent.Trim());

        using var unlocked = await admin.SubmitAsync($"/staff/users/{id}", NoFields, "main form[action*='handler=Unlock']");

        Assert.Equal(HttpStatusCode.Redirect, unlocked.StatusCode);
        Assert.Contains("is unlocked", (await admin.PageAsync($"/staff/users/{id}")).QuerySelector(".govuk-notification-banner--success")!.TextContent, StringComparison.Ordinal);
        using var back = site.NewBrowser();
        using (await back.SignInAsync(email, password))
        {
        }

        Assert.NotNull(back.Session);
        await using var db = site.Database.NewContext();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "unlocked" && e.Key == email && e.Who == adminEmail));
    }

    [Fact]
    public async Task ResetPassword_ShowsANewOneTimePasswordOnce_AndTheOldPasswordStopsWorking()
    {
        var (email, password) = await site.AddUserAsync(Roles.Contributor);
        var (admin, _) = await site.SignedInAsync(Roles.Administrator);
        var id = await IdOfAsync(email);

        using var reset = await admin.SubmitAsync($"/staff/users/{id}", NoFields, "main form[action*='handler=ResetPassword']");

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var oneTime = (await Browser.ParseAsync(reset)).GetElementById("one-time-password")!.TextContent.Trim();
        Assert.Null((await admin.PageAsync($"/staff/users/{id}")).GetElementById("one-time-password"));
        using var old = site.NewBrowser();
        using (await old.SignInAsync(email, password))
        {
        }

        Assert.Null(old.Session);
        using var user = site.NewBrowser();
        using (await user.SignInAsync(email, oneTime))
        {
        }

        using var held = await user.GetAsync("/staff");
        Assert.Equal("/staff/account/change-password", held.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task EveryChangeToAUser_IsInTheAuditLogWithWhoAndWhere_AndNoSecrets()
    {
        var (admin, adminEmail) = await site.SignedInAsync(Roles.Administrator);
        var email = NewEmail();
        using var added = await admin.SubmitAsync("/staff/users/add", new Dictionary<string, string> { ["Email"] = email, ["DisplayName"] = "Ada", ["Role"] = Roles.Contributor });
        var firstPassword = (await Browser.ParseAsync(added)).GetElementById("one-time-password")!.TextContent.Trim();
        var id = await IdOfAsync(email);
        using (await admin.SubmitAsync($"/staff/users/{id}/change", new Dictionary<string, string> { ["DisplayName"] = "Ada Lovelace", ["Roles"] = Roles.Approver, ["Service"] = "Place – Strategic Housing", ["Portfolio"] = "" }))
        {
        }

        using var reset = await admin.SubmitAsync($"/staff/users/{id}", NoFields, "main form[action*='handler=ResetPassword']");
        var secondPassword = (await Browser.ParseAsync(reset)).GetElementById("one-time-password")!.TextContent.Trim();
        using (await admin.SubmitAsync($"/staff/users/{id}", NoFields, "main form[action*='handler=Disable']"))
        {
        }

        using (await admin.SubmitAsync($"/staff/users/{id}", NoFields, "main form[action*='handler=Unlock']"))
        {
        }

        await using var db = site.Database.NewContext();
        var user = await db.Users.SingleAsync(u => u.Id == id);
        var all = await db.AuditEntries.OrderBy(e => e.Id).ToListAsync();
        var entries = all.Where(e => e.Key.StartsWith(email, StringComparison.Ordinal)).ToList();
        Assert.All(entries, e => Assert.Equal(adminEmail, e.Who));
        Assert.All(entries, e => Assert.False(string.IsNullOrEmpty(e.FromWhere)));
        Assert.Contains(entries, e => e.Action == "added" && e.Entity == "StaffUser" && e.After!.Contains("\"DisplayName\":\"Ada\"", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Action == "added" && e.Entity == "UserRole" && e.Key == $"{email}: {Roles.Contributor}");
        Assert.Contains(entries, e => e.Action == "removed" && e.Entity == "UserRole" && e.Key == $"{email}: {Roles.Contributor}");
        Assert.Contains(entries, e => e.Action == "added" && e.Entity == "UserRole" && e.Key == $"{email}: {Roles.Approver}");
        Assert.Contains(entries, e => Changed(e, "DisplayName") && Changed(e, "ServiceId"));
        Assert.Contains(entries, e => e.Action == "password reset" && e.Entity == "StaffUser");
        Assert.Contains(entries, e => e.Action == "disabled" && e.Entity == "StaffUser");
        Assert.Contains(entries, e => e.Action == "enabled" && e.Entity == "StaffUser");
        Assert.All(entries, e => Assert.True(e.At >= user.CreatedAt, $"{e.Action} at {e.At}, before the user was added at {user.CreatedAt}"));
        Assert.Equal(2, entries.Count(e => Changed(e, "LockoutEnd")));

        // No secret is written, not even as the name of a field.
        var secrets = new[] { firstPassword, secondPassword, user.PasswordHash!, user.SecurityStamp!, "PasswordHash", "SecurityStamp" };
        Assert.All(all, e => Assert.DoesNotContain(secrets, s => (e.Before ?? "").Contains(s, StringComparison.Ordinal) || (e.After ?? "").Contains(s, StringComparison.Ordinal)));
    }

    private static bool Changed(AuditEntry entry, string field) =>
        entry.Action == "changed" && entry.Entity == "StaffUser" && entry.After!.Contains($"\"{field}\":", StringComparison.Ordinal);

    private static string NewEmail() => $"new-{Guid.NewGuid():N}@example.gov.uk";

    private async Task<string> IdOfAsync(string email) =>
        await site.WithUsersAsync(async users => (await users.FindByEmailAsync(email))!.Id);

    /// <summary>Posts a form the page does not offer, with the session's antiforgery token taken from <paramref name="tokenFrom"/>, as a crafted request would.</summary>
    private static async Task<HttpResponseMessage> PostAsync(Browser browser, string tokenFrom, string path, Dictionary<string, string> fields)
    {
        using var page = await browser.GetAsync(tokenFrom);
        var document = await Browser.ParseAsync(page);
        var token = (document.QuerySelector("input[name=__RequestVerificationToken]") as IHtmlInputElement)?.Value ?? "";
        using var content = new FormUrlEncodedContent(fields.Append(KeyValuePair.Create("__RequestVerificationToken", token)));
        return await browser.Client.PostAsync(path, content);
    }
}

public sealed class SqliteUsersTests(StaffSqliteSite site) : UsersTests<StaffSqliteSite>(site);

public sealed class PostgresUsersTests(StaffPostgresSite site) : UsersTests<StaffPostgresSite>(site);
