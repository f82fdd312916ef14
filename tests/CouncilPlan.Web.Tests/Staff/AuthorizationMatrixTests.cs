using System.Net;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Reports;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Users;
using CouncilPlan.Testing;
using CouncilPlan.Web.Tests.Staff.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CouncilPlan.Web.Tests.Staff;

/// <summary>
/// Every endpoint the app maps, asked for by someone with no account and by each role, against a
/// table written here by hand: a page added without an entry fails the test, and so does an entry
/// whose page has gone. The table is the specification; the app's own policies are not consulted.
/// </summary>
public abstract class AuthorizationMatrixTests<TSite>(TSite site) : IClassFixture<TSite>
    where TSite : StaffSite
{
    private const string Anonymous = "anonymous";

    /// <summary>What each kind of visitor gets: the page, sent to sign in, refused, or something else named.</summary>
    private const string Ok = "ok";
    private const string SignIn = "sign in";
    private const string Refused = "refused";
    private const string NotFound = "not found";
    private const string ToWorkspace = "to the workspace";

    private static readonly string[] Everyone = [Anonymous, .. Roles.All];

    private static readonly string[] DataEntry = [Roles.Contributor, Roles.Approver, Roles.PerformanceTeam];

    private const string RefusedEmail = "refused@example.gov.uk";

    [Fact]
    public async Task EveryEndpoint_AnswersAnonymousVisitorsAndEachRoleAsTheTableSays()
    {
        var fixture = await SetUpAsync();
        var table = Table(fixture);
        var mapped = MappedTemplates();
        var problems = new List<string>();

        foreach (var template in mapped.Keys.Where(t => !table.ContainsKey(t)))
        {
            problems.Add($"{template} is mapped but not in the matrix: decide who may use it and add it");
        }

        foreach (var template in table.Keys.Where(t => !mapped.ContainsKey(t)))
        {
            problems.Add($"{template} is in the matrix but the app no longer maps it");
        }

        var browsers = new Dictionary<string, Browser> { [Anonymous] = site.NewBrowser() };
        foreach (var (role, browser) in fixture.Browsers)
        {
            browsers[role] = browser;
        }

        foreach (var (template, rule) in table.Where(t => mapped.ContainsKey(t.Key)))
        {
            foreach (var who in Everyone)
            {
                var expected = rule.Expect(who);
                foreach (var sample in rule.Samples)
                {
                    using var response = await browsers[who].GetAsync(sample);
                    var actual = Outcome(response);
                    if (actual != expected)
                    {
                        problems.Add($"GET {sample} as {who}: expected {expected}, got {actual}");
                    }
                }

                // A refusal must hold for the form posts too, with a valid antiforgery token, so
                // it is the authorization that refuses and not the missing token. Some pages let
                // more people read than change: their posts have a refusal of their own.
                var expectedPost = rule.ExpectPost?.Invoke(who) ?? expected;
                if (expectedPost is SignIn or Refused)
                {
                    foreach (var post in rule.Posts)
                    {
                        using var response = await PostAsync(browsers[who], who, post);
                        var actual = Outcome(response);
                        if (actual != expectedPost)
                        {
                            problems.Add($"POST {post} as {who}: expected {expectedPost}, got {actual}");
                        }
                    }
                }
            }
        }

        // Nothing a refused post could have done happened.
        await using (var db = site.Database.NewContext())
        {
            Assert.Equal(fixture.PeriodCount, await db.ReportingPeriods.CountAsync());
            Assert.Equal(fixture.PeriodCount, await db.ReportingPeriods.CountAsync(p => p.IsOpen));
            Assert.Equal(0, await db.MeasureUpdates.CountAsync());
            Assert.Equal(fixture.CatalogueTitle, await db.Measures.Where(m => m.Code == fixture.MeasureCode).Select(m => m.Title).SingleAsync());
            Assert.False(await db.MeasureChanges.AnyAsync());
            Assert.False(await db.ReportSnapshots.AnyAsync(r => r.Quarter == "2023-24 Q3"));
            Assert.True(await new ReportSnapshots(db, TimeProvider.System).IsPublishedAsync(fixture.PublishedReportId));
            Assert.False(await db.ResourceLines.AnyAsync(l => l.Title == "Refused line"));
            Assert.Equal(fixture.Services, await db.Services.OrderBy(s => s.Id).Select(s => s.Name).ToListAsync());
            Assert.False(await db.Users.AnyAsync(u => u.Email == RefusedEmail));
            // The account the refused user posts were about (not its security stamp, which the set-up page's GET changes with a new authenticator key).
            var contributor = await db.Users.SingleAsync(u => u.Id == fixture.Contributor.Id);
            Assert.Equal(fixture.Contributor, (contributor.Id, contributor.DisplayName, contributor.ServiceId, contributor.PasswordHash, contributor.MustChangePassword, contributor.LockoutEnd));
            Assert.Equal([Roles.Contributor], await db.UserRoles.Where(r => r.UserId == contributor.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync());
        }

        foreach (var browser in browsers.Values)
        {
            browser.Dispose();
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task Workspace_RefusesAContributorTheMeasuresAndCommitmentsTheyDoNotOwn()
    {
        var fixture = await SetUpAsync();
        var (other, _) = await site.SignedInAsync(Roles.Contributor);
        using var _1 = other;

        using var measure = await other.GetAsync($"/staff/measures/{fixture.MeasureCode}/update");
        Assert.Equal(HttpStatusCode.Forbidden, measure.StatusCode);
        using var commitment = await other.GetAsync($"/staff/commitments/{fixture.CommitmentId}/update");
        Assert.Equal(HttpStatusCode.Forbidden, commitment.StatusCode);

        var posted = await PostAsync(other, Roles.Contributor, $"/staff/measures/{fixture.MeasureCode}/update", new Dictionary<string, string> { ["Form.Value"] = "12", ["action"] = "submit" });
        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        posted.Dispose();

        // The owner is let in, so the refusal above is about ownership and not the page.
        using var owner = await fixture.Browsers[Roles.Contributor].GetAsync($"/staff/measures/{fixture.MeasureCode}/update");
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);

        await using var db = site.Database.NewContext();
        Assert.Equal(0, await db.MeasureUpdates.CountAsync());
    }

    /// <summary>The templates the app maps (as "/path/{param}"), from the routing system itself.</summary>
    private Dictionary<string, string> MappedTemplates()
    {
        var sources = site.Factory.Services.GetServices<EndpointDataSource>();
        return sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").Trim('/'))
            .Distinct(StringComparer.Ordinal)
            .ToDictionary(t => t, t => t, StringComparer.Ordinal);
    }

    private sealed record Rule(string[] Samples, Func<string, string> Expect, string[] Posts, Func<string, string>? ExpectPost = null);

    private static Rule Public(params string[] samples) => new(samples, _ => Ok, []);

    /// <summary>A workspace page: anonymous visitors are sent to sign in, the named roles get it, everyone else is refused.</summary>
    private static Rule For(string[] roles, string[] samples, params string[] posts) =>
        new(samples, who => who == Anonymous ? SignIn : roles.Contains(who) ? Ok : Refused, posts);

    /// <summary>A workspace page everyone on the staff may read but only <paramref name="changers"/> may post to.</summary>
    private static Rule ReadByAll(string[] changers, string[] samples, params string[] posts) =>
        For(Roles.All.ToArray(), samples, posts) with { ExpectPost = who => who == Anonymous ? SignIn : changers.Contains(who) ? Ok : Refused };

    private static Rule Special(string sample, Func<string, string> expect, params string[] posts) => new([sample], expect, posts);

    private static Dictionary<string, Rule> Table(Fixture f) => new(StringComparer.Ordinal)
    {
        // The public portal, its API and open data: everyone, signed in or not.
        ["/"] = Public("/"),
        ["/about-the-plan"] = Public("/about-the-plan"),
        ["/accessibility"] = Public("/accessibility"),
        ["/ambitions"] = Public("/ambitions"),
        ["/ambitions/{id}"] = Public($"/ambitions/{f.AmbitionKey}"),
        ["/borough-plan"] = Public("/borough-plan"),
        ["/climate"] = Public("/climate"),
        ["/error/{code:int?}"] = new(["/error/404"], _ => NotFound, []),
        ["/evidence"] = Public("/evidence"),
        ["/how-we-judge"] = Public("/how-we-judge"),
        ["/measures"] = Public("/measures", "/measures?headline=out-of-date"),
        ["/measures/{code}"] = Public($"/measures/{f.MeasureCode}"),
        ["/neighbourhoods"] = Public("/neighbourhoods"),
        ["/neighbourhoods/{code}"] = Public($"/neighbourhoods/{f.WardCode}"),
        ["/open-data"] = Public("/open-data"),
        ["/open-data/api/{handler?}"] = new(["/open-data/api"], _ => Ok, []),
        ["/open-data/catalogue.jsonld"] = Public("/open-data/catalogue.jsonld"),
        ["/portfolios"] = Public("/portfolios"),
        ["/portfolios/{id}"] = Public($"/portfolios/{f.PortfolioKey}"),
        ["/programmes"] = Public("/programmes"),
        ["/programmes/{id}"] = Public($"/programmes/{f.ProgrammeKey}"),
        ["/search"] = Public("/search?q=housing"),
        ["/sitemap.xml"] = Public("/sitemap.xml"),
        ["/themes"] = Public("/themes"),
        ["/themes/{id}"] = Public($"/themes/{f.ThemeKey}"),
        ["/api/v1/openapi.json"] = Public("/api/v1/openapi.json"),
        ["/api/v1/plan"] = Public("/api/v1/plan"),
        ["/api/v1/plan/elements"] = Public("/api/v1/plan/elements"),
        ["/api/v1/measures"] = Public("/api/v1/measures"),
        ["/api/v1/measures/{code}"] = Public($"/api/v1/measures/{f.MeasureCode}"),
        ["/api/v1/observations"] = Public($"/api/v1/observations?measure={f.MeasureCode}"),
        ["/api/v1/areas"] = Public("/api/v1/areas"),
        ["/api/v1/evidence"] = Public("/api/v1/evidence"),
        ["/reports"] = Public("/reports"),
        ["/reports/{id:int}/{format?}"] = Public($"/reports/{f.PublishedReportId}", $"/reports/{f.PublishedReportId}/html", $"/reports/{f.PublishedReportId}/xlsx"),
        ["/reports/report.css"] = Public("/reports/report.css"),

        // Health checks for the load balancer: anonymous, and saying nothing but the status.
        ["/health/live"] = Public("/health/live"),
        ["/health/ready"] = Public("/health/ready"),

        // Signing in: open to people who are not signed in; the rest needs a session.
        ["/staff/account/sign-in"] = Special("/staff/account/sign-in", who => who == Anonymous ? Ok : ToWorkspace),
        ["/staff/account/two-factor"] = Special("/staff/account/two-factor", _ => SignIn),
        ["/staff/account/recovery-code"] = Special("/staff/account/recovery-code", _ => SignIn),
        ["/staff/account/external-sign-in"] = Special("/staff/account/external-sign-in", _ => Ok),
        ["/staff/account/sign-out"] = Special("/staff/account/sign-out", _ => Ok),
        ["/staff/account/access-denied"] = Special("/staff/account/access-denied", _ => Refused),
        ["/staff/account/change-password"] = For(Roles.All.ToArray(), ["/staff/account/change-password"]),
        ["/staff/account/set-up-authenticator"] = For(Roles.All.ToArray(), ["/staff/account/set-up-authenticator"]),
        ["/staff/account/session"] = For(Roles.All.ToArray(), ["/staff/account/session"]),

        // The workspace.
        ["/staff"] = For(Roles.All.ToArray(), ["/staff"]),
        ["/staff/measures/{code}/update"] = For(DataEntry, [$"/staff/measures/{f.MeasureCode}/update"], $"/staff/measures/{f.MeasureCode}/update?Form.Value=12&action=save"),
        ["/staff/commitments/{id:int}/update"] = For(DataEntry, [$"/staff/commitments/{f.CommitmentId}/update"], $"/staff/commitments/{f.CommitmentId}/update"),

        // The figures upload: the form, the template and the preview write nothing; the save is
        // posted with a real checked file, the contributor's. Its seal is for them alone (what
        // UploadTests checks), so here the refusal expected is the role check's, before any reading.
        ["/staff/upload/{handler?}"] = For(DataEntry, ["/staff/upload", $"/staff/upload/template?period={Uri.EscapeDataString(f.Quarter)}"], $"/staff/upload/preview?Period={f.Quarter}", $"/staff/upload/commit?Upload={f.SealedUpload}&action=submit"),
        ["/staff/approvals/{handler?}"] = For([Roles.Approver, Roles.PerformanceTeam], ["/staff/approvals"], "/staff/approvals/decide?id=1&version=1&decision=approve", "/staff/approvals/approve-commitment?id=1", "/staff/approvals/approvechange?id=1&version=1", "/staff/approvals/returnchange?id=1&version=1"),
        ["/staff/publish"] = For([Roles.PerformanceTeam], ["/staff/publish"], "/staff/publish", "/staff/publish?handler=Change&id=1&version=1", "/staff/publish?handler=ReturnChange&id=1&version=1"),
        ["/staff/periods/{handler?}"] = For([Roles.PerformanceTeam], ["/staff/periods"], "/staff/periods/open?Quarter=2024-25 Q1&Due=2024-07-31", "/staff/periods/close?id=1"),
        ["/staff/catalogue"] = For([Roles.PerformanceTeam], ["/staff/catalogue"]),
        ["/staff/catalogue/{code}"] = For([Roles.PerformanceTeam], [$"/staff/catalogue/{f.MeasureCode}"], $"/staff/catalogue/{f.MeasureCode}?Title=Changed"),
        ["/staff/plan"] = For([Roles.PerformanceTeam], ["/staff/plan"]),
        ["/staff/plan/{id:int}"] = For([Roles.PerformanceTeam], [$"/staff/plan/{f.CommitmentId}"], $"/staff/plan/{f.CommitmentId}"),
        ["/staff/portfolio"] = For([Roles.Councillor, Roles.PerformanceTeam], ["/staff/portfolio"]),
        ["/staff/audit/{handler?}"] = For([Roles.Administrator], ["/staff/audit", "/staff/audit/export"]),
        ["/staff/reports"] = ReadByAll([Roles.PerformanceTeam], ["/staff/reports"], $"/staff/reports?handler=Freeze&Portfolio={f.PortfolioKey}&Quarter=2023-24 Q3", $"/staff/reports?handler=Publish&id={f.PublishedReportId}&publish=false"),
        ["/staff/reports/draft"] = For(Roles.All.ToArray(), [$"/staff/reports/draft?portfolio={f.PortfolioKey}&quarter=2023-24%20Q2"]),
        ["/staff/reports/{id:int}/{format?}"] = For(Roles.All.ToArray(), [$"/staff/reports/{f.PublishedReportId}", $"/staff/reports/{f.PublishedReportId}/html"]),
        ["/staff/sources"] = For([Roles.PerformanceTeam], ["/staff/sources"], "/staff/sources?handler=Publish&id=1"),
        ["/staff/overdue"] = For([Roles.PerformanceTeam], ["/staff/overdue"]),
        ["/staff/resources"] = For([Roles.PerformanceTeam], ["/staff/resources"], "/staff/resources?handler=Save&Kind=Revenue&Title=Refused line", "/staff/resources?handler=Publish&lines=1&publish=true"),
        ["/staff/services"] = For([Roles.PerformanceTeam], ["/staff/services"], "/staff/services?handler=Add&Name=Refused directorate&DirectorateId="),
        ["/staff/services/{id:int}"] = For([Roles.PerformanceTeam], [$"/staff/services/{f.ServiceId}"], $"/staff/services/{f.ServiceId}?Name=Refused name", $"/staff/services/{f.UnusedServiceId}?handler=Remove"),

        // Users and roles: administrators only (signed in with a second factor, as SignedInAsync does).
        ["/staff/users"] = For([Roles.Administrator], ["/staff/users"]),
        ["/staff/users/add"] = For([Roles.Administrator], ["/staff/users/add"], $"/staff/users/add?Email={RefusedEmail}&Role=Administrator"),
        ["/staff/users/{id}"] = For([Roles.Administrator], [$"/staff/users/{f.Contributor.Id}"], $"/staff/users/{f.Contributor.Id}?handler=ResetPassword", $"/staff/users/{f.Contributor.Id}?handler=Disable", $"/staff/users/{f.Contributor.Id}?handler=Unlock"),
        ["/staff/users/{id}/change"] = For([Roles.Administrator], [$"/staff/users/{f.Contributor.Id}/change"], $"/staff/users/{f.Contributor.Id}/change?DisplayName=Refused&Roles=Administrator&Service=&Portfolio="),
    };

    private static string Outcome(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString ?? "";
        var path = location.StartsWith("https://localhost", StringComparison.Ordinal) ? location["https://localhost".Length..] : location;
        return response.StatusCode switch
        {
            HttpStatusCode.OK => Ok,
            HttpStatusCode.Forbidden => Refused,
            HttpStatusCode.NotFound => NotFound,
            HttpStatusCode.Redirect or HttpStatusCode.Found when path.StartsWith("/staff/account/sign-in", StringComparison.Ordinal) => SignIn,
            HttpStatusCode.Redirect or HttpStatusCode.Found when path.StartsWith("/staff/account/access-denied", StringComparison.Ordinal) => Refused,
            HttpStatusCode.Redirect or HttpStatusCode.Found when path == "/staff" => ToWorkspace,
            _ => $"{(int)response.StatusCode} {location}",
        };
    }

    /// <summary>
    /// Posts with the antiforgery token this visitor's own pages carry (the sign-in form's for
    /// someone not signed in). Anything after "?" in <paramref name="path"/> is sent as form fields,
    /// so a refused post is one that would have changed something had it been let through.
    /// </summary>
    private static async Task<HttpResponseMessage> PostAsync(Browser browser, string who, string path, Dictionary<string, string>? fields = null)
    {
        if (path.Split('?', 2) is [var target, var query])
        {
            // The handler is chosen by the query string, as the page's own forms send it.
            var pairs = query.Split('&').Select(p => p.Split('=', 2)).ToList();
            fields = pairs.Where(p => p[0] != "handler").ToDictionary(p => p[0], p => p[1]);
            path = target + string.Concat(pairs.Where(p => p[0] == "handler").Select(p => "?handler=" + p[1]));
        }

        var page = await browser.PageAsync(who == Anonymous ? "/staff/account/sign-in" : "/staff/account/sign-out");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("no antiforgery token on the page");
        var values = new Dictionary<string, string>(fields ?? []) { ["__RequestVerificationToken"] = token };
        using var content = new FormUrlEncodedContent(values);
        return await browser.Client.PostAsync(path, content);
    }

    private sealed record Fixture(
        Dictionary<string, Browser> Browsers,
        string MeasureCode,
        int CommitmentId,
        string AmbitionKey,
        string ThemeKey,
        string ProgrammeKey,
        string PortfolioKey,
        string WardCode,
        int PeriodCount,
        string CatalogueTitle,
        int PublishedReportId,
        string Quarter,
        string SealedUpload,
        int ServiceId,
        int UnusedServiceId,
        List<string> Services,
        (string Id, string DisplayName, int? ServiceId, string? PasswordHash, bool MustChangePassword, DateTimeOffset? LockoutEnd) Contributor);

    /// <summary>
    /// One signed-in browser per role. The contributor owns a measure and a commitment, the approver
    /// belongs to the owning service, the councillor holds the portfolio, and a quarter is open, so
    /// a page that refuses someone here refuses them for their role, not for want of data.
    /// </summary>
    private async Task<Fixture> SetUpAsync()
    {
        var browsers = new Dictionary<string, Browser>();
        var emails = new Dictionary<string, string>();
        foreach (var role in Roles.All)
        {
            (browsers[role], emails[role]) = await site.SignedInAsync(role);
        }

        var commitmentId = await Workspace.FirstCommitmentAsync(site.Database);
        var serviceId = await Workspace.GiveAsync(site.Database, "A2-10", commitmentId, emails[Roles.Contributor], emails[Roles.Contributor], emails[Roles.Approver]);
        await Workspace.OpenQuarterAsync(site.Database);
        var sealedUpload = await CheckedUploadAsync(browsers[Roles.Contributor], "A2-10");
        await using var db = site.Database.NewContext();
        var measure = await db.Measures.Include(m => m.Portfolio).SingleAsync(m => m.Code == "A2-10");
        var councillor = await db.Users.SingleAsync(u => u.Email == emails[Roles.Councillor]);
        councillor.PortfolioKey = measure.Portfolio!.Key;
        await db.SaveChangesAsync();
        string KeyOf(ElementKind kind) => db.PlanElements.Where(e => e.Kind == kind).OrderBy(e => e.Id).Select(e => e.Key).First();
        var ward = await db.Areas.Where(a => a.Type == Core.Areas.AreaType.Ward).OrderBy(a => a.Code).Select(a => a.Code).FirstAsync();
        Assert.True(ReportBuilder.TryParseQuarter("2023-24 Q2", out var quarter));
        var report = await new ReportBuilder(db, TimeProvider.System).FindAsync(measure.Portfolio.Key, quarter);
        var snapshot = await new ReportSnapshots(db, TimeProvider.System).FreezeAsync("performance@example.gov.uk", report!);
        await new ReportSnapshots(db, TimeProvider.System).SetPublishedAsync("performance@example.gov.uk", snapshot.Id, published: true);

        // A service nothing refers to, which a refused post could otherwise remove.
        var unused = await new ServiceDirectory(db).AddAsync($"Unused {Guid.NewGuid():N}", null);
        var contributor = await db.Users.AsNoTracking().SingleAsync(u => u.Email == emails[Roles.Contributor]);
        return new Fixture(
            browsers,
            measure.Code,
            commitmentId,
            KeyOf(ElementKind.Ambition),
            KeyOf(ElementKind.Theme),
            KeyOf(ElementKind.Programme),
            measure.Portfolio.Key,
            ward,
            await db.ReportingPeriods.CountAsync(),
            measure.Title,
            snapshot.Id,
            await db.ReportingPeriods.Where(p => p.IsOpen).OrderBy(p => p.Starts).Select(p => p.Quarter).LastAsync(),
            sealedUpload,
            serviceId,
            unused.Id,
            await db.Services.OrderBy(s => s.Id).Select(s => s.Name).ToListAsync(),
            (contributor.Id, contributor.DisplayName, contributor.ServiceId, contributor.PasswordHash, contributor.MustChangePassword, contributor.LockoutEnd));
    }

    /// <summary>The sealed file a preview hands to the save: a figure for <paramref name="code"/>, which the officer owns, checked and ready to submit.</summary>
    private static async Task<string> CheckedUploadAsync(Browser officer, string code)
    {
        const string path = "/staff/upload";
        var form = await officer.PageAsync(path);
        var csv = $"measure,value,commentary\n{code},75.5,Employment held up\n";
        using var response = await officer.UploadAsync(form, path, new Dictionary<string, string>(), "Csv", "figures.csv", System.Text.Encoding.UTF8.GetBytes(csv));
        var preview = await Browser.ParseAsync(response);
        return preview.QuerySelector("main form[action='/staff/upload/commit'] input[name=Upload]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"the upload preview offered no save: {preview.QuerySelector(".govuk-error-summary")?.TextContent.Trim()}");
    }
}

public sealed class SqliteAuthorizationMatrixTests(StaffSqliteSite site) : AuthorizationMatrixTests<StaffSqliteSite>(site);

public sealed class PostgresAuthorizationMatrixTests(StaffPostgresSite site) : AuthorizationMatrixTests<StaffPostgresSite>(site);
