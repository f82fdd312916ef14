using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Users;
using CouncilPlan.Web.Tests.Staff.Security;

namespace CouncilPlan.Web.Tests.Staff;

/// <summary>The getting-started checklist on "My updates": for those who set the cycle up, with links only where they may act.</summary>
public abstract class GettingStartedTests<TSite>(TSite site) : IClassFixture<TSite>
    where TSite : StaffSite
{
    [Fact]
    public async Task FirstAdministrator_IsToldWhatIsLeft_AndThatTheyAreNotInThePerformanceTeam()
    {
        var (admin, _) = await site.SignedInAsync(Roles.Administrator);
        var (team, _) = await site.SignedInAsync(Roles.PerformanceTeam);
        var (contributor, _) = await site.SignedInAsync(Roles.Contributor);
        await site.AddUserAsync(Roles.Approver);

        var adminPage = await admin.PageAsync("/staff");
        var teamPage = await team.PageAsync("/staff");
        var contributorPage = await contributor.PageAsync("/staff");
        SetUpProgress progress;
        await using (var db = site.Database.NewContext())
        {
            progress = await SetUpProgress.ReadAsync(db);
        }

        // The default dataset's commitments belong to no service yet: set-up is not finished.
        Assert.False(progress.OwnersDone);
        Assert.StartsWith($"{progress.StepsDone} of 5 steps done.", adminPage.GetElementById("getting-started-count")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/staff/users", adminPage.QuerySelector("#step-roles a")!.GetAttribute("href"));
        Assert.Contains("You are not in the performance team yourself", adminPage.GetElementById("step-roles-hint")!.TextContent, StringComparison.Ordinal);
        Assert.Null(adminPage.QuerySelector("#step-quarter a"));
        Assert.Contains("The performance team does this.", adminPage.GetElementById("step-quarter-hint")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"{progress.Commitments - progress.CommitmentsWithoutService} of {progress.Commitments} commitments belong to a service", adminPage.GetElementById("step-owners-hint")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Incomplete", adminPage.QuerySelector("#step-owners-status strong")!.TextContent.Trim());

        Assert.Equal("/staff/periods", teamPage.QuerySelector("#step-quarter a")!.GetAttribute("href"));
        Assert.Equal("/staff/services", teamPage.QuerySelector("#step-owners a")!.GetAttribute("href"));
        Assert.Null(teamPage.QuerySelector("#step-roles a"));
        Assert.DoesNotContain("You are not in the performance team", teamPage.GetElementById("step-roles-hint")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Completed", teamPage.GetElementById("step-roles-status")!.TextContent.Trim());

        Assert.Null(contributorPage.GetElementById("getting-started"));
    }
}

public sealed class SqliteGettingStartedTests(StaffSqliteSite site) : GettingStartedTests<StaffSqliteSite>(site);

public sealed class PostgresGettingStartedTests(StaffPostgresSite site) : GettingStartedTests<StaffPostgresSite>(site);
