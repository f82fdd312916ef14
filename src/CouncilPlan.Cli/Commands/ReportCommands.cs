using System.CommandLine;
using System.Globalization;
using CouncilPlan.Core.Audit;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Reports;
using CouncilPlan.Core.Resources;
using CouncilPlan.Reports.Reports;

namespace CouncilPlan.Cli.Commands;

/// <summary>
/// `councilplan report` (a committee report as HTML, PDF or a workbook: a portfolio's, a top-level
/// element's or the corporate one, or every one with --all; --freeze stores it for committee) and
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
        var portfolio = new Option<string>("--portfolio") { Description = "The portfolio, by its id (economy-and-regeneration) or its title (\"Economy and Regeneration\"), in a plan with portfolios." };
        var part = new Option<string>("--part") { Description = "In a plan without portfolios, the top-level element (a priority, an ambition) by its id or title." };
        var corporate = new Option<bool>("--corporate") { Description = "The corporate report: every measure and commitment of the plan." };
        var quarter = new Option<string>("--quarter") { Description = "For a plan reported quarterly, the quarter the report is as at: 2023-24-Q2 (or \"2023-24 Q2\")." };
        var year = new Option<string>("--year") { Description = "For a plan reported annually, the financial year the report is as at: 2024-25." };
        var format = new Option<string>("--format") { Description = "html, pdf or xlsx; by default from the file's extension, else html." };
        format.AcceptOnlyFromAmong("html", "pdf", "xlsx");
        var output = new Option<string>("--out", "-o") { Description = "The file to write; with --all, the folder to write one file per report into.", Required = true };
        var all = new Option<bool>("--all") { Description = "Every report of the plan in force in the period: each portfolio's (or each top-level element's, without portfolios) and the corporate one." };
        var freeze = new Option<bool>("--freeze") { Description = "Freeze the report for committee: store it as a dated snapshot that never changes (a performance team action, recorded in the audit log)." };
        var snapshot = new Option<int?>("--snapshot") { Description = "Write a stored snapshot again (by its number) instead of building the report." };
        var chromium = new Option<string>("--chromium") { Description = "Chromium's path for PDF (default: Reports:Chromium, COUNCILPLAN_CHROMIUM or /usr/bin/chromium)." };
        var progressOption = new Option<ProgressMode>("--progress")
        {
            Description = "How to show progress on standard error: auto (a bar on a terminal), bar, lines or none.",
            DefaultValueFactory = _ => ProgressMode.Auto,
        };
        var command = new Command("report", "Write a committee report from published data (a portfolio's Portfolio Performance and Resource Report, a top-level element's report in a plan without portfolios, or the corporate report), as at a quarter or a year by the plan's rhythm: measures, exceptions, commitments, resources and what changed since the last frozen report.")
        {
            portfolio, part, corporate, quarter, year, format, output, all, freeze, snapshot, chromium, progressOption,
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

            var builder = new ReportBuilder(db, context.Clock);
            var (targets, problem) = await TargetsAsync(
                builder,
                new ReportRequest(parse.GetValue(quarter), parse.GetValue(year), parse.GetValue(portfolio), parse.GetValue(part), parse.GetValue(corporate), parse.GetValue(all)),
                cancellationToken);
            if (problem is not null)
            {
                await context.Error.WriteLineAsync($"error: {problem}");
                return ExitCodes.Invalid;
            }

            var period = targets[0].Quarter;
            var freezing = parse.GetValue(freeze);
            var steps = targets.Count * 2;
            var done = 0;
            var built = new List<(PortfolioReport Report, ReportProvenance Provenance)>();
            foreach (var target in targets)
            {
                progress?.Step(done, steps, $"{target.Title}: {(freezing ? "freezing" : "building")}");
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
                    built.Select(b => ((Func<IReadOnlyDictionary<string, int>?, Task<string>>)(pages => ReportRenderer.DocumentAsync(b.Report, b.Provenance, pages)), b.Report.Title)).ToList(),
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

    private sealed record ReportRequest(string? Quarter, string? Year, string? Portfolio, string? Part, bool Corporate, bool All);

    /// <summary>The reports asked for, or what is wrong with the request, in the plan's own words.</summary>
    private static async Task<(IReadOnlyList<ReportTarget> Targets, string? Problem)> TargetsAsync(ReportBuilder builder, ReportRequest request, CancellationToken cancellationToken)
    {
        Period period;
        if (request.Quarter is not null && request.Year is not null)
        {
            return ([], "give --quarter or --year, not both.");
        }

        if (request.Quarter is { } quarterText)
        {
            if (!Period.TryParse(PeriodType.FinancialQuarter, quarterText, out period))
            {
                return ([], $"--quarter '{quarterText}' is not a financial-year quarter: write it like 2023-24-Q2 or \"2023-24 Q2\".");
            }
        }
        else if (request.Year is { } yearText)
        {
            if (!Period.TryParse(PeriodType.FinancialYear, yearText, out period))
            {
                return ([], $"--year '{yearText}' is not a financial year: write it like 2024-25.");
            }
        }
        else
        {
            return ([], "give the period with --quarter, like 2023-24-Q2, or for a plan reported annually with --year, like 2024-25.");
        }

        if (await builder.PlanAsync(period, cancellationToken) is not { } plan)
        {
            return ([], "no plan is loaded (councilplan db seed, or councilplan plan import FILE).");
        }

        var words = plan.Words;
        var example = Period.Of(ReportScopes.PeriodType(words), plan.Plan.Starts).Label;
        if (ReportScopes.PeriodProblem(plan, period) is not null)
        {
            return ([], words.Reporting == ReportingRhythm.Annual
                ? $"the {words.Service} is reported once a year: give the financial year with --year, like {example}, not --quarter."
                : $"the {words.Service} is reported every quarter: give the quarter with --quarter, like {example}, not --year.");
        }

        var byPortfolio = plan.Has(ElementKind.Portfolio);
        var partOption = byPortfolio ? "--portfolio" : "--part";
        var asked = new[] { request.Portfolio is not null, request.Part is not null, request.Corporate, request.All }.Count(x => x);
        if (asked > 1)
        {
            return ([], "give one of --portfolio, --part, --corporate or --all.");
        }

        if (request.All)
        {
            return (await builder.AllAsync(period, cancellationToken), null);
        }

        if (request.Corporate)
        {
            return ([new ReportTarget(plan, null, period)], null);
        }

        var name = byPortfolio ? request.Portfolio : request.Part;
        if ((byPortfolio ? request.Part : request.Portfolio) is not null || name is not { Length: > 0 })
        {
            var choices = ReportScopes.Choices(plan, partOption);
            return ([], asked == 0 ? $"say which report: {choices}; or --all for every one." : $"{choices}.");
        }

        if (await builder.FindAsync(name, period, cancellationToken) is not { Element: not null } found || found.Plan.Plan.Id != plan.Plan.Id)
        {
            var kind = ReportScopes.PartKind(plan);
            return ([], $"no {words.Name(kind)} has the id or title '{name}'. The {words.Name(kind, plural: true)} are: {string.Join(", ", ReportScopes.Parts(plan).Select(p => $"{p.Key} ({p.Title})"))}.");
        }

        return ([found], null);
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
                    await context.Error.WriteLineAsync(error.In(shownName).ToString());
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
