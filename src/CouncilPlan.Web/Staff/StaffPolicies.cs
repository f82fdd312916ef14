using CouncilPlan.Core.Users;
using Microsoft.AspNetCore.Authorization;

namespace CouncilPlan.Web.Staff;

/// <summary>
/// The authorization policies of the staff workspace. Pages under Pages/Staff get them by folder
/// convention; every decision is made on the server.
/// </summary>
public static class StaffPolicies
{
    /// <summary>Any signed-in member of staff or councillor.</summary>
    public const string Staff = "Staff";

    /// <summary>Administrators, who must also have used a second factor in this session.</summary>
    public const string Administration = "Administration";

    /// <summary>The performance team: the quarterly cycle, the catalogue, the plan, publication.</summary>
    public const string Performance = "Performance";

    /// <summary>Approvers (and the performance team): approving or returning submitted updates.</summary>
    public const string Approval = "Approval";

    /// <summary>Anyone who may enter figures and commentary: contributors, approvers and the performance team.</summary>
    public const string DataEntry = "DataEntry";

    /// <summary>The claim type and value that mark a session signed in with a second factor.</summary>
    public const string MfaClaimType = "amr";

    public const string MfaClaimValue = "mfa";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Staff, p => p.RequireAuthenticatedUser().RequireRole(Roles.All));
        options.AddPolicy(Administration, p => p.RequireAuthenticatedUser().RequireRole(Roles.Administrator).RequireClaim(MfaClaimType, MfaClaimValue));
        options.AddPolicy(Performance, p => p.RequireAuthenticatedUser().RequireRole(Roles.PerformanceTeam));
        options.AddPolicy(Approval, p => p.RequireAuthenticatedUser().RequireRole(Roles.Approver, Roles.PerformanceTeam));
        options.AddPolicy(DataEntry, p => p.RequireAuthenticatedUser().RequireRole(Roles.Contributor, Roles.Approver, Roles.PerformanceTeam));
    }
}
