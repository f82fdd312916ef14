namespace CouncilPlan.Core.Imports;

/// <summary>How to run an observations import.</summary>
public sealed record ObservationImportOptions
{
    /// <summary>Check the whole file and work out what would change, then change nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>
    /// The person importing asks to publish, and may (the performance team; the command line's
    /// operator, who holds the database): only then may rows say <c>published</c> true. Without it
    /// such a row is an error and the figures wait on the workspace's Publish page.
    /// </summary>
    public bool Publish { get; init; }

    /// <summary>Who entered the figures: recorded on the batch and so on every revision it causes.</summary>
    public string EnteredBy { get; init; } = "unknown";

    /// <summary>What the batch was ("import of employment.csv"); by default "import of FILE".</summary>
    public string? Description { get; init; }

    /// <summary>Told how far the import has got, from the thread that reads the file.</summary>
    public IProgress<ImportProgress>? Progress { get; init; }

    /// <summary>How many errors are listed; the rest are counted.</summary>
    public int MaxErrors { get; init; } = 100;
}

/// <summary>The stages an import goes through, in order.</summary>
public enum ImportPhase
{
    /// <summary>Reading, checking and staging the rows of the file.</summary>
    Reading,

    /// <summary>Looking for rows that repeat a key and comparing the file with what is stored.</summary>
    Checking,

    /// <summary>Writing the new and changed figures.</summary>
    Saving,

    /// <summary>Finished (committed, rolled back, or nothing to do).</summary>
    Done,
}

/// <summary>How far an import has got.</summary>
/// <param name="Phase">What it is doing.</param>
/// <param name="BytesRead">Bytes of the file read so far.</param>
/// <param name="TotalBytes">The file's size, when the stream knows it.</param>
/// <param name="Rows">Data rows read so far.</param>
public readonly record struct ImportProgress(ImportPhase Phase, long BytesRead, long? TotalBytes, long Rows);
