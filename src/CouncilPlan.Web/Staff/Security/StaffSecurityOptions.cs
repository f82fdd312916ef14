namespace CouncilPlan.Web.Staff.Security;

/// <summary>The settings of the staff workspace's sessions and sign-in, from the "Security" section.</summary>
public sealed class StaffSecurityOptions
{
    public const string Section = "Security";

    /// <summary>Minutes without a request after which the session ends (ASVS 7.3.1).</summary>
    public int SessionTimeoutMinutes { get; set; } = 20;

    /// <summary>How long before the end of a session the page warns that it is ending (WCAG 2.2.1).</summary>
    public int SessionWarningMinutes { get; set; } = 2;

    /// <summary>Hours after signing in when the session ends whatever the activity (ASVS 7.3.2).</summary>
    public int AbsoluteSessionHours { get; set; } = 12;

    /// <summary>Sign-in attempts (password, code or recovery code) accepted from one address in a minute.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    public TimeSpan SessionTimeout => TimeSpan.FromMinutes(SessionTimeoutMinutes);

    public TimeSpan SessionWarning => TimeSpan.FromMinutes(SessionWarningMinutes);

    public TimeSpan AbsoluteSession => TimeSpan.FromHours(AbsoluteSessionHours);
}

/// <summary>
/// Optional sign-in with the council's own identity provider (for example Microsoft Entra ID),
/// switched on by setting Authentication:OpenIdConnect:Authority and ClientId (and ClientSecret
/// for a confidential client).
/// </summary>
public sealed class OrganisationSignInOptions
{
    public const string Section = "Authentication:OpenIdConnect";

    public const string Scheme = "oidc";

    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The words on the button.</summary>
    public string DisplayName { get; set; } = "Sign in with your organisation account";

    /// <summary>
    /// Treat the email claim as verified without an email_verified (or Entra's xms_edov) claim:
    /// only for a single-tenant provider whose email addresses the council itself issues.
    /// </summary>
    public bool AssumeEmailVerified { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}
