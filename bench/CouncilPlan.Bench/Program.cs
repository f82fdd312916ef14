using System.Diagnostics;
using System.Globalization;
using System.Text;
using CouncilPlan.Bench;
using CouncilPlan.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

// Measures `councilplan data import` against the databases' own bulk loaders on the same file:
// PostgreSQL's `psql \copy` and SQLite's `sqlite3 .import`, each into a bare table with the same
// columns, on a fresh database each time. See bench/README.md.
if (args is ["prepare", var kind, var name])
{
    // For profiling by hand: a fresh database with the benchmark's catalogue; prints its connection string.
    var folder = Path.Combine(DatabaseSettings.ApplicationRoot(), "bench", "out");
    Directory.CreateDirectory(folder);
    Console.WriteLine(kind == "postgres"
        ? await new PostgresTarget(Environment.GetEnvironmentVariable("COUNCILPLAN_BENCH_POSTGRES")!, "psql").FreshCatalogueAsync(name)
        : await new SqliteTarget(folder, "sqlite3").FreshCatalogueAsync(name));
    return 0;
}

if (args is ["source-read", ..])
{
    // How much a series' filters save when a publisher sends a whole data set (bench/README.md, "Reading a whole data set").
    return await SourceReadBench.RunAsync(args.Length > 1 ? args[1] : Path.Combine(DatabaseSettings.ApplicationRoot(), "bench", "out"));
}

var options = BenchOptions.Parse(args);
Directory.CreateDirectory(options.OutputFolder);
var report = new List<string>
{
    string.Create(CultureInfo.InvariantCulture, $"# Import benchmark, {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC"),
};
Console.WriteLine(Machine.Describe());
report.Add("");
report.Add("```");
report.Add(Machine.Describe());
report.Add("```");
report.Add("");
report.Add("| database | rows | run | seconds | rows/s | ÷ baseline rows/s | ÷ reference rows/s | client CPU s | peak RSS (MB) | load avg at start |");
report.Add("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|");

foreach (var rows in options.Sizes)
{
    var file = Path.Combine(options.OutputFolder, $"observations-{rows}.csv");
    if (!File.Exists(file))
    {
        var watch = Stopwatch.StartNew();
        Console.WriteLine($"Generating {rows:N0} rows into {file} ...");
        BenchCatalogue.WriteObservations(file + ".tmp", rows);
        File.Move(file + ".tmp", file, overwrite: true);
        Console.WriteLine($"  {new FileInfo(file).Length / 1048576.0:N0} MB in {watch.Elapsed.TotalSeconds:N1} s");
    }

    if (options.Postgres is not null)
    {
        var pg = new PostgresTarget(options.Postgres, options.Psql);
        var baseline = await pg.CopyAsync(file);
        Add("PostgreSQL", rows, "psql \\copy into a bare table (baseline)", baseline, null);
        var connection = await pg.FreshCatalogueAsync("ours");
        var first = await Importer.RunAsync(DatabaseProvider.Postgres, connection, file);
        var again = await Importer.RunAsync(DatabaseProvider.Postgres, connection, file);
        var table = await pg.CopyIntoObservationsAsync(connection, Path.Combine(options.OutputFolder, $"observations-{rows}-table.csv"));
        Add("PostgreSQL", rows, "psql \\copy of the same rows into observations, its indexes and foreign keys built after (reference)", table, baseline);
        Add("PostgreSQL", rows, "councilplan data import, first load", first, baseline, table);
        Add("PostgreSQL", rows, "councilplan data import, same file again (merge, no change)", again, baseline, table);
        await pg.DropAsync("ours");
    }

    if (options.Sqlite)
    {
        var lite = new SqliteTarget(options.OutputFolder, options.Sqlite3);
        var baseline = await lite.ImportAsync(file);
        Add("SQLite", rows, "sqlite3 .import --csv into a bare table (baseline)", baseline, null);
        var connection = await lite.FreshCatalogueAsync("ours");
        var first = await Importer.RunAsync(DatabaseProvider.Sqlite, connection, file);
        var again = await Importer.RunAsync(DatabaseProvider.Sqlite, connection, file);
        var table = await lite.ImportIntoObservationsAsync("ours", Path.Combine(options.OutputFolder, $"observations-{rows}-table.csv"));
        Add("SQLite", rows, "sqlite3 .import of the same rows into observations, its indexes built after (reference)", table, baseline);
        Add("SQLite", rows, "councilplan data import, first load", first, baseline, table);
        Add("SQLite", rows, "councilplan data import, same file again (merge, no change)", again, baseline, table);
        lite.Delete("ours");
    }
}

var results = Path.Combine(options.OutputFolder, "results.md");
await File.WriteAllLinesAsync(results, report);
Console.WriteLine();
Console.WriteLine(string.Join('\n', report));
Console.WriteLine($"\nWritten to {results}");
return 0;

void Add(string database, long rows, string run, Measurement measurement, Measurement? baseline, Measurement? reference = null)
{
    var rate = rows / measurement.Seconds;
    var ratio = baseline is null ? "" : (baseline.Seconds / measurement.Seconds).ToString("0.00", CultureInfo.InvariantCulture);
    var toReference = reference is null ? "" : (reference.Seconds / measurement.Seconds).ToString("0.00", CultureInfo.InvariantCulture);
    var memory = measurement.PeakRssMb is { } mb ? mb.ToString("N0", CultureInfo.InvariantCulture) : "";
    var line = string.Create(CultureInfo.InvariantCulture, $"| {database} | {rows:N0} | {run} | {measurement.Seconds:0.00} | {rate:N0} | {ratio} | {toReference} | {measurement.CpuSeconds:0.00} | {memory} | {measurement.LoadAverage} |");
    Console.WriteLine(line);
    report.Add(line);
}

internal sealed record BenchOptions(IReadOnlyList<long> Sizes, string OutputFolder, string? Postgres, bool Sqlite, string Psql, string Sqlite3)
{
    public static BenchOptions Parse(string[] args)
    {
        var sizes = new List<long>();
        string output = Path.Combine(DatabaseSettings.ApplicationRoot(), "bench", "out");
        var postgres = Environment.GetEnvironmentVariable("COUNCILPLAN_BENCH_POSTGRES");
        var sqlite = true;
        string psql = "psql", sqlite3 = "sqlite3";
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rows":
                    sizes.AddRange(args[++i].Split(',').Select(s => long.Parse(s.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture)));
                    break;
                case "--out":
                    output = args[++i];
                    break;
                case "--postgres":
                    postgres = args[++i];
                    break;
                case "--no-postgres":
                    postgres = null;
                    break;
                case "--no-sqlite":
                    sqlite = false;
                    break;
                case "--psql":
                    psql = args[++i];
                    break;
                case "--sqlite3":
                    sqlite3 = args[++i];
                    break;
                default:
                    throw new ArgumentException($"Unknown argument {args[i]}. Use --rows N[,N...] --out DIR --postgres CONNECTION --no-postgres --no-sqlite --psql PATH --sqlite3 PATH.");
            }
        }

        return new BenchOptions(sizes.Count > 0 ? sizes : [100_000, 1_000_000, 10_000_000], Path.GetFullPath(output), postgres, sqlite, psql, sqlite3);
    }
}

internal sealed record Measurement(double Seconds, double CpuSeconds, double? PeakRssMb, string LoadAverage);

/// <summary>Runs a process under GNU time: wall time, CPU time (user + system) and peak resident memory.</summary>
internal static class ChildProcess
{
    public static async Task<Measurement> RunAsync(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        // GNU time gives the wall time, the CPU time and the peak resident memory of the process.
        var times = Path.GetTempFileName();
        var start = new ProcessStartInfo("/usr/bin/time") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-o", times, "-f", "%e %U %S %M", program }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', start.ArgumentList)} exited {process.ExitCode}:\n{await output}\n{await error}");
        }

        var said = ((await output).Trim() + "\n" + string.Join('\n', (await error).Split('\n').Where(l => l.StartsWith("timings:", StringComparison.Ordinal)))).Trim();
        if (said.Length > 0)
        {
            Console.WriteLine("    " + said.Replace("\n", "\n    ", StringComparison.Ordinal));
        }

        var figures = (await File.ReadAllTextAsync(times)).Trim().Split('\n')[^1].Split(' ').Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        File.Delete(times);
        return new Measurement(figures[0], figures[1] + figures[2], figures[3] / 1024, load);
    }

}

/// <summary>Our import: the real command line, as a user runs it, in a child process.</summary>
internal static class Importer
{
    public static Task<Measurement> RunAsync(DatabaseProvider provider, string connectionString, string file)
    {
        Console.WriteLine($"  councilplan data import ({provider}) ...");
        return ChildProcess.RunAsync(
            Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "councilplan.dll"), "data", "import", file, "--publish", "--progress", "none", "--by", "bench", "--timings"],
            new Dictionary<string, string> { ["Database__Provider"] = provider.ToString(), ["ConnectionStrings__CouncilPlan"] = connectionString });
    }
}

internal sealed class PostgresTarget(string admin, string psql)
{
    private const string BareTable = "CREATE TABLE bare (measure text, period text, area text, breakdown text, value double precision, numerator double precision, denominator double precision, status text, quality_note text, published boolean)";

    public async Task<string> FreshDatabaseAsync(string name)
    {
        await DropAsync(name);
        await ExecuteAsync(admin, $"CREATE DATABASE bench_{name}");
        return new NpgsqlConnectionStringBuilder(admin) { Database = $"bench_{name}", Pooling = false }.ToString();
    }

    public async Task<string> FreshCatalogueAsync(string name)
    {
        var connection = await FreshDatabaseAsync(name);
        await using var db = new DatabaseSettings(DatabaseProvider.Postgres, connection).CreateContext();
        await db.Database.MigrateAsync();
        await BenchCatalogue.SeedAsync(db);
        return connection;
    }

    public async Task<Measurement> CopyAsync(string file)
    {
        Console.WriteLine("  psql \\copy ...");
        var connection = await FreshDatabaseAsync("copy");
        await ExecuteAsync(connection, BareTable);
        var result = await RunPsqlAsync(connection, ["-c", $"\\copy bare FROM '{file}' WITH (FORMAT csv, HEADER true)"]);
        await DropAsync("copy");
        return result;
    }

    /// <summary>
    /// The reference for what the product's table costs: PostgreSQL's own loader writing the rows our
    /// import stored (exported from <paramref name="loaded"/>) into observations in a fresh catalogue,
    /// the quickest way it can: secondary indexes and foreign keys dropped, then built again, in one
    /// transaction, as our first load does. Only the psql run is timed.
    /// </summary>
    public async Task<Measurement> CopyIntoObservationsAsync(string loaded, string tableFile)
    {
        Console.WriteLine("  psql \\copy into observations ...");
        await RunPsqlAsync(loaded, ["-c", $"\\copy observations TO '{tableFile}' WITH (FORMAT csv)"]);
        var batches = tableFile + ".batches";
        await RunPsqlAsync(loaded, ["-c", $"\\copy data_batches TO '{batches}' WITH (FORMAT csv)"]);
        var shape = await FreshCatalogueAsync("table");
        await RunPsqlAsync(shape, ["-c", $"\\copy data_batches FROM '{batches}' WITH (FORMAT csv)"]);

        var drops = new List<string>();
        var creates = new List<string>();
        await using (var connection = new NpgsqlConnection(shape))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                SELECT 'DROP INDEX ' || quote_ident(c.relname), pg_get_indexdef(i.indexrelid)
                FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                WHERE i.indrelid = 'observations'::regclass AND NOT i.indisprimary
                UNION ALL
                SELECT 'ALTER TABLE observations DROP CONSTRAINT ' || quote_ident(conname),
                       'ALTER TABLE observations ADD CONSTRAINT ' || quote_ident(conname) || ' ' || pg_get_constraintdef(oid)
                FROM pg_constraint WHERE conrelid = 'observations'::regclass AND contype = 'f'
                """, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                drops.Add(reader.GetString(0) + ";");
                creates.Add(reader.GetString(1) + ";");
            }
        }

        var script = tableFile + ".sql";
        await File.WriteAllLinesAsync(script, ["BEGIN;", .. drops, $"\\copy observations FROM '{tableFile}' WITH (FORMAT csv)", .. creates, "COMMIT;"]);
        var result = await RunPsqlAsync(shape, ["-f", script]);
        await DropAsync("table");
        foreach (var written in new[] { tableFile, batches, script })
        {
            File.Delete(written);
        }

        return result;
    }

    private Task<Measurement> RunPsqlAsync(string connection, IEnumerable<string> arguments)
    {
        var settings = new NpgsqlConnectionStringBuilder(connection);
        return ChildProcess.RunAsync(psql, ["-v", "ON_ERROR_STOP=1", "-q", .. arguments], new Dictionary<string, string>
        {
            ["PGHOST"] = settings.Host!,
            ["PGPORT"] = settings.Port.ToString(CultureInfo.InvariantCulture),
            ["PGUSER"] = settings.Username!,
            ["PGDATABASE"] = settings.Database!,
        });
    }

    public Task DropAsync(string name) => ExecuteAsync(admin, $"DROP DATABASE IF EXISTS bench_{name} WITH (FORCE)");

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

internal sealed class SqliteTarget(string folder, string sqlite3)
{
    public string PathOf(string name) => Path.Combine(folder, $"bench-{name}.db");

    public void Delete(string name)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(PathOf(name) + suffix);
        }
    }

    public async Task<string> FreshCatalogueAsync(string name)
    {
        Delete(name);
        var connection = $"Data Source={PathOf(name)};Pooling=False";
        await using var db = new DatabaseSettings(DatabaseProvider.Sqlite, connection).CreateContext();
        await db.Database.MigrateAsync();
        await BenchCatalogue.SeedAsync(db);
        return connection;
    }

    public async Task<Measurement> ImportAsync(string file)
    {
        Console.WriteLine("  sqlite3 .import ...");
        Delete("import");
        var path = PathOf("import");
        await ChildProcess.RunAsync(sqlite3, [path, "CREATE TABLE bare (measure TEXT, period TEXT, area TEXT, breakdown TEXT, value REAL, numerator REAL, denominator REAL, status TEXT, quality_note TEXT, published TEXT)"]);
        var result = await ChildProcess.RunAsync(sqlite3, [path, $".import --csv --skip 1 {file} bare"]);
        await ChildProcess.RunAsync(sqlite3, [path, "SELECT 'sqlite3 imported ' || count(*) || ' rows' FROM bare"]);
        Delete("import");
        return result;
    }

    /// <summary>
    /// The reference for what the product's table costs: the sqlite3 shell's loader writing the rows our
    /// import stored (exported from the database <paramref name="loaded"/>) into observations in a fresh
    /// catalogue, its indexes dropped and built again after, in one transaction, as our first load
    /// does. Only that sqlite3 run is timed. The shell's CSV has no NULL, so empty optional values
    /// arrive as empty text: the same bytes to write.
    /// </summary>
    public async Task<Measurement> ImportIntoObservationsAsync(string loaded, string tableFile)
    {
        Console.WriteLine("  sqlite3 .import into observations ...");
        await ChildProcess.RunAsync(sqlite3, [PathOf(loaded), ".mode csv", $".output {tableFile}", "SELECT * FROM observations"]);
        await FreshCatalogueAsync("table");
        var path = PathOf("table");
        await ChildProcess.RunAsync(sqlite3, [path, $"ATTACH '{PathOf(loaded)}' AS loaded", "INSERT INTO data_batches SELECT * FROM loaded.data_batches"]);

        var drops = new List<string>();
        var creates = new List<string>();
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'observations' AND sql IS NOT NULL";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                drops.Add($"DROP INDEX \"{reader.GetString(0)}\"");
                creates.Add(reader.GetString(1));
            }
        }

        var result = await ChildProcess.RunAsync(sqlite3, [path, "BEGIN", .. drops, $".import --csv {tableFile} observations", .. creates, "COMMIT"]);
        await ChildProcess.RunAsync(sqlite3, [path, "SELECT 'sqlite3 imported ' || count(*) || ' rows into observations' FROM observations"]);
        Delete("table");
        File.Delete(tableFile);
        return result;
    }
}

internal static class Machine
{
    public static string Describe()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").First().Split(':', 2)[1].Trim() : "?";
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"CPU: {cpu ?? "?"}, {Environment.ProcessorCount} cores; memory: {memory}");
        text.AppendLine(CultureInfo.InvariantCulture, $".NET {Environment.Version}; {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
        SQLitePCL.Batteries_V2.Init();
        text.Append(CultureInfo.InvariantCulture, $"SQLite (Microsoft.Data.Sqlite bundle) {SQLitePCL.raw.sqlite3_libversion().utf8_to_string()}");
        return text.ToString();
    }
}
