using CouncilPlan.Core.Data;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Reminders;
using CouncilPlan.Core.Tests.Updates;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Users;
using CouncilPlan.Reports.Workspace;
using CouncilPlan.Testing;
using MailKit.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CouncilPlan.Core.Tests.Reminders;

/// <summary>
/// The reminder run on both databases, sending through MailKit to a real SMTP server in the test
/// process, with the clock set to the day: the quarter 2025-26 Q4 is due on Thursday 30 April 2026,
/// so owners are reminded from Thursday 23 April (5 working days before).
/// </summary>
public sealed class ReminderRunTests
{
    private static readonly DateTimeOffset DayBefore = new(2026, 4, 22, 7, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ReminderDay = new(2026, 4, 23, 7, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset DueDay = new(2026, 4, 30, 7, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset DayAfter = new(2026, 5, 1, 7, 0, 0, TimeSpan.Zero);
    private const string Link = "https://plan.council.example/staff/measures/T-01/update?period=2025-26%20Q4";

    private static async Task<QuarterlyCycleTests.World> WorldAsync(DatabaseProvider provider)
    {
        var world = await QuarterlyCycleTests.WorldAsync(provider);
        await using var db = world.Database.NewContext();
        foreach (var (user, role) in new[] { ("owner", Roles.Contributor), ("stranger", Roles.Contributor), ("approver", Roles.Approver), ("other-approver", Roles.Approver) })
        {
            if (await db.Roles.FindAsync(role) is null)
            {
                db.Roles.Add(new IdentityRole(role) { Id = role, NormalizedName = role.ToUpperInvariant() });
            }

            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user, RoleId = role });
            await db.SaveChangesAsync();
        }

        return world;
    }

    private static async Task<IReadOnlyList<ReminderOutcome>> RunAsync(QuarterlyCycleTests.World world, DateTimeOffset at, TestSmtpServer smtp, CancellationToken cancellationToken = default)
    {
        var settings = new ReminderSettings
        {
            SiteBaseUrl = new Uri("https://plan.council.example/"),
            Smtp = new SmtpSettings { Host = "127.0.0.1", Port = smtp.Port, From = "Performance team <performance@council.example>", Security = SecureSocketOptions.None },
        };

        // A new context each time, as a new day's run (or a restarted instance) would have.
        await using var db = world.Database.NewContext();
        return await new ReminderRun(db, new FakeTimeProvider(at), settings, new SmtpEmailSender(settings.Smtp), ReminderEmails.Writer(settings), NullLogger.Instance).RunAsync(dryRun: false, cancellationToken);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task OwnersAreReminded_OnceAQuarter_FromTheReminderDay(DatabaseProvider provider)
    {
        await using var world = await WorldAsync(provider);
        await using var smtp = TestSmtpServer.Start();

        var early = await RunAsync(world, DayBefore, smtp);
        Assert.Empty(early);
        Assert.Empty(smtp.Received);

        var first = await RunAsync(world, ReminderDay, smtp);
        var reminder = Assert.Single(smtp.To("owner@council.example"));
        Assert.Equal("Reminder: your 2025-26 Q4 updates are due by 30 April 2026", reminder.Subject);
        Assert.Equal("performance@council.example", reminder.From.Mailboxes.Single().Address);
        Assert.Contains("due by Thursday 30 April 2026", reminder.TextBody, StringComparison.Ordinal);
        Assert.Contains("T-01: ", reminder.TextBody, StringComparison.Ordinal);
        Assert.Contains(Link, reminder.TextBody, StringComparison.Ordinal);
        Assert.Contains("scheme-one: ", reminder.TextBody, StringComparison.Ordinal);
        Assert.Contains(first, o => o.Email == "owner@council.example" && o.Kind == ReminderKind.Reminder && o.Sent);

        // Approvers are told only when updates are overdue.
        Assert.Empty(smtp.To("approver@council.example"));

        var count = smtp.Received.Count;
        Assert.Empty(await RunAsync(world, ReminderDay.AddHours(5), smtp));
        Assert.Empty(await RunAsync(world, DueDay, smtp));
        Assert.Equal(count, smtp.Received.Count);

        await using var db = world.Database.NewContext();
        var sent = await db.RemindersSent.SingleAsync(r => r.UserId == "owner");
        Assert.Equal((ReminderKind.Reminder, "owner@council.example", 2, ReminderDay.UtcDateTime.Date), (sent.Kind, sent.SentTo, sent.Items, sent.SentAt.UtcDateTime.Date));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task ASubmittedUpdate_IsNotReminded(DatabaseProvider provider)
    {
        await using var world = await WorldAsync(provider);
        await using (var db = world.Database.NewContext())
        {
            var measure = await db.Measures.Include(m => m.Portfolio).SingleAsync(m => m.Code == "T-01");
            var quarter = await db.ReportingPeriods.SingleAsync();
            var input = new MeasureUpdateInput("2025-26", "260", null, null, ObservationStatus.Final, null, "Homes delivered this year.", null, null, null, 0);
            await new Cycle(db, TimeProvider.System).Updates.SaveAsync(world.Owner, measure, quarter, input, submit: true);
        }

        await using var smtp = TestSmtpServer.Start();
        await RunAsync(world, ReminderDay, smtp);

        var reminder = Assert.Single(smtp.To("owner@council.example"));
        Assert.DoesNotContain("T-01", reminder.TextBody, StringComparison.Ordinal);
        Assert.Contains("scheme-one: ", reminder.TextBody, StringComparison.Ordinal);
        Assert.Contains("You have 1 update still to do", reminder.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task AfterTheDueDate_TheOwnerAndTheirServicesApprover_AreToldOnce(DatabaseProvider provider)
    {
        await using var world = await WorldAsync(provider);
        await using var smtp = TestSmtpServer.Start();

        await RunAsync(world, DayAfter, smtp);
        await RunAsync(world, DayAfter.AddDays(1), smtp);

        var owner = Assert.Single(smtp.To("owner@council.example"));
        var approver = Assert.Single(smtp.To("approver@council.example"));
        Assert.Empty(smtp.To("other-approver@council.example"));
        foreach (var overdue in new[] { owner, approver })
        {
            Assert.Equal("Overdue: 2025-26 Q4 updates were due on 30 April 2026", overdue.Subject);
            Assert.Contains("T-01: ", overdue.TextBody, StringComparison.Ordinal);
            Assert.Contains(Link, overdue.TextBody, StringComparison.Ordinal);
        }

        Assert.Contains("approve your service's updates", approver.TextBody, StringComparison.Ordinal);
        await using var db = world.Database.NewContext();
        Assert.Equal(["approver", "owner"], await db.RemindersSent.Where(r => r.Kind == ReminderKind.Overdue && (r.UserId == "owner" || r.UserId == "approver")).Select(r => r.UserId).OrderBy(u => u).ToListAsync());
        Assert.False(await db.RemindersSent.AnyAsync(r => r.UserId == "other-approver"));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task TheDaysAreEnglands_NotUtcs(DatabaseProvider provider)
    {
        await using var world = await WorldAsync(provider);
        await using var smtp = TestSmtpServer.Start();

        // 23:30 UTC on 22 April is 00:30 on Thursday 23 April in England (BST): the reminder day.
        await RunAsync(world, new DateTimeOffset(2026, 4, 22, 23, 30, 0, TimeSpan.Zero), smtp);
        Assert.Equal("Reminder: your 2025-26 Q4 updates are due by 30 April 2026", Assert.Single(smtp.To("owner@council.example")).Subject);

        // 23:30 UTC on the due date is 00:30 on 1 May in England: the updates are overdue.
        await RunAsync(world, new DateTimeOffset(2026, 4, 30, 23, 30, 0, TimeSpan.Zero), smtp);
        Assert.Equal(
            ["Reminder: your 2025-26 Q4 updates are due by 30 April 2026", "Overdue: 2025-26 Q4 updates were due on 30 April 2026"],
            smtp.To("owner@council.example").Select(m => m.Subject));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task AnEmailTheServerDidNotTake_IsNotRecorded_AndTheNextRunSendsIt(DatabaseProvider provider)
    {
        await using var world = await WorldAsync(provider);
        var stopped = TestSmtpServer.Start();
        await stopped.DisposeAsync();

        var failed = await RunAsync(world, ReminderDay, stopped);

        Assert.Contains(failed, o => o.Email == "owner@council.example" && !o.Sent);
        await using (var db = world.Database.NewContext())
        {
            Assert.False(await db.RemindersSent.AnyAsync());
        }

        await using var smtp = TestSmtpServer.Start();
        var retried = await RunAsync(world, ReminderDay.AddHours(1), smtp);

        Assert.Contains(retried, o => o.Email == "owner@council.example" && o.Sent);
        Assert.Single(smtp.To("owner@council.example"));
        await using (var db = world.Database.NewContext())
        {
            Assert.True(await db.RemindersSent.AnyAsync(r => r.UserId == "owner" && r.Kind == ReminderKind.Reminder));
        }
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task TwoInstancesRunningAtOnce_SendEachEmailOnce(DatabaseProvider provider)
    {
        await using var world = await WorldAsync(provider);
        await using var smtp = TestSmtpServer.Start();

        // Each "instance" has its own runner and context, as two web servers sharing the database would.
        Task<bool> InstanceAsync() => new SingleRunner(world.Database.Settings).TryRunAsync(ReminderRun.JobName, token => RunAsync(world, DayAfter, smtp, token));
        var ran = await Task.WhenAll(InstanceAsync(), InstanceAsync());

        Assert.Contains(true, ran);
        Assert.Single(smtp.To("owner@council.example"));
        Assert.Single(smtp.To("approver@council.example"));
        await using var db = world.Database.NewContext();
        Assert.Equal(1, await db.RemindersSent.CountAsync(r => r.UserId == "owner"));
    }
}
