using CouncilPlan.Core.Data;
using CouncilPlan.Core.Reports;
using CouncilPlan.Reports.Reports;
using CouncilPlan.Web.Reports;
using Microsoft.AspNetCore.Mvc;

namespace CouncilPlan.Web.Pages.Staff.Reports;

/// <summary>A draft report: built now from published data, not frozen; in any format.</summary>
public sealed class DraftModel(CouncilPlanDb db, TimeProvider clock, IConfiguration configuration) : StaffPageModel(db)
{
    /// <summary>A portfolio's id, a top-level element's in a plan without portfolios, or "corporate".</summary>
    [BindProperty(SupportsGet = true)]
    public string? Scope { get; set; }

    /// <summary>The older name of <see cref="Scope"/>, for links made before plans without portfolios.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Portfolio { get; set; }

    /// <summary>A quarter, or a financial year for a plan reported annually.</summary>

    [BindProperty(SupportsGet = true)]
    public string? Quarter { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Format { get; set; }

    public PortfolioReport Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!ReportScopes.TryParsePeriod(Quarter, out var quarter))
        {
            Notice = "Enter the period like 2023-24 Q2, or a year like 2024-25";
            return Redirect("/staff/reports");
        }

        var builder = new ReportBuilder(Db, clock);
        if (await builder.FindAsync(Scope ?? Portfolio ?? "", quarter, cancellationToken) is not { } target)
        {
            return NotFound();
        }

        if (ReportScopes.PeriodProblem(target.Plan, quarter) is { } problem)
        {
            Notice = char.ToUpperInvariant(problem[0]) + problem[1..].TrimEnd('.');
            return Redirect("/staff/reports");
        }

        ReportAccess.RequireRead(Officer, target.Key);
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
