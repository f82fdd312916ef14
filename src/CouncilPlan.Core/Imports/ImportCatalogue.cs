using System.Globalization;
using System.Text;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Measures;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Imports;

/// <summary>A measure as the importer needs it.</summary>
internal sealed class MeasureInfo(int id, string code, PeriodType periodType, bool isPercentage, string[] dimensions)
{
    public int Id { get; } = id;

    public string Code { get; } = code;

    public PeriodType PeriodType { get; } = periodType;

    public bool IsPercentage { get; } = isPercentage;

    public string[] Dimensions { get; } = dimensions;
}

/// <summary>An area code, with its UTF-8 bytes for writers that bind bytes.</summary>
internal sealed class AreaInfo(string code)
{
    public string Code { get; } = code;

    public byte[] Utf8 { get; } = Encoding.UTF8.GetBytes(code);
}

internal sealed class BreakdownInfo(int id, string dimensionId)
{
    public int Id { get; } = id;

    public string DimensionId { get; } = dimensionId;
}

/// <summary>A period read from the file, with the texts the writers store (canonical label, ISO dates).</summary>
internal sealed class PeriodInfo
{
    public PeriodInfo(Period period)
    {
        Period = period;
        Label = period.Label;
        LabelUtf8 = Encoding.UTF8.GetBytes(Label);
        StartUtf8 = Encoding.UTF8.GetBytes(period.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        EndUtf8 = Encoding.UTF8.GetBytes(period.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    public Period Period { get; }

    public string Label { get; }

    public byte[] LabelUtf8 { get; }

    public byte[] StartUtf8 { get; }

    public byte[] EndUtf8 { get; }
}

/// <summary>
/// The catalogue rows an import checks against: measures (with their period type, unit and
/// dimensions), areas and breakdowns. Small (thousands of rows), so it is held in memory; the
/// observations themselves never are.
/// </summary>
internal sealed class ImportCatalogue
{
    private const int MaxCachedPeriods = 10_000;

    private readonly Dictionary<string, MeasureInfo> measures;
    private readonly Dictionary<string, MeasureInfo>.AlternateLookup<ReadOnlySpan<char>> measureLookup;
    private readonly Dictionary<string, AreaInfo> areas;
    private readonly Dictionary<string, AreaInfo>.AlternateLookup<ReadOnlySpan<char>> areaLookup;
    private readonly Dictionary<string, BreakdownInfo> breakdowns;
    private readonly Dictionary<string, BreakdownInfo>.AlternateLookup<ReadOnlySpan<char>> breakdownLookup;
    private readonly Dictionary<string, PeriodInfo>[] periods;

    private ImportCatalogue(Dictionary<string, MeasureInfo> measures, Dictionary<string, AreaInfo> areas, Dictionary<string, BreakdownInfo> breakdowns)
    {
        this.measures = measures;
        this.areas = areas;
        this.breakdowns = breakdowns;
        measureLookup = measures.GetAlternateLookup<ReadOnlySpan<char>>();
        areaLookup = areas.GetAlternateLookup<ReadOnlySpan<char>>();
        breakdownLookup = breakdowns.GetAlternateLookup<ReadOnlySpan<char>>();
        periods = [.. Enum.GetValues<PeriodType>().Select(_ => new Dictionary<string, PeriodInfo>(StringComparer.Ordinal))];
    }

    public int MeasureCount => measures.Count;

    public static async Task<ImportCatalogue> LoadAsync(CouncilPlanDb db, CancellationToken cancellationToken)
    {
        var dimensions = (await db.MeasureDimensions.AsNoTracking().Select(d => new { d.MeasureId, d.DimensionId }).ToListAsync(cancellationToken))
            .GroupBy(d => d.MeasureId)
            .ToDictionary(g => g.Key, g => g.Select(d => d.DimensionId).Order(StringComparer.Ordinal).ToArray());
        var measures = (await db.Measures.AsNoTracking().Select(m => new { m.Id, m.Code, m.PeriodType, m.Unit }).ToListAsync(cancellationToken))
            .ToDictionary(
                m => m.Code,
                m => new MeasureInfo(m.Id, m.Code, m.PeriodType, m.Unit == MeasureUnit.Percentage, dimensions.GetValueOrDefault(m.Id) ?? []),
                StringComparer.Ordinal);
        var areas = (await db.Areas.AsNoTracking().Select(a => a.Code).ToListAsync(cancellationToken))
            .ToDictionary(c => c, c => new AreaInfo(c), StringComparer.Ordinal);
        var breakdowns = (await db.Breakdowns.AsNoTracking().Where(b => b.DimensionId != "").Select(b => new { b.Id, b.DimensionId, b.Category }).ToListAsync(cancellationToken))
            .ToDictionary(b => $"{b.DimensionId}:{b.Category}", b => new BreakdownInfo(b.Id, b.DimensionId), StringComparer.Ordinal);
        return new ImportCatalogue(measures, areas, breakdowns);
    }

    public MeasureInfo? FindMeasure(ReadOnlySpan<char> code) => measureLookup.TryGetValue(code, out var measure) ? measure : null;

    public AreaInfo? FindArea(ReadOnlySpan<char> code) => areaLookup.TryGetValue(code, out var area) ? area : null;

    public BreakdownInfo? FindBreakdown(ReadOnlySpan<char> key) => breakdownLookup.TryGetValue(key, out var breakdown) ? breakdown : null;

    public bool DimensionExists(ReadOnlySpan<char> dimension)
    {
        foreach (var breakdown in breakdowns.Values)
        {
            if (dimension.SequenceEqual(breakdown.DimensionId))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The period a text names for a period type, from a small cache (files repeat few periods).</summary>
    public PeriodInfo? ParsePeriod(PeriodType type, ReadOnlySpan<char> text)
    {
        var cache = periods[(int)type];
        var lookup = cache.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(text, out var info))
        {
            return info;
        }

        var key = text.ToString();
        if (!Period.TryParse(type, key, out var period))
        {
            return null;
        }

        if (cache.Count >= MaxCachedPeriods)
        {
            cache.Clear();
        }

        info = new PeriodInfo(period);
        cache[key] = info;
        return info;
    }
}
