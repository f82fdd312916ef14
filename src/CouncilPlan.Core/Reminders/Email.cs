using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using MimeKit;

namespace CouncilPlan.Core.Reminders;

/// <summary>An email to one person, in plain text.</summary>
public sealed record EmailMessage(string To, string ToName, string Subject, string Body);

/// <summary>Sends email. Throws when the message was not accepted, so the caller records nothing and tries again later.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}

/// <summary>How the mail server is reached (<c>Email:Smtp:*</c>, docs/reminders.md).</summary>
public sealed record SmtpSettings
{
    public string? Host { get; init; }

    public int Port { get; init; } = 587;

    public string? UserName { get; init; }

    public string? Password { get; init; }

    /// <summary>The sender, "Performance team &lt;performance@council.gov.uk&gt;" or just the address.</summary>
    public string? From { get; init; }

    /// <summary>StartTls (the default: refuse a server that cannot), SslOnConnect (port 465), or None (a relay on the same host only).</summary>
    public SecureSocketOptions Security { get; init; } = SecureSocketOptions.StartTls;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(From);

    public static SmtpSettings FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection("Email:Smtp");
        var port = section["Port"];
        var security = section["Security"];
        return new SmtpSettings
        {
            Host = Blank(section["Host"]),
            Port = string.IsNullOrWhiteSpace(port) ? 587 : int.TryParse(port, System.Globalization.CultureInfo.InvariantCulture, out var p) && p is > 0 and < 65536
                ? p
                : throw new InvalidOperationException($"Email:Smtp:Port must be a port number, not '{port}'"),
            UserName = Blank(section["UserName"]),
            Password = Blank(section["Password"]),
            From = Blank(section["From"]),
            Security = string.IsNullOrWhiteSpace(security) ? SecureSocketOptions.StartTls : security.Trim().ToUpperInvariant() switch
            {
                "STARTTLS" => SecureSocketOptions.StartTls,
                "SSLONCONNECT" => SecureSocketOptions.SslOnConnect,
                "NONE" => SecureSocketOptions.None,
                _ => throw new InvalidOperationException($"Email:Smtp:Security must be StartTls, SslOnConnect or None, not '{security}'"),
            },
        };
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>Sends through an SMTP server with MailKit, one connection a message: a run sends a few dozen at most.</summary>
public sealed class SmtpEmailSender(SmtpSettings settings) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        if (settings is not { Host: { } host, From: { } from })
        {
            throw new InvalidOperationException("no mail server is configured (Email:Smtp:Host and Email:Smtp:From)");
        }

        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(from));
        mime.To.Add(new MailboxAddress(message.ToName, message.To));
        mime.Subject = message.Subject;
        mime.Body = new TextPart("plain") { Text = message.Body };

        using var client = new SmtpClient { Timeout = 30_000 };
        await client.ConnectAsync(host, settings.Port, settings.Security, cancellationToken);
        if (settings.UserName is { } user)
        {
            await client.AuthenticateAsync(user, settings.Password ?? "", cancellationToken);
        }

        await client.SendAsync(mime, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}

/// <summary>
/// GOV.UK Notify instead of a mail server (<c>Email:Notify:*</c>, docs/reminders.md): one email
/// template whose subject is <c>((subject))</c> and whose message is <c>((body))</c>, so the words
/// stay in CouncilPlan and are the same whichever way the email goes.
/// </summary>
public sealed record NotifySettings
{
    public string? ApiKey { get; init; }

    public string? TemplateId { get; init; }

    /// <summary>Notify's API address; only the tests, with a stand-in on 127.0.0.1, set another.</summary>
    public Uri? BaseUrl { get; init; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApiKey) && !string.IsNullOrWhiteSpace(TemplateId);

    public static NotifySettings FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection("Email:Notify");
        var url = section["BaseUrl"];
        return new NotifySettings
        {
            ApiKey = string.IsNullOrWhiteSpace(section["ApiKey"]) ? null : section["ApiKey"]!.Trim(),
            TemplateId = string.IsNullOrWhiteSpace(section["TemplateId"]) ? null : section["TemplateId"]!.Trim(),
            BaseUrl = string.IsNullOrWhiteSpace(url) ? null
                : Uri.TryCreate(url.Trim(), UriKind.Absolute, out var u) ? u
                : throw new InvalidOperationException($"Email:Notify:BaseUrl must be an address, not '{url}'"),
        };
    }
}

/// <summary>Sends through GOV.UK Notify with its official client.</summary>
public sealed class NotifyEmailSender(NotifySettings settings) : IEmailSender
{
    private readonly Lazy<Notify.Client.NotificationClient> client = new(() =>
        settings is { ApiKey: { } key }
            ? settings.BaseUrl is { } url ? new Notify.Client.NotificationClient(url.ToString(), key) : new Notify.Client.NotificationClient(key)
            : throw new InvalidOperationException("GOV.UK Notify is not configured (Email:Notify:ApiKey and Email:Notify:TemplateId)"));

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        // The client takes no cancellation token: a run stops between emails instead.
        cancellationToken.ThrowIfCancellationRequested();
        await client.Value.SendEmailAsync(
            message.To,
            settings.TemplateId ?? throw new InvalidOperationException("Email:Notify:TemplateId is not set"),
            new Dictionary<string, dynamic> { ["subject"] = message.Subject, ["body"] = message.Body });
    }
}
