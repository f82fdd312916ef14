using System.Net;
using System.Text.Json;
using CouncilPlan.Core.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CouncilPlan.Web.Tests.Operations;

/// <summary>
/// The health endpoints on a real database: ready while it answers and is migrated, 503 once it is
/// gone while the process itself stays live, and never a word about where the database is.
/// </summary>
public abstract class HealthTests<TSite> : IAsyncLifetime
    where TSite : SiteFixture, new()
{
    // A site of this test's own: the test takes its database away.
    private readonly TSite site = new();

    public Task InitializeAsync() => site.InitializeAsync();

    public Task DisposeAsync() => site.DisposeAsync();

    [Fact]
    public async Task Health_IsReadyOnAMigratedDatabase_AndOnlyLiveOnceTheDatabaseIsGone()
    {
        var (live, liveBody) = await GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live);
        Assert.Equal("Healthy", liveBody.GetProperty("status").GetString());

        var (ready, readyBody) = await GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready);
        Assert.Equal("Healthy", readyBody.GetProperty("status").GetString());
        Assert.Equal("Healthy", readyBody.GetProperty("checks").GetProperty("database").GetString());

        // The database goes away under the running app (dropped on PostgreSQL, its file deleted on
        // SQLite). Asked twice, so an answer kept by a cache would show.
        await site.Database.DisposeAsync();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            (ready, readyBody) = await GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready);
            Assert.Equal("Unhealthy", readyBody.GetProperty("status").GetString());
            Assert.Equal("Unhealthy", readyBody.GetProperty("checks").GetProperty("database").GetString());
        }

        (live, liveBody) = await GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live);
        Assert.Equal("Healthy", liveBody.GetProperty("status").GetString());
    }

    /// <summary>Asserts what every health answer must be, and returns its status and JSON.</summary>
    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path)
    {
        using var response = await site.Client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore, $"{path} may be stored: Cache-Control {response.Headers.CacheControl}");
        Assert.True(text.Length < 200, $"{path} says too much: {text}");
        foreach (var secret in ConnectionDetails())
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        }

        using var json = JsonDocument.Parse(text);
        return (response.StatusCode, json.RootElement.Clone());
    }

    /// <summary>What a body must not name: the connection string and the parts of it that locate the database.</summary>
    private IEnumerable<string> ConnectionDetails()
    {
        var connectionString = site.Database.Settings.ConnectionString;
        yield return connectionString;
        if (site.Database.Provider == DatabaseProvider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
            yield return file;
            yield return Path.GetFileName(file);
        }
        else
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            yield return builder.Host!;
            yield return builder.Database!;
            yield return builder.Username!;
        }

        yield return "Exception";
    }
}

public sealed class SqliteHealthTests : HealthTests<ChangingSqliteSite>;

public sealed class PostgresHealthTests : HealthTests<ChangingPostgresSite>;
