using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace CouncilPlan.Web.Security;

/// <summary>
/// Running behind a reverse proxy or load balancer that terminates TLS: the X-Forwarded-For,
/// -Proto and -Host headers are believed only when the request comes from a proxy or network
/// named in settings, and none is trusted by default, so nobody can claim another address or
/// scheme by sending the headers themselves (OWASP ASVS 5.0, 4.1.3).
/// </summary>
public static class ProxyHeaders
{
    public const string Section = "ForwardedHeaders";

    public static WebApplicationBuilder AddProxyHeaders(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(Section);
        var proxies = Values(section.GetSection("KnownProxies")).Select(p => IPAddress.TryParse(p, out var address)
            ? address
            : throw new InvalidOperationException($"{Section}:KnownProxies: '{p}' is not an IP address.")).ToList();
        var networks = Values(section.GetSection("KnownNetworks")).Select(n => System.Net.IPNetwork.TryParse(n, out var network)
            ? network
            : throw new InvalidOperationException($"{Section}:KnownNetworks: '{n}' is not a network in CIDR notation, such as 10.0.0.0/8.")).ToList();

        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;

            // The framework trusts loopback by default; here nothing is trusted unless configured.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            proxies.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);

            // Every hop is checked against the lists, so a chain of trusted proxies (a CDN in front
            // of a load balancer) is walked back to the first address that is not one of them.
            options.ForwardLimit = null;
        });

        // Registered before the HSTS filter, so it runs first of all: HSTS, the cookies'
        // Secure flag, antiforgery, the rate limiter and the audit log all see the client's scheme
        // and address rather than the proxy's.
        builder.Services.AddTransient<IStartupFilter, ForwardedHeadersFirst>();
        return builder;
    }

    /// <summary>A list setting, either as items (KnownProxies:0, KnownProxies:1) or comma-separated in one value.</summary>
    private static IEnumerable<string> Values(IConfigurationSection section) =>
        (section.Value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(section.GetChildren().Select(c => c.Value?.Trim()).OfType<string>().Where(v => v.Length > 0));

    private sealed class ForwardedHeadersFirst : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseForwardedHeaders();
            next(app);
        };
    }
}
