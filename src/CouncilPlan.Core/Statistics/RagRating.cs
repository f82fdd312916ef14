namespace CouncilPlan.Core.Statistics;

/// <summary>How an amber tolerance is measured.</summary>
public enum ToleranceKind
{
    /// <summary>In the measure's own units (for example 2 percentage points).</summary>
    Absolute,

    /// <summary>As a percentage of the target (for example 5% of the target).</summary>
    PercentOfTarget,
}

/// <summary>How far short of target a measure can be and still be amber.</summary>
public sealed record AmberTolerance(double Amount, ToleranceKind Kind)
{
    /// <summary>A tolerance in the measure's own units.</summary>
    public static AmberTolerance Absolute(double amount) => new(amount, ToleranceKind.Absolute);

    /// <summary>A tolerance as a percentage of the target.</summary>
    public static AmberTolerance PercentOfTarget(double percent) => new(percent, ToleranceKind.PercentOfTarget);

    /// <summary>The tolerance in the measure's units for a target.</summary>
    public double WidthFor(double target) => Kind == ToleranceKind.Absolute ? Amount : Math.Abs(target) * Amount / 100;
}

/// <summary>
/// Red, amber or green against a target, with the measure's polarity. The rules:
/// <list type="bullet">
/// <item>Meeting the target exactly, or doing better than it, is <see cref="Rag.Green"/>.</item>
/// <item>Missing the target by no more than the tolerance is <see cref="Rag.Amber"/>: a shortfall exactly equal to
/// the tolerance is amber (the boundary belongs to amber).</item>
/// <item>Missing it by more than the tolerance is <see cref="Rag.Red"/>; with no tolerance, any shortfall is red.</item>
/// <item>Context indicators, a missing value or target, and measures with no polarity are <see cref="Rag.NotRated"/>.</item>
/// </list>
/// When <c>decimalPlaces</c> is given the value is first rounded (half away from zero) to the places the measure
/// is published at, so that a published 80.0% against a target of 80% is green, as a reader would expect. The
/// tolerance comparison allows for floating-point noise of one part in 10^9 of the target, so 5% of 80 is exactly 4.
/// </summary>
public static class RagRating
{
    private const double RelativeNoise = 1e-9;

    /// <summary>Rates a value against its target.</summary>
    /// <param name="value">The latest value; null when there is none.</param>
    /// <param name="target">The target; null when the measure has none.</param>
    /// <param name="polarity">Which way is better.</param>
    /// <param name="tolerance">How far short is still amber; null for no amber band.</param>
    /// <param name="isContext">True for a context indicator, which is never rated.</param>
    /// <param name="decimalPlaces">The places the measure is published at, to round the value to first; null to use it as given.</param>
    public static Rag Judge(
        double? value,
        double? target,
        Polarity polarity,
        AmberTolerance? tolerance = null,
        bool isContext = false,
        int? decimalPlaces = null)
    {
        if (isContext || polarity == Polarity.NoJudgement || value is not { } v || target is not { } t
            || double.IsNaN(v) || double.IsNaN(t))
        {
            return Rag.NotRated;
        }

        if (tolerance is not null && (double.IsNaN(tolerance.Amount) || tolerance.Amount < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance.Amount, "an amber tolerance cannot be negative");
        }

        if (decimalPlaces is { } places)
        {
            v = Math.Round(v, places, MidpointRounding.AwayFromZero);
        }

        var shortfall = polarity == Polarity.HigherIsBetter ? t - v : v - t;
        if (shortfall <= 0)
        {
            return Rag.Green;
        }

        var width = tolerance?.WidthFor(t) ?? 0;
        return width > 0 && shortfall <= width + (RelativeNoise * Math.Max(1, Math.Abs(t))) ? Rag.Amber : Rag.Red;
    }
}
