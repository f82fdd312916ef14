using CouncilPlan.Core.Data;
using CouncilPlan.Testing;
using Npgsql;

namespace CouncilPlan.Core.Tests.Data;

/// <summary>
/// On PostgreSQL a data version bump is announced to listeners with the new version, and only when
/// the transaction that made it commits: a rolled-back change must not send instances reloading.
/// </summary>
public sealed class DataVersionNotifyTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task Bump_OnPostgres_NotifiesTheNewVersionOnCommitOnly()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var listener = new NpgsqlConnection(database.Settings.ConnectionString);
        var received = new List<string>();
        listener.Notification += (_, e) =>
        {
            Assert.Equal(DataVersion.NotifyChannel, e.Channel);
            received.Add(e.Payload);
        };
        await listener.OpenAsync();
        await using (var listen = new NpgsqlCommand($"LISTEN {DataVersion.NotifyChannel}", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        await using (var db = database.NewContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await DataVersion.BumpAsync(db, TimeProvider.System);

            // Not yet committed: nothing may arrive.
            Assert.False(await listener.WaitAsync(Quiet));
            await transaction.RollbackAsync();
        }

        Assert.False(await listener.WaitAsync(Quiet));
        Assert.Empty(received);

        long committed;
        await using (var db = database.NewContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await DataVersion.BumpAsync(db, TimeProvider.System);
            await transaction.CommitAsync();
            committed = await DataVersion.CurrentAsync(db);
        }

        Assert.True(await listener.WaitAsync(TimeSpan.FromSeconds(5)), "no notification after the commit");
        Assert.Equal([committed.ToString(System.Globalization.CultureInfo.InvariantCulture)], received);
        Assert.Equal(1, committed);
    }
}
