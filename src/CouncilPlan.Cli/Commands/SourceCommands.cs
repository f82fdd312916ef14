using System.CommandLine;
using System.Globalization;
using CouncilPlan.Core.Audit;
using CouncilPlan.Core.Sources;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Cli.Commands;

/// <summary>`councilplan sources list` and `councilplan sources refresh [SOURCE...] [--dry-run]` (format: docs/sources-file-format.md).</summary>
public static class SourceCommands
{
    public static Command Create(CliContext context)
    {
        var sources = new Command("sources", "Sources that refresh themselves: how each source of the measure catalogue is fetched from its publisher (format councilplan/sources@1, see docs/sources-file-format.md).");
        sources.Subcommands.Add(CreateList(context));
        sources.Subcommands.Add(CreateRefresh(context));
        return sources;
    }

    private static Option<FileInfo> FileOption() => new("--file")
    {
        Description = "The sources file (default: Sources:File, else every sources.yaml in the dataset folder, Dataset:Folder).",
    };

    private static Command CreateList(CliContext context)
    {
        var file = FileOption();
        var list = new Command("list", "List the sources that refresh themselves: publisher's service, series and the last refresh.") { file };
        list.SetAction(async (parse, cancellationToken) =>
        {
            var settings = Settings(context, parse.GetValue(file));
            var definitions = settings.ReadSources();
            if (definitions.Count == 0)
            {
                await context.Out.WriteLineAsync("No sources refresh themselves: there is no sources file with series (docs/sources-file-format.md).");
                return ExitCodes.Success;
            }

            await using var db = await context.OpenDatabaseAsync(cancellationToken);
            var ids = definitions.Select(d => d.SourceId).ToList();
            var publishers = await db.Sources.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Publisher, cancellationToken);
            var latest = (await db.SourceRefreshes.AsNoTracking().Where(r => ids.Contains(r.SourceId)).ToListAsync(cancellationToken))
                .GroupBy(r => r.SourceId)
                .ToDictionary(g => g.Key, g => g.MaxBy(r => r.StartedAt)!);
            var rows = definitions.Select(d => new[]
            {
                d.SourceId,
                publishers.GetValueOrDefault(d.SourceId) ?? "(not in the catalogue)",
                SourceConnector.For(d.Service).Name + (d.Publish == SourcePublish.Review ? " (review)" : ""),
                d.Series.Count.ToString(CultureInfo.InvariantCulture),
                latest.TryGetValue(d.SourceId, out var last) ? Describe(last) : "never",
            }).Prepend(["SOURCE", "PUBLISHER", "SERVICE", "SERIES", "LAST REFRESH"]).ToList();
            var widths = Enumerable.Range(0, 5).Select(i => rows.Max(r => r[i].Length)).ToArray();
            foreach (var row in rows)
            {
                await context.Out.WriteLineAsync(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
            }

            return ExitCodes.Success;
        });
        return list;
    }

    private static Command CreateRefresh(CliContext context)
    {
        var names = new Argument<string[]>("SOURCE") { Description = "The sources to refresh, by id (default: all).", Arity = ArgumentArity.ZeroOrMore };
        var dryRun = new Option<bool>("--dry-run") { Description = "Fetch and check everything and say what would change; change no figures." };
        var recorded = new Option<bool>("--recorded") { Description = "Read each series' recorded response (its 'recorded' file) instead of asking the publisher's service." };
        var file = FileOption();
        var refresh = new Command("refresh", "Fetch sources from their publishers and load the figures, each source all or nothing: new figures are added, changed ones become revisions. Exits non-zero if any source failed.")
        {
            names, dryRun, recorded, file,
        };
        refresh.SetAction(async (parse, cancellationToken) =>
        {
            var settings = Settings(context, parse.GetValue(file));
            if (parse.GetValue(recorded))
            {
                settings = settings with { Recorded = true };
            }

            var definitions = settings.ReadSources();
            var wanted = parse.GetValue(names) ?? [];
            var unknown = wanted.Where(w => definitions.All(d => d.SourceId != w)).ToList();
            if (unknown.Count > 0)
            {
                await context.Error.WriteLineAsync($"No source {string.Join(", ", unknown.Select(u => $"'{u}'"))} in {Describe(settings)}; sources there: {string.Join(", ", definitions.Select(d => d.SourceId))}.");
                return ExitCodes.Invalid;
            }

            var chosen = wanted.Length == 0 ? definitions : definitions.Where(d => wanted.Contains(d.SourceId, StringComparer.Ordinal)).ToList();
            if (chosen.Count == 0)
            {
                await context.Error.WriteLineAsync($"No sources to refresh: {Describe(settings)} defines none.");
                return ExitCodes.Invalid;
            }

            await using var db = await context.OpenDatabaseAsync(cancellationToken);
            var actor = AuditActor.CommandLine();
            db.Actor = actor;
            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            http.DefaultRequestHeaders.UserAgent.ParseAdd("CouncilPlan");
            var refresher = new SourceRefresher(db, context.Clock, new SourceFetcher(http, settings));
            var failed = 0;
            foreach (var source in chosen)
            {
                var done = await refresher.RefreshAsync(source, new SourceRefreshOptions { DryRun = parse.GetValue(dryRun), By = actor.Who }, cancellationToken);
                if (done.Error is { } error)
                {
                    failed++;
                    await context.Error.WriteLineAsync(error);
                    continue;
                }

                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{done.SourceId}: {(done.DryRun ? "would add" : "added")} {done.Added:N0}, {(done.DryRun ? "would revise" : "revised")} {done.Revised:N0}, unchanged {done.Unchanged:N0}{(done.Suppressed > 0 ? $", withheld by the publisher {done.Suppressed:N0}" : "")}; from {done.Urls.Replace("\n", ", ", StringComparison.Ordinal)}"));
            }

            if (failed > 0)
            {
                await context.Error.WriteLineAsync(failed == 1 ? "1 source failed; its figures were not changed." : $"{failed} sources failed; their figures were not changed.");
                return ExitCodes.Invalid;
            }

            return ExitCodes.Success;
        });
        return refresh;
    }

    private static SourceSettings Settings(CliContext context, FileInfo? file)
    {
        var settings = SourceSettings.FromConfiguration(context.Configuration, Directory.GetCurrentDirectory());
        return file is null ? settings : settings with { Files = [file.FullName] };
    }

    private static string Describe(SourceSettings settings) =>
        settings.Files.Count == 0 ? "the dataset folder (no sources.yaml)" : string.Join(", ", settings.Files);

    private static string Describe(SourceRefresh refresh) =>
        string.Create(CultureInfo.InvariantCulture, $"{refresh.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC{(refresh.DryRun ? " dry run" : "")}: ")
        + (refresh.Error is null ? string.Create(CultureInfo.InvariantCulture, $"{refresh.Added} new, {refresh.Revised} revised, {refresh.Unchanged} unchanged") : "failed");
}
