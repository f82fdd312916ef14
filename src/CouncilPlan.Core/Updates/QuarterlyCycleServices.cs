using CouncilPlan.Core.Measures;
using Microsoft.Extensions.DependencyInjection;

namespace CouncilPlan.Core.Updates;

/// <summary>The quarterly cycle's services, one per job, each scoped with the request's database context.</summary>
public static class QuarterlyCycleServices
{
    public static IServiceCollection AddQuarterlyCycle(this IServiceCollection services) => services
        .AddScoped<ReportingPeriods>()
        .AddScoped<UpdatePermissions>()
        .AddScoped<DueList>()
        .AddScoped<MeasureUpdates>()
        .AddScoped<CommitmentStatuses>()
        .AddScoped<Publication>()
        .AddScoped<MeasureChanges>();
}
