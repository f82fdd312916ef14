using System.Globalization;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Statistics;
using CouncilPlan.Core.Users;
using CouncilPlan.Web.PublicData;
using CouncilPlan.Web.Tests.Staff.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CouncilPlan.Web.Tests.Staff;

/// <summary>
/// The performance team's list of series to update on /staff/catalogue, judged by the public site's
/// own rule, and the summaries that leave those stale figures out of red, amber and green.
/// </summary>
public abstract class CatalogueTests<TSite>(TSite site) : IClassFixture<TSite>
    where TSite : StaffSite
{
    private const string StoppedBecause = "The publisher stopped this series in 2025 and replaced it with a new survey.";

    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    private static string Measures(int count) => count == 1 ? "1 measure" : $"{count} measures";

    [Fact]
    public async Task OutOfDateMeasure_IsInTheSeriesToUpdate_AndNotInAnyRedAmberOrGreenCount()
    {
        var cache = site.Factory.Services.GetRequiredService<PublicDataCache>();
        var before = await (await cache.GetAsync()).AssessAllAsync((await cache.GetAsync()).Catalogue);
        var stale = before.FirstOrDefault(m => m.Assessment.OutOfDate && m.Assessment.Currency!.Discontinued is null && m.Measure.Polarity != Polarity.NoJudgement && m.Assessment.Latest?.Figure.Value is not null);
        Assert.True(stale is not null, "the seed data has no published series that is out of date as at today");
        var stopping = before.First(m => !m.Assessment.AwaitingData && m.Measure.Code != stale!.Measure.Code);
        var latest = stale!.Assessment.Latest!.Figure;

        // Give the stale measure a target for its latest period that it misses by far, so a count that
        // rated out-of-date figures would show it as red; and stop another series.
        await using (var db = site.Database.NewContext())
        {
            var measure = await db.Measures.Include(m => m.Targets).SingleAsync(m => m.Code == stale.Measure.Code);
            measure.Kind = MeasureKind.Performance;
            var value = latest.Value!.Value;
            var missed = measure.Polarity == Polarity.HigherIsBetter ? value + (1000 * (Math.Abs(value) + 1)) : value - (1000 * (Math.Abs(value) + 1));
            if (measure.Targets.FirstOrDefault(t => t.PeriodStart == latest.PeriodStart) is { } target)
            {
                target.Value = missed;
                target.Tolerance = 0;
            }
            else
            {
                measure.Targets.Add(new MeasureTarget { Period = latest.Period, PeriodStart = latest.PeriodStart, Value = missed, Tolerance = 0, ToleranceType = ToleranceType.Absolute });
            }

            (await db.Measures.SingleAsync(m => m.Code == stopping.Measure.Code)).Discontinued = StoppedBecause;
            await db.SaveChangesAsync();
        }

        await cache.InvalidateAsync();
        var data = await cache.GetAsync();
        var after = await data.AssessAllAsync(data.Catalogue);
        var judged = after.Single(m => m.Measure.Code == stale.Measure.Code);
        Assert.True(judged.Assessment.OutOfDate);
        // Its latest figure misses the target, but an out-of-date figure is not rated (Core's rule).
        Assert.Equal(Rag.Red, judged.Assessment.Latest!.Rag);
        Assert.Equal(Rag.NotRated, judged.Assessment.Rag);

        // The home page counts red only among up-to-date figures, and this one among the out of date.
        var (team, _) = await site.SignedInAsync(Roles.PerformanceTeam);
        var home = await team.PageAsync("/");
        var upToDateRed = after.Count(m => m.Measure.Kind == MeasureKind.Performance && !m.Assessment.AwaitingData && !m.Assessment.OutOfDate && m.Assessment.Rag == Rag.Red);
        var anyRed = after.Count(m => m.Measure.Kind == MeasureKind.Performance && !m.Assessment.AwaitingData && m.Assessment.Latest!.Rag == Rag.Red);
        Assert.NotEqual(upToDateRed, anyRed);
        var rag = home.QuerySelectorAll("#rag-counts tbody tr").ToDictionary(r => r.GetAttribute("data-rag")!, r => r.QuerySelector("td")!.TextContent.Trim());
        Assert.Equal(Measures(upToDateRed), rag["red"]);
        var outOfDate = await team.PageAsync("/measures?headline=out-of-date");
        Assert.NotNull(outOfDate.QuerySelector($"main tr[data-measure='{stale.Measure.Code}']"));

        // The performance team's list holds exactly the out-of-date series, each with what is due and when.
        var catalogue = await team.PageAsync("/staff/catalogue");
        var rows = catalogue.QuerySelectorAll("#series-to-update-table tbody tr");
        Assert.Equal(
            after.Where(m => m.Assessment.OutOfDate).Select(m => m.Measure.Code).Order(StringComparer.Ordinal),
            rows.Select(r => r.GetAttribute("data-measure")!).Order(StringComparer.Ordinal));
        var row = rows.Single(r => r.GetAttribute("data-measure") == stale.Measure.Code);
        var currency = judged.Assessment.Currency!;
        Assert.Equal($"/measures/{stale.Measure.Code}", row.QuerySelector("th a")!.GetAttribute("href"));
        Assert.Equal(
            [latest.Period, currency.NextPeriod!, currency.ExpectedBy!.Value.ToString("d MMMM yyyy", EnGb)],
            row.QuerySelectorAll("td").Take(3).Select(td => td.TextContent.Trim()));
        if (stale.Measure.Source is { } source)
        {
            Assert.Contains(source.Title, row.QuerySelectorAll("td")[3].TextContent, StringComparison.Ordinal);
        }

        var stopped = rows.Single(r => r.GetAttribute("data-measure") == stopping.Measure.Code);
        Assert.Equal(["Discontinued: " + StoppedBecause], stopped.QuerySelectorAll("td[colspan='2']").Select(td => string.Join(' ', td.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))));

        // The longest overdue first; the stopped series after every overdue one.
        var dues = rows.Select(r => after.Single(m => m.Measure.Code == r.GetAttribute("data-measure")).Assessment.Currency!).ToList();
        Assert.Equal(dues.OrderBy(c => c.Discontinued is null ? 0 : 1).ThenBy(c => c.ExpectedBy), dues);
    }
}

public sealed class CatalogueOnSqlite(StaffSqliteSite site) : CatalogueTests<StaffSqliteSite>(site);

public sealed class CatalogueOnPostgres(StaffPostgresSite site) : CatalogueTests<StaffPostgresSite>(site);
