using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Users;
using CouncilPlan.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace CouncilPlan.Web.Tests.Staff.Security;

/// <summary>The web app over HTTPS on a fresh real database, for signing in as a browser would.</summary>
public abstract class StaffSite(DatabaseProvider provider) : IAsyncLifetime
{
    public static readonly Uri Base = new("https://localhost");

    private TestDatabase? database;

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public TestDatabase Database => database!;

    public async Task InitializeAsync()
    {
        database = await CreateDatabaseAsync(provider);
        Factory = Configure(new WebApplicationFactory<Program>(), database, Settings());
    }

    /// <summary>The database the site runs on: the default dataset unless a site of another council's says otherwise.</summary>
    protected virtual Task<TestDatabase> CreateDatabaseAsync(DatabaseProvider databaseProvider) => TestDatabase.CreateAsync(databaseProvider, seeded: true);

    /// <summary>Settings over the defaults of <see cref="Configure"/>.</summary>
    /// <remarks>
    /// The test server gives every request the same (no) client address, so the throttle by address
    /// is out of the way here; SignInThrottleTests gives each client its own address.
    /// </remarks>
    protected virtual Dictionary<string, string?> Settings() => new()
    {
        ["Security:SignInAttemptsPerMinute"] = "1000",
        ["Security:SignInThrottle:AddressFailures"] = "1000",
    };

    /// <summary>The app on <paramref name="database"/> with extra settings.</summary>
    public static WebApplicationFactory<Program> Configure(WebApplicationFactory<Program> factory, TestDatabase database, IDictionary<string, string?> settings) =>
        factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Database:Provider", database.Provider.ToString());
            builder.UseSetting("ConnectionStrings:CouncilPlan", database.Settings.ConnectionString);
            builder.UseSetting(DatasetSettings.FolderKey, RepositoryFiles.Data);
            builder.UseSetting("PublicData:PollSeconds", "0.2");
            // Never fetch from the publishers in tests: a test that wants the schedule sets it.
            builder.UseSetting("Sources:RefreshEvery", "off");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.UseEnvironment("Production");
        });

    public async Task DisposeAsync()
    {
        // Either may be missing when setting up failed (no PostgreSQL server): the failure to report is that one.
        if (Factory is not null)
        {
            await Factory.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    public Browser NewBrowser() => new(Factory);

    /// <summary>Adds a user as the command line does, then (unless asked not to) gives them their own password.</summary>
    public async Task<(string Email, string Password)> AddUserAsync(string role, bool ownPassword = true, string? email = null, string? portfolio = null)
    {
        email ??= $"user-{Guid.NewGuid():N}@example.gov.uk";
        await using var scope = Factory.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        var password = await accounts.CreateAsync(new NewStaffUser(email, role, "Test User", PortfolioKey: portfolio));
        if (!ownPassword)
        {
            return (email, password);
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        const string own = "copper meadow violin";
        Assert.True((await users.ChangePasswordAsync(user, password, own)).Succeeded);
        user.MustChangePassword = false;
        Assert.True((await users.UpdateAsync(user)).Succeeded);
        return (email, own);
    }

    /// <summary>
    /// A browser signed in as a new user with <paramref name="role"/>. An administrator sets up an
    /// authenticator on the way, as the workspace makes them, so the session counts as a second factor.
    /// </summary>
    public async Task<(Browser Browser, string Email)> SignedInAsync(string role, string? email = null, string? portfolio = null)
    {
        (email, var password) = await AddUserAsync(role, email: email, portfolio: portfolio);
        var browser = NewBrowser();
        using (var signIn = await browser.SignInAsync(email, password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        if (role == Roles.Administrator)
        {
            const string setUpPath = "/staff/account/set-up-authenticator";
            var setUp = await browser.PageAsync(setUpPath);
            var key = Totp.Base32(setUp.GetElementById("authenticator-key")!.TextContent);
            using var enabled = await browser.SubmitAsync(setUp, setUpPath, new Dictionary<string, string> { ["Code"] = Totp.Code(key, Totp.Step()) });
            Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        }

        return (browser, email);
    }

    public async Task<T> WithUsersAsync<T>(Func<UserManager<StaffUser>, Task<T>> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>());
    }
}

public sealed class StaffSqliteSite() : StaffSite(DatabaseProvider.Sqlite);

public sealed class StaffPostgresSite() : StaffSite(DatabaseProvider.Postgres);

/// <summary>A client with its own cookies, that does not follow redirects, filling in forms the way a person would.</summary>
public sealed class Browser : IDisposable
{
    public const string SessionCookie = "__Host-councilplan";

    public Browser(WebApplicationFactory<Program> factory)
    {
        Cookies = new CookieContainer();
        Client = factory.CreateDefaultClient(StaffSite.Base, new CookieContainerHandler(Cookies));
    }

    public CookieContainer Cookies { get; }

    public HttpClient Client { get; }

    public string? Session => Cookies.GetCookies(StaffSite.Base)[SessionCookie]?.Value;

    public string CookieHeader => Cookies.GetCookieHeader(StaffSite.Base);

    public Task<HttpResponseMessage> GetAsync(string path) => Client.GetAsync(path);

    public async Task<IHtmlDocument> PageAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode} {response.Headers.Location}");
        return await ParseAsync(response);
    }

    /// <summary>Opens <paramref name="path"/>, fills in its form in the main content with <paramref name="fields"/> and sends it.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string path, IDictionary<string, string> fields, string form = "main form[method=post]")
    {
        var page = await PageAsync(path);
        return await SubmitAsync(page, path, fields, form);
    }

    public async Task<HttpResponseMessage> SubmitAsync(IHtmlDocument page, string path, IDictionary<string, string> fields, string form = "main form[method=post]")
    {
        var (action, values) = Form(page, path, form, fields);
        using var content = new FormUrlEncodedContent(values);
        return await Client.PostAsync(action, content);
    }

    /// <summary>Sends a form with a file input as a browser does: multipart, the file with its name and type.</summary>
    public async Task<HttpResponseMessage> UploadAsync(IHtmlDocument page, string path, IDictionary<string, string> fields, string fileField, string fileName, byte[] file, string contentType = "text/csv", string form = "main form[enctype='multipart/form-data']")
    {
        var (action, values) = Form(page, path, form, fields);
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in values)
        {
            content.Add(new StringContent(value), name);
        }

        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        content.Add(part, fileField, fileName);
        return await Client.PostAsync(action, content);
    }

    /// <summary>
    /// Where a form posts to and what it sends: the form's own values as they stand (the antiforgery
    /// token among them), with <paramref name="fields"/> in place of any of the same name.
    /// </summary>
    private static (string Action, List<KeyValuePair<string, string>> Values) Form(IHtmlDocument page, string path, string form, IDictionary<string, string> fields)
    {
        var element = page.QuerySelector(form) ?? throw new InvalidOperationException($"{path} has no {form}");
        var values = FormValues(element).Where(v => !fields.ContainsKey(v.Key)).ToList();
        values.AddRange(fields);
        var action = element.GetAttribute("action");
        return (string.IsNullOrEmpty(action) ? path : action, values);
    }

    /// <summary>What a browser sends for a form as it stands, before any button is pressed: filled-in fields, ticked boxes, chosen options.</summary>
    public static IEnumerable<KeyValuePair<string, string>> FormValues(AngleSharp.Dom.IElement form)
    {
        foreach (var field in form.QuerySelectorAll("input[name], textarea[name], select[name]"))
        {
            var name = field.GetAttribute("name")!;
            switch (field)
            {
                case IHtmlInputElement { Type: "submit" or "button" or "file" or "image" or "reset" }:
                    break;
                case IHtmlInputElement { Type: "checkbox" or "radio" } box:
                    if (box.HasAttribute("checked"))
                    {
                        yield return KeyValuePair.Create(name, box.GetAttribute("value") ?? "on");
                    }

                    break;
                case IHtmlInputElement input:
                    yield return KeyValuePair.Create(name, input.GetAttribute("value") ?? "");
                    break;
                case IHtmlTextAreaElement area:
                    yield return KeyValuePair.Create(name, area.TextContent);
                    break;
                case IHtmlSelectElement select:
                    var chosen = select.QuerySelectorAll("option").LastOrDefault(o => o.HasAttribute("selected")) ?? select.QuerySelector("option");
                    if (chosen is not null)
                    {
                        yield return KeyValuePair.Create(name, chosen.GetAttribute("value") ?? chosen.TextContent);
                    }

                    break;
            }
        }
    }

    public async Task<HttpResponseMessage> SignInAsync(string email, string password) =>
        await SubmitAsync("/staff/account/sign-in", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    public void Dispose() => Client.Dispose();
}
