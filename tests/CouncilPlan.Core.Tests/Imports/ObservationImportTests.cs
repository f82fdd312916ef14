using System.Text;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Imports;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Validation;
using CouncilPlan.Testing;
using Microsoft.EntityFrameworkCore;
using static CouncilPlan.Testing.ObservationCatalogue;

namespace CouncilPlan.Core.Tests.Imports;

/// <summary>Importing observations into a real database, once on SQLite and once on PostgreSQL.</summary>
public sealed class ObservationImportTests
{
    private static readonly TimeProvider Clock = TimeProvider.System;

    /// <summary>Six good rows (lines 2 to 7), one per period type.</summary>
    private static readonly string[] GoodRows =
    [
        $"{Percentage},2023,{Council},,61.5,615,1000,final,,true",
        $"{Percentage},2023,{Council},free-school-meals:eligible,40,40,100,provisional,small sample,true",
        $"{Quarterly},2023-24 Q2,{Ward},,12,,,final,,false",
        $"{FinancialYear},2023/24,{England},,1500000.25,,,revised,\"note, with comma\",true",
        $"{AcademicYear},2023/24,{Council},,-3.5,,,,,",
        $"{Monthly},Apr 2024,{Council},,7,,,,,true",
    ];

    internal static async Task<TestDatabase> CatalogueDatabaseAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        await SeedAsync(db);
        return database;
    }

    internal static async Task<ObservationImportResult> ImportAsync(TestDatabase database, string path, ObservationImportOptions? options = null)
    {
        await using var db = database.NewContext();
        return await new ObservationImporter(db, Clock).ImportFileAsync(path, options ?? new ObservationImportOptions { Publish = true, EnteredBy = "tester" });
    }

    private static async Task<InputError> SingleErrorAsync(DatabaseProvider provider, params string[] rows)
    {
        await using var database = await CatalogueDatabaseAsync(provider);
        var before = await ObservationSnapshot.TakeAsync(database);
        var result = await ImportAsync(database, WriteCsv(rows));
        Assert.False(result.Committed);
        Assert.Equal(before, await ObservationSnapshot.TakeAsync(database));
        return Assert.Single(result.Errors);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_ValidFile_AddsEveryRowInOneBatch(DatabaseProvider provider)
    {
        await using var database = await CatalogueDatabaseAsync(provider);

        var result = await ImportAsync(database, WriteCsv(GoodRows));

        Assert.True(result.Committed, string.Join("\n", result.Errors));
        Assert.Equal((6, 6, 0, 0), (result.RowsRead, result.Added, result.Revised, result.Unchanged));
        await using var db = database.NewContext();
        var batch = await db.DataBatches.SingleAsync();
        Assert.Equal(result.BatchId, batch.Id);
        Assert.Equal("tester", batch.EnteredBy);
        Assert.Equal("import of observations.csv", batch.Description);
        var stored = await db.Observations.Include(o => o.Measure).Include(o => o.Breakdown).OrderBy(o => o.Id).ToListAsync();
        Assert.All(stored, o => Assert.Equal((batch.Id, 1), (o.BatchId, o.Version)));
        Assert.Equal(["2023", "2023", "2023-24 Q2", "2023-24", "2023/24 academic", "2024-04"], stored.Select(o => o.Period));
        Assert.Equal(new DateOnly(2023, 7, 1), stored[2].PeriodStart);
        Assert.Equal(new DateOnly(2023, 9, 30), stored[2].PeriodEnd);
        Assert.Equal("free-school-meals:eligible", stored[1].Breakdown!.Key);
        Assert.Equal((40, 40.0, 100.0, ObservationStatus.Provisional, "small sample", true), (stored[1].Value, stored[1].Numerator, stored[1].Denominator, stored[1].Status, stored[1].QualityNote, stored[1].Published));
        Assert.Equal(("note, with comma", ObservationStatus.Revised), (stored[3].QualityNote, stored[3].Status));
        Assert.Equal((-3.5, false, (string?)null), (stored[4].Value, stored[4].Published, stored[4].QualityNote));
        Assert.Empty(await db.ObservationRevisions.ToListAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_WithBadDateInRow7_ReportsRowAndChangesNothing(DatabaseProvider provider)
    {
        var rows = GoodRows.ToArray();
        rows[5] = $"{Monthly},2024-13,{Council},,7,,,,,true";

        var error = await SingleErrorAsync(provider, rows);

        Assert.Equal((7L, "period"), (error.Row, error.Column));
        Assert.Equal("'2024-13' is not a month period, which measure M-1 is reported by: write it like '2023-04'", error.Message);
        Assert.Equal("observations.csv:7:period: '2024-13' is not a month period, which measure M-1 is reported by: write it like '2023-04'", error.In("observations.csv").ToString());
    }

    public static TheoryData<DatabaseProvider, string, string, string> RowErrors()
    {
        var cases = new (string Row, string Column, string Reason)[]
        {
            ($"NOPE-1,2023,{Council},,1,,,,,", "measure", "unknown measure 'NOPE-1'"),
            ($",2023,{Council},,1,,,,,", "measure", "the measure is missing"),
            ($"{Quarterly},2023-24,{Council},,1,,,,,", "period", "write it like '2023-24 Q2'"),
            ($"{FinancialYear},2023,{Council},,1,,,,,", "period", "write it like '2023-24'"),
            ($"{AcademicYear},2023,{Council},,1,,,,,", "period", "write it like '2023/24 academic'"),
            ($"{Percentage},2023-24,{Council},,1,,,,,", "period", "write it like '2023'"),
            ($"{Rolling},Apr 2023-Jun 2024,{Council},,1,,,,,", "period", "write it like 'Apr 2023-Mar 2024' or 'Jan-Dec 2023'"),
            ($"{Percentage},2023,E09999999,,1,,,,,", "area", "unknown area 'E09999999'"),
            ($"{Percentage},2023,{Council},sex:other,1,,,,,", "breakdown", "unknown breakdown 'sex:other': the dimension 'sex' has no category 'other'"),
            ($"{Percentage},2023,{Council},age:0-4,1,,,,,", "breakdown", "unknown breakdown 'age:0-4': there is no dimension 'age'"),
            ($"{Percentage},2023,{Council},sex:female,1,,,,,", "breakdown", "measure PCT-1 is not broken down by 'sex' (its breakdowns: free-school-meals)"),
            ($"{Monthly},2023-04,{Council},sex:female,1,,,,,", "breakdown", "measure M-1 has no breakdowns"),
            ($"{Percentage},2023,{Council},,12%,,,,,", "value", "'12%' is not a number"),
            ($"{Percentage},2023,{Council},,\"1,05\",,,,,", "value", "'1,05' is not a number: a comma may only separate thousands, as in 1,050; a decimal needs a point, as in 1.05"),
            ($"{Percentage},2023,{Council},,\"1,0500\",,,,,", "value", "a comma may only separate thousands"),
            ($"{Percentage},2023,{Council},,\"1.050,5\",,,,,", "value", "a comma may only separate thousands"),
            ($"{Percentage},2023,{Council},,\"1 050\",,,,,", "value", "'1 050' is not a number: a space may not separate digits"),
            ($"{Percentage},2023,{Council},,1\0,,,,,", "value", "The figure contains a control character (U+0000, a NUL byte)"),
            ($"{Percentage},2023,{Council},,NaN,,,,,", "value", "'NaN' is not a number"),
            ($"{Percentage},2023,{Council},,Infinity,,,,,", "value", "'Infinity' is not a number"),
            ($"{Percentage},2023,{Council},,1e999,,,,,", "value", "'1e999' is too large to be a figure"),
            ($"{Percentage},2023,{Council},,1,,,,\"{new string('n', 2001)}\",", "quality_note", "The quality note is 2,001 characters long; the most it can be is 2,000"),
            ($"{Percentage},2023,{Council},,1,,,,bad\u0007bell,", "quality_note", "The quality note contains a control character (U+0007)"),
            ($"{Percentage},2023,{Council},,,,,,,", "value", "the value is missing"),
            ($"{Percentage},2023,{Council},,1,ten,100,,,", "numerator", "'ten' is not a number"),
            ($"{Percentage},2023,{Council},,1,1,-Infinity,,,", "denominator", "'-Infinity' is not a number"),
            ($"{Percentage},2023,{Council},,110,11,10,,,", "numerator", "the numerator (11) is above the denominator (10): measure PCT-1 is a percentage"),
            ($"{Rolling},Jan-Dec 2023,{Council},,5,5,0,,,", "denominator", "the denominator is 0: a rate or percentage needs a denominator above zero"),
            ($"{Rolling},Jan-Dec 2023,{Council},,5,5,-2,,,", "denominator", "the denominator is -2"),
            ($"{Percentage},2023,{Council},,1,,,draft,,", "status", "'draft' is not a status: write provisional, final or revised"),
            ($"{Percentage},2023,{Council},,1,,,,,yes", "published", "'yes' is not true or false"),
            ($"{Percentage},2023,{Council},,1,,,,", "", "this row has 9 fields but the header has 10"),
        };
        var data = new TheoryData<DatabaseProvider, string, string, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            foreach (var (row, column, reason) in cases)
            {
                data.Add(provider, row, column, reason);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RowErrors))]
    public async Task Import_WithAnErrorInRow3_NamesRowColumnAndReasonAndChangesNothing(DatabaseProvider provider, string badRow, string column, string reason)
    {
        var error = await SingleErrorAsync(provider, GoodRows[0], badRow, GoodRows[2]);

        Assert.Equal(3, error.Row);
        Assert.Equal(column, error.Column);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_WithAnErrorInTheLastRow_LeavesStoredFiguresExactlyAsTheyWere(DatabaseProvider provider)
    {
        await using var database = await CatalogueDatabaseAsync(provider);
        Assert.True((await ImportAsync(database, WriteCsv(GoodRows))).Committed);
        var before = await ObservationSnapshot.TakeAsync(database);
        var rows = GoodRows.Select(r => r.Replace(",true", ",false", StringComparison.Ordinal))
            .Concat(Enumerable.Range(1, 500).Select(i => $"{Monthly},{1950 + (i / 12)}-{(i % 12) + 1:00},{Council},,{i},,,,,true"))
            .Append($"{Monthly},2024-05,{Council},,seven,,,,,true")
            .ToArray();

        var result = await ImportAsync(database, WriteCsv(rows));

        var error = Assert.Single(result.Errors);
        Assert.Equal((rows.Length + 1L, "value"), (error.Row, error.Column));
        Assert.False(result.Committed);
        Assert.Equal(before, await ObservationSnapshot.TakeAsync(database));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_TheSameFileTwice_ChangesNothingTheSecondTime(DatabaseProvider provider)
    {
        await using var database = await CatalogueDatabaseAsync(provider);
        var path = WriteCsv(GoodRows);
        await ImportAsync(database, path);
        var before = await ObservationSnapshot.TakeAsync(database);

        var again = await ImportAsync(database, path);

        Assert.True(again.Committed);
        Assert.Equal((6, 0, 0, 6), (again.RowsRead, again.Added, again.Revised, again.Unchanged));
        Assert.Null(again.BatchId);
        Assert.Equal(before, await ObservationSnapshot.TakeAsync(database));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_AChangedValue_BecomesARevisionKeepingTheOldValueAndItsBatch(DatabaseProvider provider)
    {
        await using var database = await CatalogueDatabaseAsync(provider);
        var first = await ImportAsync(database, WriteCsv(GoodRows));
        var rows = GoodRows.ToArray();
        rows[0] = $"{Percentage},2023,{Council},,62.5,625,1000,revised,corrected,true";
        rows[2] = $"{Quarterly},2023-24 Q2,{Ward},,12,,,final,,true";

        var second = await ImportAsync(database, WriteCsv(rows), new ObservationImportOptions { Publish = true, EnteredBy = "second person", Description = "corrections" });

        Assert.True(second.Committed);
        Assert.Equal((0, 2, 4), (second.Added, second.Revised, second.Unchanged));
        await using var db = database.NewContext();
        var changed = await db.Observations.SingleAsync(o => o.Value == 62.5);
        Assert.Equal((2, second.BatchId!.Value, "corrected", ObservationStatus.Revised), (changed.Version, changed.BatchId, changed.QualityNote, changed.Status));
        var revisions = await db.ObservationRevisions.Include(r => r.Batch).Include(r => r.ReplacedByBatch).OrderBy(r => r.ObservationId).ToListAsync();
        Assert.Equal(2, revisions.Count);
        var old = revisions.Single(r => r.ObservationId == changed.Id);
        Assert.Equal((1, 61.5, 615.0, 1000.0, ObservationStatus.Final, (string?)null, true), (old.Version, old.Value, old.Numerator, old.Denominator, old.Status, old.QualityNote, old.Published));
        Assert.Equal(("tester", "second person", "corrections"), (old.Batch!.EnteredBy, old.ReplacedByBatch!.EnteredBy, old.ReplacedByBatch.Description));
        Assert.Equal(first.BatchId, old.BatchId);
        var published = revisions.Single(r => r.ObservationId != changed.Id);
        Assert.False(published.Published);
        Assert.Equal(2, await db.DataBatches.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_DryRun_CountsWhatWouldChangeAndWritesNothing(DatabaseProvider provider)
    {
        await using var database = await CatalogueDatabaseAsync(provider);
        await ImportAsync(database, WriteCsv(GoodRows[..3]));
        var before = await ObservationSnapshot.TakeAsync(database);
        var rows = GoodRows.ToArray();
        rows[0] = rows[0].Replace("61.5", "99", StringComparison.Ordinal);

        var result = await ImportAsync(database, WriteCsv(rows), new ObservationImportOptions { Publish = true, DryRun = true });

        Assert.True(result.DryRun);
        Assert.False(result.Committed);
        Assert.Empty(result.Errors);
        Assert.Equal((3, 1, 2), (result.Added, result.Revised, result.Unchanged));
        Assert.Null(result.BatchId);
        Assert.Equal(before, await ObservationSnapshot.TakeAsync(database));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_WithARepeatedKey_NamesBothRowsAndChangesNothing(DatabaseProvider provider)
    {
        // "2023-24" and "2023/24" are the same period; the key is the period's start.
        var error = await SingleErrorAsync(provider,
            GoodRows[0],
            $"{FinancialYear},2023-24,{England},,1,,,,,",
            GoodRows[2],
            $"{FinancialYear},2023/24,{England},,2,,,,,");

        Assert.Equal((5L, "measure"), (error.Row, error.Column));
        Assert.StartsWith("this row repeats row 3:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_WithARepeatedKeyIntoATableThatHasFigures_NamesBothRowsAndChangesNothing(DatabaseProvider provider)
    {
        // A first load and a merge find repeats by different means; this is the merge.
        await using var database = await CatalogueDatabaseAsync(provider);
        await ImportAsync(database, WriteCsv(GoodRows));
        var before = await ObservationSnapshot.TakeAsync(database);

        var result = await ImportAsync(database, WriteCsv(GoodRows[0], GoodRows[1], $"{Monthly},2030-01,{Council},,1,,,,,", GoodRows[0].Replace("61.5", "70", StringComparison.Ordinal)));

        var error = Assert.Single(result.Errors);
        Assert.Equal((5L, "this row repeats row 2: the same measure, period, area and breakdown can appear only once in a file"), (error.Row, error.Message));
        Assert.Equal(before, await ObservationSnapshot.TakeAsync(database));
    }

    [Fact]
    public async Task Import_OnSqlite_LeavesTheConnectionCheckingForeignKeysAgain()
    {
        await using var database = await CatalogueDatabaseAsync(DatabaseProvider.Sqlite);
        await using var db = database.NewContext();
        await db.Database.OpenConnectionAsync();

        await new ObservationImporter(db, Clock).ImportFileAsync(WriteCsv(GoodRows), new ObservationImportOptions { Publish = true });
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT foreign_keys FROM pragma_foreign_keys";

        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_FirstLoad_BuildsExactlyWhatItSetAsideAgain_AndAFailedOneLeavesItAsItWas(DatabaseProvider provider)
    {
        await using var database = await CatalogueDatabaseAsync(provider);

        // The indexes (and on PostgreSQL the foreign keys) a first load drops and builds again.
        var definitions = provider == DatabaseProvider.Postgres
            ? """
              SELECT string_agg(d, E'\n' ORDER BY d) FROM (
                SELECT pg_get_indexdef(indexrelid) AS d FROM pg_index WHERE indrelid = 'observations'::regclass
                UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'observations'::regclass) x
              """
            : "SELECT group_concat(sql, char(10)) FROM (SELECT sql FROM sqlite_master WHERE tbl_name = 'observations' AND type = 'index' AND sql IS NOT NULL ORDER BY name)";
        var before = await ScalarTextAsync(database, definitions);
        Assert.Contains("CREATE UNIQUE INDEX", before, StringComparison.Ordinal);
        Assert.Contains("ix_observations_area_code_measure_id", before, StringComparison.Ordinal);
        if (provider == DatabaseProvider.Postgres)
        {
            Assert.Contains("fk_observations_areas_area_code FOREIGN KEY (area_code) REFERENCES areas(code) ON DELETE RESTRICT", before, StringComparison.Ordinal);
        }

        // A repeat is found by the unique index, built after the rows are in: nothing stays.
        var failed = await ImportAsync(database, WriteCsv(GoodRows[0], GoodRows[1], GoodRows[0]));
        Assert.Equal((4L, "this row repeats row 2: the same measure, period, area and breakdown can appear only once in a file"), (Assert.Single(failed.Errors).Row, failed.Errors[0].Message));
        Assert.Equal(before, await ScalarTextAsync(database, definitions));

        var result = await ImportAsync(database, WriteCsv(GoodRows));

        Assert.Equal(6, result.Added);
        Assert.Equal(before, await ScalarTextAsync(database, definitions));

        // The first load gave the ids itself; the table must still give new ones after them.
        var next = await ImportAsync(database, WriteCsv($"{Monthly},2030-01,{Council},,1,,,,,", $"{Monthly},2030-02,{Council},,1,,,,,", $"{Monthly},2030-03,{Council},,1,,,,,"));
        Assert.Equal((3, 0), (next.Added, next.ErrorCount));
    }

    private static async Task<string> ScalarTextAsync(TestDatabase database, string sql)
    {
        await using var db = database.NewContext();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return (string)(await command.ExecuteScalarAsync())!;
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_WithMoreThanAHundredErrors_ListsTheFirstHundredInRowOrderAndCountsTheRest(DatabaseProvider provider)
    {
        await using var database = await CatalogueDatabaseAsync(provider);
        // 150 unknown areas on lines 2..151 and 60 repeats of line 152 on lines 153..212.
        var rows = Enumerable.Range(0, 150).Select(i => $"{Monthly},2023-04,X{i},,1,,,,,")
            .Concat(Enumerable.Repeat($"{Monthly},2023-04,{Council},,1,,,,,", 61))
            .ToArray();

        var result = await ImportAsync(database, WriteCsv(rows));

        Assert.Equal(210, result.ErrorCount);
        Assert.Equal(100, result.Errors.Count);
        Assert.Equal(110, result.ErrorsNotListed);
        Assert.Equal(Enumerable.Range(2, 100).Select(i => (long)i), result.Errors.Select(e => e.Row));
        Assert.Equal(0, result.Added);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_RepeatsBeyondTheCap_AreCountedAndTheFirstOnesListed(DatabaseProvider provider)
    {
        await using var database = await CatalogueDatabaseAsync(provider);
        var rows = Enumerable.Repeat($"{Monthly},2023-04,{Council},,1,,,,,", 150).ToArray();

        var result = await ImportAsync(database, WriteCsv(rows));

        Assert.Equal(149, result.ErrorCount);
        Assert.Equal(Enumerable.Range(3, 100).Select(i => (long)i), result.Errors.Select(e => e.Row));
        Assert.All(result.Errors, e => Assert.StartsWith("this row repeats row 2:", e.Message, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_AnEscapedFormulaInANote_StoresTheNoteWithoutTheApostrophe(DatabaseProvider provider)
    {
        await using var database = await CatalogueDatabaseAsync(provider);

        var result = await ImportAsync(database, WriteCsv(
            $"{Monthly},2023-04,{Council},,1,,,,'=SUM(A1:A9),",
            $"{Monthly},2023-05,{Council},,1,,,,\"'+1, or so\",",
            $"{Monthly},2023-06,{Council},,1,,,,'plain quote,",
            $"{Monthly},2023-07,{Council},,1,,,,''-two,"));

        Assert.True(result.Committed, string.Join("\n", result.Errors));
        await using var db = database.NewContext();
        Assert.Equal(["=SUM(A1:A9)", "+1, or so", "'plain quote", "'-two"], await db.Observations.OrderBy(o => o.PeriodStart).Select(o => o.QualityNote).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_WithoutPublish_LandsUnpublished_AndWaitsUntilTheBatchIsPublishedOnPurpose(DatabaseProvider provider)
    {
        await using var database = await CatalogueDatabaseAsync(provider);
        var unmarked = GoodRows.Select(r => r.EndsWith(",true", StringComparison.Ordinal) ? r[..^",true".Length] + "," : r).ToArray();

        var refused = await ImportAsync(database, WriteCsv(GoodRows), new ObservationImportOptions { EnteredBy = "tester" });
        var landed = await ImportAsync(database, WriteCsv(unmarked), new ObservationImportOptions { EnteredBy = "tester", Description = "figures to check" });

        Assert.False(refused.Committed);
        Assert.All(refused.Errors, e => Assert.Equal("published", e.Column));
        Assert.Equal(GoodRows.Count(r => r.EndsWith(",true", StringComparison.Ordinal)), refused.Errors.Count);
        Assert.True(landed.Committed, string.Join("\n", landed.Errors));
        await using var db = database.NewContext();
        Assert.False(await db.Observations.AnyAsync(o => o.Published));
        var figures = new ImportedFigures(db, Clock);
        var waiting = Assert.Single(await figures.WaitingAsync());
        Assert.Equal(("figures to check", "tester", GoodRows.Length), (waiting.Description, waiting.EnteredBy, waiting.Unpublished));
        var version = await DataVersion.CurrentAsync(db);

        var published = await figures.PublishBatchAsync(waiting.BatchId);

        Assert.Equal(GoodRows.Length, published);
        Assert.True(await db.Observations.AllAsync(o => o.Published));
        Assert.Empty(await figures.WaitingAsync());
        Assert.True(await DataVersion.CurrentAsync(db) > version);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "published" && a.Key == $"batch {waiting.BatchId}: figures to check"));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_WithThousandsGroupedCorrectly_StoresTheWholeNumber_AndANoteMayHaveParagraphs(DatabaseProvider provider)
    {
        await using var database = await CatalogueDatabaseAsync(provider);

        var result = await ImportAsync(database, WriteCsv(
            $"{FinancialYear},2023/24,{England},,\"1,500,000.25\",,,,\"First line.\nSecond line.\",",
            $"{Monthly},Apr 2024,{Council},,\"1,050\",,,,,"));

        Assert.True(result.Committed, string.Join("\n", result.Errors));
        await using var db = database.NewContext();
        var stored = await db.Observations.OrderBy(o => o.Value).Select(o => new { o.Value, o.QualityNote }).ToListAsync();
        Assert.Equal([1050, 1_500_000.25], stored.Select(o => o.Value));
        Assert.Equal("First line.\nSecond line.", stored[1].QualityNote);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_WithAByteOrderMarkCrlfAndAnyColumnOrder_Works(DatabaseProvider provider)
    {
        await using var database = await CatalogueDatabaseAsync(provider);
        var content = "\uFEFFValue,AREA,period,measure\r\n7,E08000007,2023-04,M-1\r\n\r\n8,E08000007,May 2023,M-1";
        var result = await ImportAsync(database, WriteFile(content));

        Assert.True(result.Committed, string.Join("\n", result.Errors));
        Assert.Equal(2, result.Added);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_WithSemicolons_SaysTheFileIsNotCommaSeparated(DatabaseProvider provider)
    {
        await using var database = await CatalogueDatabaseAsync(provider);

        var result = await ImportAsync(database, WriteFile("measure;period;area;value\nM-1;2023-04;E08000007;7\n"));

        var error = Assert.Single(result.Errors);
        Assert.Equal(1, error.Row);
        Assert.StartsWith("the file uses ';' between columns: CouncilPlan reads comma-separated files", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_WithTabs_SaysTheFileIsNotCommaSeparated(DatabaseProvider provider)
    {
        await using var database = await CatalogueDatabaseAsync(provider);

        var result = await ImportAsync(database, WriteFile("measure\tperiod\tarea\tvalue\nM-1\t2023-04\tE08000007\t7\n"));

        Assert.StartsWith("the file uses tabs between columns", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_WithUnknownAndMissingColumns_ReportsEachOnTheHeader(DatabaseProvider provider)
    {
        await using var database = await CatalogueDatabaseAsync(provider);

        var result = await ImportAsync(database, WriteFile("measure,period,vaule,area\nM-1,2023-04,7,E08000007\n"));

        Assert.Equal(
            [(1L, "vaule", "unknown column 'vaule': the columns are measure, period, area, breakdown, value, numerator, denominator, lower_ci, upper_ci, status, quality_note, published"),
             (1L, "value", "the required column 'value' is missing (the header needs measure, period, area, value)")],
            result.Errors.Select(e => (e.Row, e.Column, e.Message)));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_WithLatin1Bytes_ReportsTheRowColumnAndByteOffset(DatabaseProvider provider)
    {
        await using var database = await CatalogueDatabaseAsync(provider);
        var text = Header + "\n" + GoodRows[0] + "\n" + $"{Monthly},2023-04,{Council},,1,,,,caf\u00e9,\n";
        var bytes = Encoding.Latin1.GetBytes(text);
        var offset = Array.IndexOf(bytes, (byte)0xE9);

        var result = await ImportAsync(database, WriteBytes(bytes));

        var error = Assert.Single(result.Errors);
        Assert.Equal((3L, "quality_note"), (error.Row, error.Column));
        Assert.Equal($"the file is not UTF-8: byte 0xE9 at byte offset {offset} cannot be read; save the file as UTF-8 (in Excel, 'CSV UTF-8')", error.Message);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_WithAQuoteLeftOpen_ReportsTheRowWhereItOpened(DatabaseProvider provider)
    {
        await using var database = await CatalogueDatabaseAsync(provider);

        var result = await ImportAsync(database, WriteCsv(GoodRows[0], $"{Monthly},2023-04,{Council},,1,,,,\"never closed,", GoodRows[2]));

        var error = Assert.Single(result.Errors);
        Assert.Equal((3L, "quality_note"), (error.Row, error.Column));
        Assert.Equal("a quoted field is opened here and not closed before the end of the file", error.Message);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_WithANoteOverSeveralLines_NumbersLaterRowsByTheirFileLine(DatabaseProvider provider)
    {
        await using var database = await CatalogueDatabaseAsync(provider);

        var result = await ImportAsync(database, WriteCsv(
            $"{Monthly},2023-04,{Council},,1,,,,\"line one\nline two\r\nline three\",",
            $"{Monthly},2023-05,{Council},,x,,,,,"));

        Assert.Equal((5L, "value"), (Assert.Single(result.Errors).Row, result.Errors[0].Column));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_EmptyFile_SaysItNeedsAHeader(DatabaseProvider provider)
    {
        await using var database = await CatalogueDatabaseAsync(provider);

        var result = await ImportAsync(database, WriteFile(""));

        Assert.StartsWith("the file is empty", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_ReportsProgressUpToTheWholeFile(DatabaseProvider provider)
    {
        await using var database = await CatalogueDatabaseAsync(provider);
        var path = WriteCsv(GoodRows);
        var reports = new List<ImportProgress>();
        var progress = new Recorder(reports);

        await ImportAsync(database, path, new ObservationImportOptions { Publish = true, Progress = progress });

        var reading = reports.Where(r => r.Phase == ImportPhase.Reading).ToList();
        Assert.Equal(new FileInfo(path).Length, reading[^1].BytesRead);
        Assert.Equal(new FileInfo(path).Length, reading[^1].TotalBytes);
        Assert.Equal(6, reading[^1].Rows);
        Assert.Equal(ImportPhase.Done, reports[^1].Phase);
    }

    private sealed class Recorder(List<ImportProgress> reports) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
