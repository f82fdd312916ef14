using System.Buffers.Binary;
using System.Text;
using CouncilPlan.Core.Validation;
using Npgsql;

namespace CouncilPlan.Core.Imports;

/// <summary>
/// PostgreSQL: the rows go by binary COPY (the wire format written directly) into a temporary table that is dropped with the
/// transaction; a unique index on it proves the keys are unique (and, when it cannot be built, a
/// window query names the repeating rows); then one UPDATE ... FROM and one INSERT ... SELECT merge it.
/// <para>
/// A first load (observations empty) copies straight into observations instead, with its secondary
/// indexes and foreign keys set aside and built again after: see <see cref="BeginFirstLoadAsync"/>.
/// </para>
/// </summary>
internal sealed class PostgresObservationStage(NpgsqlConnection connection, NpgsqlTransaction transaction)
    : ObservationStage(connection, transaction)
{
    private const int Columns = 15;
    private static readonly int Epoch = new DateOnly(2000, 1, 1).DayNumber;

    private readonly List<(bool Unique, string Create)> setAside = [];
    private bool uniqueIndexFailed;
    private long idOffset;
    private NpgsqlRawCopyStream? copy;
    private byte[] buffer = new byte[1 << 17];
    private int used;

    protected override string StagingTable => "import_staging";

    protected override string Changed =>
        "o.value IS DISTINCT FROM s.value OR o.numerator IS DISTINCT FROM s.numerator OR o.denominator IS DISTINCT FROM s.denominator " +
        "OR o.lower_ci IS DISTINCT FROM s.lower_ci OR o.upper_ci IS DISTINCT FROM s.upper_ci " +
        "OR o.status <> s.status OR o.quality_note IS DISTINCT FROM s.quality_note OR o.published <> s.published";

    public override async Task BeginAsync(CancellationToken cancellationToken)
    {
        // Memory for the sorts and joins of a large import is the server's, for this transaction only.
        await ExecuteAsync("SET LOCAL work_mem = '64MB'", cancellationToken);
        await ExecuteAsync("SET LOCAL maintenance_work_mem = '256MB'", cancellationToken);
        if (await BeginFirstLoadAsync(cancellationToken))
        {
            WritesDirectly = true;
            return;
        }

        await ExecuteAsync("""
            CREATE TEMPORARY TABLE import_staging (
                line bigint NOT NULL,
                measure_id integer NOT NULL,
                period_start date NOT NULL,
                period_end date NOT NULL,
                period text NOT NULL,
                area_code text NOT NULL,
                breakdown_id integer NOT NULL,
                value double precision NOT NULL,
                numerator double precision,
                denominator double precision,
                lower_ci double precision,
                upper_ci double precision,
                status integer NOT NULL,
                quality_note text,
                published boolean NOT NULL
            ) ON COMMIT DROP
            """, cancellationToken);
    }

    /// <summary>The binary COPY format written directly: no per-value work but copying bytes.</summary>
    public override async Task StartWritingAsync(CancellationToken cancellationToken)
    {
        copy = await connection.BeginRawBinaryCopyAsync(
            WritesDirectly
                ? "COPY observations (id, measure_id, period_start, period_end, period, area_code, breakdown_id, value, numerator, denominator, lower_ci, upper_ci, status, quality_note, published, batch_id, version) FROM STDIN (FORMAT BINARY)"
                : "COPY import_staging (line, measure_id, period_start, period_end, period, area_code, breakdown_id, value, numerator, denominator, lower_ci, upper_ci, status, quality_note, published) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        ((ReadOnlySpan<byte>)[(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0]).CopyTo(buffer);
        used = 11;
        Int32(0);
        Int32(0);
    }

    public override void Write(ReadOnlySpan<StagedRow> rows)
    {
        foreach (ref readonly var row in rows)
        {
            var note = row.QualityNote is null ? 0 : Encoding.UTF8.GetMaxByteCount(row.QualityNote.Length);
            // The fixed part of a row is 147 bytes (field count, lengths and values), with room to spare.
            Reserve(192 + row.Period.LabelUtf8.Length + row.Area.Utf8.Length + note);
            BinaryPrimitives.WriteInt16BigEndian(buffer.AsSpan(used), (short)(WritesDirectly ? Columns + 2 : Columns));
            used += 2;
            Int32(8);
            Int64(idOffset + row.Line);
            Int32(4);
            Int32(row.MeasureId);
            Int32(4);
            Int32(row.Period.Period.Start.DayNumber - Epoch);
            Int32(4);
            Int32(row.Period.Period.End.DayNumber - Epoch);
            Bytes(row.Period.LabelUtf8);
            Bytes(row.Area.Utf8);
            Int32(4);
            Int32(row.BreakdownId);
            Double(row.Value);
            OptionalDouble(row.Numerator);
            OptionalDouble(row.Denominator);
            OptionalDouble(row.LowerCi);
            OptionalDouble(row.UpperCi);
            Int32(4);
            Int32(row.Status);
            if (row.QualityNote is { } text)
            {
                var length = Encoding.UTF8.GetBytes(text, buffer.AsSpan(used + 4));
                Int32(length);
                used += length;
            }
            else
            {
                Int32(-1);
            }

            Int32(1);
            buffer[used++] = row.Published ? (byte)1 : (byte)0;
            if (WritesDirectly)
            {
                Int32(4);
                Int32(BatchId);
                Int32(4);
                Int32(1);
            }
        }

        Staged += rows.Length;
    }

    public override async Task CompleteAsync(CancellationToken cancellationToken)
    {
        Reserve(2);
        BinaryPrimitives.WriteInt16BigEndian(buffer.AsSpan(used), -1);
        used += 2;
        Flush();
        await copy!.DisposeAsync();
        copy = null;
        if (WritesDirectly)
        {
            await RestoreSetAsideAsync(cancellationToken);
            return;
        }

        await ExecuteAsync("ANALYZE import_staging", cancellationToken);
    }

    private void Reserve(int bytes)
    {
        if (used + bytes <= buffer.Length)
        {
            return;
        }

        Flush();
        if (bytes > buffer.Length)
        {
            buffer = new byte[bytes];
        }
    }

    private void Flush()
    {
        copy!.Write(buffer, 0, used);
        used = 0;
    }

    private void Int32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(used), value);
        used += 4;
    }

    private void Int64(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(used), value);
        used += 8;
    }

    private void Double(double value)
    {
        Int32(8);
        BinaryPrimitives.WriteDoubleBigEndian(buffer.AsSpan(used), value);
        used += 8;
    }

    private void OptionalDouble(double? value)
    {
        if (value is { } number)
        {
            Double(number);
        }
        else
        {
            Int32(-1);
        }
    }

    private void Bytes(byte[] bytes)
    {
        Int32(bytes.Length);
        bytes.CopyTo(buffer, used);
        used += bytes.Length;
    }

    public override async Task<(IReadOnlyList<InputError> Listed, long Count)> FindRepeatsAsync(int max, CancellationToken cancellationToken)
    {
        // Building a unique index proves there are no repeats in one sort. Only when it fails is the
        // slower query run that names every repeating row. A first load has built the table's own.
        if (WritesDirectly ? !uniqueIndexFailed : await TryCreateUniqueIndexAsync("CREATE UNIQUE INDEX import_staging_key ON import_staging (measure_id, period_start, area_code, breakdown_id)", cancellationToken))
        {
            return ([], 0);
        }

        var rows = WritesDirectly
            ? $"(SELECT id - {idOffset} AS line, measure_id, period_start, area_code, breakdown_id FROM observations) stored"
            : "import_staging";
        var listed = new List<InputError>();
        long count = 0;
        await using var command = Command($"""
            SELECT line, first_line, count(*) OVER ()
            FROM (SELECT line, min(line) OVER (PARTITION BY measure_id, period_start, area_code, breakdown_id) AS first_line FROM {rows}) keyed
            WHERE line <> first_line
            ORDER BY line
            LIMIT @max
            """);
        command.Parameters.Add(new NpgsqlParameter("max", Math.Max(max, 1)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            count = reader.GetInt64(2);
            if (listed.Count < max)
            {
                listed.Add(Repeat(reader.GetInt64(0), reader.GetInt64(1)));
            }
        }

        return (listed, count);
    }

    /// <summary>
    /// A first load into an empty table: rather than checking four foreign keys and maintaining four
    /// indexes row by row, the foreign keys and secondary indexes are dropped inside the transaction,
    /// the rows copied straight into observations (each row's id is its line number plus the table's
    /// last id, so a repeat can name the row it repeats), and the same definitions (read from the
    /// catalogue) recreated, which checks every key in one pass and builds each index in one sort; the
    /// unique index finds any repeated key. Dropping takes the table's exclusive lock, under which it
    /// is checked to be still empty. It is all one transaction, so a failure or a kill restores them as
    /// they were. It needs the table's owner; without that, or when the table holds rows, the staging
    /// table is used.
    /// </summary>
    private async Task<bool> BeginFirstLoadAsync(CancellationToken cancellationToken)
    {
        if (await ScalarAsync(TableHasRows, cancellationToken) > 0)
        {
            return false;
        }

        var drops = new List<string>();
        await using (var command = Command("""
            SELECT 'DROP INDEX ' || quote_ident(n.nspname) || '.' || quote_ident(c.relname), pg_get_indexdef(i.indexrelid), i.indisunique, 1
            FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE i.indrelid = 'observations'::regclass AND NOT i.indisprimary
              AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
            UNION ALL
            SELECT 'ALTER TABLE observations DROP CONSTRAINT ' || quote_ident(conname),
                   'ALTER TABLE observations ADD CONSTRAINT ' || quote_ident(conname) || ' ' || pg_get_constraintdef(oid), false, 2
            FROM pg_constraint WHERE conrelid = 'observations'::regclass AND contype = 'f'
            ORDER BY 4, 3 DESC, 1
            """))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                drops.Add(reader.GetString(0));
                setAside.Add((reader.GetBoolean(2), reader.GetString(1)));
            }
        }

        await Transaction.SaveAsync("import_first_load", cancellationToken);
        try
        {
            foreach (var drop in drops)
            {
                await ExecuteAsync(drop, cancellationToken);
            }

            if (await ScalarAsync(TableHasRows, cancellationToken) == 0)
            {
                idOffset = await ScalarAsync("SELECT COALESCE(pg_sequence_last_value(pg_get_serial_sequence('observations', 'id')::regclass), 0)", cancellationToken);
                await Transaction.ReleaseAsync("import_first_load", cancellationToken);
                return true;
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
        }

        // Not the owner, or rows arrived before the lock: put everything back and stage instead.
        await Transaction.RollbackAsync("import_first_load", cancellationToken);
        setAside.Clear();
        return false;
    }

    private const string TableHasRows = "SELECT count(*) FROM (SELECT 1 FROM observations LIMIT 1) any_row";

    /// <summary>
    /// Builds what the first load set aside, the unique index first (the catalogue query orders it so).
    /// When that index finds a repeated key, the rest is not built: the import will be rolled back.
    /// </summary>
    private async Task RestoreSetAsideAsync(CancellationToken cancellationToken)
    {
        foreach (var (unique, create) in setAside)
        {
            if (!unique)
            {
                await ExecuteAsync(create, cancellationToken);
            }
            else if (!await TryCreateUniqueIndexAsync(create, cancellationToken))
            {
                uniqueIndexFailed = true;
                return;
            }
        }

        // The ids were given here, not drawn from the table's sequence: move it past them.
        await ExecuteAsync("SELECT setval(pg_get_serial_sequence('observations', 'id'), max(id)) FROM observations HAVING count(*) > 0", cancellationToken);
    }

    private async Task<bool> TryCreateUniqueIndexAsync(string create, CancellationToken cancellationToken)
    {
        await Transaction.SaveAsync("import_keys", cancellationToken);
        try
        {
            await ExecuteAsync(create, cancellationToken);
            await Transaction.ReleaseAsync("import_keys", cancellationToken);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await Transaction.RollbackAsync("import_keys", cancellationToken);
            return false;
        }
    }

    /// <summary>
    /// Both sides are in key order through their unique indexes (the staging one is built to find
    /// repeats), so a merge join reads each once. Left to itself the planner probes the observations
    /// index once per staged row (through a Memoize that never hits) or hashes ten million rows to
    /// disk: several times slower. Only for the statements that join on the key; the foreign-key
    /// checks of a first load plan as usual.
    /// </summary>
    protected override async Task<IAsyncDisposable> JoinByKeyAsync(CancellationToken cancellationToken)
    {
        await ExecuteAsync("SET LOCAL enable_nestloop = off; SET LOCAL enable_hashjoin = off; SET LOCAL enable_memoize = off", cancellationToken);
        return new JoinSettings(this);
    }

    private sealed class JoinSettings(PostgresObservationStage stage) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await stage.ExecuteAsync("RESET enable_nestloop; RESET enable_hashjoin; RESET enable_memoize", CancellationToken.None);
            }
            catch (PostgresException)
            {
                // The statement failed and took the transaction with it: it will be rolled back, settings and all.
            }
        }
    }

    /// <summary>A first load already holds the table's exclusive lock, taken when its indexes were dropped.</summary>
    public override Task LockAsync(CancellationToken cancellationToken) =>
        WritesDirectly ? Task.CompletedTask : ExecuteAsync("LOCK TABLE observations IN SHARE ROW EXCLUSIVE MODE", cancellationToken);

    protected override string UpdateSql(int batchId) => $"""
        UPDATE observations o
        SET value = s.value, numerator = s.numerator, denominator = s.denominator, lower_ci = s.lower_ci, upper_ci = s.upper_ci, status = s.status,
            quality_note = s.quality_note, published = s.published, batch_id = {batchId}, version = o.version + 1
        FROM import_staging s
        WHERE {KeyJoin} AND ({Changed})
        """;

    protected override async ValueTask CloseAsync()
    {
        if (copy is not null)
        {
            // Not completed: cancel the COPY; the transaction is rolled back by its owner.
            try
            {
                await copy.CancelAsync();
                await copy.DisposeAsync();
            }
            catch (NpgsqlException)
            {
            }
            catch (InvalidOperationException)
            {
            }

            copy = null;
        }
    }

    internal static InputError Repeat(long line, long firstLine) =>
        new(line, ObservationColumns.Measure, $"this row repeats row {firstLine}: the same measure, period, area and breakdown can appear only once in a file");
}
