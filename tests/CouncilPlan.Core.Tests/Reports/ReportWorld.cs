using CouncilPlan.Core.Areas;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Reports;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Users;
using CouncilPlan.Testing;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Tests.Reports;

/// <summary>
/// The minimal test plan with figures and statuses published through the quarterly cycle: measure
/// T-01 (homes, target 250 in 2025-26, amber within 10%) in Portfolio One, and scheme-one (due March
/// 2026) under the ambition Portfolio One answers for.
/// </summary>
public sealed class ReportWorld : IAsyncDisposable
{
    public static readonly TimeProvider Clock = TimeProvider.System;

    public static readonly Officer Team = new("team", "team@council.example", "Team", new HashSet<string> { Roles.PerformanceTeam }, null, null);

    private ReportWorld(TestDatabase database) => Database = database;

    public TestDatabase Database { get; }

    public static async Task<ReportWorld> CreateAsync(DatabaseProvider provider)
    {
        var world = new ReportWorld(await TestDatabase.CreateAsync(provider));
        await using var db = world.Database.NewContext();
        await new AreaImporter(db, Clock).ImportFileAsync(RepositoryFiles.Areas);
        await new PlanImporter(db, Clock).ImportFileAsync(PlanFixtures.WriteTemp(PlanFixtures.Minimal));
        await new MeasureCatalogueImporter(db, Clock).ImportFileAsync(CatalogueFixtures.WriteTemp(CatalogueFixtures.Minimal));
        await new Cycle(db, Clock).Periods.OpenAsync(Team, "2025-26 Q4", new DateOnly(2026, 4, 30));
        return world;
    }

    /// <summary>Enters, approves and publishes T-01's figure for 2025-26 (with a corrective action when it is red).</summary>
    public async Task PublishHomesAsync(double value, CommitmentStatus? schemeStatus = null)
    {
        await using var db = Database.NewContext();
        var cycle = new Cycle(db, Clock);
        var measure = await db.Measures.Include(m => m.Portfolio).SingleAsync(m => m.Code == "T-01");
        var quarter = await db.ReportingPeriods.SingleAsync();
        var version = (await db.MeasureUpdates.AsNoTracking().SingleOrDefaultAsync())?.Version ?? 0;
        var red = value < 225;
        var update = await cycle.Updates.SaveAsync(Team, measure, quarter, new MeasureUpdateInput(
            "2025-26", value.ToString(System.Globalization.CultureInfo.InvariantCulture), null, null, ObservationStatus.Final, null,
            $"Homes delivered this year: {value}.", red ? "Bring forward two sites" : null, red ? "Head of Housing" : null, red ? "2026-06-30" : null, version), submit: true);
        await cycle.Updates.DecideAsync(Team, update.Id, approve: true, null, update.Version);
        var commitments = new List<long>();
        if (schemeStatus is { } status)
        {
            var scheme = await db.PlanElements.SingleAsync(e => e.Key == "scheme-one");
            var row = await cycle.Commitments.SaveCommitmentAsync(Team, scheme, quarter, status, "Building is under way.", null);
            await cycle.Commitments.ApproveCommitmentAsync(Team, row.Id);
            commitments.Add(row.Id);
        }

        await cycle.Publication.PublishAsync(Team, [update.Id], commitments);
    }

    public async Task<ReportTarget> TargetAsync(CouncilPlanDb db, string quarter = "2025-26 Q4")
    {
        Assert.True(ReportBuilder.TryParseQuarter(quarter, out var period));
        return await new ReportBuilder(db, Clock).FindAsync("Portfolio One", period) ?? throw new InvalidOperationException("no portfolio");
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
