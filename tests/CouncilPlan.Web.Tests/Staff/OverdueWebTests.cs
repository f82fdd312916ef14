using CouncilPlan.Core.Reminders;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Users;
using CouncilPlan.Testing;
using CouncilPlan.Web.Tests.Staff.Security;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Web.Tests.Staff;

/// <summary>The performance team's list of overdue updates at /staff/overdue, once on each database (who else may see it: the authorization matrix).</summary>
public abstract class OverdueWebTests<TSite>(TSite site) : IClassFixture<TSite>
    where TSite : StaffSite
{
    [Fact]
    public async Task AnOverdueUpdate_IsListedWithItsServiceAndOwner_AndTheEmailsSentAboutIt()
    {
        string code;
        await using (var db = site.Database.NewContext())
        {
            var team = new Officer("team", "team@example.gov.uk", "Team", new HashSet<string> { Roles.PerformanceTeam }, null, null);
            // Due long before today: everything not yet submitted is overdue.
            var quarter = await new Cycle(db, TimeProvider.System).Periods.OpenAsync(team, "2019-20 Q1", new DateOnly(2019, 7, 31));
            var service = new Service { Name = "Overdue Test Service" };
            db.Services.Add(service);
            db.Users.Add(new StaffUser { Id = "overdue-owner", UserName = "overdue.owner@example.gov.uk", Email = "overdue.owner@example.gov.uk", DisplayName = "Nadia Overdue", Service = service });
            await db.SaveChangesAsync();
            var measure = await db.Measures.OrderBy(m => m.Code).FirstAsync();
            code = measure.Code;
            db.Ownerships.Add(new Ownership { MeasureId = measure.Id, ServiceId = service.Id, UserId = "overdue-owner" });
            db.RemindersSent.Add(new ReminderSent { ReportingPeriodId = quarter.Id, UserId = "overdue-owner", Kind = ReminderKind.Overdue, SentTo = "overdue.owner@example.gov.uk", Items = 1, SentAt = new DateTimeOffset(2019, 8, 1, 7, 0, 0, TimeSpan.Zero) });
            await db.SaveChangesAsync();
        }

        var (browser, _) = await site.SignedInAsync(Roles.PerformanceTeam);
        using var _1 = browser;
        var page = await browser.PageAsync("/staff/overdue");

        var overdue = page.GetElementById("overdue-2019-20-Q1")!;
        var row = overdue.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("a")!.TextContent == code);
        var cells = row.Children.Select(c => c.TextContent.Trim()).ToList();
        Assert.Contains("Overdue Test Service", cells[1], StringComparison.Ordinal);
        Assert.Equal("Nadia Overdue", cells[2]);
        Assert.Equal("Not started", cells[3]);
        Assert.Equal($"/staff/measures/{code}/update?period=2019-20%20Q1", row.QuerySelector("a")!.GetAttribute("href"));

        var sent = page.GetElementById("sent-2019-20-Q1")!.QuerySelector("tbody tr")!.Children.Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal("2019-08-01 07:00", sent[0]);
        Assert.Contains("Nadia Overdue", sent[1], StringComparison.Ordinal);
        Assert.Contains("overdue.owner@example.gov.uk", sent[1], StringComparison.Ordinal);
        Assert.Equal(["Overdue notice", "1"], sent.Skip(2));

        // The test site has no mail server configured: the page says reminders are off, and why.
        Assert.Contains("no email is configured", page.GetElementById("reminders-off")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull((await browser.PageAsync("/staff")).QuerySelector(".councilplan-staff-nav a[href='/staff/overdue']"));
    }
}

public sealed class SqliteOverdueWebTests(StaffSqliteSite site) : OverdueWebTests<StaffSqliteSite>(site);

public sealed class PostgresOverdueWebTests(StaffPostgresSite site) : OverdueWebTests<StaffPostgresSite>(site);
