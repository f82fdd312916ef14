using CouncilPlan.Core.Data;
using CouncilPlan.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Users;

/// <summary>A directorate or service with how much hangs off it, for the services page.</summary>
/// <param name="Services">For a directorate, the services within it.</param>
public sealed record ServiceSummary(int Id, string Name, int? DirectorateId, int Measures, int Commitments, int Users, int Services)
{
    /// <summary>What refers to it, in words ("4 measures", "1 user"); a service that has none can be removed.</summary>
    public IReadOnlyList<string> Uses => new[]
    {
        Count(Measures, "measure"), Count(Commitments, "commitment"), Count(Users, "user"), Count(Services, "service"),
    }.OfType<string>().ToList();

    private static string? Count(int count, string thing) => count switch
    {
        0 => null,
        1 => $"1 {thing}",
        _ => $"{count} {thing}s",
    };
}

/// <summary>What a directorate or service owns and who belongs to it, for its page.</summary>
public sealed record ServiceContents(IReadOnlyList<OwnedMeasure> Measures, IReadOnlyList<OwnedCommitment> Commitments, IReadOnlyList<ServiceMember> Members);

public sealed record OwnedMeasure(string Code, string Title);

public sealed record OwnedCommitment(int Id, string Title);

public sealed record ServiceMember(string Name, string Email, IReadOnlyList<string> Roles);

/// <summary>
/// The council's directorates and the services within them, for the catalogue import, the
/// services page and the user pages alike. A directorate is a service with no directorate above
/// it. Names are unique, ignoring case, among the directorates and within each directorate, so
/// "Place – Strategic Housing" (the catalogue's own way of naming an owner) names exactly one.
/// The rule is kept here rather than by a unique index: PostgreSQL and SQLite both treat the
/// directorates' empty parent as distinct, so an index would not catch duplicate directorates.
/// </summary>
public sealed class ServiceDirectory(CouncilPlanDb db)
{
    /// <summary>An en dash with a space either side, as the catalogue writes "Place – Strategic Housing".</summary>
    public const string Separator = " – ";

    public const int MaxNameLength = 200;

    /// <summary>"Place – Strategic Housing" is the service Strategic Housing in the directorate Place; "Education" is a directorate.</summary>
    public static (string Directorate, string? Service) Split(string owner)
    {
        var at = owner.IndexOf(Separator, StringComparison.Ordinal);
        return at < 0 ? (owner.Trim(), null) : (owner[..at].Trim(), owner[(at + Separator.Length)..].Trim());
    }

    /// <summary>The directorate and service as the catalogue names them, the inverse of <see cref="Split"/>.</summary>
    public static string FullName(string? directorate, string name) => directorate is null ? name : directorate + Separator + name;

    /// <summary>What is wrong with an owner as the catalogue file gives it, or null when nothing is.</summary>
    public static string? OwnerProblem(string owner)
    {
        // YAML drops trailing spaces, so "Place – " arrives as "Place –".
        var parts = owner.Split(Separator);
        if (parts.Length > 2 || parts.Any(p => p.Trim().Length == 0) || owner.Trim().StartsWith('–') || owner.Trim().EndsWith('–'))
        {
            return $"must name a directorate, or a directorate and one of its services with '{Separator}' between them, like 'Place{Separator}Strategic Housing'";
        }

        return parts.Any(p => p.Trim().Length > MaxNameLength) ? $"names must be {MaxNameLength} characters or fewer" : null;
    }

    /// <summary>Every directorate and service, with the measures and commitments it owns and its users.</summary>
    public async Task<IReadOnlyList<ServiceSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var services = (await db.Services.AsNoTracking().ToListAsync(cancellationToken)).OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var owned = await db.Ownerships.AsNoTracking().Where(o => o.ServiceId != null).Select(o => new { o.ServiceId, o.MeasureId, o.ElementId }).ToListAsync(cancellationToken);
        var users = await db.Users.AsNoTracking().Where(u => u.ServiceId != null).Select(u => u.ServiceId).ToListAsync(cancellationToken);
        return services.Select(s => new ServiceSummary(
            s.Id,
            s.Name,
            s.DirectorateId,
            owned.Where(o => o.ServiceId == s.Id && o.MeasureId != null).Select(o => o.MeasureId).Distinct().Count(),
            owned.Where(o => o.ServiceId == s.Id && o.ElementId != null).Select(o => o.ElementId).Distinct().Count(),
            users.Count(u => u == s.Id),
            services.Count(c => c.DirectorateId == s.Id))).ToList();
    }

    /// <summary>The measures and commitments a directorate or service owns (not those of its services), and its members.</summary>
    public async Task<ServiceContents> ContentsAsync(int id, CancellationToken cancellationToken = default)
    {
        var measures = await (from o in db.Ownerships
                              join m in db.Measures on o.MeasureId equals m.Id
                              where o.ServiceId == id
                              select new { m.Code, m.Title }).Distinct().ToListAsync(cancellationToken);
        var commitments = await (from o in db.Ownerships
                                 join e in db.PlanElements on o.ElementId equals e.Id
                                 where o.ServiceId == id
                                 select new { e.Id, e.Key, e.Title }).Distinct().ToListAsync(cancellationToken);
        var members = await db.Users.AsNoTracking().Where(u => u.ServiceId == id).Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(cancellationToken);
        var memberIds = members.Select(m => m.Id).ToList();
        var roles = await (from userRole in db.UserRoles
                           join role in db.Roles on userRole.RoleId equals role.Id
                           where memberIds.Contains(userRole.UserId)
                           select new { userRole.UserId, role.Name }).ToListAsync(cancellationToken);
        return new ServiceContents(
            measures.OrderBy(m => m.Code, StringComparer.Ordinal).Select(m => new OwnedMeasure(m.Code, m.Title)).ToList(),
            commitments.Select(c => new OwnedCommitment(c.Id, c.Title ?? c.Key)).OrderBy(c => c.Title, StringComparer.OrdinalIgnoreCase).ToList(),
            members.OrderBy(m => m.DisplayName, StringComparer.OrdinalIgnoreCase)
                .Select(m => new ServiceMember(m.DisplayName, m.Email ?? "", roles.Where(r => r.UserId == m.Id).Select(r => Roles.Describe(r.Name ?? "")).Order(StringComparer.Ordinal).ToList()))
                .ToList());
    }

    /// <summary>Every directorate and service by its full name ("Place – Strategic Housing"), directorates first, each followed by its services.</summary>
    public async Task<IReadOnlyList<string>> FullNamesAsync(CancellationToken cancellationToken = default)
    {
        var all = await db.Services.AsNoTracking().ToListAsync(cancellationToken);
        return all.Where(s => s.DirectorateId is null).OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
            .SelectMany(d => all.Where(s => s.DirectorateId == d.Id).OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).Select(s => FullName(d.Name, s.Name)).Prepend(d.Name))
            .ToList();
    }

    /// <summary>
    /// The service a person names: "Place – Strategic Housing", a directorate's name, or the name
    /// of a service that only one directorate has. Null when there is none; refused when ambiguous.
    /// </summary>
    public async Task<Service?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        var all = await db.Services.AsNoTracking().ToListAsync(cancellationToken);
        var (directorateName, serviceName) = Split(name);
        if (serviceName is not null)
        {
            return Directorate(all, directorateName) is { } directorate ? Within(all, directorate.Id, serviceName) : null;
        }

        // A full name without the separator is a directorate's, so a directorate comes first.
        if (Directorate(all, directorateName) is { } named)
        {
            return named;
        }

        var services = all.Where(s => Same(s.Name, directorateName)).ToList();
        if (services.Count > 1)
        {
            throw new InvalidInputException("Service", $"More than one service is called ‘{directorateName}’: give the directorate too, like ‘Directorate{Separator}{directorateName}’");
        }

        return services.SingleOrDefault();
    }

    /// <summary>Adds a directorate (no <paramref name="directorateId"/>) or a service within one.</summary>
    public async Task<Service> AddAsync(string? name, int? directorateId, CancellationToken cancellationToken = default)
    {
        var all = await db.Services.ToListAsync(cancellationToken);
        Service? directorate = null;
        if (directorateId is not null)
        {
            directorate = all.FirstOrDefault(s => s.Id == directorateId && s.DirectorateId is null)
                ?? throw new InvalidInputException("DirectorateId", "Choose a directorate from the list");
        }

        var service = new Service { Name = CheckName(all, name, directorate, null), DirectorateId = directorate?.Id };
        db.Services.Add(service);
        await db.SaveChangesAsync(cancellationToken);
        return service;
    }

    public async Task RenameAsync(int id, string? name, CancellationToken cancellationToken = default)
    {
        var all = await db.Services.ToListAsync(cancellationToken);
        var service = all.FirstOrDefault(s => s.Id == id) ?? throw new InvalidInputException("", "There is no such service");
        var directorate = all.FirstOrDefault(s => s.Id == service.DirectorateId);
        service.Name = CheckName(all, name, directorate, service);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Removes a directorate or service that nothing refers to: one that owns anything, has users or (a directorate) services is kept.</summary>
    public async Task RemoveAsync(int id, CancellationToken cancellationToken = default)
    {
        var service = await db.Services.SingleOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw new InvalidInputException("", "There is no such service");
        var uses = (await ListAsync(cancellationToken)).Single(s => s.Id == id).Uses;
        if (uses.Count > 0)
        {
            throw new InvalidInputException("", $"‘{service.Name}’ cannot be removed while it has {string.Join(", ", uses)}: give them another service first");
        }

        db.Services.Remove(service);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The services the catalogue names as owners, by the owner's words, adding the directorates and
    /// services that do not exist yet. Returns how many were added.
    /// </summary>
    public async Task<(IReadOnlyDictionary<string, int> Services, int Added)> EnsureAsync(IEnumerable<string> owners, CancellationToken cancellationToken = default)
    {
        var wanted = owners.Distinct(StringComparer.Ordinal).ToDictionary(o => o, Split, StringComparer.Ordinal);
        var all = await db.Services.ToListAsync(cancellationToken);
        var added = 0;

        // Directorates first: their services need their ids.
        foreach (var name in wanted.Values.Select(w => w.Directorate).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (Directorate(all, name) is null)
            {
                all.Add(db.Services.Add(new Service { Name = name }).Entity);
                added++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var (directorate, name) in wanted.Values.Where(w => w.Service is not null).Select(w => (Directorate(all, w.Directorate)!, w.Service!)))
        {
            if (Within(all, directorate.Id, name) is null)
            {
                all.Add(db.Services.Add(new Service { Name = name, DirectorateId = directorate.Id }).Entity);
                added++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        var ids = wanted.ToDictionary(
            w => w.Key,
            w => w.Value.Service is null ? Directorate(all, w.Value.Directorate)!.Id : Within(all, Directorate(all, w.Value.Directorate)!.Id, w.Value.Service)!.Id,
            StringComparer.Ordinal);
        return (ids, added);
    }

    private static string CheckName(List<Service> all, string? name, Service? directorate, Service? renaming)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw new InvalidInputException("Name", "Enter a name");
        }

        if (trimmed.Length > MaxNameLength)
        {
            throw new InvalidInputException("Name", $"The name must be {MaxNameLength} characters or fewer");
        }

        if (trimmed.Contains(Separator, StringComparison.Ordinal))
        {
            throw new InvalidInputException("Name", $"The name must not contain ‘{Separator.Trim()}’ with spaces around it: it separates a directorate from its service");
        }

        var clash = directorate is null ? Directorate(all, trimmed) : Within(all, directorate.Id, trimmed);
        if (clash is not null && clash != renaming)
        {
            throw new InvalidInputException("Name", directorate is null
                ? $"There is already a directorate called ‘{clash.Name}’"
                : $"{directorate.Name} already has a service called ‘{clash.Name}’");
        }

        return trimmed;
    }

    private static Service? Directorate(List<Service> all, string name) =>
        all.FirstOrDefault(s => s.DirectorateId is null && Same(s.Name, name));

    private static Service? Within(List<Service> all, int directorateId, string name) =>
        all.FirstOrDefault(s => s.DirectorateId == directorateId && Same(s.Name, name));

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
