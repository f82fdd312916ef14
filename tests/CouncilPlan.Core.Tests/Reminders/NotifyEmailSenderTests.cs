using System.Net;
using System.Text;
using System.Text.Json;
using CouncilPlan.Core.Reminders;
using CouncilPlan.Testing;

namespace CouncilPlan.Core.Tests.Reminders;

/// <summary>
/// The GOV.UK Notify option through Notify's official client, against a stand-in for Notify's API on
/// 127.0.0.1 that keeps what it is sent: nothing reaches Notify.
/// </summary>
public sealed class NotifyEmailSenderTests
{
    private const string TemplateId = "f33517ff-2a88-4f6e-b855-c550268ce08a";

    // Notify's key format: a name, the service id and the secret.
    private static readonly string ApiKey = $"councilplan_test-{Guid.NewGuid()}-{Guid.NewGuid()}";

    [Fact]
    public async Task AnEmail_GoesToNotify_AsTheTemplatesSubjectAndBody()
    {
        await using var notify = StandIn.Start(HttpStatusCode.Created);
        var sender = new ReminderSettings { Notify = new NotifySettings { ApiKey = ApiKey, TemplateId = TemplateId, BaseUrl = notify.BaseUrl } }.EmailSender();

        await sender.SendAsync(new EmailMessage("owner@council.example", "Olu Owner", "Reminder: your updates", "Dear Olu Owner,\n\nT-01: Homes"));

        var (path, authorization, body) = Assert.Single(notify.Requests);
        Assert.Equal("/v2/notifications/email", path);
        Assert.StartsWith("Bearer ", authorization, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("owner@council.example", json.RootElement.GetProperty("email_address").GetString());
        Assert.Equal(TemplateId, json.RootElement.GetProperty("template_id").GetString());
        Assert.Equal("Reminder: your updates", json.RootElement.GetProperty("personalisation").GetProperty("subject").GetString());
        Assert.Equal("Dear Olu Owner,\n\nT-01: Homes", json.RootElement.GetProperty("personalisation").GetProperty("body").GetString());
    }

    [Fact]
    public async Task AnEmailNotifyRefuses_Throws_SoTheRunRecordsNothing()
    {
        await using var notify = StandIn.Start(HttpStatusCode.BadRequest);
        var sender = new NotifyEmailSender(new NotifySettings { ApiKey = ApiKey, TemplateId = TemplateId, BaseUrl = notify.BaseUrl });

        var refused = await Assert.ThrowsAsync<Notify.Exceptions.NotifyClientException>(() => sender.SendAsync(new EmailMessage("owner@council.example", "Olu Owner", "Subject", "Body")));
        Assert.Contains("team-only API key", refused.Message, StringComparison.Ordinal);
        Assert.Single(notify.Requests);
    }

    /// <summary>Answers every request with <paramref name="status"/> and, for 201, the response Notify documents for a sent email.</summary>
    private sealed class StandIn(HttpStatusCode status) : IAsyncDisposable
    {
        private readonly HttpListener listener = new();
        private readonly List<(string Path, string Authorization, string Body)> requests = [];
        private Task loop = Task.CompletedTask;

        public Uri BaseUrl { get; private set; } = null!;

        public IReadOnlyList<(string Path, string Authorization, string Body)> Requests
        {
            get
            {
                lock (requests)
                {
                    return [.. requests];
                }
            }
        }

        public static StandIn Start(HttpStatusCode status)
        {
            var standIn = new StandIn(status);
            standIn.BaseUrl = new Uri($"http://127.0.0.1:{RecordedServer.FreePort()}/");
            standIn.listener.Prefixes.Add(standIn.BaseUrl.ToString());
            standIn.listener.Start();
            standIn.loop = Task.Run(standIn.ServeAsync);
            return standIn;
        }

        public async ValueTask DisposeAsync()
        {
            listener.Stop();
            try
            {
                await loop;
            }
            catch (HttpListenerException)
            {
                // Stopped while waiting for the next request.
            }

            listener.Close();
        }

        private async Task ServeAsync()
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                lock (requests)
                {
                    requests.Add((context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"] ?? "", body));
                }

                var answer = status == HttpStatusCode.Created
                    ? $$$"""{"id":"740e5834-3a29-46b4-9a6f-16142fde533a","reference":null,"content":{"subject":"s","body":"b","from_email":"performance@notifications.service.gov.uk"},"uri":"{{{BaseUrl}}}v2/notifications/740e5834-3a29-46b4-9a6f-16142fde533a","template":{"id":"{{{TemplateId}}}","version":1,"uri":"{{{BaseUrl}}}v2/template/{{{TemplateId}}}"}}"""
                    : """{"status_code":400,"errors":[{"error":"BadRequestError","message":"Can't send to this recipient using a team-only API key"}]}""";
                var bytes = Encoding.UTF8.GetBytes(answer);
                context.Response.StatusCode = (int)status;
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        }
    }
}
