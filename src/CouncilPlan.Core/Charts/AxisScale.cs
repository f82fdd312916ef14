namespace CouncilPlan.Core.Charts;

/// <summary>The value axis of the portal's charts and the reports' charts, so both draw the same figures on the same scale.</summary>
public static class AxisScale
{
    private static readonly int[] NiceSteps = [1, 2, 5, 10];

    /// <summary>Axis bounds and a step of 1, 2 or 5 times a power of ten, with about five steps; never below zero for figures that are not.</summary>
    public static (double Min, double Max, double Step) Nice(double low, double high)
    {
        if (low == high)
        {
            var pad = Math.Abs(low) > 0 ? Math.Abs(low) * 0.1 : 1;
            low -= pad;
            high += pad;
        }

        var raw = (high - low) / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = NiceSteps.Select(f => f * magnitude).First(s => s >= raw);
        var min = Math.Floor(low / step) * step;
        var max = Math.Ceiling(high / step) * step;
        if (low >= 0 && min < 0)
        {
            min = 0;
        }

        return (min, max, step);
    }
}
