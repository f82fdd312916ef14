using System.Data.Common;
using CouncilPlan.Core.Validation;

namespace CouncilPlan.Core.Imports;

/// <summary>
/// Where an import puts the file's rows before merging them: a temporary table in the import's
/// own transaction, so that nothing of it outlives the transaction and memory does not grow with
/// the file. One implementation per database.
/// </summary>
internal abstract class ObservationStage(DbConnection connection, DbTransaction transaction) : IAsyncDisposable
{
    /// <summary>The key and the comparison that decide whether a staged row is new or changed.</summary>
    protected const string KeyJoin = "o.measure_id = s.measure_id AND o.period_start = s.period_start AND o.area_code = s.area_code AND o.breakdown_id = s.breakdown_id";

    protected DbConnection Connection { get; } = connection;

    protected DbTransaction Transaction { get; } = transaction;

    /// <summary>Rows written to the stage.</summary>
    public long Staged { get; protected set; }

    /// <summary>True when the rows go straight into observations (a first load), so the batch must exist before they are written.</summary>
    public bool WritesDirectly { get; protected set; }

    /// <summary>The batch the rows are entered by, when <see cref="WritesDirectly"/>.</summary>
    public int BatchId { get; set; }

    /// <summary>Chooses between a first load straight into observations (<see cref="WritesDirectly"/>) and a staging table, and prepares it.</summary>
    public abstract Task BeginAsync(CancellationToken cancellationToken);

    /// <summary>Starts writing, once the batch exists (after <see cref="BeginAsync"/>: a first load needs the batch for its rows).</summary>
    public virtual Task StartWritingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Writes rows; called from one thread at a time, in file order.</summary>
    public abstract void Write(ReadOnlySpan<StagedRow> rows);

    /// <summary>Finishes writing.</summary>
    public abstract Task CompleteAsync(CancellationToken cancellationToken);

    /// <summary>Rows whose key repeats an earlier row's: the first <paramref name="max"/> in row order, and how many in all.</summary>
    public abstract Task<(IReadOnlyList<InputError> Listed, long Count)> FindRepeatsAsync(int max, CancellationToken cancellationToken);

    /// <summary>Stops other writers changing observations until the transaction ends, so the counts stay true.</summary>
    public abstract Task LockAsync(CancellationToken cancellationToken);

    /// <summary>How many staged rows are new keys, and how many differ from the stored row.</summary>
    public async Task<(long Added, long Revised)> CountChangesAsync(CancellationToken cancellationToken)
    {
        if (WritesDirectly)
        {
            // Into an empty table: every row is new, and already in.
            return (Staged, 0);
        }

        await using var joins = await JoinByKeyAsync(cancellationToken);
        await using var command = Command($"""
            SELECT COALESCE(SUM(CASE WHEN o.id IS NULL THEN 1 ELSE 0 END), 0),
                   COALESCE(SUM(CASE WHEN o.id IS NOT NULL AND ({Changed}) THEN 1 ELSE 0 END), 0)
            FROM {StagingTable} s LEFT JOIN observations o ON {KeyJoin}
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Updates the stored rows that differ, as a new version entered by the batch (the trigger keeps the old one).</summary>
    public async Task<int> UpdateChangedAsync(int batchId, CancellationToken cancellationToken)
    {
        await using var joins = await JoinByKeyAsync(cancellationToken);
        return await ExecuteAsync(UpdateSql(batchId), cancellationToken);
    }

    /// <summary>Inserts the staged rows whose key is not stored yet.</summary>
    public async Task<int> InsertNewAsync(int batchId, bool allNew, CancellationToken cancellationToken)
    {
        if (WritesDirectly)
        {
            return checked((int)Staged);
        }

        await using var joins = await JoinByKeyAsync(cancellationToken);
        return await ExecuteAsync($"""
            INSERT INTO observations (measure_id, period_start, period_end, period, area_code, breakdown_id, value, numerator, denominator, lower_ci, upper_ci, status, quality_note, published, batch_id, version)
            SELECT s.measure_id, s.period_start, s.period_end, s.period, s.area_code, s.breakdown_id, s.value, s.numerator, s.denominator, s.lower_ci, s.upper_ci, s.status, s.quality_note, s.published, {batchId}, 1
            FROM {StagingTable} s
            {(allNew ? "" : $"WHERE NOT EXISTS (SELECT 1 FROM observations o WHERE {KeyJoin})")}
            {InsertOrder}
            """, cancellationToken);
    }

    public ValueTask DisposeAsync() => CloseAsync();

    /// <summary>Releases what the stage holds on the connection (prepared statements, an unfinished COPY).</summary>
    protected abstract ValueTask CloseAsync();

    protected abstract string StagingTable { get; }

    /// <summary>True when the stored row differs from the staged one in anything a revision records.</summary>
    protected abstract string Changed { get; }

    protected virtual string InsertOrder => "";

    protected abstract string UpdateSql(int batchId);

    /// <summary>Lets the database join the staged rows to observations in the way that suits a join on the whole key, until disposed.</summary>
    protected virtual Task<IAsyncDisposable> JoinByKeyAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable>(NoSettings.Instance);

    private sealed class NoSettings : IAsyncDisposable
    {
        public static readonly NoSettings Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    protected DbCommand Command(string sql)
    {
        var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        return command;
    }

    protected async Task<long> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    protected async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(sql);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
