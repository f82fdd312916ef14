using System.Collections.Concurrent;
using System.Net;
using CouncilPlan.Core.Data;
using CouncilPlan.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace CouncilPlan.Web.Tests.Operations;

/// <summary>
/// Production on PostgreSQL: migrations run as a separate step by the schema's owner, and every web
/// instance logs in as a role that can change rows but not tables (deploy/postgres-roles.sql,
/// docs/deploy.md). With <c>Database:MigrateOnStart</c> false an instance never migrates, and on a
/// schema behind the code it serves nothing but an unready health answer.
/// </summary>
public sealed class LeastPrivilegeTests
{
    private const string Owner = "councilplan_owner";
    private const string App = "councilplan_app";

    [Fact]
    public async Task TheAppRole_ServesPagesAndTheApi_LoadsTheDataset_AndCannotChangeTheSchema()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, migrate: false);
        await RunRolesFileAsync(database);

        // `councilplan db migrate`, as the owner.
        await using (var owner = new DatabaseSettings(DatabaseProvider.Postgres, As(database, Owner)).CreateContext())
        {
            await owner.Database.MigrateAsync();
        }

        var app = As(database, App);
        var logs = new ConcurrentQueue<string>();
        await using var factory = Start(app, logs);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        // The default dataset was loaded at start by the app role (INSERTs only), and is served.
        using (var ready = await client.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        foreach (var path in new[] { "/", "/measures", "/api/v1/measures" })
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode} as {App}");
        }

        await using var connection = new NpgsqlConnection(app);
        await connection.OpenAsync();
        Assert.Equal(App, await ScalarAsync(connection, "SELECT current_user"));
        Assert.True((long)(await ScalarAsync(connection, "SELECT count(*) FROM plans"))! > 0);

        // Row changes work, with the triggers the migrations made: a changed figure keeps its old
        // version in the history table (an INSERT by the trigger, as the app role).
        var revisions = (long)(await ScalarAsync(connection, "SELECT count(*) FROM observation_revisions"))!;
        await ScalarAsync(connection, "UPDATE observations SET quality_note = 'checked' WHERE id = (SELECT min(id) FROM observations)");
        Assert.Equal(revisions + 1, await ScalarAsync(connection, "SELECT count(*) FROM observation_revisions"));

        // The schema is out of reach: 42501 is insufficient_privilege, 42501 also for a table it does not own.
        foreach (var ddl in new[]
        {
            "CREATE TABLE intruder (id int)",
            "DROP TABLE audit_entries",
            "ALTER TABLE plans ADD COLUMN intruder int",
            "DROP TRIGGER audit_entries_append_only ON audit_entries",
            "TRUNCATE report_snapshots",
        })
        {
            var denied = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(connection, ddl));
            Assert.True(denied.SqlState == PostgresErrorCodes.InsufficientPrivilege, $"{ddl}: {denied.SqlState} {denied.MessageText}");
        }

        Assert.DoesNotContain(logs, line => line.Contains("councilplan db migrate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoInstancesStartedTogether_OnAnEmptyDatabase_BothServe_AndTheDatasetIsLoadedOnce()
    {
        // Migrated, nothing loaded: both instances find it empty, and both would load the dataset and
        // add the staff roles if they did not take turns.
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var logs = new ConcurrentQueue<string>();
        await using var one = Start(database.Settings.ConnectionString, logs);
        await using var two = Start(database.Settings.ConnectionString, logs);
        var clients = await Task.WhenAll(Task.Run(() => one.CreateClient()), Task.Run(() => two.CreateClient()));
        foreach (var client in clients)
        {
            using var response = await client.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            client.Dispose();
        }

        await using var connection = new NpgsqlConnection(database.Settings.ConnectionString);
        await connection.OpenAsync();
        Assert.Equal(1L, await ScalarAsync(connection, "SELECT count(*) FROM plans"));
        Assert.Equal((long)CouncilPlan.Core.Users.Roles.All.Count, await ScalarAsync(connection, "SELECT count(*) FROM \"AspNetRoles\""));
    }

    [Fact]
    public async Task NotMigratingOnStart_OnAnUnmigratedDatabase_ServesNothingAndSaysToMigrate()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, migrate: false);
        var logs = new ConcurrentQueue<string>();
        await using var factory = Start(database.Settings.ConnectionString, logs);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using (var ready = await client.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }

        using (var live = await client.GetAsync("/health/live"))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }

        foreach (var path in new[] { "/", "/api/v1/measures" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        }

        Assert.Contains(logs, line => line.Contains("run `councilplan db migrate`", StringComparison.Ordinal));

        // It did not migrate: not even the history table is there.
        await using var connection = new NpgsqlConnection(database.Settings.ConnectionString);
        await connection.OpenAsync();
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));
    }

    private static WebApplicationFactory<Program> Start(string connectionString, ConcurrentQueue<string> logs) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Database:Provider", nameof(DatabaseProvider.Postgres));
            builder.UseSetting("ConnectionStrings:CouncilPlan", connectionString);
            builder.UseSetting(DatabaseServices.MigrateOnStartKey, "false");
            builder.UseSetting(DatasetSettings.FolderKey, RepositoryFiles.Data);
            builder.UseEnvironment("Production");
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(ShiftedClock.DatasetDay)));
            builder.ConfigureLogging(logging => logging.AddProvider(new QueueLoggerProvider(logs)));
        });

    /// <summary>Runs deploy/postgres-roles.sql as the test server's superuser, connected to this test's database.</summary>
    private static async Task RunRolesFileAsync(TestDatabase database)
    {
        var sql = await File.ReadAllTextAsync(Path.Combine(RepositoryFiles.Root, "deploy", "postgres-roles.sql"));
        await using var connection = new NpgsqlConnection(database.Settings.ConnectionString);
        await connection.OpenAsync();
        try
        {
            await ScalarAsync(connection, sql);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Roles belong to the whole server: another test creating them at the same moment
            // races on pg_authid. Once more, now that they exist, is what the file is made for.
            await ScalarAsync(connection, sql);
        }
    }

    /// <summary>This database's connection string, logged in as <paramref name="role"/> (the test server trusts local logins).</summary>
    private static string As(TestDatabase database, string role) =>
        new NpgsqlConnectionStringBuilder(database.Settings.ConnectionString) { Username = role, Password = null }.ToString();

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private sealed class QueueLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new QueueLogger(lines);

        public void Dispose()
        {
        }

        private sealed class QueueLogger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception));
        }
    }
}
