using System.Text;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Exports;
using CouncilPlan.Testing;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Cli.Tests.Commands;

/// <summary>`councilplan db backup` and `db restore`, against real SQLite files and the test PostgreSQL server with the installed pg_dump.</summary>
public sealed class BackupCommandsTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "councilplan-tests", $"backups-{Guid.NewGuid():N}");

    public BackupCommandsTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>The PostgreSQL programs of the test server, so pg_dump matches its version.</summary>
    private static Dictionary<string, string?> Settings => new()
    {
        ["Backup:PgBin"] = Environment.GetEnvironmentVariable("COUNCILPLAN_TEST_PG_BIN"),
    };

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task BackupThenRestoreIntoANewDatabase_KeepsEveryFigureUserAndAuditEntry(DatabaseProvider provider)
    {
        await using var original = await TestDatabase.CreateAsync(provider, seeded: true);
        var added = await CliRunner.RunAsync(original, "users", "add", "--email", "grace@example.gov.uk", "--role", "Administrator");
        Assert.Equal(0, added.ExitCode);
        var before = await ExportAsync(original);
        var (users, audit) = await CountAsync(original);
        var file = Path.Combine(folder, "councilplan.backup");

        var backup = await CliRunner.RunAsync(original, Settings, "db", "backup", "--out", file);
        await using var restored = await TestDatabase.CreateAsync(provider, migrate: false);
        var restore = await CliRunner.RunAsync(restored, Settings, "db", "restore", "--from", file);

        Assert.True(backup.ExitCode == 0, backup.Error);
        Assert.True(restore.ExitCode == 0, restore.Error);
        Assert.Contains($"Restored {file} into the {provider} database", restore.Out, StringComparison.Ordinal);
        Assert.True(before.Split('\n').Length > 100, "the dataset should hold figures to compare");
        Assert.Equal(before, await ExportAsync(restored));
        Assert.True(users > 0 && audit > 0, "a user and its audit entry should exist to compare");
        Assert.Equal((users, audit), await CountAsync(restored));
        await using var db = restored.NewContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal([Path.GetFileName(file)], Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Backup_OverAnExistingFile_IsRefusedWithoutForceAndLeavesTheFileAlone(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var file = Path.Combine(folder, "existing.backup");
        await File.WriteAllTextAsync(file, "keep me");

        var refused = await CliRunner.RunAsync(database, Settings, "db", "backup", "--out", file);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"--out {file} already exists", refused.Error, StringComparison.Ordinal);
        Assert.Contains("--force", refused.Error, StringComparison.Ordinal);
        Assert.Equal("keep me", await File.ReadAllTextAsync(file));

        var forced = await CliRunner.RunAsync(database, Settings, "db", "backup", "--out", file, "--force");

        Assert.True(forced.ExitCode == 0, forced.Error);
        Assert.NotEqual("keep me", await File.ReadAllTextAsync(file));
        Assert.Single(Directory.GetFiles(folder));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Restore_IntoADatabaseThatIsNotEmpty_IsRefusedWithoutForce(DatabaseProvider provider)
    {
        await using var source = await TestDatabase.CreateAsync(provider);
        var added = await CliRunner.RunAsync(source, "users", "add", "--email", "grace@example.gov.uk", "--role", "Administrator");
        Assert.Equal(0, added.ExitCode);
        var file = Path.Combine(folder, "councilplan.backup");
        Assert.Equal(0, (await CliRunner.RunAsync(source, Settings, "db", "backup", "--out", file)).ExitCode);
        await using var target = await TestDatabase.CreateAsync(provider);
        await CliRunner.RunAsync(target, "users", "add", "--email", "alan@example.gov.uk", "--role", "Councillor");

        var refused = await CliRunner.RunAsync(target, Settings, "db", "restore", "--from", file);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("is not empty", refused.Error, StringComparison.Ordinal);
        Assert.Contains("--force", refused.Error, StringComparison.Ordinal);
        Assert.Equal(["alan@example.gov.uk"], await EmailsAsync(target));

        var forced = await CliRunner.RunAsync(target, Settings, "db", "restore", "--from", file, "--force");

        Assert.True(forced.ExitCode == 0, forced.Error);
        Assert.Equal(["grace@example.gov.uk"], await EmailsAsync(target));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Restore_FromAFileThatIsNotABackup_IsRefusedInPlainWords(DatabaseProvider provider)
    {
        await using var target = await TestDatabase.CreateAsync(provider, migrate: false);
        var file = Path.Combine(folder, "figures.csv");
        await File.WriteAllTextAsync(file, "measure,period,area\n");

        var (exitCode, _, error) = await CliRunner.RunAsync(target, Settings, "db", "restore", "--from", file);

        Assert.Equal(1, exitCode);
        Assert.Contains($"--from {file} is not a", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_FromASqliteDatabaseWithoutTheCouncilPlanSchema_IsRefused()
    {
        await using var target = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false);
        var file = Path.Combine(folder, "other.db");
        await using (var other = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await other.OpenAsync();
            await using var command = other.CreateCommand();
            command.CommandText = "CREATE TABLE notes (text TEXT)";
            await command.ExecuteNonQueryAsync();
        }

        var (exitCode, _, error) = await CliRunner.RunAsync(target, "db", "restore", "--from", file);

        Assert.Equal(1, exitCode);
        Assert.Contains($"--from {file} is a SQLite database but not a CouncilPlan backup", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_WhenPgDumpIsMissing_SaysWhereItLookedAndWritesNothing()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var empty = Directory.CreateDirectory(Path.Combine(folder, "no-programs")).FullName;
        var file = Path.Combine(folder, "councilplan.backup");

        var (exitCode, _, error) = await CliRunner.RunAsync(database, new Dictionary<string, string?> { ["Backup:PgBin"] = empty }, "db", "backup", "--out", file);

        Assert.Equal(1, exitCode);
        Assert.Contains($"pg_dump was not found in {empty} (the setting Backup:PgBin)", error, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public async Task Backup_WhenPgDumpFails_GivesItsMessageWithoutThePasswordAndWritesNothing()
    {
        const string Password = "s3cret-not-for-logs";
        var admin = new Npgsql.NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable))
        {
            Database = $"cp_missing_{Guid.NewGuid():N}",
            Password = Password,
        };
        var settings = new Dictionary<string, string?>(Settings)
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:CouncilPlan"] = admin.ToString(),
        };
        var file = Path.Combine(folder, "councilplan.backup");

        var (exitCode, _, error) = await CliRunner.RunAsync(null, settings, "db", "backup", "--out", file);

        Assert.Equal(1, exitCode);
        Assert.Contains("pg_dump failed", error, StringComparison.Ordinal);
        Assert.Contains($"\"{admin.Database}\" does not exist", error, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Theory]
    [InlineData("backup")]
    [InlineData("restore")]
    public async Task BackupCommands_HaveHelp(string command)
    {
        var (exitCode, output, _) = await CliRunner.RunAsync(null, "db", command, "--help");

        Assert.Equal(0, exitCode);
        Assert.Contains($"councilplan db {command}", output, StringComparison.Ordinal);
    }

    /// <summary>Every observation, published or not, as the export code writes it.</summary>
    private static async Task<string> ExportAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        using var stream = new MemoryStream();
        var records = ObservationExport.Query(db, new ObservationExportFilter { IncludeUnpublished = true }).AsAsyncEnumerable();
        await ObservationCsvWriter.WriteAsync(records, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static async Task<(int Users, int Audit)> CountAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return (await db.Users.CountAsync(), await db.AuditEntries.CountAsync());
    }

    private static async Task<List<string>> EmailsAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return await db.Users.Select(u => u.Email!).OrderBy(e => e).ToListAsync();
    }
}
