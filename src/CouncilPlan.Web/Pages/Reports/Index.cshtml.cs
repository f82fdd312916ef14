using CouncilPlan.Core.Data;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Reports;
using CouncilPlan.Web.PublicData;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CouncilPlan.Web.Pages.Reports;

/// <summary>The committee reports the council has published, newest quarter first.</summary>
public sealed class IndexModel(CouncilPlanDb db, TimeProvider clock, PublicDataCache cache) : PageModel
{
    public IReadOnlyList<SnapshotListing> Reports { get; private set; } = [];

    public PlanWords Words { get; private set; } = PlanWords.Default;

    /// <summary>What each report is about in the council's words: "portfolio", "priority".</summary>
    public string ScopeWord { get; private set; } = "portfolio";

    public string ScopeWords { get; private set; } = "portfolios";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Reports = await new ReportSnapshots(db, clock).ListAsync(publishedOnly: true, cancellationToken: cancellationToken);
        if ((await cache.GetAsync(cancellationToken)).Plan is { } plan)
        {
            Words = plan.Words;
            ScopeWord = Words.Name(ReportScopes.PartKind(plan));
            ScopeWords = Words.Name(ReportScopes.PartKind(plan), plural: true);
        }
    }
}
