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

namespace CouncilPlan.Core.Audit;

/// <summary>
/// Writes an audit entry for every change that goes through the database context, in the same
/// save (so the change and its record stand or fall together): what it was before and after, who
/// made it and from where. Bulk imports, which write with set-based SQL, add their own entry.
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
        Record(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Record(DbContext? context)
    {
        if (context is not CouncilPlanDb db)
        {
            return;
        }

        var now = db.Clock.GetUtcNow();
        var entries = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && IsAudited(e.Entity))
            .ToList();
        foreach (var entry in entries)
        {
            var (before, after) = Values(entry);
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
    }

    private static bool IsAudited(object entity) => entity switch
    {
        AuditEntry or DataBatch or DataVersion or PlanLink => false,
        Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey => false,
        IdentityUserToken<string> or IdentityUserLogin<string> or IdentityUserClaim<string> or IdentityRoleClaim<string> => false,
        _ => true,
    };

    private static (Dictionary<string, object?> Before, Dictionary<string, object?> After) Values(EntityEntry entry)
    {
        var before = new Dictionary<string, object?>(StringComparer.Ordinal);
        var after = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in entry.Properties.Where(p => !Hidden.Contains(p.Metadata.Name)))
        {
            var name = property.Metadata.Name;
            switch (entry.State)
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
        _ => Convert.ToString(db.Entry(entity).Properties.FirstOrDefault(p => p.Metadata.IsPrimaryKey())?.CurrentValue, CultureInfo.InvariantCulture) ?? "",
    };

    private static string MeasureCode(CouncilPlanDb db, int measureId) =>
        db.Measures.Local.FirstOrDefault(m => m.Id == measureId)?.Code ?? db.Measures.Where(m => m.Id == measureId).Select(m => m.Code).FirstOrDefault() ?? measureId.ToString(CultureInfo.InvariantCulture);

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
