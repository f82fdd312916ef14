using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using CouncilPlan.Core.Audit;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Diagnostics;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Validation;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CouncilPlan.Core.Imports;

/// <summary>
/// Loads an observations CSV (docs/observations-csv-format.md) into the database, all or nothing.
/// <para>
/// One thread reads and checks the file while another streams the checked rows into a temporary
/// staging table inside the import's transaction (binary COPY on PostgreSQL, one prepared statement
/// on SQLite), so memory stays the same whatever the file's size. The database then finds repeated
/// keys, and a set-based merge inserts new keys and updates changed rows (version + 1, the new
/// batch); the database's trigger keeps each replaced version as a revision. Any error, a
/// cancellation or the process dying before the commit leaves the database as it was; a file that
/// changes nothing leaves no trace, not even a batch.
/// </para>
/// </summary>
public sealed class ObservationImporter(CouncilPlanDb db, TimeProvider clock, CouncilPlanMetrics? metrics = null)
{
    private const int ChunkRows = 4096;
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(100);

    public async Task<ObservationImportResult> ImportFileAsync(string path, ObservationImportOptions options, CancellationToken cancellationToken = default)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        return await ImportAsync(stream, Path.GetFileName(path), options, cancellationToken);
    }

    public async Task<ObservationImportResult> ImportAsync(Stream csv, string fileName, ObservationImportOptions options, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var recorder = metrics ?? CouncilPlanMetrics.Shared;
        try
        {
            var result = await ImportCoreAsync(csv, fileName, options, cancellationToken);
            var outcome = result.ErrorCount > 0 ? "rejected" : result.DryRun ? "dry_run" : "committed";
            recorder.Imported(outcome, result.RowsRead, Stopwatch.GetElapsedTime(started));
            return result;
        }
        catch
        {
            // How many rows were read is not known here; the time spent still counts.
            recorder.Imported("failed", 0, Stopwatch.GetElapsedTime(started));
            throw;
        }
    }

    private async Task<ObservationImportResult> ImportCoreAsync(Stream csv, string fileName, ObservationImportOptions options, CancellationToken cancellationToken)
    {
        var errors = new InputErrors(options.MaxErrors);
        var timings = new StageTimer();
        var totalBytes = csv.CanSeek ? csv.Length - csv.Position : (long?)null;
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        try
        {
            var restore = connection is SqliteConnection sqlite ? await SqliteObservationStage.PrepareConnectionAsync(sqlite, cancellationToken) : null;
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

                // Read inside the transaction: on SQLite it holds the write lock, so what the rows are
                // checked against cannot change before the commit.
                var catalogue = await ImportCatalogue.LoadAsync(db, cancellationToken);
                var rows = ObservationRowReader.Open(new CsvRecordReader(csv), catalogue, errors, options.Publish);
                if (rows is null)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    return Failed(errors, 0, options);
                }

                await using var stage = CreateStage(connection, transaction, options.MaxErrors);
                await stage.BeginAsync(cancellationToken);
                DataBatch? batch = null;
                if (stage.WritesDirectly)
                {
                    batch = await AddBatchAsync(fileName, options, cancellationToken);
                    stage.BatchId = batch.Id;
                }

                await stage.StartWritingAsync(cancellationToken);

                await StageAsync(rows, stage, options.Progress, totalBytes, cancellationToken);
                await stage.CompleteAsync(cancellationToken);
                timings.End("reading");

                options.Progress?.Report(new ImportProgress(ImportPhase.Checking, rows.BytesRead, totalBytes, rows.RowsRead));
                var (repeats, repeatCount) = await stage.FindRepeatsAsync(options.MaxErrors, cancellationToken);
                errors.Merge(repeats, repeatCount);
                if (errors.Count > 0)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    return Failed(errors, rows.RowsRead, options);
                }

                await stage.LockAsync(cancellationToken);
                timings.End("repeats");
                var (added, revised) = await stage.CountChangesAsync(cancellationToken);
                timings.End("comparing");
                var result = new ObservationImportResult
                {
                    RowsRead = rows.RowsRead,
                    Added = added,
                    Revised = revised,
                    Unchanged = stage.Staged - added - revised,
                    DryRun = options.DryRun,
                    Timings = timings.Stages,
                };
                if (options.DryRun || added + revised == 0)
                {
                    // Nothing to write (or not asked to): roll back so that not even the batch remains.
                    await transaction.RollbackAsync(cancellationToken);
                    options.Progress?.Report(new ImportProgress(ImportPhase.Done, rows.BytesRead, totalBytes, rows.RowsRead));
                    return result with { Committed = !options.DryRun };
                }

                options.Progress?.Report(new ImportProgress(ImportPhase.Saving, rows.BytesRead, totalBytes, rows.RowsRead));
                batch ??= await AddBatchAsync(fileName, options, cancellationToken);

                var updated = revised > 0 ? await stage.UpdateChangedAsync(batch.Id, cancellationToken) : 0;
                timings.End("updating");
                var inserted = added > 0 ? await stage.InsertNewAsync(batch.Id, allNew: added == stage.Staged, cancellationToken) : 0;
                timings.End("inserting");
                if (updated != revised || inserted != added)
                {
                    throw new InvalidOperationException($"The import counted {added} new and {revised} changed rows but wrote {inserted} and {updated}; nothing was saved.");
                }

                // Set-based writes bypass the context's audit interceptor: the import records itself,
                // and each replaced value is kept in observation_revisions with this batch.
                db.AuditEntries.Add(new AuditEntry
                {
                    At = clock.GetUtcNow(),
                    Who = db.Actor.Who == AuditActor.System.Who ? options.EnteredBy : db.Actor.Who,
                    FromWhere = db.Actor.FromWhere,
                    Action = "imported",
                    Entity = nameof(Observation),
                    Key = $"batch {batch.Id}: {fileName}",
                    After = JsonSerializer.Serialize(new { added, revised, unchanged = stage.Staged - added - revised, batch = batch.Id }),
                });
                await db.SaveChangesAsync(cancellationToken);
                await DataVersion.BumpAsync(db, clock, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                timings.End("committing");
                options.Progress?.Report(new ImportProgress(ImportPhase.Done, rows.BytesRead, totalBytes, rows.RowsRead));
                return result with { Committed = true, BatchId = batch.Id, Timings = timings.Stages };
            }
            finally
            {
                if (connection is SqliteConnection sqliteConnection && restore is not null)
                {
                    await SqliteObservationStage.RestoreConnectionAsync(sqliteConnection, restore);
                }
            }
        }
        finally
        {
            db.ChangeTracker.Clear();
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<DataBatch> AddBatchAsync(string fileName, ObservationImportOptions options, CancellationToken cancellationToken)
    {
        var batch = new DataBatch
        {
            EnteredBy = options.EnteredBy.Length > 200 ? options.EnteredBy[..200] : options.EnteredBy,
            EnteredAt = clock.GetUtcNow(),
            Description = options.Description ?? $"import of {fileName}",
        };
        db.DataBatches.Add(batch);
        await db.SaveChangesAsync(cancellationToken);
        return batch;
    }

    private static ObservationImportResult Failed(InputErrors errors, long rowsRead, ObservationImportOptions options) => new()
    {
        RowsRead = rowsRead,
        Errors = errors.Listed,
        ErrorCount = errors.Count,
        DryRun = options.DryRun,
    };

    private static ObservationStage CreateStage(System.Data.Common.DbConnection connection, IDbContextTransaction transaction, int maxErrors)
    {
        var dbTransaction = transaction.GetDbTransaction();
        return connection switch
        {
            NpgsqlConnection npgsql => new PostgresObservationStage(npgsql, (NpgsqlTransaction)dbTransaction),
            SqliteConnection sqlite => WithMax(new SqliteObservationStage(sqlite, (SqliteTransaction)dbTransaction), maxErrors),
            _ => throw new NotSupportedException($"Observation imports support SQLite and PostgreSQL, not {connection.GetType().Name}."),
        };

        static SqliteObservationStage WithMax(SqliteObservationStage stage, int max)
        {
            stage.SetMaxRepeats(max);
            return stage;
        }
    }

    /// <summary>
    /// The pipeline: this method's reader thread parses and checks rows into chunks; the caller's
    /// flow writes each chunk to the stage. A bounded channel of recycled chunks keeps memory fixed.
    /// </summary>
    private static async Task StageAsync(ObservationRowReader rows, ObservationStage stage, IProgress<ImportProgress>? progress, long? totalBytes, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var full = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        var empty = Channel.CreateUnbounded<Chunk>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        for (var i = 0; i < 6; i++)
        {
            empty.Writer.TryWrite(new Chunk(ChunkRows));
        }

        var parser = Task.Factory.StartNew(
            () => Parse(rows, full.Writer, empty.Reader, progress, totalBytes, stop.Token),
            stop.Token,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        try
        {
            await foreach (var chunk in full.Reader.ReadAllAsync(stop.Token))
            {
                stage.Write(chunk.Rows.AsSpan(0, chunk.Count));
                chunk.Clear();
                empty.Writer.TryWrite(chunk);
            }
        }
        catch
        {
            await stop.CancelAsync();
            try
            {
                await parser;
            }
            catch (OperationCanceledException)
            {
            }

            throw;
        }

        await parser;
    }

    private static void Parse(ObservationRowReader rows, ChannelWriter<Chunk> full, ChannelReader<Chunk> empty, IProgress<ImportProgress>? progress, long? totalBytes, CancellationToken cancellationToken)
    {
        try
        {
            var clock = Stopwatch.StartNew();
            var lastReport = TimeSpan.Zero;
            progress?.Report(new ImportProgress(ImportPhase.Reading, rows.BytesRead, totalBytes, 0));
            var chunk = Take(empty, cancellationToken);
            var more = true;
            while (more)
            {
                while (chunk.Count < chunk.Rows.Length && (more = rows.ReadRow(ref chunk.Rows[chunk.Count], out var valid)))
                {
                    if (valid)
                    {
                        chunk.Count++;
                    }
                }

                if (chunk.Count > 0 || !more)
                {
                    Put(full, chunk, cancellationToken);
                    chunk = more ? Take(empty, cancellationToken) : chunk;
                }

                if (progress is not null && (clock.Elapsed - lastReport >= ProgressInterval || !more))
                {
                    lastReport = clock.Elapsed;
                    progress.Report(new ImportProgress(ImportPhase.Reading, rows.BytesRead, totalBytes, rows.RowsRead));
                }
            }

            full.TryComplete();
        }
        catch (Exception e)
        {
            full.TryComplete(e);
            throw;
        }
    }

    private static Chunk Take(ChannelReader<Chunk> empty, CancellationToken cancellationToken)
    {
        Chunk? chunk;
        while (!empty.TryRead(out chunk))
        {
            empty.WaitToReadAsync(cancellationToken).AsTask().GetAwaiter().GetResult();
        }

        return chunk;
    }

    private static void Put(ChannelWriter<Chunk> full, Chunk chunk, CancellationToken cancellationToken)
    {
        while (!full.TryWrite(chunk))
        {
            if (!full.WaitToWriteAsync(cancellationToken).AsTask().GetAwaiter().GetResult())
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }
    }

    private sealed class StageTimer
    {
        private readonly Stopwatch watch = Stopwatch.StartNew();
        private readonly List<(string, TimeSpan)> stages = [];
        private TimeSpan last;

        public IReadOnlyList<(string Stage, TimeSpan Time)> Stages => stages;

        public void End(string stage)
        {
            var now = watch.Elapsed;
            stages.Add((stage, now - last));
            last = now;
        }
    }

    private sealed class Chunk(int size)
    {
        public StagedRow[] Rows { get; } = new StagedRow[size];

        public int Count { get; set; }

        public void Clear()
        {
            // Drop references to quality notes so that recycled chunks hold no old strings.
            Array.Clear(Rows, 0, Count);
            Count = 0;
        }
    }
}
