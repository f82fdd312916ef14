using CouncilPlan.Core.Areas;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Validation;
using CouncilPlan.Testing;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Tests.Areas;

public sealed class BoundaryImportTests
{
    private const string Square = "{\"type\":\"Polygon\",\"coordinates\":[[[-2.2,53.4],[-2.1,53.4],[-2.1,53.5],[-2.2,53.4]]]}";

    private static string Features(params string[] features) =>
        PlanFixtures.WriteTemp("{\"type\":\"FeatureCollection\",\"features\":[" + string.Join(',', features) + "]}", "wards.geojson");

    private static string Feature(string code, string geometry = Square) =>
        "{\"type\":\"Feature\",\"properties\":{\"area_code\":\"" + code + "\"},\"geometry\":" + geometry + "}";

    private static async Task<TestDatabase> AreasAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        await new AreaImporter(db, TimeProvider.System).ImportFileAsync(RepositoryFiles.Areas);
        return database;
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_KnownWards_StoresTheirBoundariesWithTheAttribution(DatabaseProvider provider)
    {
        await using var database = await AreasAsync(provider);
        await using (var db = database.NewContext())
        {
            var result = await new BoundaryImporter(db, TimeProvider.System).ImportFileAsync(Features(Feature("E05015014"), Feature("E05015015")), null, skipUnknown: false);
            Assert.Equal(2, result.Loaded);
        }

        await using var check = database.NewContext();
        var ward = await check.Areas.SingleAsync(a => a.Code == "E05015014");
        Assert.Contains("Polygon", ward.Boundary, StringComparison.Ordinal);
        Assert.Equal(BoundaryImporter.OrdnanceSurveyAttribution, ward.BoundaryAttribution);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_WithAnUnknownArea_RefusesTheWholeFile(DatabaseProvider provider)
    {
        await using var database = await AreasAsync(provider);
        await using (var db = database.NewContext())
        {
            var error = await Assert.ThrowsAsync<InvalidInputException>(() => new BoundaryImporter(db, TimeProvider.System).ImportFileAsync(Features(Feature("E05015014"), Feature("E05099999")), null, skipUnknown: false));
            Assert.StartsWith("feature 2: 'E05099999' is not a known area", Assert.Single(error.Errors).Message, StringComparison.Ordinal);
        }

        await using var check = database.NewContext();
        Assert.False(await check.Areas.AnyAsync(a => a.Boundary != null));
    }

    [Fact]
    public async Task Import_WithSkipUnknown_LoadsTheRest()
    {
        await using var database = await AreasAsync(DatabaseProvider.Sqlite);
        await using var db = database.NewContext();

        var result = await new BoundaryImporter(db, TimeProvider.System).ImportFileAsync(Features(Feature("E05015014"), Feature("E05099999")), "Council's own boundaries", skipUnknown: true);

        Assert.Equal(1, result.Loaded);
        Assert.Equal(["E05099999"], result.Skipped);
    }

    [Fact]
    public async Task Import_WithAPointGeometry_NamesTheFeature()
    {
        await using var database = await AreasAsync(DatabaseProvider.Sqlite);
        await using var db = database.NewContext();

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => new BoundaryImporter(db, TimeProvider.System).ImportFileAsync(Features(Feature("E05015014", "{\"type\":\"Point\",\"coordinates\":[-2.2,53.4]}")), null, false));

        Assert.Equal("feature 1 (E05015014): the geometry must be a Polygon or MultiPolygon", Assert.Single(error.Errors).Message);
    }

    [Fact]
    public async Task Import_MalformedJson_SaysWhere()
    {
        await using var database = await AreasAsync(DatabaseProvider.Sqlite);
        await using var db = database.NewContext();
        var path = PlanFixtures.WriteTemp("{\"type\":\"FeatureCollection\",\n\"features\":[,]}", "bad.geojson");

        var error = Assert.Single((await Assert.ThrowsAsync<InvalidInputException>(() => new BoundaryImporter(db, TimeProvider.System).ImportFileAsync(path, null, false))).Errors);

        Assert.Equal(2, error.Row);
        Assert.StartsWith("the GeoJSON is malformed", error.Message, StringComparison.Ordinal);
    }
}
