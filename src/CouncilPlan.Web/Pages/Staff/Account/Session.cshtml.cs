using CouncilPlan.Web.Staff.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CouncilPlan.Web.Pages.Staff.Account;

/// <summary>
/// Staying signed in (WCAG 2.2.1). Every signed-in request restarts the inactivity timer, so this
/// page only has to be asked: the form works without JavaScript and returns to the page the user
/// was on, and the session script asks it for JSON.
/// </summary>
public sealed class SessionModel(IOptions<StaffSecurityOptions> security, TimeProvider clock) : AccountPageModel
{
    public DateTimeOffset EndsAt => clock.GetUtcNow() + security.Value.SessionTimeout;

    public int Minutes => security.Value.SessionTimeoutMinutes;

    public void OnGet()
    {
    }

    public IActionResult OnPost()
    {
        if (Request.Headers.Accept.Any(a => a is not null && a.Contains("application/json", StringComparison.OrdinalIgnoreCase)))
        {
            return new JsonResult(new { ends_at = EndsAt, ends_at_text = SessionTimes.Clock(EndsAt), timeout_seconds = (int)security.Value.SessionTimeout.TotalSeconds });
        }

        return LocalRedirect(SafeReturnUrl);
    }
}
