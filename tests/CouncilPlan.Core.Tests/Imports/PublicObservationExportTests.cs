using System.Text;
using System.Text.Json;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Exports;
using CouncilPlan.Testing;
using Microsoft.EntityFrameworkCore;
using static CouncilPlan.Testing.ObservationCatalogue;

namespace CouncilPlan.Core.Tests.Imports;

/// <summary>Disclosure control on published exports (<see cref="PublicObservations"/>), on both databases.</summary>
public sealed class PublicObservationExportTests
{
    private static async Task<(TestDatabase Database, SmallCountTable Table)> SmallCountsAsync(DatabaseProvider provider)
    {
        var database = await ObservationImportTests.CatalogueDatabaseAsync(provider);
        SmallCountTable table;
        await using (var db = database.NewContext())
        {
            table = await SmallCountTable.PrepareAsync(db, Quarterly, "2024-25 Q1", "sex");
        }

        var result = await ObservationImportTests.ImportAsync(database, WriteFile(table.Csv()));
        Assert.True(result.Committed, string.Join("\n", result.Errors));
        Assert.True((await ObservationImportTests.ImportAsync(database, WriteCsv($"{Percentage},2023,{Council},,61.5,615,1000,final,,true"))).Committed);
        return (database, table);
    }

    private static async Task<string> CsvAsync(TestDatabase database, ObservationExportFilter filter)
    {
        await using var db = database.NewContext();
        var published = await PublicObservations.LoadAsync(db, filter);
        using var output = new MemoryStream();
        await ObservationCsvWriter.WriteAsync(published.ShownAsync(), output);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static async Task<List<JsonElement>> JsonAsync(TestDatabase database, ObservationExportFilter filter)
    {
        await using var db = database.NewContext();
        var published = await PublicObservations.LoadAsync(db, filter);
        using var output = new MemoryStream();
        await ObservationJsonWriter.WriteAsync(published.MarkedAsync(), output);
        return [.. JsonDocument.Parse(output.ToArray()).RootElement.Clone().EnumerateArray()];
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task PublishedExports_WithholdSmallCountsAndWhatWouldGiveThemAway(DatabaseProvider provider)
    {
        var (database, table) = await SmallCountsAsync(provider);
        await using var _ = database;

        var csv = await CsvAsync(database, new ObservationExportFilter());
        var json = await JsonAsync(database, new ObservationExportFilter());

        table.AssertDisclosesNothing(table.ShownInCsv(csv));
        table.AssertDisclosesNothing(table.ShownInJson(json));
        Assert.Equal(table.ShownInCsv(csv).Keys.Order(), table.ShownInJson(json).Where(f => f.Value is not null).Select(f => f.Key).Order());
        // Measures without a threshold are untouched.
        Assert.Contains($"{Percentage},2023,{Council},,61.5,615,1000,,,final,,true\n", csv, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task PublishedExports_OfPartOfATable_WithholdWhatTheWholeTableWithholds(DatabaseProvider provider)
    {
        var (database, table) = await SmallCountsAsync(provider);
        await using var _ = database;
        var whole = table.ShownInCsv(await CsvAsync(database, new ObservationExportFilter()));

        // Asked for one ward alone, its cells would make a table of their own with nothing small to
        // protect but the count itself; the figures withheld are those of the whole table.
        var oneWard = table.ShownInCsv(await CsvAsync(database, new ObservationExportFilter { MeasureCodes = [Quarterly], AreaCodes = [table.Wards[0]] }));
        var oneCategory = table.ShownInCsv(await CsvAsync(database, new ObservationExportFilter { BreakdownKeys = [table.Categories[1]] }));

        Assert.Equal(whole.Where(f => f.Key.Area == table.Wards[0]).OrderBy(f => f.Key), oneWard.OrderBy(f => f.Key));
        Assert.Equal(whole.Where(f => f.Key.Breakdown == table.Categories[1]).OrderBy(f => f.Key), oneCategory.OrderBy(f => f.Key));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task StaffExport_IsRaw_AndCannotBeAskedOfThePublicRule(DatabaseProvider provider)
    {
        var (database, table) = await SmallCountsAsync(provider);
        await using var _ = database;
        await using var db = database.NewContext();
        var staff = new ObservationExportFilter { MeasureCodes = [Quarterly], IncludeUnpublished = true };

        var raw = await ObservationExport.Query(db, staff).ToListAsync();

        Assert.Equal(table.Figures.Count, raw.Count);
        Assert.Contains(raw, r => r.Area == table.Wards[0] && r.Breakdown == table.Categories[0] && r.Value == 3);
        await Assert.ThrowsAsync<ArgumentException>(() => PublicObservations.LoadAsync(db, staff));
    }
}
