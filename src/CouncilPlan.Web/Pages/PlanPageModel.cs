using CouncilPlan.Core.Plans;
using CouncilPlan.Web.Plans;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CouncilPlan.Web.Pages;

/// <summary>A public page about the current plan: with no plan loaded there is nothing to show.</summary>
public abstract class PlanPageModel(CurrentPlan currentPlan) : PageModel
{
    public PlanView Plan { get; private set; } = null!;

    public virtual async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await currentPlan.GetAsync(cancellationToken) is not { } plan)
        {
            return NotFound();
        }

        Plan = plan;
        return Show();
    }

    /// <summary>Called with <see cref="Plan"/> loaded; the page's own checks go here.</summary>
    protected virtual IActionResult Show() => Page();
}
