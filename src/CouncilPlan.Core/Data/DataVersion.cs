using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Data;

/// <summary>
/// A number that goes up whenever public data changes (a plan, the catalogue, published figures),
/// in the same transaction as the change. Web instances watch it to empty their caches, so a
/// change made by the command line or another instance is seen everywhere.
/// </summary>
public sealed class DataVersion
{
    public const int SingletonId = 1;

    /// <summary>The PostgreSQL channel a bump is announced on; the payload is the new version.</summary>
    public const string NotifyChannel = "councilplan_data_version";

    public int Id { get; set; } = SingletonId;

    public long Version { get; set; }

    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>
    /// Raises the version inside the caller's transaction. On PostgreSQL it also sends a
    /// notification in that transaction, which the server delivers only if and when it commits, so
    /// listening web instances see the change at once and never see one that was rolled back.
    /// </summary>
    public static async Task BumpAsync(CouncilPlanDb db, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var updated = await db.DataVersions.Where(v => v.Id == SingletonId)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Version, v => v.Version + 1).SetProperty(v => v.ChangedAt, now), cancellationToken);
        if (updated == 0)
        {
            db.DataVersions.Add(new DataVersion { Version = 1, ChangedAt = now });
            await db.SaveChangesAsync(cancellationToken);
        }

        // SQLite has no notifications: there, web instances find the change by polling.
        if (db.Database.IsNpgsql())
        {
            var version = await CurrentAsync(db, cancellationToken);
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({NotifyChannel}, {version.ToString(CultureInfo.InvariantCulture)})", cancellationToken);
        }
    }

    public static async Task<long> CurrentAsync(CouncilPlanDb db, CancellationToken cancellationToken = default) =>
        await db.DataVersions.Where(v => v.Id == SingletonId).Select(v => v.Version).FirstOrDefaultAsync(cancellationToken);
}
