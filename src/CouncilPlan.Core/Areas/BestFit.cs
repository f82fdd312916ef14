namespace CouncilPlan.Core.Areas;

/// <summary>A small area (an LSOA, say) that is not where a best-fit aggregation expects it.</summary>
public sealed class BestFitException(string message) : Exception(message);

/// <summary>
/// A best-fit lookup: each small area (for example a 2021 LSOA) is assigned wholly to the one ward
/// that holds most of its population, even where the ward boundary cuts through it. Ward figures
/// built through it are therefore approximations at the edges: say so wherever one is shown.
/// </summary>
public sealed class BestFitLookup
{
    private readonly Dictionary<string, string> wardOf;
    private Dictionary<string, int>? perWard;

    public BestFitLookup(IEnumerable<KeyValuePair<string, string>> smallAreaToWard)
    {
        ArgumentNullException.ThrowIfNull(smallAreaToWard);
        wardOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (smallArea, ward) in smallAreaToWard)
        {
            if (!wardOf.TryAdd(smallArea, ward))
            {
                throw new BestFitException($"small area {smallArea} appears twice in the best-fit lookup");
            }
        }
    }

    /// <summary>Every small area, assigned to one area (the whole borough, say): the same rules then give the borough's figure.</summary>
    public static BestFitLookup AllTo(IEnumerable<string> smallAreas, string area) =>
        new(smallAreas.Select(s => KeyValuePair.Create(s, area)));

    public int Count => wardOf.Count;

    /// <summary>How many small areas the lookup puts in a ward (0 for a ward it does not know).</summary>
    public int SmallAreasIn(string ward) => (perWard ??= wardOf.Values.CountBy(w => w, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal)).GetValueOrDefault(ward);

    /// <summary>The ward a small area is assigned to; a small area the lookup does not hold is an error naming it, never dropped.</summary>
    public string WardOf(string smallArea) =>
        wardOf.TryGetValue(smallArea, out var ward)
            ? ward
            : throw new BestFitException($"small area {smallArea} is not in the best-fit lookup, so its figures cannot be given to a ward");
}

/// <summary>One small area's figures: a count or numerator, an optional denominator, and an optional population to weight by.</summary>
public sealed record SmallAreaFigure(string SmallArea, double Value, double? Denominator = null, double? Population = null);

/// <summary>A ward's figure built from its small areas, with how many small areas went into it.</summary>
public sealed record WardFigure(string Ward, double Value, double? Numerator, double? Denominator, int SmallAreas);

/// <summary>
/// Ward figures from small-area figures through a best-fit lookup, by the rule that fits the
/// figure: counts are summed; rates come from summed numerators over summed denominators (never
/// an average of the small areas' rates); shares count small areas; scores are averaged weighted
/// by population. Every small area must be in the lookup and appear once; a ward none of whose
/// small areas has a figure gets no figure at all (not zero).
/// </summary>
public static class BestFit
{
    /// <summary>Counts summed over each ward's small areas.</summary>
    public static IReadOnlyList<WardFigure> Sum(IEnumerable<SmallAreaFigure> figures, BestFitLookup lookup) =>
        [.. Group(figures, lookup).Select(g => new WardFigure(g.Key, g.Sum(f => f.Value), null, null, g.Count()))];

    /// <summary>Summed numerators (Value) over summed denominators, times <paramref name="per"/> (100 for a percentage).</summary>
    public static IReadOnlyList<WardFigure> Rate(IEnumerable<SmallAreaFigure> figures, BestFitLookup lookup, double per)
    {
        var result = new List<WardFigure>();
        foreach (var ward in Group(figures, lookup))
        {
            var missing = ward.FirstOrDefault(f => f.Denominator is null);
            if (missing is not null)
            {
                throw new BestFitException($"small area {missing.SmallArea} has no denominator, so {ward.Key}'s rate cannot be worked out");
            }

            var numerator = ward.Sum(f => f.Value);
            var denominator = ward.Sum(f => f.Denominator!.Value);
            if (denominator > 0)
            {
                result.Add(new WardFigure(ward.Key, numerator / denominator * per, numerator, denominator, ward.Count()));
            }
        }

        return result;
    }

    /// <summary>
    /// The percentage of each ward's small areas for which <paramref name="counts"/> holds ("% of the
    /// ward's neighbourhoods in England's most deprived 20%"), with the number that do as numerator and
    /// the ward's small areas as denominator. A share of places, not of people.
    /// </summary>
    public static IReadOnlyList<WardFigure> Share(IEnumerable<SmallAreaFigure> figures, BestFitLookup lookup, Func<SmallAreaFigure, bool> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return [.. Group(figures, lookup).Select(g =>
        {
            var yes = g.Count(counts);
            var all = g.Count();
            return new WardFigure(g.Key, 100.0 * yes / all, yes, all, all);
        })];
    }

    /// <summary>The population-weighted mean of the small areas' values (scores, say); every small area needs a population.</summary>
    public static IReadOnlyList<WardFigure> PopulationWeightedMean(IEnumerable<SmallAreaFigure> figures, BestFitLookup lookup)
    {
        var result = new List<WardFigure>();
        foreach (var ward in Group(figures, lookup))
        {
            var missing = ward.FirstOrDefault(f => f.Population is not > 0);
            if (missing is not null)
            {
                throw new BestFitException($"small area {missing.SmallArea} has no population, so {ward.Key}'s population-weighted mean cannot be worked out");
            }

            var population = ward.Sum(f => f.Population!.Value);
            result.Add(new WardFigure(ward.Key, ward.Sum(f => f.Value * f.Population!.Value) / population, null, population, ward.Count()));
        }

        return result;
    }

    private static IEnumerable<IGrouping<string, SmallAreaFigure>> Group(IEnumerable<SmallAreaFigure> figures, BestFitLookup lookup)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(lookup);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var placed = new List<(string Ward, SmallAreaFigure Figure)>();
        foreach (var figure in figures)
        {
            if (!seen.Add(figure.SmallArea))
            {
                throw new BestFitException($"small area {figure.SmallArea} has two figures, so it would be counted twice");
            }

            placed.Add((lookup.WardOf(figure.SmallArea), figure));
        }

        return placed.GroupBy(p => p.Ward, p => p.Figure, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal);
    }
}
