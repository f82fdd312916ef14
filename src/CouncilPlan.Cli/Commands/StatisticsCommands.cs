using System.CommandLine;
using System.Globalization;
using System.Text;
using CouncilPlan.Core.Imports;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Statistics;
using CouncilPlan.Core.Statistics.Spc;
using CouncilPlan.Core.Validation;

namespace CouncilPlan.Cli.Commands;

/// <summary>
/// `councilplan spc`, `councilplan interval` and `councilplan dsr`: the judgement statistics for
/// analysts, reading CSV, giving the same answers as NHSRplotthedots and PHEindicatormethods.
/// Options are read as text and checked here, so that every bad input gets a plain message naming
/// the option and what it allows, rather than a .NET type or parameter name.
/// </summary>
public static class StatisticsCommands
{
    private static readonly string[] Improvements = ["increase", "decrease", "neutral"];
    private static readonly string[] Methods = ["wilson", "byar", "exact", "rate"];

    /// <summary>Columns an observations export may have (docs/observations-csv-format.md), with the published
    /// confidence limits the catalogue can hold.</summary>
    private static readonly string[] ObservationFileColumns = [.. ObservationColumns.All, "lower_ci", "upper_ci"];

    /// <summary>
    /// Cells that stand for a figure that is not given. Empty and NA are what the reference packages read as
    /// missing; [c], [x], [z] and [w] are the Government Analysis Function's symbols for confidential (suppressed),
    /// not available, not applicable and no data ("Symbols in tables, definitions and help").
    /// </summary>
    private static readonly string[] NoValue = ["", "NA", "[c]", "[x]", "[z]", "[w]"];

    public static IEnumerable<Command> Create(CliContext context) => [Spc(context), Interval(context), Dsr(context)];

    private static Command Spc(CliContext context)
    {
        var input = new Option<FileInfo>("--input") { Description = "CSV with columns period,value (periods as ISO dates or labels like 2023-24 Q2, any order), or an observations export (councilplan data export). Required." };
        var measure = new Option<string?>("--measure") { Description = "For an export: the measure's code, needed when the file holds more than one." };
        var area = new Option<string?>("--area") { Description = "For an export: the area's code, needed when the file holds more than one for the measure." };
        var breakdown = new Option<string?>("--breakdown") { Description = "For an export: a breakdown such as sex:female (default: the whole population)." };
        var improvement = new Option<string?>("--improvement") { Description = "Which direction is an improvement: increase, decrease or neutral.", HelpName = "increase|decrease|neutral", DefaultValueFactory = _ => "increase" };
        var target = new Option<string?>("--target") { Description = "A target, for the assurance icon." };
        var rebase = new Option<string?>("--rebase") { Description = "Periods (ISO dates or labels, comma-separated) where a new group with its own limits starts." };
        var fixAfter = new Option<string?>("--fix-after") { Description = "Compute each group's limits from its first N points (at least 12) and carry them forward." };
        var screen = new Option<bool>("--screen-outliers") { Description = "Leave moving ranges of 3.267 times the average or more out of it (true or false).", DefaultValueFactory = _ => true };
        var format = FormatOption("json", "csv");
        var command = new Command("spc", "Statistical process control as NHS England's Making Data Count does it (XmR limits, special-cause rules, variation and assurance icons).")
        {
            input, measure, area, breakdown, improvement, target, rebase, fixAfter, screen, format,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var direction = Choice(parse, improvement, Improvements);
            var chosenFormat = Choice(parse, format, ["json", "csv"]);
            var targetValue = OptionalNumber(parse, target, "give the target as a number, like 12");

            // NHSRplotthedots ptd_validate_spc_options: "fix_after_n_points must be a single number that is
            // greater than or equal to 12."
            int? fixAfterPoints = null;
            if (parse.GetValue(fixAfter) is { } fixText)
            {
                fixAfterPoints = int.TryParse(fixText, NumberStyles.None, CultureInfo.InvariantCulture, out var points) && points >= SpcConstants.MinimumFixAfterPoints
                    ? points
                    : throw Bad($"--fix-after ('{fixText}') must be a whole number of {SpcConstants.MinimumFixAfterPoints} or more");
            }

            var file = parse.GetValue(input) ?? throw Bad("--input is missing: give a CSV file with columns period,value, or an observations export");
            var table = await ReadCsvAsync(file, "period,value (or an observations export)", cancellationToken);
            var isExport = table.Header.Contains(ObservationColumns.Measure);
            var selection = new SeriesSelection(parse.GetValue(measure), parse.GetValue(area), parse.GetValue(breakdown));
            var rows = isExport ? ExportRows(file, table, selection) : SimpleRows(file, table, selection);

            var skipped = rows.Where(r => IsNoValue(r.Value)).Select(r => r.Line).ToList();
            if (skipped.Count > 0)
            {
                await context.Error.WriteLineAsync($"note: {Plural(skipped.Count, "row")} with no value (suppressed or missing) left out: line{(skipped.Count == 1 ? "" : "s")} {string.Join(", ", skipped)}");
                rows = [.. rows.Where(r => !IsNoValue(r.Value))];
            }

            if (rows.Count == 0)
            {
                throw new InvalidInputException([new InputError(file.FullName, 0, "", "there are no values to analyse")]);
            }

            var series = ReadSeries(file, table, rows);
            if (series.Type is { } periodType && series.Points.Count > 1)
            {
                // The product's own assessment never charts overlapping windows (ComparableSeries);
                // the analyst's command charts what it is given, but says when that is unsound.
                var periods = series.Points.Select(p => Period.Of(periodType, p.Period)).OrderBy(p => p.Start).ToList();
                if (periods.Zip(periods.Skip(1)).Any(pair => pair.First.End >= pair.Second.Start))
                {
                    await context.Error.WriteLineAsync("note: consecutive periods overlap (rolling windows share months), so the points are not independent and runs, trends and limits across them are not valid: keep one period a year, e.g. only the Jan-Dec windows");
                }
            }

            var options = new SpcOptions(
                Improvement: Enum.Parse<ImprovementDirection>(direction, ignoreCase: true),
                Target: targetValue,
                RebaseAt: RebaseDates(parse.GetValue(rebase), series.Type),
                FixAfterPoints: fixAfterPoints,
                ScreenOutliers: parse.GetValue(screen));
            SpcResult result;
            try
            {
                result = SpcAnalysis.Analyse(series.Points, options);
            }
            catch (ArgumentException e)
            {
                throw new InvalidOperationException(e.Message, e);
            }

            Func<DateOnly, string>? label = series.Labels is null ? null : day => series.Labels[day];
            await context.Out.WriteLineAsync(chosenFormat == "csv" ? SpcCsv.Serialize(result, label).TrimEnd('\n') : SpcJson.Serialize(result, periodLabel: label));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Interval(CliContext context)
    {
        var method = new Option<string?>("--method") { Description = "wilson (a proportion x of n), byar or exact (a count x, optionally per n), rate (x per n: exact below 10 events, Byar's from 10). Required.", HelpName = "wilson|byar|exact|rate" };
        var x = new Option<string?>("--x") { Description = "The count or numerator, 0 or more. Required." };
        var n = new Option<string?>("--n") { Description = "The denominator, more than 0 (required for wilson and rate)." };
        var multiplier = new Option<string?>("--multiplier") { Description = "Scale of the result: default 1 for wilson, byar and exact (100 gives a percentage), 100000 for rate." };
        var confidence = ConfidenceOption();
        var format = FormatOption("json");
        var command = new Command("interval", "A confidence interval as OHID Fingertips computes it (PHEindicatormethods): prints {\"value\",\"lower\",\"upper\",\"method\"}.")
        {
            method, x, n, multiplier, confidence, format,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var chosen = Choice(parse, method, Methods);
            Choice(parse, format, ["json"]);
            var count = OptionalNumber(parse, x, "give the count or numerator, a number of 0 or more, like 65")
                ?? throw Bad("--x is missing: give the count or numerator, a number of 0 or more, like --x 65");
            var denominator = OptionalNumber(parse, n, "give the denominator, a number more than 0, like 100");
            var scale = OptionalNumber(parse, multiplier, "give a number more than 0, like 100 for a percentage");
            var level = Confidence(parse, confidence, allowCertainty: chosen == "wilson", $"--method {chosen}");

            // The reference's checks (PHEindicatormethods R/Proportions.R and R/Rates.R), said in the options' words.
            if (count < 0)
            {
                throw Bad($"--x ({Show(count)}) cannot be negative: give a count of 0 or more");
            }

            if (denominator is null && chosen is "wilson" or "rate")
            {
                throw Bad($"--method {chosen} needs --n, the denominator.");
            }

            if (denominator is <= 0)
            {
                throw Bad($"--n ({Show(denominator.Value)}) must be more than 0: it is the denominator");
            }

            if (chosen == "wilson" && count > denominator)
            {
                throw Bad($"--x ({Show(count)}) cannot be more than --n ({Show(denominator!.Value)}) for a proportion");
            }

            if (scale is <= 0)
            {
                throw Bad($"--multiplier ({Show(scale.Value)}) must be more than 0, like 100 for a percentage");
            }

            var interval = chosen switch
            {
                "wilson" => Intervals.Wilson(count, denominator!.Value, level, scale ?? 1),
                "rate" => Intervals.Rate(count, denominator!.Value, scale ?? 100_000, level),
                _ => Scale(chosen == "byar" ? Intervals.Byar(count, level) : Intervals.ExactPoisson(count, level), denominator, scale ?? 1),
            };
            await context.Out.WriteLineAsync(IntervalJson.Write(interval));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Dsr(CliContext context)
    {
        var input = new Option<FileInfo>("--input") { Description = "CSV with columns count,population,standard_population (one row per age band). Required." };
        var multiplier = new Option<string?>("--multiplier") { Description = "Rate per how many people (default 100000)." };
        var confidence = ConfidenceOption();
        var format = FormatOption("json");
        var command = new Command("dsr", "A directly standardised rate with Dobson's interval, as PHEindicatormethods computes it (not calculated when the total count is under 10).")
        {
            input, multiplier, confidence, format,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            Choice(parse, format, ["json"]);
            var scale = OptionalNumber(parse, multiplier, "give a number more than 0, like 100000") ?? 100_000;
            if (scale <= 0)
            {
                throw Bad($"--multiplier ({Show(scale)}) must be more than 0, like 100000");
            }

            var level = Confidence(parse, confidence, allowCertainty: false, "a DSR");
            var file = parse.GetValue(input) ?? throw Bad("--input is missing: give a CSV file with columns count,population,standard_population");
            string[] columns = ["count", "population", "standard_population"];
            var table = await ReadCsvAsync(file, string.Join(',', columns), cancellationToken);
            RequireColumns(file, table, columns);
            if (table.Rows.Count == 0)
            {
                throw new InvalidInputException([InputError.At(file.FullName, 1, 1, "the file has a header but no rows: it needs one row per age band")]);
            }

            // PHEindicatormethods R/DSR.R calculate_dsr: a missing count is zero (na.zero); populations must be
            // given and above zero; standard populations given, not negative, and not all zero.
            var strata = new List<(double, double, double)>();
            foreach (var row in table.Rows)
            {
                var count = Number(file, row, "count");
                var population = Number(file, row, "population");
                var standard = Number(file, row, "standard_population");
                if (count < 0)
                {
                    throw Cell(file, row, "count", $"count ({Show(count)}) cannot be negative");
                }

                if (double.IsNaN(population) || population <= 0)
                {
                    throw Cell(file, row, "population", double.IsNaN(population) ? "population is missing: every age band needs one, more than 0" : $"population ({Show(population)}) must be more than 0");
                }

                if (double.IsNaN(standard) || standard < 0)
                {
                    throw Cell(file, row, "standard_population", double.IsNaN(standard) ? "standard_population is missing: every age band needs one, 0 or more" : $"standard_population ({Show(standard)}) cannot be negative");
                }

                strata.Add((count, population, standard));
            }

            if (strata.TrueForAll(s => s.Item3 == 0))
            {
                throw new InvalidInputException([new InputError(file.FullName, 0, "", "every standard_population is 0: at least one must be more than 0")]);
            }

            await context.Out.WriteLineAsync(IntervalJson.Write(Intervals.Dsr(strata, scale, level)));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>A count's interval expressed per n (times the multiplier), as a rate would be.</summary>
    private static Interval Scale(Interval interval, double? n, double multiplier)
    {
        var scale = multiplier / (n ?? 1);
        return interval with { Value = interval.Value * scale, Lower = interval.Lower * scale, Upper = interval.Upper * scale };
    }

    private static Option<string?> ConfidenceOption() =>
        new("--confidence") { Description = "The confidence level, usually 0.95 (default) or 0.998 (also written 95 or 99.8)." };

    /// <summary>
    /// The confidence level as a fraction. PHEindicatormethods (R/utils.R byars_lower) accepts 0.9 to 1, or 90 to
    /// 100 as a percentage; a level of 1 gives no finite limits except for Wilson's interval.
    /// </summary>
    private static double Confidence(ParseResult parse, Option<string?> option, bool allowCertainty, string what)
    {
        const string Allowed = "from 0.9 to 1, like 0.95, or a percentage from 90 to 100, like 95";
        var confidence = OptionalNumber(parse, option, "give a level " + Allowed) ?? 0.95;
        if (confidence < 0.9 || (confidence > 1 && confidence < 90) || confidence > 100)
        {
            throw Bad($"--confidence ({Show(confidence)}) must be {Allowed}");
        }

        var level = confidence >= 90 ? confidence / 100 : confidence;
        return level == 1 && !allowCertainty
            ? throw Bad($"--confidence ({Show(confidence)}) must be below 1 (100%) for {what}: such an interval has no finite limits")
            : level;
    }

    private static Option<string?> FormatOption(params string[] formats) =>
        new("--format") { Description = $"Output format: {string.Join(" or ", formats)}.", HelpName = string.Join('|', formats), DefaultValueFactory = _ => formats[0] };

    /// <summary>An option's value from a fixed list (any case), or a message listing the list.</summary>
    private static string Choice(ParseResult parse, Option<string?> option, string[] allowed)
    {
        var text = parse.GetValue(option);
        var list = string.Join(", ", allowed[..^1]) + (allowed.Length > 1 ? " or " : "") + allowed[^1];
        if (text is null)
        {
            throw Bad($"{option.Name} is missing: choose {list}");
        }

        return Array.Find(allowed, a => a.Equals(text, StringComparison.OrdinalIgnoreCase))
            ?? throw Bad($"{option.Name} ('{text}') is not allowed: choose {list}");
    }

    private static double? OptionalNumber(ParseResult parse, Option<string?> option, string allowed)
    {
        var text = parse.GetValue(option);
        if (text is null)
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw Bad($"{option.Name} ('{text}') is not a number: {allowed}");
    }

    private static InvalidOperationException Bad(string message) => new(message);

    private static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    /// <summary>Which series of an observations export to read.</summary>
    private sealed record SeriesSelection(string? Measure, string? Area, string? Breakdown);

    /// <summary>One point as the file gives it, before its period is read.</summary>
    private sealed record SeriesRow(int Line, string Period, string Value);

    /// <summary>The series with its periods as start days, and each start day's label when the file gave labels.</summary>
    private sealed record Series(List<(DateOnly Period, double Value)> Points, Dictionary<DateOnly, string>? Labels, PeriodType? Type);

    private static List<SeriesRow> SimpleRows(FileInfo file, CsvTable table, SeriesSelection selection)
    {
        if (selection.Measure is not null || selection.Area is not null || selection.Breakdown is not null)
        {
            var option = selection.Measure is not null ? "--measure" : selection.Area is not null ? "--area" : "--breakdown";
            throw Bad($"{option} is for an observations export, but {file.Name} has no measure column: it is read as columns period,value");
        }

        RequireColumns(file, table, ["period", "value"]);
        return [.. table.Rows.Select(r => new SeriesRow(r.Line, r.Cells["period"], r.Cells["value"]))];
    }

    /// <summary>
    /// The rows of one measure, area and breakdown of an observations export. A choice that the file makes
    /// necessary and the options do not make is an error listing what the file holds.
    /// </summary>
    private static List<SeriesRow> ExportRows(FileInfo file, CsvTable table, SeriesSelection selection)
    {
        var unknown = table.Header.Where(h => !ObservationFileColumns.Contains(h)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidInputException([InputError.At(file.FullName, 1, 1, $"unknown column(s) {string.Join(", ", unknown)}: an observations export has columns {string.Join(',', ObservationFileColumns)}")]);
        }

        RequireColumns(file, table, [.. ObservationColumns.Required]);
        var rows = table.Rows;
        rows = Pick(file, rows, ObservationColumns.Measure, selection.Measure, "measure", "measures", "--measure", "");
        var measure = rows[0].Cells[ObservationColumns.Measure];
        rows = Pick(file, rows, ObservationColumns.Area, selection.Area, "area", "areas", "--area", $" for measure {measure}");
        var area = rows[0].Cells[ObservationColumns.Area];

        var key = selection.Breakdown ?? "";
        var inBreakdown = rows.Where(r => Breakdown(r).Equals(key, StringComparison.OrdinalIgnoreCase)).ToList();
        if (inBreakdown.Count == 0)
        {
            var held = string.Join(", ", rows.Select(Breakdown).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).Select(b => b.Length == 0 ? "the whole population" : b));
            throw Bad(selection.Breakdown is null
                ? $"the file has no whole-population rows for measure {measure} in area {area}: choose a breakdown with --breakdown ({held})"
                : $"the file has no rows for breakdown {key} of measure {measure} in area {area}: it holds {held}");
        }

        return [.. inBreakdown.Select(r => new SeriesRow(r.Line, r.Cells[ObservationColumns.Period], r.Cells[ObservationColumns.Value]))];
    }

    private static string Breakdown(CsvRow row) => row.Cells.GetValueOrDefault(ObservationColumns.Breakdown, "");

    /// <summary>The rows with the chosen code in a column, or the only code there is.</summary>
    private static List<CsvRow> Pick(FileInfo file, List<CsvRow> rows, string column, string? chosen, string noun, string nouns, string option, string context)
    {
        var codes = rows.Select(r => r.Cells[column]).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        if (rows.Count == 0)
        {
            throw new InvalidInputException([InputError.At(file.FullName, 1, 1, "the file has a header but no rows")]);
        }

        if (chosen is null)
        {
            return codes.Count == 1
                ? rows
                : throw Bad($"the file holds {codes.Count} {nouns}{context} ({string.Join(", ", codes)}): choose one with {option}");
        }

        var picked = rows.Where(r => r.Cells[column].Equals(chosen, StringComparison.OrdinalIgnoreCase)).ToList();
        return picked.Count > 0
            ? picked
            : throw Bad($"the file has no rows for {noun} {chosen}{context}: it holds {string.Join(", ", codes)}");
    }

    private static bool IsNoValue(string text) => NoValue.Contains(text, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Reads the periods and values of a series. The periods are either all ISO dates (the start of each period)
    /// or all labels of one period type, read as the first type that reads every label (Period.CommonType);
    /// anything else is an error naming the line.
    /// </summary>
    private static Series ReadSeries(FileInfo file, CsvTable table, List<SeriesRow> rows)
    {
        InvalidInputException AtPeriod(SeriesRow row, string message) => new([new InputError(file.FullName, row.Line, "period", message)]);

        var points = new List<(DateOnly Period, double Value)>();
        var values = rows.Select(r => double.TryParse(r.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new InvalidInputException([new InputError(file.FullName, r.Line, "value", $"value '{r.Value}' is not a number")])).ToList();

        var first = rows[0];
        var firstIsDate = IsoDate(first.Period) is not null;
        Dictionary<DateOnly, string>? labels = null;
        PeriodType? type = null;
        if (firstIsDate)
        {
            foreach (var row in rows)
            {
                var day = IsoDate(row.Period) ?? throw AtPeriod(row, Period.TryParseAny(row.Period, out _)
                    ? $"period '{row.Period}' is a label, but line {first.Line} has a date ('{first.Period}'): write every period the same way"
                    : $"period '{row.Period}' is not a date: write YYYY-MM-DD, as line {first.Line} does");
                points.Add((day, 0));
            }
        }
        else
        {
            var texts = rows.Select(r => r.Period).ToList();
            type = Period.CommonType(texts);
            if (type is null)
            {
                if (!Period.TryParseAny(first.Period, out var firstPeriod))
                {
                    throw AtPeriod(first, UnknownPeriod(first.Period));
                }

                foreach (var row in rows)
                {
                    if (IsoDate(row.Period) is not null)
                    {
                        throw AtPeriod(row, $"period '{row.Period}' is a date, but line {first.Line} has a label ('{first.Period}'): write every period the same way");
                    }

                    if (!Period.TryParseAny(row.Period, out var period))
                    {
                        throw AtPeriod(row, UnknownPeriod(row.Period));
                    }

                    if (period.Type != firstPeriod.Type)
                    {
                        throw AtPeriod(row, $"period '{row.Period}' is {TypeName(period.Type)}, but line {first.Line}'s '{first.Period}' is {TypeName(firstPeriod.Type)}: a series has one period type");
                    }
                }

                // Every label reads as the first one's type, so CommonType would have found it.
                throw AtPeriod(first, UnknownPeriod(first.Period));
            }

            labels = [];
            foreach (var row in rows)
            {
                _ = Period.TryParse(type.Value, row.Period, out var period);
                points.Add((period.Start, 0));
                labels.TryAdd(period.Start, period.Label);
            }
        }

        var seen = new Dictionary<DateOnly, int>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (!seen.TryAdd(points[i].Period, rows[i].Line))
            {
                throw AtPeriod(rows[i], $"period '{rows[i].Period}' is on line {seen[points[i].Period]} too: a series has one value per period");
            }

            points[i] = (points[i].Period, values[i]);
        }

        return new Series(points, labels, type);
    }

    private static DateOnly? IsoDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static string UnknownPeriod(string text) =>
        $"period '{text}' is not a date or a period label: write YYYY-MM-DD or a label like 2023-24 Q2, 2023-24, 2023/24 academic, 2023, Oct 2021-Sep 2022 or 2023-04";

    private static string TypeName(PeriodType type) => type switch
    {
        PeriodType.FinancialQuarter => "a financial quarter",
        PeriodType.FinancialYear => "a financial year",
        PeriodType.AcademicYear => "an academic year",
        PeriodType.CalendarYear => "a calendar year",
        PeriodType.Rolling12Months => "a rolling 12 months",
        PeriodType.ThreeCalendarYears => "three calendar years",
        _ => "a month",
    };

    /// <summary>--rebase: ISO dates, or labels of the series' own period type.</summary>
    private static List<DateOnly> RebaseDates(string? text, PeriodType? type) =>
        [.. (text ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(item => IsoDate(item)
                ?? (type is { } t && Period.TryParse(t, item, out var period)
                    ? period.Start
                    : throw Bad($"--rebase ('{item}') is not a period of the series: write YYYY-MM-DD{(type is { } known ? " or a label like " + Period.Example(known) : "")}")))];

    private sealed record CsvRow(int Line, Dictionary<string, string> Cells);

    private sealed record CsvTable(string[] Header, List<CsvRow> Rows);

    /// <summary>Reads a small CSV with a header (RFC 4180: a quoted cell may hold commas, quotes and line
    /// breaks, as an export's quality notes can); every problem names the file, line and column.</summary>
    private static async Task<CsvTable> ReadCsvAsync(FileInfo file, string expected, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            throw new InvalidInputException([new InputError(file.FullName, 0, "", "the file does not exist")]);
        }

        var text = (await File.ReadAllTextAsync(file.FullName, cancellationToken)).TrimStart('\uFEFF');
        var records = Records(file, text).Where(r => !(r.Cells.Count == 1 && r.Cells[0].Trim().Length == 0)).ToList();
        if (records.Count == 0)
        {
            throw new InvalidInputException([InputError.At(file.FullName, 1, 1, $"the file is empty: it needs a header row {expected}")]);
        }

        var header = records[0].Cells.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var rows = new List<CsvRow>();
        foreach (var (line, cells) in records.Skip(1))
        {
            if (cells.Count != header.Length)
            {
                throw new InvalidInputException([InputError.At(file.FullName, line, 1, $"the row has {cells.Count} cells but the header has {header.Length}")]);
            }

            // A duplicated column name keeps its first cell; the header check names the columns it needs.
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, cell) in header.Zip(cells))
            {
                row.TryAdd(name, cell.Trim());
            }

            rows.Add(new CsvRow(line, row));
        }

        return new CsvTable(header, rows);
    }

    private static void RequireColumns(FileInfo file, CsvTable table, string[] required)
    {
        var missing = required.Where(r => !table.Header.Contains(r)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidInputException([InputError.At(file.FullName, 1, 1, $"missing column(s) {string.Join(", ", missing)}: the header must have {string.Join(',', required)}")]);
        }
    }

    /// <summary>Splits text into records of cells, each with the line it starts on.</summary>
    private static List<(int Line, List<string> Cells)> Records(FileInfo file, string text)
    {
        var records = new List<(int Line, List<string> Cells)>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var line = 1;
        var start = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\n')
            {
                cells.Add(cell.ToString());
                records.Add((start, cells));
                cells = [];
                cell.Clear();
                line++;
                start = line;
            }
            else if (c != '\r')
            {
                cell.Append(c);
            }
        }

        if (quoted)
        {
            throw new InvalidInputException([InputError.At(file.FullName, start, cells.Count + 1, "a quoted cell is not closed: a '\"' is missing")]);
        }

        if (cells.Count > 0 || cell.Length > 0)
        {
            cells.Add(cell.ToString());
            records.Add((start, cells));
        }

        return records;
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
            : throw Cell(file, row, column, $"{column} '{text}' is not a number");
    }

    private static InvalidInputException Cell(FileInfo file, CsvRow row, string column, string message) =>
        new([new InputError(file.FullName, row.Line, column, message)]);
}
