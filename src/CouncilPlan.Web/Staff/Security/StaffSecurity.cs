using System.Globalization;
using System.Threading.RateLimiting;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace CouncilPlan.Web.Staff.Security;

/// <summary>The door and the locks of the staff workspace: sign-in, sessions, second factors and the headers and limits around them.</summary>
public static class StaffSecurity
{
    public const string ApplicationName = "CouncilPlan";

    public const string SessionCookie = "__Host-councilplan";

    public const string SignInRateLimit = "sign-in";

    /// <summary>When this session was signed in, kept in the cookie's properties for the absolute time limit.</summary>
    public const string SignedInAtKey = "councilplan.signed-in-at";

    /// <summary>The account pages that people who are not signed in must reach.</summary>
    private static readonly string[] AnonymousPages =
        ["/Staff/Account/SignIn", "/Staff/Account/TwoFactor", "/Staff/Account/RecoveryCode", "/Staff/Account/ExternalSignIn", "/Staff/Account/SignOut", "/Staff/Account/AccessDenied"];

    public static WebApplicationBuilder AddStaffSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.Configure<StaffSecurityOptions>(configuration.GetSection(StaffSecurityOptions.Section));
        var security = configuration.GetSection(StaffSecurityOptions.Section).Get<StaffSecurityOptions>() ?? new StaffSecurityOptions();
        var development = builder.Environment.IsDevelopment();
        void Harden(CookieBuilder cookie, string name, SameSiteMode sameSite) => HardenCookie(cookie, name, sameSite, development);

        services.AddIdentity<StaffUser, IdentityRole>(StaffIdentity.Configure)
            .AddEntityFrameworkStores<CouncilPlanDb>()
            .AddDefaultTokenProviders()
            .AddStaffRules()
            .AddClaimsPrincipalFactory<StaffClaimsPrincipalFactory>()
            .AddTokenProvider<OneTimeCodeProvider>(TokenOptions.DefaultAuthenticatorProvider);
        services.AddScoped<StaffAccounts>();
        services.Configure<SignInThrottleOptions>(configuration.GetSection(SignInThrottleOptions.Section));
        services.AddScoped<SignInThrottle>();
        services.AddHostedService<StaffRolesAtStart>();

        // The stamp is checked on every request, so a sign-out, a password change or a copied
        // cookie of an ended session stops working at once (ASVS 7.4.1).
        services.Configure<SecurityStampValidatorOptions>(options =>
        {
            options.ValidationInterval = TimeSpan.Zero;
            options.OnRefreshingPrincipal = context =>
            {
                if (context.CurrentPrincipal is { } current && context.NewPrincipal?.Identities.FirstOrDefault() is { } identity)
                {
                    identity.AddClaims(current.Factors());
                }

                return Task.CompletedTask;
            };
        });

        services.ConfigureApplicationCookie(options =>
        {
            Harden(options.Cookie, SessionCookie, SameSiteMode.Strict);
            options.ExpireTimeSpan = security.SessionTimeout;
            options.SlidingExpiration = true;
            options.LoginPath = StaffPaths.SignIn;
            options.LogoutPath = StaffPaths.SignOut;
            options.AccessDeniedPath = StaffPaths.AccessDenied;
            options.ReturnUrlParameter = "returnUrl";
            var validateStamp = options.Events.OnValidatePrincipal;
            options.Events.OnSigningIn = context =>
            {
                context.Properties.IsPersistent = false;
                context.Properties.Items.TryAdd(SignedInAtKey, context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
                return Task.CompletedTask;
            };
            options.Events.OnValidatePrincipal = async context =>
            {
                var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                if (!context.Properties.Items.TryGetValue(SignedInAtKey, out var at)
                    || !DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var signedInAt)
                    || now - signedInAt > security.AbsoluteSession)
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }

                await validateStamp(context);
            };
        });

        // The cookies that carry a sign-in between steps (after the password, before the code; back
        // from the organisation's provider) are Lax: the provider's redirect back is cross-site,
        // and a Strict cookie would not come with it. They last minutes and grant nothing alone.
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o => Harden(o.Cookie, "__Host-councilplan-2fa", SameSiteMode.Lax));
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.ExternalScheme, o => Harden(o.Cookie, "__Host-councilplan-external", SameSiteMode.Lax));
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, o => Harden(o.Cookie, "__Host-councilplan-device", SameSiteMode.Strict));
        services.AddAntiforgery(options => Harden(options.Cookie, "__Host-councilplan-antiforgery", SameSiteMode.Strict));

        AddOrganisationSignIn(services, configuration);

        services.AddAuthorization(StaffPolicies.Add);
        services.Configure<RazorPagesOptions>(options =>
        {
            options.Conventions.AuthorizeFolder("/Staff", StaffPolicies.Staff);
            foreach (var page in AnonymousPages)
            {
                options.Conventions.AllowAnonymousToPage(page);
            }
        });

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            options.AddPolicy(SignInRateLimit, context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("read");
                }

                var limit = context.RequestServices.GetRequiredService<IOptions<StaffSecurityOptions>>().Value.SignInAttemptsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limit,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
        });

        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });
        services.AddTransient<IStartupFilter, HstsFirst>();
        services.Configure<OutputCacheOptions>(options => options.AddBasePolicy(new StaffResponsesNotCached()));

        // Keys in the database, so that every instance can read the others' cookies and tokens.
        services.AddDataProtection()
            .PersistKeysToDbContext<CouncilPlanDb>()
            .SetApplicationName(ApplicationName);
        return builder;
    }

    /// <summary>After UseRouting (the rate limit and policies are endpoint metadata) and before UseOutputCache (which must see who is signed in).</summary>
    public static WebApplication UseStaffSecurity(this WebApplication app)
    {
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<WorkspaceGate>();
        app.UseAuthorization();
        return app;
    }

    private static void HardenCookie(CookieBuilder cookie, string name, SameSiteMode sameSite, bool development)
    {
        // The __Host- prefix makes browsers refuse the cookie unless it is Secure, has Path=/ and no
        // Domain. Only `dotnet run` in Development serves plain http://localhost (where antiforgery
        // refuses to issue a Secure cookie), so there alone the cookies follow the request's scheme
        // and drop the prefix; everywhere else they are always Secure.
        cookie.Name = development ? name.Replace("__Host-", "", StringComparison.Ordinal) : name;
        cookie.Path = "/";
        cookie.Domain = null;
        cookie.HttpOnly = true;
        cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        cookie.SameSite = sameSite;
        cookie.IsEssential = true;
    }

    private static void AddOrganisationSignIn(IServiceCollection services, ConfigurationManager configuration)
    {
        var settings = configuration.GetSection(OrganisationSignInOptions.Section).Get<OrganisationSignInOptions>() ?? new OrganisationSignInOptions();
        services.Configure<OrganisationSignInOptions>(configuration.GetSection(OrganisationSignInOptions.Section));
        if (!settings.IsConfigured)
        {
            return;
        }

        services.AddAuthentication().AddOpenIdConnect(OrganisationSignInOptions.Scheme, settings.DisplayName, options =>
        {
            options.Authority = settings.Authority;
            options.ClientId = settings.ClientId;
            options.ClientSecret = string.IsNullOrWhiteSpace(settings.ClientSecret) ? null : settings.ClientSecret;
            options.ResponseType = "code";
            options.UsePkce = true;
            options.Scope.Clear();
            options.Scope.Add("openid");
            options.Scope.Add("profile");
            options.Scope.Add("email");
            options.SignInScheme = IdentityConstants.ExternalScheme;
            options.CallbackPath = "/signin-oidc";
            options.SaveTokens = false;
            options.RequireHttpsMetadata = true;
            options.TokenValidationParameters.NameClaimType = "name";
        });
    }
}
