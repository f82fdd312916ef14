using CouncilPlan.Core.Plans;
using CouncilPlan.Web.PublicData;
using Microsoft.AspNetCore.Mvc;

namespace CouncilPlan.Web.Pages.BoroughPlan;

public sealed class IndexModel(PublicDataCache cache) : PlanPageModel(cache)
{
    public PlanElement BoroughPlan { get; private set; } = null!;

    protected override Task<IActionResult> ShowAsync()
    {
        if ((Plan.All(ElementKind.BoroughPlan) is [var first, ..] ? first : null) is not { } boroughPlan)
        {
            return Task.FromResult<IActionResult>(NotFound());
        }

        BoroughPlan = boroughPlan;
        return Task.FromResult<IActionResult>(Page());
    }
}
