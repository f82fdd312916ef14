using System.Security.Claims;
using CouncilPlan.Core.Users;
using CouncilPlan.Web.Staff.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CouncilPlan.Web.Pages.Staff.Account;

/// <summary>One problem with what was entered: the field's id (for the error summary's link) and the message.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>What the account pages share: GOV.UK error messages, and signing in again without losing how the session was signed in.</summary>
public abstract class AccountPageModel : PageModel
{
    public List<FieldError> Errors { get; } = [];

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string SafeReturnUrl => StaffPaths.LocalOrHome(ReturnUrl);

    public void AddError(string field, string message) => Errors.Add(new FieldError(field, message));

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    /// <summary>The page title, with "Error: " in front when there are errors, as the design system asks.</summary>
    public string Title(string title) => Errors.Count > 0 ? "Error: " + title : title;

    public string WithReturnUrl(string path) =>
        ReturnUrl is null || SafeReturnUrl == StaffPaths.Workspace ? path : $"{path}?returnUrl={Uri.EscapeDataString(SafeReturnUrl)}";

    /// <summary>
    /// Issues a new session cookie after the user's security stamp has changed (a new password, a
    /// new authenticator), keeping the claims that say how they signed in and when.
    /// </summary>
    protected Task SignInAgainAsync(SignInManager<StaffUser> signIn, StaffUser user, params Claim[] extra) =>
        signIn.SignInAgainAsync(HttpContext, user, extra);
}
