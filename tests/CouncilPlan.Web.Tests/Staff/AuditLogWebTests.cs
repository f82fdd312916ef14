using System.Net;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Users;
using CouncilPlan.Testing;
using CouncilPlan.Web.Tests.Staff.Security;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Web.Tests.Staff;

/// <summary>
/// Each kind of change made through the workspace leaves an entry with who, when, from where and
/// what before and after, which administrators can search and export, on each database.
/// </summary>
public abstract class AuditLogWebTests<TSite>(TSite site) : IClassFixture<TSite>
    where TSite : StaffSite
{
    [Fact]
    public async Task EachKindOfChange_IsLoggedWithWhoAndWhatBeforeAndAfter_AndAdministratorsCanSearchAndExportIt()
    {
        const string code = "A2-12";
        var (performance, performanceEmail) = await site.SignedInAsync(Roles.PerformanceTeam);
        var (contributor, contributorEmail) = await site.SignedInAsync(Roles.Contributor);
        var (approver, approverEmail) = await site.SignedInAsync(Roles.Approver);
        var (administrator, _) = await site.SignedInAsync(Roles.Administrator);
        using var _1 = performance;
        using var _2 = contributor;
        using var _3 = approver;
        using var _4 = administrator;
        var commitment = await Workspace.FirstCommitmentAsync(site.Database);
        await Workspace.GiveAsync(site.Database, code, commitment, contributorEmail, contributorEmail, approverEmail);

        var newTitle = $"Retitled {Guid.NewGuid():N}";
        string oldTitle;
        await using (var db = site.Database.NewContext())
        {
            oldTitle = await db.Measures.Where(m => m.Code == code).Select(m => m.Title).SingleAsync();
        }

        var steps = new (Browser Who, string Path, Dictionary<string, string> Fields, string Form)[]
        {
            (performance, "/staff/periods", new() { ["Quarter"] = "2026-27 Q1", ["Due"] = "2026-07-31" }, "form[action$='/open']"),
            (performance, $"/staff/catalogue/{code}", new() { ["Title"] = newTitle }, "main form[method=post]"),
            (performance, $"/staff/plan/{commitment}", new() { ["DueText"] = "By the end of the year" }, "main form[method=post]"),
            (contributor, $"/staff/measures/{code}/update", new() { ["Form.Value"] = "3.25", ["Form.Commentary"] = "Quarter's commentary", ["action"] = "submit" }, "main form[method=post]"),
            (contributor, $"/staff/commitments/{commitment}/update", new() { ["Status"] = nameof(CommitmentStatus.OnTrack), ["Commentary"] = "Going to plan" }, "main form[method=post]"),
        };
        foreach (var (who, path, fields, form) in steps)
        {
            using var response = await who.SubmitAsync(path, fields, form);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{path} answered {(int)response.StatusCode}: {(await Browser.ParseAsync(response)).QuerySelector(".govuk-error-summary")?.TextContent}");
        }

        // The catalogue marks the measure, in words, while its change waits.
        Assert.Equal("Change waiting for approval", (await performance.PageAsync("/staff/catalogue")).QuerySelector($"[data-change='{code}']")?.TextContent);

        var approvals = await approver.PageAsync("/staff/approvals");
        using (await approver.SubmitAsync(approvals, "/staff/approvals", new Dictionary<string, string> { ["decision"] = "approve" }, "form[action$='/decide']"))
        {
        }

        using (await approver.SubmitAsync("/staff/approvals", new Dictionary<string, string>(), "form[action$='/approvecommitment']"))
        {
        }

        // The new title is a change to the public record: the service's approver approves it, the performance team publishes it.
        using (var approved = await approver.SubmitAsync("/staff/approvals", new Dictionary<string, string>(), "form[action$='/approvechange']"))
        {
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        }

        using (var published = await performance.SubmitAsync("/staff/publish", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        using (var published = await performance.SubmitAsync("/staff/publish", new Dictionary<string, string>(), "form[action*='handler=Change']"))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        var (added, _) = await site.AddUserAsync(Roles.Councillor);

        // What kind of change, who made it, and something that must be in the entry.
        var expected = new (string Entity, string Who, string Text)[]
        {
            ("ReportingPeriod", performanceEmail, "2026-27 Q1"),
            ("MeasureChange", performanceEmail, newTitle),
            ("MeasureChange", approverEmail, "Approved"),
            ("Measure", performanceEmail, newTitle),
            ("PlanElement", performanceEmail, "By the end of the year"),
            ("MeasureUpdate", contributorEmail, "3.25"),
            ("MeasureUpdate", approverEmail, "Approved"),
            ("CommitmentUpdate", contributorEmail, "Going to plan"),
            ("Observation", performanceEmail, "3.25"),
            ("StaffUser", "", added),
            ("UserRole", "", Roles.Councillor),
        };
        foreach (var (entity, who, text) in expected)
        {
            var page = await administrator.PageAsync($"/staff/audit?entity={entity}&who={Uri.EscapeDataString(who)}");
            var rows = page.QuerySelectorAll("#entries tbody tr").Select(r => r.TextContent).ToList();
            Assert.True(rows.Any(r => r.Contains(text, StringComparison.Ordinal)), $"no {entity} entry by '{who}' containing {text} among {rows.Count}");
        }

        // The catalogue change shows what it was before and after, and where it came from.
        var retitled = (await administrator.PageAsync($"/staff/audit?entity=Measure&key={code}")).QuerySelectorAll("#entries tbody tr").Single(r => r.TextContent.Contains(newTitle, StringComparison.Ordinal));
        Assert.Contains(oldTitle, retitled.Children[3].TextContent, StringComparison.Ordinal);
        Assert.Contains(newTitle, retitled.Children[4].TextContent, StringComparison.Ordinal);
        Assert.Contains(performanceEmail, retitled.Children[1].TextContent, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(retitled.Children[1].QuerySelector("span")?.TextContent), "no 'from where' on the entry");

        using var export = await administrator.GetAsync($"/staff/audit/export?who={Uri.EscapeDataString(performanceEmail)}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        var lines = (await export.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,at_utc,who,from_where,action,entity,key,before,after", lines[0]);
        Assert.All(lines.Skip(1), l => Assert.Contains(performanceEmail, l, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(",Measure,", StringComparison.Ordinal) && l.Contains(newTitle, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(",Observation,", StringComparison.Ordinal));

        // Nothing secret is written to the log.
        await using (var db = site.Database.NewContext())
        {
            var users = await db.AuditEntries.Where(e => e.Entity == "StaffUser").ToListAsync();
            Assert.NotEmpty(users);
            Assert.All(users, e => Assert.DoesNotContain("PasswordHash", (e.Before ?? "") + e.After, StringComparison.Ordinal));
            Assert.All(users, e => Assert.DoesNotContain("SecurityStamp", (e.Before ?? "") + e.After, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task ALongSearch_PagesOnWithTheSameSearch_EvenForAnEmailWithAPlus()
    {
        var who = $"audit+{Guid.NewGuid():N}@example.gov.uk";
        await using (var db = site.Database.NewContext())
        {
            var at = TimeProvider.System.GetUtcNow();
            db.AuditEntries.AddRange(Enumerable.Range(1, CouncilPlan.Web.Pages.Staff.Audit.IndexModel.PageSize + 1).Select(i => new CouncilPlan.Core.Audit.AuditEntry
            {
                At = at.AddSeconds(i),
                Who = who,
                FromWhere = "test",
                Action = "Changed",
                Entity = "Measure",
                Key = $"PAGE-{i:000}",
            }));
            await db.SaveChangesAsync();
        }

        var (administrator, _) = await site.SignedInAsync(Roles.Administrator);
        using var _1 = administrator;
        var first = await administrator.PageAsync($"/staff/audit?who={Uri.EscapeDataString(who)}");
        Assert.Equal(CouncilPlan.Web.Pages.Staff.Audit.IndexModel.PageSize, first.QuerySelectorAll("main tbody tr").Length);
        var next = first.QuerySelectorAll("main a").Single(a => a.TextContent.Trim() == "Next page").GetAttribute("href")!;

        var second = await administrator.PageAsync(next);
        var row = Assert.Single(second.QuerySelectorAll("main tbody tr"));
        Assert.Contains("PAGE-001", row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(second.QuerySelectorAll("main a"), a => a.TextContent.Trim() == "Next page");
    }
}

public sealed class SqliteAuditLogWebTests(StaffSqliteSite site) : AuditLogWebTests<StaffSqliteSite>(site);

public sealed class PostgresAuditLogWebTests(StaffPostgresSite site) : AuditLogWebTests<StaffPostgresSite>(site);
