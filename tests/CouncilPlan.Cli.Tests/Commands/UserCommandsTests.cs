using CouncilPlan.Core.Data;
using CouncilPlan.Core.Users;
using CouncilPlan.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CouncilPlan.Cli.Tests.Commands;

public sealed class UserCommandsTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Add_CreatesTheUserWithARoleAndPrintsAOneTimePasswordThatMustBeChanged(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            db.Services.Add(new Service { Name = "Highways" });
            await db.SaveChangesAsync();
        }

        var (exitCode, output, error) = await CliRunner.RunAsync(database, "users", "add", "--email", "ada.lovelace@example.gov.uk", "--role", "contributor", "--name", "Ada Lovelace", "--service", "Highways");

        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        Assert.Contains("Added ada.lovelace@example.gov.uk (Contributor).", output, StringComparison.Ordinal);
        var password = OneTimePassword(output);
        Assert.Equal(20, password.Length);
        await using (var db = database.NewContext())
        {
            var user = await db.Users.Include(u => u.Service).SingleAsync();
            Assert.Equal("Ada Lovelace", user.DisplayName);
            Assert.Equal("Highways", user.Service!.Name);
            Assert.True(user.MustChangePassword);
            Assert.True(user.LockoutEnabled);
            Assert.False(user.TwoFactorEnabled);
            var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id select r.Name).ToListAsync();
            Assert.Equal([Roles.Contributor], roles);
            Assert.Equal(Roles.All.Count, await db.Roles.CountAsync());

            var audit = await db.AuditEntries.Where(e => e.Entity == "StaffUser" && e.Action == "added").SingleAsync();
            Assert.Equal("ada.lovelace@example.gov.uk", audit.Key);
            Assert.StartsWith("councilplan (", audit.Who, StringComparison.Ordinal);
            Assert.Equal("command line", audit.FromWhere);
            Assert.DoesNotContain(password, audit.After!, StringComparison.Ordinal);
            Assert.Contains(await db.AuditEntries.ToListAsync(), e => e.Entity == "UserRole" && e.Key == "ada.lovelace@example.gov.uk: Contributor");
        }

        Assert.True(await CheckPasswordAsync(database, "ada.lovelace@example.gov.uk", password));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task ListAndResetPassword_ShowUsersAndGiveANewOneTimePassword(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var added = await CliRunner.RunAsync(database, "users", "add", "--email", "grace@example.gov.uk", "--role", "Administrator");
        await CliRunner.RunAsync(database, "users", "add", "--email", "alan@example.gov.uk", "--role", "Councillor", "--name", "Alan Turing");

        var list = await CliRunner.RunAsync(database, "users", "list");
        var reset = await CliRunner.RunAsync(database, "users", "reset-password", "--email", "grace@example.gov.uk");

        Assert.Equal(0, list.ExitCode);
        var lines = list.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("EMAIL", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("alan@example.gov.uk", StringComparison.Ordinal) && l.Contains("Alan Turing", StringComparison.Ordinal) && l.Contains("Councillor", StringComparison.Ordinal) && l.Contains("must change password", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("grace@example.gov.uk", StringComparison.Ordinal) && l.Contains("Administrator", StringComparison.Ordinal));
        Assert.Equal(0, reset.ExitCode);
        var newPassword = OneTimePassword(reset.Out);
        Assert.NotEqual(OneTimePassword(added.Out), newPassword);
        Assert.True(await CheckPasswordAsync(database, "grace@example.gov.uk", newPassword));
        Assert.False(await CheckPasswordAsync(database, "grace@example.gov.uk", OneTimePassword(added.Out)));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Add_WithADuplicateEmail_FailsOnStandardError(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await CliRunner.RunAsync(database, "users", "add", "--email", "dup@example.gov.uk", "--role", "Approver");

        var (exitCode, output, error) = await CliRunner.RunAsync(database, "users", "add", "--email", "dup@example.gov.uk", "--role", "Approver");

        Assert.NotEqual(0, exitCode);
        Assert.DoesNotContain("One-time password", output, StringComparison.Ordinal);
        Assert.Contains("There is already a user with the email address dup@example.gov.uk", error, StringComparison.Ordinal);
        await using var db = database.NewContext();
        Assert.Equal(1, await db.Users.CountAsync());
    }

    [Theory]
    [InlineData("--role", "Mayor", "There is no role called ‘Mayor’")]
    [InlineData("--email", "not-an-email", "is not an email address")]
    [InlineData("--service", "Nowhere", "There is no service called ‘Nowhere’")]
    [InlineData("--portfolio", "no-such-portfolio", "There is no portfolio with the key ‘no-such-portfolio’")]
    public async Task Add_WithBadInput_FailsOnStandardErrorAndAddsNobody(string option, string value, string message)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var arguments = new Dictionary<string, string> { ["--email"] = "someone@example.gov.uk", ["--role"] = "Contributor", [option] = value };

        var (exitCode, output, error) = await CliRunner.RunAsync(database, ["users", "add", .. arguments.SelectMany(a => new[] { a.Key, a.Value })]);

        Assert.NotEqual(0, exitCode);
        Assert.Equal("", output);
        Assert.Contains(message, error, StringComparison.Ordinal);
        await using var db = database.NewContext();
        Assert.Equal(0, await db.Users.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task DisableAndUnlock_StopAUserSigningInAndLetThemAgain(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await CliRunner.RunAsync(database, "users", "add", "--email", "ada@example.gov.uk", "--role", "Contributor");

        var disable = await CliRunner.RunAsync(database, "users", "disable", "--email", "ada@example.gov.uk");
        var listed = await CliRunner.RunAsync(database, "users", "list");
        var lockedOut = await IsLockedOutAsync(database, "ada@example.gov.uk");
        var unlock = await CliRunner.RunAsync(database, "users", "unlock", "--email", "ada@example.gov.uk");
        var again = await CliRunner.RunAsync(database, "users", "unlock", "--email", "ada@example.gov.uk");

        Assert.Equal((0, "Disabled ada@example.gov.uk."), (disable.ExitCode, disable.Out.Trim()));
        Assert.Contains(listed.Out.Split('\n'), l => l.StartsWith("ada@example.gov.uk", StringComparison.Ordinal) && l.Contains("disabled", StringComparison.Ordinal));
        Assert.True(lockedOut);
        Assert.Equal((0, "Enabled ada@example.gov.uk: they can sign in again."), (unlock.ExitCode, unlock.Out.Trim()));
        Assert.Equal((0, "ada@example.gov.uk was neither disabled nor locked out."), (again.ExitCode, again.Out.Trim()));
        Assert.False(await IsLockedOutAsync(database, "ada@example.gov.uk"));
        await using var db = database.NewContext();
        Assert.Equal(2, await db.AuditEntries.CountAsync(e => e.Entity == "StaffUser" && e.Action == "changed" && e.Key == "ada@example.gov.uk" && e.After!.Contains("LockoutEnd")));

        // What was done, in words, by the command line: once each, the second unlock changed nothing.
        var actions = await db.AuditEntries.Where(e => e.Entity == "StaffUser" && e.Key == "ada@example.gov.uk" && (e.Action == "disabled" || e.Action == "enabled" || e.Action == "unlocked")).ToListAsync();
        Assert.Equal(["disabled", "enabled"], actions.OrderBy(e => e.Id).Select(e => e.Action));
        Assert.All(actions, e => Assert.Equal("command line", e.FromWhere));
    }

    [Fact]
    public async Task ResetPassword_ForAnUnknownUser_Fails()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var (exitCode, _, error) = await CliRunner.RunAsync(database, "users", "reset-password", "--email", "ghost@example.gov.uk");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("There is no user with the email address ghost@example.gov.uk", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_OnAnEmptyDatabase_SaysHowToAddTheFirstUser()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var (exitCode, output, _) = await CliRunner.RunAsync(database, "users", "list");

        Assert.Equal(0, exitCode);
        Assert.Contains("councilplan users add", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("add")]
    [InlineData("list")]
    [InlineData("reset-password")]
    [InlineData("disable")]
    [InlineData("unlock")]
    public async Task EveryUsersCommand_HasHelp(string command)
    {
        var (exitCode, output, _) = await CliRunner.RunAsync(null, "users", command, "--help");

        Assert.Equal(0, exitCode);
        Assert.Contains($"councilplan users {command}", output, StringComparison.Ordinal);
    }

    private static string OneTimePassword(string output) =>
        output.Split('\n').Single(l => l.StartsWith("One-time password: ", StringComparison.Ordinal))["One-time password: ".Length..].Trim();

    private static async Task<bool> IsLockedOutAsync(TestDatabase database, string email)
    {
        await using var db = database.NewContext();
        await using var services = StaffIdentity.CreateServices(db, new ConfigurationBuilder().Build(), TimeProvider.System);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        return await users.IsLockedOutAsync((await users.FindByEmailAsync(email))!);
    }

    private static async Task<bool> CheckPasswordAsync(TestDatabase database, string email, string password)
    {
        await using var db = database.NewContext();
        await using var services = StaffIdentity.CreateServices(db, new ConfigurationBuilder().Build(), TimeProvider.System);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        return await users.CheckPasswordAsync((await users.FindByEmailAsync(email))!, password);
    }
}
