using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Users;
using CouncilPlan.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CouncilPlan.Browser.Tests;

/// <summary>
/// The app as the staff meet it: production settings, so the session cookies carry the __Host-
/// prefix and the Secure flag, served over HTTPS by Kestrel on 127.0.0.1 with a certificate made
/// for this run, on its own SQLite database with the default dataset. Its own database keeps the
/// figures the staff tests publish away from the public pages the other browser tests check.
/// </summary>
public sealed class StaffBrowserSite : IAsyncLifetime
{
    private TestDatabase? database;
    private WebApplicationFactory<Program>? factory;
    private X509Certificate2? certificate;

    /// <summary>Where the app answers, such as https://127.0.0.1:40123 (no trailing slash).</summary>
    public string Origin { get; private set; } = "";

    public TestDatabase Database => database!;

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(BrowserSite.ActionTimeout);
        certificate = SelfSignedCertificate();
        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, seeded: true);
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Database:Provider", nameof(DatabaseProvider.Sqlite));
            builder.UseSetting("ConnectionStrings:CouncilPlan", database.Settings.ConnectionString);
            builder.UseSetting(DatasetSettings.FolderKey, RepositoryFiles.Data);

            // Every sign-in here comes from 127.0.0.1; the limit per address has its own tests.
            builder.UseSetting("Security:SignInAttemptsPerMinute", "1000");
            builder.UseEnvironment("Production");
        });
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        factory.StartServer();
        Origin = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()?.TrimEnd('/')
            ?? throw new InvalidOperationException("Kestrel started but reported no address.");
    }

    /// <summary>Adds a user as the command line does and returns their one-time password.</summary>
    public async Task<string> AddUserAsync(string email, string role)
    {
        await using var scope = factory!.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync(new NewStaffUser(email, role, $"Test {role}"));
    }

    public async Task DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }

        certificate?.Dispose();
    }

    /// <summary>A certificate for 127.0.0.1 and localhost, good for a day; the browser contexts are told to accept it.</summary>
    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = TimeProvider.System.GetUtcNow();
        using var made = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        // Loaded again from PKCS#12 so that TLS on Linux can use the private key.
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pkcs12), null);
    }
}
