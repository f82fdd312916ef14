using System.Globalization;
using System.Text;
using CouncilPlan.Core.Areas;
using CouncilPlan.Core.Validation;

namespace CouncilPlan.Core.Data;

/// <summary>
/// Ward figures built from small-area figures when a dataset is loaded. A plan folder may hold a
/// <c>small-areas</c> folder with a best-fit lookup (small area to ward), small-area figure files,
/// and <c>ward-figures.csv</c> saying which measure each ward figure is for and by which rule it is
/// made. The rules are <see cref="BestFit"/>'s; every ward observation's quality note says how it
/// was made and that a best-fit lookup assigns each small area wholly to one ward. The result is an
/// observations CSV (docs/observations-csv-format.md), imported like any other.
/// </summary>
/// <remarks>
/// Rules (column <c>rule</c>): <c>sum</c> adds a numeric column over the ward's small areas;
/// <c>count-by-quintile</c> reads a national decile column (1 = most deprived 10%) and counts the
/// ward's small areas in each quintile (breakdown deprivation-quintile:q1 to q5) and in all;
/// <c>share-in-deciles:1-2</c> gives the percentage of the ward's small areas whose decile is in the
/// range. Lines starting with # are comments. A council code in column <c>council</c> also gives the
/// council's figure by the same rule, from all the small areas.
/// </remarks>
public static class SmallAreaFigures
{
    public const string FolderName = "small-areas";

    public const string ManifestName = "ward-figures.csv";

    public const string BestFitSentence = "A best-fit lookup assigns each small area (LSOA) wholly to one ward, so figures near ward boundaries are approximate.";

    private static readonly string[] Header = ["measure", "period", "area", "breakdown", "value", "numerator", "denominator", "status", "quality_note", "published"];

    /// <summary>The observations CSV for a plan folder's small-area figures, or null when it has none.</summary>
    public static string? ObservationsCsv(string planFolder)
    {
        var folder = Path.Combine(planFolder, FolderName);
        var manifest = Path.Combine(folder, ManifestName);
        if (!File.Exists(manifest))
        {
            return null;
        }

        var output = new StringBuilder();
        output.AppendLine(string.Join(',', Header));
        foreach (var (line, row) in Read(manifest))
        {
            string Cell(string name) => row.TryGetValue(name, out var v) && v.Length > 0 ? v : throw Error(manifest, line, $"column '{name}' is empty");
            var measure = Cell("measure");
            var period = Cell("period");
            var lookupFile = Path.Combine(folder, Cell("lookup"));
            var figuresFile = Path.Combine(folder, Cell("figures"));
            var column = Cell("column");
            var rule = Cell("rule");
            var source = Cell("source");
            var council = row.GetValueOrDefault("council") ?? "";

            var lookup = ReadLookup(lookupFile);
            var values = new List<(string SmallArea, string Text, int Line)>();
            foreach (var (figureLine, figure) in Read(figuresFile))
            {
                if (!figure.TryGetValue(column, out var text) || text.Length == 0)
                {
                    throw Error(figuresFile, figureLine, $"no value in column '{column}'");
                }

                values.Add((figure["small_area"], text, figureLine));
            }

            var areas = new List<(BestFitLookup Lookup, bool IsWard)> { (lookup, true) };
            if (council.Length > 0)
            {
                areas.Add((BestFitLookup.AllTo(values.Select(v => v.SmallArea), council), false));
            }

            try
            {
                foreach (var (areaLookup, isWard) in areas)
                {
                    foreach (var (breakdown, figure, how) in Apply(rule, values, areaLookup, figuresFile, manifest, line))
                    {
                        var note = isWard ? WardNote(how, figure.SmallAreas, source) : "";
                        Append(output, measure, period, figure.Ward, breakdown, figure.Value, note);
                    }
                }
            }
            catch (BestFitException e)
            {
                throw Error(manifest, line, $"{measure}: {e.Message} ({Path.GetFileName(lookupFile)}, {Path.GetFileName(figuresFile)})");
            }
        }

        return output.ToString();
    }

    private static IEnumerable<(string Breakdown, WardFigure Figure, string How)> Apply(string rule, List<(string SmallArea, string Text, int Line)> values, BestFitLookup lookup, string figuresFile, string manifest, int manifestLine)
    {
        if (rule == "sum")
        {
            var figures = values.Select(v => new SmallAreaFigure(v.SmallArea, Number(figuresFile, v.Line, v.Text))).ToList();
            return BestFit.Sum(figures, lookup).Select(f => ("", f, "the sum"));
        }

        var deciles = values.Select(v => new SmallAreaFigure(v.SmallArea, Decile(figuresFile, v.Line, v.Text))).ToList();
        if (rule == "count-by-quintile")
        {
            var all = BestFit.Sum(deciles.Select(d => d with { Value = 1 }), lookup).Select(f => ("", f, "the count"));
            var byQuintile = Enumerable.Range(1, 5).SelectMany(q =>
            {
                // Every ward with small areas gets a count for every quintile, zero included.
                var inQuintile = BestFit.Sum(deciles.Select(d => d with { Value = (int)Math.Ceiling(d.Value / 2) == q ? 1 : 0 }), lookup);
                return inQuintile.Select(f => ($"deprivation-quintile:q{q}", f, $"the count, in national deprivation quintile {q},"));
            });
            return all.Concat(byQuintile);
        }

        if (rule.StartsWith("share-in-deciles:", StringComparison.Ordinal)
            && rule["share-in-deciles:".Length..].Split('-') is [var fromText, var toText]
            && int.TryParse(fromText, CultureInfo.InvariantCulture, out var from)
            && int.TryParse(toText, CultureInfo.InvariantCulture, out var to))
        {
            return BestFit.Share(deciles, lookup, d => d.Value >= from && d.Value <= to)
                .Select(f => ("", f, $"the percentage ({f.Numerator:0} of {f.Denominator:0}) in national deprivation deciles {from} to {to},"));
        }

        throw Error(manifest, manifestLine, $"unknown rule '{rule}': use sum, count-by-quintile or share-in-deciles:1-2");
    }

    /// <summary>What every ward figure built from small areas says about how it was made: one wording, wherever it was built.</summary>
    public static string WardNote(string how, int smallAreas, string source) =>
        $"Best-fit ward figure: {how} of the ward's {smallAreas} small areas (LSOAs), from {source}. {BestFitSentence}";

    /// <summary>A best-fit lookup file: columns <c>small_area</c> and <c>ward</c>, # comment lines allowed.</summary>
    public static BestFitLookup ReadLookup(string path)
    {
        var rows = Read(path).ToList();
        if (rows.Count > 0 && !(rows[0].Row.ContainsKey("small_area") && rows[0].Row.ContainsKey("ward")))
        {
            throw Error(path, 0, "the header needs the columns small_area and ward");
        }

        try
        {
            return new BestFitLookup(rows.Select(r => KeyValuePair.Create(r.Row["small_area"], r.Row["ward"])));
        }
        catch (BestFitException e)
        {
            throw Error(path, 0, e.Message);
        }
    }

    private static void Append(StringBuilder output, string measure, string period, string area, string breakdown, double value, string note)
    {
        var cells = new[]
        {
            measure, period, area, breakdown,
            Math.Round(value, 4).ToString(CultureInfo.InvariantCulture),
            "", "", "final", note, "true",
        };
        output.AppendLine(string.Join(',', cells.Select(Quote)));
    }

    private static string Quote(string cell) =>
        cell.Contains(',', StringComparison.Ordinal) || cell.Contains('"', StringComparison.Ordinal) ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : cell;

    private static double Number(string file, int line, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : throw Error(file, line, $"'{text}' is not a number");

    private static double Decile(string file, int line, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d is >= 1 and <= 10 ? d : throw Error(file, line, $"'{text}' is not a decile from 1 to 10");

    /// <summary>The rows of a simple comma-separated file (no quoted commas) with # comment lines, each with its line number.</summary>
    private static IEnumerable<(int Line, Dictionary<string, string> Row)> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException([new InputError(path, 0, "", "the file does not exist")]);
        }

        string[]? header = null;
        var number = 0;
        foreach (var text in File.ReadLines(path))
        {
            number++;
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            var cells = text.Split(',').Select(c => c.Trim()).ToArray();
            if (header is null)
            {
                header = cells;
                continue;
            }

            if (cells.Length != header.Length)
            {
                throw Error(path, number, $"{cells.Length} cells where the header has {header.Length}");
            }

            yield return (number, header.Zip(cells).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal));
        }
    }

    private static InvalidInputException Error(string file, int line, string message) => new([new InputError(file, line, "", message)]);
}
