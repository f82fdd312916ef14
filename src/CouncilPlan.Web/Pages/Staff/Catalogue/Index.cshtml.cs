using CouncilPlan.Core.Data;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Web.Pages.Staff.Catalogue;

public sealed class IndexModel(CouncilPlanDb db) : StaffPageModel(db)
{
    public IReadOnlyList<(Measure Measure, string Owners)> Measures { get; private set; } = [];

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
    }
}
