using CouncilPlan.Core.Data;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Updates;
/// <summary>The financial-year quarters the performance team opens for updates, with their due dates, and closes when done.</summary>
public sealed class ReportingPeriods(CouncilPlanDb db, TimeProvider clock)
{
    public async Task<ReportingPeriod> OpenAsync(Officer officer, string quarter, DateOnly due, CancellationToken cancellationToken = default)
    {
        Require(officer.IsPerformanceTeam, "Only the performance team opens reporting periods.");
        if (!Period.TryParse(PeriodType.FinancialQuarter, quarter, out var period))
        {
            throw new InvalidInputException(new Dictionary<string, string> { ["Quarter"] = $"Enter a financial-year quarter like {Period.Example(PeriodType.FinancialQuarter)}" });
        }

        if (due < period.End)
        {
            throw new InvalidInputException(new Dictionary<string, string> { ["Due"] = "Updates cannot be due before the quarter ends" });
        }

        var row = await db.ReportingPeriods.SingleOrDefaultAsync(p => p.Quarter == period.Label, cancellationToken);
        if (row is null)
        {
            row = new ReportingPeriod { Quarter = period.Label, Starts = period.Start, Ends = period.End, Due = due };
            db.ReportingPeriods.Add(row);
        }

        row.Due = due;
        row.IsOpen = true;
        row.OpenedAt = clock.GetUtcNow();
        row.ClosedAt = null;
        await db.SaveChangesAsync(cancellationToken);
        return row;
    }

    public async Task CloseAsync(Officer officer, int periodId, CancellationToken cancellationToken = default)
    {
        Require(officer.IsPerformanceTeam, "Only the performance team closes reporting periods.");
        var row = await db.ReportingPeriods.SingleAsync(p => p.Id == periodId, cancellationToken);
        row.IsOpen = false;
        row.ClosedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task<List<ReportingPeriod>> OpenPeriodsAsync(CancellationToken cancellationToken = default) =>
        db.ReportingPeriods.Where(p => p.IsOpen).OrderBy(p => p.Starts).ToListAsync(cancellationToken);

    private static void Require(bool allowed, string reason)
    {
        if (!allowed)
        {
            throw new NotAllowedException(reason);
        }
    }
}
