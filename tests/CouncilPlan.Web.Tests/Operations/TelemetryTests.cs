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
}
