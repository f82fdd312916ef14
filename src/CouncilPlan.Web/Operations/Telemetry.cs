using CouncilPlan.Core.Diagnostics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CouncilPlan.Web.Operations;

/// <summary>
/// Traces and metrics sent by OTLP to a collector (the OpenTelemetry Collector, Grafana Alloy, an
/// APM vendor's agent), only when one is named: <c>OpenTelemetry:Endpoint</c>
/// (<c>OpenTelemetry__Endpoint</c>), or the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// (https://opentelemetry.io/docs/specs/otel/protocol/exporter/). With neither, nothing is
/// registered, so nothing is collected or sent. Metrics are the CouncilPlan meter, ASP.NET Core's,
/// HttpClient's and Npgsql's; traces are ASP.NET Core's requests, HttpClient's calls and Npgsql's
/// commands. <c>OpenTelemetry:Prometheus=true</c> also (or instead) serves the metrics for
/// Prometheus to scrape at <c>/metrics</c>: off by default, because the figures say how the service
/// is used; allow only the monitoring network to reach it at the proxy (docs/deploy.md).
/// </summary>
public static class Telemetry
{
    public const string EndpointKey = "OpenTelemetry:Endpoint";
    public const string StandardEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string PrometheusKey = "OpenTelemetry:Prometheus";
    public const string ServiceName = "CouncilPlan.Web";

    /// <summary>Npgsql's own meter and activity source (https://www.npgsql.org/doc/diagnostics/metrics.html).</summary>
    private const string Npgsql = "Npgsql";

    public static WebApplicationBuilder AddCouncilPlanTelemetry(this WebApplicationBuilder builder)
    {
        var configured = builder.Configuration[EndpointKey];
        var otlp = !string.IsNullOrWhiteSpace(configured) || !string.IsNullOrWhiteSpace(builder.Configuration[StandardEndpointVariable]);
        var prometheus = builder.Configuration.GetValue<bool>(PrometheusKey);
        if (!otlp && !prometheus)
        {
            return builder;
        }

        Uri? endpoint = null;
        if (!string.IsNullOrWhiteSpace(configured) && !Uri.TryCreate(configured.Trim(), UriKind.Absolute, out endpoint))
        {
            throw new InvalidOperationException($"{EndpointKey} is '{configured}': it must be an absolute URL, such as http://collector:4317.");
        }

        // With only the standard variable, the exporter reads it (and its OTEL_EXPORTER_OTLP_*
        // companions: protocol, headers) itself.
        void Export(OpenTelemetry.Exporter.OtlpExporterOptions options)
        {
            if (endpoint is not null)
            {
                options.Endpoint = endpoint;
            }
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(CouncilPlanMetrics.MeterName, Npgsql)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation();
                if (otlp)
                {
                    metrics.AddOtlpExporter(Export);
                }

                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            });

        // Traces go to a collector only: Prometheus scrapes metrics, not traces.
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddSource(Npgsql)
                .AddOtlpExporter(Export));
        }

        return builder;
    }

    /// <summary>Serves <c>/metrics</c> in Prometheus's text format when <c>OpenTelemetry:Prometheus</c> is on.</summary>
    public static WebApplication MapCouncilPlanMetrics(this WebApplication app)
    {
        if (app.Configuration.GetValue<bool>(PrometheusKey))
        {
            app.MapPrometheusScrapingEndpoint("/metrics").DisableHttpMetrics();
        }

        return app;
    }
}
