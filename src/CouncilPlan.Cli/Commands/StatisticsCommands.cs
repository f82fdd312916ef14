using System.CommandLine;
using System.Globalization;
using CouncilPlan.Core.DataFiles;
using CouncilPlan.Core.Statistics;
using CouncilPlan.Core.Statistics.Spc;

namespace CouncilPlan.Cli.Commands;

/// <summary>
/// `councilplan spc`, `councilplan interval` and `councilplan dsr`: the judgement statistics for
/// analysts, reading CSV, giving the same answers as NHSRplotthedots and PHEindicatormethods.
/// </summary>
public static class StatisticsCommands
{
    public static IEnumerable<Command> Create(CliContext context) => [Spc(context), Interval(context), Dsr(context)];

    private static Command Spc(CliContext context)
    {
        var input = new Option<FileInfo>("--input") { Description = "CSV with columns period,value (periods as ISO dates, any order).", Required = true };
        var improvement = new Option<string>("--improvement") { Description = "Which direction is an improvement: increase, decrease or neutral.", DefaultValueFactory = _ => "increase" };
        improvement.AcceptOnlyFromAmong("increase", "decrease", "neutral");
        var target = new Option<double?>("--target") { Description = "A target, for the assurance icon." };
        var rebase = new Option<string?>("--rebase") { Description = "Periods (ISO dates, comma-separated) where a new group with its own limits starts." };
        var fixAfter = new Option<int?>("--fix-after") { Description = "Compute each group's limits from its first N points (at least 12) and carry them forward." };
        var screen = new Option<bool>("--screen-outliers") { Description = "Leave moving ranges of 3.267 times the average or more out of it (true or false).", DefaultValueFactory = _ => true };
        var format = FormatOption("json", "csv");
        var command = new Command("spc", "Statistical process control as NHS England's Making Data Count does it (XmR limits, special-cause rules, variation and assurance icons).")
        {
            input, improvement, target, rebase, fixAfter, screen, format,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(input)!;
            var rows = await ReadCsvAsync(file, ["period", "value"], cancellationToken);
            var series = rows.Select(r => (Period: Date(file, r, "period"), Value: Number(file, r, "value"))).ToList();
            var rebaseAt = (parse.GetValue(rebase) ?? "")
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(text => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                    ? day
                    : throw new InvalidOperationException($"--rebase: '{text}' is not a date: write YYYY-MM-DD"))
                .ToList();
            var options = new SpcOptions(
                Improvement: Enum.Parse<ImprovementDirection>(parse.GetValue(improvement)!, ignoreCase: true),
                Target: parse.GetValue(target),
                RebaseAt: rebaseAt,
                FixAfterPoints: parse.GetValue(fixAfter),
                ScreenOutliers: parse.GetValue(screen));
            SpcResult result;
            try
            {
                result = SpcAnalysis.Analyse(series, options);
            }
            catch (ArgumentException e)
            {
                throw new InvalidOperationException(e.Message, e);
            }

            await context.Out.WriteLineAsync(parse.GetValue(format) == "csv" ? SpcCsv.Serialize(result).TrimEnd('\n') : SpcJson.Serialize(result));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Interval(CliContext context)
    {
        var method = new Option<string>("--method") { Description = "wilson (a proportion x of n), byar or exact (a count x, optionally per n), rate (x per n: exact below 10 events, Byar's from 10).", Required = true };
        method.AcceptOnlyFromAmong("wilson", "byar", "exact", "rate");
        var x = new Option<double>("--x") { Description = "The count or numerator.", Required = true };
        var n = new Option<double?>("--n") { Description = "The denominator (required for wilson and rate)." };
        var multiplier = new Option<double?>("--multiplier") { Description = "Scale of the result: default 1 for wilson, byar and exact (100 gives a percentage), 100000 for rate." };
        var confidence = ConfidenceOption();
        var format = FormatOption("json");
        var command = new Command("interval", "A confidence interval as OHID Fingertips computes it (PHEindicatormethods): prints {\"value\",\"lower\",\"upper\",\"method\"}.")
        {
            method, x, n, multiplier, confidence, format,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var chosen = parse.GetValue(method)!;
            var count = parse.GetValue(x);
            var denominator = parse.GetValue(n);
            var level = parse.GetValue(confidence);
            if (denominator is null && chosen is "wilson" or "rate")
            {
                throw new InvalidOperationException($"--method {chosen} needs --n, the denominator.");
            }

            Interval interval;
            try
            {
                interval = chosen switch
                {
                    "wilson" => Intervals.Wilson(count, denominator!.Value, level, parse.GetValue(multiplier) ?? 1),
                    "rate" => Intervals.Rate(count, denominator!.Value, parse.GetValue(multiplier) ?? 100_000, level),
                    _ => Scale(chosen == "byar" ? Intervals.Byar(count, level) : Intervals.ExactPoisson(count, level), denominator, parse.GetValue(multiplier) ?? 1),
                };
            }
            catch (ArgumentException e)
            {
                throw new InvalidOperationException(e.Message, e);
            }

            await context.Out.WriteLineAsync(IntervalJson.Write(interval));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Dsr(CliContext context)
    {
        var input = new Option<FileInfo>("--input") { Description = "CSV with columns count,population,standard_population (one row per age band).", Required = true };
        var multiplier = new Option<double>("--multiplier") { Description = "Rate per how many people (default 100000).", DefaultValueFactory = _ => 100_000 };
        var confidence = ConfidenceOption();
        var format = FormatOption("json");
        var command = new Command("dsr", "A directly standardised rate with Dobson's interval, as PHEindicatormethods computes it (not calculated when the total count is under 10).")
        {
            input, multiplier, confidence, format,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(input)!;
            var rows = await ReadCsvAsync(file, ["count", "population", "standard_population"], cancellationToken);
            var strata = rows.Select(r => (Number(file, r, "count"), Number(file, r, "population"), Number(file, r, "standard_population"))).ToList();
            Interval interval;
            try
            {
                interval = Intervals.Dsr(strata, parse.GetValue(multiplier), parse.GetValue(confidence));
            }
            catch (ArgumentException e)
            {
                throw new InvalidOperationException(e.Message, e);
            }

            await context.Out.WriteLineAsync(IntervalJson.Write(interval));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>A count's interval expressed per n (times the multiplier), as a rate would be.</summary>
    private static Interval Scale(Interval interval, double? n, double multiplier)
    {
        if (n is <= 0)
        {
            throw new InvalidOperationException("denominators must be greater than zero");
        }

        var scale = multiplier / (n ?? 1);
        return interval with { Value = interval.Value * scale, Lower = interval.Lower * scale, Upper = interval.Upper * scale };
    }

    private static Option<double> ConfidenceOption() =>
        new("--confidence") { Description = "The confidence level, usually 0.95 (default) or 0.998 (also written 95 or 99.8).", DefaultValueFactory = _ => 0.95 };

    private static Option<string> FormatOption(params string[] formats)
    {
        var option = new Option<string>("--format") { Description = $"Output format: {string.Join(" or ", formats)}.", DefaultValueFactory = _ => formats[0] };
        option.AcceptOnlyFromAmong(formats);
        return option;
    }

    private sealed record CsvRow(int Line, Dictionary<string, string> Cells);

    /// <summary>Reads a small CSV with a header; every problem names the file, line and column.</summary>
    private static async Task<List<CsvRow>> ReadCsvAsync(FileInfo file, string[] required, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            throw new DataFileException([new DataFileError(file.FullName, 0, 0, "the file does not exist")]);
        }

        var lines = await File.ReadAllLinesAsync(file.FullName, cancellationToken);
        if (lines.Length == 0)
        {
            throw new DataFileException([new DataFileError(file.FullName, 1, 1, "the file is empty: it needs a header row " + string.Join(',', required))]);
        }

        var header = Split(lines[0].TrimStart('\uFEFF')).Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var missing = required.Where(r => !header.Contains(r)).ToList();
        if (missing.Count > 0)
        {
            throw new DataFileException([new DataFileError(file.FullName, 1, 1, $"missing column(s) {string.Join(", ", missing)}: the header must be {string.Join(',', required)}")]);
        }

        var rows = new List<CsvRow>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }

            var cells = Split(lines[i]);
            if (cells.Count != header.Length)
            {
                throw new DataFileException([new DataFileError(file.FullName, i + 1, 1, $"the row has {cells.Count} cells but the header has {header.Length}")]);
            }

            rows.Add(new CsvRow(i + 1, header.Zip(cells).ToDictionary(p => p.First, p => p.Second.Trim(), StringComparer.Ordinal)));
        }

        return rows;
    }

    private static List<string> Split(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                cell.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }

    private static double Number(FileInfo file, CsvRow row, string column)
    {
        var text = row.Cells[column];
        if (text.Length == 0 || text.Equals("NA", StringComparison.OrdinalIgnoreCase))
        {
            return double.NaN;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new DataFileException([new DataFileError(file.FullName, row.Line, Column(row, column), $"{column} '{text}' is not a number")]);
    }

    private static DateOnly Date(FileInfo file, CsvRow row, string column)
    {
        var text = row.Cells[column];
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new DataFileException([new DataFileError(file.FullName, row.Line, Column(row, column), $"{column} '{text}' is not a date: write YYYY-MM-DD")]);
    }

    private static int Column(CsvRow row, string column) => row.Cells.Keys.ToList().IndexOf(column) + 1;
}
