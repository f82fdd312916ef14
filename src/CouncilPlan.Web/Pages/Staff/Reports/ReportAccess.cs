using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Users;

namespace CouncilPlan.Web.Pages.Staff.Reports;

/// <summary>Who may read which portfolio's reports in the workspace: councillors their own portfolio's; other staff any.</summary>
public static class ReportAccess
{
    public static bool IsLimited(Officer officer) =>
        officer.Is(Roles.Councillor) && !officer.IsPerformanceTeam && !officer.Is(Roles.Administrator) && !officer.Is(Roles.Approver) && !officer.Is(Roles.Contributor);

    public static bool MayRead(Officer officer, string portfolioKey) => !IsLimited(officer) || officer.PortfolioKey == portfolioKey;

    public static void RequireRead(Officer officer, string portfolioKey)
    {
        if (!MayRead(officer, portfolioKey))
        {
            throw new NotAllowedException("Councillors read the reports of their own portfolio only.");
        }
    }
}
