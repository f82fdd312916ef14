using CouncilPlan.Core.Data;
using CouncilPlan.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Web.Tests;

/// <summary>The web app reads Dataset:Folder at start: `none` gives a council an empty instance, with no Stockport data in it.</summary>
public sealed class DatasetFolderTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Start_WithDatasetFolderNone_MigratesAndLoadsNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Database:Provider", provider.ToString());
            builder.UseSetting("ConnectionStrings:CouncilPlan", database.Settings.ConnectionString);
            builder.UseSetting(DatasetSettings.FolderKey, "none");
            builder.UseEnvironment("Production");
        });

        using var client = factory.CreateClient();
        using var live = await client.GetAsync("/health/live");

        Assert.True(live.IsSuccessStatusCode);
        await using var db = database.NewContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.True(await DefaultDataset.IsEmptyAsync(db));
    }
}
