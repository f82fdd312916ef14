using System.Runtime.CompilerServices;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Measures;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Exports;

/// <summary>
/// Published observations as the public may have them: the one rule every public writer of figures
/// (the API, <c>councilplan data export</c>) goes through. What is withheld is decided by
/// <see cref="PublicFigures.Apply"/>, the same disclosure control the portal, the measure API and
/// reports get from the measure assessment, so a download can never show a figure a page hides.
/// <para>
/// Secondary suppression depends on the whole table a figure belongs to, not on the rows a filter
/// keeps, so each sensitive measure's published figures are read whole (through the index on
/// measure id) and the filter is applied after. Measures without a threshold cost no extra query.
/// </para>
/// </summary>
public sealed class PublicObservations
{
    private readonly IQueryable<ObservationRecord> query;
    private readonly HashSet<(string Measure, string Period, string Area, string Breakdown)> withheld;

    private PublicObservations(IQueryable<ObservationRecord> query, HashSet<(string, string, string, string)> withheld)
    {
        this.query = query;
        this.withheld = withheld;
    }

    /// <summary>Works out what is withheld for the measures the filter can return.</summary>
    public static async Task<PublicObservations> LoadAsync(CouncilPlanDb db, ObservationExportFilter filter, CancellationToken cancellationToken = default)
    {
        if (filter.IncludeUnpublished)
        {
            throw new ArgumentException("Public observations are published figures only; an export with unpublished figures is a staff export (ObservationExport.Query).", nameof(filter));
        }

        var measures = db.Measures.AsNoTracking().Where(m => m.SuppressBelow > 1);
        if (filter.MeasureCodes.Count > 0)
        {
            var codes = filter.MeasureCodes.ToList();
            measures = measures.Where(m => codes.Contains(m.Code));
        }

        var sensitive = await measures
            .Join(db.Plans, m => m.PlanId, p => p.Id, (m, p) => new { Measure = m, p.CouncilAreaCode })
            .ToListAsync(cancellationToken);

        // Keyed as records are, by measure code: should two plans share a code, a figure at the same
        // key in the other is withheld too, which errs on the side of withholding.
        var withheld = new HashSet<(string, string, string, string)>();
        if (sensitive.Count > 0)
        {
            var breakdownKeys = await PublicMeasures.BreakdownKeysAsync(db, cancellationToken);
            var areasByCouncil = new Dictionary<string, AssessmentAreas>(StringComparer.Ordinal);
            foreach (var (measure, council) in sensitive.Select(s => (s.Measure, s.CouncilAreaCode)))
            {
                if (!areasByCouncil.TryGetValue(council, out var areas))
                {
                    areas = await PublicMeasures.AreasAsync(db, council, cancellationToken);
                    areasByCouncil[council] = areas;
                }

                var published = await db.Observations.AsNoTracking()
                    .Where(o => o.MeasureId == measure.Id && o.Published)
                    .ToListAsync(cancellationToken);
                foreach (var figure in PublicFigures.Apply(measure, published, breakdownKeys, areas).Where(f => f.Suppressed))
                {
                    withheld.Add((measure.Code, figure.Period, figure.AreaCode, figure.Breakdown));
                }
            }
        }

        return new PublicObservations(ObservationExport.Query(db, filter), withheld);
    }

    /// <summary>The records with withheld figures left out: for the CSV import format, which has no way to mark them.</summary>
    public async IAsyncEnumerable<ObservationRecord> ShownAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var record in query.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (!IsWithheld(record))
            {
                yield return record;
            }
        }
    }

    /// <summary>Every record, withheld figures marked suppressed with nothing of their numbers: for JSON.</summary>
    public async IAsyncEnumerable<ObservationRecord> MarkedAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var record in query.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return Mark(record);
        }
    }

    /// <summary>One page of the records in export order, withheld figures marked: for the paged API.</summary>
    public async Task<IReadOnlyList<ObservationRecord>> PageAsync(int skip, int take, CancellationToken cancellationToken = default) =>
        (await query.Skip(skip).Take(take).ToListAsync(cancellationToken)).Select(Mark).ToList();

    private bool IsWithheld(ObservationRecord record) =>
        withheld.Contains((record.Measure, record.Period, record.Area, record.Breakdown));

    // The interval goes too: limits around a small count would give the count away.
    private ObservationRecord Mark(ObservationRecord record) => IsWithheld(record)
        ? record with { Value = null, Numerator = null, Denominator = null, LowerCi = null, UpperCi = null, Suppressed = true }
        : record;
}
