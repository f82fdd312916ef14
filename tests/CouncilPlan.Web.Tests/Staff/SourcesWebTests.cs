using System.Net;
using CouncilPlan.Core.Sources;
using CouncilPlan.Core.Users;
using CouncilPlan.Testing;
using CouncilPlan.Web.Tests.Staff.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CouncilPlan.Web.Tests.Staff;

/// <summary>
/// Source refreshes as the performance team and the public see them: the staff page at
/// /staff/sources, and the "Updated ... from ..." line of a measure page, once on each database.
/// </summary>
public abstract class SourcesWebTests<TSite>(TSite site) : IClassFixture<TSite>
    where TSite : StaffSite
{
    private static readonly string DefaultSources = Path.Combine(RepositoryFiles.Data, "stockport-2023-24", "sources.yaml");

    [Fact]
    public async Task ARefresh_ShowsOnTheStaffPage_AndAsTheMeasurePagesUpdatedLine_AndOtherRolesAreRefused()
    {
        // The claimant count from its recorded response, as at 3 March 2026 (no network).
        var settings = new SourceSettings { Recorded = true, Files = [DefaultSources] };
        using var http = new HttpClient();
        await using (var db = site.Database.NewContext())
        {
            var refresher = new SourceRefresher(db, new FakeTimeProvider(new DateTimeOffset(2026, 3, 3, 9, 30, 0, TimeSpan.Zero)), new SourceFetcher(http, settings));
            var done = await refresher.RefreshAsync(settings.ReadSources().Single(s => s.SourceId == "ons-claimant-count"), new SourceRefreshOptions { By = "tester" });
            Assert.Null(done.Error);
        }

        var (team, _) = await site.SignedInAsync(Roles.PerformanceTeam);
        using var _1 = team;
        var page = await team.PageAsync("/staff/sources");
        var row = page.QuerySelectorAll("#refreshes tbody tr").Single(r => r.TextContent.Contains("ons-claimant-count", StringComparison.Ordinal));
        var cells = row.Children.Select(c => c.TextContent.Trim()).ToList();
        Assert.StartsWith("2026-03-03 09:30", cells[0], StringComparison.Ordinal);
        Assert.Contains("A2-12", cells[1], StringComparison.Ordinal);
        Assert.Contains("ONS Nomis", cells[2], StringComparison.Ordinal);
        Assert.Contains("recorded recorded/nomis-claimant-count.csv for https://www.nomisweb.co.uk/api/v01/dataset/NM_162_1.data.csv?", cells[2], StringComparison.Ordinal);
        Assert.Equal(["0", "0", "370"], cells.Skip(3).Take(3));
        Assert.Contains("Loaded", cells[6], StringComparison.Ordinal);
        Assert.Contains("/staff/sources", (await team.PageAsync("/staff")).QuerySelector(".councilplan-staff-nav")!.InnerHtml, StringComparison.Ordinal);

        foreach (var role in new[] { Roles.Contributor, Roles.Approver, Roles.Councillor, Roles.Administrator })
        {
            var (other, _) = await site.SignedInAsync(role);
            using var _2 = other;
            using var refused = await other.GetAsync("/staff/sources");
            Assert.True(refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{role}: {(int)refused.StatusCode}");
            Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        }

        using var anonymous = site.Factory.CreateDefaultClient(StaffSite.Base);
        using var signIn = await anonymous.GetAsync("/staff/sources");
        Assert.NotEqual(HttpStatusCode.OK, signIn.StatusCode);

        // A recorded response stands in for the publisher: the public page does not claim it asked.
        using var visitor = new Browser(site.Factory);
        Assert.Null((await visitor.PageAsync("/measures/A2-12")).QuerySelector("#updated-from"));

        // The publisher itself (a local server in its place), first with nothing new, then with a
        // figure revised: "checked" and then "updated", each on its own day.
        var recorded = await File.ReadAllTextAsync(Path.Combine(RepositoryFiles.Data, "stockport-2023-24", "recorded", "nomis-claimant-count.csv"));
        await using var nomis = RecordedServer.Start();
        var live = new SourceSettings { Files = [DefaultSources], BaseUrls = new Dictionary<SourceService, Uri> { [SourceService.Nomis] = nomis.BaseUrl } };
        async Task<SourceRefresh> RefreshLiveAsync(string body, DateTimeOffset at)
        {
            nomis.Serve("/api/v01/dataset/NM_162_1.data.csv", System.Text.Encoding.UTF8.GetBytes(body), "text/csv");
            SourceRefresh done;
            await using (var db = site.Database.NewContext())
            {
                var refresher = new SourceRefresher(db, new FakeTimeProvider(at), new SourceFetcher(http, live));
                done = await refresher.RefreshAsync(live.ReadSources().Single(s => s.SourceId == "ons-claimant-count"), new SourceRefreshOptions { By = "tester" });
                Assert.Null(done.Error);
            }

            // The refresh bumped the data version; the site notices that within its poll, here at once.
            await site.Factory.Services.GetRequiredService<CouncilPlan.Web.PublicData.PublicDataCache>().InvalidateAsync();
            return done;
        }

        await RefreshLiveAsync(recorded, new DateTimeOffset(2026, 3, 4, 9, 0, 0, TimeSpan.Zero));
        Assert.Equal("Checked against ONS Nomis on 4 March 2026: no new figures", (await visitor.PageAsync("/measures/A2-12")).QuerySelector("#updated-from")?.TextContent.Trim());

        var revised = recorded.Replace("March 2026,E08000007,Claimants as a proportion of residents aged 16-64,Value,3.1,A", "March 2026,E08000007,Claimants as a proportion of residents aged 16-64,Value,3.2,A", StringComparison.Ordinal);
        Assert.NotEqual(recorded, revised);
        var revision = await RefreshLiveAsync(revised, new DateTimeOffset(2026, 3, 5, 9, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, revision.Revised);

        // The default dataset's sources are reviewed: the revision waits for the performance team.
        Assert.Equal("Checked against ONS Nomis on 5 March 2026: new figures are being checked before they are published", (await visitor.PageAsync("/measures/A2-12")).QuerySelector("#updated-from")?.TextContent.Trim());
        await using (var db = site.Database.NewContext())
        {
            Assert.Equal(1, await new SourceReview(db, TimeProvider.System).PublishAsync(revision.Id));
        }

        await site.Factory.Services.GetRequiredService<CouncilPlan.Web.PublicData.PublicDataCache>().InvalidateAsync();
        Assert.Equal("Updated 5 March 2026 from ONS Nomis", (await visitor.PageAsync("/measures/A2-12")).QuerySelector("#updated-from")?.TextContent.Trim());

        var neverRefreshed = await visitor.PageAsync("/measures/A2-09");
        Assert.Null(neverRefreshed.QuerySelector("#updated-from"));
    }

    [Fact]
    public async Task AReviewedSourcesChangedFigure_ArrivesUnpublished_UntilThePerformanceTeamPublishesIt()
    {
        // The APS employment rate as a reviewed source, its publisher having revised one figure.
        var folder = Path.Combine(Path.GetTempPath(), "councilplan-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "recorded"));
        var recorded = await File.ReadAllTextAsync(Path.Combine(RepositoryFiles.Data, "stockport-2023-24", "recorded", "nomis-aps-employment-rate.csv"));
        await File.WriteAllTextAsync(Path.Combine(folder, "recorded", "nomis-aps-employment-rate.csv"), recorded.Replace("Oct 2021-Sep 2022,E08000007,Employment rate - aged 16-64,Variable,76.6,", "Oct 2021-Sep 2022,E08000007,Employment rate - aged 16-64,Variable,76.9,", StringComparison.Ordinal));
        // ons-aps's other series (A2-11) reads its own recorded response, unchanged.
        File.Copy(Path.Combine(RepositoryFiles.Data, "stockport-2023-24", "recorded", "nomis-aps-economic-inactivity.csv"), Path.Combine(folder, "recorded", "nomis-aps-economic-inactivity.csv"));
        var yaml = await File.ReadAllTextAsync(DefaultSources);
        Assert.Contains("  - source: ons-aps\n    service: nomis\n    publish: review\n", yaml, StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(folder, "sources.yaml"), yaml);
        var settings = new SourceSettings { Recorded = true, Files = [Path.Combine(folder, "sources.yaml")] };
        using var http = new HttpClient();
        await using (var db = site.Database.NewContext())
        {
            var done = await new SourceRefresher(db, TimeProvider.System, new SourceFetcher(http, settings)).RefreshAsync(settings.ReadSources().Single(s => s.SourceId == "ons-aps"), new SourceRefreshOptions { By = "tester" });
            Assert.Equal((null, 0L, 1L, 279L), (done.Error, done.Added, done.Revised, done.Unchanged));
        }

        Assert.False(await PublishedAsync());
        var (team, _) = await site.SignedInAsync(Roles.PerformanceTeam);
        using var _1 = team;
        var page = await team.PageAsync("/staff/sources");
        Assert.Contains("1 figure await review.", page.QuerySelector("#refreshes")!.TextContent, StringComparison.Ordinal);

        using var published = await team.SubmitAsync(page, "/staff/sources", new Dictionary<string, string>(), "#refreshes form");

        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.True(await PublishedAsync());
        Assert.Contains("1 figure published", (await team.PageAsync("/staff/sources")).Body!.TextContent, StringComparison.Ordinal);
        await using var check = site.Database.NewContext();
        Assert.True(await check.AuditEntries.AnyAsync(a => a.Action == "published" && a.Key.EndsWith(": refresh of ons-aps")));

        async Task<bool> PublishedAsync()
        {
            await using var db = site.Database.NewContext();
            return await db.Observations.Where(o => o.Measure!.Code == "A2-10" && o.AreaCode == "E08000007" && o.Period == "Oct 2021-Sep 2022").Select(o => o.Published).SingleAsync();
        }
    }
}

public sealed class SqliteSourcesWebTests(StaffSqliteSite site) : SourcesWebTests<StaffSqliteSite>(site);

public sealed class PostgresSourcesWebTests(StaffPostgresSite site) : SourcesWebTests<StaffPostgresSite>(site);
