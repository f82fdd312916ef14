using CouncilPlan.Core.Plans;
using CouncilPlan.Web.PublicData;

namespace CouncilPlan.Web.Plans;

/// <summary>The plan the public site shows (configuration <c>Plan:Current</c>, else the plan in force, else the latest).</summary>
public sealed class CurrentPlan(PublicDataCache cache)
{
    public async Task<PlanView?> GetAsync(CancellationToken cancellationToken = default) => (await cache.GetAsync(cancellationToken)).Plan;
}

/// <summary>One step of the breadcrumbs above a page's heading.</summary>
public sealed record Crumb(string Text, string Href);
