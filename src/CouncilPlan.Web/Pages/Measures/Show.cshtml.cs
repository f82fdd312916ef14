using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Plans;
using CouncilPlan.Web.PublicData;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CouncilPlan.Web.Pages.Measures;

public sealed class ShowModel(PublicDataCache cache) : PageModel
{
    [FromRoute]
    public string Code { get; set; } = "";

    public PublicSnapshot Data { get; private set; } = null!;

    public PlanView Plan { get; private set; } = null!;

    public PublicMeasure Measure { get; private set; } = null!;

    public MeasureAssessment Assessment => Measure.Assessment;

    public string BenchmarkName => Measure.Measure.BenchmarkAreaCode is { } code ? Data.AreaName(code) : "the benchmark";

    public string CouncilName => Data.AreaName(Assessment.AreaCode);

    public IReadOnlyList<PlanElement> Evidence { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Data = await cache.GetAsync(cancellationToken);
        if (Data.Plan is not { } plan || Data.FindMeasure(Code) is not { } measure)
        {
            return NotFound();
        }

        if (measure.Code != Code)
        {
            return RedirectPermanent($"/measures/{measure.Code}");
        }

        Plan = plan;
        Measure = await Data.AssessAsync(measure);
        Evidence = Measure.EvidenceKeys.Select(plan.Find).OfType<PlanElement>().ToList();
        return Page();
    }
}
