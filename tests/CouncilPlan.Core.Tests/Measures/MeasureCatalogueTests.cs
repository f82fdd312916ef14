using CouncilPlan.Core.Areas;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Statistics;
using CouncilPlan.Core.Users;
using CouncilPlan.Core.Validation;
using CouncilPlan.Testing;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Tests.Measures;

public sealed class MeasureCatalogueTests
{
    private static readonly CatalogueContext Context = new(
        new HashSet<string>(StringComparer.Ordinal) { "E92000001", "E08000001", "E08000002", "E08000007" },
        new Dictionary<string, ElementKind>(StringComparer.Ordinal)
        {
            ["impact-one"] = ElementKind.ImpactStatement,
            ["theme-impact-one"] = ElementKind.ImpactStatement,
            ["scheme-one"] = ElementKind.Scheme,
            ["portfolio-one"] = ElementKind.Portfolio,
            ["row-one"] = ElementKind.ScrutinyRow,
        });

    private static MeasureDocument Read(string content) => MeasureFileReader.Read("measures.yaml", new StringReader(content), Context);

    private static InputError RejectOne(string content) =>
        Assert.Single(Assert.Throws<InvalidInputException>(() => Read(content)).Errors);

    [Fact]
    public void Read_MinimalCatalogue_GivesMeasuresWithTheirMetadata()
    {
        var document = Read(CatalogueFixtures.Minimal);

        Assert.Equal(3, document.Measures.Count);
        var homes = document.Measures[0];
        Assert.Equal(MeasureUnit.Count, homes.Measure.Unit);
        Assert.Equal(Polarity.HigherIsBetter, homes.Measure.Polarity);
        Assert.Equal(PeriodType.FinancialYear, homes.Measure.PeriodType);
        Assert.Equal(["impact-one", "scheme-one"], homes.EvidenceKeys);
        var target = Assert.Single(homes.Measure.Targets);
        Assert.Equal("2025-26", target.Period);
        Assert.Equal(new DateOnly(2025, 4, 1), target.PeriodStart);
        Assert.Equal(ToleranceType.Percent, target.ToleranceType);
        Assert.Equal(100000, document.Measures[2].Measure.RatePer);
        Assert.Equal(100000, document.Measures[2].Measure.Multiplier);
        Assert.Equal(2, document.Categories.Count);
        Assert.Equal(["E08000001", "E08000002"], Assert.Single(document.ComparatorGroups).Members);
    }

    [Fact]
    public void Read_RateWithoutRatePer_AsksForIt()
    {
        var error = RejectOne(CatalogueFixtures.Minimal.Replace("    rate_per: 100000\n", "", StringComparison.Ordinal));

        Assert.Equal("'measures[2].rate_per' is required but missing", error.Message);
    }

    [Fact]
    public void Read_UnknownSource_NamesItAndItsLine()
    {
        var content = CatalogueFixtures.Minimal.Replace("source: ons-test", "source: ons-nothing", StringComparison.Ordinal);

        var error = RejectOne(content);

        Assert.Equal("source 'ons-nothing' is not defined in 'sources'", error.Message);
        Assert.Equal(PlanFixtures.LineOf(content, "source: ons-nothing"), error.Row);
    }

    [Fact]
    public void Read_EvidenceThatIsNotInThePlan_IsAnError()
    {
        var error = RejectOne(CatalogueFixtures.Minimal.Replace("evidences: [theme-impact-one]", "evidences: [theme-impact-nine]", StringComparison.Ordinal));

        Assert.Equal("'theme-impact-nine' is not an element of plan 'testshire-2025-26'", error.Message);
    }

    [Fact]
    public void Read_EvidenceThatIsAPortfolio_IsAnError()
    {
        var error = RejectOne(CatalogueFixtures.Minimal.Replace("evidences: [theme-impact-one]", "evidences: [portfolio-one]", StringComparison.Ordinal));

        Assert.StartsWith("'portfolio-one' is a portfolio", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PortfolioThatIsNot_IsAnError()
    {
        var error = RejectOne(CatalogueFixtures.Minimal.Replace("portfolio: portfolio-one", "portfolio: impact-one", StringComparison.Ordinal));

        Assert.Equal("'impact-one' is not a portfolio in plan 'testshire-2025-26'", error.Message);
    }

    [Fact]
    public void Read_TargetPeriodOfTheWrongType_ShowsTheRightForm()
    {
        var error = RejectOne(CatalogueFixtures.Minimal.Replace("- period: 2025-26", "- period: 2025", StringComparison.Ordinal));

        Assert.Equal("target period '2025' is not a financial-year period: write it like '2023-24'", error.Message);
    }

    [Fact]
    public void Read_UnknownChoice_ListsTheAllowedOnes()
    {
        var error = RejectOne(CatalogueFixtures.Minimal.Replace("polarity: lower-is-better", "polarity: lower", StringComparison.Ordinal));

        Assert.Equal("'measures[2].polarity' is 'lower': it must be one of higher-is-better, lower-is-better, no-judgement", error.Message);
    }

    [Fact]
    public void Read_DuplicateCode_PointsToTheFirst()
    {
        var content = CatalogueFixtures.Minimal.Replace("code: T-03", "code: T-01", StringComparison.Ordinal);

        var error = RejectOne(content);

        Assert.Equal($"duplicate measure code 'T-01': it is already used on line {PlanFixtures.LineOf(content, "code: T-01")}", error.Message);
    }

    [Fact]
    public void Read_ComparatorMemberThatIsNotAnArea_IsAnError()
    {
        var error = RejectOne(CatalogueFixtures.Minimal.Replace("members: [E08000001, E08000002]", "members: [E08000001, E99999999]", StringComparison.Ordinal));

        Assert.Equal("comparator group member 'E99999999' is not a known area: add it to the areas file", error.Message);
    }

    [Fact]
    public void Read_BreakdownDimensionNotDefined_IsAnError()
    {
        var error = RejectOne(CatalogueFixtures.Minimal.Replace("breakdowns: [free-school-meals]", "breakdowns: [ethnicity]", StringComparison.Ordinal));

        Assert.Equal("breakdown dimension 'ethnicity' is not defined in 'dimensions'", error.Message);
    }

    private static async Task<TestDatabase> PlanDatabaseAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        await new AreaImporter(db, TimeProvider.System).ImportFileAsync(RepositoryFiles.Areas);
        await new PlanImporter(db, TimeProvider.System).ImportFileAsync(PlanFixtures.WriteTemp(PlanFixtures.Minimal));
        return database;
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_Catalogue_StoresMeasuresLinksAndTargetsAndASecondImportChangesNothing(DatabaseProvider provider)
    {
        await using var database = await PlanDatabaseAsync(provider);
        var path = CatalogueFixtures.WriteTemp(CatalogueFixtures.Minimal);

        CatalogueImportResult first, second;
        await using (var db = database.NewContext())
        {
            first = await new MeasureCatalogueImporter(db, TimeProvider.System).ImportFileAsync(path);
        }

        await using (var db = database.NewContext())
        {
            second = await new MeasureCatalogueImporter(db, TimeProvider.System).ImportFileAsync(path);
        }

        Assert.Equal(3, first.MeasuresAdded);
        Assert.False(second.Changed);
        await using var check = database.NewContext();
        var homes = await check.Measures.Include(m => m.Evidence).ThenInclude(e => e.Element).Include(m => m.Targets).Include(m => m.Portfolio).SingleAsync(m => m.Code == "T-01");
        Assert.Equal(["impact-one", "scheme-one"], homes.Evidence.OrderBy(e => e.Position).Select(e => e.Element!.Key));
        Assert.Equal("portfolio-one", homes.Portfolio!.Key);
        Assert.Equal(250, Assert.Single(homes.Targets).Value);
        Assert.Equal(3, await check.Breakdowns.CountAsync());
        Assert.Equal(2, await check.AreaGroupMembers.CountAsync(m => m.GroupCode == "test-neighbours"));
        Assert.Equal(AreaType.ComparatorGroup, (await check.Areas.SingleAsync(a => a.Code == "test-neighbours")).Type);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_ChangedCatalogue_UpdatesMeasuresInPlace(DatabaseProvider provider)
    {
        await using var database = await PlanDatabaseAsync(provider);
        await using (var db = database.NewContext())
        {
            await new MeasureCatalogueImporter(db, TimeProvider.System).ImportFileAsync(CatalogueFixtures.WriteTemp(CatalogueFixtures.Minimal));
        }

        int idBefore;
        await using (var db = database.NewContext())
        {
            idBefore = await db.Measures.Where(m => m.Code == "T-01").Select(m => m.Id).SingleAsync();
        }

        var changed = CatalogueFixtures.Minimal
            .Replace("title: Homes built", "title: New homes built", StringComparison.Ordinal)
            .Replace("value: 250", "value: 300", StringComparison.Ordinal)
            .Replace("evidences: [impact-one, scheme-one]", "evidences: [scheme-one]", StringComparison.Ordinal)
            .Replace("members: [E08000001, E08000002]", "members: [E08000002]", StringComparison.Ordinal);
        CatalogueImportResult result;
        await using (var db = database.NewContext())
        {
            result = await new MeasureCatalogueImporter(db, TimeProvider.System).ImportFileAsync(CatalogueFixtures.WriteTemp(changed));
        }

        Assert.Equal(0, result.MeasuresAdded);
        Assert.Equal(1, result.MeasuresChanged);
        await using var check = database.NewContext();
        var homes = await check.Measures.Include(m => m.Evidence).Include(m => m.Targets).SingleAsync(m => m.Code == "T-01");
        Assert.Equal(idBefore, homes.Id);
        Assert.Equal("New homes built", homes.Title);
        Assert.Equal(300, Assert.Single(homes.Targets).Value);
        Assert.Single(homes.Evidence);
        Assert.Equal(["E08000002"], await check.AreaGroupMembers.Where(m => m.GroupCode == "test-neighbours").Select(m => m.MemberCode).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task PlanReload_ThatDropsAnElementAMeasureEvidences_IsRefusedAndChangesNothing(DatabaseProvider provider)
    {
        await using var database = await PlanDatabaseAsync(provider);
        await using (var db = database.NewContext())
        {
            await new MeasureCatalogueImporter(db, TimeProvider.System).ImportFileAsync(CatalogueFixtures.WriteTemp(CatalogueFixtures.Minimal));
        }

        var withoutImpact = PlanFixtures.Minimal.Replace("- id: theme-impact-one", "- id: theme-impact-two", StringComparison.Ordinal);
        InvalidInputException error;
        await using (var db = database.NewContext())
        {
            error = await Assert.ThrowsAsync<InvalidInputException>(() => new PlanImporter(db, TimeProvider.System).ImportFileAsync(PlanFixtures.WriteTemp(withoutImpact)));
        }

        Assert.Contains("'theme-impact-one' is no longer in the file but measure T-02 refers to it", Assert.Single(error.Errors).Message, StringComparison.Ordinal);
        await using var check = database.NewContext();
        Assert.True(await check.PlanElements.AnyAsync(e => e.Key == "theme-impact-one"));
    }

    [Fact]
    public void Read_OwnerWithAnEmptyService_NamesTheLineAndTheForm()
    {
        var content = WithOwners.Replace("owner: Education", "owner: Education – ", StringComparison.Ordinal);

        var error = RejectOne(content);

        Assert.StartsWith("'measures[1].owner' must name a directorate, or a directorate and one of its services", error.Message, StringComparison.Ordinal);
        Assert.Equal(PlanFixtures.LineOf(content, "owner: Education"), error.Row);
    }

    /// <summary>The minimal catalogue with owners as the Stockport file gives them: two services of one directorate, and a directorate alone.</summary>
    private static readonly string WithOwners = CatalogueFixtures.Minimal
        .Replace("portfolio: portfolio-one", "owner: Place – Strategic Housing\n    portfolio: portfolio-one", StringComparison.Ordinal)
        .Replace("evidences: [theme-impact-one]", "owner: Education\n    evidences: [theme-impact-one]", StringComparison.Ordinal)
        .Replace("evidences: [impact-one]", "owner: place – climate change\n    evidences: [impact-one]", StringComparison.Ordinal);

    private static async Task<CatalogueImportResult> ImportAsync(TestDatabase database, string content)
    {
        await using var db = database.NewContext();
        return await new MeasureCatalogueImporter(db, TimeProvider.System).ImportFileAsync(CatalogueFixtures.WriteTemp(content));
    }

    /// <summary>Each measure's owners as "Directorate – Service" (or "Directorate"), with the named officer's id after a slash.</summary>
    private static async Task<Dictionary<string, List<string>>> OwnersAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var services = await db.Services.Include(s => s.Directorate).ToDictionaryAsync(s => s.Id);
        var measures = await db.Measures.ToDictionaryAsync(m => m.Id, m => m.Code);
        var owners = await db.Ownerships.Where(o => o.MeasureId != null).ToListAsync();
        return owners.GroupBy(o => measures[o.MeasureId!.Value], StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => g.Select(o => (o.ServiceId is { } id ? services[id].FullName : "no service") + (o.UserId is null ? "" : "/" + o.UserId)).Order(StringComparer.Ordinal).ToList(),
            StringComparer.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_Owners_AddsDirectoratesServicesAndOwnershipsOnceOnly(DatabaseProvider provider)
    {
        await using var database = await PlanDatabaseAsync(provider);

        var first = await ImportAsync(database, WithOwners);
        var second = await ImportAsync(database, WithOwners);

        Assert.True(first.Changed);
        Assert.False(second.Changed);
        await using var check = database.NewContext();
        var services = await check.Services.Include(s => s.Directorate).ToListAsync();
        Assert.Equal(["Education", "Place", "Place – Strategic Housing", "Place – climate change"], services.Select(s => s.FullName).Order(StringComparer.Ordinal));
        var housing = services.Single(s => s.Name == "Strategic Housing");
        Assert.Equal("Place", housing.Directorate!.Name);
        Assert.Null(housing.Directorate.DirectorateId);
        var owners = await OwnersAsync(database);
        Assert.Equal(["Place – Strategic Housing"], owners["T-01"]);
        Assert.Equal(["Education"], owners["T-02"]);

        // Names are matched ignoring case, so T-03's "place" is the directorate Place, not a second directorate.
        Assert.Equal(["Place – climate change"], owners["T-03"]);
        Assert.Equal(3, await check.Ownerships.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_OwnerChangedInTheFile_MovesTheServiceAndKeepsNamedOfficers_AndAnUnchangedOwnerKeepsTheWorkspacesChoice(DatabaseProvider provider)
    {
        await using var database = await PlanDatabaseAsync(provider);
        await ImportAsync(database, WithOwners);
        await using (var db = database.NewContext())
        {
            // In the workspace: a named officer updates T-01 for its service, and T-02 is given to another service.
            db.Users.Add(new StaffUser { Id = "ada", UserName = "ada@council.example", Email = "ada@council.example", DisplayName = "Ada" });
            var schools = db.Services.Add(new Service { Name = "Schools" }).Entity;
            await db.SaveChangesAsync();
            var ids = await db.Measures.ToDictionaryAsync(m => m.Code, m => m.Id);
            var t01 = await db.Ownerships.SingleAsync(o => o.MeasureId == ids["T-01"]);
            t01.UserId = "ada";
            (await db.Ownerships.SingleAsync(o => o.MeasureId == ids["T-02"])).ServiceId = schools.Id;
            await db.SaveChangesAsync();
        }

        var unchanged = await ImportAsync(database, WithOwners);
        Assert.False(unchanged.Changed);
        Assert.Equal(["Place – Strategic Housing/ada"], (await OwnersAsync(database))["T-01"]);
        Assert.Equal(["Schools"], (await OwnersAsync(database))["T-02"]);

        var moved = await ImportAsync(database, WithOwners.Replace("Place – Strategic Housing", "Place – Housing Options", StringComparison.Ordinal));

        Assert.True(moved.Changed);
        var owners = await OwnersAsync(database);
        Assert.Equal(["Place – Housing Options/ada"], owners["T-01"]);
        Assert.Equal(["Schools"], owners["T-02"]);
        Assert.Equal(["Place – climate change"], owners["T-03"]);
        await using var check = database.NewContext();
        Assert.Equal(1, await check.Services.CountAsync(s => s.Name == "Place"));
    }

    [Fact]
    public async Task Import_BeforeThePlanIsLoaded_SaysToLoadThePlan()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = database.NewContext();

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => new MeasureCatalogueImporter(db, TimeProvider.System).ImportFileAsync(CatalogueFixtures.WriteTemp(CatalogueFixtures.Minimal)));

        Assert.EndsWith("plan 'testshire-2025-26' is not loaded: import the plan file first (councilplan plan import)", Assert.Single(error.Errors).ToString(), StringComparison.Ordinal);
    }
}
