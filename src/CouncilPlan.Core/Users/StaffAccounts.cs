using System.Net.Mail;
using System.Security.Cryptography;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Plans;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Users;

/// <summary>What is needed to add a member of staff: everything but the email and role is optional.</summary>
public sealed record NewStaffUser(string Email, string Role, string? DisplayName = null, string? ServiceName = null, string? PortfolioKey = null);

/// <summary>One user as `councilplan users list` and the administration pages show them.</summary>
public sealed record StaffUserSummary(string Email, string DisplayName, IReadOnlyList<string> Roles, bool TwoFactorEnabled, bool LockedOut, bool MustChangePassword);

/// <summary>
/// Adding users and resetting their passwords, for the command line and the web app alike. There
/// are no default accounts: the first administrator is added with `councilplan users add`, which
/// prints a random one-time password that must be changed at first sign-in.
/// </summary>
public sealed class StaffAccounts(UserManager<StaffUser> users, RoleManager<IdentityRole> roles, CouncilPlanDb db, TimeProvider clock)
{
    private const string OneTimeAlphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>Twenty characters from 55: about 115 bits, and nothing that reads like another character.</summary>
    public static string NewOneTimePassword() => RandomNumberGenerator.GetString(OneTimeAlphabet, 20);

    /// <summary>Creates the roles in <see cref="Roles.All"/> that do not exist yet.</summary>
    public async Task EnsureRolesAsync(CancellationToken cancellationToken = default)
    {
        foreach (var role in Roles.All)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)));
            }
        }
    }

    /// <summary>Adds a user with a one-time password, and returns the password. Throws with the reason when it cannot.</summary>
    public async Task<string> CreateAsync(NewStaffUser request, CancellationToken cancellationToken = default)
    {
        var email = request.Email.Trim();
        if (!MailAddress.TryCreate(email, out var address) || address.Address != email || !address.Host.Contains('.', StringComparison.Ordinal))
        {
            throw new InvalidOperationException(new StaffIdentityErrors().InvalidEmail(email).Description);
        }

        var role = Roles.All.FirstOrDefault(r => string.Equals(r, request.Role, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException(new StaffIdentityErrors().InvalidRoleName(request.Role).Description);

        int? serviceId = null;
        if (!string.IsNullOrWhiteSpace(request.ServiceName))
        {
            var name = request.ServiceName.Trim();
            serviceId = await db.Services.Where(s => s.Name == name).Select(s => (int?)s.Id).FirstOrDefaultAsync(cancellationToken)
                ?? throw new InvalidOperationException($"There is no service called ‘{name}’.");
        }

        string? portfolio = null;
        if (!string.IsNullOrWhiteSpace(request.PortfolioKey))
        {
            portfolio = request.PortfolioKey.Trim();
            var key = portfolio;
            if (!await db.PlanElements.AnyAsync(e => e.Kind == ElementKind.Portfolio && e.Key == key, cancellationToken))
            {
                throw new InvalidOperationException($"There is no portfolio with the key ‘{portfolio}’.");
            }
        }

        await EnsureRolesAsync(cancellationToken);
        var user = new StaffUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? email : request.DisplayName.Trim(),
            ServiceId = serviceId,
            PortfolioKey = portfolio,
            MustChangePassword = true,
            CreatedAt = clock.GetUtcNow(),
        };
        var password = NewOneTimePassword();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, role));
        await transaction.CommitAsync(cancellationToken);
        return password;
    }

    /// <summary>Gives a user a new one-time password (ending their sessions and any lockout), and returns it.</summary>
    public async Task<string> ResetPasswordAsync(string email, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByEmailAsync(email.Trim())
            ?? throw new InvalidOperationException($"There is no user with the email address {email.Trim()}.");
        var password = NewOneTimePassword();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Check(await users.RemovePasswordAsync(user));
        Check(await users.AddPasswordAsync(user, password));
        user.MustChangePassword = true;
        Check(await users.UpdateAsync(user));
        Check(await users.SetLockoutEndDateAsync(user, null));
        Check(await users.ResetAccessFailedCountAsync(user));
        await transaction.CommitAsync(cancellationToken);
        return password;
    }

    public async Task<IReadOnlyList<StaffUserSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var roleNames = await (from userRole in db.UserRoles
                               join role in db.Roles on userRole.RoleId equals role.Id
                               select new { userRole.UserId, role.Name }).ToListAsync(cancellationToken);
        var all = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken);
        return all.Select(u => new StaffUserSummary(
            u.Email ?? u.UserName ?? u.Id,
            u.DisplayName,
            roleNames.Where(r => r.UserId == u.Id).Select(r => r.Name ?? "").Order(StringComparer.Ordinal).ToList(),
            u.TwoFactorEnabled,
            u.LockoutEnd is { } end && end > now,
            u.MustChangePassword)).ToList();
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
