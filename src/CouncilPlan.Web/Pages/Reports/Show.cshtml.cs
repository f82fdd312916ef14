using CouncilPlan.Core.Data;
using CouncilPlan.Core.Reports;
using CouncilPlan.Reports.Reports;
using CouncilPlan.Web.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CouncilPlan.Web.Pages.Reports;

/// <summary>A published report: the HTML in the site, and its files (HTML, PDF, workbook), rendered from the frozen model.</summary>
public sealed class ShowModel(CouncilPlanDb db, TimeProvider clock, IConfiguration configuration) : PageModel
{
    [FromRoute]
    public int Id { get; set; }

    [FromRoute]
    public string? Format { get; set; }

    public ReportSnapshot Snapshot { get; private set; } = null!;

    public PortfolioReport Report { get; private set; } = null!;

    public ReportProvenance Provenance => ReportProvenance.Of(Snapshot);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var snapshots = new ReportSnapshots(db, clock);
        if (await snapshots.GetAsync(Id, cancellationToken) is not { } found || !await snapshots.IsPublishedAsync(Id, cancellationToken))
        {
            return NotFound();
        }

        (Snapshot, Report) = found;
        if (Format is null)
        {
            return Page();
        }

        return ReportFormats.TryParse(Format, out var format) && Format.All(char.IsLower)
            ? await ReportDownloads.FileAsync(Report, Provenance, format, configuration, cancellationToken)
            : NotFound();
    }
}
