using System.Text;
using System.Text.Json;
using CouncilPlan.Core.Audit;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Exports;
using CouncilPlan.Core.Imports;
using CouncilPlan.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Resources;

/// <summary>How to run a resources import.</summary>
public sealed record ResourceImportOptions
{
    /// <summary>Check the whole file and work out what would change, then change nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Who entered the figures, recorded on every line changed.</summary>
    public string EnteredBy { get; init; } = "unknown";

    /// <summary>How many errors are listed; the rest are counted.</summary>
    public int MaxErrors { get; init; } = 100;
}

/// <summary>What a resources import did, or would do, or why it did nothing.</summary>
public sealed record ResourceImportResult
{
    public long RowsRead { get; init; }

    public int Added { get; init; }

    public int Changed { get; init; }

    public int Unchanged { get; init; }

    public IReadOnlyList<InputError> Errors { get; init; } = [];

    public long ErrorCount { get; init; }

    public bool DryRun { get; init; }

    /// <summary>Whether the file's lines are now in the database (false after a dry run or errors).</summary>
    public bool Committed { get; init; }

    public bool IsValid => ErrorCount == 0;

    public long ErrorsNotListed => ErrorCount - Errors.Count;
}

/// <summary>
/// Loads a resources CSV (docs/resources-csv-format.md) with the observations import's rules: the
/// whole file is checked first and every problem reported with its row and column; on any problem
/// nothing is written. A line already stored for the same type, id and quarter is replaced (the
/// audit log keeps what it was); a file that changes nothing leaves no trace.
/// </summary>
public sealed class ResourceImporter(CouncilPlanDb db, TimeProvider clock)
{
    public async Task<ResourceImportResult> ImportFileAsync(string path, ResourceImportOptions options, CancellationToken cancellationToken = default)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return await ImportAsync(stream, Path.GetFileName(path), options, cancellationToken);
    }

    public async Task<ResourceImportResult> ImportAsync(Stream csv, string fileName, ResourceImportOptions options, CancellationToken cancellationToken = default)
    {
        var errors = new InputErrors(options.MaxErrors);
        var catalogue = await ResourceCatalogue.LoadAsync(db, cancellationToken);
        var (rows, rowsRead) = Read(new CsvRecordReader(csv, 1 << 16), catalogue, errors);
        if (errors.Count > 0)
        {
            return Failed(errors, rowsRead, options);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow();
            var added = 0;
            var changed = 0;
            var existing = await db.ResourceLines.ToListAsync(cancellationToken);
            foreach (var (_, line) in rows)
            {
                var stored = existing.SingleOrDefault(l => l.PlanId == line.PlanId && l.Kind == line.Kind && l.Key == line.Key && l.QuarterStart == line.QuarterStart);
                if (stored is null)
                {
                    line.EnteredBy = options.EnteredBy;
                    line.EnteredAt = now;
                    line.Version = 1;
                    if (line.Published)
                    {
                        line.PublishedBy = options.EnteredBy;
                        line.PublishedAt = now;
                    }

                    db.ResourceLines.Add(line);
                    added++;
                }
                else if (!stored.SameContent(line))
                {
                    ResourceEditor.Copy(line, stored, options.EnteredBy, now);
                    changed++;
                }
            }

            var result = new ResourceImportResult { RowsRead = rowsRead, Added = added, Changed = changed, Unchanged = rows.Count - added - changed, DryRun = options.DryRun };
            if (options.DryRun || added + changed == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return result with { Committed = !options.DryRun };
            }

            await db.SaveChangesAsync(cancellationToken);
            db.AuditEntries.Add(new AuditEntry
            {
                At = now,
                Who = db.Actor.Who == AuditActor.System.Who ? options.EnteredBy : db.Actor.Who,
                FromWhere = db.Actor.FromWhere,
                Action = "imported",
                Entity = nameof(ResourceLine),
                Key = fileName.Length > 300 ? fileName[..300] : fileName,
                After = JsonSerializer.Serialize(new { added, changed, unchanged = result.Unchanged }),
            });
            await db.SaveChangesAsync(cancellationToken);
            await DataVersion.BumpAsync(db, clock, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result with { Committed = true };
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private static ResourceImportResult Failed(InputErrors errors, long rowsRead, ResourceImportOptions options) => new()
    {
        RowsRead = rowsRead,
        Errors = errors.Listed,
        ErrorCount = errors.Count,
        DryRun = options.DryRun,
    };

    /// <summary>Reads and checks every row; lines come back only when the whole file is clean.</summary>
    private static (List<(long Row, ResourceLine Line)> Rows, long RowsRead) Read(CsvRecordReader csv, ResourceCatalogue catalogue, InputErrors errors)
    {
        var rows = new List<(long, ResourceLine)>();
        var header = CsvHeader.Read(csv, ResourceColumns.All, ResourceColumns.Required, errors, "line");
        if (header is null)
        {
            return (rows, 0);
        }

        long read = 0;
        var seen = new Dictionary<(string, ResourceKind, string, DateOnly), long>();
        foreach (var (row, fields) in CsvRows.Named(csv, header, errors))
        {
            read++;
            if (fields is null)
            {
                continue;
            }

            var line = ResourceRules.Check(ResourceInput.FromColumns(fields), catalogue, (column, reason) => errors.Add(row, column, reason));
            if (line is null)
            {
                continue;
            }

            var key = (line.PlanId, line.Kind, line.Key, line.QuarterStart);
            if (seen.TryGetValue(key, out var first))
            {
                errors.Add(row, line.Kind == ResourceKind.Revenue ? ResourceColumns.Portfolio : ResourceColumns.Line, $"the {line.Kind.ToString().ToLowerInvariant()} line '{line.Key}' for {line.Quarter} is already on row {first}: each line appears once per quarter");
                continue;
            }

            seen[key] = row;
            rows.Add((row, line));
        }

        return (rows, read);
    }
}
