using CouncilPlan.Core.Data;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Sources;
using CouncilPlan.Web.PublicData;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Web.Pages.Measures;

public sealed class ShowModel(PublicDataCache cache, CouncilPlanDb db) : PageModel
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

    /// <summary>The latest refresh that asked the publisher for this measure's figures (not a dry run, not from a recorded response), or null.</summary>
    public SourceRefresh? LastRefresh { get; private set; }

    /// <summary>The last refresh loaded figures for this measure that the performance team has not published yet.</summary>
    public bool LastRefreshAwaitingReview { get; private set; }

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
        if (measure.SourceId is { } sourceId)
        {
            // By source first: the (source_id, started_at) index finds the few refreshes of one source.
            var key = SourceRefresh.MeasureKey(measure.Code);
            var refreshes = await db.SourceRefreshes.AsNoTracking()
                .Where(r => r.SourceId == sourceId && !r.DryRun && r.Error == null && r.Measures.Contains(key))
                .OrderByDescending(r => r.StartedAt)
                .Take(20)
                .ToListAsync(cancellationToken);
            LastRefresh = refreshes.FirstOrDefault(r => !r.FromRecordedResponses);

            // A reviewed source's new figures wait unpublished: the page must not call them an update yet.
            if (LastRefresh is { BatchId: { } batch })
            {
                LastRefreshAwaitingReview = await db.Observations.AnyAsync(o => o.BatchId == batch && o.MeasureId == measure.Id && !o.Published, cancellationToken);
            }
        }
        return Page();
    }
}
