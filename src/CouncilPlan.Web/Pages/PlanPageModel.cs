using CouncilPlan.Core.Plans;
using CouncilPlan.Web.PublicData;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CouncilPlan.Web.Pages;

/// <summary>A public page about the current plan: with no plan loaded there is nothing to show.</summary>
public abstract class PlanPageModel(PublicDataCache cache) : PageModel
{
    public PublicSnapshot Data { get; private set; } = null!;

    public PlanView Plan { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Data = await cache.GetAsync(cancellationToken);
        if (Data.Plan is not { } plan)
        {
            return NotFound();
        }

        Plan = plan;
        return await ShowAsync();
    }

    /// <summary>Called with <see cref="Plan"/> loaded; the page's own checks and loading go here.</summary>
    protected virtual Task<IActionResult> ShowAsync() => Task.FromResult<IActionResult>(Page());
}
