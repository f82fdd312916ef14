using System.Text;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Exports;
using CouncilPlan.Testing;
using Microsoft.EntityFrameworkCore;
using static CouncilPlan.Testing.ObservationCatalogue;

namespace CouncilPlan.Core.Tests.Imports;

/// <summary>Published 95% confidence intervals (lower_ci, upper_ci) through the importer and the exports, on both databases.</summary>
public sealed class ConfidenceIntervalImportTests
{
    private const string CiHeader = "measure,period,area,breakdown,value,lower_ci,upper_ci,published";

    /// <summary>Five good rows (lines 2 to 6): the Annual Population Survey's way, an estimate with its interval, and one figure without.</summary>
    private static readonly string[] GoodRows =
    [
        $"{Percentage},2021,{Council},,75.2,72.1,78.3,true",
        $"{Percentage},2022,{Council},,74,70.9,77.1,true",
        $"{Percentage},2022,{England},,76.1,75.9,76.3,true",
        $"{Percentage},2022,{Council},free-school-meals:eligible,40,40,40,false",
        $"{Percentage},2022,{Ward},,70,,,true",
    ];

    private static string CiFile(params string[] rows) => WriteFile(CiHeader + "\n" + string.Join("\n", rows) + "\n");

    private static async Task<Dictionary<(string Period, string Area), (double? Lower, double? Upper, int Version)>> StoredAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return await db.Observations.AsNoTracking().Where(o => o.BreakdownId == 1)
            .ToDictionaryAsync(o => (o.Period, o.AreaCode), o => (o.LowerCi, o.UpperCi, o.Version));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_WithIntervals_StoresThemOnAFirstLoadAndOnAMerge_AndTheSameFileAgainChangesNothing(DatabaseProvider provider)
    {
        await using var database = await ObservationImportTests.CatalogueDatabaseAsync(provider);
        var firstLoad = CiFile(GoodRows[0], GoodRows[1]);
        var merge = CiFile(GoodRows);

        var first = await ObservationImportTests.ImportAsync(database, firstLoad);
        var second = await ObservationImportTests.ImportAsync(database, merge);
        var before = await ObservationSnapshot.TakeAsync(database);
        var again = await ObservationImportTests.ImportAsync(database, merge);

        Assert.True(first.Committed, string.Join("\n", first.Errors));
        Assert.True(second.Committed, string.Join("\n", second.Errors));
        Assert.Equal((3, 0, 2), (second.Added, second.Revised, second.Unchanged));
        var stored = await StoredAsync(database);
        Assert.Equal((72.1, 78.3, 1), stored[("2021", Council)]);
        Assert.Equal((70.9, 77.1, 1), stored[("2022", Council)]);
        Assert.Equal((75.9, 76.3, 1), stored[("2022", England)]);
        Assert.Equal((null, null, 1), stored[("2022", Ward)]);
        Assert.True(again.Committed);
        Assert.Null(again.BatchId);
        Assert.Equal((0, 0, 5), (again.Added, again.Revised, again.Unchanged));
        Assert.Equal(before, await ObservationSnapshot.TakeAsync(database));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_AChangedInterval_IsARevision_KeepingTheOldInterval(DatabaseProvider provider)
    {
        await using var database = await ObservationImportTests.CatalogueDatabaseAsync(provider);
        await ObservationImportTests.ImportAsync(database, CiFile(GoodRows));
        var changed = GoodRows.ToArray();
        changed[1] = $"{Percentage},2022,{Council},,74,71.2,77.1,true";
        changed[2] = $"{Percentage},2022,{England},,76.1,,,true";

        var result = await ObservationImportTests.ImportAsync(database, CiFile(changed));

        Assert.True(result.Committed, string.Join("\n", result.Errors));
        Assert.Equal((0, 2, 3), (result.Added, result.Revised, result.Unchanged));
        var stored = await StoredAsync(database);
        Assert.Equal((71.2, 77.1, 2), stored[("2022", Council)]);
        Assert.Equal((null, null, 2), stored[("2022", England)]);
        await using var db = database.NewContext();
        var revisions = await db.ObservationRevisions.AsNoTracking().OrderBy(r => r.LowerCi).ToListAsync();
        Assert.Equal([(70.9, 77.1, 74.0, 1), (75.9, 76.3, 76.1, 1)], revisions.Select(r => ((double)r.LowerCi!, (double)r.UpperCi!, r.Value, r.Version)));
        Assert.All(revisions, r => Assert.Equal(result.BatchId, r.ReplacedByBatchId));
    }

    public static TheoryData<DatabaseProvider, bool, string, string, string> IntervalErrors()
    {
        var cases = new (string Row, string Column, string Reason)[]
        {
            ($"{Percentage},2023,{Council},,75.2,about 72,78.3,true", "lower_ci", "'about 72' is not a number: 'a' is not allowed in a figure; write it like 1050, 1,050 or 75.2"),
            ($"{Percentage},2023,{Council},,75.2,72.1,78%,true", "upper_ci", "'78%' is not a number: leave out the % sign (write 75.2 for 75.2%)"),
            ($"{Percentage},2023,{Council},,75.2,72.1,,true", "upper_ci", "the upper confidence limit is missing but the lower is given (72.1): give both limits of the interval, or neither"),
            ($"{Percentage},2023,{Council},,75.2,,78.3,true", "lower_ci", "the lower confidence limit is missing but the upper is given (78.3): give both limits of the interval, or neither"),
            ($"{Percentage},2023,{Council},,75.2,80.1,82,true", "lower_ci", "the lower confidence limit 80.1 is above the value 75.2"),
            ($"{Percentage},2023,{Council},,75.2,70,75.1,true", "upper_ci", "the upper confidence limit 75.1 is below the value 75.2"),
        };
        var data = new TheoryData<DatabaseProvider, bool, string, string, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            foreach (var (row, column, reason) in cases)
            {
                // Into an empty table the good rows are written while the file is read: a first load
                // must undo them as surely as a merge never makes them.
                data.Add(provider, true, row, column, reason);
            }

            data.Add(provider, false, cases[4].Row, cases[4].Column, cases[4].Reason);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(IntervalErrors))]
    public async Task Import_WithABadIntervalInRow7_NamesRowAndColumn_AndChangesNothing(DatabaseProvider provider, bool firstLoad, string badRow, string column, string reason)
    {
        await using var database = await ObservationImportTests.CatalogueDatabaseAsync(provider);
        if (!firstLoad)
        {
            Assert.True((await ObservationImportTests.ImportAsync(database, CiFile(GoodRows[0]))).Committed);
        }

        var before = await ObservationSnapshot.TakeAsync(database);

        var result = await ObservationImportTests.ImportAsync(database, CiFile([.. GoodRows, badRow]));

        Assert.False(result.Committed);
        var error = Assert.Single(result.Errors);
        Assert.Equal((7L, column, reason), (error.Row, error.Column, error.Message));
        Assert.Equal(before, await ObservationSnapshot.TakeAsync(database));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_WithBothLimitsOnTheWrongSide_NamesBothColumns(DatabaseProvider provider)
    {
        await using var database = await ObservationImportTests.CatalogueDatabaseAsync(provider);

        var result = await ObservationImportTests.ImportAsync(database, CiFile($"{Percentage},2023,{Council},,75.2,78.3,72.1,true"));

        Assert.Equal(
            [(2L, "lower_ci", "the lower confidence limit 78.3 is above the value 75.2"), (2L, "upper_ci", "the upper confidence limit 72.1 is below the value 75.2")],
            result.Errors.Select(e => (e.Row, e.Column, e.Message)));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task ExportThenImportIntoAnEmptyDatabase_CarriesTheIntervals(DatabaseProvider provider)
    {
        await using var source = await ObservationImportTests.CatalogueDatabaseAsync(provider);
        await using var target = await ObservationImportTests.CatalogueDatabaseAsync(provider);
        await ObservationImportTests.ImportAsync(source, CiFile(GoodRows));
        var everything = new ObservationExportFilter { IncludeUnpublished = true };

        var exported = await ExportCsvAsync(source, everything);
        var imported = await ObservationImportTests.ImportAsync(target, WriteFile(exported));
        var exportedAgain = await ExportCsvAsync(target, everything);
        var intoSource = await ObservationImportTests.ImportAsync(source, WriteFile(exported));

        Assert.StartsWith(ExportHeader + "\n", exported, StringComparison.Ordinal);
        Assert.Contains($"{Percentage},2021,{Council},,75.2,,,72.1,78.3,final,,true\n", exported, StringComparison.Ordinal);
        Assert.Contains($"{Percentage},2022,{Ward},,70,,,,,final,,true\n", exported, StringComparison.Ordinal);
        Assert.True(imported.Committed, string.Join("\n", imported.Errors));
        Assert.Equal(5, imported.Added);
        Assert.Equal(exported, exportedAgain);
        Assert.Equal((0, 0, 5), (intoSource.Added, intoSource.Revised, intoSource.Unchanged));
        Assert.Equal(await StoredAsync(source), await StoredAsync(target));
    }

    private static async Task<string> ExportCsvAsync(TestDatabase database, ObservationExportFilter filter)
    {
        await using var db = database.NewContext();
        using var output = new MemoryStream();
        await ObservationCsvWriter.WriteAsync(ObservationExport.Query(db, filter).AsAsyncEnumerable(), output);
        return Encoding.UTF8.GetString(output.ToArray());
    }
}
