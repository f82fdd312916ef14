using CouncilPlan.Core.Data;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Web.Pages.Staff.Users;

/// <summary>The services and portfolios a user may be given, as the add and change forms offer them.</summary>
public sealed record UserChoices(IReadOnlyList<SelectOption> Services, IReadOnlyList<SelectOption> Portfolios)
{
    public const string PortfolioHint = "For a councillor: the portfolio whose draft figures and reports they may read.";

    public static async Task<UserChoices> LoadAsync(CouncilPlanDb db, CancellationToken cancellationToken)
    {
        // The service is chosen by its full name, which StaffAccounts reads the way the command line's --service is read.
        var services = await new ServiceDirectory(db).FullNamesAsync(cancellationToken);
        var portfolios = await db.PlanElements.AsNoTracking()
            .Where(e => e.Kind == ElementKind.Portfolio)
            .Select(e => new { e.Key, e.Title })
            .ToListAsync(cancellationToken);
        return new UserChoices(
            services.Select(s => new SelectOption(s, s)).Prepend(new SelectOption("", "None")).ToList(),
            portfolios.DistinctBy(p => p.Key).OrderBy(p => p.Title ?? p.Key, StringComparer.OrdinalIgnoreCase)
                .Select(p => new SelectOption(p.Key, p.Title ?? p.Key)).Prepend(new SelectOption("", "None")).ToList());
    }

    /// <summary>The portfolio's title, for showing a user's portfolio key in words.</summary>
    public string? PortfolioTitle(string? key) => key is null ? null : Portfolios.FirstOrDefault(p => p.Value == key)?.Text ?? key;
}
