using System.Globalization;
using System.Text;
using CouncilPlan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Testing;

/// <summary>Everything an observations import may touch, as text, so a test can say "exactly as before".</summary>
public static class ObservationSnapshot
{
    public static async Task<string> TakeAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var text = new StringBuilder();
        foreach (var o in await db.Observations.AsNoTracking().OrderBy(o => o.Id).ToListAsync())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"o {o.Id} {o.MeasureId} {o.PeriodStart:yyyy-MM-dd} {o.PeriodEnd:yyyy-MM-dd} {o.Period} {o.AreaCode} {o.BreakdownId} {o.Value:R} {o.Numerator:R} {o.Denominator:R} ci[{o.LowerCi:R} {o.UpperCi:R}] {o.Status} [{o.QualityNote}] {o.Published} b{o.BatchId} v{o.Version}");
        }

        foreach (var r in await db.ObservationRevisions.AsNoTracking().OrderBy(r => r.Id).ToListAsync())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"r {r.Id} {r.ObservationId} v{r.Version} {r.Value:R} {r.Numerator:R} {r.Denominator:R} ci[{r.LowerCi:R} {r.UpperCi:R}] {r.Status} [{r.QualityNote}] {r.Published} b{r.BatchId} by{r.ReplacedByBatchId}");
        }

        foreach (var b in await db.DataBatches.AsNoTracking().OrderBy(b => b.Id).ToListAsync())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"b {b.Id} {b.EnteredBy} {b.EnteredAt:O} {b.Description}");
        }

        return text.ToString();
    }
}
