using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CouncilPlan.Core.Imports;

/// <summary>
/// SQLite: the rows go through one prepared statement, bound with SQLitePCL's raw calls, into a
/// temporary table keyed like observations (WITHOUT ROWID), so a repeated key is found as the row
/// arrives and the merge reads the rows in key order. The temporary table lives in a temporary
/// file, not in memory.
/// </summary>
internal sealed class SqliteObservationStage(SqliteConnection connection, SqliteTransaction transaction)
    : ObservationStage(connection, transaction)
{
    private readonly List<ImportError> repeats = [];
    private sqlite3_stmt? insert;
    private sqlite3_stmt? findLine;
    private long repeatCount;
    private int maxRepeats = 100;

    protected override string StagingTable => "temp.import_staging";

    protected override string Changed =>
        "o.value IS NOT s.value OR o.numerator IS NOT s.numerator OR o.denominator IS NOT s.denominator " +
        "OR o.status IS NOT s.status OR o.quality_note IS NOT s.quality_note OR o.published IS NOT s.published";

    protected override string InsertOrder => "ORDER BY s.measure_id, s.period_start, s.area_code, s.breakdown_id";

    /// <summary>Settings that must be made outside a transaction: the temporary table goes to a file,
    /// and the page caches are large enough for the merge but fixed in size.</summary>
    public static async Task PrepareConnectionAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA temp_store = FILE; PRAGMA cache_size = -65536; PRAGMA temp.cache_size = -65536;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Puts the connection's settings back (it may be pooled).</summary>
    public static async Task RestoreConnectionAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "DROP TABLE IF EXISTS temp.import_staging; PRAGMA temp_store = DEFAULT; PRAGMA cache_size = -2000; PRAGMA temp.cache_size = -2000;";
        await command.ExecuteNonQueryAsync();
    }

    public void SetMaxRepeats(int max) => maxRepeats = max;

    public override async Task BeginAsync(CancellationToken cancellationToken)
    {
        await ExecuteAsync("""
            CREATE TEMP TABLE import_staging (
                measure_id INTEGER NOT NULL,
                period_start TEXT NOT NULL,
                area_code TEXT NOT NULL,
                breakdown_id INTEGER NOT NULL,
                line INTEGER NOT NULL,
                period_end TEXT NOT NULL,
                period TEXT NOT NULL,
                value REAL NOT NULL,
                numerator REAL,
                denominator REAL,
                status INTEGER NOT NULL,
                quality_note TEXT,
                published INTEGER NOT NULL,
                PRIMARY KEY (measure_id, period_start, area_code, breakdown_id)
            ) WITHOUT ROWID
            """, cancellationToken);
        var db = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(db, """
            INSERT INTO temp.import_staging (measure_id, period_start, area_code, breakdown_id, line, period_end, period, value, numerator, denominator, status, quality_note, published)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) ON CONFLICT DO NOTHING
            """, out insert));
        Check(raw.sqlite3_prepare_v2(db, "SELECT line FROM temp.import_staging WHERE measure_id = ?1 AND period_start = ?2 AND area_code = ?3 AND breakdown_id = ?4", out findLine));
    }

    public override void Write(ReadOnlySpan<StagedRow> rows)
    {
        var db = connection.Handle!;
        var stmt = insert!;
        foreach (ref readonly var row in rows)
        {
            raw.sqlite3_bind_int(stmt, 1, row.MeasureId);
            raw.sqlite3_bind_text(stmt, 2, row.Period.StartUtf8);
            raw.sqlite3_bind_text(stmt, 3, row.Area.Utf8);
            raw.sqlite3_bind_int(stmt, 4, row.BreakdownId);
            raw.sqlite3_bind_int64(stmt, 5, row.Line);
            raw.sqlite3_bind_text(stmt, 6, row.Period.EndUtf8);
            raw.sqlite3_bind_text(stmt, 7, row.Period.LabelUtf8);
            raw.sqlite3_bind_double(stmt, 8, row.Value);
            BindOptional(stmt, 9, row.Numerator);
            BindOptional(stmt, 10, row.Denominator);
            raw.sqlite3_bind_int(stmt, 11, row.Status);
            if (row.QualityNote is { } note)
            {
                raw.sqlite3_bind_text(stmt, 12, note);
            }
            else
            {
                raw.sqlite3_bind_null(stmt, 12);
            }

            raw.sqlite3_bind_int(stmt, 13, row.Published ? 1 : 0);
            Step(stmt, db);
            raw.sqlite3_reset(stmt);
            if (raw.sqlite3_changes(db) == 0)
            {
                RecordRepeat(row, db);
            }
            else
            {
                Staged++;
            }
        }
    }

    private void RecordRepeat(in StagedRow row, sqlite3 db)
    {
        repeatCount++;
        if (repeats.Count >= maxRepeats)
        {
            return;
        }

        var stmt = findLine!;
        raw.sqlite3_bind_int(stmt, 1, row.MeasureId);
        raw.sqlite3_bind_text(stmt, 2, row.Period.StartUtf8);
        raw.sqlite3_bind_text(stmt, 3, row.Area.Utf8);
        raw.sqlite3_bind_int(stmt, 4, row.BreakdownId);
        var first = raw.sqlite3_step(stmt) == raw.SQLITE_ROW ? raw.sqlite3_column_int64(stmt, 0) : 0;
        raw.sqlite3_reset(stmt);
        repeats.Add(PostgresObservationStage.Repeat(row.Line, first));
        _ = db;
    }

    public override Task CompleteAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override Task<(IReadOnlyList<ImportError> Listed, long Count)> FindRepeatsAsync(int max, CancellationToken cancellationToken) =>
        Task.FromResult<(IReadOnlyList<ImportError>, long)>((repeats.Take(max).ToList(), repeatCount));

    /// <summary>A SQLite transaction already holds the database's only write lock.</summary>
    public override Task LockAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override string UpdateSql(int batchId) => $"""
        UPDATE observations AS o
        SET value = s.value, numerator = s.numerator, denominator = s.denominator, status = s.status,
            quality_note = s.quality_note, published = s.published, batch_id = {batchId}, version = o.version + 1
        FROM temp.import_staging AS s
        WHERE {KeyJoin} AND ({Changed})
        """;

    protected override ValueTask CloseAsync()
    {
        insert?.Dispose();
        findLine?.Dispose();
        insert = null;
        findLine = null;
        return ValueTask.CompletedTask;
    }

    private static void BindOptional(sqlite3_stmt stmt, int index, double? value)
    {
        if (value is { } number)
        {
            raw.sqlite3_bind_double(stmt, index, number);
        }
        else
        {
            raw.sqlite3_bind_null(stmt, index);
        }
    }

    private static void Step(sqlite3_stmt stmt, sqlite3 db)
    {
        var rc = raw.sqlite3_step(stmt);
        if (rc != raw.SQLITE_DONE)
        {
            raw.sqlite3_reset(stmt);
            throw new SqliteException($"SQLite error {rc}: {raw.sqlite3_errmsg(db).utf8_to_string()}", rc);
        }
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException($"SQLite error {rc}: {raw.sqlite3_errmsg(connection.Handle!).utf8_to_string()}", rc);
        }
    }
}
