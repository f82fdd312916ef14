using CouncilPlan.Core.Measures;

namespace CouncilPlan.Core.Areas;

/// <summary>One band of a shaded map: the lowest and highest figure in it and the areas it holds.</summary>
public sealed record ChoroplethBand(int Number, double From, double To, IReadOnlyList<string> AreaCodes);

/// <summary>
/// A measure's figures for a set of areas, grouped into bands for a shaded map: the latest period
/// every figure comes from, the bands, and the areas with no figure to show (none published, or
/// withheld by disclosure control).
/// </summary>
public sealed record Choropleth(string Period, IReadOnlyDictionary<string, double> Values, IReadOnlyList<ChoroplethBand> Bands, IReadOnlyList<string> Withheld, IReadOnlyList<string> Missing)
{
    /// <summary>At most five bands: with a council's twenty or so wards that is four or five a band, and more shades become hard to tell apart (C. Brewer, Designing Better Maps, ESRI Press 2005).</summary>
    public const int MostBands = 5;

    public ChoroplethBand? BandOf(string areaCode) => Bands.FirstOrDefault(b => b.AreaCodes.Contains(areaCode, StringComparer.Ordinal));

    /// <summary>
    /// The shaded map of a measure over some areas from its public figures (already through
    /// disclosure control): whole-population figures only, all from the latest period any of the
    /// areas has, so that no two areas are compared across periods. Null when no area has a figure.
    /// </summary>
    public static Choropleth? Of(IReadOnlyList<PublicFigure> figures, IReadOnlyCollection<string> areaCodes, int bands = MostBands)
    {
        var codes = areaCodes.ToHashSet(StringComparer.Ordinal);
        var candidates = figures.Where(f => f.IsTotal && codes.Contains(f.AreaCode)).ToList();
        var latest = candidates.Where(f => f.Value is not null && !f.Suppressed).MaxBy(f => f.PeriodStart);
        if (latest is null)
        {
            return null;
        }

        var inPeriod = candidates.Where(f => f.Period == latest.Period).ToList();
        var values = inPeriod.Where(f => f.Value is not null && !f.Suppressed).ToDictionary(f => f.AreaCode, f => f.Value!.Value, StringComparer.Ordinal);
        var withheld = inPeriod.Where(f => f.Suppressed).Select(f => f.AreaCode).Distinct().Order(StringComparer.Ordinal).ToList();
        var missing = codes.Where(c => !values.ContainsKey(c) && !withheld.Contains(c)).Order(StringComparer.Ordinal).ToList();
        return new Choropleth(latest.Period, values, Quantiles(values, bands), withheld, missing);
    }

    /// <summary>
    /// Bands of (as near as possible) equal numbers of areas, by rank. Equal figures always share a
    /// band, so a band edge never separates two areas with the same figure; with few distinct
    /// figures there are fewer bands.
    /// </summary>
    public static IReadOnlyList<ChoroplethBand> Quantiles(IReadOnlyDictionary<string, double> values, int bands = MostBands)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bands, 1);
        var ordered = values.OrderBy(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal).ToList();
        var groups = new List<List<KeyValuePair<string, double>>>();
        var currentBand = -1;
        for (var i = 0; i < ordered.Count; i++)
        {
            // The band of the first area with this figure: ties follow it.
            var first = ordered.FindIndex(v => v.Value == ordered[i].Value);
            var band = first * bands / ordered.Count;
            if (first == i && band != currentBand)
            {
                groups.Add([]);
                currentBand = band;
            }

            groups[^1].Add(ordered[i]);
        }

        return groups.Select((g, i) => new ChoroplethBand(i + 1, g[0].Value, g[^1].Value, g.Select(v => v.Key).ToList())).ToList();
    }
}
