using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace CouncilPlan.Core.Audit;

/// <summary>
/// Writes an audit entry for every change that goes through the database context, in the same
/// save (so the change and its record stand or fall together): what it was before and after, who
/// made it and from where. An addition whose id the database generates is recorded just after the
/// save, in the same transaction, so that its entry holds the real id rather than Entity
/// Framework's temporary one. Bulk imports, which write with set-based SQL, add their own entry.
/// </summary>
public sealed class AuditInterceptor : SaveChangesInterceptor
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Fields never written to the log: secrets, and counters that change on every sign-in attempt.</summary>
    private static readonly HashSet<string> Hidden = new(StringComparer.Ordinal)
    {
        nameof(StaffUser.PasswordHash), nameof(StaffUser.SecurityStamp), nameof(StaffUser.ConcurrencyStamp),
        nameof(StaffUser.NormalizedEmail), nameof(StaffUser.NormalizedUserName), nameof(StaffUser.AccessFailedCount),
        nameof(IdentityRole.ConcurrencyStamp),
    };

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is CouncilPlanDb db && Record(db))
        {
            BeginIfNone(db);
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is CouncilPlanDb db && Record(db) && db.Database.CurrentTransaction is null)
        {
            db.PendingAudit!.Transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is CouncilPlanDb { PendingAudit: { } pending } db)
        {
            db.PendingAudit = null;
            using (pending.Transaction)
            {
                db.AuditEntries.AddRange(pending.Added.Select(a => Added(db, a.Entry, a.At)));
                db.SaveChanges();
                pending.Transaction?.Commit();
            }
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is CouncilPlanDb { PendingAudit: { } pending } db)
        {
            db.PendingAudit = null;
            await using (pending.Transaction)
            {
                db.AuditEntries.AddRange(pending.Added.Select(a => Added(db, a.Entry, a.At)));
                await db.SaveChangesAsync(cancellationToken);
                if (pending.Transaction is not null)
                {
                    await pending.Transaction.CommitAsync(cancellationToken);
                }
            }
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Abandon(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Abandon(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Additions whose keys the database gives (or that refer to such a key) until the save has
    /// them, and the transaction this interceptor opened, if the caller had none, so that the
    /// additions and their audit entries are committed together.
    /// </summary>
    internal sealed class Pending
    {
        public List<(EntityEntry Entry, DateTimeOffset At)> Added { get; } = [];

        public IDbContextTransaction? Transaction { get; set; }
    }

    private static void BeginIfNone(CouncilPlanDb db)
    {
        if (db.Database.CurrentTransaction is null)
        {
            db.PendingAudit!.Transaction = db.Database.BeginTransaction();
        }
    }

    /// <summary>A failed save leaves nothing half-done: the transaction opened here is rolled back (disposing it does).</summary>
    private static void Abandon(DbContext? context)
    {
        if (context is CouncilPlanDb { PendingAudit: { } pending } db)
        {
            db.PendingAudit = null;
            pending.Transaction?.Dispose();
        }
    }

    /// <summary>Adds the entries for this save; returns whether some additions wait for their database-generated ids.</summary>
    private static bool Record(CouncilPlanDb db)
    {
        var now = db.Clock.GetUtcNow();
        var entries = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && IsAudited(e.Entity))
            .ToList();
        foreach (var entry in entries)
        {
            // Until the save, a generated id (and a reference to one) is Entity Framework's temporary
            // value, which matches nothing in the database: such additions are written afterwards.
            if (entry.State == EntityState.Added && entry.Properties.Any(p => p.IsTemporary))
            {
                db.PendingAudit ??= new Pending();
                db.PendingAudit.Added.Add((entry, now));
                continue;
            }

            var (before, after) = Values(entry, entry.State);
            if (entry.State == EntityState.Modified && before.Count == 0)
            {
                continue;
            }

            db.AuditEntries.Add(new AuditEntry
            {
                At = now,
                Who = db.Actor.Who,
                FromWhere = db.Actor.FromWhere,
                Action = entry.State switch
                {
                    EntityState.Added => "added",
                    EntityState.Deleted => "removed",
                    _ => "changed",
                },
                Entity = EntityName(entry.Entity),
                Key = Truncate(KeyOf(db, entry.Entity), 300),
                Before = entry.State == EntityState.Added ? null : JsonSerializer.Serialize(before, Json),
                After = entry.State == EntityState.Deleted ? null : JsonSerializer.Serialize(after, Json),
            });
        }

        return db.PendingAudit is not null;
    }

    private static AuditEntry Added(CouncilPlanDb db, EntityEntry entry, DateTimeOffset at) => new()
    {
        At = at,
        Who = db.Actor.Who,
        FromWhere = db.Actor.FromWhere,
        Action = "added",
        Entity = EntityName(entry.Entity),
        Key = Truncate(KeyOf(db, entry.Entity), 300),
        After = JsonSerializer.Serialize(Values(entry, EntityState.Added).After, Json),
    };

    private static bool IsAudited(object entity) => entity switch
    {
        AuditEntry or DataBatch or DataVersion or PlanLink or SignInFailures => false,
        Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey => false,
        IdentityUserToken<string> or IdentityUserLogin<string> or IdentityUserClaim<string> or IdentityRoleClaim<string> => false,
        _ => true,
    };

    private static (Dictionary<string, object?> Before, Dictionary<string, object?> After) Values(EntityEntry entry, EntityState state)
    {
        var before = new Dictionary<string, object?>(StringComparer.Ordinal);
        var after = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in entry.Properties.Where(p => !Hidden.Contains(p.Metadata.Name)))
        {
            var name = property.Metadata.Name;
            switch (state)
            {
                case EntityState.Added:
                    after[name] = property.CurrentValue;
                    break;
                case EntityState.Deleted:
                    before[name] = property.OriginalValue;
                    break;
                default:
                    if (property.IsModified && !Equals(property.OriginalValue, property.CurrentValue))
                    {
                        before[name] = property.OriginalValue;
                        after[name] = property.CurrentValue;
                    }

                    break;
            }
        }

        return (before, after);
    }

    private static string EntityName(object entity) => entity switch
    {
        IdentityUserRole<string> => "UserRole",
        IdentityRole => "Role",
        _ => entity.GetType().Name,
    };

    /// <summary>The natural key a person would recognise, rather than a database number, where there is one.</summary>
    private static string KeyOf(CouncilPlanDb db, object entity) => entity switch
    {
        Plans.Plan p => p.Id,
        PlanElement e => e.StableId,
        Areas.Area a => a.Code,
        Areas.WardSet w => w.Id,
        Source s => s.Id,
        Measure m => m.Code,
        MeasureTarget t => $"{MeasureCode(db, t.MeasureId)} {t.Period}",
        Observation o => $"{MeasureCode(db, o.MeasureId)} {o.Period} {o.AreaCode} {o.BreakdownId}",
        MeasureUpdate u => $"{MeasureCode(db, u.MeasureId)} period {u.ReportingPeriodId}",
        CommitmentUpdate c => $"element {c.ElementId}",
        ReportingPeriod r => r.Quarter,
        StaffUser u => u.Email ?? u.Id,
        IdentityRole r => r.Name ?? r.Id,
        IdentityUserRole<string> ur => $"{db.Users.Find(ur.UserId)?.Email ?? ur.UserId}: {db.Roles.Find(ur.RoleId)?.Name ?? ur.RoleId}",
        Service s => s.Name,
        Sources.SourceRefresh r => $"{r.SourceId}{(r.DryRun ? " (dry run)" : "")}",
        Reminders.ReminderSent r => $"{r.Kind} to {r.SentTo}, period {r.ReportingPeriodId}",
        _ => Convert.ToString(db.Entry(entity).Properties.FirstOrDefault(p => p.Metadata.IsPrimaryKey())?.CurrentValue, CultureInfo.InvariantCulture) ?? "",
    };

    private static string MeasureCode(CouncilPlanDb db, int measureId) =>
        db.Measures.Local.FirstOrDefault(m => m.Id == measureId)?.Code ?? db.Measures.Where(m => m.Id == measureId).Select(m => m.Code).FirstOrDefault() ?? measureId.ToString(CultureInfo.InvariantCulture);

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
