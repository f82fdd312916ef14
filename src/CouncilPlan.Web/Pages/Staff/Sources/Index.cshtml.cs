using CouncilPlan.Core.Data;
using CouncilPlan.Core.Sources;
using CouncilPlan.Web.PublicData;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Web.Pages.Staff.Sources;

/// <summary>The refreshes of sources from their publishers, newest first, for the performance team.</summary>
public sealed class IndexModel(CouncilPlanDb db, TimeProvider clock, SourceSettings settings, PublicDataCache cache) : StaffPageModel(db)
{
    public const int PageSize = 100;

    public IReadOnlyList<SourceRefresh> Refreshes { get; private set; } = [];

    /// <summary>For a reviewed source's refresh: how many of the figures it loaded are still unpublished, by batch.</summary>
    public IReadOnlyDictionary<int, int> Awaiting { get; private set; } = new Dictionary<int, int>();

    /// <summary>How often the web app refreshes them, in words, or null when it does not.</summary>
    public TimeSpan? RefreshEvery => settings.RefreshEvery;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Refreshes = await Db.SourceRefreshes.AsNoTracking().OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).Take(PageSize).ToListAsync(cancellationToken);
        Awaiting = await new SourceReview(Db, clock).AwaitingAsync(Refreshes, cancellationToken);
        return Page();
    }

    /// <summary>Publishes what a refresh of a reviewed source (publish: review) loaded unpublished.</summary>
    public async Task<IActionResult> OnPostPublishAsync([FromForm] long id, CancellationToken cancellationToken)
    {
        int count;
        try
        {
            count = await new SourceReview(Db, clock).PublishAsync(id, cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            ModelState.AddModelError("id", e.Message);
            return await OnGetAsync(cancellationToken);
        }

        // This instance empties its caches now; others follow when they see the new data version.
        await cache.InvalidateAsync(cancellationToken);
        Notice = $"{count} figure{(count == 1 ? "" : "s")} published";
        return Redirect("/staff/sources");
    }
}
