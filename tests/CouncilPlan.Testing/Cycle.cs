using CouncilPlan.Core.Data;
using CouncilPlan.Core.Updates;

namespace CouncilPlan.Testing;

/// <summary>The quarterly cycle's services over one context and clock, as the web app's request scope would give them.</summary>
public sealed class Cycle(CouncilPlanDb db, TimeProvider clock)
{
    public ReportingPeriods Periods { get; } = new(db, clock);

    public UpdatePermissions Permissions { get; } = new(db);

    public DueList DueList { get; } = new(db, clock);

    public MeasureUpdates Updates { get; } = new(db, clock);

    public CommitmentStatuses Commitments { get; } = new(db, clock);

    public Publication Publication { get; } = new(db, clock);
}
