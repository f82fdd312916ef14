using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using CouncilPlan.Core.Data;
using CouncilPlan.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CouncilPlan.Web.Tests;

/// <summary>The web app on a fresh real database, started the way it starts in production:
/// migrations applied and the default dataset loaded on first start.</summary>
public abstract class SiteFixture(DatabaseProvider provider, string? dataset = null) : IAsyncLifetime
{
    private TestDatabase? database;

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public TestDatabase Database => database!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(provider, migrate: false);
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Database:Provider", provider.ToString());
            builder.UseSetting("ConnectionStrings:CouncilPlan", database.Settings.ConnectionString);
            builder.UseSetting(DatasetSettings.FolderKey, dataset ?? RepositoryFiles.Data);
            builder.UseSetting("PublicData:PollSeconds", "0.2");
            // Never fetch from the publishers in tests: a test that wants the schedule sets it.
            builder.UseSetting("Sources:RefreshEvery", "off");
            builder.UseEnvironment("Production");

            // Judgements such as "out of date" depend on the day: public pages are tested as at one day.
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new ShiftedClock(ShiftedClock.DatasetDay)));
        });
        Client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await database!.DisposeAsync();
    }

    public async Task<IHtmlDocument> GetPageAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}");
        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
}

public sealed class SqliteSite() : SiteFixture(DatabaseProvider.Sqlite);

public sealed class PostgresSite() : SiteFixture(DatabaseProvider.Postgres);

/// <summary>A site of its own for tests that change data, so they cannot disturb the others.</summary>
public sealed class ChangingSqliteSite() : SiteFixture(DatabaseProvider.Sqlite);

/// <summary>A PostgreSQL site of its own for tests that change data.</summary>
public sealed class ChangingPostgresSite() : SiteFixture(DatabaseProvider.Postgres);

/// <summary>The site for another council: an invented district's plan of another shape, and none of Stockport's data.</summary>
public sealed class EastmoorSite() : SiteFixture(DatabaseProvider.Sqlite, RepositoryFiles.Eastmoor);
