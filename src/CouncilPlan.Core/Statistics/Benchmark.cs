namespace CouncilPlan.Core.Statistics;

/// <summary>
/// Compares a figure with a benchmark (England, the region, the statistical neighbours) the way OHID Fingertips
/// does with confidence intervals: the figure is similar when the benchmark lies inside its interval, ends included,
/// and otherwise significantly better or worse according to the measure's polarity.
/// </summary>
/// <remarks>
/// The boundary follows PHEindicatormethods R/Funnels.R assign_funnel_significance, which calls a figure "High" only
/// when the benchmark is strictly below its lower limit (<c>1 &lt; funnel_ratio_significance(..., "low")</c>) and
/// "Low" only when strictly above its upper limit; a benchmark equal to a limit is "Not significant". A measure with
/// no polarity gets <see cref="Comparison.Higher"/> or <see cref="Comparison.Lower"/> (Fingertips' "higher" /
/// "lower"). An interval missing either limit, or a missing benchmark, is <see cref="Comparison.NotCompared"/>.
/// </remarks>
public static class Benchmark
{
    /// <summary>Compares the interval with the benchmark.</summary>
    public static Comparison Compare(Interval interval, double? benchmark, Polarity polarity)
    {
        if (interval.Lower is not { } lower || interval.Upper is not { } upper || benchmark is not { } value
            || double.IsNaN(lower) || double.IsNaN(upper) || double.IsNaN(value))
        {
            return Comparison.NotCompared;
        }

        if (lower > value)
        {
            return polarity switch
            {
                Polarity.HigherIsBetter => Comparison.Better,
                Polarity.LowerIsBetter => Comparison.Worse,
                _ => Comparison.Higher,
            };
        }

        if (upper < value)
        {
            return polarity switch
            {
                Polarity.HigherIsBetter => Comparison.Worse,
                Polarity.LowerIsBetter => Comparison.Better,
                _ => Comparison.Lower,
            };
        }

        return Comparison.Similar;
    }
}
