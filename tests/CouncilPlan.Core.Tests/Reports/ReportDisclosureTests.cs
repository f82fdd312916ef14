using System.Text;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Imports;
using CouncilPlan.Core.Reports;
using CouncilPlan.Testing;

namespace CouncilPlan.Core.Tests.Reports;

/// <summary>Committee reports are public once published: they withhold what the API and the exports withhold.</summary>
public sealed class ReportDisclosureTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Report_WithholdsASmallCount_AndJudgesTheLatestFigureItMayShow(DatabaseProvider provider)
    {
        await using var world = await ReportWorld.CreateAsync(provider);
        await using var db = world.Database.NewContext();
        // T-01 (homes built) is a count published only from 5 up.
        var csv = "measure,period,area,value,published\nT-01,2023-24,E08000007,1234,true\nT-01,2024-25,E08000007,1187,true\nT-01,2025-26,E08000007,3,true\n";
        var imported = await new ObservationImporter(db, ReportWorld.Clock).ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "homes.csv", new ObservationImportOptions { Publish = true, EnteredBy = "test" });
        Assert.True(imported.Committed, string.Join("\n", imported.Errors));

        var report = await new ReportBuilder(db, ReportWorld.Clock).BuildAsync(await world.TargetAsync(db));

        var homes = report.Measures.Single(m => m.Code == "T-01");
        Assert.Equal(("2024-25", 1187.0), (homes.Latest!.Period, homes.Latest.Value));
        Assert.DoesNotContain(homes.Previous, v => v.Value == 3);
        Assert.DoesNotContain(homes.Series, p => p.Value == 3);
        Assert.DoesNotContain("\"value\":3,", ReportJson.Serialize(report), StringComparison.Ordinal);
    }
}
