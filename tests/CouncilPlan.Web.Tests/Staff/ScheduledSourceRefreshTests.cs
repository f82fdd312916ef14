using System.Diagnostics;
using CouncilPlan.Core.Audit;
using CouncilPlan.Testing;
using CouncilPlan.Web.Tests.Staff.Security;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Web.Tests.Staff;

/// <summary>The web app with its schedule switched on, reading the default dataset's recorded responses instead of the publishers.</summary>
public sealed class ScheduledSourcesSite() : StaffSite(Core.Data.DatabaseProvider.Sqlite)
{
    protected override Dictionary<string, string?> Settings() => new(base.Settings())
    {
        ["Sources:RefreshEvery"] = "1.00:00:00",
        ["Sources:FirstRefreshAfter"] = "00:00:00",
        ["Sources:Recorded"] = "true",
        ["Sources:File"] = File,
    };

    public static string File { get; } = Path.Combine(RepositoryFiles.Data, "stockport-2023-24", "sources.yaml");
}

public sealed class ScheduledSourceRefreshTests(ScheduledSourcesSite site) : IClassFixture<ScheduledSourcesSite>
{
    [Fact]
    public async Task WhenSwitchedOn_RefreshesEverySourceOnce_AndNotAgainUntilTheIntervalHasPassed()
    {
        var sources = Core.Sources.SourceFileReader.ReadFile(ScheduledSourcesSite.File).Sources.Select(s => s.SourceId).ToList();

        // Starting the host starts the schedule.
        using var client = site.Factory.CreateClient();
        var waited = Stopwatch.StartNew();
        List<Core.Sources.SourceRefresh> refreshes;
        do
        {
            await Task.Delay(250);
            await using var db = site.Database.NewContext();
            refreshes = await db.SourceRefreshes.AsNoTracking().ToListAsync();
        }
        while (refreshes.Count < sources.Count && waited.Elapsed < TimeSpan.FromSeconds(60));

        // A second round would be due only a day later.
        await Task.Delay(TimeSpan.FromSeconds(2));
        await using var check = site.Database.NewContext();
        refreshes = await check.SourceRefreshes.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
        Assert.Equal(sources, refreshes.Select(r => r.SourceId));
        Assert.All(refreshes, r => Assert.Equal((null, false, AuditActor.System.Who, 0L, 0L), (r.Error, r.DryRun, r.By, r.Added, r.Revised)));
    }
}
