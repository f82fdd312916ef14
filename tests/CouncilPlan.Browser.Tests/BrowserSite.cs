using System.Net;
using System.Xml.Linq;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Reports;
using CouncilPlan.Testing;
using CouncilPlan.Web.PublicData;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CouncilPlan.Browser.Tests;

/// <summary>
/// The web app on a fresh SQLite database (migrations applied and the default dataset loaded, as in
/// production), served by Kestrel on a real port of 127.0.0.1, and one headless Debian Chromium
/// driven by Playwright. Shared by every browser test class: the app and the browser start once.
/// </summary>
public sealed class BrowserSite : IAsyncLifetime
{
    /// <summary>Debian's Chromium. Playwright's own browser download cannot work here, so it is never used.</summary>
    public const string DefaultChromium = "/usr/bin/chromium";

    /// <summary>Points the tests at another Chromium or Chrome, for a developer machine without Debian's.</summary>
    public const string ChromiumVariable = "COUNCILPLAN_TEST_CHROMIUM";

    public const int DesktopWidth = 1280;

    public const int NarrowWidth = 320;

    private static readonly string[] ChromiumArguments =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private TestDatabase? database;
    private WebApplicationFactory<Program>? factory;
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the app answers, such as http://127.0.0.1:40123 (no trailing slash).</summary>
    public string Origin { get; private set; } = "";

    /// <summary>Every page that sitemap.xml lists, as paths ("/", "/ambitions", ...), in its order.</summary>
    public IReadOnlyList<string> SitemapPages { get; private set; } = [];

    /// <summary>
    /// The folder the screenshots (and the printed PDF) are written to, for a person to look at:
    /// tests/CouncilPlan.Browser.Tests/TestResults/screenshots, which git ignores.
    /// </summary>
    public static string ScreenshotFolder { get; } = Path.Combine(RepositoryFiles.Root, "tests", "CouncilPlan.Browser.Tests", "TestResults", "screenshots");

    private string? measureWithFigures;

    /// <summary>How long an action, a navigation or an Expect assertion may wait before it is a hang.</summary>
    public const float ActionTimeout = 120_000;

    public async Task InitializeAsync()
    {
        // Fail first, and clearly, when there is no browser: nothing else is worth starting then.
        var chromium = Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } configured ? configured : DefaultChromium;
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"The browser tests need Chromium at {chromium}, which is missing. Install it with 'sudo apt-get install chromium' "
                + $"(./test.sh does this), or set {ChromiumVariable} to a Chromium or Chrome executable. Do not run 'playwright install'.");
        }

        // Expect's own default is 5 seconds, which a loaded two-core CI machine can overrun.
        Assertions.SetDefaultExpectTimeout(ActionTimeout);

        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false);
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Database:Provider", nameof(DatabaseProvider.Sqlite));
            builder.UseSetting("ConnectionStrings:CouncilPlan", database.Settings.ConnectionString);
            builder.UseSetting(DatasetSettings.FolderKey, RepositoryFiles.Data);
            builder.UseEnvironment("Production");
        });
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        Origin = addresses?.FirstOrDefault()?.TrimEnd('/')
            ?? throw new InvalidOperationException("Kestrel started but reported no address.");

        await PublishReportsAsync();

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumArguments,
        });

        SitemapPages = await ReadSitemapAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    /// <summary>
    /// The committee reports a performance team would table for 2023-24 Q2, frozen and published as
    /// they would be from the workspace: the portfolio with the most measures (Economy and
    /// Regeneration: the widest measures table) and the corporate report (the line per portfolio).
    /// They are then in the sitemap, so every page-wide check reads them too.
    /// </summary>
    private async Task PublishReportsAsync()
    {
        const string by = "performance@council.example";
        var cache = factory!.Services.GetRequiredService<PublicDataCache>();
        var before = (await cache.GetAsync()).Version;
        await using (var db = database!.NewContext())
        {
            Assert.True(ReportBuilder.TryParseQuarter("2023-24 Q2", out var quarter));
            var builder = new ReportBuilder(db, TimeProvider.System);
            var snapshots = new ReportSnapshots(db, TimeProvider.System);
            foreach (var target in new[] { await builder.FindAsync("economy-and-regeneration", quarter), await builder.CorporateAsync(quarter) })
            {
                var snapshot = await snapshots.FreezeAsync(by, target ?? throw new InvalidOperationException("The default dataset has no 2023-24 Q2 report to freeze"));
                await snapshots.SetPublishedAsync(by, snapshot.Id, published: true);
            }
        }

        // The portal serves from a cache that follows the data version; wait until it has moved on.
        for (var i = 0; i < 300 && (await cache.GetAsync()).Version == before; i++)
        {
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// A fresh browser context (its own cookies and settings) whose pages are the given number of CSS
    /// pixels wide; dispose it when done. Relative addresses go to the app, or to <paramref name="origin"/>.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(int width = DesktopWidth, bool javaScript = true, string? origin = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = origin ?? Origin,

            // Another origin is the staff site, over HTTPS with a certificate made for the test run.
            IgnoreHTTPSErrors = origin is not null,
            ViewportSize = new ViewportSize { Width = width, Height = width == NarrowWidth ? 640 : 900 },
            JavaScriptEnabled = javaScript,
            Locale = "en-GB",
            ReducedMotion = ReducedMotion.Reduce,
        });

        // CI runs every test assembly at once on two cores, where a first page load has taken longer
        // than Playwright's 30-second default; a wait that long is a hang, not a slow page.
        context.SetDefaultTimeout(ActionTimeout);
        context.SetDefaultNavigationTimeout(ActionTimeout);
        return context;
    }

    /// <summary>Goes to a page and insists it answered as expected, so no check runs on a failure page by mistake.</summary>
    public static async Task GoToAsync(IPage page, string path, int expectedStatus = 200)
    {
        var response = await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        Assert.True(response is not null, $"{path}: no response");
        Assert.True(response!.Status == expectedStatus, $"{path} answered {response.Status}, expected {expectedStatus}");
    }

    /// <summary>The first sitemap page whose path starts with the prefix, such as "/ambitions/".</summary>
    public string FirstPage(string prefix) =>
        SitemapPages.FirstOrDefault(p => p.StartsWith(prefix, StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"sitemap.xml lists no page under {prefix}");

    /// <summary>One page of each kind, named for the screenshots, with the status it answers with.</summary>
    public async Task<IReadOnlyList<PageType>> PageTypesAsync() =>
    [
        new("home", "/"),
        new("ambitions", "/ambitions"),
        new("ambition", FirstPage("/ambitions/")),
        new("themes", "/themes"),
        new("theme", FirstPage("/themes/")),
        new("programmes", "/programmes"),
        new("programme", FirstPage("/programmes/")),
        new("borough-plan", "/borough-plan"),
        new("portfolios", "/portfolios"),
        new("portfolio", FirstPage("/portfolios/")),
        new("measures", "/measures"),
        new("measure", await FirstMeasureWithFiguresAsync()),
        new("evidence", "/evidence"),
        new("about", "/about-the-plan"),
        new("report", FirstPage("/reports/")),
        new("accessibility", "/accessibility"),
        new("api-reference", "/open-data/api"),
        new("not-found", "/no-such-page", 404),
    ];

    /// <summary>The first measure page with published figures: a chart, and the figures in a table.</summary>
    public async Task<string> FirstMeasureWithFiguresAsync() => measureWithFigures ??= await FindMeasureWithFiguresAsync();

    private async Task<string> FindMeasureWithFiguresAsync()
    {
        var request = await playwright!.APIRequest.NewContextAsync(new APIRequestNewContextOptions { BaseURL = Origin });
        try
        {
            foreach (var path in SitemapPages.Where(p => p.StartsWith("/measures/", StringComparison.Ordinal)))
            {
                var html = await (await request.GetAsync(path)).TextAsync();
                if (html.Contains("class=\"councilplan-chart\"", StringComparison.Ordinal) && html.Contains("id=\"figures\"", StringComparison.Ordinal))
                {
                    return path;
                }
            }
        }
        finally
        {
            await request.DisposeAsync();
        }

        throw new InvalidOperationException("No measure page in sitemap.xml shows a chart and a table of figures");
    }

    private async Task<IReadOnlyList<string>> ReadSitemapAsync()
    {
        var request = await playwright!.APIRequest.NewContextAsync(new APIRequestNewContextOptions { BaseURL = Origin });
        try
        {
            var response = await request.GetAsync("/sitemap.xml");
            if (!response.Ok)
            {
                throw new InvalidOperationException($"/sitemap.xml answered {response.Status}");
            }

            XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
            var document = XDocument.Parse(await response.TextAsync());
            return document.Descendants(ns + "loc")
                .Select(loc => new Uri(loc.Value.Trim()))
                .Select(uri => uri.PathAndQuery)
                .ToList();
        }
        finally
        {
            await request.DisposeAsync();
        }
    }
}

/// <summary>A kind of page: a name for its screenshots, the page, and the status it answers with.</summary>
public sealed record PageType(string Name, string Path, int Status = 200);

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserSite>
{
    public const string Name = "Browser";
}
