using CouncilPlan.Core.Data;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Reports;
using CouncilPlan.Core.Updates;
using CouncilPlan.Web.PublicData;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Web.Pages.Staff.Reports;

/// <summary>
/// Committee reports in the workspace: everyone reads drafts and snapshots (councillors for their
/// portfolio only); the performance team freezes a report for committee and publishes snapshots.
/// </summary>
public sealed class IndexModel(CouncilPlanDb db, TimeProvider clock, PublicDataCache cache) : StaffPageModel(db)
{
    public IReadOnlyList<PlanElement> Portfolios { get; private set; } = [];

    public IReadOnlyList<SnapshotListing> Snapshots { get; private set; } = [];

    public IReadOnlyList<string> Quarters { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Quarter { get; set; }

    [BindProperty]
    public string? Portfolio { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostFreezeAsync(CancellationToken cancellationToken)
    {
        if (!ReportBuilder.TryParseQuarter(Quarter, out var quarter))
        {
            ModelState.AddModelError(nameof(Quarter), "Enter the quarter like 2023-24 Q2");
        }
        else if (await new ReportBuilder(Db, clock).FindAsync(Portfolio ?? "", quarter, cancellationToken) is not { } target)
        {
            ModelState.AddModelError(nameof(Portfolio), "Choose a portfolio");
        }
        else
        {
            var snapshot = await new ReportSnapshots(Db, clock).FreezeAsync(Officer, target, cancellationToken);
            Notice = $"{snapshot.PortfolioTitle}, {snapshot.Quarter}: frozen as snapshot {snapshot.Id}";
            return Redirect($"/staff/reports/{snapshot.Id}");
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync(int id, bool publish, CancellationToken cancellationToken)
    {
        await new ReportSnapshots(Db, clock).SetPublishedAsync(Officer, id, publish, cancellationToken);
        await cache.InvalidateAsync(cancellationToken);
        Notice = publish ? $"Snapshot {id} is published on the portal" : $"Snapshot {id} is withdrawn from the portal";
        return Redirect("/staff/reports");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var plan = (await cache.GetAsync(cancellationToken)).Plan;
        Portfolios = plan is null ? [] : plan.TopLevel(ElementKind.Portfolio).Where(p => ReportAccess.MayRead(Officer, p.Key)).ToList();
        var periods = await Db.ReportingPeriods.AsNoTracking().OrderByDescending(p => p.Starts).Select(p => p.Quarter).ToListAsync(cancellationToken);
        var planQuarters = new List<string>();
        if (plan is not null)
        {
            for (var start = plan.Plan.Starts; start <= plan.Plan.Ends; start = start.AddMonths(3))
            {
                planQuarters.Add(Core.Measures.Period.Of(Core.Measures.PeriodType.FinancialQuarter, start).Label);
            }
        }

        Quarters = periods.Concat(Enumerable.Reverse(planQuarters)).Distinct(StringComparer.Ordinal).ToList();
        Quarter ??= Quarters.Count > 0 ? Quarters[0] : Core.Measures.Period.Of(Core.Measures.PeriodType.FinancialQuarter, today).Label;
        var keys = Portfolios.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        Snapshots = (await new ReportSnapshots(Db, clock).ListAsync(cancellationToken: cancellationToken)).Where(s => keys.Contains(s.PortfolioKey) || !ReportAccess.IsLimited(Officer)).ToList();
    }
}
