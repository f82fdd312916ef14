using System.Net.Mail;
using System.Security.Cryptography;
using CouncilPlan.Core.Audit;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Validation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Users;

/// <summary>What is needed to add a member of staff: everything but the email and role is optional.</summary>
/// <param name="ServiceName">"Directorate – Service", or a name only one directorate or service has.</param>
public sealed record NewStaffUser(string Email, string Role, string? DisplayName = null, string? ServiceName = null, string? PortfolioKey = null);

/// <summary>A user's name, roles, service and portfolio as an administrator sets them; every field is set as given.</summary>
public sealed record StaffUserChange(string? DisplayName, IReadOnlyCollection<string> Roles, string? ServiceName, string? PortfolioKey);

/// <summary>One user as `councilplan users list` and the administration pages show them.</summary>
/// <param name="LockedOut">Locked out for a while after wrong passwords (not <paramref name="Disabled"/>).</param>
public sealed record StaffUserSummary(
    string Id,
    string Email,
    string DisplayName,
    IReadOnlyList<string> Roles,
    string? Service,
    string? PortfolioKey,
    bool TwoFactorEnabled,
    bool LockedOut,
    bool Disabled,
    bool MustChangePassword);

/// <summary>
/// Adding users, changing their roles, service and portfolio, resetting their passwords and
/// disabling them, for the command line and the web app alike. Every change goes through the
/// database context, so the audit log records it. There are no default accounts: the first
/// administrator is added with `councilplan users add`, which prints a random one-time password
/// that must be changed at first sign-in.
/// </summary>
public sealed class StaffAccounts(UserManager<StaffUser> users, RoleManager<IdentityRole> roles, CouncilPlanDb db, TimeProvider clock)
{
    /// <summary>
    /// A disabled account is locked out until the end of the year 9999. A fixed date rather than
    /// DateTimeOffset.MaxValue, which PostgreSQL cannot hold to the tick and Npgsql writes as infinity.
    /// </summary>
    public static readonly DateTimeOffset DisabledUntil = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    private const string OneTimeAlphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>Twenty characters from 55: about 115 bits, and nothing that reads like another character.</summary>
    public static string NewOneTimePassword() => RandomNumberGenerator.GetString(OneTimeAlphabet, 20);

    public static bool IsDisabled(StaffUser user) => user.LockoutEnd is { } end && end >= DisabledUntil;

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
        // Every problem at once, in the order of the form, as the design system's error summary lists them.
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var email = request.Email.Trim();
        if (email.Length == 0)
        {
            errors["Email"] = "Enter an email address";
        }
        else if (!MailAddress.TryCreate(email, out var address) || address.Address != email || !address.Host.Contains('.', StringComparison.Ordinal))
        {
            errors["Email"] = new StaffIdentityErrors().InvalidEmail(email).Description;
        }
        else if (await users.FindByEmailAsync(email) is not null)
        {
            errors["Email"] = new StaffIdentityErrors().DuplicateEmail(email).Description;
        }

        var displayName = string.IsNullOrWhiteSpace(request.DisplayName) ? email : await CollectAsync(errors, () => Task.FromResult(CheckDisplayName(request.DisplayName)));
        var role = await CollectAsync(errors, () => Task.FromResult(RoleNamed(request.Role, "Role")));
        var serviceId = await CollectAsync(errors, () => ServiceIdAsync(request.ServiceName, cancellationToken));
        var portfolio = await CollectAsync(errors, () => PortfolioAsync(request.PortfolioKey, cancellationToken));
        if (errors.Count > 0)
        {
            throw new InvalidInputException(errors);
        }

        await EnsureRolesAsync(cancellationToken);
        var user = new StaffUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName!,
            ServiceId = serviceId,
            PortfolioKey = portfolio,
            MustChangePassword = true,
            CreatedAt = clock.GetUtcNow(),
        };
        var password = NewOneTimePassword();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, role!));
        await transaction.CommitAsync(cancellationToken);
        return password;
    }

    /// <summary>
    /// Sets a user's name, roles, service and portfolio. A change of roles, service or portfolio
    /// ends the user's sessions (their security stamp changes), so nobody keeps what they were
    /// given for the rest of a session; returns whether it did. <paramref name="actingUserId"/> is
    /// the administrator making the change, who may not remove their own Administrator role (so
    /// that the last administrator cannot lock everyone out); null for the command line.
    /// </summary>
    public async Task<bool> ChangeAsync(string email, StaffUserChange change, string? actingUserId = null, CancellationToken cancellationToken = default)
    {
        var user = await FindUserAsync(email);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var displayName = await CollectAsync(errors, () => Task.FromResult(CheckDisplayName(change.DisplayName)));
        var wanted = await CollectAsync(errors, () => Task.FromResult(change.Roles.Select(r => RoleNamed(r, "Roles")).ToHashSet(StringComparer.Ordinal))) ?? [];
        var current = (await users.GetRolesAsync(user)).ToHashSet(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            errors.TryAdd("Roles", "Select at least one role");
        }
        else if (user.Id == actingUserId && current.Contains(Roles.Administrator) && !wanted.Contains(Roles.Administrator))
        {
            errors.TryAdd("Roles", "You cannot remove your own Administrator role: ask another administrator to do it");
        }

        var serviceId = await CollectAsync(errors, () => ServiceIdAsync(change.ServiceName, cancellationToken));
        var portfolio = await CollectAsync(errors, () => PortfolioAsync(change.PortfolioKey, cancellationToken));
        if (errors.Count > 0)
        {
            throw new InvalidInputException(errors);
        }

        var removed = current.Except(wanted).ToList();
        var added = wanted.Except(current).ToList();
        var endsSessions = removed.Count + added.Count > 0 || serviceId != user.ServiceId || portfolio != user.PortfolioKey;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        user.DisplayName = displayName!;
        user.ServiceId = serviceId;
        user.PortfolioKey = portfolio;
        Check(await users.UpdateAsync(user));
        if (removed.Count > 0)
        {
            Check(await users.RemoveFromRolesAsync(user, removed));
        }

        if (added.Count > 0)
        {
            Check(await users.AddToRolesAsync(user, added));
        }

        if (endsSessions)
        {
            Check(await users.UpdateSecurityStampAsync(user));
        }

        await transaction.CommitAsync(cancellationToken);
        return endsSessions;
    }

    /// <summary>
    /// Gives a user a new one-time password (ending their sessions and any lockout, but not a
    /// disablement), and returns it. The audit log says the password was reset, never what to.
    /// </summary>
    public async Task<string> ResetPasswordAsync(string email, CancellationToken cancellationToken = default)
    {
        var user = await FindUserAsync(email);
        var password = NewOneTimePassword();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Check(await users.RemovePasswordAsync(user));
        Check(await users.AddPasswordAsync(user, password));
        user.MustChangePassword = true;
        Check(await users.UpdateAsync(user));
        if (!IsDisabled(user))
        {
            Check(await users.SetLockoutEndDateAsync(user, null));
        }

        Check(await users.ResetAccessFailedCountAsync(user));

        // The new hash and stamp are never logged, and the flag may not change, so the reset is recorded in words.
        await RecordAsync("password reset", user, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return password;
    }

    /// <summary>
    /// Stops a user signing in, and ends their sessions, until they are enabled again. Nothing of
    /// theirs is removed. An administrator may not disable themselves (<paramref name="actingUserId"/>).
    /// </summary>
    public async Task DisableAsync(string email, string? actingUserId = null, CancellationToken cancellationToken = default)
    {
        var user = await FindUserAsync(email);
        if (user.Id == actingUserId)
        {
            throw new InvalidInputException("", "You cannot disable your own account: ask another administrator to do it");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Check(await users.SetLockoutEnabledAsync(user, true));
        Check(await users.SetLockoutEndDateAsync(user, DisabledUntil));
        Check(await users.UpdateSecurityStampAsync(user));
        await RecordAsync("disabled", user, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Lets a user who was disabled, locked out by wrong second-factor codes, or made to wait after
    /// wrong passwords, sign in again. Returns what was done ("enabled", "unlocked"), or null when
    /// the account was none of those.
    /// </summary>
    public async Task<string?> UnlockAsync(string email, CancellationToken cancellationToken = default)
    {
        var user = await FindUserAsync(email);
        var now = clock.GetUtcNow();
        var throttleKey = SignInThrottle.AccountKey(user.Email ?? email);
        var waiting = await db.SignInFailures.AnyAsync(f => f.Key == throttleKey && f.RefusedUntil != null && f.RefusedUntil > now, cancellationToken);
        var action = IsDisabled(user) ? "enabled" : (user.LockoutEnd is { } end && end > now) || waiting ? "unlocked" : null;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Check(await users.SetLockoutEndDateAsync(user, null));
        Check(await users.ResetAccessFailedCountAsync(user));
        await db.SignInFailures.Where(f => f.Key == throttleKey).ExecuteDeleteAsync(cancellationToken);
        if (action is not null)
        {
            await RecordAsync(action, user, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return action;
    }

    public async Task<IReadOnlyList<StaffUserSummary>> ListAsync(CancellationToken cancellationToken = default) =>
        await SummariesAsync(db.Users, cancellationToken);

    public async Task<StaffUserSummary?> FindAsync(string userId, CancellationToken cancellationToken = default) =>
        (await SummariesAsync(db.Users.Where(u => u.Id == userId), cancellationToken)).SingleOrDefault();

    private async Task<IReadOnlyList<StaffUserSummary>> SummariesAsync(IQueryable<StaffUser> query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var roleNames = await (from userRole in db.UserRoles
                               join role in db.Roles on userRole.RoleId equals role.Id
                               select new { userRole.UserId, role.Name }).ToListAsync(cancellationToken);
        var services = await db.Services.AsNoTracking().ToDictionaryAsync(s => s.Id, cancellationToken);
        var all = await query.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken);

        // Made to wait after wrong passwords counts as locked out here: unlocking ends the wait.
        var waiting = (await db.SignInFailures.Where(f => f.RefusedUntil != null && f.RefusedUntil > now).Select(f => f.Key).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        return all.Select(u => new StaffUserSummary(
            u.Id,
            u.Email ?? u.UserName ?? u.Id,
            u.DisplayName,
            roleNames.Where(r => r.UserId == u.Id).Select(r => r.Name ?? "").Order(StringComparer.Ordinal).ToList(),
            u.ServiceId is { } id && services.TryGetValue(id, out var service)
                ? ServiceDirectory.FullName(service.DirectorateId is { } d && services.TryGetValue(d, out var directorate) ? directorate.Name : null, service.Name)
                : null,
            u.PortfolioKey,
            u.TwoFactorEnabled,
            !IsDisabled(u) && ((u.LockoutEnd is { } end && end > now) || (u.Email is { } email && waiting.Contains(SignInThrottle.AccountKey(email)))),
            IsDisabled(u),
            u.MustChangePassword)).ToList();
    }

    /// <summary>
    /// Records an administrator's action on an account in words ("disabled", "password reset"),
    /// beside the before and after of the fields the audit log writes for every change: the
    /// fields alone do not say what was done, and a password reset changes only hidden ones.
    /// </summary>
    private async Task RecordAsync(string action, StaffUser user, CancellationToken cancellationToken)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            Who = db.Actor.Who,
            FromWhere = db.Actor.FromWhere,
            Action = action,
            Entity = nameof(StaffUser),
            Key = user.Email ?? user.Id,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<StaffUser> FindUserAsync(string email) =>
        await users.FindByEmailAsync(email.Trim()) ?? throw new InvalidInputException("", $"There is no user with the email address {email.Trim()}.");

    private static string RoleNamed(string role, string field) =>
        Roles.All.FirstOrDefault(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidInputException(field, string.IsNullOrWhiteSpace(role) ? "Select a role" : new StaffIdentityErrors().InvalidRoleName(role).Description);

    private static string CheckDisplayName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw new InvalidInputException("DisplayName", "Enter the user’s name");
        }

        return trimmed.Length <= 200 ? trimmed : throw new InvalidInputException("DisplayName", "The name must be 200 characters or fewer");
    }

    private async Task<int?> ServiceIdAsync(string? name, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var service = await new ServiceDirectory(db).FindAsync(name.Trim(), cancellationToken)
            ?? throw new InvalidInputException("Service", $"There is no service called ‘{name.Trim()}’.");
        return service.Id;
    }

    private async Task<string?> PortfolioAsync(string? key, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return null;
        }

        var portfolio = key.Trim();
        if (!await db.PlanElements.AnyAsync(e => e.Kind == ElementKind.Portfolio && e.Key == portfolio, cancellationToken))
        {
            throw new InvalidInputException("Portfolio", $"There is no portfolio with the key ‘{portfolio}’.");
        }

        return portfolio;
    }

    /// <summary>The checked value, or default with the check's problems added to <paramref name="errors"/>.</summary>
    private static async Task<T?> CollectAsync<T>(Dictionary<string, string> errors, Func<Task<T>> check)
    {
        try
        {
            return await check();
        }
        catch (InvalidInputException problem)
        {
            foreach (var error in problem.Errors)
            {
                errors.TryAdd(error.Column, error.Message);
            }

            return default;
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
