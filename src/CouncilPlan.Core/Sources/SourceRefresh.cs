namespace CouncilPlan.Core.Sources;

/// <summary>
/// One refresh of a source from its publisher, kept whatever happened (figures added, nothing new,
/// a dry run, or an error), so the performance team can see when each source was last fetched and
/// the public pages can say when a measure's figures were last updated and from where.
/// </summary>
public sealed class SourceRefresh
{
    public long Id { get; set; }

    /// <summary>The source's id in the measure catalogue (not a foreign key: the record outlives a source taken out of the catalogue).</summary>
    public required string SourceId { get; set; }

    /// <summary>Where the figures came from, as the public pages name it: "OHID Fingertips".</summary>
    public required string Service { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset FinishedAt { get; set; }

    public bool DryRun { get; set; }

    /// <summary>The addresses fetched, one a line (a recorded response is named as such).</summary>
    public required string Urls { get; set; }

    /// <summary>The measures the source's series fill, space-separated with a space at each end, so that " A1-03 " finds one.</summary>
    public required string Measures { get; set; }

    public long Added { get; set; }

    public long Revised { get; set; }

    public long Unchanged { get; set; }

    /// <summary>Rows the publisher marked as withheld or not available, left out.</summary>
    public long Suppressed { get; set; }

    /// <summary>Why nothing was changed, or null when the refresh succeeded.</summary>
    public string? Error { get; set; }

    /// <summary>The data batch that entered the changes, when there were any.</summary>
    public int? BatchId { get; set; }

    /// <summary>Who or what started it: a user at the command line, or the scheduled refresh.</summary>
    public required string By { get; set; }

    public bool Succeeded => Error is null;

    /// <summary>How a figure's origin reads when it came from a recorded response rather than the publisher.</summary>
    public const string RecordedPrefix = "recorded ";

    /// <summary>
    /// Every series was read from a recorded response (a stand-in for the publisher, for trials and
    /// tests): such a refresh says nothing about when the publisher was last asked.
    /// </summary>
    public bool FromRecordedResponses => Urls.Length > 0 && Urls.Split('\n').All(u => u.StartsWith(RecordedPrefix, StringComparison.Ordinal));

    public IEnumerable<string> MeasureCodes => Measures.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static string MeasureKey(string code) => $" {code} ";
}
