using CouncilPlan.Core.Audit;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Users;

namespace CouncilPlan.Web.Staff.Security;

/// <summary>
/// Records sign-ins, failures, lockouts, sign-outs and changes to a user's factors in the audit
/// log beside the changes they make (ASVS 16.3.1). Passwords and codes are never recorded.
/// </summary>
public static class SecurityEvents
{
    public const string SignedIn = "signed in";
    public const string SignInFailed = "sign-in failed";
    public const string LockedOut = "locked out";
    public const string SignedOut = "signed out";
    public const string PasswordChanged = "password changed";
    public const string TwoFactorEnabled = "two-factor enabled";
    public const string RecoveryCodeUsed = "recovery code used";

    public static async Task RecordAsync(CouncilPlanDb db, HttpContext context, StaffUser user, string action, string? detail = null)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            At = db.Clock.GetUtcNow(),
            Who = user.Email ?? user.UserName ?? user.Id,
            FromWhere = context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            Action = action,
            Entity = nameof(StaffUser),
            Key = user.Email ?? user.Id,
            After = detail,
        });
        await db.SaveChangesAsync(context.RequestAborted);
    }
}
