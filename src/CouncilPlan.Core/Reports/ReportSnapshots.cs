using CouncilPlan.Core.Data;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Updates;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Reports;

/// <summary>The snapshot "what changed" is worked out against.</summary>
public sealed record PreviousSnapshot(int Id, string Quarter, DateTimeOffset ProducedAt, PortfolioReport Report);

/// <summary>Where a rendered report came from: a frozen snapshot, or a draft built just now.</summary>
public sealed record ReportProvenance(int? SnapshotId, string? ProducedBy, DateTimeOffset? ProducedAt, string? Sha256)
{
    public static ReportProvenance Draft { get; } = new(null, null, null, null);

    public bool IsDraft => SnapshotId is null;

    public static ReportProvenance Of(ReportSnapshot snapshot) => new(snapshot.Id, snapshot.ProducedBy, snapshot.ProducedAt, snapshot.Sha256);
}

/// <summary>A snapshot as listed: without its model, with whether it is on the portal.</summary>
public sealed record SnapshotListing(int Id, string PlanId, int? PortfolioId, string PortfolioKey, string PortfolioTitle, string Quarter, DateOnly QuarterStart, string ProducedBy, DateTimeOffset ProducedAt, bool Published, DateTimeOffset? PublishedAt);

/// <summary>
/// Freezing, listing, reading and publishing committee reports. A snapshot is written once and never
/// changed (the database refuses); publishing or withdrawing it adds a row to report_publications.
/// </summary>
public sealed class ReportSnapshots(CouncilPlanDb db, TimeProvider clock)
{
    /// <summary>The latest snapshot of the same part of the plan (or of the whole plan: <paramref name="portfolioId"/> null) for this period or an earlier one.</summary>
    public static async Task<PreviousSnapshot?> PreviousAsync(CouncilPlanDb db, string planId, int? portfolioId, Period quarter, CancellationToken cancellationToken = default)
    {
        var row = await db.ReportSnapshots.AsNoTracking()
            .Where(s => s.PlanId == planId && s.PortfolioId == portfolioId && s.QuarterStart <= quarter.Start)
            .OrderByDescending(s => s.QuarterStart).ThenByDescending(s => s.ProducedAt).ThenByDescending(s => s.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : new PreviousSnapshot(row.Id, row.Quarter, row.ProducedAt, ReportJson.Deserialize(row.ModelJson));
    }

    /// <summary>Freezes a report for committee: the performance team's action.</summary>
    public Task<ReportSnapshot> FreezeAsync(Officer officer, ReportTarget target, CancellationToken cancellationToken = default)
    {
        if (!officer.IsPerformanceTeam)
        {
            throw new NotAllowedException("Only the performance team produces reports for committee.");
        }

        return FreezeAsync(officer.Email, target, cancellationToken);
    }

    /// <summary>Builds the report now and stores it, frozen, as produced by <paramref name="producedBy"/>.</summary>
    public async Task<ReportSnapshot> FreezeAsync(string producedBy, ReportTarget target, CancellationToken cancellationToken = default)
    {
        var report = await new ReportBuilder(db, clock).BuildAsync(target, cancellationToken);
        var json = ReportJson.Serialize(report);
        var snapshot = new ReportSnapshot
        {
            PlanId = report.PlanId,
            PortfolioId = target.Element?.Id,
            PortfolioKey = report.PortfolioKey,
            PortfolioTitle = report.PortfolioTitle,
            Quarter = report.Quarter,
            QuarterStart = report.QuarterStart,
            QuarterEnd = report.QuarterEnd,
            ProducedBy = producedBy,
            ProducedAt = report.BuiltAt,
            PreviousId = report.Changes.PreviousSnapshotId,
            ModelJson = json,
            Sha256 = ReportJson.Sha256(json),
        };
        db.ReportSnapshots.Add(snapshot);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(snapshot).State = EntityState.Detached;
        return snapshot;
    }

    public async Task<(ReportSnapshot Snapshot, PortfolioReport Report)?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        var row = await db.ReportSnapshots.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        return row is null ? null : (row, ReportJson.Deserialize(row.ModelJson));
    }

    /// <summary>Snapshots, newest first; only those of one portfolio when it is given.</summary>
    public async Task<IReadOnlyList<SnapshotListing>> ListAsync(int? portfolioId = null, bool publishedOnly = false, CancellationToken cancellationToken = default)
    {
        var rows = await db.ReportSnapshots.AsNoTracking()
            .Where(s => portfolioId == null || s.PortfolioId == portfolioId)
            .Select(s => new { s.Id, s.PlanId, s.PortfolioId, s.PortfolioKey, s.PortfolioTitle, s.Quarter, s.QuarterStart, s.ProducedBy, s.ProducedAt })
            .ToListAsync(cancellationToken);
        var state = await PublicationStateAsync(cancellationToken);
        return rows
            .Select(s => new SnapshotListing(s.Id, s.PlanId, s.PortfolioId, s.PortfolioKey, s.PortfolioTitle, s.Quarter, s.QuarterStart, s.ProducedBy, s.ProducedAt, state.GetValueOrDefault(s.Id)?.Published == true, state.GetValueOrDefault(s.Id)?.Published == true ? state[s.Id].At : null))
            .Where(s => !publishedOnly || s.Published)
            .OrderByDescending(s => s.QuarterStart).ThenBy(s => s.PortfolioTitle, StringComparer.Ordinal).ThenByDescending(s => s.ProducedAt)
            .ToList();
    }

    public async Task<bool> IsPublishedAsync(int id, CancellationToken cancellationToken = default) =>
        await db.ReportPublications.AsNoTracking().Where(p => p.SnapshotId == id).OrderByDescending(p => p.Id).Select(p => (bool?)p.Published).FirstOrDefaultAsync(cancellationToken) == true;

    /// <summary>Publishes a snapshot on the portal (or withdraws it): a new row, never an edit.</summary>
    public async Task SetPublishedAsync(Officer officer, int id, bool published, CancellationToken cancellationToken = default)
    {
        if (!officer.IsPerformanceTeam)
        {
            throw new NotAllowedException("Only the performance team publishes reports.");
        }

        await SetPublishedAsync(officer.Email, id, published, cancellationToken);
    }

    public async Task SetPublishedAsync(string by, int id, bool published, CancellationToken cancellationToken = default)
    {
        if (!await db.ReportSnapshots.AnyAsync(s => s.Id == id, cancellationToken))
        {
            throw new InvalidOperationException($"There is no report snapshot {id}.");
        }

        if (await IsPublishedAsync(id, cancellationToken) == published)
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.ReportPublications.Add(new ReportPublication { SnapshotId = id, Published = published, By = by, At = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);

        // The portal's list of reports is public data: every cache empties.
        await DataVersion.BumpAsync(db, clock, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<Dictionary<int, ReportPublication>> PublicationStateAsync(CancellationToken cancellationToken) =>
        (await db.ReportPublications.AsNoTracking().ToListAsync(cancellationToken))
            .GroupBy(p => p.SnapshotId)
            .ToDictionary(g => g.Key, g => g.MaxBy(p => p.Id)!);
}
