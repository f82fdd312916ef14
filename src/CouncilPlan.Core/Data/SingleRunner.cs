using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace CouncilPlan.Core.Data;

/// <summary>
/// Runs a piece of background work on one instance only, however many web instances share the
/// database: every background job (a scheduled data refresh, reminders) goes through here.
/// </summary>
/// <remarks>
/// On PostgreSQL the job runs only if <c>pg_try_advisory_lock(key)</c> succeeds on a connection of
/// its own. That is a session-level advisory lock (PostgreSQL documentation, 13.3.5 "Advisory
/// Locks", https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS, and 9.28.10
/// "Advisory Lock Functions"): it is held until explicitly released or the session ends, so an
/// instance that crashes, or whose connection is cut, frees it for the others without anyone
/// cleaning up. The connection is never pooled: a pooled connection would go back to the pool still
/// holding the lock if the unlock failed. The try- form never waits, so a job that another instance
/// is running is skipped, not queued. A lock is no lease: if the connection drops while the job
/// runs, another instance may start the same job, so jobs must be safe to run twice (idempotent).
/// On SQLite there is one process by design (docs/deploy.md), so the job runs, guarded only
/// against a second caller in this process.
/// </remarks>
public sealed class SingleRunner(DatabaseSettings settings)
{
    /// <summary>The application name of the lock-holding connections, so operators can find them in pg_stat_activity.</summary>
    public const string ApplicationNamePrefix = "councilplan-job:";

    private static readonly ConcurrentDictionary<string, byte> RunningHere = new(StringComparer.Ordinal);

    /// <summary>
    /// Runs <paramref name="job"/> if no other caller, in this process or any instance on the same
    /// PostgreSQL database, is running the job named <paramref name="jobName"/>.
    /// </summary>
    /// <returns>True if the job ran here; false if it was skipped because it is running elsewhere.</returns>
    public async Task<bool> TryRunAsync(string jobName, Func<CancellationToken, Task> job, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobName);
        ArgumentNullException.ThrowIfNull(job);
        return settings.Provider == DatabaseProvider.Postgres
            ? await RunLockedAsync(jobName, job, cancellationToken)
            : await RunInProcessAsync(jobName, job, cancellationToken);
    }

    /// <summary>
    /// The advisory lock key of a job: the first 8 bytes of SHA-256 of a prefixed name, stable across
    /// processes and versions (string.GetHashCode is randomised per process), and unlikely to collide
    /// with another application's keys in the same database.
    /// </summary>
    public static long LockKey(string jobName)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("councilplan.job:" + jobName));
        return BinaryPrimitives.ReadInt64BigEndian(hash);
    }

    private static async Task<bool> RunInProcessAsync(string jobName, Func<CancellationToken, Task> job, CancellationToken cancellationToken)
    {
        if (!RunningHere.TryAdd(jobName, 0))
        {
            return false;
        }

        try
        {
            await job(cancellationToken);
            return true;
        }
        finally
        {
            RunningHere.TryRemove(jobName, out _);
        }
    }

    private async Task<bool> RunLockedAsync(string jobName, Func<CancellationToken, Task> job, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString)
        {
            Pooling = false,
            ApplicationName = ApplicationNamePrefix + jobName,
        };
        var key = LockKey(jobName);
        await using var connection = new NpgsqlConnection(builder.ToString());
        await connection.OpenAsync(cancellationToken);
        await using (var take = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection))
        {
            take.Parameters.AddWithValue("key", key);
            if (await take.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return false;
            }
        }

        try
        {
            await job(cancellationToken);
            return true;
        }
        finally
        {
            await UnlockAsync(connection, key);
        }
    }

    private static async Task UnlockAsync(NpgsqlConnection connection, long key)
    {
        try
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            release.Parameters.AddWithValue("key", key);
            await release.ExecuteScalarAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The session is gone (the server restarted, the connection was cut): the server has
            // already released the lock with it, and the connection is closed below anyway.
        }
    }
}
