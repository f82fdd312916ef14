using System.Globalization;
using System.Text;
using CouncilPlan.Core.Charts;
using CouncilPlan.Core.Statistics.Spc;

namespace CouncilPlan.Core.Reports;

/// <summary>
/// A measure's series as an SVG chart for exception pages, drawn from the frozen model so that a
/// past report draws the same chart every time. It follows the portal's chart (Web/Charts/SeriesChart):
/// SPC mean and process limits, targets, the benchmark and intervals, with special-cause points told
/// apart by shape and a letter as well as colour. Styling is in presentation attributes, not CSS,
/// so it prints as vectors anywhere (HTML file, portal, PDF) without a style sheet.
/// </summary>
public static class ReportChart
{
    private const double Width = 720;
    private const double Height = 300;
    private const double Left = 64;
    private const double Right = 16;
    private const double Top = 16;
    private const double Bottom = 60;

    private const string Ink = "#0b0c0c";
    private const string Blue = "#1d70b8";
    private const string Grey = "#505a5f";
    private const string Orange = "#d4351c";
    private const string Purple = "#4c2c92";
    private const string Green = "#00703c";

    public static string Render(string id, ReportMeasure measure, string description)
    {
        var svg = new StringBuilder();
        var points = measure.Series.Where(p => p.Value is not null).ToList();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"cp-chart\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" focusable=\"false\" font-family=\"Arial, Helvetica, sans-serif\" font-size=\"12\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{Escape($"{measure.Code} {measure.Title}: figures by period")}</title><desc id=\"{id}-desc\">{Escape(description)}</desc>");
        var values = points.SelectMany(p => new[] { p.Value, p.Lower, p.Upper, p.Benchmark, p.Target, p.LowerLimit, p.UpperLimit })
            .Where(v => v is { } d && double.IsFinite(d)).Select(v => v!.Value).ToList();
        if (points.Count == 0 || values.Count == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"{Height / 2}\" text-anchor=\"middle\" fill=\"{Ink}\">Awaiting data</text></svg>");
            return svg.ToString();
        }

        var (min, max, step) = AxisScale.Nice(values.Min(), values.Max());
        double X(int i) => points.Count == 1 ? Left + ((Width - Left - Right) / 2) : Left + (i * (Width - Left - Right) / (points.Count - 1));
        double Y(double v) => Top + ((max - v) / (max - min) * (Height - Top - Bottom));

        for (var tick = min; tick <= max + (step / 2); tick += step)
        {
            var y = Y(tick);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke=\"#b1b4b6\" stroke-width=\"0.5\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" fill=\"{Ink}\">{Tick(tick, step)}</text>");
        }

        var every = Math.Max(1, (int)Math.Ceiling(points.Count / 8.0));
        for (var i = 0; i < points.Count; i++)
        {
            if (i % every == 0 || i == points.Count - 1)
            {
                var anchor = points.Count == 1 ? "middle" : i == 0 ? "start" : i == points.Count - 1 ? "end" : "middle";
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(i):0.#}\" y=\"{Height - Bottom + 16}\" text-anchor=\"{anchor}\" fill=\"{Ink}\">{Escape(Short(points[i].Period))}</text>");
            }
        }

        foreach (var group in points.Select((p, i) => (p, i)).Where(x => x.p.Mean is not null).GroupBy(x => x.p.Group))
        {
            var first = group.First().i;
            var last = group.Last().i;
            var p = group.First().p;
            Line(svg, X(first), X(last), p.Mean, Y, Grey, "");
            Line(svg, X(first), X(last), p.LowerLimit, Y, Grey, " stroke-dasharray=\"6 4\"");
            Line(svg, X(first), X(last), p.UpperLimit, Y, Grey, " stroke-dasharray=\"6 4\"");
        }

        foreach (var (p, i) in points.Select((p, i) => (p, i)).Where(x => x.p.Target is not null))
        {
            svg.Append(CultureInfo.InvariantCulture, $"<path d=\"M{X(i) - 10:0.#},{Y(p.Target!.Value):0.#}h20\" stroke=\"{Green}\" stroke-width=\"3\"/>");
        }

        var benchmark = points.Select((p, i) => (p, i)).Where(x => x.p.Benchmark is not null).ToList();
        if (benchmark.Count > 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{Purple}\" stroke-width=\"1.5\" stroke-dasharray=\"2 3\" points=\"");
            svg.AppendJoin(' ', benchmark.Select(b => string.Create(CultureInfo.InvariantCulture, $"{X(b.i):0.#},{Y(b.p.Benchmark!.Value):0.#}")));
            svg.Append("\"/>");
            foreach (var (p, i) in benchmark)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<path d=\"M{X(i):0.#},{Y(p.Benchmark!.Value) - 5:0.#}l5,5l-5,5l-5,-5z\" fill=\"#ffffff\" stroke=\"{Purple}\" stroke-width=\"1.5\"/>");
            }
        }

        foreach (var (p, i) in points.Select((p, i) => (p, i)).Where(x => x.p.Lower is not null && x.p.Upper is not null))
        {
            var x = X(i);
            svg.Append(CultureInfo.InvariantCulture, $"<path d=\"M{x:0.#},{Y(p.Lower!.Value):0.#}V{Y(p.Upper!.Value):0.#}M{x - 4:0.#},{Y(p.Lower.Value):0.#}h8M{x - 4:0.#},{Y(p.Upper.Value):0.#}h8\" stroke=\"{Ink}\" stroke-width=\"1\" fill=\"none\"/>");
        }

        // A series break: a dashed line before the first figure on the new basis, and the line not joined across it.
        var starts = new List<int> { 0 };
        for (var i = 1; i < points.Count; i++)
        {
            if (points[i].NewSeries)
            {
                starts.Add(i);
                var bx = (X(i - 1) + X(i)) / 2;
                svg.Append(CultureInfo.InvariantCulture, $"<g><title>{Escape($"Series break: figures from {points[i].Period} are on a new basis")}</title><line x1=\"{bx:0.#}\" x2=\"{bx:0.#}\" y1=\"{Top}\" y2=\"{Height - Bottom}\" stroke=\"{Ink}\" stroke-width=\"1.5\" stroke-dasharray=\"2 4\"/><text x=\"{bx + 3:0.#}\" y=\"{Top + 10}\" fill=\"{Ink}\">Break</text></g>");
            }
        }

        starts.Add(points.Count);
        for (var run = 0; run < starts.Count - 1; run++)
        {
            var from = starts[run];
            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{Blue}\" stroke-width=\"2.5\" points=\"");
            svg.AppendJoin(' ', points.Skip(from).Take(starts[run + 1] - from).Select((p, i) => string.Create(CultureInfo.InvariantCulture, $"{X(from + i):0.#},{Y(p.Value!.Value):0.#}")));
            svg.Append("\"/>");
        }

        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            var x = X(i);
            var y = Y(p.Value!.Value);
            svg.Append(CultureInfo.InvariantCulture, $"<g><title>{Escape($"{p.Period}: {ReportWords.Value(measure, p.Value)}, {PointWords(p.PointType)}")}</title>");
            switch (p.PointType)
            {
                case SpcLabels.Point.Concern:
                    svg.Append(CultureInfo.InvariantCulture, $"<path d=\"M{x:0.#},{y - 8:0.#}l8,14h-16z\" fill=\"{Orange}\"/><text x=\"{x:0.#}\" y=\"{y + 20:0.#}\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"{Ink}\">C</text>");
                    break;
                case SpcLabels.Point.Improvement:
                    svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x - 6:0.#}\" y=\"{y - 6:0.#}\" width=\"12\" height=\"12\" fill=\"{Blue}\"/><text x=\"{x:0.#}\" y=\"{y - 10:0.#}\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"{Ink}\">I</text>");
                    break;
                case SpcLabels.Point.NeutralHigh or SpcLabels.Point.NeutralLow:
                    svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x - 6:0.#}\" y=\"{y - 6:0.#}\" width=\"12\" height=\"12\" transform=\"rotate(45 {x:0.#} {y:0.#})\" fill=\"{Purple}\"/><text x=\"{x:0.#}\" y=\"{y - 11:0.#}\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"{Ink}\">S</text>");
                    break;
                default:
                    svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"4\" fill=\"{Blue}\"/>");
                    break;
            }

            svg.Append("</g>");
        }

        Legend(svg, points);
        svg.Append("</svg>");
        return svg.ToString();
    }

    public static string PointWords(string? pointType) => pointType switch
    {
        SpcLabels.Point.Concern => "special cause: concern",
        SpcLabels.Point.Improvement => "special cause: improvement",
        SpcLabels.Point.NeutralHigh => "special cause: unusually high",
        SpcLabels.Point.NeutralLow => "special cause: unusually low",
        null => "too few figures for process limits",
        _ => "common cause variation",
    };

    private static void Legend(StringBuilder svg, IReadOnlyList<ReportPoint> points)
    {
        var items = new List<(string Stroke, string Dash, string Text)> { (Blue, "", "Value") };
        if (points.Any(p => p.Mean is not null))
        {
            items.Add((Grey, "", "Mean"));
            items.Add((Grey, " stroke-dasharray=\"6 4\"", "Process limits"));
        }

        if (points.Any(p => p.Target is not null))
        {
            items.Add((Green, "", "Target"));
        }

        if (points.Any(p => p.Benchmark is not null))
        {
            items.Add((Purple, " stroke-dasharray=\"2 3\"", "Benchmark"));
        }

        if (points.Any(p => p.Lower is not null))
        {
            items.Add((Ink, "", "95% interval"));
        }

        var x = Left;
        var y = Height - 14;
        foreach (var (stroke, dash, text) in items)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<path d=\"M{x:0.#},{y - 4:0.#}h18\" stroke=\"{stroke}\" stroke-width=\"2.5\"{dash}/><text x=\"{x + 22:0.#}\" y=\"{y:0.#}\" fill=\"{Ink}\">{Escape(text)}</text>");
            x += 34 + (text.Length * 6.6);
        }
    }

    private static void Line(StringBuilder svg, double x1, double x2, double? value, Func<double, double> y, string stroke, string dash)
    {
        if (value is { } v && double.IsFinite(v))
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x1:0.#}\" x2=\"{(x2 > x1 ? x2 : x1 + 1):0.#}\" y1=\"{y(v):0.#}\" y2=\"{y(v):0.#}\" stroke=\"{stroke}\" stroke-width=\"1.5\"{dash}/>");
        }
    }

    private static string Tick(double value, double step) => value.ToString("N" + (step >= 1 ? 0 : (int)Math.Ceiling(-Math.Log10(step))), ReportWords.EnGb);

    private static string Short(string period) => period.Contains('-', StringComparison.Ordinal) && period.Length > 10 && !period.Contains(" Q", StringComparison.Ordinal)
        ? period[(period.LastIndexOf('-') + 1)..]
        : period.Replace(" academic", "", StringComparison.Ordinal);

    private static string Escape(string text) => ReportWords.Html(text);
}
