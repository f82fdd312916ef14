using CouncilPlan.Core.Data;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Users;
using CouncilPlan.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Cli.Tests.Commands;

public sealed class ReminderCommandsTests
{
    [Fact]
    public async Task SendDryRun_SaysWhoWouldBeToldOfAnOverdueUpdate_AndSendsNothing_AndSendingNeedsAMailServer()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, seeded: true);
        string code;
        await using (var db = database.NewContext())
        {
            var team = new Officer("team", "team@example.gov.uk", "Team", new HashSet<string> { Roles.PerformanceTeam }, null, null);
            await new Cycle(db, TimeProvider.System).Periods.OpenAsync(team, "2019-20 Q1", new DateOnly(2019, 7, 31));
            var service = new Service { Name = "Reminder Test Service" };
            db.Services.Add(service);
            db.Users.Add(new StaffUser { Id = "late", UserName = "late.owner@example.gov.uk", Email = "late.owner@example.gov.uk", DisplayName = "Lee Late", Service = service });
            db.Roles.Add(new IdentityRole(Roles.Contributor) { Id = "contributor-role", NormalizedName = Roles.Contributor.ToUpperInvariant() });
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = "late", RoleId = "contributor-role" });
            await db.SaveChangesAsync();
            var measure = await db.Measures.OrderBy(m => m.Code).FirstAsync();
            code = measure.Code;
            db.Ownerships.Add(new Ownership { MeasureId = measure.Id, ServiceId = service.Id, UserId = "late" });
            await db.SaveChangesAsync();
        }

        var (dryExit, dryOut, dryError) = await CliRunner.RunAsync(database, "reminders", "send", "--dry-run");
        var (exit, output, error) = await CliRunner.RunAsync(database, "reminders", "send");

        Assert.True(dryExit == 0, dryError);
        Assert.Contains($"2019-20 Q1: would send overdue notice to Lee Late <late.owner@example.gov.uk> about {code}", dryOut, StringComparison.Ordinal);
        Assert.Contains("nothing was sent (dry run)", dryOut, StringComparison.Ordinal);
        Assert.Equal(1, exit);
        Assert.Contains("Reminders are off: no email is configured", error, StringComparison.Ordinal);
        Assert.Equal("", output);
        await using var check = database.NewContext();
        Assert.False(await check.RemindersSent.AnyAsync());
    }
}
