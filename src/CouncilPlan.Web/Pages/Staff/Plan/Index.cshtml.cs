using CouncilPlan.Core.Data;
using CouncilPlan.Core.Plans;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Web.Pages.Staff.Plan;

public sealed class IndexModel(CouncilPlanDb db, TimeProvider clock) : StaffPageModel(db)
{
    public PlanView? Plan { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Plan = await PlanView.LoadAsync(Db, null, CouncilPlan.Core.Dates.UkTime.Today(clock), cancellationToken);
}
