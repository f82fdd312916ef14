using CouncilPlan.Core.Validation;
namespace CouncilPlan.Core.Imports;

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
    public IReadOnlyList<InputError> Errors { get; init; } = [];

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
