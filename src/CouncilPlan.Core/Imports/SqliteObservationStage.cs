using CouncilPlan.Core.Validation;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CouncilPlan.Core.Imports;

/// <summary>
/// SQLite: the rows go through one prepared statement, bound with SQLitePCL's raw calls, into a
/// temporary table keyed like observations (WITHOUT ROWID), so a repeated key is found as the row
/// arrives and the merge reads the rows in key order. The temporary table lives in a temporary
/// file, not in memory.
/// <para>
/// A first load (observations empty) skips the staging table: rows go straight into observations
/// in the same transaction, with its indexes built again afterwards; a repeated key is found when its
/// unique index is built, and each row's id is its line number plus the table's last id, so the row
/// a repeat repeats is known without keeping anything in memory. The transaction holds SQLite's only
/// write lock, so the table cannot stop being empty meanwhile.
/// </para>
/// </summary>
internal sealed class SqliteObservationStage(SqliteConnection connection, SqliteTransaction transaction)
    : ObservationStage(connection, transaction)
{
    private readonly List<InputError> repeats = [];
    private const int RowsPerStatement = 32;

    private sqlite3_stmt? insert;
    private sqlite3_stmt? insertMany;
    private int parametersPerRow;
    private sqlite3_stmt? findLine;
    private long repeatCount;
    private int maxRepeats = 100;
    private long idOffset;
    private readonly List<(bool Unique, string Sql)> droppedIndexes = [];

    protected override string StagingTable => "temp.import_staging";

    protected override string Changed =>
        "o.value IS NOT s.value OR o.numerator IS NOT s.numerator OR o.denominator IS NOT s.denominator " +
        "OR o.lower_ci IS NOT s.lower_ci OR o.upper_ci IS NOT s.upper_ci " +
        "OR o.status IS NOT s.status OR o.quality_note IS NOT s.quality_note OR o.published IS NOT s.published";

    protected override string InsertOrder => "ORDER BY s.measure_id, s.period_start, s.area_code, s.breakdown_id";

    /// <summary>
    /// Settings that must be made outside a transaction, returning the statement that restores the
    /// connection's own (it may be pooled). The temporary table goes to a file; the page caches are
    /// large enough for the merge but fixed in size. Foreign keys are not checked row by row: the
    /// importer reads the catalogue inside the transaction, which holds SQLite's only write lock, and
    /// checks every measure, area and breakdown against it, so no row can point at a missing one.
    /// </summary>
    public static async Task<string> PrepareConnectionAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT foreign_keys FROM pragma_foreign_keys), (SELECT cache_size FROM pragma_cache_size), (SELECT temp_store FROM pragma_temp_store)";
        string restore;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            restore = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"DROP TABLE IF EXISTS temp.import_staging; PRAGMA foreign_keys = {reader.GetInt64(0)}; PRAGMA cache_size = {reader.GetInt64(1)}; PRAGMA temp.cache_size = {reader.GetInt64(1)}; PRAGMA temp_store = {reader.GetInt64(2)};");
        }

        command.CommandText = "PRAGMA foreign_keys = OFF; PRAGMA temp_store = FILE; PRAGMA cache_size = -65536; PRAGMA temp.cache_size = -65536;";
        await command.ExecuteNonQueryAsync(cancellationToken);
        return restore;
    }

    /// <summary>Puts the connection's settings back.</summary>
    public static async Task RestoreConnectionAsync(SqliteConnection connection, string restore)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = restore;
        await command.ExecuteNonQueryAsync();
    }

    public void SetMaxRepeats(int max) => maxRepeats = max;

    public override async Task BeginAsync(CancellationToken cancellationToken)
    {
        var db = connection.Handle!;
        string table, columns, extra, lineColumn;
        if (await ScalarAsync("SELECT NOT EXISTS (SELECT 1 FROM observations)", cancellationToken) == 1)
        {
            WritesDirectly = true;
            idOffset = await ScalarAsync("SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'observations'), 0)", cancellationToken);
            await DropIndexesAsync(cancellationToken);
            table = "observations";
            columns = "measure_id, period_start, area_code, breakdown_id, id, period_end, period, value, numerator, denominator, lower_ci, upper_ci, status, quality_note, published, batch_id, version";
            extra = ", ?, 1";
            lineColumn = "id";
        }
        else
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
                    lower_ci REAL,
                    upper_ci REAL,
                    status INTEGER NOT NULL,
                    quality_note TEXT,
                    published INTEGER NOT NULL,
                    PRIMARY KEY (measure_id, period_start, area_code, breakdown_id)
                ) WITHOUT ROWID
                """, cancellationToken);
            table = "temp.import_staging";
            columns = "measure_id, period_start, area_code, breakdown_id, line, period_end, period, value, numerator, denominator, lower_ci, upper_ci, status, quality_note, published";
            extra = "";
            lineColumn = "line";
        }

        // Rows go in groups of RowsPerStatement per statement: each statement costs far more than a row.
        parametersPerRow = WritesDirectly ? 16 : 15;
        var row = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?" + extra + ")";
        // OR IGNORE, not ON CONFLICT DO NOTHING: every constraint but the key is already checked, and
        // a statement that cannot abort half way needs no statement journal, which would otherwise copy
        // every page the statement touches.
        Check(raw.sqlite3_prepare_v2(db, $"INSERT OR IGNORE INTO {table} ({columns}) VALUES {string.Join(", ", Enumerable.Repeat(row, RowsPerStatement))}", out insertMany));
        Check(raw.sqlite3_prepare_v2(db, $"INSERT OR IGNORE INTO {table} ({columns}) VALUES {row}", out insert));
        Check(raw.sqlite3_prepare_v2(db, $"SELECT {lineColumn} FROM {table} WHERE measure_id = ?1 AND period_start = ?2 AND area_code = ?3 AND breakdown_id = ?4", out findLine));
    }

    public override void Write(ReadOnlySpan<StagedRow> rows)
    {
        var db = connection.Handle!;
        while (rows.Length > 0)
        {
            var count = rows.Length >= RowsPerStatement ? RowsPerStatement : 1;
            var stmt = count == 1 ? insert! : insertMany!;
            for (var i = 0; i < count; i++)
            {
                Bind(stmt, i * parametersPerRow, rows[i]);
            }

            Step(stmt, db);
            raw.sqlite3_reset(stmt);
            var inserted = raw.sqlite3_changes(db);
            Staged += inserted;
            if (inserted < count)
            {
                // Some rows repeat a key: the one whose stored line is not its own.
                foreach (ref readonly var row in rows[..count])
                {
                    var first = FirstLine(row);
                    if (first != row.Line)
                    {
                        RecordRepeat(row.Line, first);
                    }
                }
            }

            rows = rows[count..];
        }
    }

    private void Bind(sqlite3_stmt stmt, int at, in StagedRow row)
    {
        raw.sqlite3_bind_int(stmt, at + 1, row.MeasureId);
        raw.sqlite3_bind_text(stmt, at + 2, row.Period.StartUtf8);
        raw.sqlite3_bind_text(stmt, at + 3, row.Area.Utf8);
        raw.sqlite3_bind_int(stmt, at + 4, row.BreakdownId);
        raw.sqlite3_bind_int64(stmt, at + 5, idOffset + row.Line);
        raw.sqlite3_bind_text(stmt, at + 6, row.Period.EndUtf8);
        raw.sqlite3_bind_text(stmt, at + 7, row.Period.LabelUtf8);
        raw.sqlite3_bind_double(stmt, at + 8, row.Value);
        BindOptional(stmt, at + 9, row.Numerator);
        BindOptional(stmt, at + 10, row.Denominator);
        BindOptional(stmt, at + 11, row.LowerCi);
        BindOptional(stmt, at + 12, row.UpperCi);
        raw.sqlite3_bind_int(stmt, at + 13, row.Status);
        if (row.QualityNote is { } note)
        {
            raw.sqlite3_bind_text(stmt, at + 14, note);
        }
        else
        {
            raw.sqlite3_bind_null(stmt, at + 14);
        }

        raw.sqlite3_bind_int(stmt, at + 15, row.Published ? 1 : 0);
        if (WritesDirectly)
        {
            raw.sqlite3_bind_int(stmt, at + 16, BatchId);
        }
    }

    private long FirstLine(in StagedRow row)
    {
        var stmt = findLine!;
        raw.sqlite3_bind_int(stmt, 1, row.MeasureId);
        raw.sqlite3_bind_text(stmt, 2, row.Period.StartUtf8);
        raw.sqlite3_bind_text(stmt, 3, row.Area.Utf8);
        raw.sqlite3_bind_int(stmt, 4, row.BreakdownId);
        var first = raw.sqlite3_step(stmt) == raw.SQLITE_ROW ? raw.sqlite3_column_int64(stmt, 0) - idOffset : 0;
        raw.sqlite3_reset(stmt);
        return first;
    }

    private void RecordRepeat(long line, long firstLine)
    {
        repeatCount++;
        if (repeats.Count < maxRepeats)
        {
            repeats.Add(PostgresObservationStage.Repeat(line, firstLine));
        }
    }

    /// <summary>
    /// A first load builds the table's indexes again once every row is in: SQLite then sorts the rows
    /// once per index, where inserting them would update five B-trees, each in its own order, row by
    /// row (a third faster at a million rows). The unique index finds a repeated key; only then are the
    /// repeating rows listed, each with the row it repeats. It is all in the import's transaction, so a
    /// failure or a kill leaves the indexes as they were.
    /// </summary>
    public override async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (!WritesDirectly)
        {
            return;
        }

        foreach (var (unique, sql) in droppedIndexes.OrderByDescending(i => i.Unique))
        {
            try
            {
                await ExecuteAsync(sql, cancellationToken);
            }
            catch (SqliteException e) when (unique && e.SqliteErrorCode == raw.SQLITE_CONSTRAINT)
            {
                await ListRepeatsAsync(cancellationToken);
                return;
            }
        }
    }

    private async Task DropIndexesAsync(CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await using (var command = Command("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'observations' AND sql IS NOT NULL ORDER BY name"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var sql = reader.GetString(1);
                names.Add(reader.GetString(0));
                droppedIndexes.Add((sql.StartsWith("CREATE UNIQUE", StringComparison.OrdinalIgnoreCase), sql));
            }
        }

        foreach (var name in names)
        {
            await ExecuteAsync($"DROP INDEX \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", cancellationToken);
        }
    }

    private async Task ListRepeatsAsync(CancellationToken cancellationToken)
    {
        await using var command = Command("""
            SELECT id, first FROM (
                SELECT id, min(id) OVER (PARTITION BY measure_id, period_start, area_code, breakdown_id) AS first
                FROM observations)
            WHERE id <> first
            ORDER BY id
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            RecordRepeat(reader.GetInt64(0) - idOffset, reader.GetInt64(1) - idOffset);
        }
    }

    public override Task<(IReadOnlyList<InputError> Listed, long Count)> FindRepeatsAsync(int max, CancellationToken cancellationToken) =>
        Task.FromResult<(IReadOnlyList<InputError>, long)>((repeats.Take(max).ToList(), repeatCount));

    /// <summary>A SQLite transaction already holds the database's only write lock.</summary>
    public override Task LockAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override string UpdateSql(int batchId) => $"""
        UPDATE observations AS o
        SET value = s.value, numerator = s.numerator, denominator = s.denominator, lower_ci = s.lower_ci, upper_ci = s.upper_ci, status = s.status,
            quality_note = s.quality_note, published = s.published, batch_id = {batchId}, version = o.version + 1
        FROM temp.import_staging AS s
        WHERE {KeyJoin} AND ({Changed})
        """;

    protected override ValueTask CloseAsync()
    {
        insert?.Dispose();
        insertMany?.Dispose();
        findLine?.Dispose();
        insert = null;
        insertMany = null;
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
