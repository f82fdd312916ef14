using CouncilPlan.Core.Areas;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Validation;
using CouncilPlan.Testing;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Tests.Plans;

/// <summary>Loading plans into a real database, once on SQLite and once on PostgreSQL.</summary>
public sealed class PlanImportTests
{
    private static readonly TimeProvider Clock = TimeProvider.System;

    private static async Task<TestDatabase> DatabaseWithAreasAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        await new AreaImporter(db, Clock).ImportFileAsync(RepositoryFiles.Areas);
        return database;
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_StockportPlan_StoresEveryElementAndLink(DatabaseProvider provider)
    {
        await using var database = await DatabaseWithAreasAsync(provider);
        await using (var db = database.NewContext())
        {
            var result = await new PlanImporter(db, Clock).ImportFileAsync(RepositoryFiles.StockportPlan);
            Assert.Equal(ImportOutcome.Created, result.Outcome);
        }

        await using var check = database.NewContext();
        var counts = await check.PlanElements.GroupBy(e => e.Kind).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        Assert.Equal(4, counts[ElementKind.Ambition]);
        Assert.Equal(17, counts[ElementKind.KeyArea]);
        Assert.Equal(2, counts[ElementKind.Theme]);
        Assert.Equal(8, counts[ElementKind.FocusArea]);
        Assert.Equal(5 + 10 + 5 + 7 + 7 + 5, counts[ElementKind.ImpactStatement]);
        Assert.Equal(4, counts[ElementKind.Programme]);
        Assert.Equal(9, counts[ElementKind.BoroughPriority]);
        Assert.Equal(6, counts[ElementKind.Portfolio]);

        var view = await PlanView.LoadAsync(check, "stockport-2023-24", new DateOnly(2023, 6, 1));
        var weirMill = view!.Find("weir-mill")!;
        Assert.Equal(ElementKind.Ambition, PlanView.Owner(weirMill)!.Kind);
        Assert.Equal(["Economy and Regeneration", "Communities and Housing"], view.PortfoliosFor(PlanView.Owner(weirMill)!).Select(p => p.Title));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_SameFileTwice_ChangesNothingTheSecondTime(DatabaseProvider provider)
    {
        await using var database = await DatabaseWithAreasAsync(provider);
        await using (var db = database.NewContext())
        {
            await new PlanImporter(db, Clock).ImportFileAsync(RepositoryFiles.StockportPlan);
        }

        var before = await SnapshotAsync(database);
        long versionBefore;
        await using (var db = database.NewContext())
        {
            versionBefore = await DataVersion.CurrentAsync(db);
        }

        PlanImportResult second;
        await using (var db = database.NewContext())
        {
            second = await new PlanImporter(db, Clock).ImportFileAsync(RepositoryFiles.StockportPlan);
        }

        Assert.Equal(ImportOutcome.Unchanged, second.Outcome);
        Assert.Equal(before, await SnapshotAsync(database));
        await using var check = database.NewContext();
        Assert.True(versionBefore >= 2, "loading the areas and then the plan each raise the data version");
        Assert.Equal(versionBefore, await DataVersion.CurrentAsync(check));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_SameContentInADifferentFile_IsANoOpEvenWithoutTheHashShortcut(DatabaseProvider provider)
    {
        await using var database = await DatabaseWithAreasAsync(provider);
        var original = PlanFixtures.WriteTemp(PlanFixtures.Minimal);
        var commented = PlanFixtures.WriteTemp("# the same plan, saved again\n" + PlanFixtures.Minimal);
        await using (var db = database.NewContext())
        {
            await new PlanImporter(db, Clock).ImportFileAsync(original);
        }

        var elementsBefore = await ElementRowsAsync(database);
        PlanImportResult second;
        await using (var db = database.NewContext())
        {
            second = await new PlanImporter(db, Clock).ImportFileAsync(commented);
        }

        Assert.Equal(ImportOutcome.Unchanged, second.Outcome);
        Assert.Equal((0, 0, 0), (second.ElementsAdded, second.ElementsChanged, second.ElementsRemoved));
        Assert.Equal(elementsBefore, await ElementRowsAsync(database));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_ChangedFile_UpdatesInPlaceAndKeepsIdsOfKeptElements(DatabaseProvider provider)
    {
        await using var database = await DatabaseWithAreasAsync(provider);
        await using (var db = database.NewContext())
        {
            await new PlanImporter(db, Clock).ImportFileAsync(PlanFixtures.WriteTemp(PlanFixtures.Minimal));
        }

        var idsBefore = (await ElementRowsAsync(database)).ToDictionary(r => r.Key, r => r.Id);
        var changed = PlanFixtures.Minimal
            .Replace("title: Scheme one", "title: Scheme one, renamed", StringComparison.Ordinal)
            .Replace("      - id: focus-one\n        title: Focus one\n", "      - id: focus-two\n        title: Focus two\n", StringComparison.Ordinal)
            .Replace("supports: [priority-one]", "supports: [priority-two]", StringComparison.Ordinal);

        PlanImportResult result;
        await using (var db = database.NewContext())
        {
            result = await new PlanImporter(db, Clock).ImportFileAsync(PlanFixtures.WriteTemp(changed));
        }

        Assert.Equal(ImportOutcome.Updated, result.Outcome);
        Assert.Equal(1, result.ElementsAdded);
        Assert.Equal(1, result.ElementsRemoved);
        await using var check = database.NewContext();
        var scheme = await check.PlanElements.SingleAsync(e => e.Key == "scheme-one");
        Assert.Equal("Scheme one, renamed", scheme.Title);
        Assert.Equal(idsBefore["scheme-one"], scheme.Id);
        Assert.False(await check.PlanElements.AnyAsync(e => e.Key == "focus-one"));
        var focusTwo = await check.PlanElements.Include(e => e.Parent).SingleAsync(e => e.Key == "focus-two");
        Assert.Equal("theme-one", focusTwo.Parent!.Key);
        var view = await PlanView.LoadAsync(check, "testshire-2025-26", new DateOnly(2025, 6, 1));
        Assert.Equal("priority-two", Assert.Single(view!.Supports(view.Find("ambition-one")!)).Key);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_BadFile_ReportsEveryProblemAndLeavesTheDatabaseEmpty(DatabaseProvider provider)
    {
        await using var database = await DatabaseWithAreasAsync(provider);
        var bad = PlanFixtures.Minimal
            .Replace("due: 2026-03", "due: soon", StringComparison.Ordinal)
            .Replace("- id: focus-one", "- id: key-area-one", StringComparison.Ordinal)
            .Replace("covers: [ambition-one]", "covers: [nowhere]", StringComparison.Ordinal)
            .Replace("    title: Ambition one\n", "", StringComparison.Ordinal);

        await using (var db = database.NewContext())
        {
            var error = await Assert.ThrowsAsync<InvalidInputException>(() => new PlanImporter(db, Clock).ImportFileAsync(PlanFixtures.WriteTemp(bad)));
            Assert.Equal(4, error.Errors.Count);
        }

        await using var check = database.NewContext();
        Assert.Equal(0, await check.Plans.CountAsync());
        Assert.Equal(0, await check.PlanElements.CountAsync());
        Assert.Equal(0, await check.PlanLinks.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Import_BadVersionOfALoadedPlan_LeavesTheLoadedPlanAsItWas(DatabaseProvider provider)
    {
        await using var database = await DatabaseWithAreasAsync(provider);
        await using (var db = database.NewContext())
        {
            await new PlanImporter(db, Clock).ImportFileAsync(PlanFixtures.WriteTemp(PlanFixtures.Minimal));
        }

        var before = await SnapshotAsync(database);
        var bad = PlanFixtures.Minimal.Replace("title: Scheme one", "title: Scheme one renamed\n                    due_text: [", StringComparison.Ordinal);
        await using (var db = database.NewContext())
        {
            await Assert.ThrowsAsync<InvalidInputException>(() => new PlanImporter(db, Clock).ImportFileAsync(PlanFixtures.WriteTemp(bad)));
        }

        Assert.Equal(before, await SnapshotAsync(database));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task DefaultDataset_OnEmptyDatabase_LoadsAreasAndThePlanOnce(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            Assert.True(await DefaultDataset.LoadIfEmptyAsync(db, Clock, RepositoryFiles.Data));
        }

        await using (var db = database.NewContext())
        {
            Assert.False(await DefaultDataset.LoadIfEmptyAsync(db, Clock, RepositoryFiles.Data));
        }

        await using var check = database.NewContext();
        Assert.Equal(["stockport-2023-24"], await check.Plans.Select(p => p.Id).ToListAsync());
        Assert.Equal(21, await check.Areas.CountAsync(a => a.WardSetId == "stockport-2023"));
        Assert.Equal(10, await check.Areas.CountAsync(a => a.Type == AreaType.Council && a.ParentCode == "E47000001"));
    }

    private static async Task<List<(int Id, string Key, string? Title, int? ParentId)>> ElementRowsAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return (await db.PlanElements.OrderBy(e => e.Id).Select(e => new { e.Id, e.Key, e.Title, e.ParentId }).ToListAsync())
            .Select(e => (e.Id, e.Key, e.Title, e.ParentId)).ToList();
    }

    /// <summary>Everything the import writes, as text, to compare before and after.</summary>
    private static async Task<string> SnapshotAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var plans = await db.Plans.OrderBy(p => p.Id).Select(p => p.Id + "|" + p.FileHash + "|" + p.Title).ToListAsync();
        var loadedAt = await db.Plans.OrderBy(p => p.Id).Select(p => p.LoadedAt).ToListAsync();
        var elements = await db.PlanElements.OrderBy(e => e.Id).Select(e => e.Id + "|" + e.Key + "|" + e.Title + "|" + e.ParentId + "|" + e.Text).ToListAsync();
        var links = await db.PlanLinks.OrderBy(l => l.Id).Select(l => l.Id + "|" + l.FromId + "|" + l.ToId).ToListAsync();
        return string.Join('\n', plans.Concat(loadedAt.Select(t => t.ToString("O", System.Globalization.CultureInfo.InvariantCulture))).Concat(elements).Concat(links));
    }
}
