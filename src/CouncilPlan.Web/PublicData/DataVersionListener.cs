using System.Globalization;
using CouncilPlan.Core.Data;
using Npgsql;

namespace CouncilPlan.Web.PublicData;

/// <summary>
/// On PostgreSQL, listens for the notification <see cref="DataVersion.BumpAsync"/> sends when a
/// change commits, and empties the caches at once, so a publication made on any instance or by the
/// command line is served everywhere within moments rather than a poll interval. It holds one
/// connection of its own; if that drops it reconnects with backoff, and the polling
/// <see cref="DataVersionWatcher"/> covers anything missed meanwhile.
/// </summary>
public sealed class DataVersionListener(PublicDataCache cache, DatabaseSettings settings, ILogger<DataVersionListener> logger) : BackgroundService
{
    /// <summary>The application name of the listening connection, so operators (and tests) can find it in pg_stat_activity.</summary>
    public const string ApplicationName = "councilplan-listener";

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.Provider != DatabaseProvider.Postgres)
        {
            return;
        }

        var connectionString = new NpgsqlConnectionStringBuilder(settings.ConnectionString)
        {
            ApplicationName = ApplicationName,

            // A LISTEN belongs to its session: the connection must never go back to a pool.
            Pooling = false,
        };

        // Without traffic a dead server or network path goes unnoticed; keepalives (which WaitAsync
        // sends) find it so the listener can reconnect.
        if (connectionString.KeepAlive == 0)
        {
            connectionString.KeepAlive = 30;
        }

        var retry = FirstRetry;
        var reconnecting = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(connectionString.ToString(), reconnecting, () => retry = FirstRetry, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Lost the data version notifications; listening again in {Delay}", retry);
                reconnecting = true;
                try
                {
                    await Task.Delay(retry, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
            }
        }
    }

    private async Task ListenAsync(string connectionString, bool reconnecting, Action connected, CancellationToken stoppingToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        var received = new List<string>();
        connection.Notification += (_, e) => received.Add(e.Payload);
        await connection.OpenAsync(stoppingToken);
        await using (var listen = new NpgsqlCommand($"LISTEN {DataVersion.NotifyChannel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        connected();
        if (reconnecting)
        {
            // A change may have committed while nobody was listening.
            logger.LogInformation("Listening for data version notifications again: caches emptied");
            await cache.InvalidateAsync(stoppingToken);
        }

        while (true)
        {
            await connection.WaitAsync(stoppingToken);
            var payloads = received.ToArray();
            received.Clear();
            foreach (var payload in payloads)
            {
                // An unreadable payload is treated as a change: emptying the caches is always safe.
                if (!long.TryParse(payload, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version != cache.Version)
                {
                    logger.LogInformation("Public data changed (version {Version}, notified): caches emptied", payload);
                    await cache.InvalidateAsync(stoppingToken);
                    break;
                }
            }
        }
    }
}
