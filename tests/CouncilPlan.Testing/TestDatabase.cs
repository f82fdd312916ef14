using CouncilPlan.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit;

namespace CouncilPlan.Testing;

/// <summary>
/// A fresh, real database for one test: a SQLite file in a temporary folder, or a new database on
/// the throwaway PostgreSQL server that the test command starts (its connection string is in
/// COUNCILPLAN_TEST_POSTGRES). Nothing is mocked.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "COUNCILPLAN_TEST_POSTGRES";

    private readonly string? sqliteFile;
    private readonly string? postgresAdmin;
    private readonly string? postgresName;

    private TestDatabase(DatabaseSettings settings, string? sqliteFile, string? postgresAdmin, string? postgresName)
    {
        Settings = settings;
        this.sqliteFile = sqliteFile;
        this.postgresAdmin = postgresAdmin;
        this.postgresName = postgresName;
    }

    public DatabaseSettings Settings { get; }

    public DatabaseProvider Provider => Settings.Provider;

    /// <summary>The environment variables that point the web app or the CLI at this database.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentVariables => new Dictionary<string, string>
    {
        ["Database__Provider"] = Settings.Provider.ToString(),
        ["ConnectionStrings__CouncilPlan"] = Settings.ConnectionString,
    };

    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static readonly Dictionary<(DatabaseProvider, bool Seeded), string> Templates = [];

    /// <summary>
    /// A new database: migrated (the default), or empty for tests of first start, or
    /// <paramref name="seeded"/> with the default dataset already loaded, as the app leaves it after
    /// its first start (loading it takes seconds, so it is done once per test run and copied).
    /// </summary>
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, bool migrate = true, bool seeded = false)
    {
        migrate |= seeded;
        TestDatabase database;
        if (provider == DatabaseProvider.Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "councilplan-tests");
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, $"{Guid.NewGuid():N}.db");
            database = new TestDatabase(new DatabaseSettings(provider, $"Data Source={file};Pooling=False"), file, null, null);
            if (migrate)
            {
                // A copy of a database migrated once per test run: the same schema, without running
                // every migration for every test.
                File.Copy(await SqliteTemplateAsync(folder, seeded), file);
                return database;
            }
        }
        else
        {
            var admin = Environment.GetEnvironmentVariable(PostgresVariable);
            if (string.IsNullOrWhiteSpace(admin))
            {
                throw new InvalidOperationException(
                    $"The PostgreSQL tests need a server: {PostgresVariable} is not set. Run the tests with ./test.sh, which starts a throwaway PostgreSQL server from the installed binaries and sets it.");
            }

            var name = $"cp_test_{Guid.NewGuid():N}";
            var template = migrate ? await PostgresTemplateAsync(admin, seeded) : null;
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"{(template is null ? "" : $" TEMPLATE \"{template}\"")}", connection);
                await command.ExecuteNonQueryAsync();
            }

            var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
            database = new TestDatabase(new DatabaseSettings(provider, builder.ToString()), null, admin, name);
            if (template is not null)
            {
                return database;
            }
        }

        return database;
    }

    public CouncilPlanDb NewContext() => Settings.CreateContext();

    private static async Task<string> SqliteTemplateAsync(string folder, bool seeded)
    {
        await TemplateGate.WaitAsync();
        try
        {
            if (!Templates.TryGetValue((DatabaseProvider.Sqlite, seeded), out var template))
            {
                template = Path.Combine(folder, $"template-{Environment.ProcessId}-{Guid.NewGuid():N}.db");
                await PrepareTemplateAsync(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={template};Pooling=False"), seeded);
                SqliteConnection.ClearAllPools();
                Templates[(DatabaseProvider.Sqlite, seeded)] = template;
            }

            return template;
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    private static async Task<string> PostgresTemplateAsync(string admin, bool seeded)
    {
        await TemplateGate.WaitAsync();
        try
        {
            if (!Templates.TryGetValue((DatabaseProvider.Postgres, seeded), out var template))
            {
                template = $"cp_template_{Guid.NewGuid():N}";
                await using (var connection = new NpgsqlConnection(admin))
                {
                    await connection.OpenAsync();
                    await using var create = new NpgsqlCommand($"CREATE DATABASE \"{template}\"", connection);
                    await create.ExecuteNonQueryAsync();
                }

                await PrepareTemplateAsync(new DatabaseSettings(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(admin) { Database = template }.ToString()), seeded);

                // A template must have no connections while it is copied.
                NpgsqlConnection.ClearAllPools();
                Templates[(DatabaseProvider.Postgres, seeded)] = template;
            }

            return template;
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    private static async Task PrepareTemplateAsync(DatabaseSettings settings, bool seeded)
    {
        await using var db = settings.CreateContext();
        await db.Database.MigrateAsync();
        if (seeded)
        {
            await DefaultDataset.LoadIfEmptyAsync(db, TimeProvider.System, RepositoryFiles.Data);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            {
                File.Delete(sqliteFile + suffix);
            }
        }

        if (postgresAdmin is not null && postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(postgresAdmin);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{postgresName}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>Data tests run once per configured database.</summary>
public static class Databases
{
    public static TheoryData<DatabaseProvider> Both => new(DatabaseProvider.Sqlite, DatabaseProvider.Postgres);
}
