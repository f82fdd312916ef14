using System.Globalization;
using CouncilPlan.Core.Charts;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Reports;
using CouncilPlan.Core.Statistics.Spc;

namespace CouncilPlan.Reports.Charts;

/// <summary>One figure as the chart draws it, with everything drawn around it.</summary>
/// <param name="ValueText">The figure in words as the page shows it ("68%", "621 homes").</param>
/// <param name="Break">Why the line is not joined to the figure before (a series break, or a gap), or null.</param>
public sealed record ChartPoint(
    string Period,
    double Value,
    string ValueText,
    double? Lower = null,
    double? Upper = null,
    double? Target = null,
    double? Benchmark = null,
    int? Group = null,
    double? Mean = null,
    double? LowerLimit = null,
    double? UpperLimit = null,
    string? PointType = null,
    ChartBreak? Break = null);

/// <summary>Where the line stops: a series break is drawn as a dashed line and named; a gap is only not joined.</summary>
public sealed record ChartBreak(bool IsSeriesBreak, string Reason);

/// <summary>
/// A measure's series for <see cref="SeriesChart"/>: the one chart of the portal's measure pages and
/// of every report, built from the portal's assessment or from a frozen report's model.
/// </summary>
public sealed record ChartSeries(string Id, string Title, string Description, IReadOnlyList<ChartPoint> Points, string? BenchmarkName)
{
    /// <summary>The portal's series: breaks from the catalogue, and gaps longer than the measure's frequency left unjoined.</summary>
    /// <param name="stepMonths">Months between consecutive figures: a longer step is a gap.</param>
    public static ChartSeries From(string id, string title, string description, IReadOnlyList<AssessedPoint> points, int decimals, string? benchmarkName, IReadOnlyList<MeasureBreak>? breaks = null, int? stepMonths = null)
    {
        var plotted = points.Where(p => p.Figure.Value is not null).ToList();
        var chart = new List<ChartPoint>();
        for (var i = 0; i < plotted.Count; i++)
        {
            var p = plotted[i];
            ChartBreak? at = null;
            if (i > 0)
            {
                var previous = plotted[i - 1].Figure.PeriodStart;
                var seriesBreak = (breaks ?? []).FirstOrDefault(b => b.PeriodStart > previous && b.PeriodStart <= p.Figure.PeriodStart);
                at = seriesBreak is not null ? new ChartBreak(true, $"Series break from {seriesBreak.Period}: {seriesBreak.Reason}")
                    : stepMonths is { } months && p.Figure.PeriodStart > previous.AddMonths(months) ? new ChartBreak(false, "No figure for the periods between")
                    : null;
            }

            chart.Add(new ChartPoint(
                p.Figure.Period, p.Figure.Value!.Value, MeasureWords.Number(p.Figure.Value.Value, decimals),
                p.Interval?.Lower, p.Interval?.Upper, p.Target, p.Benchmark,
                p.Spc?.RebaseGroup, p.Spc?.Mean, p.Spc?.Lpl, p.Spc?.Upl, p.Spc?.PointType, at));
        }

        return new ChartSeries(id, title, description, chart, benchmarkName);
    }

    /// <summary>A frozen report's series, drawn the same every time the report is opened.</summary>
    public static ChartSeries From(string id, ReportMeasure measure) => new(
        id,
        $"{measure.Code} {measure.Title}: figures by period",
        measure.Summary,
        measure.Series.Where(p => p.Value is not null).Select(p => new ChartPoint(
            p.Period, p.Value!.Value, ReportWords.Value(measure, p.Value),
            p.Lower, p.Upper, p.Target, p.Benchmark, p.Group, p.Mean, p.LowerLimit, p.UpperLimit, p.PointType,
            p.NewSeries ? new ChartBreak(true, $"Series break: figures from {p.Period} are on a new basis") : null)).ToList(),
        measure.BenchmarkName);

    /// <summary>How a point is drawn: concern (triangle, "C"), improvement (square, "I"), neutral special cause (diamond, "S"), or common.</summary>
    public static string PointKind(string? pointType) => pointType switch
    {
        SpcLabels.Point.Concern => "concern",
        SpcLabels.Point.Improvement => "improvement",
        SpcLabels.Point.NeutralHigh or SpcLabels.Point.NeutralLow => "neutral",
        _ => "common",
    };

    /// <summary>What SPC says about a point, in words: the chart's tooltips and the tables beside it.</summary>
    public static string Describe(string? pointType) => pointType switch
    {
        SpcLabels.Point.Concern => "special cause: concern",
        SpcLabels.Point.Improvement => "special cause: improvement",
        SpcLabels.Point.NeutralHigh => "special cause: higher than usual",
        SpcLabels.Point.NeutralLow => "special cause: lower than usual",
        null => "too few figures for process limits",
        _ => "common cause variation",
    };

    /// <summary>An axis tick in as many decimals as the step needs.</summary>
    internal static string Tick(double value, double step) =>
        value.ToString("N" + (step >= 1 ? 0 : (int)Math.Ceiling(-Math.Log10(step))), CultureInfo.GetCultureInfo("en-GB"));

    /// <summary>Period labels short enough for an axis: "Apr 2023-Mar 2024" becomes "Mar 2024"; quarters keep their year.</summary>
    internal static string ShortPeriod(string period) => period.Contains('-', StringComparison.Ordinal) && period.Length > 10 && !period.Contains(" Q", StringComparison.Ordinal)
        ? period[(period.LastIndexOf('-') + 1)..]
        : period.Replace(" academic", "", StringComparison.Ordinal);

    /// <summary>The value scale every chart uses (<see cref="AxisScale.Nice"/>).</summary>
    internal (double Min, double Max, double Step)? Scale()
    {
        var values = Points.SelectMany(p => new[] { p.Value, p.Lower, p.Upper, p.Benchmark, p.Target, p.LowerLimit, p.UpperLimit })
            .Where(v => v is { } d && double.IsFinite(d)).Select(v => v!.Value).ToList();
        return values.Count == 0 ? null : AxisScale.Nice(values.Min(), values.Max());
    }
}
