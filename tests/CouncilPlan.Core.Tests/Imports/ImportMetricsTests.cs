using CouncilPlan.Core.Data;
using CouncilPlan.Core.Diagnostics;
using CouncilPlan.Core.Imports;
using CouncilPlan.Testing;
using static CouncilPlan.Testing.ObservationCatalogue;

namespace CouncilPlan.Core.Tests.Imports;

/// <summary>Imports count their rows and time on the CouncilPlan meter, by outcome.</summary>
public sealed class ImportMetricsTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_RecordsRowsAndDurationByOutcome(DatabaseProvider provider)
    {
        await using var database = await ObservationImportTests.CatalogueDatabaseAsync(provider);
        using var meters = new TestMeterFactory();
        var metrics = new CouncilPlanMetrics(meters);
        using var recorded = new MeasurementRecorder(meters, CouncilPlanMetrics.MeterName);

        await using (var db = database.NewContext())
        {
            var good = await new ObservationImporter(db, TimeProvider.System, metrics).ImportFileAsync(
                WriteCsv($"{Percentage},2023,{Council},,61.5,615,1000,final,,true", $"{Quarterly},2023-24 Q2,{Ward},,12,,,final,,false", $"{Monthly},Apr 2024,{Council},,7,,,,,true"),
                new ObservationImportOptions { Publish = true, EnteredBy = "tester" });
            Assert.True(good.Committed);
        }

        await using (var db = database.NewContext())
        {
            var bad = await new ObservationImporter(db, TimeProvider.System, metrics).ImportFileAsync(
                WriteCsv($"{Monthly},2024-13,{Council},,7,,,,,true", $"{Monthly},May 2024,{Council},,8,,,,,true"),
                new ObservationImportOptions { Publish = true, EnteredBy = "tester" });
            Assert.False(bad.Committed);
        }

        Assert.Equal(3, recorded.Sum("councilplan.import.rows", "outcome", "committed"));
        Assert.Equal(2, recorded.Sum("councilplan.import.rows", "outcome", "rejected"));
        Assert.Equal(1, recorded.Count("councilplan.import.duration", "outcome", "committed"));
        Assert.Equal(1, recorded.Count("councilplan.import.duration", "outcome", "rejected"));
        Assert.All(recorded.Values("councilplan.import.duration"), seconds => Assert.InRange(seconds, 1e-6, 60));
    }
}
