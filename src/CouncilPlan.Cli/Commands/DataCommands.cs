using System.CommandLine;
using System.Globalization;
using CouncilPlan.Core.Exports;
using CouncilPlan.Core.Imports;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Cli.Commands;

/// <summary>`councilplan data import FILE` and `councilplan data export --out FILE`.</summary>
public static class DataCommands
{
    public static Command Create(CliContext context)
    {
        var data = new Command("data", "Load and export observations, the figures of measures (format: docs/observations-csv-format.md).");
        data.Subcommands.Add(CreateImport(context));
        data.Subcommands.Add(CreateExport(context));
        return data;
    }

    private static Command CreateImport(CliContext context)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "An observations CSV file (UTF-8, comma-separated, with a header row)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the whole file and say what would change; change nothing." };
        var by = new Option<string>("--by") { Description = "Who entered the figures, recorded with every change (default: the user name)." };
        var description = new Option<string>("--description") { Description = "What the batch is (default: \"import of FILE\")." };
        var publish = new Option<bool>("--publish") { Description = "Publish the rows whose published column says true (a performance team decision). Without it such rows are refused, and imported figures wait on the workspace's Publish page." };
        var progressOption = new Option<ProgressMode>("--progress")
        {
            Description = "How to show progress on standard error: auto (a bar on a terminal), bar, lines or none.",
            DefaultValueFactory = _ => ProgressMode.Auto,
        };
        var timings = new Option<bool>("--timings") { Description = "Also print how long each stage of the import took (on standard error)." };
        var import = new Command("import", "Check an observations file and load it, all or nothing: new figures are added, changed ones become revisions. Loading the same file again changes nothing.")
        {
            file, dryRun, publish, by, description, progressOption, timings,
        };
        import.SetAction(async (parse, cancellationToken) =>
        {
            var csv = parse.GetValue(file)!;
            var shownName = csv.ToString();
            if (!csv.Exists)
            {
                await context.Error.WriteLineAsync($"{shownName}: the file does not exist");
                return ExitCodes.Invalid;
            }

            var mode = parse.GetValue(progressOption);
            if (mode == ProgressMode.Auto)
            {
                mode = ReferenceEquals(context.Error, Console.Error) && !Console.IsErrorRedirected ? ProgressMode.Bar : ProgressMode.None;
            }

            var bar = mode == ProgressMode.Bar ? new ProgressBar(context.Error, TerminalWidth()) : null;
            IProgress<ImportProgress>? progress = mode switch
            {
                ProgressMode.Bar => bar,
                ProgressMode.Lines => new ProgressLines(context.Error),
                _ => null,
            };

            await using var db = await context.OpenDatabaseAsync(cancellationToken);
            ObservationImportResult result;
            try
            {
                result = await new ObservationImporter(db, context.Clock).ImportFileAsync(csv.FullName, new ObservationImportOptions
                {
                    DryRun = parse.GetValue(dryRun),
                    Publish = parse.GetValue(publish),
                    EnteredBy = parse.GetValue(by) is { Length: > 0 } name ? name : Environment.UserName,
                    Description = parse.GetValue(description),
                    Progress = progress,
                }, cancellationToken);
            }
            finally
            {
                bar?.Clear();
            }

            if (!result.IsValid)
            {
                foreach (var error in result.Errors)
                {
                    await context.Error.WriteLineAsync(error.In(shownName).ToString());
                }

                if (result.ErrorsNotListed > 0)
                {
                    await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"... and {result.ErrorsNotListed:N0} more."));
                }

                await context.Error.WriteLineAsync(result.ErrorCount == 1
                    ? "1 problem found; nothing was loaded."
                    : string.Create(CultureInfo.InvariantCulture, $"{result.ErrorCount:N0} problems found; nothing was loaded."));
                return ExitCodes.Invalid;
            }

            await context.Out.WriteLineAsync(Summary(csv.Name, result));
            if (parse.GetValue(timings))
            {
                await context.Error.WriteLineAsync("timings: " + string.Join(", ", result.Timings.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Stage} {t.Time.TotalSeconds:0.00} s"))));
            }

            return ExitCodes.Success;
        });
        return import;
    }

    private static Command CreateExport(CliContext context)
    {
        var output = new Option<string>("--out", "-o") { Description = "The file to write, or - for standard output.", Required = true };
        var format = new Option<string>("--format")
        {
            Description = "csv (the import format) or json; by default from the file's extension, else csv.",
        };
        format.AcceptOnlyFromAmong("csv", "json");
        var measures = new Option<string[]>("--measure") { Description = "Only these measures (codes); repeat the option for more.", AllowMultipleArgumentsPerToken = true };
        var areas = new Option<string[]>("--area") { Description = "Only these areas (ONS codes); repeat the option for more.", AllowMultipleArgumentsPerToken = true };
        var breakdowns = new Option<string[]>("--breakdown") { Description = "Only these breakdowns (dimension:category; \"\" for the whole population).", AllowMultipleArgumentsPerToken = true };
        var includeUnpublished = new Option<bool>("--include-unpublished")
        {
            Description = "A staff export: every figure as stored, published or not, with no disclosure control (small counts included). Never publish the result.",
        };
        var export = new Command("export", "Write observations as CSV (the import format) or JSON: by default every published figure, with the figures disclosure control withholds left out of CSV and marked suppressed in JSON, as the API gives them.")
        {
            output, format, measures, areas, breakdowns, includeUnpublished,
        };
        export.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(output)!;
            var chosen = parse.GetValue(format) ?? (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "json" : "csv");
            var filter = new ObservationExportFilter
            {
                MeasureCodes = parse.GetValue(measures) ?? [],
                AreaCodes = parse.GetValue(areas) ?? [],
                BreakdownKeys = parse.GetValue(breakdowns) ?? [],
                IncludeUnpublished = parse.GetValue(includeUnpublished),
            };

            await using var db = await context.OpenDatabaseAsync(cancellationToken);
            IAsyncEnumerable<ObservationRecord> records;
            if (filter.IncludeUnpublished)
            {
                records = ObservationExport.Query(db, filter).AsAsyncEnumerable();
            }
            else
            {
                var published = await PublicObservations.LoadAsync(db, filter, cancellationToken);
                records = chosen == "json" ? published.MarkedAsync(cancellationToken) : published.ShownAsync(cancellationToken);
            }

            long count;
            if (path == "-")
            {
                await using var stdout = Console.OpenStandardOutput();
                count = await Write(records, stdout);
                await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Wrote {count:N0} observations."));
                return ExitCodes.Success;
            }

            var target = Path.GetFullPath(path);
            var temporary = target + ".partial";
            await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                count = await Write(records, stream);
            }

            // The file appears whole or not at all.
            File.Move(temporary, target, overwrite: true);
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Wrote {count:N0} observations to {path}."));
            return ExitCodes.Success;

            Task<long> Write(IAsyncEnumerable<ObservationRecord> rows, Stream stream) => chosen == "json"
                ? ObservationJsonWriter.WriteAsync(rows, stream, cancellationToken)
                : ObservationCsvWriter.WriteAsync(rows, stream, cancellationToken);
        });
        return export;
    }

    internal static string Summary(string fileName, ObservationImportResult result)
    {
        var rows = result.RowsRead == 1 ? "1 row" : string.Create(CultureInfo.InvariantCulture, $"{result.RowsRead:N0} rows");
        if (result.DryRun)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{fileName}: dry run, nothing was changed. {rows} checked: {result.Added:N0} would be added, {result.Revised:N0} revised, {result.Unchanged:N0} unchanged.");
        }

        return result.BatchId is { } batch
            ? string.Create(CultureInfo.InvariantCulture, $"{fileName}: {rows} loaded: {result.Added:N0} added, {result.Revised:N0} revised, {result.Unchanged:N0} unchanged (batch {batch}).")
            : $"{fileName}: {rows} read; every figure is already stored, nothing changed.";
    }

    private static int TerminalWidth()
    {
        try
        {
            return Math.Clamp(Console.WindowWidth, 40, 200);
        }
        catch (IOException)
        {
            return 80;
        }
    }
}
