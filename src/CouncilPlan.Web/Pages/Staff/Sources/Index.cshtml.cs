using CouncilPlan.Core.Data;
using CouncilPlan.Core.Sources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Web.Pages.Staff.Sources;

/// <summary>The refreshes of sources from their publishers, newest first, for the performance team.</summary>
public sealed class IndexModel(CouncilPlanDb db, SourceSettings settings) : StaffPageModel(db)
{
    public const int PageSize = 100;

    public IReadOnlyList<SourceRefresh> Refreshes { get; private set; } = [];

    /// <summary>How often the web app refreshes them, in words, or null when it does not.</summary>
    public TimeSpan? RefreshEvery => settings.RefreshEvery;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Refreshes = await Db.SourceRefreshes.AsNoTracking().OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).Take(PageSize).ToListAsync(cancellationToken);
        return Page();
    }
}
