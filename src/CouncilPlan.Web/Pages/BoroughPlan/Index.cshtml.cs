using CouncilPlan.Core.Plans;
using CouncilPlan.Web.Plans;
using Microsoft.AspNetCore.Mvc;

namespace CouncilPlan.Web.Pages.BoroughPlan;

public sealed class IndexModel(CurrentPlan currentPlan) : PlanPageModel(currentPlan)
{
    public PlanElement BoroughPlan { get; private set; } = null!;

    protected override IActionResult Show()
    {
        if ((Plan.All(ElementKind.BoroughPlan) is [var first, ..] ? first : null) is not { } boroughPlan)
        {
            return NotFound();
        }

        BoroughPlan = boroughPlan;
        return Page();
    }
}
