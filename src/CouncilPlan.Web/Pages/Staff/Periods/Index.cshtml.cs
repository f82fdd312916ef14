using System.Globalization;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Validation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Web.Pages.Staff.Periods;

/// <summary>The performance team opens and closes reporting periods (financial-year quarters).</summary>
public sealed class IndexModel(CouncilPlanDb db, ReportingPeriods periods) : StaffPageModel(db)
{
    public IReadOnlyList<ReportingPeriod> Periods { get; private set; } = [];

    [BindProperty]
    public string? Quarter { get; set; }

    [BindProperty]
    public string? Due { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Officer.IsPerformanceTeam)
        {
            throw new NotAllowedException("Only the performance team manages reporting periods.");
        }

        Periods = await Db.ReportingPeriods.AsNoTracking().OrderByDescending(p => p.Starts).ToListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostOpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!DateOnly.TryParseExact(Due?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due))
            {
                throw new InvalidInputException(new Dictionary<string, string> { ["Due"] = "Enter when updates are due, like 2024-01-31" });
            }

            var period = await periods.OpenAsync(Officer, Quarter ?? "", due, cancellationToken);
            Notice = $"{period.Quarter} is open for updates";
            return Redirect("/staff/periods");
        }
        catch (InvalidInputException errors)
        {
            AddErrors(errors);
            await OnGetAsync(cancellationToken);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostCloseAsync(int id, CancellationToken cancellationToken)
    {
        await periods.CloseAsync(Officer, id, cancellationToken);
        Notice = "Reporting period closed";
        return Redirect("/staff/periods");
    }
}
