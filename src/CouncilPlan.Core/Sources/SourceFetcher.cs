using System.Net;

namespace CouncilPlan.Core.Sources;

/// <summary>
/// Gets a series' response from its publisher (or its recorded response) and reads it into a table.
/// Every way a fetch can fail (no answer within the timeout, an error status, a host that cannot be
/// reached, a body that is not what the service sends) becomes a <see cref="SourceRefreshException"/>
/// naming the source and the address.
/// </summary>
/// <remarks>The web app gives it a typed HttpClient from IHttpClientFactory; the command line its own.</remarks>
public sealed class SourceFetcher(HttpClient http, SourceSettings settings)
{
    public SourceSettings Settings => settings;

    public Uri UrlOf(SourceDefinition source, SourceSeries series) =>
        SourceConnector.For(source.Service).Url(series, settings.BaseUrls.GetValueOrDefault(source.Service));

    /// <summary>
    /// Why a series cannot be fetched from its publisher yet, or null when it can. The default
    /// dataset writes a DfE data set whose id has not been found as the all-zeros id (its sources.yaml
    /// says where to look): asking DfE for it could only answer "not found". Its recorded response
    /// still stands in for it.
    /// </summary>
    /// <remarks>
    /// With recorded responses, a series of small areas with none is passed over too: the dataset
    /// holds none of the figures it would bring (ward figures a council with a network fetches),
    /// so there is nothing for a recording to stand in for.
    /// </remarks>
    public string? NotReady(SourceDefinition source, SourceSeries series)
    {
        if (settings.Recorded)
        {
            return series.Recorded is null && series.SmallAreas is not null
                ? "has no recorded response: its small areas' figures come only from the publisher"
                : null;
        }

        return source.Service == SourceService.Ees && series.Query.TryGetValue("data_set", out var id) && Guid.TryParse(id, out var guid) && guid == Guid.Empty
            ? "has no data set id yet (its data_set is all zeros): find it in DfE's data catalogue, https://explore-education-statistics.service.gov.uk/data-catalogue, and put it in the sources file"
            : null;
    }

    public async Task<(string From, SourceTable Table)> FetchAsync(SourceDefinition source, SourceSeries series, CancellationToken cancellationToken)
    {
        var connector = SourceConnector.For(source.Service);
        var url = UrlOf(source, series);
        if (settings.Recorded)
        {
            if (series.Recorded is null)
            {
                throw new SourceRefreshException($"{source.SourceId}: the series of {series.Measure} has no 'recorded' response to stand in for {url}");
            }

            var path = Path.GetFullPath(series.Recorded, source.Folder);
            if (!File.Exists(path))
            {
                throw new SourceRefreshException($"{source.SourceId}: the recorded response {path} (for {url}) does not exist");
            }

            await using var file = File.OpenRead(path);
            var from = $"{SourceRefresh.RecordedPrefix}{Path.GetRelativePath(source.Folder, path).Replace('\\', '/')} for {url}";
            return (from, connector.ReadResponse(file, $"{source.SourceId}: {from}", series));
        }

        if (NotReady(source, series) is { } reason)
        {
            throw new SourceRefreshException($"{source.SourceId}: the series of {series.Measure} {reason}");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        var where = $"{source.SourceId}: the response from {url}";
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new SourceRefreshException($"{source.SourceId}: {url} answered {(int)response.StatusCode} {response.ReasonPhrase}{(response.StatusCode >= HttpStatusCode.InternalServerError ? " (the publisher's service has a problem: try again later)" : "")}");
            }

            if (response.Content.Headers.ContentLength > settings.MaxResponseBytes)
            {
                throw new SourceRefreshException($"{where} is {response.Content.Headers.ContentLength:N0} bytes, more than the {settings.MaxResponseBytes:N0} allowed: check the query narrows it to the areas needed, or raise Sources:MaxResponseMegabytes for a publisher that sends a whole data set");
            }

            var body = new MemoryStream();
            await using (var stream = await response.Content.ReadAsStreamAsync(timeout.Token))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
                {
                    if (body.Length + read > settings.MaxResponseBytes)
                    {
                        throw new SourceRefreshException($"{where} is more than the {settings.MaxResponseBytes:N0} bytes allowed: check the query narrows it to the areas needed, or raise Sources:MaxResponseMegabytes for a publisher that sends a whole data set");
                    }

                    body.Write(buffer, 0, read);
                }
            }

            body.Position = 0;
            return (url.ToString(), connector.ReadResponse(body, where, series));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SourceRefreshException($"{source.SourceId}: {url} did not answer within {settings.Timeout.TotalSeconds:0.#} seconds");
        }
        catch (HttpRequestException e)
        {
            throw new SourceRefreshException($"{source.SourceId}: {url} could not be reached ({e.HttpRequestError}: {e.Message})", e);
        }
        catch (IOException e)
        {
            throw new SourceRefreshException($"{source.SourceId}: the connection to {url} broke off ({e.Message})", e);
        }
    }
}
