using CouncilPlan.Core.Data;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Web.Pages.Staff;

/// <summary>"My updates": what is due from the signed-in officer in the open quarters.</summary>
public sealed class IndexModel(CouncilPlanDb db, ReportingPeriods periods, DueList dueList, TimeProvider clock) : StaffPageModel(db)
{
    /// <summary>The day the due dates are counted from.</summary>
    public DateOnly Today { get; private set; }

    public IReadOnlyList<ReportingPeriod> OpenPeriods { get; private set; } = [];

    public IReadOnlyList<DueItem> Due { get; private set; } = [];

    public int AwaitingApproval { get; private set; }

    public int AwaitingPublication { get; private set; }

    /// <summary>For administrators and the performance team while set-up is unfinished: the getting-started checklist.</summary>
    public SetUpProgress? SetUp { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (Officer.Is(Roles.Administrator) || Officer.IsPerformanceTeam)
        {
            var progress = await SetUpProgress.ReadAsync(Db, cancellationToken);
            SetUp = progress.Complete ? null : progress;
        }

        Today = CouncilPlan.Core.Dates.UkTime.Today(clock);
        OpenPeriods = await periods.OpenPeriodsAsync(cancellationToken);
        Due = await dueList.DueFromAsync(Officer, cancellationToken);
        if (Officer.Is(Roles.Approver) || Officer.IsPerformanceTeam)
        {
            AwaitingApproval = await Db.MeasureUpdates.CountAsync(u => u.Status == UpdateStatus.Submitted, cancellationToken);
        }

        if (Officer.IsPerformanceTeam)
        {
            AwaitingPublication = await Db.MeasureUpdates.CountAsync(u => u.Status == UpdateStatus.Approved, cancellationToken)
                + await Db.CommitmentUpdates.CountAsync(c => c.ApprovedAt != null && !c.Published, cancellationToken);
        }
    }
}
