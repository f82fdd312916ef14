using CouncilPlan.Core.Data;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Web.Pages.Staff.Portfolio;

/// <summary>A councillor reads the unpublished updates for their portfolio; they change nothing.</summary>
public sealed class IndexModel(CouncilPlanDb db) : StaffPageModel(db)
{
    public string? PortfolioTitle { get; private set; }

    public IReadOnlyList<(Measure Measure, MeasureUpdate Update)> Drafts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Officer.Is(Roles.Councillor) && !Officer.IsPerformanceTeam)
        {
            throw new NotAllowedException("This page is for councillors.");
        }

        var key = Officer.PortfolioKey;
        if (key is null)
        {
            return;
        }

        var measures = await Db.Measures.AsNoTracking().Include(m => m.Portfolio).Where(m => m.Portfolio!.Key == key).ToListAsync(cancellationToken);
        PortfolioTitle = measures.FirstOrDefault()?.Portfolio?.Title ?? await Db.PlanElements.Where(e => e.Key == key).Select(e => e.Title).FirstOrDefaultAsync(cancellationToken);
        var ids = measures.Select(m => m.Id).ToList();
        var updates = await Db.MeasureUpdates.AsNoTracking().Include(u => u.ReportingPeriod)
            .Where(u => ids.Contains(u.MeasureId) && u.Status != UpdateStatus.Published && u.Status != UpdateStatus.NotStarted)
            .ToListAsync(cancellationToken);
        Drafts = updates.Select(u => (measures.Single(m => m.Id == u.MeasureId), u)).OrderBy(x => x.Item1.Code, StringComparer.Ordinal).ToList();
    }
}
