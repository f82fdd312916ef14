using System.Collections.Concurrent;
using CouncilPlan.Core.Areas;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Diagnostics;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Plans;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Web.PublicData;

/// <summary>
/// Everything the public site and API show, read once per data version and kept in memory: the
/// current plan, the measure catalogue, the areas, and each measure's assessment (computed on first
/// use). A new data version (any import or publication, by any instance or the command line)
/// replaces it.
/// </summary>
public sealed class PublicDataCache(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, IOutputCacheStore outputCache, CouncilPlanMetrics metrics) : IDisposable
{
    public const string OutputCacheTag = "public-data";

    private readonly SemaphoreSlim gate = new(1, 1);
    private volatile PublicSnapshot? snapshot;
    private long invalidations;

    /// <summary>The data version the cache holds, or -1 before the first read.</summary>
    public long Version => snapshot?.Version ?? -1;

    public async Task<PublicSnapshot> GetAsync(CancellationToken cancellationToken = default)
    {
        // A new day can make a latest figure out of date, so a snapshot lasts one day at most.
        var today = Today();
        if (snapshot is { } current && current.AsAt == today)
        {
            metrics.CacheHit();
            return current;
        }

        metrics.CacheMiss();
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Loaded by another request while this one waited: a miss, but no second reload.
            if (snapshot is { } loaded && loaded.AsAt == today)
            {
                return loaded;
            }

            if (snapshot is not null)
            {
                await outputCache.EvictByTagAsync(OutputCacheTag, cancellationToken);
            }

            metrics.CacheReload();
            var invalidationsBefore = Interlocked.Read(ref invalidations);
            var fresh = await LoadAsync(today, cancellationToken);

            // Invalidated while loading: what was read may predate the change, so it answers this
            // request but is not kept, or the change would go unseen until the next one.
            if (Interlocked.Read(ref invalidations) == invalidationsBefore)
            {
                snapshot = fresh;
            }

            return fresh;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    /// <summary>Drops everything cached here and in the output cache: called when public data changes.</summary>
    public async Task InvalidateAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref invalidations);
        snapshot = null;
        await outputCache.EvictByTagAsync(OutputCacheTag, cancellationToken);
    }

    private DateOnly Today() => CouncilPlan.Core.Dates.UkTime.Today(clock);

    private async Task<PublicSnapshot> LoadAsync(DateOnly today, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CouncilPlanDb>();
        var version = await DataVersion.CurrentAsync(db, cancellationToken);
        var plan = await PlanView.LoadAsync(db, configuration["Plan:Current"], today, cancellationToken);
        var catalogue = plan is null ? [] : await PublicMeasures.CatalogueAsync(db, plan.Plan.Id, cancellationToken);
        var areas = await db.Areas.AsNoTracking().OrderBy(a => a.Code).ToListAsync(cancellationToken);
        var wardSets = await db.WardSets.AsNoTracking().OrderBy(s => s.From).ToListAsync(cancellationToken);
        var assessmentAreas = await PublicMeasures.AreasAsync(db, plan?.Plan.CouncilAreaCode ?? "", cancellationToken);
        var breakdowns = await db.Breakdowns.AsNoTracking().ToListAsync(cancellationToken);
        var commitments = await PublicMeasures.CommitmentStatusesAsync(db, cancellationToken);
        return new PublicSnapshot(scopes, version, today, plan, catalogue, areas, wardSets, assessmentAreas, breakdowns, commitments);
    }
}

/// <summary>One data version's public data.</summary>
public sealed class PublicSnapshot(
    IServiceScopeFactory scopes,
    long version,
    DateOnly asAt,
    PlanView? plan,
    IReadOnlyList<Measure> catalogue,
    IReadOnlyList<Area> areas,
    IReadOnlyList<WardSet> wardSets,
    AssessmentAreas assessmentAreas,
    IReadOnlyList<Breakdown> breakdowns,
    IReadOnlyDictionary<int, Core.Updates.CommitmentUpdate> commitmentStatuses)
{
    private readonly Dictionary<int, string> breakdownKeys = breakdowns.ToDictionary(b => b.Id, b => b.Key);
    private readonly Dictionary<string, string> breakdownTitles = breakdowns.ToDictionary(b => b.Key, b => b.Title, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<PublicMeasure>>> assessments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Measure> byCode = catalogue.ToDictionary(m => m.Code, StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Area> areasByCode = areas.ToDictionary(a => a.Code, StringComparer.OrdinalIgnoreCase);

    public long Version => version;

    /// <summary>The day the assessments are made as at: what is out of date depends on it.</summary>
    public DateOnly AsAt => asAt;

    public PlanView? Plan => plan;

    public IReadOnlyList<Measure> Catalogue => catalogue;

    public IReadOnlyList<Area> Areas => areas;

    public IReadOnlyList<WardSet> WardSets => wardSets;

    public AssessmentAreas AssessmentAreas => assessmentAreas;

    public IReadOnlyDictionary<int, string> BreakdownKeys => breakdownKeys;

    /// <summary>The latest published status of each commitment or scheme; missing means not yet reported.</summary>
    public IReadOnlyDictionary<int, Core.Updates.CommitmentUpdate> CommitmentStatuses => commitmentStatuses;

    public string BreakdownTitle(string key) => breakdownTitles.GetValueOrDefault(key) ?? key;

    public Measure? FindMeasure(string code) => byCode.GetValueOrDefault(code);

    public Area? FindArea(string code) => areasByCode.GetValueOrDefault(code);

    public string AreaName(string code) => areasByCode.GetValueOrDefault(code)?.Name ?? code;

    /// <summary>A measure's public assessment, computed once per data version.</summary>
    public Task<PublicMeasure> AssessAsync(Measure measure) =>
        assessments.GetOrAdd(measure.Code, _ => new Lazy<Task<PublicMeasure>>(async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CouncilPlanDb>();
            return await PublicMeasures.AssessAsync(db, measure, breakdownKeys, assessmentAreas, asAt);
        })).Value;

    public async Task<IReadOnlyList<PublicMeasure>> AssessAllAsync(IEnumerable<Measure> measures)
    {
        var list = new List<PublicMeasure>();
        foreach (var measure in measures)
        {
            list.Add(await AssessAsync(measure));
        }

        return list;
    }
}

/// <summary>
/// Watches the data version in the database and empties the caches when it moves, so changes made
/// by the command line or by another web instance are served within a poll interval. On PostgreSQL
/// <see cref="DataVersionListener"/> hears of changes at once; this stays as the fallback for
/// SQLite and for any notification lost while the listener was reconnecting.
/// </summary>
public sealed class DataVersionWatcher(PublicDataCache cache, IServiceScopeFactory scopes, IConfiguration configuration, ILogger<DataVersionWatcher> logger, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(configuration.GetValue("PublicData:PollSeconds", 2.0));
        using var timer = new PeriodicTimer(interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CouncilPlanDb>();
                var version = await DataVersion.CurrentAsync(db, stoppingToken);
                if (cache.Version >= 0 && version != cache.Version)
                {
                    logger.LogInformation("Public data changed (version {Version}): caches emptied", version);
                    await cache.InvalidateAsync(stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not read the data version; will try again");
            }
        }
    }
}
