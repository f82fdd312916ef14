using System.CommandLine;
using System.Globalization;
using CouncilPlan.Core.Audit;
using CouncilPlan.Core.Reports;
using CouncilPlan.Core.Resources;

namespace CouncilPlan.Cli.Commands;

/// <summary>
/// `councilplan report` (a portfolio's Portfolio Performance and Resource Report as HTML, PDF or a
/// workbook, or every portfolio's with --all; --freeze stores it for committee) and
/// `councilplan resources import FILE` (budgets and capital schemes, all or nothing).
/// </summary>
public static class ReportCommands
{
    /// <summary>Adds `report` and `resources` to the root command.</summary>
    public static void AddTo(Command root, CliContext context)
    {
        root.Subcommands.Add(Report(context));
        root.Subcommands.Add(Resources(context));
    }

    private static Command Report(CliContext context)
    {
        var portfolio = new Option<string>("--portfolio") { Description = "The portfolio, by its id (economy-and-regeneration) or its title (\"Economy and Regeneration\")." };
        var quarter = new Option<string>("--quarter") { Description = "The quarter the report is as at: 2023-24-Q2 (or \"2023-24 Q2\")." };
        var format = new Option<string>("--format") { Description = "html, pdf or xlsx; by default from the file's extension, else html." };
        format.AcceptOnlyFromAmong("html", "pdf", "xlsx");
        var output = new Option<string>("--out", "-o") { Description = "The file to write; with --all, the folder to write one file per portfolio into.", Required = true };
        var all = new Option<bool>("--all") { Description = "Every portfolio of the plan in force in the quarter." };
        var freeze = new Option<bool>("--freeze") { Description = "Freeze the report for committee: store it as a dated snapshot that never changes (a performance team action, recorded in the audit log)." };
        var snapshot = new Option<int?>("--snapshot") { Description = "Write a stored snapshot again (by its number) instead of building the report." };
        var chromium = new Option<string>("--chromium") { Description = "Chromium's path for PDF (default: Reports:Chromium, COUNCILPLAN_CHROMIUM or /usr/bin/chromium)." };
        var progressOption = new Option<ProgressMode>("--progress")
        {
            Description = "How to show progress on standard error: auto (a bar on a terminal), bar, lines or none.",
            DefaultValueFactory = _ => ProgressMode.Auto,
        };
        var command = new Command("report", "Write a portfolio's Portfolio Performance and Resource Report (PPRR) for a quarter from published data: measures, exceptions, commitments, resources and what changed since the last frozen report.")
        {
            portfolio, quarter, format, output, all, freeze, snapshot, chromium, progressOption,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(output)!;
            var chosen = parse.GetValue(format) ?? Path.GetExtension(path).TrimStart('.').ToLowerInvariant() switch
            {
                "pdf" => "pdf",
                "xlsx" => "xlsx",
                _ => "html",
            };
            var reportFormat = ReportFormats.TryParse(chosen, out var parsed) ? parsed : ReportFormat.Html;
            var browser = parse.GetValue(chromium) ?? context.Configuration["Reports:Chromium"];
            var progress = Progress(context, parse.GetValue(progressOption));

            await using var db = await context.OpenDatabaseAsync(cancellationToken);
            db.Actor = AuditActor.CommandLine();
            var snapshots = new ReportSnapshots(db, context.Clock);

            if (parse.GetValue(snapshot) is { } id)
            {
                if (await snapshots.GetAsync(id, cancellationToken) is not { } stored)
                {
                    await context.Error.WriteLineAsync($"error: there is no report snapshot {id.ToString(CultureInfo.InvariantCulture)}.");
                    return ExitCodes.Invalid;
                }

                var file = await ReportFormats.RenderAsync(stored.Report, ReportProvenance.Of(stored.Snapshot), reportFormat, browser, cancellationToken);
                await WriteAsync(path, file.Content);
                await context.Out.WriteLineAsync($"Wrote snapshot {id.ToString(CultureInfo.InvariantCulture)} ({stored.Report.Title}) to {path}.");
                return ExitCodes.Success;
            }

            if (!ReportBuilder.TryParseQuarter(parse.GetValue(quarter), out var period))
            {
                await context.Error.WriteLineAsync(parse.GetValue(quarter) is null
                    ? "error: give the quarter with --quarter, like 2023-24-Q2."
                    : $"error: --quarter '{parse.GetValue(quarter)}' is not a financial-year quarter: write it like 2023-24-Q2 or \"2023-24 Q2\".");
                return ExitCodes.Invalid;
            }

            var builder = new ReportBuilder(db, context.Clock);
            IReadOnlyList<ReportTarget> targets;
            if (parse.GetValue(all))
            {
                if (parse.GetValue(portfolio) is not null)
                {
                    await context.Error.WriteLineAsync("error: give --portfolio or --all, not both.");
                    return ExitCodes.Invalid;
                }

                targets = await builder.AllAsync(period, cancellationToken);
                if (targets.Count == 0)
                {
                    await context.Error.WriteLineAsync("error: no plan is loaded, so there are no portfolios.");
                    return ExitCodes.Invalid;
                }
            }
            else
            {
                if (parse.GetValue(portfolio) is not { Length: > 0 } name)
                {
                    await context.Error.WriteLineAsync("error: give the portfolio with --portfolio (its id or title), or --all for every portfolio.");
                    return ExitCodes.Invalid;
                }

                if (await builder.FindAsync(name, period, cancellationToken) is not { } found)
                {
                    var known = await builder.AllAsync(period, cancellationToken);
                    await context.Error.WriteLineAsync(known.Count == 0
                        ? $"error: no portfolio has the id or title '{name}': no plan is loaded (councilplan db seed, or councilplan plan import FILE)."
                        : $"error: no portfolio has the id or title '{name}'. The portfolios are: {string.Join(", ", known.Select(t => $"{t.Portfolio.Key} ({t.Portfolio.Title})"))}.");
                    return ExitCodes.Invalid;
                }

                targets = [found];
            }

            var freezing = parse.GetValue(freeze);
            var steps = targets.Count * 2;
            var done = 0;
            var built = new List<(PortfolioReport Report, ReportProvenance Provenance)>();
            foreach (var target in targets)
            {
                progress?.Step(done, steps, $"{target.Portfolio.Title}: {(freezing ? "freezing" : "building")}");
                if (freezing)
                {
                    var frozen = await snapshots.FreezeAsync(db.Actor.Who, target, cancellationToken);
                    built.Add((ReportJson.Deserialize(frozen.ModelJson), ReportProvenance.Of(frozen)));
                }
                else
                {
                    built.Add((await builder.BuildAsync(target, cancellationToken), ReportProvenance.Draft));
                }

                done++;
            }

            var files = new List<ReportFile>();
            if (reportFormat == ReportFormat.Pdf)
            {
                progress?.Step(done, steps, "printing PDF with Chromium");
                var pdfs = await ReportPdf.RenderManyAsync(
                    built.Select(b => (ReportHtml.Document(b.Report, b.Provenance), b.Report.Title)).ToList(),
                    browser,
                    new Progress<int>(n => progress?.Step(targets.Count + n, steps, $"{built[n - 1].Report.PortfolioTitle}: PDF written")),
                    cancellationToken);
                files.AddRange(built.Select((b, i) => new ReportFile(pdfs[i], ReportFormats.ContentType(ReportFormat.Pdf), ReportFormats.FileName(b.Report, b.Provenance, ReportFormat.Pdf))));
            }
            else
            {
                foreach (var (report, provenance) in built)
                {
                    progress?.Step(done, steps, $"{report.PortfolioTitle}: writing {chosen}");
                    files.Add(await ReportFormats.RenderAsync(report, provenance, reportFormat, browser, cancellationToken));
                    done++;
                }
            }

            progress?.Clear();
            if (parse.GetValue(all))
            {
                Directory.CreateDirectory(path);
                foreach (var file in files)
                {
                    await WriteAsync(Path.Combine(path, file.FileName), file.Content);
                }

                await context.Out.WriteLineAsync($"Wrote {files.Count.ToString(CultureInfo.InvariantCulture)} {chosen} reports for {period.Label} to {path}{(freezing ? ", each frozen as a snapshot" : "")}.");
            }
            else
            {
                await WriteAsync(path, files[0].Content);
                await context.Out.WriteLineAsync($"Wrote {built[0].Report.Title} to {path}{(built[0].Provenance.SnapshotId is { } sid ? $" (frozen as snapshot {sid.ToString(CultureInfo.InvariantCulture)})" : " (draft: not frozen)")}.");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Resources(CliContext context)
    {
        var resources = new Command("resources", "Budgets and capital schemes, the R in the Portfolio Performance and Resource Report (format: docs/resources-csv-format.md).");
        var file = new Argument<FileInfo>("FILE") { Description = "A resources CSV file (UTF-8, comma-separated, with a header row)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the whole file and say what would change; change nothing." };
        var by = new Option<string>("--by") { Description = "Who entered the figures, recorded with every line (default: the user name)." };
        var import = new Command("import", "Check a resources file and load it, all or nothing: on any error nothing is written.") { file, dryRun, by };
        import.SetAction(async (parse, cancellationToken) =>
        {
            var csv = parse.GetValue(file)!;
            var shownName = csv.ToString();
            if (!csv.Exists)
            {
                await context.Error.WriteLineAsync($"{shownName}: the file does not exist");
                return ExitCodes.Invalid;
            }

            await using var db = await context.OpenDatabaseAsync(cancellationToken);
            db.Actor = AuditActor.CommandLine();
            var result = await new ResourceImporter(db, context.Clock).ImportFileAsync(csv.FullName, new ResourceImportOptions
            {
                DryRun = parse.GetValue(dryRun),
                EnteredBy = parse.GetValue(by) is { Length: > 0 } name ? name : Environment.UserName,
            }, cancellationToken);
            if (!result.IsValid)
            {
                foreach (var error in result.Errors)
                {
                    await context.Error.WriteLineAsync(error.Format(shownName));
                }

                if (result.ErrorsNotListed > 0)
                {
                    await context.Error.WriteLineAsync($"... and {result.ErrorsNotListed.ToString("N0", CultureInfo.InvariantCulture)} more.");
                }

                await context.Error.WriteLineAsync(result.ErrorCount == 1 ? "1 problem found; nothing was loaded." : $"{result.ErrorCount.ToString("N0", CultureInfo.InvariantCulture)} problems found; nothing was loaded.");
                return ExitCodes.Invalid;
            }

            var rows = result.RowsRead == 1 ? "1 line" : $"{result.RowsRead.ToString("N0", CultureInfo.InvariantCulture)} lines";
            await context.Out.WriteLineAsync(result.DryRun
                ? $"{csv.Name}: dry run, nothing was changed. {rows} checked: {result.Added} would be added, {result.Changed} changed, {result.Unchanged} unchanged."
                : result.Added + result.Changed == 0
                    ? $"{csv.Name}: {rows} read; every line is already stored, nothing changed."
                    : $"{csv.Name}: {rows} loaded: {result.Added} added, {result.Changed} changed, {result.Unchanged} unchanged.");
            return ExitCodes.Success;
        });
        resources.Subcommands.Add(import);
        return resources;
    }

    private static StepProgress? Progress(CliContext context, ProgressMode mode)
    {
        if (mode == ProgressMode.Auto)
        {
            mode = ReferenceEquals(context.Error, Console.Error) && !Console.IsErrorRedirected ? ProgressMode.Bar : ProgressMode.None;
        }

        return mode switch
        {
            ProgressMode.Bar => new StepProgress(context.Error, bar: true),
            ProgressMode.Lines => new StepProgress(context.Error, bar: false),
            _ => null,
        };
    }

    private static async Task WriteAsync(string path, byte[] content)
    {
        var target = Path.GetFullPath(path);
        if (Path.GetDirectoryName(target) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        // The file appears whole or not at all.
        var temporary = target + ".partial";
        await File.WriteAllBytesAsync(temporary, content);
        File.Move(temporary, target, overwrite: true);
    }

    /// <summary>Progress through the reports: a bar redrawn in place on a terminal, or one line a step.</summary>
    private sealed class StepProgress(TextWriter writer, bool bar)
    {
        private const int Width = 24;
        private readonly Lock gate = new();
        private bool drawn;

        public void Step(int done, int total, string what)
        {
            lock (gate)
            {
                var filled = total == 0 ? Width : Math.Min(Width, done * Width / total);
                var text = string.Create(CultureInfo.InvariantCulture, $"Reports [{new string('#', filled)}{new string('-', Width - filled)}] {done}/{total}  {what}");
                if (bar)
                {
                    writer.Write("\r" + (text.Length > 119 ? text[..119] : text.PadRight(119)));
                    drawn = true;
                }
                else
                {
                    writer.WriteLine("progress: " + text["Reports ".Length..]);
                }

                writer.Flush();
            }
        }

        public void Clear()
        {
            lock (gate)
            {
                if (bar && drawn)
                {
                    writer.Write("\r" + new string(' ', 119) + "\r");
                    writer.Flush();
                }
            }
        }
    }
}
