using System.Diagnostics;
using System.Globalization;
using System.Text;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Sources;

namespace CouncilPlan.Bench;

/// <summary>
/// How much a series' filters save when a publisher sends a whole data set: a file shaped like DfE's
/// key stage 4 "All state-funded pupil characteristics and geography data" (2024/25 release: 342,406
/// rows, one per year, area and pupil group) read by the EES connector, once keeping every row (as
/// before rows were filtered while read: the baseline) and once dropping the rows the series' filters
/// leave out. Same process, same file, same series. See bench/README.md.
/// </summary>
internal static class SourceReadBench
{
    private static readonly string[] Place = ["time_period", "time_identifier", "geographic_level", "country_code", "country_name", "region_code", "region_name", "old_la_code", "new_la_code", "la_name"];

    private static readonly string[] Filters = ["version", "establishment_type_group", "breakdown_topic", "sex", "ethnicity_major", "fsm_status", "sen_status", "disadvantage_status"];

    public static async Task<int> RunAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "ees-ks4-shaped.csv");
        var rows = Write(file);
        Console.WriteLine($"{rows:N0} rows, {new FileInfo(file).Length / 1048576.0:N0} MB: {file}");
        var bytes = await File.ReadAllBytesAsync(file);
        var series = new SourceSeries(
            "A2-03",
            new Dictionary<string, string> { ["data_set"] = "b3e19901-5d2b-b676-bb4c-e60937d74725" },
            new Dictionary<string, string> { ["value"] = "engmath_95_percent" },
            new Dictionary<string, string> { ["establishment_type_group"] = "All state-funded", ["breakdown_topic"] = "Total" },
            new Dictionary<string, string>(),
            new Dictionary<string, string>(),
            [],
            null,
            1);

        var lines = new List<string>
        {
            "| read | seconds | rows kept in the table | figures | managed memory held by the table (MB) | ÷ baseline seconds | ÷ baseline memory |",
            "|---|---:|---:|---:|---:|---:|---:|",
        };
        Measure? baseline = null;
        foreach (var (name, filtered) in new[] { ("every row, filters applied after (baseline)", false), ("filters applied while reading", true), ("every row, filters applied after (baseline, again)", false), ("filters applied while reading (again)", true) })
        {
            var measure = Run(bytes, series, filtered);
            baseline ??= measure;
            var line = string.Create(CultureInfo.InvariantCulture, $"| {name} | {measure.Seconds:0.00} | {measure.TableRows:N0} | {measure.Figures:N0} | {measure.HeldMb:N0} | {baseline.Seconds / measure.Seconds:0.00} | {baseline.HeldMb / measure.HeldMb:0} |");
            Console.WriteLine(line);
            lines.Add(line);
        }

        await File.WriteAllLinesAsync(Path.Combine(folder, "source-read.md"), lines);
        return 0;
    }

    private static Measure Run(byte[] bytes, SourceSeries series, bool filtered)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var watch = Stopwatch.StartNew();
        var connector = SourceConnector.For(SourceService.Ees);
        using var body = new MemoryStream(bytes, writable: false);
        var table = filtered ? connector.Read(body, "ks4.csv", series) : SourceTable.ReadCsv(body, "ks4.csv");
        var figures = connector.Rows(table, series, _ => true, PeriodType.AcademicYear).Rows.Count;
        watch.Stop();
        var held = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(table);
        return new Measure(watch.Elapsed.TotalSeconds, table.Rows.Count, figures, held / 1048576.0);
    }

    /// <summary>16 years × 163 areas × 131 pupil groups (one of them the whole cohort) ≈ DfE's 342,406 rows.</summary>
    private static long Write(string file)
    {
        var random = new Random(20261205);
        var indicators = Enumerable.Range(0, 60).Select(i => i == 0 ? "engmath_95_percent" : $"indicator_{i}").ToList();
        using var writer = new StreamWriter(file, false, new UTF8Encoding(false));
        writer.WriteLine(string.Join(',', Place.Concat(Filters).Concat(["school_count", "pupil_count"]).Concat(indicators)));
        long rows = 0;
        for (var year = 2009; year < 2025; year++)
        {
            var period = $"{year}{(year + 1) % 100:00}";
            for (var area = 0; area < 163; area++)
            {
                var (level, la) = area == 0 ? ("National", "") : area < 10 ? ("Regional", "") : ("Local authority", $"E08{area:000000}");
                for (var group = 0; group < 131; group++)
                {
                    var total = group == 0;
                    var filters = Filters.Select(f => f switch
                    {
                        "version" => "Revised",
                        "establishment_type_group" => total || group % 2 == 0 ? "All state-funded" : "State-funded mainstream",
                        "breakdown_topic" => total ? "Total" : $"Topic {group % 9}",
                        _ => total ? "Total" : $"Group {group}",
                    });
                    var figures = indicators.Select(_ => (random.NextDouble() * 100).ToString("0.0", CultureInfo.InvariantCulture));
                    writer.WriteLine(string.Join(',', new[] { period, "Academic year", level, "E92000001", "England", area is > 0 and < 10 ? $"E1200000{area}" : "", area is > 0 and < 10 ? $"Region {area}" : "", la.Length > 0 ? $"{area}" : "", la, la.Length > 0 ? $"Council {area}" : "" }
                        .Concat(filters).Concat(["40", "3000"]).Concat(figures)));
                    rows++;
                }
            }
        }

        return rows;
    }

    private sealed record Measure(double Seconds, int TableRows, int Figures, double HeldMb);
}
