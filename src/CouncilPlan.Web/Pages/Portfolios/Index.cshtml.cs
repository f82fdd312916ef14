using CouncilPlan.Core.Plans;
using CouncilPlan.Web.PublicData;
using Microsoft.AspNetCore.Mvc;

namespace CouncilPlan.Web.Pages.Portfolios;

public sealed class IndexModel(PublicDataCache cache) : PlanPageModel(cache)
{
    /// <summary>A plan need not have any: then there is no page, and no menu item leads here.</summary>
    protected override Task<IActionResult> ShowAsync() =>
        Task.FromResult<IActionResult>(Plan.Has(ElementKind.Portfolio) ? Page() : NotFound());
}
