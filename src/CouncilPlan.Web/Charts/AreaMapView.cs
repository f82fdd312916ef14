using CouncilPlan.Core.Areas;
using CouncilPlan.Core.Measures;

namespace CouncilPlan.Web.Charts;

/// <summary>
/// What Pages/Shared/_AreaMap.cshtml draws: a map's geometry, the area picked out (a ward's own
/// profile) and, for a shaded map, the measure and its bands.
/// </summary>
public sealed record AreaMapView(string Id, string Title, AreaMapDrawing Drawing, string? Caption = null, string? Highlight = null, Measure? Measure = null, Choropleth? Shading = null, bool Small = false)
{
    /// <summary>Fills for the bands, light to dark (ColorBrewer "Blues", 5 classes, colorbrewer2.org), each with its own hatching as well.</summary>
    public static readonly string[] BandColours = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"];

    public string PatternId(int band) => $"{Id}-band-{band}";

    public string NoFigurePatternId => $"{Id}-none";

    /// <summary>The colour of a band when there are <paramref name="bands"/> of them: spread across the scale so the darkest is always used.</summary>
    public static string Colour(int band, int bands) => BandColours[bands == 1 ? BandColours.Length - 1 : (band - 1) * (BandColours.Length - 1) / (bands - 1)];

    public string Value(double value) => Measure is null ? value.ToString(System.Globalization.CultureInfo.InvariantCulture) : MeasureWords.Value(Measure, value);

    public string BandWords(ChoroplethBand band) => band.From == band.To ? Value(band.From) : $"{Value(band.From)} to {Value(band.To)}";

    /// <summary>The name a screen reader hears for an area, starting with what is shown (WCAG 2.5.3).</summary>
    public string AccessibleName(MapShape shape)
    {
        var name = Drawing.IsHex && shape.Label != shape.Area.Name ? $"{shape.Label}: {shape.Area.Name}" : shape.Area.Name;
        if (shape.Area.Code == Highlight)
        {
            name += " (this ward)";
        }

        if (Shading is { } shading)
        {
            name += shading.Values.TryGetValue(shape.Area.Code, out var value) ? $", {Value(value)}, band {shading.BandOf(shape.Area.Code)!.Number} of {shading.Bands.Count}"
                : shading.Withheld.Contains(shape.Area.Code) ? ", figure withheld" : ", no figure";
        }

        return name;
    }
}
