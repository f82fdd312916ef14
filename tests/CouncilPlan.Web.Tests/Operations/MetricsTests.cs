using System.Diagnostics.Metrics;
using CouncilPlan.Core.Diagnostics;
using CouncilPlan.Testing;
using CouncilPlan.Web.PublicData;
using Microsoft.Extensions.DependencyInjection;

namespace CouncilPlan.Web.Tests.Operations;

/// <summary>The public data cache counts its hits, misses and reloads on the app's CouncilPlan meter.</summary>
public sealed class MetricsTests(SqliteSite site) : IClassFixture<SqliteSite>
{
    private const string Hits = "councilplan.public_data.cache.hits";
    private const string Misses = "councilplan.public_data.cache.misses";
    private const string Reloads = "councilplan.public_data.cache.reloads";

    [Fact]
    public async Task PublicDataCache_CountsAReloadOnceAfterInvalidation_ThenHits()
    {
        using var recorded = new MeasurementRecorder(site.Factory.Services.GetRequiredService<IMeterFactory>(), CouncilPlanMetrics.MeterName);
        var cache = site.Factory.Services.GetRequiredService<PublicDataCache>();
        await cache.InvalidateAsync();

        // A page after the invalidation finds nothing current: one miss at least, one reload exactly.
        using (var page = await site.Client.GetAsync("/measures"))
        {
            Assert.True(page.IsSuccessStatusCode);
        }

        Assert.Equal(1, recorded.Sum(Reloads));
        Assert.True(recorded.Sum(Misses) >= 1);
        var hits = recorded.Sum(Hits);

        // Read again: served from memory.
        await cache.GetAsync();
        await cache.GetAsync();
        Assert.Equal(hits + 2, recorded.Sum(Hits));
        Assert.Equal(1, recorded.Sum(Reloads));
    }
}
