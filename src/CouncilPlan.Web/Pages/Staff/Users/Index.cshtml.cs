using CouncilPlan.Core.Data;
using CouncilPlan.Core.Users;

namespace CouncilPlan.Web.Pages.Staff.Users;

/// <summary>Everyone who can sign in to the workspace, with their roles and the state of their account.</summary>
public sealed class IndexModel(CouncilPlanDb db, StaffAccounts accounts) : StaffPageModel(db)
{
    public IReadOnlyList<StaffUserSummary> Users { get; private set; } = [];

    public UserChoices Choices { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Users = await accounts.ListAsync(cancellationToken);
        Choices = await UserChoices.LoadAsync(Db, cancellationToken);
    }

    /// <summary>What stops the user working, in words (never colour alone), or "Active".</summary>
    public static IReadOnlyList<string> States(StaffUserSummary user)
    {
        var states = new[] { user.Disabled ? "Disabled" : null, user.LockedOut ? "Locked out" : null, user.MustChangePassword ? "Must change password" : null }
            .OfType<string>().ToList();
        return states.Count == 0 ? ["Active"] : states;
    }
}
