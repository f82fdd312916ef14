using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CouncilPlan.Core.Areas;

/// <summary>One area on a map: its outline as SVG path data, where its label goes and the label itself.</summary>
public sealed record MapShape(Area Area, string Path, double LabelX, double LabelY, string Label);

/// <summary>
/// The geometry of a map of areas, ready for any SVG writer: the real outlines when boundaries are
/// loaded, or a hex map from the layout kept in the areas file. No markup here: the page and the
/// report draw it (Pages/Shared/_AreaMap.cshtml).
/// </summary>
public sealed record AreaMapDrawing(double Width, double Height, IReadOnlyList<MapShape> Shapes, bool IsHex, string? Attribution)
{
    private const double HexSize = 34;
    private const double Margin = 4;

    /// <summary>The longest side of an outline map, in SVG units; the page scales it to fit.</summary>
    private const double OutlineSize = 600;

    private static readonly double HexWidth = Math.Sqrt(3) * HexSize;

    public string ViewBox => string.Create(CultureInfo.InvariantCulture, $"0 0 {Width:0.#} {Height:0.#}");

    /// <summary>The real outlines when every area has one, else the hex map, else nothing to draw.</summary>
    public static AreaMapDrawing? Best(IReadOnlyList<Area> areas) => Outlines(areas) ?? Hex(areas);

    /// <summary>
    /// Outlines from loaded boundaries (GeoJSON Polygon or MultiPolygon, longitude and latitude). An
    /// equirectangular projection scaled by the cosine of the mean latitude: over a council's few
    /// kilometres it keeps shapes true to within a fraction of a per cent, with no map library.
    /// </summary>
    public static AreaMapDrawing? Outlines(IReadOnlyList<Area> areas)
    {
        if (areas.Count == 0 || areas.Any(a => a.Boundary is null))
        {
            return null;
        }

        var rings = areas.Select(a => (Area: a, Rings: Rings(a.Boundary!))).Where(s => s.Rings.Count > 0).ToList();
        if (rings.Count == 0)
        {
            return null;
        }

        var points = rings.SelectMany(s => s.Rings).SelectMany(r => r).ToList();
        var cosine = Math.Cos(points.Average(p => p.Lat) * Math.PI / 180);
        var minX = points.Min(p => p.Lon) * cosine;
        var maxX = points.Max(p => p.Lon) * cosine;
        var minY = points.Min(p => p.Lat);
        var maxY = points.Max(p => p.Lat);
        var scale = OutlineSize / Math.Max(maxX - minX, maxY - minY);
        (double X, double Y) Project((double Lon, double Lat) p) => (Margin + ((p.Lon * cosine) - minX) * scale, Margin + ((maxY - p.Lat) * scale));

        var shapes = rings.OrderBy(s => s.Area.Name, StringComparer.Ordinal).Select(s =>
        {
            var path = new StringBuilder();
            foreach (var ring in s.Rings)
            {
                path.Append('M').AppendJoin('L', ring.Select(p => Point(Project(p)))).Append('Z');
            }

            // The label goes at the centroid of the largest ring's vertices: inside for the compact
            // shapes wards have, and the outline map does not print labels anyway (the list does).
            var largest = s.Rings.MaxBy(r => r.Count)!.Select(Project).ToList();
            return new MapShape(s.Area, path.ToString(), largest.Average(p => p.X), largest.Average(p => p.Y), s.Area.Name);
        }).ToList();
        return new AreaMapDrawing(((maxX - minX) * scale) + (2 * Margin), ((maxY - minY) * scale) + (2 * Margin), shapes, false, areas.Select(a => a.BoundaryAttribution).FirstOrDefault(a => a is not null));
    }

    /// <summary>The hex map: each ward a hexagon at its place in the layout (odd rows shifted right, rows counting northwards).</summary>
    public static AreaMapDrawing? Hex(IReadOnlyList<Area> wards)
    {
        var placed = wards.Where(w => w.HexColumn is not null && w.HexRow is not null).ToList();
        if (placed.Count == 0)
        {
            return null;
        }

        var maxRow = placed.Max(w => w.HexRow!.Value);
        var maxColumn = placed.Max(w => w.HexColumn!.Value);
        var shapes = placed.OrderBy(w => w.Name, StringComparer.Ordinal).Select(ward =>
        {
            var row = ward.HexRow!.Value;
            var cx = 2 + (HexWidth * (ward.HexColumn!.Value + 0.5 + ((row & 1) == 1 ? 0.5 : 0)));
            var cy = 2 + HexSize + ((maxRow - row) * 1.5 * HexSize);
            var corners = Enumerable.Range(0, 6).Select(k =>
            {
                var angle = Math.PI / 180 * ((60 * k) - 30);
                return Point((cx + ((HexSize - 1) * Math.Cos(angle)), cy + ((HexSize - 1) * Math.Sin(angle))));
            });
            return new MapShape(ward, "M" + string.Join('L', corners) + "Z", cx, cy + 4, Abbreviate(ward.Name));
        }).ToList();
        return new AreaMapDrawing(((maxColumn + 1.5) * HexWidth) + 4, (((maxRow * 1.5) + 2) * HexSize) + 4, shapes, true, null);
    }

    /// <summary>Short labels that fit a hex: "North Ward &amp; Riverside" becomes "North W".</summary>
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

    private static string Point((double X, double Y) p) => string.Create(CultureInfo.InvariantCulture, $"{p.X:0.#},{p.Y:0.#}");

    private static List<List<(double Lon, double Lat)>> Rings(string geometry)
    {
        using var document = JsonDocument.Parse(geometry);
        var root = document.RootElement;
        var coordinates = root.GetProperty("coordinates");
        var polygons = root.GetProperty("type").GetString() == "MultiPolygon" ? coordinates.EnumerateArray().ToList() : [coordinates];

        // Only each polygon's outer ring: holes in ward boundaries are other wards, drawn on top.
        return polygons
            .Select(polygon => polygon.EnumerateArray().First())
            .Select(ring => ring.EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble())).ToList())
            .ToList();
    }
}
