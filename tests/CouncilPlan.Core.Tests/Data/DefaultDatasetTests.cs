using CouncilPlan.Core.Areas;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Validation;
using CouncilPlan.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace CouncilPlan.Core.Tests.Data;

/// <summary>The dataset goes only into an empty database, never on top of a council's own data; once on SQLite and once on PostgreSQL.</summary>
public sealed class DefaultDatasetTests
{
    private static readonly TimeProvider Clock = TimeProvider.System;

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task LoadIfEmpty_AfterTheCouncilLoadedItsOwnAreas_LoadsNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var areas = PlanFixtures.WriteTemp(
            """
            format: councilplan/areas@1
            areas:
              - code: E07000093
                name: Test Valley
                type: council
            """,
            "areas.yaml");
        await using (var db = database.NewContext())
        {
            await new AreaImporter(db, Clock).ImportFileAsync(areas);
        }

        await using (var db = database.NewContext())
        {
            Assert.False(await DefaultDataset.LoadIfEmptyAsync(db, Clock, RepositoryFiles.Data));
        }

        await using var check = database.NewContext();
        Assert.Equal(0, await check.Plans.CountAsync());
        Assert.Equal(0, await check.Measures.CountAsync());
        Assert.Equal(["E07000093"], await check.Areas.Select(a => a.Code).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Prepare_WithNoDatasetFolder_MigratesAndLoadsNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        await using (var db = database.NewContext())
        {
            await DatabaseServices.PrepareAsync(db, Clock, DatasetSettings.Resolve("none", RepositoryFiles.Root));
        }

        await using var check = database.NewContext();
        Assert.True(await DefaultDataset.IsEmptyAsync(check));
        Assert.Empty(await check.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task LoadIfEmpty_FromAFolderThatDoesNotExist_SaysSoAndLoadsNothing()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var missing = Path.Combine(Path.GetTempPath(), "councilplan-tests", Guid.NewGuid().ToString("N"));

        await using var db = database.NewContext();
        var error = await Assert.ThrowsAsync<InvalidInputException>(() => DefaultDataset.LoadIfEmptyAsync(db, Clock, missing));

        Assert.Equal($"{missing}: the dataset folder does not exist: set Dataset:Folder to a folder holding areas.yaml and a folder per plan, or to none", Assert.Single(error.Errors).ToString());
        Assert.True(await DefaultDataset.IsEmptyAsync(db));
    }

    [Theory]
    [InlineData(null, "default")]
    [InlineData("", "none")]
    [InlineData("  ", "none")]
    [InlineData("none", "none")]
    [InlineData("None", "none")]
    [InlineData("councils/test-valley", "/work/councils/test-valley")]
    [InlineData("/srv/data", "/srv/data")]
    public void Folder_FromTheSetting(string? setting, string expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(setting is null ? [] : [new(DatasetSettings.FolderKey, setting)])
            .Build();

        var folder = DatasetSettings.Folder(configuration, "/work");

        Assert.Equal(
            expected switch
            {
                "default" => DefaultDataset.DefaultFolder,
                "none" => null,
                _ => expected,
            },
            folder);
    }
}
