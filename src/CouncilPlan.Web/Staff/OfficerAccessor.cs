using System.Security.Claims;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Web.Staff;

/// <summary>The signed-in officer, read from their account (service, portfolio) and their role claims.</summary>
public static class OfficerAccessor
{
    public static async Task<Officer?> GetAsync(ClaimsPrincipal user, CouncilPlanDb db, CancellationToken cancellationToken)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (user.Identity?.IsAuthenticated != true || id is null)
        {
            return null;
        }

        var account = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (account is null)
        {
            return null;
        }

        var roles = Roles.All.Where(user.IsInRole).ToHashSet(StringComparer.Ordinal);
        return new Officer(account.Id, account.Email ?? account.UserName ?? account.Id, account.DisplayName, roles, account.ServiceId, account.PortfolioKey);
    }
}
