using CouncilPlan.Core.Diagnostics;

namespace CouncilPlan.Web.Operations;

/// <summary>
/// The app's own measurements (<see cref="CouncilPlanMetrics"/>), next to the ones ASP.NET Core,
/// HttpClient and Npgsql publish themselves; <c>dotnet-counters monitor -n CouncilPlan.Web
/// --counters CouncilPlan,Microsoft.AspNetCore.Hosting</c> reads them from a running instance.
/// </summary>
public static class Metrics
{
    public static IServiceCollection AddCouncilPlanMetrics(this IServiceCollection services)
    {
        // The host's meter factory owns the meter, so each app instance (and each test's) counts alone.
        services.AddMetrics();
        services.AddSingleton<CouncilPlanMetrics>();
        return services;
    }
}
