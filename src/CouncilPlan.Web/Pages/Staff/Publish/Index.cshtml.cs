using CouncilPlan.Core.Data;
using CouncilPlan.Core.Imports;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Validation;
using CouncilPlan.Web.PublicData;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Web.Pages.Staff.Publish;

/// <summary>The performance team publishes approved updates: only then do they reach the portal, API, exports and reports.</summary>
public sealed class IndexModel(CouncilPlanDb db, TimeProvider clock, Publication publication, MeasureChanges changes, PublicDataCache cache) : StaffPageModel(db)
{
    public IReadOnlyList<(MeasureUpdate Update, Measure Measure)> Approved { get; private set; } = [];

    public IReadOnlyList<(CommitmentUpdate Update, PlanElement Element)> Commitments { get; private set; } = [];

    /// <summary>Imported figures that wait to be published on purpose.</summary>
    public IReadOnlyList<WaitingBatch> Imported { get; private set; } = [];

    /// <summary>Approved changes to measures' definitions and targets.</summary>
    public IReadOnlyList<PendingMeasureChange> Changes { get; private set; } = [];

    public async Task<IActionResult> OnPostChangeAsync([FromForm] int id, [FromForm] int version, CancellationToken cancellationToken)
    {
        try
        {
            await changes.PublishAsync(Officer, id, version, cancellationToken);
        }
        catch (InvalidInputException errors)
        {
            ModelState.AddModelError($"change-{id}", errors.Errors[0].Message);
            await LoadAsync(cancellationToken);
            return Page();
        }

        await cache.InvalidateAsync(cancellationToken);
        Notice = "Change published: the measure's page shows it now";
        return Redirect("/staff/publish");
    }

    public async Task<IActionResult> OnPostReturnChangeAsync([FromForm] int id, [FromForm] int version, CancellationToken cancellationToken)
    {
        try
        {
            await changes.ReturnAsync(Officer, id, Request.Form[$"reason-change-{id}"].ToString(), version, cancellationToken);
        }
        catch (InvalidInputException errors)
        {
            ModelState.AddModelError($"reason-change-{id}", errors.Errors[0].Message);
            await LoadAsync(cancellationToken);
            return Page();
        }

        Notice = "Change returned: the measure stays as it is";
        return Redirect("/staff/publish");
    }

    public async Task<IActionResult> OnPostBatchAsync([FromForm] int batch, CancellationToken cancellationToken)
    {
        var count = await new ImportedFigures(Db, clock).PublishBatchAsync(batch, cancellationToken: cancellationToken);
        await cache.InvalidateAsync(cancellationToken);
        Notice = $"{count} imported figure{(count == 1 ? "" : "s")} published";
        return Redirect("/staff/publish");
    }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync([FromForm] int[] updates, [FromForm] long[] commitments, CancellationToken cancellationToken)
    {
        if (updates.Length + commitments.Length == 0)
        {
            ModelState.AddModelError("updates", "Select at least one update to publish");
            await LoadAsync(cancellationToken);
            return Page();
        }

        var count = await publication.PublishAsync(Officer, updates, commitments, cancellationToken);

        // This instance empties its caches now; others follow when they see the new data version.
        await cache.InvalidateAsync(cancellationToken);
        Notice = $"{count} update{(count == 1 ? "" : "s")} published";
        return Redirect("/staff/publish");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var updates = await Db.MeasureUpdates.AsNoTracking().Where(u => u.Status == UpdateStatus.Approved).ToListAsync(cancellationToken);
        var measures = await Db.Measures.AsNoTracking().Where(m => updates.Select(u => u.MeasureId).Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
        Approved = updates.Select(u => (u, measures[u.MeasureId])).OrderBy(x => x.Item2.Code, StringComparer.Ordinal).ToList();
        var commitments = await Db.CommitmentUpdates.AsNoTracking().Where(c => c.ApprovedAt != null && !c.Published).ToListAsync(cancellationToken);
        var elements = await Db.PlanElements.AsNoTracking().Where(e => commitments.Select(c => c.ElementId).Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        Commitments = commitments.Select(c => (c, elements[c.ElementId])).ToList();
        Imported = await new ImportedFigures(Db, clock).WaitingAsync(cancellationToken);
        Changes = (await changes.PendingAsync(Officer, cancellationToken)).Where(c => c.MayPublish).ToList();
    }
}
