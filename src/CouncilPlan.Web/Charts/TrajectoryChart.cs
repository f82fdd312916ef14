using System.Globalization;
using System.Net;
using System.Text;
using CouncilPlan.Core.Charts;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Statistics;

namespace CouncilPlan.Web.Charts;

/// <summary>
/// The trend of a measure projected to a dated target, as SVG: the figures, the least-squares
/// trend line carried on to the target year, the prediction interval there, and the target itself.
/// </summary>
public static class TrajectoryChart
{
    private const double Width = 720;
    private const double Height = 360;
    private const double Left = 64;
    private const double Right = 24;
    private const double Top = 16;
    private const double Bottom = 60;

    public static string Render(string id, string title, string description, IReadOnlyList<AssessedPoint> series, MeasureTarget target, TrajectoryResult trajectory)
    {
        var points = series.Where(p => p.Figure.Value is not null).Select(p => (Year: Year(p.Figure.PeriodStart), Value: p.Figure.Value!.Value)).ToList();
        var targetYear = Year(target.PeriodStart);
        var firstYear = Math.Floor(points.Min(p => p.Year));
        var lastYear = Math.Ceiling(targetYear);
        var values = points.Select(p => p.Value).Append(target.Value)
            .Concat(new[] { trajectory.Projected.Value, trajectory.Projected.Lower, trajectory.Projected.Upper }.OfType<double>())
            .ToList();
        var (min, max, step) = AxisScale.Nice(values.Min(), values.Max());
        double X(double year) => Left + ((year - firstYear) / Math.Max(lastYear - firstYear, 1) * (Width - Left - Right));
        double Y(double v) => Top + ((max - v) / (max - min) * (Height - Top - Bottom));

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"councilplan-chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" focusable=\"false\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{WebUtility.HtmlEncode(title)}</title><desc id=\"{id}-desc\">{WebUtility.HtmlEncode(description)}</desc>");
        for (var tick = min; tick <= max + (step / 2); tick += step)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"councilplan-chart__grid\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(tick):0.#}\" y2=\"{Y(tick):0.#}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"councilplan-chart__axis\" x=\"{Left - 6}\" y=\"{Y(tick) + 4:0.#}\" text-anchor=\"end\">{tick.ToString("N0", CultureInfo.GetCultureInfo("en-GB"))}</text>");
        }

        var yearStep = Math.Max(1, (int)Math.Ceiling((lastYear - firstYear) / 8));
        for (var year = firstYear; year <= lastYear; year += yearStep)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"councilplan-chart__axis\" x=\"{X(year):0.#}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\">{year}</text>");
        }

        if (trajectory.Slope is { } slope && trajectory.Intercept is { } intercept)
        {
            var startYear = points.Min(p => p.Year);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"councilplan-chart__trend\" x1=\"{X(startYear):0.#}\" y1=\"{Y(intercept + (slope * startYear)):0.#}\" x2=\"{X(targetYear):0.#}\" y2=\"{Y(intercept + (slope * targetYear)):0.#}\"/>");
        }

        if (trajectory.Projected is { Lower: { } low, Upper: { } high })
        {
            var x = X(targetYear);
            svg.Append(CultureInfo.InvariantCulture, $"<path class=\"councilplan-chart__interval\" d=\"M{x:0.#},{Y(low):0.#}V{Y(high):0.#}M{x - 6:0.#},{Y(low):0.#}h12M{x - 6:0.#},{Y(high):0.#}h12\"/>");
        }

        svg.Append("<polyline class=\"councilplan-chart__line\" points=\"");
        svg.AppendJoin(' ', points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(p.Year):0.#},{Y(p.Value):0.#}")));
        svg.Append("\"/>");
        foreach (var p in points)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"councilplan-chart__dot\" cx=\"{X(p.Year):0.#}\" cy=\"{Y(p.Value):0.#}\" r=\"4\"/>");
        }

        var tx = X(targetYear);
        var ty = Y(target.Value);
        svg.Append(CultureInfo.InvariantCulture, $"<path class=\"councilplan-chart__target-mark\" d=\"M{tx - 8:0.#},{ty - 8:0.#}l16,16M{tx + 8:0.#},{ty - 8:0.#}l-16,16\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"councilplan-chart__legend\" x=\"{tx - 12:0.#}\" y=\"{ty - 12:0.#}\" text-anchor=\"end\">Target {WebUtility.HtmlEncode(target.Period)}</text>");
        var ly = Height - 16;
        svg.Append(CultureInfo.InvariantCulture, $"<path class=\"councilplan-chart__line\" d=\"M{Left},{ly - 4}h18\"/><text class=\"councilplan-chart__legend\" x=\"{Left + 22}\" y=\"{ly}\">Figures</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<path class=\"councilplan-chart__trend\" d=\"M{Left + 90},{ly - 4}h18\"/><text class=\"councilplan-chart__legend\" x=\"{Left + 112}\" y=\"{ly}\">Trend carried forward</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<path class=\"councilplan-chart__interval\" d=\"M{Left + 260},{ly - 10}v12\"/><text class=\"councilplan-chart__legend\" x=\"{Left + 270}\" y=\"{ly}\">95% prediction interval at the target date</text>");
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static double Year(DateOnly day) => day.Year + ((day.DayOfYear - 1) / 365.25);
}
