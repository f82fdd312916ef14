using System.Diagnostics.Metrics;

namespace CouncilPlan.Core.Diagnostics;

/// <summary>
/// CouncilPlan's own measurements, on the <c>CouncilPlan</c> meter (System.Diagnostics.Metrics, so
/// Core needs no ASP.NET or OpenTelemetry reference): any listener, such as <c>dotnet-counters</c>
/// or an OpenTelemetry exporter, can read them.
/// </summary>
public sealed class CouncilPlanMetrics
{
    public const string MeterName = "CouncilPlan";

    private readonly Counter<long> cacheHits;
    private readonly Counter<long> cacheMisses;
    private readonly Counter<long> cacheReloads;
    private readonly Counter<long> importRows;
    private readonly Histogram<double> importDuration;

    /// <summary>The web app's instance, its meter owned by the app's meter factory.</summary>
    public CouncilPlanMetrics(IMeterFactory meters)
        : this(meters.Create(MeterName))
    {
    }

    private CouncilPlanMetrics(Meter meter)
    {
        Meter = meter;
        cacheHits = meter.CreateCounter<long>("councilplan.public_data.cache.hits", "{request}", "Reads of the public data served from memory.");
        cacheMisses = meter.CreateCounter<long>("councilplan.public_data.cache.misses", "{request}", "Reads of the public data that found nothing current in memory.");
        cacheReloads = meter.CreateCounter<long>("councilplan.public_data.cache.reloads", "{reload}", "Loads of the public data from the database.");
        importRows = meter.CreateCounter<long>("councilplan.import.rows", "{row}", "Rows read by figure imports, by outcome.");
        importDuration = meter.CreateHistogram<double>("councilplan.import.duration", "s", "How long figure imports take, by outcome.");
    }

    /// <summary>
    /// For code that runs outside the web app's services (the command line, the first start's
    /// dataset load): one meter for the whole process, since a meter per import would be a leak.
    /// </summary>
    public static CouncilPlanMetrics Shared { get; } = new(new Meter(MeterName));

    public Meter Meter { get; }

    public void CacheHit() => cacheHits.Add(1);

    public void CacheMiss() => cacheMisses.Add(1);

    public void CacheReload() => cacheReloads.Add(1);

    /// <summary>One import finished: <paramref name="outcome"/> is committed, rejected, dry_run or failed.</summary>
    public void Imported(string outcome, long rows, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>("outcome", outcome);
        importRows.Add(rows, tag);
        importDuration.Record(duration.TotalSeconds, tag);
    }
}
