using CouncilPlan.Core.Data;
using CouncilPlan.Core.Users;
using CouncilPlan.Testing;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Cli.Tests.Commands;

/// <summary>`councilplan owners import`: owners in bulk, all or nothing, errors by file, row and column.</summary>
public sealed class OwnerCommandsTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_WithOneBadRow_ChangesNothing_AndAGoodFileGivesEachCommitmentItsOwners(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            await new Core.Areas.AreaImporter(db, TimeProvider.System).ImportFileAsync(RepositoryFiles.Areas);
            await new Core.Plans.PlanImporter(db, TimeProvider.System).ImportFileAsync(RepositoryFiles.StockportPlan);
            var place = new Service { Name = "Place" };
            db.Services.Add(place);
            db.Services.Add(new Service { Name = "Regeneration", Directorate = place });
            await db.SaveChangesAsync();
        }

        var added = await CliRunner.RunAsync(database, "users", "add", "--email", "ann@example.gov.uk", "--role", "Contributor", "--service", "Place – Regeneration");
        var folder = Path.Combine(Path.GetTempPath(), "councilplan-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var bad = Path.Combine(folder, "bad.csv");
        await File.WriteAllTextAsync(bad, "reference,service,owner\nweir-mill,Place – Regeneration,ann@example.gov.uk\nfamily-hubs-pilot-areas,Place – Regneration,\n");
        var good = Path.Combine(folder, "good.csv");
        await File.WriteAllTextAsync(good, "reference,service,owner\nweir-mill,Place – Regeneration,ann@example.gov.uk\nfamily-hubs-pilot-areas,Place,\n");

        var failed = await CliRunner.RunAsync(database, "owners", "import", bad);
        var dry = await CliRunner.RunAsync(database, "owners", "import", good, "--dry-run");
        await using (var db = database.NewContext())
        {
            Assert.Equal(0, await db.Ownerships.CountAsync());
        }

        var loaded = await CliRunner.RunAsync(database, "owners", "import", good);

        Assert.Equal(0, added.ExitCode);
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("bad.csv:3:service: no directorate or service is called 'Place – Regneration'", failed.Error, StringComparison.Ordinal);
        Assert.Contains("1 problem found; nothing was changed.", failed.Error, StringComparison.Ordinal);
        Assert.Equal(0, dry.ExitCode);
        Assert.Contains("dry run, nothing was changed. 2 measures and commitments checked: 2 would change", dry.Out, StringComparison.Ordinal);
        Assert.Equal(0, loaded.ExitCode);
        Assert.Contains("good.csv: 2 measures and commitments read: 2 changed, 0 unchanged.", loaded.Out, StringComparison.Ordinal);
        await using var check = database.NewContext();
        var owners = await (from o in check.Ownerships
                            join e in check.PlanElements on o.ElementId equals e.Id
                            join s in check.Services on o.ServiceId equals s.Id
                            select new { e.Key, s.Name, o.UserId }).ToListAsync();
        var ann = await check.Users.SingleAsync(u => u.Email == "ann@example.gov.uk");
        Assert.Equal(
            ["family-hubs-pilot-areas Place ", $"weir-mill Regeneration {ann.Id}"],
            owners.Select(o => $"{o.Key} {o.Name} {o.UserId}").Order(StringComparer.Ordinal));
        Assert.True(await check.AuditEntries.AnyAsync(e => e.Entity == "Ownership" && EF.Functions.Like(e.Who, "councilplan (%")));
    }
}
