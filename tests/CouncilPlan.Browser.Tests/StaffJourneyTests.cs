using System.Text.RegularExpressions;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Users;
using CouncilPlan.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CouncilPlan.Browser.Tests;

/// <summary>
/// The quarterly cycle in a real browser over HTTPS, as the officers work it: first sign-in with a
/// one-time password, a figure entered (after an error) and submitted, approved, published and then
/// seen by a resident. Every workspace page on the way is checked against WCAG 2.2 AA with axe.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class StaffJourneyTests(BrowserSite browser, StaffBrowserSite staff) : IClassFixture<StaffBrowserSite>
{
    private const string NewPassword = "harbour violet compass";

    [Fact]
    public async Task AFigure_GoesFromEntryToApprovalToPublication_ThroughAccessiblePages()
    {
        const string code = "A2-10";
        var marker = $"Browser journey {Guid.NewGuid():N}";
        var officer = $"officer-{Guid.NewGuid():N}@example.gov.uk";
        var director = $"director-{Guid.NewGuid():N}@example.gov.uk";
        var performance = $"performance-{Guid.NewGuid():N}@example.gov.uk";
        var officerPassword = await staff.AddUserAsync(officer, Roles.Contributor);
        var directorPassword = await staff.AddUserAsync(director, Roles.Approver);
        var performancePassword = await staff.AddUserAsync(performance, Roles.PerformanceTeam);
        await Workspace.GiveAsync(staff.Database, code, await Workspace.FirstCommitmentAsync(staff.Database), officer, officer, director);
        var problems = new List<string>();

        // The performance team opens the quarter.
        await using (var context = await NewContextAsync())
        {
            var page = await SignInForTheFirstTimeAsync(context, performance, performancePassword, problems);
            await GoAsync(page, "/staff/periods", problems);
            await page.GetByLabel("Quarter", new() { Exact = true }).FillAsync("2026-27 Q2");
            await page.GetByLabel("Updates due by").FillAsync("2026-10-31");
            await page.GetByRole(AriaRole.Button, new() { Name = "Open for updates" }).ClickAsync();
            await Assertions.Expect(page.Locator("main table")).ToContainTextAsync("2026-27 Q2");
            problems.AddRange(await Axe.ViolationsAsync(page, "/staff/periods after opening"));
        }

        // The officer finds the figure due, makes a mistake, is told where, and submits it.
        await using (var context = await NewContextAsync())
        {
            var page = await SignInForTheFirstTimeAsync(context, officer, officerPassword, problems);
            var due = page.Locator($"main a[href^='/staff/measures/{code}/update']");
            await Assertions.Expect(due).ToHaveCountAsync(1);
            await due.ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/staff/measures/{code}/update"));
            problems.AddRange(await Axe.ViolationsAsync(page, page.Url));

            await page.GetByLabel("Value", new() { Exact = false }).First.FillAsync("sixty-one");
            await page.GetByRole(AriaRole.Button, new() { Name = "Submit for approval" }).ClickAsync();
            var summary = page.Locator(".govuk-error-summary");
            await Assertions.Expect(summary).ToBeVisibleAsync();
            await Assertions.Expect(summary).ToBeFocusedAsync();
            problems.AddRange(await Axe.ViolationsAsync(page, "the update form with errors"));

            // The summary's link takes the officer to the field that is wrong.
            await summary.Locator("a[href='#Form.Value'], a[href$='Value']").First.ClickAsync();
            await Assertions.Expect(page.Locator("input[name='Form.Value']")).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Control+A");
            await page.Keyboard.TypeAsync("61.2345");
            await page.GetByLabel("Commentary", new() { Exact = true }).FillAsync(marker);
            await page.GetByRole(AriaRole.Button, new() { Name = "Submit for approval" }).ClickAsync();
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("My updates");
            problems.AddRange(await Axe.ViolationsAsync(page, "My updates after submitting"));
        }

        // The director approves it.
        await using (var context = await NewContextAsync())
        {
            var page = await SignInForTheFirstTimeAsync(context, director, directorPassword, problems);
            await GoAsync(page, "/staff/approvals", problems);
            await page.GetByRole(AriaRole.Button, new() { Name = $"Approve {code}" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Approve {code}" })).ToHaveCountAsync(0);
        }

        // Not yet public.
        await using (var resident = await browser.NewContextAsync(origin: staff.Origin))
        {
            var page = await resident.NewPageAsync();
            await BrowserSite.GoToAsync(page, $"/measures/{code}");
            await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync(marker);
        }

        // The performance team publishes it, and a resident sees it at once.
        await using (var context = await NewContextAsync())
        {
            var page = await SignInAsync(context, performance, NewPassword);
            await GoAsync(page, "/staff/publish", problems);
            await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex($"^{code} ") })).ToBeCheckedAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Publish the selected updates" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex($"^{code} ") })).ToHaveCountAsync(0);
            problems.AddRange(await Axe.ViolationsAsync(page, "/staff/publish after publishing"));
        }

        await using (var resident = await browser.NewContextAsync(origin: staff.Origin))
        {
            var page = await resident.NewPageAsync();
            await BrowserSite.GoToAsync(page, $"/measures/{code}");
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync(marker);
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("61.2");
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task TheSessionWarning_ComesBeforeTheTimeout_TakesFocus_AndStaySignedInKeepsTheSession()
    {
        var email = $"officer-{Guid.NewGuid():N}@example.gov.uk";
        var password = await staff.AddUserAsync(email, Roles.Contributor);
        await using var context = await NewContextAsync();
        var problems = new List<string>();
        // The clock is the whole context's: the sign-in page is closed so that only one page keeps time.
        await (await SignInForTheFirstTimeAsync(context, email, password, problems)).CloseAsync();

        // A page whose clock the test controls, opened on the workspace: 20 minutes to the timeout, warned 2 minutes before.
        var page = await context.NewPageAsync();
        await page.Clock.InstallAsync();

        // With the clock faked the load event waits on it; the page's script has run once its document is ready.
        var response = await page.GotoAsync("/staff", new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Equal(200, response!.Status);
        var warning = page.Locator("#councilplan-session-warning");
        await Assertions.Expect(warning).ToBeHiddenAsync();

        await page.Clock.RunForAsync("17:00");
        await Assertions.Expect(warning).ToBeHiddenAsync();
        await page.Clock.RunForAsync("01:30");
        await Assertions.Expect(warning).ToBeVisibleAsync();
        await Assertions.Expect(warning).ToBeFocusedAsync();
        await Assertions.Expect(warning).ToHaveAttributeAsync("role", "alert");
        problems.AddRange(await Axe.ViolationsAsync(page, "/staff with the session warning"));

        // Staying signed in asks the server, which starts the 20 minutes again; the page stays where it was.
        await warning.GetByRole(AriaRole.Button, new() { Name = "Stay signed in" }).ClickAsync();
        await Assertions.Expect(warning).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#councilplan-session-status")).ToContainTextAsync("You are still signed in");
        Assert.EndsWith("/staff", page.Url, StringComparison.Ordinal);
        await page.Clock.RunForAsync("17:00");
        await Assertions.Expect(warning).ToBeHiddenAsync();

        // Doing nothing to the end takes the officer to the sign-in page, which says why. (The server
        // ends the session by its own clock, which the page's fake one cannot move: the web tests check that.)
        var signIn = page.WaitForRequestAsync(
            request => request.IsNavigationRequest && request.Url.EndsWith("/staff/account/sign-in?timedOut=true", StringComparison.Ordinal),
            new() { Timeout = 30_000 });
        await page.Clock.RunForAsync("03:30");
        IRequest request;
        try
        {
            request = await signIn;
        }
        catch (TimeoutException)
        {
            // Say what the page knew, so that a failure on a slow machine can be read rather than guessed at.
            var state = await page.EvaluateAsync<string>(
                "() => JSON.stringify({ url: location.href, now: Date.now(), endsAt: localStorage.getItem('councilplan.session-ends') })");
            throw new Xunit.Sdk.XunitException($"The page did not go to the sign-in page when the session ended: {state}");
        }

        Assert.Equal("GET", request.Method);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task EveryWorkspacePage_ThePerformanceTeamAndAnAdministratorCanReach_HasNoWcagAAViolations()
    {
        var problems = new List<string>();
        var visited = new List<string>();
        await ProposeChangesAsync();

        var performance = $"performance-{Guid.NewGuid():N}@example.gov.uk";
        var performancePassword = await staff.AddUserAsync(performance, Roles.PerformanceTeam);
        await using (var context = await NewContextAsync())
        {
            var page = await SignInForTheFirstTimeAsync(context, performance, performancePassword, problems);
            visited.AddRange(await CrawlAsync(page, problems));
        }

        // An administrator must turn on a second factor first: that page is checked on the way.
        var administrator = $"administrator-{Guid.NewGuid():N}@example.gov.uk";
        var administratorPassword = await staff.AddUserAsync(administrator, Roles.Administrator);
        await using (var context = await NewContextAsync())
        {
            var page = await context.NewPageAsync();
            await BrowserSite.GoToAsync(page, "/staff/account/sign-in");
            await FillSignInAsync(page, administrator, administratorPassword);
            await page.GetByLabel("One-time password").FillAsync(administratorPassword);
            await page.GetByLabel("New password").FillAsync(NewPassword);
            await page.GetByRole(AriaRole.Button, new() { Name = "Save password" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/staff/account/set-up-authenticator"));
            problems.AddRange(await Axe.ViolationsAsync(page, "/staff/account/set-up-authenticator"));
            var key = Totp.Base32(await page.Locator("#authenticator-key").InnerTextAsync());
            await page.GetByLabel("Code").FillAsync(Totp.Code(key, Totp.Step()));
            await page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Continue" }).First).ToBeVisibleAsync();
            problems.AddRange(await Axe.ViolationsAsync(page, "/staff/account/set-up-authenticator, turned on"));
            visited.AddRange(await CrawlAsync(page, problems));
        }

        // A crawl that missed whole parts of the workspace would pass by checking nothing.
        foreach (var part in new[] { "/staff/periods", "/staff/overdue", "/staff/publish", "/staff/catalogue/", "/staff/plan/", "/staff/reports", "/staff/resources", "/staff/upload", "/staff/services/", "/staff/users/", "/staff/audit" })
        {
            Assert.True(visited.Any(v => v.StartsWith(part, StringComparison.Ordinal)), $"the crawl never reached {part}: it reached {string.Join(", ", visited.Distinct())}");
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>
    /// Two changes to measures' targets waiting, one for approval and one for publication, so the
    /// crawl checks the pages that show a change beside the measure as it is.
    /// </summary>
    private async Task ProposeChangesAsync()
    {
        await using var db = staff.Database.NewContext();
        var measures = await db.Measures.Include(m => m.Targets).Include(m => m.Evidence).ThenInclude(e => e.Element)
            .Where(m => m.Targets.Any()).OrderBy(m => m.Code).Take(2).ToListAsync();
        foreach (var (measure, approved) in measures.Zip([false, true]))
        {
            var record = MeasureRecord.Of(measure);
            db.MeasureChanges.Add(new MeasureChange
            {
                MeasureId = measure.Id,
                Status = approved ? MeasureChangeStatus.Approved : MeasureChangeStatus.Proposed,
                Before = record.ToJson(),
                After = (record with { Targets = record.Targets.Select(t => t with { Value = t.Value + 1 }).ToList(), Caveat = "Revised after the mid-year review." }).ToJson(),
                ProposedBy = "analyst@example.gov.uk",
                ProposedAt = TimeProvider.System.GetUtcNow(),
                ApprovedBy = approved ? "director@example.gov.uk" : null,
                ApprovedAt = approved ? TimeProvider.System.GetUtcNow() : null,
                Version = 1,
            });
        }

        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Follows every workspace link from /staff, checking each HTML page with axe: at most two pages
    /// of each shape (a path with its numbers and codes set aside), no files, and nothing that signs out.
    /// </summary>
    private static async Task<List<string>> CrawlAsync(IPage page, List<string> problems)
    {
        var queue = new Queue<string>(["/staff"]);
        var seen = new HashSet<string>(StringComparer.Ordinal) { "/staff" };
        var shapes = new Dictionary<string, int>(StringComparer.Ordinal);
        var visited = new List<string>();
        while (queue.TryDequeue(out var path) && visited.Count < 60)
        {
            await using (var head = await page.Context.APIRequest.GetAsync(path))
            {
                if (head.Status != 200 || !head.Headers.TryGetValue("content-type", out var type) || !type.StartsWith("text/html", StringComparison.Ordinal))
                {
                    continue;
                }
            }

            await BrowserSite.GoToAsync(page, path);
            visited.Add(path);
            problems.AddRange(await Axe.ViolationsAsync(page, path));
            var links = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('main a[href], nav a[href], header a[href]')].map(a => a.getAttribute('href'))");
            foreach (var link in links.Select(l => l.Split('#')[0]).Where(l => l.StartsWith("/staff", StringComparison.Ordinal)))
            {
                var shape = Shape().Replace(link.Split('?')[0], "#");
                if (link.Contains("sign-out", StringComparison.Ordinal) || link.Contains("export", StringComparison.Ordinal) || !seen.Add(link)
                    || shapes.GetValueOrDefault(shape) >= 2)
                {
                    continue;
                }

                shapes[shape] = shapes.GetValueOrDefault(shape) + 1;
                queue.Enqueue(link);
            }
        }

        return visited;
    }

    [GeneratedRegex("[A-Za-z]*[0-9][A-Za-z0-9-]*")]
    private static partial Regex Shape();

    private Task<IBrowserContext> NewContextAsync() => browser.NewContextAsync(origin: staff.Origin);

    /// <summary>Signs in with a one-time password and chooses a new one, as the workspace insists; checks both pages with axe.</summary>
    private static async Task<IPage> SignInForTheFirstTimeAsync(IBrowserContext context, string email, string oneTimePassword, List<string> problems)
    {
        var page = await context.NewPageAsync();
        await BrowserSite.GoToAsync(page, "/staff/account/sign-in");
        problems.AddRange(await Axe.ViolationsAsync(page, "/staff/account/sign-in"));
        await FillSignInAsync(page, email, oneTimePassword);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Choose your own password");
        problems.AddRange(await Axe.ViolationsAsync(page, "/staff/account/change-password"));
        await page.GetByLabel("One-time password").FillAsync(oneTimePassword);
        await page.GetByLabel("New password").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save password" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("My updates");
        problems.AddRange(await Axe.ViolationsAsync(page, "/staff"));
        return page;
    }

    private static async Task<IPage> SignInAsync(IBrowserContext context, string email, string password)
    {
        var page = await context.NewPageAsync();
        await BrowserSite.GoToAsync(page, "/staff/account/sign-in");
        await FillSignInAsync(page, email, password);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("My updates");
        return page;
    }

    private static async Task FillSignInAsync(IPage page, string email, string password)
    {
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    private static async Task GoAsync(IPage page, string path, List<string> problems)
    {
        await BrowserSite.GoToAsync(page, path);
        problems.AddRange(await Axe.ViolationsAsync(page, path));
    }
}
