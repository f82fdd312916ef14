using System.Data.Common;
using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CouncilPlan.Core.Data;

/// <summary>A backup or restore that could not be done; the message says why in plain words.</summary>
public sealed class BackupException(string message) : InvalidOperationException(message);

/// <summary>What a restore did: the migrations it applied afterwards to bring an older backup up to date.</summary>
public sealed record RestoreResult(IReadOnlyList<string> AppliedMigrations);

/// <summary>
/// `councilplan db backup` and `db restore`: a consistent copy of the whole database, taken while
/// the app may be running, and the way back from it. SQLite is copied by SQLite itself; PostgreSQL
/// by the installed pg_dump and pg_restore. A backup is written under a temporary name and renamed
/// into place, so a failure never leaves a partial file where a good backup is expected.
/// </summary>
public static class Backups
{
    private static readonly byte[] SqliteHeader = Encoding.ASCII.GetBytes("SQLite format 3\0");
    private static readonly byte[] PgDumpHeader = Encoding.ASCII.GetBytes("PGDMP");

    /// <param name="pgBin">The folder holding pg_dump and pg_restore (the setting Backup:PgBin), or null to search for them.</param>
    public static async Task BackupAsync(DatabaseSettings settings, string outFile, bool force, string? pgBin, CancellationToken cancellationToken = default)
    {
        var target = Path.GetFullPath(outFile);
        var folder = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(folder))
        {
            throw new BackupException($"--out {outFile}: the folder {folder} does not exist.");
        }

        if (Directory.Exists(target))
        {
            throw new BackupException($"--out {outFile} is a folder: give a file name.");
        }

        if (File.Exists(target) && !force)
        {
            throw new BackupException($"--out {outFile} already exists: choose another name, or add --force to replace it.");
        }

        // Same folder, so the final rename is a rename on one file system and cannot half-happen.
        var temporary = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.partial");
        try
        {
            if (settings.Provider == DatabaseProvider.Sqlite)
            {
                await BackupSqliteAsync(settings, temporary, cancellationToken);
            }
            else
            {
                await BackupPostgresAsync(settings, temporary, pgBin, cancellationToken);
            }

            // Without --force the move itself refuses a file that appeared meanwhile.
            File.Move(temporary, target, overwrite: force);
        }
        catch (IOException e) when (File.Exists(target) && !force)
        {
            throw new BackupException($"--out {outFile} already exists: choose another name, or add --force to replace it. ({e.Message})");
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public static async Task<RestoreResult> RestoreAsync(DatabaseSettings settings, string fromFile, bool force, string? pgBin, CancellationToken cancellationToken = default)
    {
        var source = Path.GetFullPath(fromFile);
        if (!File.Exists(source))
        {
            throw new BackupException($"--from {fromFile}: no such file.");
        }

        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            await RestoreSqliteAsync(settings, source, fromFile, force, cancellationToken);
        }
        else
        {
            await RestorePostgresAsync(settings, source, fromFile, force, pgBin, cancellationToken);
        }

        // A backup from an older version of CouncilPlan lacks the newer migrations: apply them now.
        try
        {
            await using var db = settings.CreateContext();
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            await db.Database.MigrateAsync(cancellationToken);
            return new RestoreResult(pending);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            throw new BackupException(
                $"The backup {fromFile} was restored, but bringing it up to date with this version failed: {e.Message} The database holds the backup as it was; run `councilplan db migrate` to try again.");
        }
    }

    // VACUUM INTO reads the whole database inside one read transaction, so the copy is a single
    // snapshot of committed data even while the app keeps writing (in WAL mode the writers are not
    // blocked; in rollback mode they wait until the copy is done). Chosen over the backup API,
    // which is consistent too when done in one step, because it leaves out free pages and never
    // touches a destination connection: the file it writes is complete or the statement fails.
    private static async Task BackupSqliteAsync(DatabaseSettings settings, string temporary, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(settings.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "VACUUM INTO $file";
        command.Parameters.AddWithValue("$file", temporary);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException e)
        {
            throw new BackupException($"SQLite could not write the backup: {e.Message}");
        }
    }

    private static async Task RestoreSqliteAsync(DatabaseSettings settings, string source, string fromFile, bool force, CancellationToken cancellationToken)
    {
        if (!await StartsWithAsync(source, SqliteHeader, cancellationToken))
        {
            throw new BackupException($"--from {fromFile} is not a SQLite database, so not a CouncilPlan SQLite backup.");
        }

        var sourceConnectionString = new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        await using var backup = new SqliteConnection(sourceConnectionString);
        await backup.OpenAsync(cancellationToken);
        var tables = await SqliteTablesAsync(backup, cancellationToken);
        if (!tables.Contains("__EFMigrationsHistory") || !tables.Contains("observations"))
        {
            throw new BackupException($"--from {fromFile} is a SQLite database but not a CouncilPlan backup: it has no CouncilPlan tables.");
        }

        await using var target = new SqliteConnection(settings.ConnectionString);
        await target.OpenAsync(cancellationToken);
        var existing = await SqliteTablesAsync(target, cancellationToken);
        if (existing.Count > 0 && !force)
        {
            throw new BackupException(
                $"The SQLite database {target.DataSource} is not empty ({existing.Count} tables): restore into a new database, or add --force to replace everything in it.");
        }

        // The backup API writes every page of the target inside one write transaction, so a
        // failure part way rolls the target back to what it was.
        try
        {
            backup.BackupDatabase(target);
        }
        catch (SqliteException e)
        {
            throw new BackupException($"SQLite could not restore the backup; the database {target.DataSource} is unchanged: {e.Message}");
        }
    }

    private static async Task<HashSet<string>> SqliteTablesAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
        var names = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                names.Add(reader.GetString(0));
            }
        }
        catch (SqliteException e)
        {
            throw new BackupException($"{connection.DataSource} cannot be read as a SQLite database: {e.Message}");
        }

        return names;
    }

    private static async Task BackupPostgresAsync(DatabaseSettings settings, string temporary, string? pgBin, CancellationToken cancellationToken)
    {
        var pgDump = FindTool("pg_dump", pgBin);
        var (exitCode, error) = await RunAsync(pgDump, ["--format=custom", "--no-password", "--file", temporary], settings, cancellationToken);
        if (exitCode != 0)
        {
            throw new BackupException($"pg_dump failed (exit code {exitCode}); no backup was written: {error}");
        }
    }

    private static async Task RestorePostgresAsync(DatabaseSettings settings, string source, string fromFile, bool force, string? pgBin, CancellationToken cancellationToken)
    {
        if (!await StartsWithAsync(source, PgDumpHeader, cancellationToken))
        {
            throw new BackupException($"--from {fromFile} is not a pg_dump custom-format file, so not a CouncilPlan PostgreSQL backup.");
        }

        var pgRestore = FindTool("pg_restore", pgBin);
        var (listed, list, listError) = await RunCapturingAsync(pgRestore, ["--list", source], settings, cancellationToken);
        if (listed != 0)
        {
            throw new BackupException($"--from {fromFile} cannot be read by pg_restore: {listError}");
        }

        if (!list.Contains("TABLE public __EFMigrationsHistory", StringComparison.Ordinal) || !list.Contains("TABLE public observations", StringComparison.Ordinal))
        {
            throw new BackupException($"--from {fromFile} is a PostgreSQL dump but not a CouncilPlan backup: it has no CouncilPlan tables.");
        }

        var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        var tables = await PostgresTableCountAsync(settings, cancellationToken);
        if (tables > 0 && !force)
        {
            throw new BackupException(
                $"The PostgreSQL database {builder.Database} is not empty ({tables} tables): restore into a new database, or add --force to replace what the backup holds.");
        }

        // One transaction: if any statement fails, pg_restore stops and PostgreSQL rolls back the
        // lot, so the database is left as it was.
        var (exitCode, error) = await RunAsync(
            pgRestore,
            ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error", "--no-password", "--dbname", builder.Database ?? "", source],
            settings,
            cancellationToken);
        if (exitCode != 0)
        {
            throw new BackupException($"pg_restore failed (exit code {exitCode}); the database {builder.Database} is unchanged: {error}");
        }
    }

    private static async Task<long> PostgresTableCountAsync(DatabaseSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(settings.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')", connection);
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (NpgsqlException e)
        {
            throw new BackupException($"Cannot connect to the PostgreSQL database to restore into: {e.Message}");
        }
    }

    /// <summary>The setting's folder only when it is given (so a wrong setting is reported, not silently bypassed); else PATH, then the newest /usr/lib/postgresql/*/bin.</summary>
    private static string FindTool(string name, string? pgBin)
    {
        if (!string.IsNullOrWhiteSpace(pgBin))
        {
            var configured = Path.Combine(pgBin, name);
            return File.Exists(configured)
                ? configured
                : throw new BackupException($"{name} was not found in {pgBin} (the setting Backup:PgBin): point it at the folder of the PostgreSQL client programs.");
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
        if (onPath is not null)
        {
            return onPath;
        }

        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(folder => (Version: int.TryParse(Path.GetFileName(folder), out var version) ? version : 0, Tool: Path.Combine(folder, "bin", name)))
                .Where(candidate => File.Exists(candidate.Tool))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => candidate.Tool)
                .FirstOrDefault()
            : null;
        return installed ?? throw new BackupException(
            $"{name} was not found on PATH or under /usr/lib/postgresql: install the PostgreSQL client programs, or set Backup:PgBin to their folder.");
    }

    private static async Task<(int ExitCode, string Error)> RunAsync(string tool, IReadOnlyList<string> arguments, DatabaseSettings settings, CancellationToken cancellationToken)
    {
        var (exitCode, _, error) = await RunCapturingAsync(tool, arguments, settings, cancellationToken);
        return (exitCode, error);
    }

    /// <summary>
    /// Runs a PostgreSQL client program against the configured database. The connection goes in
    /// the PG* environment variables, never the arguments, so the password is not visible in the
    /// process list; it is also blanked out of anything the program prints.
    /// </summary>
    private static async Task<(int ExitCode, string Output, string Error)> RunCapturingAsync(
        string tool, IReadOnlyList<string> arguments, DatabaseSettings settings, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        SetOrRemove(start, "PGHOST", builder.Host);
        SetOrRemove(start, "PGPORT", builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        SetOrRemove(start, "PGUSER", builder.Username);
        SetOrRemove(start, "PGDATABASE", builder.Database);
        SetOrRemove(start, "PGPASSWORD", builder.Password);
        SetOrRemove(start, "PGSSLMODE", builder.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Allow => "allow",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => "prefer",
        });

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new BackupException($"{tool} could not be started.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BackupException($"{tool} could not be started: {e.Message}");
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            var errorText = (await error).Trim();
            if (!string.IsNullOrEmpty(builder.Password))
            {
                errorText = errorText.Replace(builder.Password, "********", StringComparison.Ordinal);
            }

            return (process.ExitCode, await output, errorText);
        }
    }

    private static void SetOrRemove(ProcessStartInfo start, string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            // An inherited PG* variable would otherwise point the program somewhere else.
            start.Environment.Remove(name);
        }
        else
        {
            start.Environment[name] = value;
        }
    }

    private static async Task<bool> StartsWithAsync(string file, byte[] header, CancellationToken cancellationToken)
    {
        var buffer = new byte[header.Length];
        await using var stream = File.OpenRead(file);
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        return read == header.Length && buffer.AsSpan().SequenceEqual(header);
    }
}
