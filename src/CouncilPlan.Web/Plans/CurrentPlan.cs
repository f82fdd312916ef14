using CouncilPlan.Core.Data;
using CouncilPlan.Core.Plans;

namespace CouncilPlan.Web.Plans;

/// <summary>The plan the public site shows (configuration <c>Plan:Current</c>, else the plan in force, else the latest).</summary>
public sealed class CurrentPlan(CouncilPlanDb db, TimeProvider clock, IConfiguration configuration)
{
    private PlanView? view;

    public async Task<PlanView?> GetAsync(CancellationToken cancellationToken = default) =>
        view ??= await PlanView.LoadAsync(db, configuration["Plan:Current"], DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), cancellationToken);
}

/// <summary>One step of the breadcrumbs above a page's heading.</summary>
public sealed record Crumb(string Text, string Href);
