using System.CommandLine;
using CouncilPlan.Core.Audit;
using CouncilPlan.Core.Users;
using Microsoft.Extensions.DependencyInjection;

namespace CouncilPlan.Cli.Commands;

/// <summary>`councilplan users add`, `list`, `reset-password`, `disable` and `unlock`: there are no default accounts.</summary>
public static class UserCommands
{
    public static Command Create(CliContext context)
    {
        var users = new Command("users", "Staff who sign in to the workspace: add them, list them, give them a new one-time password, disable and unlock them.");

        var email = new Option<string>("--email") { Description = "The user's email address, which they sign in with.", Required = true };
        var role = new Option<string>("--role") { Description = $"One of {string.Join(", ", Roles.All)}.", Required = true };
        var name = new Option<string?>("--name") { Description = "The name shown in the workspace and the audit log (default: the email address)." };
        var service = new Option<string?>("--service") { Description = "The user's service, as the measure catalogue names owners (\"Place – Strategic Housing\"), or a name only one directorate or service has." };
        var portfolio = new Option<string?>("--portfolio") { Description = "For a councillor: the key of their portfolio in the plan." };
        var add = new Command("add", "Add a user and print a one-time password, which they must change when they first sign in.") { email, role, name, service, portfolio };
        add.SetAction(async (parse, cancellationToken) =>
        {
            var request = new NewStaffUser(parse.GetValue(email)!, parse.GetValue(role)!, parse.GetValue(name), parse.GetValue(service), parse.GetValue(portfolio));
            var password = await WithAccountsAsync(context, (accounts, token) => accounts.CreateAsync(request, token), cancellationToken);
            await context.Out.WriteLineAsync($"Added {request.Email.Trim()} ({Roles.Describe(Roles.All.First(r => string.Equals(r, request.Role, StringComparison.OrdinalIgnoreCase)))}).");
            await WritePasswordAsync(context, password);
            return ExitCodes.Success;
        });

        var list = new Command("list", "List the users with their roles, and whether they use a second factor, are locked out or must change their password.");
        list.SetAction(async (parse, cancellationToken) =>
        {
            var all = await WithAccountsAsync(context, (accounts, token) => accounts.ListAsync(token), cancellationToken);
            if (all.Count == 0)
            {
                await context.Out.WriteLineAsync("There are no users yet: add one with `councilplan users add --email EMAIL --role Administrator`.");
                return ExitCodes.Success;
            }

            var rows = all.Select(u => new[]
            {
                u.Email, u.DisplayName, string.Join(",", u.Roles), u.Service ?? "", u.TwoFactorEnabled ? "yes" : "no",
                string.Join(", ", new[] { u.Disabled ? "disabled" : null, u.LockedOut ? "locked out" : null, u.MustChangePassword ? "must change password" : null }.Where(s => s is not null)),
            }).Prepend(["EMAIL", "NAME", "ROLES", "SERVICE", "2FA", "STATUS"]).ToList();
            var widths = Enumerable.Range(0, 6).Select(i => rows.Max(r => r[i].Length)).ToArray();
            foreach (var row in rows)
            {
                await context.Out.WriteLineAsync(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
            }

            return ExitCodes.Success;
        });

        var resetEmail = new Option<string>("--email") { Description = "The email address of the user.", Required = true };
        var reset = new Command("reset-password", "Give a user a new one-time password (ending their sessions and any lockout); they must change it when they sign in.") { resetEmail };
        reset.SetAction(async (parse, cancellationToken) =>
        {
            var address = parse.GetValue(resetEmail)!;
            var password = await WithAccountsAsync(context, (accounts, token) => accounts.ResetPasswordAsync(address, token), cancellationToken);
            await context.Out.WriteLineAsync($"Reset the password of {address.Trim()}.");
            await WritePasswordAsync(context, password);
            return ExitCodes.Success;
        });

        var disableEmail = new Option<string>("--email") { Description = "The email address of the user.", Required = true };
        var disable = new Command("disable", "Stop a user signing in and end their sessions, until they are unlocked; nothing of theirs is removed.") { disableEmail };
        disable.SetAction(async (parse, cancellationToken) =>
        {
            var address = parse.GetValue(disableEmail)!;
            await WithAccountsAsync(context, (accounts, token) => accounts.DisableAsync(address, cancellationToken: token), cancellationToken);
            await context.Out.WriteLineAsync($"Disabled {address.Trim()}.");
            return ExitCodes.Success;
        });

        var unlockEmail = new Option<string>("--email") { Description = "The email address of the user.", Required = true };
        var unlock = new Command("unlock", "Let a user who was disabled, or locked out by wrong passwords, sign in again.") { unlockEmail };
        unlock.SetAction(async (parse, cancellationToken) =>
        {
            var address = parse.GetValue(unlockEmail)!;
            var done = await WithAccountsAsync(context, (accounts, token) => accounts.UnlockAsync(address, token), cancellationToken);
            await context.Out.WriteLineAsync(done switch
            {
                "enabled" => $"Enabled {address.Trim()}: they can sign in again.",
                "unlocked" => $"Unlocked {address.Trim()}.",
                _ => $"{address.Trim()} was neither disabled nor locked out.",
            });
            return ExitCodes.Success;
        });

        users.Subcommands.Add(add);
        users.Subcommands.Add(list);
        users.Subcommands.Add(reset);
        users.Subcommands.Add(disable);
        users.Subcommands.Add(unlock);
        return users;
    }

    private static async Task<T> WithAccountsAsync<T>(CliContext context, Func<StaffAccounts, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var db = await context.OpenDatabaseAsync(cancellationToken);
        db.Actor = AuditActor.CommandLine();
        db.Clock = context.Clock;
        await using var services = StaffIdentity.CreateServices(db, context.Configuration, context.Clock);
        await using var scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<StaffAccounts>(), cancellationToken);
    }

    private static async Task WithAccountsAsync(CliContext context, Func<StaffAccounts, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        await WithAccountsAsync(
            context,
            async (accounts, token) =>
            {
                await work(accounts, token);
                return true;
            },
            cancellationToken);
    }

    private static async Task WritePasswordAsync(CliContext context, string password)
    {
        await context.Out.WriteLineAsync($"One-time password: {password}");
        await context.Out.WriteLineAsync("Give it to them privately. They must choose their own password when they first sign in.");
    }
}
