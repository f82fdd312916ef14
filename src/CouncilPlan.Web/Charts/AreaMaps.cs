using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CouncilPlan.Core.Areas;

namespace CouncilPlan.Web.Charts;

/// <summary>
/// Maps drawn as SVG on the server: the hex map of a ward set (from the layout kept in the areas
/// file) and, when the council has loaded boundaries, the real outline map. Every area is a link
/// with its name, and pages show the same wards as a list beside the map.
/// </summary>
public static class AreaMaps
{
    private const double HexSize = 34;
    private static readonly double HexWidth = Math.Sqrt(3) * HexSize;

    public static string Hex(string id, string title, IReadOnlyList<Area> wards, string? highlight = null)
    {
        var placed = wards.Where(w => w.HexColumn is not null && w.HexRow is not null).ToList();
        if (placed.Count == 0)
        {
            return "";
        }

        var maxRow = placed.Max(w => w.HexRow!.Value);
        var maxColumn = placed.Max(w => w.HexColumn!.Value);
        var width = ((maxColumn + 1.5) * HexWidth) + 4;
        var height = ((maxRow * 1.5) + 2) * HexSize + 4;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"councilplan-map\" viewBox=\"0 0 {width:0.#} {height:0.#}\" role=\"group\" aria-labelledby=\"{id}-title\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{Escape(title)}</title>");
        foreach (var ward in placed.OrderBy(w => w.Name, StringComparer.Ordinal))
        {
            var column = ward.HexColumn!.Value;
            var row = ward.HexRow!.Value;
            var cx = 2 + (HexWidth * (column + 0.5 + ((row & 1) == 1 ? 0.5 : 0)));
            var cy = 2 + HexSize + ((maxRow - row) * 1.5 * HexSize);
            var points = string.Join(' ', Enumerable.Range(0, 6).Select(k =>
            {
                var angle = Math.PI / 180 * ((60 * k) - 30);
                return string.Create(CultureInfo.InvariantCulture, $"{cx + ((HexSize - 1) * Math.Cos(angle)):0.#},{cy + ((HexSize - 1) * Math.Sin(angle)):0.#}");
            }));
            var current = ward.Code == highlight;
            var label = Abbreviate(ward.Name);

            // The accessible name starts with the visible label, so people who use speech to click
            // can say what they see (WCAG 2.5.3), then gives the ward's full name.
            svg.Append(CultureInfo.InvariantCulture, $"<a href=\"/neighbourhoods/{ward.Code}\" class=\"councilplan-map__area{(current ? " councilplan-map__area--current" : "")}\" aria-label=\"{Escape(label == ward.Name ? ward.Name : $"{label}: {ward.Name}")}{(current ? " (this ward)" : "")}\">");
            svg.Append(CultureInfo.InvariantCulture, $"<polygon points=\"{points}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{cx:0.#}\" y=\"{cy + 4:0.#}\" text-anchor=\"middle\" aria-hidden=\"true\">{Escape(label)}</text></a>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>The outline map from loaded boundaries (GeoJSON Polygon or MultiPolygon), or empty when there are none.</summary>
    public static string Boundaries(string id, string title, IReadOnlyList<Area> areas, string? highlight = null)
    {
        var shapes = areas.Where(a => a.Boundary is not null).Select(a => (Area: a, Rings: Rings(a.Boundary!))).Where(s => s.Rings.Count > 0).ToList();
        if (shapes.Count == 0)
        {
            return "";
        }

        var all = shapes.SelectMany(s => s.Rings).SelectMany(r => r).ToList();
        var meanLatitude = all.Average(p => p.Lat) * Math.PI / 180;
        var minX = all.Min(p => p.Lon) * Math.Cos(meanLatitude);
        var maxX = all.Max(p => p.Lon) * Math.Cos(meanLatitude);
        var minY = all.Min(p => p.Lat);
        var maxY = all.Max(p => p.Lat);
        var scale = 600 / Math.Max(maxX - minX, maxY - minY);
        var width = ((maxX - minX) * scale) + 8;
        var height = ((maxY - minY) * scale) + 8;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"councilplan-map\" viewBox=\"0 0 {width:0.#} {height:0.#}\" role=\"group\" aria-labelledby=\"{id}-title\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{Escape(title)}</title>");
        foreach (var (area, rings) in shapes.OrderBy(s => s.Area.Name, StringComparer.Ordinal))
        {
            var path = new StringBuilder();
            foreach (var ring in rings)
            {
                path.Append('M');
                path.AppendJoin('L', ring.Select(p => string.Create(CultureInfo.InvariantCulture, $"{4 + (((p.Lon * Math.Cos(meanLatitude)) - minX) * scale):0.#},{4 + ((maxY - p.Lat) * scale):0.#}")));
                path.Append('Z');
            }

            var current = area.Code == highlight;
            svg.Append(CultureInfo.InvariantCulture, $"<a href=\"/neighbourhoods/{area.Code}\" class=\"councilplan-map__area{(current ? " councilplan-map__area--current" : "")}\" aria-label=\"{Escape(area.Name)}{(current ? " (this ward)" : "")}\"><path d=\"{path}\"/></a>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>Short labels that fit a hex: "North Ward & Riverside" becomes "North W".</summary>
    public static string Abbreviate(string name)
    {
        var words = name.Replace(" & ", " ", StringComparison.Ordinal).Replace(" and ", " ", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 1)
        {
            return words[0].Length > 9 ? words[0][..8] + "." : words[0];
        }

        var first = words[0].Length > 8 ? words[0][..7] + "." : words[0];
        return $"{first} {words[1][0]}";
    }

    private static List<List<(double Lon, double Lat)>> Rings(string geometry)
    {
        using var document = JsonDocument.Parse(geometry);
        var root = document.RootElement;
        var coordinates = root.GetProperty("coordinates");
        var polygons = root.GetProperty("type").GetString() == "MultiPolygon" ? coordinates.EnumerateArray().ToList() : [coordinates];
        return polygons
            .Select(polygon => polygon.EnumerateArray().First())
            .Select(ring => ring.EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble())).ToList())
            .ToList();
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
