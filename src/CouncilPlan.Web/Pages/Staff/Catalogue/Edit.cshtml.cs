using System.Globalization;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Statistics;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Users;
using CouncilPlan.Core.Validation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Web.Pages.Staff.Catalogue;

/// <summary>Edits one measure with the catalogue file's rules.</summary>
public sealed class EditModel(CouncilPlanDb db, MeasureChanges changes) : StaffPageModel(db)
{
    public const int TargetRows = 4;

    [FromRoute]
    public string Code { get; set; } = "";

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Definition { get; set; }

    [BindProperty]
    public MeasureKind Kind { get; set; }

    [BindProperty]
    public Polarity Polarity { get; set; }

    [BindProperty]
    public string? Decimals { get; set; }

    [BindProperty]
    public string? UnitLabel { get; set; }

    [BindProperty]
    public string? Owner { get; set; }

    [BindProperty]
    public string? Caveat { get; set; }

    [BindProperty]
    public string? SuppressBelow { get; set; }

    [BindProperty]
    public List<string> EvidenceKeys { get; set; } = [];

    [BindProperty]
    public List<TargetRow> Targets { get; set; } = [];

    [BindProperty]
    public int? OwnerServiceId { get; set; }

    [BindProperty]
    public List<string> OwnerUserIds { get; set; } = [];

    public Measure Measure { get; private set; } = null!;

    public IReadOnlyList<PlanElement> Statements { get; private set; } = [];

    public IReadOnlyList<Service> Services { get; private set; } = [];

    public IReadOnlyList<StaffUser> Users { get; private set; } = [];

    /// <summary>A change to the measure's public record that waits for approval or publication: the form starts from it.</summary>
    public PendingMeasureChange? Pending { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        // Edits build on a change still waiting, so a second edit does not quietly drop the first.
        var m = Pending is { } pending ? MeasureRecord.FromJson(pending.Change.After) : MeasureRecord.Of(Measure);
        (Title, Definition, Kind, Polarity, Decimals, UnitLabel, Owner, Caveat) = (m.Title, m.Definition, m.Kind, m.Polarity, m.Decimals.ToString(CultureInfo.InvariantCulture), m.UnitLabel, m.Owner, m.Caveat);
        SuppressBelow = m.SuppressBelow?.ToString(CultureInfo.InvariantCulture);
        EvidenceKeys = m.EvidenceKeys.ToList();
        Targets = m.Targets.Select(t => new TargetRow(t.Period, t.Value.ToString("R", CultureInfo.InvariantCulture), t.Tolerance?.ToString("R", CultureInfo.InvariantCulture), t.ToleranceType, t.Source)).ToList();
        var owners = await Db.Ownerships.AsNoTracking().Where(o => o.MeasureId == Measure.Id).ToListAsync(cancellationToken);
        OwnerServiceId = owners.FirstOrDefault()?.ServiceId;
        OwnerUserIds = owners.Where(o => o.UserId != null).Select(o => o.UserId!).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        try
        {
            var edit = new MeasureEdit(Title, Definition, Kind, Polarity, Decimals, UnitLabel, Owner, Caveat, SuppressBelow, EvidenceKeys,
                Targets.Select(t => new TargetInput(t.Period, t.Value, t.Tolerance, t.ToleranceType, t.Source)).ToList(), OwnerServiceId, OwnerUserIds);
            var change = await new MeasureEditor(Db).SaveAsync(Officer, Code, edit, cancellationToken);
            Notice = change is null
                ? $"{Code} saved"
                : $"{Code} saved as a change waiting for approval: the public sees the measure as it was until the change is approved and published";
            return Redirect("/staff/catalogue");
        }
        catch (InvalidInputException errors)
        {
            AddErrors(errors);
            return Page();
        }
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var measure = await Db.Measures.AsNoTracking().Include(m => m.Evidence).ThenInclude(e => e.Element).Include(m => m.Targets).SingleOrDefaultAsync(m => m.Code == Code, cancellationToken);
        if (measure is null)
        {
            return false;
        }

        Measure = measure;
        Statements = await Db.PlanElements.AsNoTracking().Where(e => e.PlanId == measure.PlanId && (e.Kind == ElementKind.ImpactStatement || e.Kind == ElementKind.Commitment || e.Kind == ElementKind.Scheme || e.Kind == ElementKind.Target)).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        Services = (await Db.Services.AsNoTracking().Include(s => s.Directorate).ToListAsync(cancellationToken)).OrderBy(s => s.FullName, StringComparer.OrdinalIgnoreCase).ToList();
        Users = await Db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ToListAsync(cancellationToken);
        Pending = (await changes.PendingAsync(Officer, cancellationToken)).FirstOrDefault(c => c.Change.MeasureId == measure.Id);
        return true;
    }
}

/// <summary>A target row of the form.</summary>
public sealed record TargetRow(string? Period, string? Value, string? Tolerance, ToleranceType ToleranceType, string? Source)
{
    public TargetRow()
        : this(null, null, null, ToleranceType.Absolute, null)
    {
    }
}
