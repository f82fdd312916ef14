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
/// registered, so nothing is collected or sent. Metrics are the CouncilPlan meter and ASP.NET
/// Core's; traces are ASP.NET Core's requests and Npgsql's commands.
/// </summary>
public static class Telemetry
{
    public const string EndpointKey = "OpenTelemetry:Endpoint";
    public const string StandardEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ServiceName = "CouncilPlan.Web";

    public static WebApplicationBuilder AddCouncilPlanTelemetry(this WebApplicationBuilder builder)
    {
        var configured = builder.Configuration[EndpointKey];
        if (string.IsNullOrWhiteSpace(configured) && string.IsNullOrWhiteSpace(builder.Configuration[StandardEndpointVariable]))
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

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddSource("Npgsql")
                .AddOtlpExporter(Export))
            .WithMetrics(metrics => metrics
                .AddMeter(CouncilPlanMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddOtlpExporter(Export));
        return builder;
    }
}
