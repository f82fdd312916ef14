using System.Globalization;
using CouncilPlan.Core.Imports;

namespace CouncilPlan.Cli;

/// <summary>How `councilplan data import` shows its progress.</summary>
public enum ProgressMode
{
    /// <summary>A bar when standard error is a terminal, nothing otherwise.</summary>
    Auto,

    /// <summary>A bar redrawn in place on standard error.</summary>
    Bar,

    /// <summary>A plain line for each tenth of the file and each stage, for logs.</summary>
    Lines,

    None,
}

/// <summary>A one-line progress bar for a terminal, redrawn in place with a carriage return.</summary>
public sealed class ProgressBar(TextWriter writer, int width = 80) : IProgress<ImportProgress>
{
    private const int BarWidth = 30;
    private readonly Lock gate = new();
    private string last = "";

    public void Report(ImportProgress value)
    {
        lock (gate)
        {
            var line = Describe(value);
            if (line == last)
            {
                return;
            }

            last = line;
            var shown = line.Length >= width ? line[..(width - 1)] : line.PadRight(width - 1);
            writer.Write("\r" + shown);
            if (value.Phase == ImportPhase.Done)
            {
                writer.Write("\r" + new string(' ', width - 1) + "\r");
            }

            writer.Flush();
        }
    }

    /// <summary>Clears the bar, for when the import ends without a last report (an error).</summary>
    public void Clear()
    {
        lock (gate)
        {
            if (last.Length > 0)
            {
                writer.Write("\r" + new string(' ', width - 1) + "\r");
                writer.Flush();
                last = "";
            }
        }
    }

    public static string Describe(ImportProgress value)
    {
        var rows = value.Rows.ToString("N0", CultureInfo.InvariantCulture) + " rows";
        return value.Phase switch
        {
            ImportPhase.Reading when value.TotalBytes is > 0 and var total =>
                $"Reading  [{Bar(value.BytesRead, total)}] {Percent(value.BytesRead, total),3}%  {rows}  {Megabytes(value.BytesRead)}/{Megabytes(total)} MB",
            ImportPhase.Reading => $"Reading  {rows}  {Megabytes(value.BytesRead)} MB",
            ImportPhase.Checking => $"Checking {rows}: repeated rows, changes ...",
            ImportPhase.Saving => $"Saving   {rows} ...",
            _ => "",
        };
    }

    internal static int Percent(long done, long total) => total <= 0 ? 100 : (int)Math.Min(100, done * 100 / total);

    private static string Bar(long done, long total)
    {
        var filled = (int)Math.Min(BarWidth, done * BarWidth / Math.Max(1, total));
        return new string('#', filled) + new string('-', BarWidth - filled);
    }

    private static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);
}

/// <summary>Progress as plain lines ("progress: reading 30% (1,234 rows)"), one per tenth and per stage.</summary>
public sealed class ProgressLines(TextWriter writer) : IProgress<ImportProgress>
{
    private readonly Lock gate = new();
    private ImportPhase phase = ImportPhase.Reading;
    private int tenth = -1;

    public void Report(ImportProgress value)
    {
        lock (gate)
        {
            if (value.Phase == ImportPhase.Reading && value.TotalBytes is > 0 and var total)
            {
                // Every tenth gets its line, even when one report passes several (a fast read), so a
                // script can wait for "reading 20%" and see it.
                var now = ProgressBar.Percent(value.BytesRead, total) / 10;
                if (now > tenth)
                {
                    while (tenth < now)
                    {
                        tenth++;
                        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"progress: reading {tenth * 10}% ({value.Rows:N0} rows)"));
                    }

                    writer.Flush();
                }
            }
            else if (value.Phase != phase)
            {
                phase = value.Phase;
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"progress: {value.Phase.ToString().ToLowerInvariant()} ({value.Rows:N0} rows)"));
                writer.Flush();
            }
        }
    }
}
