using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace CouncilPlan.Core.Data;

/// <summary>
/// Runs a piece of background work on one instance only, however many web instances share the
/// database: every background job (a scheduled data refresh, reminders) goes through here, and so
/// does what an instance writes into the database when it starts.
/// </summary>
/// <remarks>
/// On PostgreSQL the job runs only if <c>pg_try_advisory_lock(key)</c> succeeds on a connection of
/// its own (or, for <see cref="RunExclusiveAsync"/>, once <c>pg_advisory_lock(key)</c> has waited
/// for it). That is a session-level advisory lock (PostgreSQL documentation, 13.3.5 "Advisory
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

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

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
            ? await RunLockedAsync(jobName, job, wait: false, cancellationToken)
            : await RunInProcessAsync(settings.ConnectionString + "\n" + jobName, job, wait: false, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="job"/> once no other caller is running the job named
    /// <paramref name="jobName"/>, waiting for it (<c>pg_advisory_lock</c>): for work every instance
    /// must see done before it serves, but that two must not do at once, such as what an instance
    /// writes into an empty database when it starts (two instances started together would otherwise
    /// both insert the same rows, and one would fail).
    /// </summary>
    public async Task RunExclusiveAsync(string jobName, Func<CancellationToken, Task> job, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobName);
        ArgumentNullException.ThrowIfNull(job);
        _ = settings.Provider == DatabaseProvider.Postgres
            ? await RunLockedAsync(jobName, job, wait: true, cancellationToken)
            : await RunInProcessAsync(settings.ConnectionString + "\n" + jobName, job, wait: true, cancellationToken);
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

    /// <param name="gateName">The database and the job: like an advisory lock, which belongs to one database.</param>
    private static async Task<bool> RunInProcessAsync(string gateName, Func<CancellationToken, Task> job, bool wait, CancellationToken cancellationToken)
    {
        var gate = Gates.GetOrAdd(gateName, _ => new SemaphoreSlim(1, 1));
        if (wait)
        {
            await gate.WaitAsync(cancellationToken);
        }
        else if (!await gate.WaitAsync(TimeSpan.Zero, cancellationToken))
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
            gate.Release();
        }
    }

    private async Task<bool> RunLockedAsync(string jobName, Func<CancellationToken, Task> job, bool wait, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString)
        {
            Pooling = false,
            ApplicationName = ApplicationNamePrefix + jobName,
        };
        var key = LockKey(jobName);
        await using var connection = new NpgsqlConnection(builder.ToString());
        await connection.OpenAsync(cancellationToken);
        // pg_advisory_lock returns void once it holds the lock; pg_try_advisory_lock true or false at once.
        await using (var take = new NpgsqlCommand(wait ? "SELECT true FROM (SELECT pg_advisory_lock(@key)) AS locked" : "SELECT pg_try_advisory_lock(@key)", connection))
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
