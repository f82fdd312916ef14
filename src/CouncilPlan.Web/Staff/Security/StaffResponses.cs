using Microsoft.AspNetCore.OutputCaching;

namespace CouncilPlan.Web.Staff.Security;

/// <summary>
/// Keeps the workspace out of the output cache. The site's base policy caches pages for anonymous
/// visitors, and the sign-in pages are seen by anonymous visitors: cached, they would hand one
/// person's antiforgery token to the next. Base policies run before an endpoint's own, and no
/// later policy sets storage back on once it is off.
/// </summary>
public sealed class StaffResponsesNotCached : IOutputCachePolicy
{
    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        if (StaffPaths.IsWorkspace(context.HttpContext.Request.Path) || context.HttpContext.User.Identity?.IsAuthenticated == true)
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>The addresses of the workspace's account pages.</summary>
public static class StaffPaths
{
    public const string Workspace = "/staff";
    public const string SignIn = "/staff/account/sign-in";
    public const string TwoFactor = "/staff/account/two-factor";
    public const string RecoveryCode = "/staff/account/recovery-code";
    public const string ExternalSignIn = "/staff/account/external-sign-in";
    public const string SignOut = "/staff/account/sign-out";
    public const string ChangePassword = "/staff/account/change-password";
    public const string SetUpAuthenticator = "/staff/account/set-up-authenticator";
    public const string Session = "/staff/account/session";
    public const string AccessDenied = "/staff/account/access-denied";

    public static bool IsWorkspace(PathString path) => path.StartsWithSegments(Workspace, StringComparison.OrdinalIgnoreCase);

    /// <summary>A return address only when it is a path on this site, so sign-in cannot be used to send people elsewhere.</summary>
    public static string LocalOrHome(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : Workspace;
}
