using Microsoft.AspNetCore.Identity;

namespace CouncilPlan.Core.Users;

/// <summary>The roles staff hold. Checked on the server for every page and endpoint.</summary>
public static class Roles
{
    /// <summary>Manages users and roles, reads the audit log; must use a second factor.</summary>
    public const string Administrator = "Administrator";

    /// <summary>The performance and intelligence team: runs the quarterly cycle, keeps the catalogue and the plan, publishes.</summary>
    public const string PerformanceTeam = "PerformanceTeam";

    /// <summary>A director or lead officer: approves their service's figures before they are published.</summary>
    public const string Approver = "Approver";

    /// <summary>A service officer: enters values, commentary and milestone status for what they own.</summary>
    public const string Contributor = "Contributor";

    /// <summary>A councillor: reads unpublished figures and draft reports for their portfolio, changes nothing.</summary>
    public const string Councillor = "Councillor";

    public static readonly IReadOnlyList<string> All = [Administrator, PerformanceTeam, Approver, Contributor, Councillor];

    public static string Describe(string role) => role switch
    {
        Administrator => "Administrator",
        PerformanceTeam => "Performance team",
        Approver => "Approver",
        Contributor => "Contributor",
        Councillor => "Councillor",
        _ => role,
    };

    /// <summary>What holding the role lets someone do, in a sentence, for the pages that give roles.</summary>
    public static string Explain(string role) => role switch
    {
        Administrator => "Adds users, gives roles and reads the audit log. Must sign in with an authenticator app.",
        PerformanceTeam => "Runs the quarterly cycle, keeps the plan, the measure catalogue and the services, and publishes.",
        Approver => "Approves or returns their service’s figures before they are published.",
        Contributor => "Enters figures, commentary and milestone status for what they own.",
        Councillor => "Reads draft figures and reports for their portfolio; changes nothing.",
        _ => "",
    };
}

/// <summary>A member of staff or a councillor who signs in to the workspace.</summary>
public sealed class StaffUser : IdentityUser
{
    public required string DisplayName { get; set; }

    /// <summary>The service the user belongs to (directorate, then service).</summary>
    public int? ServiceId { get; set; }

    public Service? Service { get; set; }

    /// <summary>For a councillor: the portfolio (plan element key) whose drafts they may read.</summary>
    public string? PortfolioKey { get; set; }

    /// <summary>Set for the one-time password the command line prints: it must be changed at first sign-in.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>When the account was added.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>An organisational unit of the council: a directorate, or a service within one.</summary>
public sealed class Service
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public int? DirectorateId { get; set; }

    public Service? Directorate { get; set; }

    /// <summary>"Place – Strategic Housing", as the measure catalogue names owners (needs <see cref="Directorate"/> loaded).</summary>
    public string FullName => ServiceDirectory.FullName(Directorate?.Name, Name);
}
