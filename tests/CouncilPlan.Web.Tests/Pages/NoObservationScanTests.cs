using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CouncilPlan.Core.Data;
using CouncilPlan.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CouncilPlan.Web.Tests.Pages;

/// <summary>
/// No public page reads the whole observations table (issue 5: "indexes or summaries"): every query
/// the pages send that touches it is asked for its plan, and no plan may scan it. SQLite's query
/// planner is used because, with no statistics gathered, it takes an index whenever one fits, so a
/// scan in its plan means no index fits; PostgreSQL's planner rightly scans a table as small as the
/// default dataset's whatever indexes it has, so its plans would say nothing about them.
/// </summary>
public sealed partial class NoObservationScanTests : IAsyncLifetime
{
    private readonly PlanRecorder recorder = new();
    private TestDatabase? database;
    private WebApplicationFactory<Program>? factory;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false);
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Database:Provider", nameof(DatabaseProvider.Sqlite));
            builder.UseSetting("ConnectionStrings:CouncilPlan", database.Settings.ConnectionString);
            builder.UseSetting(DatasetSettings.FolderKey, RepositoryFiles.Data);
            builder.UseEnvironment("Production");
            builder.ConfigureTestServices(services => services.ConfigureDbContext<SqliteCouncilPlanDb>(options => options.AddInterceptors(recorder)));
        });
    }

    public async Task DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task EveryPublicPage_ReadsObservationsThroughAnIndex()
    {
        using var client = factory!.CreateClient();
        var sitemap = XDocument.Parse(await client.GetStringAsync("/sitemap.xml"));
        var pages = sitemap.Descendants().Where(e => e.Name.LocalName == "loc").Select(e => new Uri(e.Value).PathAndQuery).ToList();
        pages.AddRange(["/search?q=employment", "/api/v1/measures", "/api/v1/measures/A2-10", "/api/v1/observations?measure=A2-10"]);
        Assert.Contains(pages, p => p.StartsWith("/measures/", StringComparison.Ordinal));
        Assert.Contains(pages, p => p.StartsWith("/neighbourhoods/", StringComparison.Ordinal) || p.StartsWith("/wards/", StringComparison.Ordinal));

        foreach (var page in pages)
        {
            recorder.Page = page;
            using var response = await client.GetAsync(page);
            Assert.True(response.IsSuccessStatusCode, $"{page} answered {(int)response.StatusCode}");
        }

        // Each measure page asks for its figures: a test that saw no queries would prove nothing.
        Assert.True(recorder.Checked >= 50, $"only {recorder.Checked} queries on observations were seen");
        Assert.True(recorder.Scans.IsEmpty, "Queries that read the whole observations table:" + Environment.NewLine + string.Join(Environment.NewLine, recorder.Scans));
    }

    /// <summary>Asks SQLite for the plan of every query that names the observations table, before it runs.</summary>
    private sealed partial class PlanRecorder : DbCommandInterceptor
    {
        private int @checked;

        public volatile string Page = "";

        public int Checked => @checked;

        public ConcurrentBag<string> Scans { get; } = [];

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Explain(command);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Explain(command);
            return ValueTask.FromResult(result);
        }

        private void Explain(DbCommand command)
        {
            var names = ObservationsTable().Matches(command.CommandText).Select(m => m.Groups["alias"].Success ? m.Groups["alias"].Value : "observations").ToHashSet(StringComparer.Ordinal);
            if (names.Count == 0)
            {
                return;
            }

            Interlocked.Increment(ref @checked);
            using var explain = command.Connection!.CreateCommand();
            explain.Transaction = command.Transaction;
            explain.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
            foreach (DbParameter parameter in command.Parameters)
            {
                var copy = explain.CreateParameter();
                copy.ParameterName = parameter.ParameterName;
                copy.Value = parameter.Value;
                explain.Parameters.Add(copy);
            }

            using var reader = explain.ExecuteReader();
            while (reader.Read())
            {
                // A line such as "SCAN o" or "SCAN o USING COVERING INDEX ..." reads every row; "SEARCH o USING INDEX ..." does not.
                var detail = reader.GetString(reader.GetOrdinal("detail"));
                if (detail.StartsWith("SCAN ", StringComparison.Ordinal) && names.Contains(detail[5..].Split(' ')[0]))
                {
                    Scans.Add($"{Page}: {detail}{Environment.NewLine}    {command.CommandText.ReplaceLineEndings(" ")}");
                }
            }
        }

        [GeneratedRegex("\"observations\"(?: AS \"(?<alias>\\w+)\")?")]
        private static partial Regex ObservationsTable();
    }
}
