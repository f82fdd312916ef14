using CouncilPlan.Core.Users;
using CouncilPlan.Web.Tests.Staff.Security;

namespace CouncilPlan.Web.Tests.Staff;

/// <summary>The workspace's navigation on every workspace page, with the page's own section marked.</summary>
public sealed class WorkspaceNavigationTests(StaffSqliteSite site) : IClassFixture<StaffSqliteSite>
{
    [Theory]
    [InlineData("/staff", "/staff")]
    [InlineData("/staff/approvals", "/staff/approvals")]
    [InlineData("/staff/publish", "/staff/publish")]
    [InlineData("/staff/periods", "/staff/periods")]
    [InlineData("/staff/catalogue", "/staff/catalogue")]
    [InlineData("/staff/plan", "/staff/plan")]
    [InlineData("/staff/reports", "/staff/reports")]
    [InlineData("/staff/resources", "/staff/resources")]
    [InlineData("/staff/upload", "/staff/upload")]
    [InlineData("/staff/services", "/staff/services")]
    [InlineData("/staff/sources", "/staff/sources")]
    [InlineData("/staff/overdue", "/staff/overdue")]
    public async Task EveryWorkspacePage_HasTheNavigation_WithItsSectionMarkedCurrent(string path, string section)
    {
        var (team, _) = await site.SignedInAsync(Roles.PerformanceTeam);
        using var _1 = team;

        var page = await team.PageAsync(path);

        var navigation = page.QuerySelector("nav.councilplan-staff-nav");
        Assert.True(navigation is not null, $"{path} has no workspace navigation");
        Assert.NotNull(navigation!.QuerySelector("a[href='/staff']"));
        Assert.NotNull(navigation.QuerySelector("a[href='/staff/approvals']"));
        var current = navigation.QuerySelectorAll("a[aria-current=page]").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal([section], current);
    }

    [Fact]
    public async Task TheNavigation_OffersOnlyWhatTheRoleMayUse()
    {
        var (councillor, _) = await site.SignedInAsync(Roles.Councillor);
        using var _1 = councillor;

        var navigation = (await councillor.PageAsync("/staff/reports")).QuerySelector("nav.councilplan-staff-nav")!;

        Assert.NotNull(navigation.QuerySelector("a[href='/staff/portfolio']"));
        Assert.Null(navigation.QuerySelector("a[href='/staff/publish']"));
        Assert.Null(navigation.QuerySelector("a[href='/staff/approvals']"));
    }
}
