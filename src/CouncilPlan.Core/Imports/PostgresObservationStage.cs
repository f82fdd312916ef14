using Npgsql;
using NpgsqlTypes;

namespace CouncilPlan.Core.Imports;

/// <summary>
/// PostgreSQL: the rows go by binary COPY into a temporary table that is dropped with the
/// transaction; a unique index on it proves the keys are unique (and, when it cannot be built, a
/// window query names the repeating rows); then one UPDATE ... FROM and one INSERT ... SELECT merge it.
/// </summary>
internal sealed class PostgresObservationStage(NpgsqlConnection connection, NpgsqlTransaction transaction)
    : ObservationStage(connection, transaction)
{
    private NpgsqlBinaryImporter? importer;

    protected override string StagingTable => "import_staging";

    protected override string Changed =>
        "o.value IS DISTINCT FROM s.value OR o.numerator IS DISTINCT FROM s.numerator OR o.denominator IS DISTINCT FROM s.denominator " +
        "OR o.status <> s.status OR o.quality_note IS DISTINCT FROM s.quality_note OR o.published <> s.published";

    public override async Task BeginAsync(CancellationToken cancellationToken)
    {
        // Memory for the sorts and joins of a large import is the server's, for this transaction only.
        await ExecuteAsync("SET LOCAL work_mem = '64MB'", cancellationToken);
        await ExecuteAsync("SET LOCAL maintenance_work_mem = '256MB'", cancellationToken);
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
                status integer NOT NULL,
                quality_note text,
                published boolean NOT NULL
            ) ON COMMIT DROP
            """, cancellationToken);
        importer = await connection.BeginBinaryImportAsync(
            "COPY import_staging (line, measure_id, period_start, period_end, period, area_code, breakdown_id, value, numerator, denominator, status, quality_note, published) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
    }

    public override void Write(ReadOnlySpan<StagedRow> rows)
    {
        var copy = importer!;
        foreach (ref readonly var row in rows)
        {
            copy.StartRow();
            copy.Write(row.Line, NpgsqlDbType.Bigint);
            copy.Write(row.MeasureId, NpgsqlDbType.Integer);
            copy.Write(row.Period.Period.Start, NpgsqlDbType.Date);
            copy.Write(row.Period.Period.End, NpgsqlDbType.Date);
            copy.Write(row.Period.Label, NpgsqlDbType.Text);
            copy.Write(row.Area.Code, NpgsqlDbType.Text);
            copy.Write(row.BreakdownId, NpgsqlDbType.Integer);
            copy.Write(row.Value, NpgsqlDbType.Double);
            if (row.Numerator is { } numerator)
            {
                copy.Write(numerator, NpgsqlDbType.Double);
            }
            else
            {
                copy.WriteNull();
            }

            if (row.Denominator is { } denominator)
            {
                copy.Write(denominator, NpgsqlDbType.Double);
            }
            else
            {
                copy.WriteNull();
            }

            copy.Write(row.Status, NpgsqlDbType.Integer);
            if (row.QualityNote is { } note)
            {
                copy.Write(note, NpgsqlDbType.Text);
            }
            else
            {
                copy.WriteNull();
            }

            copy.Write(row.Published, NpgsqlDbType.Boolean);
        }

        Staged += rows.Length;
    }

    public override async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await importer!.CompleteAsync(cancellationToken);
        await importer.DisposeAsync();
        importer = null;
        await ExecuteAsync("ANALYZE import_staging", cancellationToken);
    }

    public override async Task<(IReadOnlyList<ImportError> Listed, long Count)> FindRepeatsAsync(int max, CancellationToken cancellationToken)
    {
        // Building a unique index proves there are no repeats in one sort. Only when it fails is the
        // slower query run that names every repeating row.
        await Transaction.SaveAsync("import_keys", cancellationToken);
        try
        {
            await ExecuteAsync("CREATE UNIQUE INDEX import_staging_key ON import_staging (measure_id, period_start, area_code, breakdown_id)", cancellationToken);
            await Transaction.ReleaseAsync("import_keys", cancellationToken);
            return ([], 0);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await Transaction.RollbackAsync("import_keys", cancellationToken);
        }

        var listed = new List<ImportError>();
        long count = 0;
        await using var command = Command("""
            SELECT line, first_line, count(*) OVER ()
            FROM (SELECT line, min(line) OVER (PARTITION BY measure_id, period_start, area_code, breakdown_id) AS first_line FROM import_staging) keyed
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

    public override Task LockAsync(CancellationToken cancellationToken) =>
        ExecuteAsync("LOCK TABLE observations IN SHARE ROW EXCLUSIVE MODE", cancellationToken);

    protected override string UpdateSql(int batchId) => $"""
        UPDATE observations o
        SET value = s.value, numerator = s.numerator, denominator = s.denominator, status = s.status,
            quality_note = s.quality_note, published = s.published, batch_id = {batchId}, version = o.version + 1
        FROM import_staging s
        WHERE {KeyJoin} AND ({Changed})
        """;

    protected override async ValueTask CloseAsync()
    {
        if (importer is not null)
        {
            // Not completed: disposing cancels the COPY, and the transaction is rolled back by its owner.
            try
            {
                await importer.DisposeAsync();
            }
            catch (NpgsqlException)
            {
            }
            catch (InvalidOperationException)
            {
            }

            importer = null;
        }
    }

    internal static ImportError Repeat(long line, long firstLine) =>
        new(line, ObservationColumns.Measure, $"this row repeats row {firstLine}: the same measure, period, area and breakdown can appear only once in a file");
}
