using System.Text;
using System.Text.Json;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Exports;
using CouncilPlan.Core.Measures;
using CouncilPlan.Testing;
using Microsoft.EntityFrameworkCore;
using static CouncilPlan.Testing.ObservationCatalogue;

namespace CouncilPlan.Core.Tests.Imports;

public sealed class ObservationExportTests
{
    /// <summary>Figures whose text is awkward on purpose: formulas, quotes, commas, new lines, non-ASCII.</summary>
    private static readonly string[] AwkwardRows =
    [
        $"{Percentage},2023,{Council},,61.5,615,1000,final,'=HYPERLINK(\"http://x\"),true",
        $"{Percentage},2023,{Council},free-school-meals:eligible,0.1,1,10,provisional,\"'+44, call us\",true",
        $"{Percentage},2023,{Council},free-school-meals:not-eligible,33.333333333333336,1,3,final,-5,true",
        $"{Quarterly},2023-24 Q2,{Ward},,-12,,,revised,'@admin,true",
        $"{Quarterly},2023-24 Q3,{Ward},,1E-07,,,final,''-already quoted,true",
        $"{FinancialYear},2023/24,{England},,123456789012,,,final,\"two\nlines and \"\"quotes\"\"\",true",
        $"{AcademicYear},2023-24,{Council},,-0.5,,,final,Ysgol Gymraeg – café,false",
        $"{Rolling},April 2023-March 2024,{Council},,17.25,3,17392,final,,true",
        $"{Monthly},Apr 2024,{Council},,7,,,provisional,'\tleading tab,false",
    ];

    private static async Task<List<ObservationRecord>> RecordsAsync(TestDatabase database, ObservationExportFilter filter)
    {
        await using var db = database.NewContext();
        return await ObservationExport.Query(db, filter).ToListAsync();
    }

    private static async Task<string> ExportCsvAsync(TestDatabase database, ObservationExportFilter filter)
    {
        await using var db = database.NewContext();
        using var output = new MemoryStream();
        await ObservationCsvWriter.WriteAsync(ObservationExport.Query(db, filter).AsAsyncEnumerable(), output);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Export_ByDefault_NeverIncludesUnpublishedFigures(DatabaseProvider provider)
    {
        await using var database = await ObservationImportTests.CatalogueDatabaseAsync(provider);
        Assert.True((await ObservationImportTests.ImportAsync(database, WriteCsv(AwkwardRows))).Committed);

        var published = await RecordsAsync(database, new ObservationExportFilter());
        var all = await RecordsAsync(database, new ObservationExportFilter { IncludeUnpublished = true });
        var csv = await ExportCsvAsync(database, new ObservationExportFilter());

        Assert.Equal(7, published.Count);
        Assert.All(published, r => Assert.True(r.Published));
        Assert.Equal(9, all.Count);
        Assert.DoesNotContain("café", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("leading tab", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",false\n", csv, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task ExportThenImport_EverythingIncludingUnpublished_ChangesNothing(DatabaseProvider provider)
    {
        await using var database = await ObservationImportTests.CatalogueDatabaseAsync(provider);
        Assert.True((await ObservationImportTests.ImportAsync(database, WriteCsv(AwkwardRows))).Committed);
        var before = await ObservationSnapshot.TakeAsync(database);

        var csv = await ExportCsvAsync(database, new ObservationExportFilter { IncludeUnpublished = true });
        var again = await ObservationImportTests.ImportAsync(database, WriteFile(csv));

        Assert.True(again.Committed, string.Join("\n", again.Errors));
        Assert.Equal((9, 0, 0, 9), (again.RowsRead, again.Added, again.Revised, again.Unchanged));
        Assert.Equal(before, await ObservationSnapshot.TakeAsync(database));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Export_FiltersByMeasureAreaBreakdownAndPeriod(DatabaseProvider provider)
    {
        await using var database = await ObservationImportTests.CatalogueDatabaseAsync(provider);
        await ObservationImportTests.ImportAsync(database, WriteCsv(AwkwardRows));

        var byMeasure = await RecordsAsync(database, new ObservationExportFilter { MeasureCodes = [Percentage, Quarterly] });
        var byArea = await RecordsAsync(database, new ObservationExportFilter { AreaCodes = [Ward, England] });
        var byBreakdown = await RecordsAsync(database, new ObservationExportFilter { BreakdownKeys = ["free-school-meals:eligible"] });
        var whole = await RecordsAsync(database, new ObservationExportFilter { MeasureCodes = [Percentage], BreakdownKeys = [""] });
        var byPeriod = await RecordsAsync(database, new ObservationExportFilter { From = new DateOnly(2023, 7, 1), To = new DateOnly(2023, 12, 31) });

        Assert.Equal(5, byMeasure.Count);
        Assert.Equal([Quarterly, Quarterly, FinancialYear], byArea.Select(r => r.Measure));
        Assert.Equal("2023-24 Q2", byArea[0].Period);
        Assert.Equal(0.1, Assert.Single(byBreakdown).Value);
        Assert.Equal(61.5, Assert.Single(whole).Value);
        Assert.Equal(["2023-24 Q2", "2023-24 Q3"], byPeriod.Select(r => r.Period));
    }

    [Fact]
    public void CsvWriter_EscapesFormulasButNotNumbers_AndQuotesAsRfc4180()
    {
        var records = new[]
        {
            Record("=1+2"),
            Record("-5"),
            Record("-x"),
            Record("+44 161"),
            Record("@home"),
            Record("\tindent"),
            Record("\rreturn"),
            Record("'=already"),
            Record("'plain"),
            Record("a, b"),
            Record("say \"hi\""),
            Record("=a,b"),
            Record(null) with { Value = -3.5, Numerator = -1, Denominator = 2, LowerCi = -4.25, UpperCi = 1E-07 },
        };
        using var text = new StringWriter();
        var writer = new ObservationCsvWriter(text);
        foreach (var record in records)
        {
            writer.Write(record);
        }

        var notes = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(',', 11)[10]).ToList();
        Assert.Equal(
        [
            "'=1+2,false", "-5,false", "'-x,false", "'+44 161,false", "'@home,false", "'\tindent,false", "\"'\rreturn\",false",
            "''=already,false", "'plain,false", "\"a, b\",false", "\"say \"\"hi\"\"\",false", "\"'=a,b\",false", ",false",
        ], notes);
        Assert.StartsWith("M,2023,E,,-3.5,-1,2,-4.25,1E-07,final,,false", text.ToString().Split('\n')[12], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(61.5, "61.5")]
    [InlineData(1e-7, "1E-07")]
    [InlineData(123456789012.0, "123456789012")]
    [InlineData(1.0 / 3, "0.3333333333333333")]
    [InlineData(-0.25, "-0.25")]
    [InlineData(1e21, "1E+21")]
    public void CsvWriter_WritesTheShortestNumberThatReadsBackExactly(double value, string expected)
    {
        Assert.Equal(expected, ObservationCsvWriter.FormatNumber(value));
        Assert.Equal(value, double.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void CsvWriter_WritesTheImportHeader()
    {
        using var text = new StringWriter();
        new ObservationCsvWriter(text).WriteHeader();

        Assert.Equal(ExportHeader + "\n", text.ToString());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task JsonWriter_WritesAnArrayOfObjectsWithTheCsvFields(DatabaseProvider provider)
    {
        await using var database = await ObservationImportTests.CatalogueDatabaseAsync(provider);
        await ObservationImportTests.ImportAsync(database, WriteCsv(AwkwardRows));
        await using var db = database.NewContext();
        using var output = new MemoryStream();

        var count = await ObservationJsonWriter.WriteAsync(ObservationExport.Query(db, new ObservationExportFilter { MeasureCodes = [Percentage, Monthly], IncludeUnpublished = true }).AsAsyncEnumerable(), output);

        Assert.Equal(4, count);
        using var json = JsonDocument.Parse(output.ToArray());
        var items = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(
            ["measure", "period", "area", "breakdown", "value", "numerator", "denominator", "lower_ci", "upper_ci", "status", "quality_note", "published", "suppressed"],
            items[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal([Monthly, Percentage, Percentage, Percentage], items.Select(i => i.GetProperty("measure").GetString()));
        Assert.Equal("provisional", items[0].GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, items[0].GetProperty("denominator").ValueKind);
        Assert.Equal("2024-04", items[0].GetProperty("period").GetString());
        Assert.Equal("\tleading tab", items[0].GetProperty("quality_note").GetString());
        Assert.False(items[0].GetProperty("published").GetBoolean());
        Assert.Equal("=HYPERLINK(\"http://x\")", items[1].GetProperty("quality_note").GetString());
        Assert.Equal(615, items[1].GetProperty("numerator").GetDouble());
        Assert.Equal("", items[1].GetProperty("breakdown").GetString());
        Assert.Equal("free-school-meals:eligible", items[2].GetProperty("breakdown").GetString());
        Assert.Equal(33.333333333333336, items[3].GetProperty("value").GetDouble());
    }

    private static ObservationRecord Record(string? note) =>
        new("M", "2023", "E", "", 1, null, null, null, null, ObservationStatus.Final, note, false);
}
