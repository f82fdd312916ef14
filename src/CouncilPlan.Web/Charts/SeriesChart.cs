using System.Globalization;
using System.Net;
using System.Text;
using CouncilPlan.Core.Charts;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Statistics.Spc;

namespace CouncilPlan.Web.Charts;

/// <summary>
/// Draws a measure's series as an SVG chart on the server, so it needs no JavaScript: the values,
/// their confidence intervals, the SPC mean and process limits, the target and the benchmark.
/// Special-cause points are told apart by shape and a letter as well as colour, and the chart has a
/// title and a description; the page shows the same numbers as a table.
/// </summary>
public static class SeriesChart
{
    private const double Width = 720;
    private const double Height = 380;
    private const double Left = 64;
    private const double Right = 16;
    private const double Top = 16;
    private const double Bottom = 64;

    /// <param name="stepMonths">Months between consecutive figures (the measure's frequency): a longer step is a gap, and the line is not drawn across it.</param>
    public static string Render(string id, string title, string description, IReadOnlyList<AssessedPoint> points, int decimals, string? benchmarkName, IReadOnlyList<MeasureBreak>? breaks = null, int? stepMonths = null)
    {
        var svg = new StringBuilder();
        var plotted = points.Where(p => p.Figure.Value is not null).ToList();
        var values = plotted.SelectMany(p => new[] { p.Figure.Value, p.Interval?.Lower, p.Interval?.Upper, p.Benchmark, p.Target, p.Spc?.Lpl, p.Spc?.Upl })
            .Where(v => v is { } d && double.IsFinite(d)).Select(v => v!.Value).ToList();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"councilplan-chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" focusable=\"false\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{Escape(title)}</title><desc id=\"{id}-desc\">{Escape(description)}</desc>");
        if (plotted.Count == 0 || values.Count == 0)
        {
            svg.Append("<text x=\"360\" y=\"190\" text-anchor=\"middle\" class=\"councilplan-chart__note\">Awaiting data</text></svg>");
            return svg.ToString();
        }

        var (min, max, step) = AxisScale.Nice(values.Min(), values.Max());
        double X(int i) => plotted.Count == 1 ? Left + ((Width - Left - Right) / 2) : Left + (i * (Width - Left - Right) / (plotted.Count - 1));
        double Y(double v) => Top + ((max - v) / (max - min) * (Height - Top - Bottom));

        // Axes and gridlines with their values.
        for (var tick = min; tick <= max + (step / 2); tick += step)
        {
            var y = Y(tick);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"councilplan-chart__grid\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"councilplan-chart__axis\" x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{Format(tick, step)}</text>");
        }

        var every = Math.Max(1, (int)Math.Ceiling(plotted.Count / 8.0));
        for (var i = 0; i < plotted.Count; i++)
        {
            if (i % every == 0 || i == plotted.Count - 1)
            {
                var anchor = plotted.Count == 1 ? "middle" : i == 0 ? "start" : i == plotted.Count - 1 ? "end" : "middle";
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"councilplan-chart__axis\" x=\"{X(i):0.#}\" y=\"{Height - Bottom + 18}\" text-anchor=\"{anchor}\">{Escape(Short(plotted[i].Figure.Period))}</text>");
            }
        }

        // Series breaks: a dashed line before the first figure on the new basis, labelled in words.
        var breakAt = new List<int>();
        foreach (var seriesBreak in breaks ?? [])
        {
            var first = plotted.FindIndex(p => p.Figure.PeriodStart >= seriesBreak.PeriodStart);
            if (first > 0)
            {
                breakAt.Add(first);
                var x = (X(first - 1) + X(first)) / 2;
                svg.Append(CultureInfo.InvariantCulture, $"<g class=\"councilplan-chart__break\"><title>{Escape($"Series break from {seriesBreak.Period}: {seriesBreak.Reason}")}</title><line x1=\"{x:0.#}\" x2=\"{x:0.#}\" y1=\"{Top}\" y2=\"{Height - Bottom}\"/><text x=\"{x + 3:0.#}\" y=\"{Top + 10}\">Break</text></g>");
            }
        }

        // Gaps (a year with no published figure) are not bridged by the line either.
        var gapAt = stepMonths is { } months
            ? Enumerable.Range(1, Math.Max(0, plotted.Count - 1)).Where(i => plotted[i].Figure.PeriodStart > plotted[i - 1].Figure.PeriodStart.AddMonths(months)).ToList()
            : [];

        // SPC mean and process limits, per rebase group.
        foreach (var group in plotted.Select((p, i) => (p, i)).Where(x => x.p.Spc is not null).GroupBy(x => x.p.Spc!.RebaseGroup))
        {
            var first = group.First().i;
            var last = group.Last().i;
            var spc = group.First().p.Spc!;
            Line(svg, "councilplan-chart__mean", X(first), X(last), spc.Mean, Y);
            Line(svg, "councilplan-chart__limit", X(first), X(last), spc.Lpl, Y);
            Line(svg, "councilplan-chart__limit", X(first), X(last), spc.Upl, Y);
        }

        // Targets, as short horizontal marks at their periods.
        foreach (var (p, i) in plotted.Select((p, i) => (p, i)).Where(x => x.p.Target is not null))
        {
            svg.Append(CultureInfo.InvariantCulture, $"<path class=\"councilplan-chart__target\" d=\"M{X(i) - 10:0.#},{Y(p.Target!.Value):0.#}h20\"/>");
        }

        // Benchmark values, as hollow diamonds joined by a dotted line.
        var benchmark = plotted.Select((p, i) => (p, i)).Where(x => x.p.Benchmark is not null).ToList();
        if (benchmark.Count > 0)
        {
            svg.Append("<polyline class=\"councilplan-chart__benchmark-line\" points=\"");
            svg.AppendJoin(' ', benchmark.Select(b => string.Create(CultureInfo.InvariantCulture, $"{X(b.i):0.#},{Y(b.p.Benchmark!.Value):0.#}")));
            svg.Append("\"/>");
            foreach (var (p, i) in benchmark)
            {
                var x = X(i);
                var y = Y(p.Benchmark!.Value);
                svg.Append(CultureInfo.InvariantCulture, $"<path class=\"councilplan-chart__benchmark\" d=\"M{x:0.#},{y - 5:0.#}l5,5l-5,5l-5,-5z\"/>");
            }
        }

        // Confidence intervals as whiskers.
        foreach (var (p, i) in plotted.Select((p, i) => (p, i)).Where(x => x.p.Interval?.Lower is not null && x.p.Interval.Upper is not null))
        {
            var x = X(i);
            svg.Append(CultureInfo.InvariantCulture, $"<path class=\"councilplan-chart__interval\" d=\"M{x:0.#},{Y(p.Interval!.Lower!.Value):0.#}V{Y(p.Interval.Upper!.Value):0.#}M{x - 4:0.#},{Y(p.Interval.Lower.Value):0.#}h8M{x - 4:0.#},{Y(p.Interval.Upper.Value):0.#}h8\"/>");
        }

        // The series itself, not joined across a break, then each point shaped by what SPC says about it.
        foreach (var (from, to) in Runs(plotted.Count, [.. breakAt.Union(gapAt)]))
        {
            svg.Append("<polyline class=\"councilplan-chart__line\" points=\"");
            svg.AppendJoin(' ', plotted.Skip(from).Take(to - from).Select((p, i) => string.Create(CultureInfo.InvariantCulture, $"{X(from + i):0.#},{Y(p.Figure.Value!.Value):0.#}")));
            svg.Append("\"/>");
        }

        for (var i = 0; i < plotted.Count; i++)
        {
            var p = plotted[i];
            var x = X(i);
            var y = Y(p.Figure.Value!.Value);
            var label = $"{p.Figure.Period}: {MeasureWords.Number(p.Figure.Value!.Value, decimals)}";
            var kind = PointKind(p.Spc?.PointType);
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"councilplan-chart__point councilplan-chart__point--{kind}\"><title>{Escape(label)}{(kind == "common" ? "" : " – " + Escape(Describe(p.Spc!.PointType)))}</title>");
            switch (kind)
            {
                case "concern":
                    svg.Append(CultureInfo.InvariantCulture, $"<path d=\"M{x:0.#},{y - 8:0.#}l8,14h-16z\"/><text x=\"{x:0.#}\" y=\"{y + 20:0.#}\" text-anchor=\"middle\">C</text>");
                    break;
                case "improvement":
                    svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x - 6:0.#}\" y=\"{y - 6:0.#}\" width=\"12\" height=\"12\"/><text x=\"{x:0.#}\" y=\"{y - 10:0.#}\" text-anchor=\"middle\">I</text>");
                    break;
                case "neutral":
                    svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x - 6:0.#}\" y=\"{y - 6:0.#}\" width=\"12\" height=\"12\" transform=\"rotate(45 {x:0.#} {y:0.#})\"/><text x=\"{x:0.#}\" y=\"{y - 11:0.#}\" text-anchor=\"middle\">S</text>");
                    break;
                default:
                    svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"4.5\"/>");
                    break;
            }

            svg.Append("</g>");
        }

        Legend(svg, plotted, benchmarkName, breakAt.Count > 0);
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>How a point is drawn: concern (triangle, "C"), improvement (square, "I"), neutral special cause (diamond, "S"), or common.</summary>
    public static string PointKind(string? pointType) => pointType switch
    {
        SpcLabels.Point.Concern => "concern",
        SpcLabels.Point.Improvement => "improvement",
        SpcLabels.Point.NeutralHigh or SpcLabels.Point.NeutralLow => "neutral",
        _ => "common",
    };

    public static string Describe(string? pointType) => pointType switch
    {
        SpcLabels.Point.Concern => "special cause: concern",
        SpcLabels.Point.Improvement => "special cause: improvement",
        SpcLabels.Point.NeutralHigh => "special cause: higher than usual",
        SpcLabels.Point.NeutralLow => "special cause: lower than usual",
        _ => "common cause variation",
    };

    private static IEnumerable<(int From, int To)> Runs(int count, List<int> breakAt)
    {
        var from = 0;
        foreach (var at in breakAt.Order())
        {
            yield return (from, at);
            from = at;
        }

        yield return (from, count);
    }

    private static void Legend(StringBuilder svg, IReadOnlyList<AssessedPoint> points, string? benchmarkName, bool hasBreaks)
    {
        var items = new List<(string Class, string Mark, string Text)> { ("councilplan-chart__line", "line", "Value") };
        if (points.Any(p => p.Spc?.Mean is not null))
        {
            items.Add(("councilplan-chart__mean", "line", "Mean"));
            items.Add(("councilplan-chart__limit", "line", "Process limits"));
        }

        if (points.Any(p => p.Interval?.Lower is not null))
        {
            items.Add(("councilplan-chart__interval", "line", "95% confidence interval"));
        }

        if (points.Any(p => p.Benchmark is not null))
        {
            items.Add(("councilplan-chart__benchmark-line", "line", benchmarkName ?? "Benchmark"));
        }

        if (points.Any(p => p.Target is not null))
        {
            items.Add(("councilplan-chart__target", "line", "Target"));
        }

        if (hasBreaks)
        {
            items.Add(("councilplan-chart__break-key", "line", "Series break"));
        }

        var x = Left;
        var y = Height - 18;
        foreach (var (cls, _, text) in items)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<path class=\"{cls}\" d=\"M{x:0.#},{y - 4:0.#}h18\"/><text class=\"councilplan-chart__legend\" x=\"{x + 22:0.#}\" y=\"{y:0.#}\">{Escape(text)}</text>");
            x += 34 + (text.Length * 6.4);
        }
    }

    private static void Line(StringBuilder svg, string cls, double x1, double x2, double? value, Func<double, double> y)
    {
        if (value is { } v && double.IsFinite(v))
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"{cls}\" x1=\"{x1:0.#}\" x2=\"{(x2 > x1 ? x2 : x1 + 1):0.#}\" y1=\"{y(v):0.#}\" y2=\"{y(v):0.#}\"/>");
        }
    }

    private static string Format(double value, double step)
    {
        var decimals = step >= 1 ? 0 : (int)Math.Ceiling(-Math.Log10(step));
        return value.ToString("N" + decimals, CultureInfo.GetCultureInfo("en-GB"));
    }

    /// <summary>Period labels short enough for an axis: "Apr 2023-Mar 2024" becomes "Mar 2024".</summary>
    private static string Short(string period) => period.Contains('-', StringComparison.Ordinal) && period.Length > 10 ? period[(period.LastIndexOf('-') + 1)..] : period.Replace(" academic", "", StringComparison.Ordinal);

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
