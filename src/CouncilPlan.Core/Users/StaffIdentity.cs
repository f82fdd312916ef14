using CouncilPlan.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CouncilPlan.Core.Users;

/// <summary>
/// The rules for staff accounts, the same for the web app and the command line: passwords as the
/// NCSC and OWASP ASVS 5.0 level 2 ask (length over composition, a deny list, slow salted hashes),
/// and lockout after repeated wrong second-factor codes. The password step throttles instead of
/// locking (<see cref="SignInThrottle"/>).
/// </summary>
public static class StaffIdentity
{
    public const int MinimumPasswordLength = 12;

    /// <summary>Long enough for any passphrase or password manager (ASVS asks for at least 64).</summary>
    public const int MaximumPasswordLength = 128;

    /// <summary>PBKDF2-HMAC-SHA512 iterations: OWASP's figure for SHA-512 (ASVS 11.4.2).</summary>
    public const int HashIterations = 210_000;

    /// <summary>Wrong authenticator or recovery codes before the account is locked: only someone with the password gets that far.</summary>
    public const int MaxFailedSignIns = 5;

    public static readonly TimeSpan LockoutTime = TimeSpan.FromMinutes(15);

    public static void Configure(IdentityOptions options)
    {
        // Length, not composition: the NCSC and ASVS 6.2.5 advise against character-class rules.
        options.Password.RequiredLength = MinimumPasswordLength;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequiredUniqueChars = 1;

        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
        options.Lockout.DefaultLockoutTimeSpan = LockoutTime;

        options.User.RequireUniqueEmail = true;
        options.SignIn.RequireConfirmedAccount = false;
    }

    /// <summary>Identity's version 3 format is PBKDF2 with HMAC-SHA512, a 128-bit salt and a 256-bit key.</summary>
    public static void ConfigureHasher(PasswordHasherOptions options)
    {
        options.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
        options.IterationCount = HashIterations;
    }

    /// <summary>What both hosts add to Identity: the password rules, the wording of errors and the hasher settings.</summary>
    public static IdentityBuilder AddStaffRules(this IdentityBuilder builder)
    {
        builder.Services.Configure<PasswordHasherOptions>(ConfigureHasher);
        builder.Services.TryAddSingleton(sp => CommonPasswords.Load(sp.GetService<IConfiguration>()?[CommonPasswords.FileSetting]));
        return builder
            .AddUserStore<StaffUserStore>()
            .AddErrorDescriber<StaffIdentityErrors>()
            .AddPasswordValidator<StaffPasswordValidator>();
    }

    /// <summary>
    /// Identity without cookies, for the command line: a user manager and role manager on the
    /// given database context, with the same rules as the web app.
    /// </summary>
    public static ServiceProvider CreateServices(CouncilPlanDb db, IConfiguration configuration, TimeProvider clock)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddSingleton(clock);
        services.AddSingleton(db);
        services.AddIdentityCore<StaffUser>(Configure)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<CouncilPlanDb>()
            .AddStaffRules();
        services.AddScoped<StaffAccounts>();
        return services.BuildServiceProvider();
    }
}
