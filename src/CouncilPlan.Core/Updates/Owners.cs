using System.Text;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Exports;
using CouncilPlan.Core.Imports;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Users;
using CouncilPlan.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Updates;

/// <summary>A measure or a commitment (or scheme): the two things an update is due for.</summary>
public enum OwnedKind
{
    Measure,
    Commitment,
}

/// <summary>Who owns one measure or commitment: the service it belongs to, and optionally named officers within it.</summary>
public sealed record OwnerAssignment(OwnedKind Kind, int ItemId, int ServiceId, IReadOnlyList<string> UserIds);

/// <summary>A measure or commitment with who owns it, for the service page.</summary>
/// <param name="Reference">A measure's code, or a commitment's plan and key ("council-2025-29/family-hubs").</param>
public sealed record OwnedItem(OwnedKind Kind, int Id, string Reference, string Title, int? ServiceId, string? ServiceName, IReadOnlyList<string> NamedOwners);

/// <summary>What an owners import did, or would do, or why it did nothing.</summary>
public sealed record OwnersImportResult(long RowsRead, int Changed, int Unchanged, IReadOnlyList<InputError> Errors, long ErrorCount, bool DryRun)
{
    public bool IsValid => ErrorCount == 0;

    public long ErrorsNotListed => ErrorCount - Errors.Count;
}

/// <summary>
/// Assigns owners in bulk, from the service page or an owners file (docs/owners-csv-format.md): a
/// measure or commitment belongs to a service, whose contributors then see it as due with no further
/// set-up, and may have named owners who are asked instead. Each item named is given exactly the
/// owners asked for; items not named keep theirs. All or nothing: one problem anywhere and nothing
/// changes. Every change is in the audit log with its before and after.
/// </summary>
public sealed class Owners(CouncilPlanDb db)
{
    public const string ReferenceColumn = "reference";
    public const string ServiceColumn = "service";
    public const string OwnerColumn = "owner";

    private static readonly string[] Columns = [ReferenceColumn, ServiceColumn, OwnerColumn];
    private static readonly string[] Required = [ReferenceColumn, ServiceColumn];

    /// <summary>Every measure, then every commitment and scheme, with the service that owns it and its named owners.</summary>
    public async Task<IReadOnlyList<OwnedItem>> ItemsAsync(CancellationToken cancellationToken = default)
    {
        var owners = await db.Ownerships.AsNoTracking().ToListAsync(cancellationToken);
        var services = await db.Services.AsNoTracking().ToListAsync(cancellationToken);
        var emails = await db.Users.AsNoTracking().Select(u => new { u.Id, u.Email }).ToDictionaryAsync(u => u.Id, u => u.Email ?? u.Id, cancellationToken);
        var measures = await db.Measures.AsNoTracking().Select(m => new { m.Id, m.Code, m.Title }).ToListAsync(cancellationToken);
        var elements = await db.PlanElements.AsNoTracking()
            .Where(e => e.Kind == ElementKind.Commitment || e.Kind == ElementKind.Scheme)
            .Select(e => new { e.Id, e.PlanId, e.Key, e.Title }).ToListAsync(cancellationToken);
        OwnedItem Item(OwnedKind kind, int id, string reference, string title, List<Ownership> mine)
        {
            var service = services.FirstOrDefault(s => s.Id == mine.FirstOrDefault()?.ServiceId);
            var directorate = services.FirstOrDefault(s => s.Id == service?.DirectorateId);
            var named = mine.Where(o => o.UserId != null).Select(o => emails.GetValueOrDefault(o.UserId!, o.UserId!)).Order(StringComparer.OrdinalIgnoreCase).ToList();
            return new OwnedItem(kind, id, reference, title, service?.Id, service is null ? null : ServiceDirectory.FullName(directorate?.Name, service.Name), named);
        }

        return measures.OrderBy(m => m.Code, StringComparer.Ordinal)
            .Select(m => Item(OwnedKind.Measure, m.Id, m.Code, m.Title, owners.Where(o => o.MeasureId == m.Id).ToList()))
            .Concat(elements.OrderBy(e => e.PlanId, StringComparer.Ordinal).ThenBy(e => e.Title ?? e.Key, StringComparer.OrdinalIgnoreCase)
                .Select(e => Item(OwnedKind.Commitment, e.Id, e.PlanId + "/" + e.Key, e.Title ?? e.Key, owners.Where(o => o.ElementId == e.Id).ToList())))
            .ToList();
    }

    /// <summary>Gives each item its owners; returns how many items changed. Refused unless the officer is in the performance team.</summary>
    public async Task<int> AssignAsync(Officer officer, IReadOnlyList<OwnerAssignment> assignments, CancellationToken cancellationToken = default)
    {
        if (!officer.IsPerformanceTeam)
        {
            throw new NotAllowedException("Only the performance team assigns owners.");
        }

        var serviceIds = assignments.Select(a => a.ServiceId).ToHashSet();
        var known = await db.Services.Where(s => serviceIds.Contains(s.Id)).Select(s => s.Id).ToListAsync(cancellationToken);
        var contributors = await ContributorsAsync(cancellationToken);
        var errors = new Dictionary<string, string>();
        if (serviceIds.Except(known).Any())
        {
            errors["Service"] = "That service no longer exists: reload the page";
        }

        if (assignments.SelectMany(a => a.UserIds).Any(u => !contributors.ContainsKey(u)))
        {
            errors["Owner"] = "A named owner must be a contributor: give them the contributor role first";
        }

        if (errors.Count > 0)
        {
            throw new InvalidInputException(errors);
        }

        var changed = await ApplyAsync(assignments, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return changed;
    }

    /// <summary>Reads an owners CSV and applies it, all or nothing, reporting every problem by row and column.</summary>
    public async Task<OwnersImportResult> ImportAsync(Officer officer, Stream csv, bool dryRun, int maxErrors = 100, CancellationToken cancellationToken = default)
    {
        if (!officer.IsPerformanceTeam)
        {
            throw new NotAllowedException("Only the performance team assigns owners.");
        }

        var errors = new InputErrors(maxErrors);
        var (assignments, rowsRead) = await ReadAsync(new CsvRecordReader(csv, 1 << 16), errors, cancellationToken);
        if (errors.Count > 0)
        {
            return new OwnersImportResult(rowsRead, 0, 0, errors.Listed, errors.Count, dryRun);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var changed = await ApplyAsync(assignments, cancellationToken);
            var result = new OwnersImportResult(rowsRead, changed, assignments.Count - changed, [], 0, dryRun);
            if (dryRun || changed == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return result;
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Replaces each item's owners with those asked for, leaving an item that already has exactly them untouched.</summary>
    private async Task<int> ApplyAsync(IReadOnlyList<OwnerAssignment> assignments, CancellationToken cancellationToken)
    {
        var measureIds = assignments.Where(a => a.Kind == OwnedKind.Measure).Select(a => a.ItemId).ToList();
        var elementIds = assignments.Where(a => a.Kind == OwnedKind.Commitment).Select(a => a.ItemId).ToList();
        var stored = await db.Ownerships
            .Where(o => (o.MeasureId != null && measureIds.Contains(o.MeasureId.Value)) || (o.ElementId != null && elementIds.Contains(o.ElementId.Value)))
            .ToListAsync(cancellationToken);
        var changed = 0;
        foreach (var assignment in assignments)
        {
            var current = stored.Where(o => assignment.Kind == OwnedKind.Measure ? o.MeasureId == assignment.ItemId : o.ElementId == assignment.ItemId).ToList();
            var wanted = assignment.UserIds.Count == 0
                ? [new Ownership { ServiceId = assignment.ServiceId }]
                : assignment.UserIds.Distinct(StringComparer.Ordinal).Select(u => new Ownership { ServiceId = assignment.ServiceId, UserId = u }).ToList();
            static string Shape(IEnumerable<Ownership> owners) => string.Join('|', owners.Select(o => $"{o.ServiceId}:{o.UserId}").Order(StringComparer.Ordinal));
            if (Shape(current) == Shape(wanted))
            {
                continue;
            }

            db.Ownerships.RemoveRange(current);
            foreach (var owner in wanted)
            {
                (owner.MeasureId, owner.ElementId) = assignment.Kind == OwnedKind.Measure ? ((int?)assignment.ItemId, (int?)null) : (null, assignment.ItemId);
                db.Ownerships.Add(owner);
            }

            changed++;
        }

        return changed;
    }

    /// <summary>Every user with the contributor role, by id, with their email.</summary>
    private async Task<Dictionary<string, string>> ContributorsAsync(CancellationToken cancellationToken) =>
        await (from user in db.Users
               join userRole in db.UserRoles on user.Id equals userRole.UserId
               join role in db.Roles on userRole.RoleId equals role.Id
               where role.Name == Roles.Contributor
               select new { user.Id, user.Email }).ToDictionaryAsync(u => u.Id, u => u.Email ?? u.Id, cancellationToken);

    private async Task<(List<OwnerAssignment> Assignments, long RowsRead)> ReadAsync(CsvRecordReader csv, InputErrors errors, CancellationToken cancellationToken)
    {
        var header = CsvHeader.Read(csv, Columns, Required, errors, "owner");
        if (header is null)
        {
            return ([], 0);
        }

        var measures = await db.Measures.AsNoTracking().Select(m => new { m.Id, m.Code }).ToDictionaryAsync(m => m.Code, m => m.Id, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var elements = await db.PlanElements.AsNoTracking()
            .Where(e => e.Kind == ElementKind.Commitment || e.Kind == ElementKind.Scheme)
            .Select(e => new { e.Id, e.PlanId, e.Key }).ToListAsync(cancellationToken);
        var users = await db.Users.AsNoTracking().Select(u => new { u.Id, u.Email }).ToListAsync(cancellationToken);
        var contributors = await ContributorsAsync(cancellationToken);
        var directory = new ServiceDirectory(db);
        var services = new Dictionary<string, int?>(StringComparer.OrdinalIgnoreCase);

        // Each item's rows: the service they give and the owners named, with the row each item first appeared on.
        var items = new Dictionary<(OwnedKind, int), (long Row, int ServiceId, List<string> Users)>();
        long read = 0;
        foreach (var (row, raw) in CsvRows.Named(csv, header, errors))
        {
            read++;
            if (raw is null)
            {
                continue;
            }

            var fields = raw.ToDictionary(f => f.Key, f => f.Value.Trim(), StringComparer.Ordinal);
            var reference = fields[ReferenceColumn];
            (OwnedKind Kind, int Id)? item = null;
            if (reference.Length == 0)
            {
                errors.Add(row, ReferenceColumn, "enter a measure's code (like H-01) or a commitment's id (like plan-id/commitment-key)");
            }
            else if (measures.TryGetValue(reference, out var measureId))
            {
                item = (OwnedKind.Measure, measureId);
            }
            else
            {
                var slash = reference.IndexOf('/', StringComparison.Ordinal);
                var matches = slash < 0
                    ? elements.Where(e => string.Equals(e.Key, reference, StringComparison.OrdinalIgnoreCase)).ToList()
                    : elements.Where(e => string.Equals(e.PlanId, reference[..slash], StringComparison.OrdinalIgnoreCase) && string.Equals(e.Key, reference[(slash + 1)..], StringComparison.OrdinalIgnoreCase)).ToList();
                if (matches.Count == 1)
                {
                    item = (OwnedKind.Commitment, matches[0].Id);
                }
                else if (matches.Count > 1)
                {
                    errors.Add(row, ReferenceColumn, $"'{reference}' is a commitment in more than one plan: give the plan too, like {string.Join(" or ", matches.Select(m => m.PlanId + "/" + m.Key))}");
                }
                else
                {
                    errors.Add(row, ReferenceColumn, $"no measure or commitment has the reference '{reference}': a measure is named by its code (like H-01), a commitment or scheme by its id in the plan");
                }
            }

            var serviceName = fields[ServiceColumn];
            int? serviceId = null;
            if (serviceName.Length == 0)
            {
                errors.Add(row, ServiceColumn, $"enter the service that owns it, like 'Place{ServiceDirectory.Separator}Strategic Housing', or a directorate");
            }
            else
            {
                if (!services.TryGetValue(serviceName, out serviceId))
                {
                    try
                    {
                        serviceId = (await directory.FindAsync(serviceName, cancellationToken))?.Id;
                    }
                    catch (InvalidInputException ambiguous)
                    {
                        errors.Add(row, ServiceColumn, ambiguous.Errors[0].Message);
                        continue;
                    }

                    services[serviceName] = serviceId;
                }

                if (serviceId is null)
                {
                    errors.Add(row, ServiceColumn, $"no directorate or service is called '{serviceName}': add it on the services page first, or check the spelling (a service is written 'Directorate{ServiceDirectory.Separator}Service')");
                }
            }

            string? userId = null;
            var email = fields.GetValueOrDefault(OwnerColumn, "");
            if (email.Length > 0)
            {
                userId = users.FirstOrDefault(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase))?.Id;
                if (userId is null)
                {
                    errors.Add(row, OwnerColumn, $"no user has the email '{email}': add them with 'councilplan users add' first, or leave the owner empty so the whole service owns it");
                }
                else if (!contributors.ContainsKey(userId))
                {
                    errors.Add(row, OwnerColumn, $"{email} is not a contributor, so could not enter the update: give them the contributor role first");
                    userId = null;
                }
            }

            if (item is not { } found || serviceId is not { } service)
            {
                continue;
            }

            if (!items.TryGetValue(found, out var entry))
            {
                items[found] = (row, service, userId is null ? [] : [userId]);
            }
            else if (entry.ServiceId != service)
            {
                errors.Add(row, ServiceColumn, $"'{reference}' is given another service on row {entry.Row}: an item belongs to one service");
            }
            else if (userId is null || entry.Users.Count == 0)
            {
                errors.Add(row, OwnerColumn, $"'{reference}' is already on row {entry.Row}: name each owner on a row of their own, or leave the owner empty on its only row for the whole service");
            }
            else if (entry.Users.Contains(userId))
            {
                errors.Add(row, OwnerColumn, $"{email} is already named owner of '{reference}' on row {entry.Row}");
            }
            else
            {
                entry.Users.Add(userId);
            }
        }

        if (read == 0 && errors.Count == 0)
        {
            errors.Add(0, "", "the file has a header but no rows: add a row for each measure or commitment");
        }

        return (items.Select(i => new OwnerAssignment(i.Key.Item1, i.Key.Item2, i.Value.ServiceId, i.Value.Users)).ToList(), read);
    }
}
