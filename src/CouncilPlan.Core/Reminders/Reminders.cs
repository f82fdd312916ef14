using Microsoft.Extensions.Configuration;

namespace CouncilPlan.Core.Reminders;

public enum ReminderKind
{
    /// <summary>Sent a few working days before a quarter's updates are due.</summary>
    Reminder,

    /// <summary>Sent once the due date has passed with updates still to do.</summary>
    Overdue,
}

/// <summary>
/// An email sent about a quarter's updates: one of each kind a person a quarter at most, so a run
/// that is repeated, or started again after a restart, sends nothing twice.
/// </summary>
public sealed class ReminderSent
{
    public long Id { get; set; }

    public int ReportingPeriodId { get; set; }

    public required string UserId { get; set; }

    public ReminderKind Kind { get; set; }

    /// <summary>The address it went to, as it was then: an account's address may change later.</summary>
    public required string SentTo { get; set; }

    /// <summary>How many updates it listed.</summary>
    public int Items { get; set; }

    public DateTimeOffset SentAt { get; set; }
}

/// <summary>When reminders go, and whether they can (<c>Reminders:*</c>, <c>Site:BaseUrl</c> and <c>Email:Smtp:*</c>, docs/reminders.md).</summary>
public sealed record ReminderSettings
{
    public bool Enabled { get; init; } = true;

    /// <summary>How many working days before the due date owners are reminded.</summary>
    public int WorkingDaysBefore { get; init; } = 5;

    /// <summary>The time of day (UTC) of the daily run.</summary>
    public TimeOnly RunAtUtc { get; init; } = new(7, 0);

    /// <summary>How long after start the web app first runs, so a short-lived host (a test, a one-off container) sends nothing.</summary>
    public TimeSpan FirstRunAfter { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The workspace's public address, for the links in the emails.</summary>
    public Uri? SiteBaseUrl { get; init; }

    public SmtpSettings Smtp { get; init; } = new();

    /// <summary>GOV.UK Notify, used instead of <see cref="Smtp"/> when it is configured.</summary>
    public NotifySettings Notify { get; init; } = new();

    /// <summary>Why reminders are off, in words for the overdue page and the logs; null when they are on.</summary>
    public string? OffBecause =>
        !Enabled ? "Reminders:Enabled is false"
        : !Smtp.IsConfigured && !Notify.IsConfigured ? "no email is configured (Email:Smtp:Host and Email:Smtp:From, or Email:Notify:ApiKey and Email:Notify:TemplateId)"
        : SiteBaseUrl is null ? "the site's address is not set (Site:BaseUrl), so emails could not link to the workspace"
        : null;

    public static ReminderSettings FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection("Reminders");
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var days = section["WorkingDaysBefore"];
        var runAt = section["RunAtUtc"];
        var first = section["FirstRunAfter"];
        var site = configuration["Site:BaseUrl"];
        return new ReminderSettings
        {
            Enabled = !string.Equals(section["Enabled"]?.Trim(), "false", StringComparison.OrdinalIgnoreCase),
            WorkingDaysBefore = string.IsNullOrWhiteSpace(days) ? 5
                : int.TryParse(days, invariant, out var d) && d is >= 0 and <= 60 ? d
                : throw new InvalidOperationException($"Reminders:WorkingDaysBefore must be a whole number of days from 0 to 60, not '{days}'"),
            RunAtUtc = string.IsNullOrWhiteSpace(runAt) ? new TimeOnly(7, 0)
                : TimeOnly.TryParseExact(runAt.Trim(), "HH:mm", invariant, System.Globalization.DateTimeStyles.None, out var t) ? t
                : throw new InvalidOperationException($"Reminders:RunAtUtc must be a time like 07:00, not '{runAt}'"),
            FirstRunAfter = string.IsNullOrWhiteSpace(first) ? TimeSpan.FromMinutes(15)
                : TimeSpan.TryParse(first, invariant, out var f) && f >= TimeSpan.Zero ? f
                : throw new InvalidOperationException($"Reminders:FirstRunAfter must be a time span like 00:15:00, not '{first}'"),
            SiteBaseUrl = string.IsNullOrWhiteSpace(site) ? null
                : Uri.TryCreate(site.Trim(), UriKind.Absolute, out var url) && url.Scheme is "https" or "http" ? url
                : throw new InvalidOperationException($"Site:BaseUrl must be the site's address like https://plan.council.gov.uk, not '{site}'"),
            Smtp = SmtpSettings.FromConfiguration(configuration),
            Notify = NotifySettings.FromConfiguration(configuration),
        };
    }

    /// <summary>GOV.UK Notify when it is configured, else the mail server.</summary>
    public IEmailSender EmailSender() => Notify.IsConfigured ? new NotifyEmailSender(Notify) : new SmtpEmailSender(Smtp);
}
