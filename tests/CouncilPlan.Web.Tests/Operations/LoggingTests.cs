using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace CouncilPlan.Web.Tests.Operations;

/// <summary>In production the console log is one JSON object a line, for a log collector to parse; in development it stays readable.</summary>
public sealed class LoggingTests(SqliteSite site) : IClassFixture<SqliteSite>
{
    [Fact]
    public void Production_WritesJsonLogs()
    {
        // SiteFixture starts the app as Production.
        var options = site.Factory.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        Assert.Equal(ConsoleFormatterNames.Json, options.FormatterName);
        var json = site.Factory.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue;
        Assert.True(json.UseUtcTimestamp);
    }

    [Fact]
    public async Task Development_KeepsTheSimpleFormatter()
    {
        // The same, already prepared database, started as Development.
        await using var development = site.Factory.WithWebHostBuilder(builder => builder.UseEnvironment("Development"));
        var options = development.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        Assert.NotEqual(ConsoleFormatterNames.Json, options.FormatterName);
    }
}
