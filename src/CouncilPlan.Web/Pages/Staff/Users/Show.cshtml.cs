using CouncilPlan.Core.Data;
using CouncilPlan.Core.Users;
using CouncilPlan.Core.Validation;
using Microsoft.AspNetCore.Mvc;

namespace CouncilPlan.Web.Pages.Staff.Users;

/// <summary>
/// One user's account: what they may do, and the administrator's actions on it (a new one-time
/// password, unlocking, disabling). Administrators cannot disable themselves or reset their own
/// password here, so nobody locks themselves out by mistake.
/// </summary>
public sealed class ShowModel(CouncilPlanDb db, StaffAccounts accounts) : StaffPageModel(db)
{
    [FromRoute]
    public string Id { get; set; } = "";

    public StaffUserSummary Account { get; private set; } = null!;

    public UserChoices Choices { get; private set; } = null!;

    /// <summary>Set only in the response to the reset, as on the add page: shown once, kept nowhere.</summary>
    public string? OneTimePassword { get; private set; }

    public bool IsSelf => Account.Id == Officer.UserId;

    public string Here => $"/staff/users/{Uri.EscapeDataString(Id)}";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostResetPasswordAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (IsSelf)
        {
            ModelState.AddModelError("", "Change your own password with ‘Change your password’: a one-time password would end your session");
            return Page();
        }

        OneTimePassword = await accounts.ResetPasswordAsync(Account.Email, cancellationToken);
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostUnlockAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Notice = await accounts.UnlockAsync(Account.Email, cancellationToken) switch
        {
            "enabled" => $"{Account.DisplayName}’s account is enabled: they can sign in again",
            "unlocked" => $"{Account.DisplayName}’s account is unlocked",
            _ => $"{Account.DisplayName}’s account was neither disabled nor locked out",
        };
        return Redirect(Here);
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        try
        {
            await accounts.DisableAsync(Account.Email, Officer.UserId, cancellationToken);
        }
        catch (InvalidInputException error)
        {
            AddErrors(error);
            return Page();
        }

        Notice = $"{Account.DisplayName}’s account is disabled: they have been signed out and cannot sign in until it is enabled";
        return Redirect(Here);
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await accounts.FindAsync(Id, cancellationToken) is not { } account)
        {
            return false;
        }

        Account = account;
        Choices = await UserChoices.LoadAsync(Db, cancellationToken);
        return true;
    }
}
