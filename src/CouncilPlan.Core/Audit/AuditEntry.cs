namespace CouncilPlan.Core.Audit;

/// <summary>
/// One change to the plan, the catalogue, figures, statuses, users or roles: who made it, when
/// (UTC), from where, and what it was before and after. Append-only: the application has no code
/// path that changes or deletes an entry, and the database refuses to.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The user's email, or "councilplan (user@host)" for the command line.</summary>
    public required string Who { get; set; }

    /// <summary>The IP address, or "command line".</summary>
    public required string FromWhere { get; set; }

    /// <summary>added, changed, removed, or an action such as "published" or "signed in".</summary>
    public required string Action { get; set; }

    /// <summary>What kind of thing changed: "Measure", "Observation", "StaffUser" ...</summary>
    public required string Entity { get; set; }

    /// <summary>Which one: its natural key where it has one ("A1-03", "northdale-2025-29/new-leisure-centre").</summary>
    public required string Key { get; set; }

    /// <summary>The values before, as JSON; null for an addition.</summary>
    public string? Before { get; set; }

    /// <summary>The values after, as JSON; null for a removal.</summary>
    public string? After { get; set; }
}

/// <summary>Who is acting and from where, for the audit log: set per request, or for the command line.</summary>
public sealed record AuditActor(string Who, string FromWhere)
{
    public static AuditActor System { get; } = new("CouncilPlan", "system");

    public static AuditActor CommandLine() => new($"councilplan ({Environment.UserName}@{Environment.MachineName})", "command line");
}
