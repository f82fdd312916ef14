using CouncilPlan.Core.Data;
using CouncilPlan.Core.Reports;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CouncilPlan.Web.Pages.Reports;

/// <summary>The committee reports the council has published, newest quarter first.</summary>
public sealed class IndexModel(CouncilPlanDb db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<SnapshotListing> Reports { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Reports = await new ReportSnapshots(db, clock).ListAsync(publishedOnly: true, cancellationToken: cancellationToken);
}
