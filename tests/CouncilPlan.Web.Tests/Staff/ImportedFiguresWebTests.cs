using System.Net;
using System.Text;
using CouncilPlan.Core.Imports;
using CouncilPlan.Core.Users;
using CouncilPlan.Web.Tests.Staff.Security;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Web.Tests.Staff;

/// <summary>Imported figures wait, listed on the Publish page, until the performance team publishes their batch.</summary>
public sealed class ImportedFiguresWebTests(StaffSqliteSite site) : IClassFixture<StaffSqliteSite>
{
    [Fact]
    public async Task AnUnpublishedImport_IsListedOnThePublishPage_AndPublishingItsBatchPublishesItsFigures()
    {
        const string description = "Housing team's figures for checking";
        int batch;
        await using (var db = site.Database.NewContext())
        {
            var csv = "measure,period,area,value\nA3-01,2031-32,E08000007,412\n";
            var result = await new ObservationImporter(db, TimeProvider.System).ImportAsync(
                new MemoryStream(Encoding.UTF8.GetBytes(csv)), "housing.csv", new ObservationImportOptions { EnteredBy = "housing@council.example", Description = description });
            Assert.True(result.Committed, string.Join("\n", result.Errors));
            batch = await db.Observations.Where(o => o.Period == "2031-32").Select(o => o.BatchId).SingleAsync();
        }

        var (team, _) = await site.SignedInAsync(Roles.PerformanceTeam);
        using var _1 = team;
        using var resident = site.NewBrowser();
        Assert.DoesNotContain("412", await (await resident.GetAsync("/api/v1/observations?measure=A3-01")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var page = await team.PageAsync("/staff/publish");
        var row = page.QuerySelectorAll("#imported-batches tbody tr").Single(r => r.TextContent.Contains(description, StringComparison.Ordinal));
        Assert.Contains("1", row.QuerySelector("td")!.TextContent, StringComparison.Ordinal);
        using (var published = await team.SubmitAsync(page, "/staff/publish?handler=Batch", new Dictionary<string, string>(), $"form:has(input[name=batch][value='{batch}'])"))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        await using (var db = site.Database.NewContext())
        {
            Assert.True(await db.Observations.Where(o => o.BatchId == batch).AllAsync(o => o.Published));
        }

        Assert.Null((await team.PageAsync("/staff/publish")).QuerySelectorAll("#imported-batches tbody tr").FirstOrDefault(r => r.TextContent.Contains(description, StringComparison.Ordinal)));
    }
}
