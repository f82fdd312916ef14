using System.Diagnostics;
using System.Text;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Imports;
using CouncilPlan.Testing;
using CouncilPlan.Web.PublicData;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace CouncilPlan.Web.Tests.Api;

/// <summary>
/// Two web instances over one PostgreSQL database, with polling set so slow it never happens during
/// a test: only the LISTEN/NOTIFY path can explain instance B serving a change made through
/// instance A. Each test gets its own database and instances, as each changes data.
/// </summary>
public sealed class DataVersionNotifyTests : IAsyncLifetime
{
    // A value no real measure has, so finding it means the publication arrived.
    private const string Marker = "876543.2";
    private const string ObservationsPath = "/api/v1/observations?measure=A1-04&area=E08000007&page_size=1000";

    // The requirement: a publication is served by every instance within this.
    private static readonly TimeSpan Required = TimeSpan.FromSeconds(2);

    // How long the tests wait for anything before giving up.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private TestDatabase database = null!;
    private WebApplicationFactory<Program> instanceA = null!;
    private WebApplicationFactory<Program> instanceB = null!;
    private HttpClient clientB = null!;

    private PublicDataCache CacheB => instanceB.Services.GetRequiredService<PublicDataCache>();

    public async Task InitializeAsync()
    {
        // Seeded, so neither instance migrates or loads data at start and they cannot race to.
        database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, seeded: true);
        instanceA = Instance();
        instanceB = Instance();
        _ = instanceA.Services;
        clientB = instanceB.CreateClient();
        await WaitForListenersAsync([]);
    }

    public async Task DisposeAsync()
    {
        clientB.Dispose();
        await instanceA.DisposeAsync();
        await instanceB.DisposeAsync();
        await database.DisposeAsync();
    }

    private WebApplicationFactory<Program> Instance() => new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
    {
        builder.UseSetting("Database:Provider", nameof(DatabaseProvider.Postgres));
        builder.UseSetting("ConnectionStrings:CouncilPlan", database.Settings.ConnectionString);
        builder.UseSetting(DatasetSettings.FolderKey, RepositoryFiles.Data);

        // An hour: no poll falls within a test, so polling cannot explain what an instance serves.
        builder.UseSetting("PublicData:PollSeconds", "3600");
        builder.UseEnvironment("Production");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(ShiftedClock.DatasetDay)));
    });

    /// <summary>Publishes a figure through instance A's database services, as the command line would.</summary>
    private async Task PublishOnAAsync(string value)
    {
        await using var scope = instanceA.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CouncilPlanDb>();
        var csv = $"measure,period,area,value,published\nA1-04,2030-31,E08000007,{value},true\n";
        var result = await new ObservationImporter(db, TimeProvider.System).ImportAsync(
            new MemoryStream(Encoding.UTF8.GetBytes(csv)), "test.csv", new ObservationImportOptions { Publish = true, EnteredBy = "test" });
        Assert.True(result.Committed, string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    /// <summary>How long instance B took to serve <paramref name="value"/>, or null if it never did.</summary>
    private async Task<TimeSpan?> TimeUntilBServesAsync(string value, Stopwatch since)
    {
        while (since.Elapsed < Patience)
        {
            if ((await clientB.GetStringAsync(ObservationsPath)).Contains(value, StringComparison.Ordinal))
            {
                return since.Elapsed;
            }

            await Task.Delay(50);
        }

        return null;
    }

    /// <summary>Makes instance B cache the observations without <paramref name="value"/>, so only an invalidation can bring it in.</summary>
    private async Task AssertBServesWithoutAsync(string value) =>
        Assert.DoesNotContain(value, await clientB.GetStringAsync(ObservationsPath), StringComparison.Ordinal);

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(database.Settings.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private async Task<List<int>> ListenerBackendsAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = @name AND state = 'idle' AND query LIKE 'LISTEN%'",
            connection);
        command.Parameters.AddWithValue("name", DataVersionListener.ApplicationName);
        var pids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            pids.Add(reader.GetInt32(0));
        }

        return pids;
    }

    /// <summary>Waits until both instances are listening on connections other than <paramref name="old"/>: a NOTIFY sent before that would reach nobody.</summary>
    private async Task<List<int>> WaitForListenersAsync(IReadOnlyCollection<int> old)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var pids = await ListenerBackendsAsync();
            if (pids.Count == 2 && !pids.Intersect(old).Any())
            {
                return pids;
            }

            Assert.True(clock.Elapsed < Patience, $"instances listening: {pids.Count} of 2");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task PublicationOnA_IsServedByB_WithinTwoSeconds_WithoutPolling()
    {
        await AssertBServesWithoutAsync(Marker);

        await PublishOnAAsync(Marker);
        var taken = await TimeUntilBServesAsync(Marker, Stopwatch.StartNew());

        Assert.NotNull(taken);
        Assert.True(taken < Required, $"instance B served the publication after {taken}");
    }

    [Fact]
    public async Task RolledBackBump_InvalidatesNothing_ACommittedOneDoes()
    {
        var cached = await CacheB.GetAsync();
        await using (var scope = instanceA.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CouncilPlanDb>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await DataVersion.BumpAsync(db, TimeProvider.System);
            await transaction.RollbackAsync();
        }

        // A notification arrives within milliseconds; a second is ample for one that should not.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Same(cached, await CacheB.GetAsync());

        // The same bump committed does reach B, so the silence above was the rollback's doing.
        await using (var scope = instanceA.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CouncilPlanDb>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await DataVersion.BumpAsync(db, TimeProvider.System);
            await transaction.CommitAsync();
        }

        var clock = Stopwatch.StartNew();
        while (ReferenceEquals(cached, await CacheB.GetAsync()) && clock.Elapsed < Patience)
        {
            await Task.Delay(50);
        }

        var reloaded = await CacheB.GetAsync();
        Assert.NotSame(cached, reloaded);
        Assert.Equal(cached.Version + 1, reloaded.Version);
    }

    [Fact]
    public async Task Listener_ReconnectsAfterItsConnectionIsTerminated_AndDeliversTheNextPublication()
    {
        var cached = await CacheB.GetAsync();
        var listeners = await ListenerBackendsAsync();
        await using (var connection = await OpenAsync())
        {
            // In the select list, so only the rows the WHERE clause kept are terminated.
            await using var terminate = new NpgsqlCommand(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = @name",
                connection);
            terminate.Parameters.AddWithValue("name", DataVersionListener.ApplicationName);
            var terminated = 0;
            await using var reader = await terminate.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                terminated += reader.GetBoolean(0) ? 1 : 0;
            }

            Assert.Equal(2, terminated);
        }

        await WaitForListenersAsync(listeners);

        // Back, B empties its caches once, as a change may have been missed while it was away.
        var clock = Stopwatch.StartNew();
        while (ReferenceEquals(cached, await CacheB.GetAsync()) && clock.Elapsed < Patience)
        {
            await Task.Delay(50);
        }

        Assert.NotSame(cached, await CacheB.GetAsync());

        // That done, only a notification on the new connection can bring in the publication.
        await AssertBServesWithoutAsync(Marker);
        await PublishOnAAsync(Marker);
        var taken = await TimeUntilBServesAsync(Marker, Stopwatch.StartNew());

        Assert.NotNull(taken);
        Assert.True(taken < Required, $"instance B served the publication after {taken}");
    }
}
