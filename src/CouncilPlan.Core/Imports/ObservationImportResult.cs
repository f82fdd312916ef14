namespace CouncilPlan.Core.Imports;

/// <summary>One problem in an observations file: the file's line number, the column's name and why.</summary>
/// <param name="Row">The line of the file the row starts on (the header is line 1); 0 for the file as a whole.</param>
/// <param name="Column">The column's name as the format spells it, or empty when the problem is the whole row or file.</param>
/// <param name="Reason">What is wrong, in words a data officer can act on.</param>
public sealed record ImportError(long Row, string Column, string Reason)
{
    /// <summary>The error as the command line prints it: <c>FILE:ROW:COLUMN: reason</c>.</summary>
    public string Format(string fileName) =>
        (Row, Column.Length) switch
        {
            (0, _) => $"{fileName}: {Reason}",
            (_, 0) => $"{fileName}:{Row}: {Reason}",
            _ => $"{fileName}:{Row}:{Column}: {Reason}",
        };
}

/// <summary>What an observations import did, or would do (a dry run), or why it did nothing.</summary>
public sealed record ObservationImportResult
{
    /// <summary>Data rows read from the file (blank lines are not rows).</summary>
    public long RowsRead { get; init; }

    /// <summary>Observations added (or that a dry run would add).</summary>
    public long Added { get; init; }

    /// <summary>Stored observations changed, each becoming a revision (or that a dry run would change).</summary>
    public long Revised { get; init; }

    /// <summary>Rows equal to what is stored: left untouched.</summary>
    public long Unchanged { get; init; }

    /// <summary>The errors listed (at most <see cref="ObservationImportOptions.MaxErrors"/>), in row order.</summary>
    public IReadOnlyList<ImportError> Errors { get; init; } = [];

    /// <summary>Every error found, listed or not.</summary>
    public long ErrorCount { get; init; }

    /// <summary>Whether the figures in the file are now in the database: true after a clean import, even
    /// when nothing needed to change; false after a dry run or when there were errors.</summary>
    public bool Committed { get; init; }

    public bool DryRun { get; init; }

    /// <summary>The batch that entered the changes, or null when nothing changed.</summary>
    public int? BatchId { get; init; }

    /// <summary>How long each stage took, in order ("reading", "checking", "saving"), for tuning and benchmarks.</summary>
    public IReadOnlyList<(string Stage, TimeSpan Time)> Timings { get; init; } = [];

    public bool IsValid => ErrorCount == 0;

    /// <summary>How many errors were found but not listed.</summary>
    public long ErrorsNotListed => ErrorCount - Errors.Count;
}
