using CouncilPlan.Core.Data;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Sources;
using CouncilPlan.Testing;
using Microsoft.EntityFrameworkCore;
using static CouncilPlan.Testing.ObservationCatalogue;

namespace CouncilPlan.Core.Tests.Sources;

/// <summary>
/// The test catalogue with a source for each service, and a sources file pointing every service at
/// a local <see cref="RecordedServer"/>.
/// </summary>
internal static class SourceWorld
{
    public const string FingertipsPath = "/api/all_data/csv/by_indicator_id";
    public const string NomisPath = "/api/v01/dataset/NM_17_5.data.csv";
    public const string EesPath = "/v1/data-sets/7c0e9201-c7c0-ff73-bee4-304e731ec0e6/csv";
    public const string FilePath = "/housing/temporary-accommodation.csv";

    public const string SourcesYaml = """
        format: councilplan/sources@1
        sources:
          - source: ohid-activity
            service: fingertips
            releases: annually, in spring
            series:
              - measure: PCT-1
                query: { indicator_id: "93014", child_area_type_id: "502", parent_area_type_id: "15" }
                breakdowns: { Persons: "", Male: "sex:male", Female: "sex:female" }
          - source: ons-aps
            service: nomis
            series:
              - measure: R12-1
                query:
                  dataset: NM_17_5
                  geography: "1946157089,2092957699"
                  date: latestMINUS4-latest
                  variable: "45"
                  measures: "20599,21001,21002,21003"
                  select: DATE_NAME,GEOGRAPHY_CODE,VARIABLE_NAME,MEASURES_NAME,OBS_VALUE,OBS_STATUS
                pivot:
                  value: MEASURES_NAME=Variable
                  numerator: MEASURES_NAME=Numerator
                  denominator: MEASURES_NAME=Denominator
                  confidence: MEASURES_NAME=Confidence
          - source: dfe-attainment
            service: ees
            publish: review
            series:
              - measure: AY-1
                query: { data_set: 7c0e9201-c7c0-ff73-bee4-304e731ec0e6 }
                columns: { value: average_score, breakdown: pupil_characteristic }
                breakdowns: { "All pupils": "", "Free school meals": "free-school-meals:eligible" }
          - source: council-housing
            service: file
            series:
              - measure: FQ-1
                query: { url: "https://data.example.gov.uk/housing/temporary-accommodation.csv" }
                columns: { period: Quarter, area: Area code, value: Households in temporary accommodation, note: Notes }
        """;

    public static async Task<TestDatabase> DatabaseAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        await SeedAsync(db);
        db.Sources.AddRange(
            new Source { Id = "ohid-activity", Publisher = "Office for Health Improvement and Disparities", Title = "Physical activity", Licence = "Open Government Licence v3.0" },
            new Source { Id = "ons-aps", Publisher = "Office for National Statistics", Title = "Annual Population Survey", Licence = "Open Government Licence v3.0" },
            new Source { Id = "dfe-attainment", Publisher = "Department for Education", Title = "Attainment", Licence = "Open Government Licence v3.0" },
            new Source { Id = "council-housing", Publisher = "Testshire Council", Title = "Housing returns", Licence = "Open Government Licence v3.0" });
        await db.SaveChangesAsync();
        var ids = await db.Measures.ToDictionaryAsync(m => m.Code, m => m.Id);
        await SetSourceAsync(db, Percentage, "ohid-activity");
        await SetSourceAsync(db, Rolling, "ons-aps");
        await SetSourceAsync(db, AcademicYear, "dfe-attainment");
        await SetSourceAsync(db, Quarterly, "council-housing");
        db.MeasureDimensions.AddRange(
            new MeasureDimension { MeasureId = ids[Percentage], DimensionId = "sex" },
            new MeasureDimension { MeasureId = ids[AcademicYear], DimensionId = "free-school-meals" });
        await db.SaveChangesAsync();
        return database;
    }

    public static IReadOnlyList<SourceDefinition> Sources(string yaml = SourcesYaml)
    {
        var file = WriteFile(yaml, "sources.yaml");
        return SourceFileReader.ReadFile(file).Sources;
    }

    public static SourceDefinition Source(string id) => Sources().Single(s => s.SourceId == id);

    /// <summary>The council-housing source as a file with one series of M-1, whose fields (query, columns ...) are <paramref name="seriesYaml"/>.</summary>
    public static SourceDefinition FileSource(string seriesYaml, string measure = "M-1") => Sources($$"""
        format: councilplan/sources@1
        sources:
          - source: council-housing
            service: file
            series:
              - measure: {{measure}}
        {{string.Join('\n', seriesYaml.Split('\n').Select(l => "        " + l))}}
        """).Single();

    public static RecordedServer ServeAll() => RecordedServer.Start()
        .Serve(FingertipsPath, "fingertips-by-indicator.csv")
        .Serve(NomisPath, "nomis-aps.csv")
        .Serve(EesPath, "ees-data-set.csv")
        .Serve(FilePath, "file-quarterly.csv");

    public static SourceSettings Settings(Uri baseUrl, TimeSpan? timeout = null) => new()
    {
        Timeout = timeout ?? TimeSpan.FromSeconds(10),
        BaseUrls = Enum.GetValues<SourceService>().ToDictionary(s => s, _ => baseUrl),
    };

    public static SourceRefresher Refresher(CouncilPlanDb db, SourceSettings settings, HttpClient http) =>
        new(db, TimeProvider.System, new SourceFetcher(http, settings));

    /// <summary>One refresh in a context of its own, as a scheduled run or the command line would have.</summary>
    public static async Task<SourceRefresh> RefreshAsync(TestDatabase database, SourceSettings settings, HttpClient http, SourceDefinition source, SourceRefreshOptions options)
    {
        await using var db = database.NewContext();
        return await Refresher(db, settings, http).RefreshAsync(source, options);
    }

    private static async Task SetSourceAsync(CouncilPlanDb db, string code, string source) =>
        await db.Measures.Where(m => m.Code == code).ExecuteUpdateAsync(s => s.SetProperty(m => m.SourceId, source));
}
