using CouncilPlan.Web.PublicData;
using Microsoft.AspNetCore.Mvc;

namespace CouncilPlan.Web.Pages;

public sealed class IndexModel(PublicDataCache cache) : PlanPageModel(cache)
{
    /// <summary>Every measure in the catalogue and every commitment in the plan, counted once each.</summary>
    public PlanSummary Summary { get; private set; } = null!;

    protected override async Task<IActionResult> ShowAsync()
    {
        Summary = new PlanSummary(await Data.AssessAllAsync(Data.Catalogue), PlanScope.CommitmentsWithin(Plan, null), Data.CommitmentStatuses, Words: Plan.Words);
        return Page();
    }
}
