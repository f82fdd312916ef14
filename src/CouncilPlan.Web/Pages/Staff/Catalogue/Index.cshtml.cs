using CouncilPlan.Core.Data;
using CouncilPlan.Core.Measures;
using CouncilPlan.Web.PublicData;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Web.Pages.Staff.Catalogue;

public sealed class IndexModel(CouncilPlanDb db, PublicDataCache cache) : StaffPageModel(db)
{
    public IReadOnlyList<(Measure Measure, string Owners)> Measures { get; private set; } = [];

    /// <summary>Measures with a change to their public record on its way: waiting for approval or for publication.</summary>
    public IReadOnlyDictionary<int, MeasureChangeStatus> Waiting { get; private set; } = new Dictionary<int, MeasureChangeStatus>();

    /// <summary>
    /// The current plan's measures whose latest published figure is out of date or discontinued, as the
    /// public site judges them (the same cached assessments), so staff chase exactly what residents are
    /// told is out of date: the longest overdue first, then the discontinued series.
    /// </summary>
    public IReadOnlyList<PublicMeasure> ToUpdate { get; private set; } = [];

    /// <summary>The day the public assessments were made as at.</summary>
    public DateOnly AsAt { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var measures = await Db.Measures.AsNoTracking().OrderBy(m => m.Code).ToListAsync(cancellationToken);
        var owners = await Db.Ownerships.AsNoTracking().Where(o => o.MeasureId != null).ToListAsync(cancellationToken);
        var services = await Db.Services.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var users = await Db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        Measures = measures.Select(m =>
        {
            var mine = owners.Where(o => o.MeasureId == m.Id).ToList();
            var text = string.Join("; ", mine.Select(o => o.UserId is { } u ? users.GetValueOrDefault(u, u) : services.GetValueOrDefault(o.ServiceId ?? 0, "")).Where(t => t.Length > 0).Distinct());
            return (m, text.Length == 0 ? "No owner yet" : text);
        }).ToList();

        Waiting = (await Db.MeasureChanges.AsNoTracking()
                .Where(c => c.Status == MeasureChangeStatus.Proposed || c.Status == MeasureChangeStatus.Approved)
                .Select(c => new { c.MeasureId, c.Status }).ToListAsync(cancellationToken))
            .ToDictionary(c => c.MeasureId, c => c.Status);

        var data = await cache.GetAsync(cancellationToken);
        AsAt = data.AsAt;
        ToUpdate = (await data.AssessAllAsync(data.Catalogue))
            .Where(m => m.Assessment.OutOfDate)
            .OrderBy(m => m.Assessment.Currency!.Discontinued is null ? 0 : 1)
            .ThenBy(m => m.Assessment.Currency!.ExpectedBy)
            .ThenBy(m => m.Measure.Code, StringComparer.Ordinal)
            .ToList();
    }
}
