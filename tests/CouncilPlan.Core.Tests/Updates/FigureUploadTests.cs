using System.Text;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Validation;
using CouncilPlan.Testing;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Tests.Updates;

/// <summary>
/// The quarterly figures upload, on both databases: read and checked by the form's rules, every
/// problem named by row and column, and saved all together or not at all. The world is
/// <see cref="QuarterlyCycleTests"/>': T-01 (homes, financial year, target 250 in 2025-26 with 10%
/// amber) owned by "owner", T-02 (a percentage by academic year), T-03 (a rate), 2025-26 Q4 open.
/// </summary>
public sealed class FigureUploadTests
{
    private static readonly TimeProvider Clock = TimeProvider.System;

    private static readonly Officer Team = QuarterlyCycleTests.Team;

    private static byte[] Csv(string text) => Encoding.UTF8.GetBytes(text);

    private static async Task<UploadPreview> PreviewAsync(TestDatabase database, Officer officer, string csv)
    {
        await using var db = database.NewContext();
        return await new FigureUpload(db, Clock).PreviewAsync(officer, await db.ReportingPeriods.SingleAsync(), Csv(csv));
    }

    private static async Task<UploadPreview> CommitAsync(TestDatabase database, Officer officer, string csv, UploadPreview preview, bool submit)
    {
        await using var db = database.NewContext();
        return await new FigureUpload(db, Clock).CommitAsync(officer, await db.ReportingPeriods.SingleAsync(), Csv(csv), preview.Versions(), submit);
    }

    private static async Task SaveAsync(TestDatabase database, Officer officer, string value, bool submit = false)
    {
        await using var db = database.NewContext();
        var measure = await db.Measures.SingleAsync(m => m.Code == "T-01");
        var version = (await db.MeasureUpdates.SingleOrDefaultAsync())?.Version ?? 0;
        await new Cycle(db, Clock).Updates.SaveAsync(
            officer, measure, await db.ReportingPeriods.SingleAsync(), new MeasureUpdateInput("2025-26", value, null, null, default, null, "Homes this year", null, null, null, version), submit);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Preview_ListsEveryProblemWithItsRowAndColumn_AndSavesNothing(DatabaseProvider provider)
    {
        await using var world = await QuarterlyCycleTests.WorldAsync(provider);
        const string csv = """
            measure,period,value,numerator,denominator,status,commentary,corrective_action,corrective_action_owner,corrective_action_due
            T-01,,200,,,,Short of target,,,
            T-02,2025,55,60,50,,,,,
            T-03,,lots,,0,,,,,
            T-09,,1,,,,,,,
            T-03,,12,,,maybe,,,,
            T-01,too,few
            """;

        var preview = await PreviewAsync(world.Database, Team, csv);

        Assert.Equal(
            [
                (2, "corrective_action"), (2, "corrective_action_owner"), (2, "corrective_action_due"), (3, "period"), (3, "numerator"),
                (4, "value"), (4, "denominator"), (5, "measure"), (6, "measure"), (6, "status"), (7, ""),
            ],
            preview.Errors.Select(e => ((int)e.Row, e.Column)));
        Assert.Equal("the value is red against its target: enter the corrective action", preview.Errors[0].Message);
        Assert.Equal("enter the period like '2023/24 academic'", preview.Errors[3].Message);
        Assert.Equal("unknown measure 'T-09': no measure in the catalogue has this code", preview.Errors[7].Message);
        Assert.StartsWith("measure T-03 is already in row 4", preview.Errors[8].Message, StringComparison.Ordinal);
        Assert.StartsWith("'maybe' is not a status", preview.Errors[9].Message, StringComparison.Ordinal);
        Assert.Equal(6, preview.Rows.Count);
        Assert.Equal(("T-01", "200"), (preview.Rows[0].MeasureCode, preview.Rows[0].Input!.Value));
        Assert.False(preview.IsValid);
        await using var db = world.Database.NewContext();
        Assert.False(await db.MeasureUpdates.AnyAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Preview_ForAContributor_RefusesMeasuresTheyDoNotOwn_AndShowsNoDraftOfThem(DatabaseProvider provider)
    {
        await using var world = await QuarterlyCycleTests.WorldAsync(provider);
        await SaveAsync(world.Database, world.Owner, "240");

        var stranger = await PreviewAsync(world.Database, world.Stranger, "measure,value\nT-01,260\n");
        var approver = await PreviewAsync(world.Database, world.Approver, "measure,value\nT-01,260\n");
        var otherService = await PreviewAsync(world.Database, world.OtherApprover, "measure,value\nT-01,260\n");
        var owner = await PreviewAsync(world.Database, world.Owner, "measure,value\nT-01,260\n");

        var refusal = Assert.Single(stranger.Errors);
        Assert.Equal((2L, "measure", "you do not own measure T-01, so you cannot upload figures for it"), (refusal.Row, refusal.Column, refusal.Message));
        Assert.Null(stranger.Rows[0].Current);
        Assert.Equal(refusal, Assert.Single(otherService.Errors));
        Assert.Null(otherService.Rows[0].Current);
        Assert.True(approver.IsValid);
        Assert.True(owner.IsValid);
        Assert.Equal((240.0, 260.0), (owner.Rows[0].Current!.DraftValue!.Value, owner.Rows[0].NewValue!.Value));
        Assert.Equal("2025-26", owner.Rows[0].Period);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Commit_WhenAnUpdateChangedSinceThePreview_SavesNoRow(DatabaseProvider provider)
    {
        await using var world = await QuarterlyCycleTests.WorldAsync(provider);
        const string csv = "measure,value\nT-01,260\nT-03,12\n";
        var preview = await PreviewAsync(world.Database, Team, csv);
        await SaveAsync(world.Database, world.Owner, "241");

        var result = await CommitAsync(world.Database, Team, csv, preview, submit: false);

        var conflict = Assert.Single(result.Errors);
        Assert.Equal(2, conflict.Row);
        Assert.StartsWith("owner@council.example changed the update of T-01 after you checked the file", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(0, result.Saved);
        await using var db = world.Database.NewContext();
        Assert.Equal(241, (await db.MeasureUpdates.SingleAsync()).DraftValue);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Commit_WhenTheDatabaseRefusesALaterRow_UndoesTheRowsSavedBeforeIt(DatabaseProvider provider)
    {
        await using var world = await QuarterlyCycleTests.WorldAsync(provider);
        const string first = "measure,value\nT-03,10\n";
        Assert.Equal(1, (await CommitAsync(world.Database, Team, first, await PreviewAsync(world.Database, Team, first), submit: false)).Saved);
        int audited, t03;
        await using (var db = world.Database.NewContext())
        {
            audited = await db.AuditEntries.CountAsync();

            // The database refuses any change to T-03's update, so the upload fails on its second
            // row after the first is written: a failure the checks before the save cannot foresee.
            t03 = await db.Measures.Where(m => m.Code == "T-03").Select(m => m.Id).SingleAsync();
            if (provider == DatabaseProvider.Sqlite)
            {
                await db.Database.ExecuteSqlRawAsync("CREATE TRIGGER refuse_t03 BEFORE UPDATE ON measure_updates WHEN NEW.measure_id = (SELECT id FROM measures WHERE code = 'T-03') BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;");
            }
            else
            {
                await db.Database.ExecuteSqlRawAsync("CREATE FUNCTION refuse_t03() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.measure_id = (SELECT id FROM measures WHERE code = 'T-03') THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$;");
                await db.Database.ExecuteSqlRawAsync("CREATE TRIGGER refuse_t03 BEFORE UPDATE ON measure_updates FOR EACH ROW EXECUTE FUNCTION refuse_t03();");
            }
        }

        const string csv = "measure,value\nT-01,260\nT-03,12\n";
        var preview = await PreviewAsync(world.Database, Team, csv);
        Assert.True(preview.IsValid);

        await Assert.ThrowsAsync<DbUpdateException>(() => CommitAsync(world.Database, Team, csv, preview, submit: false));

        await using var check = world.Database.NewContext();
        var saved = await check.MeasureUpdates.AsNoTracking().ToListAsync();
        Assert.Equal([(t03, 10.0, 1)], saved.Select(u => (u.MeasureId, u.DraftValue!.Value, u.Version)));
        Assert.Equal(audited, await check.AuditEntries.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Commit_ToSubmit_NeedsACommentaryOnEveryRow_WhileDraftsDoNot(DatabaseProvider provider)
    {
        await using var world = await QuarterlyCycleTests.WorldAsync(provider);
        const string csv = "measure,value,commentary,status\nT-01,260,,provisional\nT-03,12,Admissions fell,\n";
        var preview = await PreviewAsync(world.Database, Team, csv);

        var submitted = await CommitAsync(world.Database, Team, csv, preview, submit: true);
        await using (var db = world.Database.NewContext())
        {
            Assert.False(await db.MeasureUpdates.AnyAsync());
        }

        var drafts = await CommitAsync(world.Database, Team, csv, preview, submit: false);

        Assert.True(preview.IsValid);
        Assert.False(preview.CanSubmit);
        Assert.Equal((2L, "commentary"), (preview.NeededToSubmit.Single().Row, preview.NeededToSubmit.Single().Column));
        Assert.Equal((2L, "commentary"), (submitted.Errors.Single().Row, submitted.Errors.Single().Column));
        Assert.Equal(2, drafts.Saved);
        await using var check = world.Database.NewContext();
        var saved = await check.MeasureUpdates.AsNoTracking().OrderBy(u => u.MeasureId).ToListAsync();
        Assert.Equal([UpdateStatus.Draft, UpdateStatus.Draft], saved.Select(u => u.Status));
        Assert.Equal([ObservationStatus.Provisional, ObservationStatus.Final], saved.Select(u => u.DraftStatus));
        Assert.Equal(["2025-26", "2025-26"], saved.Select(u => u.DraftPeriod));
        Assert.False(await check.Observations.AnyAsync(), "an upload never publishes");
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Preview_OfAPeriodAlreadyPublished_RefusesTheRow(DatabaseProvider provider)
    {
        await using var world = await QuarterlyCycleTests.WorldAsync(provider);
        await SaveAsync(world.Database, world.Owner, "260", submit: true);
        await using (var db = world.Database.NewContext())
        {
            var cycle = new Cycle(db, Clock);
            var update = await db.MeasureUpdates.SingleAsync();
            await cycle.Updates.DecideAsync(Team, update.Id, approve: true, null, update.Version);
            await cycle.Publication.PublishAsync(Team, [update.Id], []);
        }

        var preview = await PreviewAsync(world.Database, Team, "measure,period,value\nT-01,2025-26,270\n");
        var earlier = await PreviewAsync(world.Database, Team, "measure,period,value\nT-01,2024-25,230\n");

        var refusal = Assert.Single(preview.Errors);
        Assert.Equal((2L, "period"), (refusal.Row, refusal.Column));
        Assert.StartsWith("the figure of T-01 for 2025-26 is already published", refusal.Message, StringComparison.Ordinal);
        Assert.True(earlier.IsValid);
        Assert.Equal(260, earlier.Rows[0].LatestPublished!.Value);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Preview_OfABadHeader_SaysWhatIsWrongWithIt(DatabaseProvider provider)
    {
        await using var world = await QuarterlyCycleTests.WorldAsync(provider);

        var semicolons = await PreviewAsync(world.Database, Team, "measure;value\nT-01;260\n");
        var misspelt = await PreviewAsync(world.Database, Team, "measure,valeu\nT-01,260\n");

        Assert.Equal(new InputError(1, "", "the file uses ';' between columns: CouncilPlan reads comma-separated files (save it as 'CSV UTF-8 (comma delimited)')"), Assert.Single(semicolons.Errors));
        Assert.Equal([(1L, "valeu"), (1L, "value")], misspelt.Errors.Select(e => (e.Row, e.Column)));
        Assert.Empty(misspelt.Rows);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Template_HasTheMeasuresTheOfficerMayChange_AndChangesNothingUntilFilledIn(DatabaseProvider provider)
    {
        await using var world = await QuarterlyCycleTests.WorldAsync(provider);
        await using var db = world.Database.NewContext();
        var quarter = await db.ReportingPeriods.SingleAsync();
        var upload = new FigureUpload(db, Clock);

        var owners = await upload.TemplateAsync(world.Owner, quarter);
        var teams = await upload.TemplateAsync(Team, quarter);
        var blank = await upload.PreviewAsync(world.Owner, quarter, Csv(owners));
        var filled = await upload.PreviewAsync(world.Owner, quarter, Csv(owners.Replace("2025-26,,", "2025-26,255,", StringComparison.Ordinal)));

        Assert.Equal(string.Join(',', FigureUploadColumns.All) + "\nT-01,Homes built,2025-26,,,,,,,,,\n", owners);
        Assert.Equal(["T-01", "T-02", "T-03"], teams.Split('\n').Skip(1).Where(l => l.Length > 0).Select(l => l[..4]));
        Assert.Contains("T-02,Children ready for school,2025/26 academic,", teams, StringComparison.Ordinal);
        Assert.Equal("the file has no figures to save: fill in the value for at least one measure", Assert.Single(blank.Errors).Message);
        Assert.True(filled.IsValid);
        Assert.Equal(255, Assert.Single(filled.Changes).NewValue);
    }
}
