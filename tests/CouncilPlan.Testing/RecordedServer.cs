using System.Net;
using System.Net.Sockets;

namespace CouncilPlan.Testing;

/// <summary>
/// A local HTTP server on 127.0.0.1 that stands in for a publisher's service: each request path
/// answers with a recorded response (tests/data/sources), a status code, a delay, or a dropped
/// connection. Nothing leaves the machine.
/// </summary>
public sealed class RecordedServer : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly Dictionary<string, Answer> answers = new(StringComparer.Ordinal);
    private readonly List<string> requests = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    private RecordedServer(int port)
    {
        Port = port;
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        listener.Prefixes.Add(BaseUrl.ToString());
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public Uri BaseUrl { get; }

    /// <summary>The paths and queries asked for, in order.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (requests)
            {
                return [.. requests];
            }
        }
    }

    public static string Samples => Path.Combine(RepositoryFiles.Root, "tests", "data", "sources");

    public static RecordedServer Start() => new(FreePort());

    /// <summary>A port nothing listens on (taken and given back at once): for "the host cannot be reached".</summary>
    public static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    /// <summary>Answers <paramref name="path"/> (its path, without the query) with a sample file.</summary>
    public RecordedServer Serve(string path, string sampleFile, string contentType = "text/csv") =>
        Add(path, new Answer(200, File.ReadAllBytes(Path.Combine(Samples, sampleFile)), contentType, TimeSpan.Zero));

    public RecordedServer Serve(string path, byte[] body, string contentType) => Add(path, new Answer(200, body, contentType, TimeSpan.Zero));

    public RecordedServer Fail(string path, int status) => Add(path, new Answer(status, "Internal Server Error"u8.ToArray(), "text/plain", TimeSpan.Zero));

    public RecordedServer Delay(string path, string sampleFile, TimeSpan delay) =>
        Add(path, new Answer(200, File.ReadAllBytes(Path.Combine(Samples, sampleFile)), "text/csv", delay));

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        listener.Close();
        try
        {
            await loop;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
        }

        stop.Dispose();
    }

    private RecordedServer Add(string path, Answer answer)
    {
        lock (answers)
        {
            answers[path] = answer;
        }

        return this;
    }

    private async Task ServeAsync()
    {
        while (!stop.IsCancellationRequested)
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

            _ = Task.Run(() => RespondAsync(context));
        }
    }

    private async Task RespondAsync(HttpListenerContext context)
    {
        var url = context.Request.Url!;
        lock (requests)
        {
            requests.Add(url.PathAndQuery);
        }

        Answer? answer;
        lock (answers)
        {
            answers.TryGetValue(url.AbsolutePath, out answer);
        }

        answer ??= new Answer(404, "Not Found"u8.ToArray(), "text/plain", TimeSpan.Zero);
        try
        {
            if (answer.Delay > TimeSpan.Zero)
            {
                await Task.Delay(answer.Delay, stop.Token);
            }

            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = answer.ContentType;
            context.Response.ContentLength64 = answer.Body.Length;
            await context.Response.OutputStream.WriteAsync(answer.Body, stop.Token);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            // The client gave up (a timeout test) or the server is stopping.
        }
    }

    private sealed record Answer(int Status, byte[] Body, string ContentType, TimeSpan Delay);
}
