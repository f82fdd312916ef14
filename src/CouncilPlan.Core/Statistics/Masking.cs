namespace CouncilPlan.Core.Statistics;

/// <summary>A ward or breakdown group's figure with its interval.</summary>
public sealed record GroupFigure(string Group, Interval Interval);

/// <summary>The result of a masking check.</summary>
/// <param name="Masked">True when at least one group is significantly worse than the borough, so the borough figure hides it.</param>
/// <param name="WorseGroups">The groups significantly worse than the borough, in the order given.</param>
/// <param name="NotComparedGroups">Groups with no interval, which could not be checked.</param>
public sealed record MaskingResult(bool Masked, IReadOnlyList<string> WorseGroups, IReadOnlyList<string> NotComparedGroups);

/// <summary>
/// Flags a borough figure that masks a worse-off group: a group is significantly worse when its interval does not
/// include the borough value and lies on the worse side of it for the measure's polarity (the same rule as
/// <see cref="Benchmark.Compare"/>, with the borough value as the benchmark: a borough value on a group's limit is
/// similar). A measure with no polarity has no "worse", so it is never flagged; a missing borough value is not
/// checked.
/// </summary>
public static class Masking
{
    /// <summary>Checks the groups against the borough figure.</summary>
    public static MaskingResult Check(Interval borough, IEnumerable<GroupFigure> groups, Polarity polarity)
    {
        var list = groups.ToList();
        if (borough.Value is not { } value || double.IsNaN(value) || polarity == Polarity.NoJudgement)
        {
            return new MaskingResult(false, [], []);
        }

        var worse = new List<string>();
        var notCompared = new List<string>();
        foreach (var group in list)
        {
            switch (Benchmark.Compare(group.Interval, value, polarity))
            {
                case Comparison.Worse:
                    worse.Add(group.Group);
                    break;
                case Comparison.NotCompared:
                    notCompared.Add(group.Group);
                    break;
                default:
                    break;
            }
        }

        return new MaskingResult(worse.Count > 0, worse, notCompared);
    }
}
