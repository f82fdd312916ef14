using System.Text;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Resources;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Validation;
using CouncilPlan.Testing;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Tests.Reports;

/// <summary>The resources CSV, on both databases: checked whole, every error with row and column, nothing written on any error.</summary>
public sealed class ResourceImportTests
{
    private const string Header = "type,quarter,portfolio,line,scheme,title,budget,forecast,spent_to_date,savings_target,savings_delivered,funding_secured,source,note,published";

    private const string Good = Header + "\n"
        + "revenue,2025-26 Q2,portfolio-one,,,,12500000,12900000,,800000,450000,,Q2 budget monitoring,,true\n"
        + "capital,2025-26 Q2,portfolio-one,,scheme-one,,4000000,,1250000.50,,,,Capital programme,,true\n"
        + "capital,2025-26 Q2,portfolio-one,town-hall-roof,,Town hall roof,,,,,,,,,false\n";

    private static Task<ResourceImportResult> ImportAsync(CouncilPlanDb db, string csv, bool dryRun = false) =>
        new ResourceImporter(db, ReportWorld.Clock).ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "resources.csv", new ResourceImportOptions { EnteredBy = "finance@council.example", DryRun = dryRun });

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task FileWithOneBadLine_ChangesNothing_AndNamesTheRowAndColumn(DatabaseProvider provider)
    {
        await using var world = await ReportWorld.CreateAsync(provider);
        await using var db = world.Database.NewContext();
        var versionBefore = await DataVersion.CurrentAsync(db);
        var auditBefore = await db.AuditEntries.CountAsync();

        // Line 5 has a budget whose comma is not a thousands separator ("1,00" is not 100): everything else is fine.
        var bad = Good + "capital,2025-26 Q2,portfolio-one,library,,Library,\"1,00\",,,,,,,,true\n";
        var result = await ImportAsync(db, bad);

        Assert.False(result.IsValid);
        Assert.False(result.Committed);
        var error = Assert.Single(result.Errors);
        Assert.Equal((5L, "budget"), (error.Row, error.Column));
        Assert.Contains("'1,00' is not a number: a comma may only separate thousands", error.Message, StringComparison.Ordinal);
        Assert.Equal("resources.csv:5:budget: " + error.Message, error.In("resources.csv").ToString());
        await using var check = world.Database.NewContext();
        Assert.Equal(0, await check.ResourceLines.CountAsync());
        Assert.Equal(versionBefore, await DataVersion.CurrentAsync(check));
        Assert.Equal(auditBefore, await check.AuditEntries.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task BadLineAfterAGoodImport_LeavesTheStoredLinesAsTheyWere(DatabaseProvider provider)
    {
        await using var world = await ReportWorld.CreateAsync(provider);
        await using (var db = world.Database.NewContext())
        {
            Assert.True((await ImportAsync(db, Good)).Committed);
        }

        await using (var db = world.Database.NewContext())
        {
            // A changed budget on line 2, and a line for a portfolio that does not exist on line 3.
            var result = await ImportAsync(db, Header + "\nrevenue,2025-26 Q2,portfolio-one,,,,99,,,,,,,,true\nrevenue,2025-26 Q2,no-such-portfolio,,,,1,,,,,,,,true\n");
            var error = Assert.Single(result.Errors);
            Assert.Equal((3L, "portfolio"), (error.Row, error.Column));
        }

        await using var check = world.Database.NewContext();
        var revenue = await check.ResourceLines.SingleAsync(l => l.Kind == ResourceKind.Revenue);
        Assert.Equal(12_500_000m, revenue.Budget);
        Assert.Equal(400_000m, revenue.Variance);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task GoodFile_LoadsOnce_ThenChangesNothing_AndADryRunWritesNothing(DatabaseProvider provider)
    {
        await using var world = await ReportWorld.CreateAsync(provider);
        await using (var db = world.Database.NewContext())
        {
            var dry = await ImportAsync(db, Good, dryRun: true);
            Assert.Equal((3, 0, false), (dry.Added, dry.Changed, dry.Committed));
            Assert.Equal(0, await db.ResourceLines.CountAsync());
        }

        await using (var db = world.Database.NewContext())
        {
            var first = await ImportAsync(db, Good);
            Assert.Equal((3, 0, true), (first.Added, first.Changed, first.Committed));
            var again = await ImportAsync(db, Good);
            Assert.Equal((0, 0, 3), (again.Added, again.Changed, again.Unchanged));
        }

        await using var check = world.Database.NewContext();
        var scheme = await check.ResourceLines.Include(l => l.Element).SingleAsync(l => l.Key == "scheme-one");
        Assert.Equal(("Scheme one", 1_250_000.50m, true, "scheme-one"), (scheme.Title, scheme.SpentToDate!.Value, scheme.Published, scheme.Element!.Key));
        Assert.Equal("finance@council.example", scheme.EnteredBy);
        Assert.False((await check.ResourceLines.SingleAsync(l => l.Key == "town-hall-roof")).Published);
        Assert.True(await check.AuditEntries.AnyAsync(a => a.Entity == nameof(ResourceLine) && a.Action == "imported"));
    }

    [Fact]
    public async Task EveryProblem_IsReportedWithItsRowAndColumn()
    {
        await using var world = await ReportWorld.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = world.Database.NewContext();
        var csv = Header + "\n"
            + "grant,2025-26 Q2,portfolio-one,,,,,,,,,,,,\n"
            + "revenue,Q2,portfolio-one,,,,,,,,,,,,\n"
            + "revenue,2025-26 Q2,portfolio-one,,,,,,100,,,,,,maybe\n"
            + "capital,2025-26 Q2,portfolio-one,,,,,,,5,,,,,\n"
            + "capital,2025-26 Q2,portfolio-one,,no-such-scheme,,,,,,,,,,\n"
            + "capital,2025-26 Q2,portfolio-one,,scheme-one,,,,-5,,,,,,\n"
            + "capital,2025-26 Q2,portfolio-one,,scheme-one,,1,,,,,,,,\n"
            + "capital,2030-31 Q1,portfolio-one,,scheme-one,,1,,,,,,,,\n"
            + "revenue,2025-26 Q2\n";

        var result = await ImportAsync(db, csv);

        var found = result.Errors.Select(e => (e.Row, e.Column)).ToList();
        Assert.Contains((2L, "type"), found);
        Assert.Contains((3L, "quarter"), found);
        Assert.Contains((4L, "spent_to_date"), found);
        Assert.Contains((4L, "published"), found);
        Assert.Contains((5L, "line"), found);
        Assert.Contains((5L, "savings_target"), found);
        Assert.Contains((6L, "scheme"), found);
        Assert.Contains((7L, "spent_to_date"), found);
        Assert.Contains((9L, "quarter"), found);
        Assert.Contains((10L, ""), found);
        Assert.DoesNotContain(found, f => f.Row == 8);
        Assert.Equal(0, await db.ResourceLines.CountAsync());
    }

    [Fact]
    public async Task SameLineTwiceInAFile_IsAnError_NamingTheFirstRow()
    {
        await using var world = await ReportWorld.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = world.Database.NewContext();

        var result = await ImportAsync(db, Header + "\ncapital,2025-26 Q2,portfolio-one,,scheme-one,,1,,,,,,,,\ncapital,2025-26-Q2,portfolio-one,,scheme-one,,2,,,,,,,,\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal((3L, "line"), (error.Row, error.Column));
        Assert.Contains("already on row 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheForm_UsesTheSameRules_AndOnlyThePerformanceTeamMaySave()
    {
        await using var world = await ReportWorld.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = world.Database.NewContext();
        var editor = new ResourceEditor(db, ReportWorld.Clock);
        var input = new ResourceInput { Type = "capital", Quarter = "2025-26 Q2", Portfolio = "portfolio-one", Scheme = "scheme-one", Budget = "£4m" };
        var officer = new Officer("someone", "someone@council.example", "Someone", new HashSet<string> { Core.Users.Roles.Contributor }, null, null);

        await Assert.ThrowsAsync<NotAllowedException>(() => editor.SaveAsync(officer, input with { Budget = "4000000" }, null));
        var errors = await Assert.ThrowsAsync<InvalidInputException>(() => editor.SaveAsync(ReportWorld.Team, input, null));
        Assert.Equal(["budget"], errors.ByField.Keys);
        var saved = await editor.SaveAsync(ReportWorld.Team, input with { Budget = "4000000" }, null);
        Assert.Equal((4_000_000m, false), (saved.Budget!.Value, saved.Published));
        Assert.Equal(1, await editor.SetPublishedAsync(ReportWorld.Team, [saved.Id], published: true));
        Assert.True((await db.ResourceLines.AsNoTracking().SingleAsync()).Published);
    }
}
