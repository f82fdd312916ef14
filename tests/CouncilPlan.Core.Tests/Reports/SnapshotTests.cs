using CouncilPlan.Core.Data;
using CouncilPlan.Core.Reports;
using CouncilPlan.Core.Statistics;
using CouncilPlan.Core.Updates;
using CouncilPlan.Reports.Reports;
using CouncilPlan.Testing;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Tests.Reports;

/// <summary>Frozen reports on both databases: unchanged by later revisions, compared by the next one, refused by the database.</summary>
public sealed class SnapshotTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task FrozenReport_IsUnchangedAfterAValueIsRevised_AndTheNextReportListsTheRevisionWithBothValues(DatabaseProvider provider)
    {
        await using var world = await ReportWorld.CreateAsync(provider);
        await world.PublishHomesAsync(260, CommitmentStatus.OnTrack);

        ReportSnapshot first;
        string firstHtml;
        await using (var db = world.Database.NewContext())
        {
            first = await new ReportSnapshots(db, ReportWorld.Clock).FreezeAsync(ReportWorld.Team, await world.TargetAsync(db));
            var stored = await new ReportSnapshots(db, ReportWorld.Clock).GetAsync(first.Id);
            firstHtml = await ReportRenderer.DocumentAsync(stored!.Value.Report, ReportProvenance.Of(stored.Value.Snapshot));
            Assert.Equal(260, stored.Value.Report.Measures.Single(m => m.Code == "T-01").Latest!.Value);
            Assert.Equal(Rag.Green, stored.Value.Report.Measures.Single().Rag);
            Assert.True(stored.Value.Report.Changes.IsFirst);
        }

        // The figure is revised and republished: 200 against a target of 250 is red.
        await world.PublishHomesAsync(200);

        await using (var db = world.Database.NewContext())
        {
            var snapshots = new ReportSnapshots(db, ReportWorld.Clock);
            var again = (await snapshots.GetAsync(first.Id))!.Value;
            Assert.Equal(first.ModelJson, again.Snapshot.ModelJson);
            Assert.Equal(first.Sha256, ReportJson.Sha256(again.Snapshot.ModelJson));
            Assert.Equal(260, again.Report.Measures.Single().Latest!.Value);
            Assert.Equal(firstHtml, await ReportRenderer.DocumentAsync(again.Report, ReportProvenance.Of(again.Snapshot)));
            Assert.Equal(SheetsOf(ReportWorkbook.Write(again.Report, ReportProvenance.Of(again.Snapshot))), SheetsOf(ReportWorkbook.Write(ReportJson.Deserialize(first.ModelJson), ReportProvenance.Of(first))));

            var draft = await new ReportBuilder(db, ReportWorld.Clock).BuildAsync(await world.TargetAsync(db));
            Assert.Equal(200, draft.Measures.Single().Latest!.Value);

            var second = await snapshots.FreezeAsync(ReportWorld.Team, await world.TargetAsync(db));
            var report = ReportJson.Deserialize(second.ModelJson);
            Assert.Equal(first.Id, second.PreviousId);
            var revision = Assert.Single(report.Changes.RevisedFigures);
            Assert.Equal(("T-01", "2025-26", 260.0, 200.0), (revision.Code, revision.Period, revision.OldValue!.Value, revision.NewValue!.Value));
            Assert.Empty(report.Changes.NewFigures);
            Assert.Contains(report.Changes.StatusChanges, s => s.Kind == "Measure" && s.Key == "T-01" && s.OldStatus == "Green" && s.NewStatus == "Red");
            Assert.Contains(report.Changes.NewExceptions, e => e.Reference == "T-01");

            var html = await ReportRenderer.DocumentAsync(report, ReportProvenance.Of(second));
            var revisedTable = html[html.IndexOf("cp-revised", StringComparison.Ordinal)..];
            revisedTable = revisedTable[..revisedTable.IndexOf("</table>", StringComparison.Ordinal)];
            Assert.Contains("T-01 Homes built", revisedTable, StringComparison.Ordinal);
            Assert.Contains(">260 (final)<", revisedTable, StringComparison.Ordinal);
            Assert.Contains(">200 (final)<", revisedTable, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Snapshots_CannotBeUpdatedOrDeleted_TheDatabaseRefuses(DatabaseProvider provider)
    {
        await using var world = await ReportWorld.CreateAsync(provider);
        await world.PublishHomesAsync(260);
        await using var db = world.Database.NewContext();
        var snapshots = new ReportSnapshots(db, ReportWorld.Clock);
        var snapshot = await snapshots.FreezeAsync(ReportWorld.Team, await world.TargetAsync(db));
        await snapshots.SetPublishedAsync(ReportWorld.Team, snapshot.Id, published: true);

        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE report_snapshots SET model_json = '{}'"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE report_snapshots SET produced_by = 'someone else'"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM report_snapshots"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE report_publications SET published = false"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM report_publications"));

        // Through the context as well: a changed or removed snapshot is refused on save.
        await using (var other = world.Database.NewContext())
        {
            var row = await other.ReportSnapshots.SingleAsync();
            row.ProducedBy = "someone else";
            await Assert.ThrowsAnyAsync<DbUpdateException>(() => other.SaveChangesAsync());
        }

        await using (var other = world.Database.NewContext())
        {
            other.ReportSnapshots.Remove(await other.ReportSnapshots.SingleAsync());
            await Assert.ThrowsAnyAsync<DbUpdateException>(() => other.SaveChangesAsync());
        }

        await using var check = world.Database.NewContext();
        var stored = await check.ReportSnapshots.SingleAsync();
        Assert.Equal(snapshot.ModelJson, stored.ModelJson);
        Assert.Equal(snapshot.ProducedBy, stored.ProducedBy);
        Assert.True(await new ReportSnapshots(check, ReportWorld.Clock).IsPublishedAsync(stored.Id));

        // Withdrawing adds a row; it never edits the one before.
        await new ReportSnapshots(check, ReportWorld.Clock).SetPublishedAsync(ReportWorld.Team, stored.Id, published: false);
        Assert.Equal([true, false], await check.ReportPublications.OrderBy(p => p.Id).Select(p => p.Published).ToListAsync());
        Assert.Empty(await new ReportSnapshots(check, ReportWorld.Clock).ListAsync(publishedOnly: true));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Exceptions_FollowTheRules_RedAndAMissedCommitmentDate(DatabaseProvider provider)
    {
        await using var world = await ReportWorld.CreateAsync(provider);
        await world.PublishHomesAsync(200, CommitmentStatus.AtRisk);
        await using var db = world.Database.NewContext();

        var report = await new ReportBuilder(db, ReportWorld.Clock).BuildAsync(await world.TargetAsync(db));

        var measure = Assert.Single(report.Exceptions, e => e.Kind == "Measure");
        Assert.Equal("T-01", measure.Reference);
        Assert.Contains(measure.Reasons, r => r.StartsWith("Red", StringComparison.Ordinal));
        var commitment = Assert.Single(report.Exceptions, e => e.Kind == "Commitment");
        Assert.Equal("scheme-one", commitment.Reference);
        var row = report.Commitments.Single(c => c.Key == "scheme-one");
        Assert.Equal(("AtRisk", "2025-26 Q4", true), (row.Status, row.StatusQuarter, row.MissedDate));
        var m = report.Measures.Single();
        Assert.Equal("Bring forward two sites", m.Commentary!.CorrectiveAction);
        Assert.Equal(new DateOnly(2026, 6, 30), m.Commentary.CorrectiveActionDue);

        // A quarter before the figure's period ends has no figure, no commentary and no status yet.
        var earlier = await new ReportBuilder(db, ReportWorld.Clock).BuildAsync(await world.TargetAsync(db, "2025-26 Q3"));
        Assert.True(earlier.Measures.Single().AwaitingData);
        Assert.Null(earlier.Measures.Single().Commentary);
        Assert.Equal("NotYetReported", earlier.Commitments.Single(c => c.Key == "scheme-one").Status);
        Assert.DoesNotContain(earlier.Exceptions, e => e.Kind == "Measure");
    }

    private static List<string> SheetsOf(byte[] workbook)
    {
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(workbook), false);
        return document.WorkbookPart!.WorksheetParts.Select(p => p.Worksheet.OuterXml).ToList();
    }
}
