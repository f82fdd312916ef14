using System.Net;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Users;
using CouncilPlan.Testing;
using CouncilPlan.Web.Tests.Staff.Security;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Web.Tests.Staff;

/// <summary>
/// The quarterly cycle through the workspace's own pages, as the officers do it, on each database:
/// entry, approval and publication; what the public can see at each step; two officers at once;
/// and the audit trail of it all.
/// </summary>
public abstract class QuarterlyCycleWebTests<TSite>(TSite site) : IClassFixture<TSite>
    where TSite : StaffSite
{
    [Fact]
    public async Task EnteredSubmittedAndApprovedFigures_AreOnNoPublicRoute_UntilPublished_ThenAppearAtOnce()
    {
        const string code = "A2-10";
        var marker = $"Unpublished-{Guid.NewGuid():N}";
        const string value = "61.2345";
        var (contributor, contributorEmail) = await site.SignedInAsync(Roles.Contributor);
        var (approver, approverEmail) = await site.SignedInAsync(Roles.Approver);
        var (performance, _) = await site.SignedInAsync(Roles.PerformanceTeam);
        using var _1 = contributor;
        using var _2 = approver;
        using var _3 = performance;
        using var resident = site.NewBrowser();
        var commitment = await Workspace.FirstCommitmentAsync(site.Database);
        await Workspace.GiveAsync(site.Database, code, commitment, contributorEmail, contributorEmail, approverEmail);
        using (var opened = await performance.SubmitAsync("/staff/periods", new Dictionary<string, string> { ["Quarter"] = "2026-27 Q2", ["Due"] = "2026-10-31" }, "form[action$='handler=open'], form[action$='/open']"))
        {
            Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        }

        // Public pages are read first, so any cached copy would be served later if publishing did not clear it.
        using (await resident.GetAsync($"/measures/{code}"))
        {
        }

        var due = await contributor.PageAsync("/staff");
        Assert.NotNull(due.QuerySelector($"a[href^='/staff/measures/{code}/update']"));
        using (var saved = await contributor.SubmitAsync($"/staff/measures/{code}/update", new Dictionary<string, string> { ["Form.Value"] = value, ["Form.Commentary"] = $"Measure commentary {marker}", ["action"] = "submit" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        using (var status = await contributor.SubmitAsync($"/staff/commitments/{commitment}/update", new Dictionary<string, string> { ["Status"] = nameof(CommitmentStatus.AtRisk), ["Commentary"] = $"Commitment commentary {marker}" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, status.StatusCode);
        }

        var approvals = await approver.PageAsync("/staff/approvals");
        var form = approvals.QuerySelectorAll("form").First(f => f.TextContent.Contains(code, StringComparison.Ordinal));

        // The approver sees the figure in context: its target (none: a context indicator), its
        // rating, and the periods before it with the submitted one marked.
        var section = form.Closest("section")!;
        Assert.Contains("No target for", section.QuerySelector("[id$='-rating']")!.PreviousElementSibling!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Not rated", section.QuerySelector("[id$='-rating']")!.TextContent, StringComparison.Ordinal);
        var recent = section.QuerySelectorAll("table[id$='-recent'] tbody tr").ToList();
        Assert.InRange(recent.Count, 2, 8);
        Assert.Contains("(this update)", recent[^1].TextContent, StringComparison.Ordinal);
        Assert.NotNull(section.QuerySelector("svg.councilplan-chart, .councilplan-chart svg"));
        using (var approved = await approver.SubmitAsync(approvals, "/staff/approvals", new Dictionary<string, string> { ["decision"] = "approve" }, $"form:has(input[name=id][value='{form.QuerySelector("input[name=id]")!.GetAttribute("value")}'])"))
        {
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        }

        using (var approvedStatus = await approver.SubmitAsync("/staff/approvals", new Dictionary<string, string>(), "form[action*='approvecommitment'], form[action*='approve-commitment']"))
        {
            Assert.Equal(HttpStatusCode.Redirect, approvedStatus.StatusCode);
        }

        // Approved but not published: nowhere public, for a resident or for staff browsing the portal.
        var leaks = await CrawlAsync(resident, marker, value);
        Assert.True(leaks.Count == 0, "Unpublished figures reached: " + string.Join(", ", leaks));
        Assert.Equal("No results", (await resident.PageAsync($"/search?q={marker}")).GetElementById("results")!.TextContent.Trim());
        foreach (var path in new[] { $"/measures/{code}", $"/api/v1/observations?measure={code}&from=2025-10-01", $"/api/v1/measures/{code}" })
        {
            var body = await (await contributor.GetAsync(path)).Content.ReadAsStringAsync();
            Assert.DoesNotContain(marker, body, StringComparison.Ordinal);
            Assert.DoesNotContain(value, body, StringComparison.Ordinal);
        }

        var publish = await performance.PageAsync("/staff/publish");
        var ticked = publish.QuerySelectorAll("main form input[type=checkbox][checked]").ToList();
        Assert.Equal(2, ticked.Count);
        using (var published = await performance.SubmitAsync(publish, "/staff/publish", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        // Publishing clears the caches: the next request sees it, with no waiting.
        Assert.Contains(marker, await (await resident.GetAsync($"/measures/{code}")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(value, await (await resident.GetAsync($"/api/v1/observations?measure={code}&format=csv")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(value, await (await resident.GetAsync($"/api/v1/observations?measure={code}&from=2025-10-01")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var found = await CrawlAsync(resident, $"Commitment commentary {marker}", null);
        Assert.NotEmpty(found);
    }

    [Fact]
    public async Task TwoOfficersSavingTheSameUpdate_TheSecondIsToldWhatChangedAndKeepsTheirInput()
    {
        const string code = "A2-11";
        var (first, firstEmail) = await site.SignedInAsync(Roles.Contributor);
        var (second, secondEmail) = await site.SignedInAsync(Roles.Approver);
        using var _1 = first;
        using var _2 = second;
        await Workspace.GiveAsync(site.Database, code, await Workspace.FirstCommitmentAsync(site.Database), firstEmail, firstEmail, secondEmail);
        await Workspace.OpenQuarterAsync(site.Database);

        var path = $"/staff/measures/{code}/update";
        var firstForm = await first.PageAsync(path);
        var secondForm = await second.PageAsync(path);
        using (var saved = await first.SubmitAsync(firstForm, path, new Dictionary<string, string> { ["Form.Value"] = "70.1", ["Form.Commentary"] = "First officer's words", ["action"] = "draft" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        using var conflict = await second.SubmitAsync(secondForm, path, new Dictionary<string, string> { ["Form.Value"] = "80.2", ["Form.Commentary"] = "Second officer's words", ["action"] = "draft" });
        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        var page = await Browser.ParseAsync(conflict);
        var summary = page.QuerySelector(".govuk-error-summary")!.TextContent;
        Assert.Contains(firstEmail, summary, StringComparison.Ordinal);
        Assert.Contains("while you were working on it", summary, StringComparison.Ordinal);
        Assert.Equal("80.2", page.QuerySelector("input[name='Form.Value']")!.GetAttribute("value"));
        Assert.Contains("Second officer's words", page.QuerySelector("textarea[name='Form.Commentary']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("70.1", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        await using (var db = site.Database.NewContext())
        {
            var update = await db.MeasureUpdates.SingleAsync(u => u.MeasureId == db.Measures.Single(m => m.Code == code).Id);
            Assert.Equal(70.1, update.DraftValue);
        }

        // Saving again from the page they were shown, on purpose, succeeds.
        using var again = await second.SubmitAsync(page, path, new Dictionary<string, string> { ["action"] = "draft" });
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        await using (var db = site.Database.NewContext())
        {
            Assert.Equal(80.2, (await db.MeasureUpdates.SingleAsync(u => u.MeasureId == db.Measures.Single(m => m.Code == code).Id)).DraftValue);
        }
    }

    /// <summary>
    /// Every public page reachable by links from the home page and the sitemap, and every file and
    /// API answer they link to, searched for <paramref name="text"/> (and <paramref name="figure"/>).
    /// Returns where either was found.
    /// </summary>
    private static async Task<List<string>> CrawlAsync(Browser browser, string text, string? figure)
    {
        var found = new List<string>();
        var queue = new Queue<string>(["/", "/sitemap.xml", "/open-data/catalogue.jsonld", "/api/v1/plan", "/api/v1/plan/elements", "/api/v1/measures", "/api/v1/observations?format=csv", "/search?q=employment"]);
        var seen = new HashSet<string>(queue, StringComparer.Ordinal);
        var parser = new HtmlParser();
        while (queue.TryDequeue(out var path))
        {
            using var response = await browser.GetAsync(path);
            Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound, $"{path} answered {(int)response.StatusCode}");
            var body = await response.Content.ReadAsStringAsync();
            if (body.Contains(text, StringComparison.Ordinal) || (figure is not null && body.Contains(figure, StringComparison.Ordinal)))
            {
                found.Add(path);
            }

            IEnumerable<string> links = [];
            if (path == "/sitemap.xml")
            {
                links = XDocument.Parse(body).Descendants().Where(e => e.Name.LocalName == "loc").Select(e => new Uri(e.Value).PathAndQuery);
            }
            else if (response.Content.Headers.ContentType?.MediaType == "text/html")
            {
                links = parser.ParseDocument(body).QuerySelectorAll("a[href], link[href]").Select(a => a.GetAttribute("href")!);
            }

            foreach (var link in links)
            {
                var local = link.Split('#')[0].Replace("&amp;", "&", StringComparison.Ordinal);
                if (local.StartsWith('/') && !local.StartsWith("//", StringComparison.Ordinal) && !local.StartsWith("/staff", StringComparison.Ordinal)
                    && !local.StartsWith("/css/", StringComparison.Ordinal) && !local.StartsWith("/assets/", StringComparison.Ordinal) && seen.Add(local))
                {
                    queue.Enqueue(local);
                }
            }
        }

        Assert.True(seen.Count > 150, $"the crawl reached only {seen.Count} addresses");
        return found;
    }
}

public sealed class SqliteQuarterlyCycleWebTests(StaffSqliteSite site) : QuarterlyCycleWebTests<StaffSqliteSite>(site);

public sealed class PostgresQuarterlyCycleWebTests(StaffPostgresSite site) : QuarterlyCycleWebTests<StaffPostgresSite>(site);
