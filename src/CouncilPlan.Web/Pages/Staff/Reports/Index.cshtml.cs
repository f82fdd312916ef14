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
    /// <summary>The reports open to the officer: each portfolio's (or each top-level element's, in a plan without portfolios), and the corporate one.</summary>
    public IReadOnlyList<(string Key, string Title)> Scopes { get; private set; } = [];

    /// <summary>The scopes a report can be frozen for: every one, the corporate report included.</summary>
    public IReadOnlyList<(string Key, string Title)> Freezable => Scopes;

    /// <summary>The plan's words for its parts ("Portfolio", "Priority") and its periods ("Quarter", "Year").</summary>
    public string ScopeLabel { get; private set; } = "Portfolio";

    public string PeriodLabel { get; private set; } = "Quarter";

    public string PeriodHint { get; private set; } = "For example, 2023-24 Q2";

    public PlanWords Words { get; private set; } = PlanWords.Default;

    public IReadOnlyList<SnapshotListing> Snapshots { get; private set; } = [];

    public IReadOnlyList<string> Quarters { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Quarter { get; set; }

    /// <summary>What to freeze: a portfolio's id, a top-level element's in a plan without portfolios, or "corporate".</summary>
    [BindProperty]
    public string? Portfolio { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostFreezeAsync(CancellationToken cancellationToken)
    {
        if (!ReportScopes.TryParsePeriod(Quarter, out var quarter))
        {
            ModelState.AddModelError(nameof(Quarter), "Enter the period like 2023-24 Q2, or a year like 2024-25");
        }
        else if (await new ReportBuilder(Db, clock).FindAsync(Portfolio ?? "", quarter, cancellationToken) is not { } target)
        {
            ModelState.AddModelError(nameof(Portfolio), "Choose what the report is about");
        }
        else if (ReportScopes.PeriodProblem(target.Plan, quarter) is { } problem)
        {
            ModelState.AddModelError(nameof(Quarter), char.ToUpperInvariant(problem[0]) + problem[1..].TrimEnd('.'));
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

    /// <param name="back">Return to the report's own page (its publish button) rather than the list.</param>
    public async Task<IActionResult> OnPostPublishAsync(int id, bool publish, bool back, CancellationToken cancellationToken)
    {
        await new ReportSnapshots(Db, clock).SetPublishedAsync(Officer, id, publish, cancellationToken);
        await cache.InvalidateAsync(cancellationToken);
        Notice = publish ? $"Snapshot {id} is published on the portal" : $"Snapshot {id} is withdrawn from the portal";
        return Redirect(back ? $"/staff/reports/{id}" : "/staff/reports");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var today = CouncilPlan.Core.Dates.UkTime.Today(clock);
        var plan = (await cache.GetAsync(cancellationToken)).Plan;
        var scopes = new List<(string Key, string Title)>();
        if (plan is not null)
        {
            Words = plan.Words;
            var kind = ReportScopes.PartKind(plan);
            ScopeLabel = Capitalised(Words.Name(kind));
            scopes.AddRange(ReportScopes.Parts(plan).Where(p => ReportAccess.MayRead(Officer, p.Key)).Select(p => (p.Key, p.Title ?? p.Key)));
            if (ReportAccess.MayRead(Officer, ReportTarget.CorporateKey))
            {
                scopes.Add((ReportTarget.CorporateKey, $"The whole {Words.Service} (corporate report)"));
            }
        }

        Scopes = scopes;
        var annual = Words.Reporting == ReportingRhythm.Annual;
        PeriodLabel = annual ? "Year" : "Quarter";
        PeriodHint = annual ? "For example, 2024-25" : "For example, 2023-24 Q2";
        // Reporting periods are quarters: they are offered only for a plan reported quarterly.
        var periods = annual ? [] : await Db.ReportingPeriods.AsNoTracking().OrderByDescending(p => p.Starts).Select(p => p.Quarter).ToListAsync(cancellationToken);
        var planPeriods = plan is null ? [] : ReportScopes.Periods(plan);
        Quarters = periods.Concat(planPeriods).Distinct(StringComparer.Ordinal).ToList();
        Quarter ??= Quarters.Count > 0 ? Quarters[0] : Core.Measures.Period.Of(ReportScopes.PeriodType(Words), today).Label;
        var keys = Scopes.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        Snapshots = (await new ReportSnapshots(Db, clock).ListAsync(cancellationToken: cancellationToken)).Where(s => keys.Contains(s.PortfolioKey) || !ReportAccess.IsLimited(Officer)).ToList();
    }

    private static string Capitalised(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];
}
