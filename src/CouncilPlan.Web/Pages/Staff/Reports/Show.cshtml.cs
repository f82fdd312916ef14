using CouncilPlan.Core.Data;
using CouncilPlan.Core.Reports;
using CouncilPlan.Reports.Reports;
using CouncilPlan.Web.Reports;
using Microsoft.AspNetCore.Mvc;

namespace CouncilPlan.Web.Pages.Staff.Reports;

/// <summary>A frozen report in the workspace, published or not, in any format, rendered from the stored model.</summary>
public sealed class ShowModel(CouncilPlanDb db, TimeProvider clock, IConfiguration configuration) : StaffPageModel(db)
{
    [FromRoute]
    public int Id { get; set; }

    [FromRoute]
    public string? Format { get; set; }

    public ReportSnapshot Snapshot { get; private set; } = null!;

    public PortfolioReport Report { get; private set; } = null!;

    public bool Published { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var snapshots = new ReportSnapshots(Db, clock);
        if (await snapshots.GetAsync(Id, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        ReportAccess.RequireRead(Officer, found.Snapshot.PortfolioKey);
        (Snapshot, Report) = found;
        Published = await snapshots.IsPublishedAsync(Id, cancellationToken);
        if (Format is null)
        {
            return Page();
        }

        return ReportFormats.TryParse(Format, out var format)
            ? await ReportDownloads.FileAsync(Report, ReportProvenance.Of(Snapshot), format, configuration, cancellationToken)
            : NotFound();
    }
}
