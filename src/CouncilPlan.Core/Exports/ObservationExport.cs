using CouncilPlan.Core.Data;
using CouncilPlan.Core.Measures;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Exports;

/// <summary>
/// One observation as the CSV and JSON formats (and the API) show it. A figure withheld by
/// disclosure control (<see cref="PublicObservations"/>) is <see cref="Suppressed"/> and has no
/// value, numerator, denominator or interval.
/// </summary>
public sealed record ObservationRecord(
    string Measure,
    string Period,
    string Area,
    string Breakdown,
    double? Value,
    double? Numerator,
    double? Denominator,
    double? LowerCi,
    double? UpperCi,
    ObservationStatus Status,
    string? QualityNote,
    bool Published,
    bool Suppressed = false);

/// <summary>Which observations to export. Empty lists mean all; by default only published figures.</summary>
public sealed record ObservationExportFilter
{
    public IReadOnlyCollection<string> MeasureCodes { get; init; } = [];

    public IReadOnlyCollection<string> AreaCodes { get; init; } = [];

    /// <summary>Breakdown keys as the files write them ("sex:female", or "" for the whole population).</summary>
    public IReadOnlyCollection<string> BreakdownKeys { get; init; } = [];

    /// <summary>Periods that start on or after this day.</summary>
    public DateOnly? From { get; init; }

    /// <summary>Periods that start on or before this day.</summary>
    public DateOnly? To { get; init; }

    /// <summary>Include figures not yet published: for staff only, never on public routes.</summary>
    public bool IncludeUnpublished { get; init; }
}

/// <summary>
/// The query behind every export: filter any <see cref="IQueryable{Observation}"/> and project it
/// to <see cref="ObservationRecord"/> in a stable order, to be streamed (AsAsyncEnumerable) into
/// <see cref="ObservationCsvWriter"/> or <see cref="ObservationJsonWriter"/>. Its records are raw,
/// before disclosure control: public routes read them through <see cref="PublicObservations"/>.
/// </summary>
public static class ObservationExport
{
    public static IQueryable<ObservationRecord> Query(CouncilPlanDb db, ObservationExportFilter filter) =>
        Project(Filter(db.Observations.AsNoTracking(), filter));

    public static IQueryable<Observation> Filter(IQueryable<Observation> observations, ObservationExportFilter filter)
    {
        if (!filter.IncludeUnpublished)
        {
            observations = observations.Where(o => o.Published);
        }

        if (filter.MeasureCodes.Count > 0)
        {
            var codes = filter.MeasureCodes.ToList();
            observations = observations.Where(o => codes.Contains(o.Measure!.Code));
        }

        if (filter.AreaCodes.Count > 0)
        {
            var areas = filter.AreaCodes.ToList();
            observations = observations.Where(o => areas.Contains(o.AreaCode));
        }

        if (filter.BreakdownKeys.Count > 0)
        {
            var keys = filter.BreakdownKeys.ToList();
            observations = observations.Where(o => keys.Contains(o.Breakdown!.DimensionId == "" ? "" : o.Breakdown.DimensionId + ":" + o.Breakdown.Category));
        }

        if (filter.From is { } from)
        {
            observations = observations.Where(o => o.PeriodStart >= from);
        }

        if (filter.To is { } to)
        {
            observations = observations.Where(o => o.PeriodStart <= to);
        }

        return observations;
    }

    /// <summary>The records in export order: measure code, period, area, breakdown.</summary>
    public static IQueryable<ObservationRecord> Project(IQueryable<Observation> observations) =>
        observations
            .OrderBy(o => o.Measure!.Code).ThenBy(o => o.PeriodStart).ThenBy(o => o.AreaCode).ThenBy(o => o.BreakdownId)
            .Select(o => new ObservationRecord(
                o.Measure!.Code,
                o.Period,
                o.AreaCode,
                o.Breakdown!.DimensionId == "" ? "" : o.Breakdown.DimensionId + ":" + o.Breakdown.Category,
                o.Value,
                o.Numerator,
                o.Denominator,
                o.LowerCi,
                o.UpperCi,
                o.Status,
                o.QualityNote,
                o.Published,
                false));

    /// <summary>The status as the files write it.</summary>
    public static string StatusText(ObservationStatus status) => status switch
    {
        ObservationStatus.Provisional => "provisional",
        ObservationStatus.Revised => "revised",
        _ => "final",
    };
}
