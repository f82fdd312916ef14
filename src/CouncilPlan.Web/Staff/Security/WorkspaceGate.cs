using CouncilPlan.Core.Audit;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Users;

namespace CouncilPlan.Web.Staff.Security;

/// <summary>
/// Runs after authentication, before authorization. It names the person acting for the audit log,
/// keeps every workspace response out of caches, and holds a signed-in user at the door until
/// they have changed a one-time password and, for an administrator, set up a second factor.
/// </summary>
public sealed class WorkspaceGate(RequestDelegate next)
{
    private static readonly string[] AlwaysOpen = [StaffPaths.SignOut, StaffPaths.Session, StaffPaths.AccessDenied];

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var workspace = StaffPaths.IsWorkspace(path);
        var user = context.User;
        var signedIn = user.Identity?.IsAuthenticated == true;

        if (workspace || signedIn)
        {
            var db = context.RequestServices.GetRequiredService<CouncilPlanDb>();
            db.Actor = Actor(context);
            db.Clock = context.RequestServices.GetRequiredService<TimeProvider>();
        }

        if (workspace)
        {
            // ASVS 14.3.2: nothing from the workspace is kept by browsers or proxies.
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.CacheControl = "no-store";
                context.Response.Headers.Pragma = "no-cache";
                return Task.CompletedTask;
            });
        }

        if (workspace && signedIn && !AlwaysOpen.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            var goTo = user.HasClaim(StaffClaims.MustChangePassword, "true")
                ? StaffPaths.ChangePassword
                : user.IsInRole(Roles.Administrator) && !user.UsedSecondFactor() ? StaffPaths.SetUpAuthenticator : null;
            if (goTo is not null && !path.StartsWithSegments(goTo, StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Redirect(goTo);
                return;
            }
        }

        await next(context);
    }

    public static AuditActor Actor(HttpContext context) =>
        new(context.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name ?? "unknown" : "not signed in", context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}
