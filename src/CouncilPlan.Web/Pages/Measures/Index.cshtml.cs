using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Plans;
using CouncilPlan.Web.PublicData;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CouncilPlan.Web.Pages.Measures;

public sealed class IndexModel(PublicDataCache cache) : PageModel
{
    public PlanView Plan { get; private set; } = null!;

    public IReadOnlyList<PublicMeasure> Measures { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var data = await cache.GetAsync(cancellationToken);
        if (data.Plan is not { } plan)
        {
            return NotFound();
        }

        Plan = plan;
        Measures = await data.AssessAllAsync(data.Catalogue);
        return Page();
    }

    /// <summary>The ambition, theme or programme a measure is filed under: that of the first element it evidences.</summary>
    public PlanElement? Home(PublicMeasure measure) =>
        measure.EvidenceKeys.Select(Plan.Find).OfType<PlanElement>().Select(PlanView.Owner).FirstOrDefault(o => o is not null);
}
