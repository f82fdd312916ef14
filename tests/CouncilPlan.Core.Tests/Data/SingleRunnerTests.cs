using CouncilPlan.Core.Data;
using CouncilPlan.Testing;
using Npgsql;

namespace CouncilPlan.Core.Tests.Data;

/// <summary>
/// Background work runs on one instance only: on a real PostgreSQL server, two callers standing for
/// two instances (each with its own runner and connection) never run the same job at once, the lock
/// goes with the job, and a session that dies frees it. On SQLite, one process, the same holds inside it.
/// </summary>
public sealed class SingleRunnerTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task TwoCallers_SameJob_OnlyOneRuns_AndAfterItEndsAnotherCan(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        var job = $"job-{Guid.NewGuid():N}";
        var first = new SingleRunner(database.Settings);
        var second = new SingleRunner(database.Settings);
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;

        var holding = first.TryRunAsync(job, async _ =>
        {
            Interlocked.Increment(ref runs);
            running.SetResult();
            await finish.Task;
        });
        await running.Task;

        // While the first runs, the second is turned away at once, without running.
        Assert.False(await second.TryRunAsync(job, _ =>
        {
            Interlocked.Increment(ref runs);
            return Task.CompletedTask;
        }));

        // Another job's name is another lock.
        Assert.True(await second.TryRunAsync(job + "-other", _ => Task.CompletedTask));

        finish.SetResult();
        Assert.True(await holding);
        Assert.Equal(1, runs);

        // Released with the job's end: the other caller may run it now.
        Assert.True(await second.TryRunAsync(job, _ =>
        {
            Interlocked.Increment(ref runs);
            return Task.CompletedTask;
        }));
        Assert.Equal(2, runs);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task RunExclusive_WaitsForTheOtherCaller_ThenRuns(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        var job = $"job-{Guid.NewGuid():N}";
        var order = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = new SingleRunner(database.Settings).RunExclusiveAsync(job, async _ =>
        {
            order.Enqueue("first starts");
            running.SetResult();
            await finish.Task;
            order.Enqueue("first ends");
        });
        await running.Task;
        var second = new SingleRunner(database.Settings).RunExclusiveAsync(job, _ =>
        {
            order.Enqueue("second runs");
            return Task.CompletedTask;
        });

        if (provider == DatabaseProvider.Postgres)
        {
            // Wait until the second caller is queued on the lock in the server, so the order below
            // is decided by the lock and not by who happened to be quicker.
            await using var admin = new NpgsqlConnection(database.Settings.ConnectionString);
            await admin.OpenAsync();
            await using var waiting = new NpgsqlCommand("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())", admin);
            for (var attempt = 0; (long)(await waiting.ExecuteScalarAsync())! == 0; attempt++)
            {
                Assert.True(attempt < 200, "the second caller never waited for the lock");
                await Task.Delay(50);
            }
        }

        Assert.False(second.IsCompleted);
        finish.SetResult();
        await Task.WhenAll(first, second);
        Assert.Equal(["first starts", "first ends", "second runs"], order.ToArray());
    }

    [Fact]
    public async Task AFailingJob_ReleasesTheLock()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, migrate: false);
        var runner = new SingleRunner(database.Settings);
        var job = $"job-{Guid.NewGuid():N}";
        await Assert.ThrowsAsync<InvalidOperationException>(() => runner.TryRunAsync(job, _ => throw new InvalidOperationException("the job failed")));
        Assert.True(await runner.TryRunAsync(job, _ => Task.CompletedTask));
    }

    [Fact]
    public async Task AnInstanceWhoseSessionDies_ReleasesTheLock()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, migrate: false);
        var job = $"job-{Guid.NewGuid():N}";
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var crashed = new SingleRunner(database.Settings).TryRunAsync(job, async _ =>
        {
            running.SetResult();
            await finish.Task;
        });
        await running.Task;
        var other = new SingleRunner(database.Settings);
        Assert.False(await other.TryRunAsync(job, _ => Task.CompletedTask));

        // The first instance's session ends as it would if its process died or its network went:
        // the server ends the backend (waiting up to 10 s for it to exit, PostgreSQL 14+).
        await using (var admin = new NpgsqlConnection(database.Settings.ConnectionString))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand(
                "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 10000)) FROM pg_stat_activity WHERE application_name = @name AND datname = current_database()",
                admin);
            kill.Parameters.AddWithValue("name", SingleRunner.ApplicationNamePrefix + job);
            Assert.Equal(1L, await kill.ExecuteScalarAsync());
        }

        // Its job is still "running" in its process, but the lock went with the session.
        Assert.True(await other.TryRunAsync(job, _ => Task.CompletedTask));

        // The crashed caller's own unlock fails on its dead connection; that is not its job's failure.
        finish.SetResult();
        Assert.True(await crashed);
    }

    [Fact]
    public async Task ALockHeldByAClosedConnection_IsFree()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, migrate: false);
        var job = $"job-{Guid.NewGuid():N}";
        var runner = new SingleRunner(database.Settings);
        var unpooled = new NpgsqlConnectionStringBuilder(database.Settings.ConnectionString) { Pooling = false }.ToString();
        int pid;
        await using (var holder = new NpgsqlConnection(unpooled))
        {
            await holder.OpenAsync();
            pid = holder.ProcessID;
            await using var take = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", holder);
            take.Parameters.AddWithValue("key", SingleRunner.LockKey(job));
            Assert.Equal(true, await take.ExecuteScalarAsync());
            Assert.False(await runner.TryRunAsync(job, _ => Task.CompletedTask));
        }

        // Closed without unlocking: the session ends, and its lock with it. The server ends the
        // backend just after the client hangs up; it leaves pg_stat_activity only after releasing its
        // locks (ShutdownPostgres runs before the status entry is cleared), so wait for that.
        await using (var admin = new NpgsqlConnection(unpooled))
        {
            await admin.OpenAsync();
            await using var gone = new NpgsqlCommand("SELECT NOT EXISTS (SELECT FROM pg_stat_activity WHERE pid = @pid)", admin);
            gone.Parameters.AddWithValue("pid", pid);
            for (var attempt = 0; await gone.ExecuteScalarAsync() is not true; attempt++)
            {
                Assert.True(attempt < 200, "the closed session's backend did not end");
                await Task.Delay(50);
            }
        }

        Assert.True(await runner.TryRunAsync(job, _ => Task.CompletedTask));
    }
}
