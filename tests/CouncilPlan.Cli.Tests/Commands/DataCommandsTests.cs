using System.Diagnostics;
using System.Text;
using System.Text.Json;
using CouncilPlan.Core.Areas;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Imports;
using CouncilPlan.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static CouncilPlan.Testing.ObservationCatalogue;

namespace CouncilPlan.Cli.Tests.Commands;

public sealed class DataCommandsTests
{
    private static readonly string[] Rows =
    [
        $"{Percentage},2023,{Council},,61.5,615,1000,final,'=1+1,true",
        $"{Quarterly},2023-24 Q2,{Ward},,12,,,provisional,,false",
        $"{Monthly},2024-04,{England},,-7,,,,\"a, b + café\",true",
    ];

    private static async Task<TestDatabase> CatalogueDatabaseAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        await SeedAsync(db);
        return database;
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_AValidFile_PrintsWhatChangedAndExitsZero(DatabaseProvider provider)
    {
        await using var database = await CatalogueDatabaseAsync(provider);
        var path = WriteCsv(Rows);

        var first = await CliRunner.RunAsync(database, "data", "import", "--publish", path, "--by", "Data Team");
        var second = await CliRunner.RunAsync(database, "data", "import", "--publish", path);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal("", first.Error);
        Assert.Matches(@"^observations\.csv: 3 rows loaded: 3 added, 0 revised, 0 unchanged \(batch \d+\)\.$", first.Out.Trim());
        Assert.Equal(0, second.ExitCode);
        Assert.Equal("observations.csv: 3 rows read; every figure is already stored, nothing changed.", second.Out.Trim());
        await using var db = database.NewContext();
        Assert.Equal("Data Team", Assert.Single(db.DataBatches).EnteredBy);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_OfRowsMarkedPublished_WithoutPublish_IsRefusedNamingTheRows_AndLoadsNothing(DatabaseProvider provider)
    {
        await using var database = await CatalogueDatabaseAsync(provider);
        var path = WriteCsv(Rows);
        var before = await ObservationSnapshot.TakeAsync(database);

        var (exitCode, _, error) = await CliRunner.RunAsync(database, "data", "import", path);
        var unmarked = await CliRunner.RunAsync(database, "data", "import", WriteCsv(Rows[1]));

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"{path}:2:published: 'true' needs the import to be published on purpose", error, StringComparison.Ordinal);
        Assert.Contains($"{path}:4:published: 'true' needs", error, StringComparison.Ordinal);
        Assert.DoesNotContain($"{path}:3:", error, StringComparison.Ordinal);
        Assert.Equal(0, unmarked.ExitCode);
        await using var db = database.NewContext();
        Assert.False(await db.Observations.AnyAsync(o => o.Published), "nothing imported without --publish is published");
        Assert.NotEqual(before, await ObservationSnapshot.TakeAsync(database));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_WithErrors_PrintsEachAsFileRowColumnReasonAndExitsNonZero(DatabaseProvider provider)
    {
        await using var database = await CatalogueDatabaseAsync(provider);
        var path = WriteCsv(Rows[0], $"{Monthly},2024-13,{Council},,1,,,,,", $"{Monthly},2024-05,NOWHERE,,x,,,,,", Rows[0]);
        var before = await ObservationSnapshot.TakeAsync(database);

        var (exitCode, output, error) = await CliRunner.RunAsync(database, "data", "import", "--publish", path);

        Assert.Equal(1, exitCode);
        Assert.Equal("", output);
        Assert.Equal(
            [
                $"{path}:3:period: '2024-13' is not a month period, which measure M-1 is reported by: write it like '2023-04'",
                $"{path}:4:area: unknown area 'NOWHERE': no area or comparator group has this code (load the areas file first)",
                $"{path}:4:value: 'x' is not a number: 'x' is not allowed in a figure; write it like 1050, 1,050 or 75.2",
                $"{path}:5:measure: this row repeats row 2: the same measure, period, area and breakdown can appear only once in a file",
                "4 problems found; nothing was loaded.",
            ],
            error.TrimEnd().Split('\n'));
        Assert.Equal(before, await ObservationSnapshot.TakeAsync(database));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_DryRun_SaysWhatWouldChangeAndWritesNothing(DatabaseProvider provider)
    {
        await using var database = await CatalogueDatabaseAsync(provider);
        var before = await ObservationSnapshot.TakeAsync(database);

        var (exitCode, output, _) = await CliRunner.RunAsync(database, "data", "import", "--publish", WriteCsv(Rows), "--dry-run");

        Assert.Equal(0, exitCode);
        Assert.Equal("observations.csv: dry run, nothing was changed. 3 rows checked: 3 would be added, 0 revised, 0 unchanged.", output.Trim());
        Assert.Equal(before, await ObservationSnapshot.TakeAsync(database));
    }

    [Fact]
    public async Task Import_AMissingFile_SaysSo()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync(null, "data", "import", "no-such-file.csv");

        Assert.Equal(1, exitCode);
        Assert.Equal("no-such-file.csv: the file does not exist", error.Trim());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task ExportEverythingThenImportIt_ChangesNothing(DatabaseProvider provider)
    {
        await using var database = await CatalogueDatabaseAsync(provider);
        await CliRunner.RunAsync(database, "data", "import", "--publish", WriteCsv(Rows));
        var before = await ObservationSnapshot.TakeAsync(database);
        var exported = Path.Combine(Path.GetDirectoryName(WriteFile(""))!, "all.csv");

        var export = await CliRunner.RunAsync(database, "data", "export", "--out", exported, "--include-unpublished");
        var import = await CliRunner.RunAsync(database, "data", "import", "--publish", exported);

        Assert.Equal((0, $"Wrote 3 observations to {exported}."), (export.ExitCode, export.Out.Trim()));
        Assert.Equal("all.csv: 3 rows read; every figure is already stored, nothing changed.", import.Out.Trim());
        Assert.Equal(before, await ObservationSnapshot.TakeAsync(database));
        Assert.Contains(",'=1+1,true", await File.ReadAllTextAsync(exported), StringComparison.Ordinal);
        Assert.Contains(",-7,", await File.ReadAllTextAsync(exported), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Export_ByDefault_WritesOnlyPublishedFiguresOfTheChosenMeasures(DatabaseProvider provider)
    {
        await using var database = await CatalogueDatabaseAsync(provider);
        await CliRunner.RunAsync(database, "data", "import", "--publish", WriteCsv(Rows));
        var folder = Path.GetDirectoryName(WriteFile(""))!;

        var all = await CliRunner.RunAsync(database, "data", "export", "--out", Path.Combine(folder, "published.csv"));
        var some = await CliRunner.RunAsync(database, "data", "export", "--out", Path.Combine(folder, "some.json"), "--measure", Monthly, "--measure", Quarterly, "--area", England);

        Assert.Equal(0, all.ExitCode);
        var lines = (await File.ReadAllTextAsync(Path.Combine(folder, "published.csv"))).TrimEnd('\n').Split('\n');
        Assert.Equal([ExportHeader, $"{Monthly},2024-04,{England},,-7,,,,,final,\"a, b + café\",true", $"{Percentage},2023,{Council},,61.5,615,1000,,,final,'=1+1,true"], lines);
        Assert.Equal(0, some.ExitCode);
        Assert.Equal(
            """[{"measure":"M-1","period":"2024-04","area":"E92000001","breakdown":"","value":-7,"numerator":null,"denominator":null,"lower_ci":null,"upper_ci":null,"status":"final","quality_note":"a, b + café","published":true,"suppressed":false}]""",
            await File.ReadAllTextAsync(Path.Combine(folder, "some.json")));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Export_OfASensitiveMeasure_ShowsNoSmallCountNorAnythingThatGivesOneAway_InCsvOrJson(DatabaseProvider provider)
    {
        await using var database = await CatalogueDatabaseAsync(provider);
        SmallCountTable table;
        await using (var db = database.NewContext())
        {
            table = await SmallCountTable.PrepareAsync(db, Quarterly, "2024-25 Q1", "sex");
        }

        Assert.Equal(0, (await CliRunner.RunAsync(database, "data", "import", "--publish", WriteFile(table.Csv()))).ExitCode);
        var folder = Path.GetDirectoryName(WriteFile(""))!;

        var csv = await CliRunner.RunAsync(database, "data", "export", "--out", Path.Combine(folder, "published.csv"));
        var json = await CliRunner.RunAsync(database, "data", "export", "--out", Path.Combine(folder, "published.json"), "--measure", Quarterly);
        var staff = await CliRunner.RunAsync(database, "data", "export", "--out", Path.Combine(folder, "staff.csv"), "--include-unpublished");

        Assert.Equal((0, 0, 0), (csv.ExitCode, json.ExitCode, staff.ExitCode));
        table.AssertDisclosesNothing(table.ShownInCsv(await File.ReadAllTextAsync(Path.Combine(folder, "published.csv"))));
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "published.json")));
        table.AssertDisclosesNothing(table.ShownInJson(document.RootElement.EnumerateArray()));
        // The staff export is everything as stored, small counts included: the help says never to publish it.
        Assert.Equal(table.Figures.Count, table.ShownInCsv(await File.ReadAllTextAsync(Path.Combine(folder, "staff.csv"))).Count);
    }

    [Fact]
    public async Task ExportHelp_SaysTheStaffExportHasNoDisclosureControl()
    {
        var (_, output, _) = await CliRunner.RunAsync(null, "data", "export", "--help");

        // Help wraps its lines to the terminal's width.
        var words = string.Join(' ', output.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("A staff export: every figure as stored, published or not, with no disclosure control (small counts included). Never publish the result.", words, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("import")]
    [InlineData("export")]
    public async Task DataCommands_HaveHelp(string command)
    {
        var (exitCode, output, _) = await CliRunner.RunAsync(null, "data", command, "--help");

        Assert.Equal(0, exitCode);
        Assert.Contains($"councilplan data {command}", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ProgressBar_ShowsPercentRowsAndMegabytes()
    {
        var line = ProgressBar.Describe(new ImportProgress(ImportPhase.Reading, 512 * 1024 * 1024L, 1024 * 1024 * 1024L, 1_234_567));

        Assert.Equal("Reading  [###############---------------]  50%  1,234,567 rows  512.0/1024.0 MB", line);
    }

    [Fact]
    public void ProgressLines_WriteEveryTenth_EvenWhenOneReportPassesSeveral()
    {
        var text = new StringWriter { NewLine = "\n" };
        var lines = new ProgressLines(text);

        lines.Report(new ImportProgress(ImportPhase.Reading, 0, 1000, 0));
        lines.Report(new ImportProgress(ImportPhase.Reading, 350, 1000, 35));
        lines.Report(new ImportProgress(ImportPhase.Reading, 390, 1000, 39));
        lines.Report(new ImportProgress(ImportPhase.Reading, 1000, 1000, 100));
        lines.Report(new ImportProgress(ImportPhase.Saving, 1000, 1000, 100));

        Assert.Equal(
            "progress: reading 0% (0 rows)\nprogress: reading 10% (35 rows)\nprogress: reading 20% (35 rows)\nprogress: reading 30% (35 rows)\n"
            + "progress: reading 40% (100 rows)\nprogress: reading 50% (100 rows)\nprogress: reading 60% (100 rows)\nprogress: reading 70% (100 rows)\n"
            + "progress: reading 80% (100 rows)\nprogress: reading 90% (100 rows)\nprogress: reading 100% (100 rows)\nprogress: saving (100 rows)\n",
            text.ToString());
    }

    public static TheoryData<DatabaseProvider, string, bool> KillPoints() => new()
    {
        // A first load (empty table) and a merge take different paths on both databases.
        { DatabaseProvider.Sqlite, "progress: reading 20%", true },
        { DatabaseProvider.Sqlite, "progress: reading 20%", false },
        // A first load writes the table while it reads, its indexes (and on PostgreSQL its foreign
        // keys) set aside: its "saving" is only the commit, so it is killed later in the reading.
        { DatabaseProvider.Sqlite, "progress: reading 60%", true },
        { DatabaseProvider.Sqlite, "progress: saving", false },
        { DatabaseProvider.Postgres, "progress: reading 20%", true },
        { DatabaseProvider.Postgres, "progress: reading 20%", false },
        { DatabaseProvider.Postgres, "progress: reading 60%", true },
        { DatabaseProvider.Postgres, "progress: saving", false },
    };

    /// <summary>
    /// The real command line, as a child process, killed part way through a large import: while it
    /// reads and stages the file, and while it writes, into an empty table and into one with figures.
    /// Nothing of it may remain.
    /// </summary>
    [Theory]
    [MemberData(nameof(KillPoints))]
    public async Task Import_KilledPartWay_LeavesTheDatabaseExactlyAsItWas(DatabaseProvider provider, string killAt, bool firstLoad)
    {
        await using var database = await CatalogueDatabaseAsync(provider);
        await AddAreasAsync(database, 60);
        if (!firstLoad)
        {
            Assert.Equal(0, (await CliRunner.RunAsync(database, "data", "import", "--publish", WriteCsv(Rows))).ExitCode);
            Assert.Equal(0, (await CliRunner.RunAsync(database, "data", "import", "--publish", WriteCsv(Rows[0].Replace("61.5", "62", StringComparison.Ordinal), Rows[1], Rows[2]))).ExitCode);
        }

        var before = await ObservationSnapshot.TakeAsync(database);
        var schemaBefore = await SchemaAsync(database);
        Assert.Equal(!firstLoad, before.Contains("\nr ", StringComparison.Ordinal));
        var big = WriteBigFile(60, 12 * 1000);

        var (exited, exitCode, error) = await RunAndKillAsync(database, big, killAt);

        Assert.False(exited && exitCode == 0, $"The import finished before it could be killed at '{killAt}'; make the file bigger.\n{error}");
        await WaitForOtherSessionsToEndAsync(database);
        Assert.Equal(before, await ObservationSnapshot.TakeAsync(database));
        Assert.Equal(schemaBefore, await SchemaAsync(database));

        // The database is not left locked or half-written: the same file then loads in full.
        var (again, output, againError) = await CliRunner.RunAsync(database, "data", "import", "--publish", big);
        Assert.True(again == 0, againError);
        Assert.Contains(firstLoad ? "720,001 rows loaded: 720,001 added, 0 revised, 0 unchanged" : "720,001 rows loaded: 720,000 added, 1 revised, 0 unchanged", output, StringComparison.Ordinal);
    }

    /// <summary>The indexes, constraints and triggers of the observation tables, which a first load sets aside and restores.</summary>
    private static async Task<string> SchemaAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = database.Provider == DatabaseProvider.Postgres
            ? """
              SELECT string_agg(d, E'\n' ORDER BY d) FROM (
                SELECT pg_get_indexdef(indexrelid) AS d FROM pg_index WHERE indrelid IN ('observations'::regclass, 'observation_revisions'::regclass)
                UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid IN ('observations'::regclass, 'observation_revisions'::regclass)
                UNION ALL SELECT tgname FROM pg_trigger WHERE tgrelid IN ('observations'::regclass, 'observation_revisions'::regclass)) x
              """
            : "SELECT group_concat(sql, char(10)) FROM (SELECT sql FROM sqlite_master WHERE tbl_name IN ('observations', 'observation_revisions') ORDER BY name)";
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task AddAreasAsync(TestDatabase database, int count)
    {
        await using var db = database.NewContext();
        for (var i = 0; i < count; i++)
        {
            db.Areas.Add(new Area { Code = $"T{i:00000000}", Name = $"Test area {i}", Type = AreaType.Ward, ParentCode = Council });
        }

        await db.SaveChangesAsync();
    }

    /// <summary>Monthly figures for each test area from January 1900 on, and one change to a stored figure.</summary>
    private static string WriteBigFile(int areas, int months)
    {
        var path = WriteFile("", "big.csv");
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write(Header + "\n");
        writer.Write(Rows[0].Replace("61.5", "63", StringComparison.Ordinal) + "\n");
        for (var m = 0; m < months; m++)
        {
            var period = $"{1900 + (m / 12)}-{(m % 12) + 1:00}";
            for (var a = 0; a < areas; a++)
            {
                writer.Write($"{Monthly},{period},T{a:00000000},,{m + a},,,final,,true\n");
            }
        }

        return path;
    }

    private static async Task<(bool Exited, int ExitCode, string Error)> RunAndKillAsync(TestDatabase database, string file, string killAt)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "councilplan.dll"));
        foreach (var argument in new[] { "data", "import", file, "--progress", "lines" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in database.EnvironmentVariables)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var seen = new StringBuilder();
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                reached.TrySetResult();
                return;
            }

            lock (seen)
            {
                seen.AppendLine(e.Data);
            }

            if (e.Data.StartsWith(killAt, StringComparison.Ordinal))
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                }

                reached.TrySetResult();
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        await reached.Task.WaitAsync(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        lock (seen)
        {
            return (true, process.ExitCode, seen.ToString());
        }
    }

    /// <summary>On PostgreSQL the killed client's session ends (and its transaction rolls back) when the server notices.</summary>
    private static async Task WaitForOtherSessionsToEndAsync(TestDatabase database)
    {
        if (database.Provider != DatabaseProvider.Postgres)
        {
            return;
        }

        var name = new NpgsqlConnectionStringBuilder(database.Settings.ConnectionString).Database;
        await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable));
        await connection.OpenAsync();
        for (var i = 0; i < 600; i++)
        {
            await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = @name AND pid <> pg_backend_pid() AND state <> 'idle'", connection);
            command.Parameters.AddWithValue("name", name!);
            if ((long)(await command.ExecuteScalarAsync())! == 0)
            {
                return;
            }

            await Task.Delay(100);
        }
    }
}
