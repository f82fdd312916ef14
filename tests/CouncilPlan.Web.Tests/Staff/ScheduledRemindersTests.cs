using System.Diagnostics;
using CouncilPlan.Core.Reminders;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Users;
using CouncilPlan.Testing;
using CouncilPlan.Web.Reminders;
using CouncilPlan.Web.Tests.Staff.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Web.Tests.Staff;

/// <summary>The web app with a mail server configured: an SMTP server in the test process, on 127.0.0.1.</summary>
public sealed class ScheduledRemindersSite() : StaffSite(Core.Data.DatabaseProvider.Sqlite)
{
    public TestSmtpServer Smtp { get; } = TestSmtpServer.Start();

    protected override Dictionary<string, string?> Settings() => new(base.Settings())
    {
        ["Reminders:FirstRunAfter"] = "00:00:00",
        ["Site:BaseUrl"] = "https://plan.council.example",
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Smtp:Security"] = "None",
        ["Email:Smtp:From"] = "Performance team <performance@council.example>",
    };
}

public sealed class ScheduledRemindersTests(ScheduledRemindersSite site) : IClassFixture<ScheduledRemindersSite>
{
    [Fact]
    public async Task WhenEmailIsConfigured_TheWebAppTellsTheOwnerOfAnOverdueUpdate_Once()
    {
        await using var smtp = site.Smtp;
        string code;
        await using (var db = site.Database.NewContext())
        {
            var team = new Officer("team", "team@example.gov.uk", "Team", new HashSet<string> { Roles.PerformanceTeam }, null, null);
            await new Cycle(db, TimeProvider.System).Periods.OpenAsync(team, "2019-20 Q1", new DateOnly(2019, 7, 31));
            var service = new Service { Name = "Scheduled Reminder Service" };
            db.Services.Add(service);
            db.Users.Add(new StaffUser { Id = "late", UserName = "late.owner@example.gov.uk", Email = "late.owner@example.gov.uk", DisplayName = "Lee Late", Service = service });
            var role = await db.Roles.SingleOrDefaultAsync(r => r.Name == Roles.Contributor);
            if (role is null)
            {
                role = new IdentityRole(Roles.Contributor) { NormalizedName = Roles.Contributor.ToUpperInvariant() };
                db.Roles.Add(role);
            }

            db.UserRoles.Add(new IdentityUserRole<string> { UserId = "late", RoleId = role.Id });
            await db.SaveChangesAsync();
            var measure = await db.Measures.OrderBy(m => m.Code).FirstAsync();
            code = measure.Code;
            db.Ownerships.Add(new Ownership { MeasureId = measure.Id, ServiceId = service.Id, UserId = "late" });
            await db.SaveChangesAsync();
        }

        // Starting the host starts the schedule, whose first run is at once here.
        using var client = site.Factory.CreateClient();
        var waited = Stopwatch.StartNew();
        while (smtp.To("late.owner@example.gov.uk").Count == 0 && waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(250);
        }

        // The next run is tomorrow at 07:00 UTC; had it run again, it would have found this one recorded.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var notice = Assert.Single(smtp.To("late.owner@example.gov.uk"));
        Assert.Equal("Overdue: 2019-20 Q1 updates were due on 31 July 2019", notice.Subject);
        Assert.Contains($"https://plan.council.example/staff/measures/{code}/update?period=2019-20%20Q1", notice.TextBody, StringComparison.Ordinal);
        await using var check = site.Database.NewContext();
        var sent = await check.RemindersSent.SingleAsync(r => r.UserId == "late");
        Assert.Equal((ReminderKind.Overdue, "late.owner@example.gov.uk"), (sent.Kind, sent.SentTo));
        Assert.True(await check.AuditEntries.AnyAsync(a => a.Entity == nameof(ReminderSent) && a.Who == Core.Audit.AuditActor.System.Who && a.Key.StartsWith("Overdue to late.owner@example.gov.uk, period ")));
    }

    [Theory]
    [InlineData("2026-04-23T06:59:00Z", "00:01:00")]
    [InlineData("2026-04-23T07:00:00Z", "1.00:00:00")]
    [InlineData("2026-04-23T12:30:00Z", "18:30:00")]
    public void TheDailyRun_IsAtTheSetTimeOfDay(string now, string wait)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        Assert.Equal(TimeSpan.Parse(wait, invariant), ScheduledReminders.UntilNextRun(DateTimeOffset.Parse(now, invariant), new TimeOnly(7, 0)));
    }
}
