using CouncilPlan.Core.Data;
using CouncilPlan.Core.Reports;
using CouncilPlan.Web.Reports;
using Microsoft.AspNetCore.Mvc;

namespace CouncilPlan.Web.Pages.Staff.Reports;

/// <summary>A draft report: built now from published data, not frozen; in any format.</summary>
public sealed class DraftModel(CouncilPlanDb db, TimeProvider clock, IConfiguration configuration) : StaffPageModel(db)
{
    [BindProperty(SupportsGet = true)]
    public string? Portfolio { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Quarter { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Format { get; set; }

    public PortfolioReport Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!ReportBuilder.TryParseQuarter(Quarter, out var quarter))
        {
            Notice = "Enter the quarter like 2023-24 Q2";
            return Redirect("/staff/reports");
        }

        var builder = new ReportBuilder(Db, clock);
        if (await builder.FindAsync(Portfolio ?? "", quarter, cancellationToken) is not { } target)
        {
            return NotFound();
        }

        ReportAccess.RequireRead(Officer, target.Portfolio.Key);
        Report = await builder.BuildAsync(target, cancellationToken);
        if (Format is null)
        {
            return Page();
        }

        return ReportFormats.TryParse(Format, out var format)
            ? await ReportDownloads.FileAsync(Report, ReportProvenance.Draft, format, configuration, cancellationToken)
            : NotFound();
    }
}
