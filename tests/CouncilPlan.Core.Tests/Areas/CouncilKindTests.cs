using CouncilPlan.Core.Areas;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Validation;
using CouncilPlan.Testing;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Tests.Areas;

/// <summary>Areas files for every kind of English council. Ward and division codes here are made up.</summary>
public sealed class CouncilKindTests
{
    private static readonly string[] TwoTier =
    [
        "format: councilplan/areas@1",
        "ward_sets:",
        "  - id: test-valley",
        "    title: Test Valley wards",
        "    council: E07000093",
        "    from: 2024-05-02",
        "areas:",
        "  - code: E92000001",
        "    name: England",
        "    type: country",
        "  - code: E10000014",
        "    name: Hampshire",
        "    type: council",
        "    council_type: county",
        "    parent: E92000001",
        "  - code: E07000093",
        "    name: Test Valley",
        "    type: council",
        "    council_type: district",
        "    parent: E10000014",
        "  - code: E05999901",
        "    name: Ward One",
        "    type: ward",
        "    parent: E07000093",
        "    ward_set: test-valley",
        "  - code: E05999902",
        "    name: Ward Two",
        "    type: ward",
        "    parent: E07000093",
        "    ward_set: test-valley",
    ];

    private static AreaDocument Read(params string[] lines) =>
        AreaFileReader.Read("areas.yaml", new StringReader(string.Join('\n', lines) + "\n"));

    private static InputError Refused(params string[] lines) =>
        Assert.Single(Assert.Throws<InvalidInputException>(() => Read(lines)).Errors);

    private static Area Find(AreaDocument document, string code) => Assert.Single(document.Areas, a => a.Code == code);

    [Fact]
    public void Read_DistrictWithinItsCounty_LoadsBothTiersAndTheDistrictsWards()
    {
        var document = Read(TwoTier);

        var county = Find(document, "E10000014");
        var district = Find(document, "E07000093");
        Assert.Equal(CouncilType.County, county.CouncilType);
        Assert.Equal(CouncilType.District, district.CouncilType);
        Assert.Equal("E10000014", district.ParentCode);
        Assert.Equal(["E05999901", "E05999902"], document.Areas.Where(a => a.Type == AreaType.Ward && a.ParentCode == "E07000093").Select(a => a.Code).Order(StringComparer.Ordinal));
        Assert.Equal("E07000093", Assert.Single(document.WardSets).CouncilCode);
    }

    [Fact]
    public void Read_UnitaryWithNoWardSets_Loads()
    {
        var document = Read(
            "format: councilplan/areas@1",
            "areas:",
            "  - code: E12000009",
            "    name: South West",
            "    type: region",
            "  - code: E06999999",
            "    name: Somewhere Unitary",
            "    type: council",
            "    council_type: unitary",
            "    parent: E12000009");

        Assert.Empty(document.WardSets);
        var council = Find(document, "E06999999");
        Assert.Equal(CouncilType.Unitary, council.CouncilType);
        Assert.Equal("E12000009", council.ParentCode);
    }

    [Fact]
    public void Read_CountyWithElectoralDivisions_LoadsTheDivisionsAsItsSmallAreas()
    {
        var document = Read(
            "format: councilplan/areas@1",
            "ward_sets:",
            "  - id: somershire-divisions-2025",
            "    title: Somershire electoral divisions from May 2025",
            "    council: E10999999",
            "    from: 2025-05-01",
            "areas:",
            "  - code: E47999999",
            "    name: Somershire County Combined Authority",
            "    type: combined-authority",
            "  - code: E10999999",
            "    name: Somershire",
            "    type: council",
            "    council_type: county",
            "    parent: E47999999",
            "  - code: E58999901",
            "    name: Division One",
            "    type: ward",
            "    parent: E10999999",
            "    ward_set: somershire-divisions-2025",
            "  - code: E58999902",
            "    name: Division Two",
            "    type: ward",
            "    parent: E10999999",
            "    ward_set: somershire-divisions-2025");

        var divisions = document.Areas.Where(a => a.Type == AreaType.Ward).ToList();
        Assert.Equal(2, divisions.Count);
        Assert.All(divisions, d => Assert.Equal("E10999999", d.ParentCode));
        Assert.All(divisions, d => Assert.Equal("somershire-divisions-2025", d.WardSetId));
        Assert.Equal("E47999999", Find(document, "E10999999").ParentCode);
    }

    [Fact]
    public void Read_CouncilTypeContradictingTheCodePrefix_IsRefusedNamingTheLineAndBoth()
    {
        var error = Refused(
            "format: councilplan/areas@1",
            "areas:",
            "  - code: E07000093",
            "    name: Test Valley",
            "    type: council",
            "    council_type: county");

        Assert.Equal(6, error.Row);
        Assert.Equal("council_type 'county' does not match code 'E07000093': E07 codes are district councils", error.Message);
    }

    [Theory]
    [InlineData("E10000014", "county")]
    [InlineData("E07000093", "district")]
    [InlineData("E06000004", "unitary")]
    [InlineData("E08000007", "metropolitan")]
    [InlineData("E09000011", "london-borough")]
    public void Read_EachPrefixAgainstAnotherType_IsRefused(string code, string expected)
    {
        var wrong = expected == "district" ? "county" : "district";

        var error = Refused("format: councilplan/areas@1", "areas:", $"  - code: {code}", "    name: A council", "    type: council", $"    council_type: {wrong}");

        Assert.Equal($"council_type '{wrong}' does not match code '{code}': {code[..3]} codes are {expected} councils", error.Message);
    }

    [Fact]
    public void Read_CouncilTypeOnARegion_IsRefused()
    {
        var error = Refused("format: councilplan/areas@1", "areas:", "  - code: E12000002", "    name: North West", "    type: region", "    council_type: county");

        Assert.Equal(6, error.Row);
        Assert.Equal("'areas[0].council_type' is only for areas of type council, not region", error.Message);
    }

    [Fact]
    public void Read_UnknownCouncilType_IsRefused()
    {
        var error = Refused("format: councilplan/areas@1", "areas:", "  - code: E07000093", "    name: Test Valley", "    type: council", "    council_type: shire");

        Assert.Equal(6, error.Row);
        Assert.StartsWith("'areas[0].council_type' 'shire' is not one of county, district, unitary, metropolitan, london-borough", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WithoutCouncilType_InfersNothingOnLoad()
    {
        var council = Find(Read("format: councilplan/areas@1", "areas:", "  - code: E07000093", "    name: Test Valley", "    type: council"), "E07000093");

        Assert.Null(council.CouncilType);
        Assert.Equal(CouncilType.District, CouncilTypes.Of(council));
    }

    [Fact]
    public void Read_DistrictUnderAWard_IsRefusedNamingTheParentLine()
    {
        var error = Refused(
            "format: councilplan/areas@1",
            "ward_sets:",
            "  - id: elsewhere",
            "    title: Elsewhere wards",
            "    council: E08000007",
            "    from: 2023-05-04",
            "areas:",
            "  - code: E05999901",
            "    name: A ward",
            "    type: ward",
            "    ward_set: elsewhere",
            "  - code: E07000093",
            "    name: Test Valley",
            "    type: council",
            "    parent: E05999901");

        Assert.Equal(15, error.Row);
        Assert.Equal("'E07000093' is a district council, its parent must be a county council, combined authority, region or country, not a ward", error.Message);
    }

    [Theory]
    [InlineData("E06999999", "unitary", "E10000014", "'E06999999' is a unitary council, its parent must be a combined authority, region or country, not a county council")]
    [InlineData("E08999999", "metropolitan", "E10000014", "'E08999999' is a metropolitan borough council, its parent must be a combined authority, region or country, not a county council")]
    [InlineData("E10999999", "county", "E10000014", "'E10999999' is a county council, its parent must be a combined authority, region or country, not a county council")]
    [InlineData("E07999999", "district", "E07000093", "'E07999999' is a district council, its parent must be a county council, combined authority, region or country, not a district council")]
    public void Read_CouncilUnderACouncilThatIsNotItsCounty_IsRefused(string code, string councilType, string parent, string message)
    {
        var lines = TwoTier.Concat([$"  - code: {code}", "    name: Another council", "    type: council", $"    council_type: {councilType}", $"    parent: {parent}"]).ToArray();

        var error = Refused(lines);

        Assert.Equal(lines.Length, error.Row);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Read_WardUnderARegion_IsRefused()
    {
        var error = Refused(
            "format: councilplan/areas@1",
            "ward_sets:",
            "  - id: elsewhere",
            "    title: Elsewhere wards",
            "    council: E08000007",
            "    from: 2023-05-04",
            "areas:",
            "  - code: E12000002",
            "    name: North West",
            "    type: region",
            "  - code: E05999901",
            "    name: A ward",
            "    type: ward",
            "    parent: E12000002",
            "    ward_set: elsewhere");

        Assert.Equal(14, error.Row);
        Assert.Equal("'E05999901' is a ward, its parent must be a council, not a region", error.Message);
    }

    [Theory]
    [InlineData("E10000014", AreaType.Council, null, "county")]
    [InlineData("E07000093", AreaType.Council, null, "district")]
    [InlineData("E06000004", AreaType.Council, null, "area")]
    [InlineData("E08000007", AreaType.Council, null, "borough")]
    [InlineData("E09000011", AreaType.Council, null, "borough")]
    [InlineData("W06000015", AreaType.Council, null, "area")]
    [InlineData("W06000015", AreaType.Council, CouncilType.County, "county")]
    [InlineData("X00000001", AreaType.Council, CouncilType.District, "district")]
    [InlineData("X00000001", AreaType.Council, CouncilType.Unitary, "area")]
    [InlineData("X00000001", AreaType.Council, CouncilType.Metropolitan, "borough")]
    [InlineData("X00000001", AreaType.Council, CouncilType.LondonBorough, "borough")]
    [InlineData("E12000002", AreaType.Region, null, "area")]
    [InlineData("E05999901", AreaType.Ward, null, "area")]
    public void PlaceWord_IsTheNaturalWordForEachKindOfCouncil(string code, AreaType type, CouncilType? councilType, string expected)
    {
        var area = new Area { Code = code, Name = "A place", Type = type, CouncilType = councilType };

        Assert.Equal(expected, CouncilTypes.PlaceWord(area));
    }

    [Fact]
    public void RepositoryAreas_EveryCouncilSaysItsKind_TheGreaterManchesterTenMetropolitan()
    {
        var areas = AreaFileReader.ReadFile(RepositoryFiles.Areas).Areas;

        Assert.All(areas.Where(a => a.Type == AreaType.Council), a => Assert.Equal(CouncilTypes.FromCode(a.Code), a.CouncilType));
        Assert.Equal(10, areas.Count(a => a.ParentCode == "E47000001" && a.CouncilType == CouncilType.Metropolitan));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_TwoTierFile_StoresEachCouncilsKindAndUpdatesIt(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            await new AreaImporter(db, TimeProvider.System).ImportAsync(Read(TwoTier));
        }

        await using (var check = database.NewContext())
        {
            Assert.Equal(CouncilType.District, (await check.Areas.SingleAsync(a => a.Code == "E07000093")).CouncilType);
            Assert.Equal(CouncilType.County, (await check.Areas.SingleAsync(a => a.Code == "E10000014")).CouncilType);
        }

        // Dropping a council_type is a change like any other: the stored kind goes too.
        var withoutDistrictType = TwoTier.Where(l => l != "    council_type: district").ToArray();
        await using (var db = database.NewContext())
        {
            var result = await new AreaImporter(db, TimeProvider.System).ImportAsync(Read(withoutDistrictType));
            Assert.Equal(new AreaImportResult(0, 1), result);
        }

        await using var after = database.NewContext();
        Assert.Null((await after.Areas.SingleAsync(a => a.Code == "E07000093")).CouncilType);
    }
}
