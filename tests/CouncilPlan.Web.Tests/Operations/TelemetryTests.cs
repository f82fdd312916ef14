using CouncilPlan.Web.Operations;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CouncilPlan.Web.Tests.Operations;

/// <summary>OpenTelemetry is wired only when a collector is named: with no endpoint nothing is collected or sent.</summary>
public sealed class TelemetryTests(SqliteSite site) : IClassFixture<SqliteSite>
{
    [Fact]
    public void WithoutAnEndpoint_NoTracerOrMeterProvider()
    {
        Assert.Null(site.Factory.Services.GetService<TracerProvider>());
        Assert.Null(site.Factory.Services.GetService<MeterProvider>());
    }

    [Theory]
    [InlineData(Telemetry.EndpointKey)]
    [InlineData(Telemetry.StandardEndpointVariable)]
    public void WithAnEndpoint_TracesAndMetricsAreRegistered(string setting)
    {
        // The same, already prepared database, with a collector named (nothing listens there: the
        // exporter only logs its failures, it never fails a request).
        using var withCollector = site.Factory.WithWebHostBuilder(builder => builder.UseSetting(setting, "http://127.0.0.1:4317"));
        Assert.NotNull(withCollector.Services.GetService<TracerProvider>());
        Assert.NotNull(withCollector.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task Prometheus_IsOffByDefault()
    {
        using var response = await site.Client.GetAsync("/metrics");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Prometheus_WhenOn_ServesOurMetricsAndAspNetCoresForScraping_WithoutTraces()
    {
        using var withPrometheus = site.Factory.WithWebHostBuilder(builder => builder.UseSetting(Telemetry.PrometheusKey, "true"));
        using var client = withPrometheus.CreateClient();
        (await client.GetAsync("/")).EnsureSuccessStatusCode();
        (await client.GetAsync("/measures")).EnsureSuccessStatusCode();

        using var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("councilplan_public_data_cache_", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_bucket", text, StringComparison.Ordinal);
        Assert.Null(withPrometheus.Services.GetService<TracerProvider>());
    }
}
