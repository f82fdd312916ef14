using CouncilPlan.Core.Areas;
using CouncilPlan.Core.Measures;
using CouncilPlan.Web.Charts;
using CouncilPlan.Web.PublicData;
using Microsoft.AspNetCore.Mvc;

namespace CouncilPlan.Web.Pages.Neighbourhoods;

/// <summary>
/// A ward set with its wards, the measures that have figures for them, and its map: shaded by the
/// chosen measure (or the first with figures), drawn as outlines or as the hex map.
/// </summary>
public sealed record WardSetSummary(WardSet Set, IReadOnlyList<Area> Wards, IReadOnlyList<PublicMeasure> Measures, AreaMapView? Map, bool HexChosen, bool OutlinesLoaded);

public sealed class IndexModel(PublicDataCache cache) : PlanPageModel(cache)
{
    /// <summary>The ward set the choices below apply to (each set has its own map).</summary>
    [FromQuery(Name = "set")]
    public string? SetId { get; set; }

    [FromQuery(Name = "measure")]
    public string? MeasureCode { get; set; }

    /// <summary>"hex" for the hex map instead of the outlines.</summary>
    [FromQuery(Name = "view")]
    public string? View { get; set; }

    /// <summary>The council's ward sets, the one in force first.</summary>
    public IReadOnlyList<WardSetSummary> WardSets { get; private set; } = [];

    protected override async Task<IActionResult> ShowAsync()
    {
        var measures = await Data.AssessAllAsync(Data.Catalogue);
        WardSets = Data.WardSets.Where(s => s.CouncilCode == Plan.Plan.CouncilAreaCode)
            .OrderByDescending(s => s.From)
            .Select(s => Summarise(s, measures))
            .ToList();
        return Page();
    }

    private WardSetSummary Summarise(WardSet set, IReadOnlyList<PublicMeasure> measures)
    {
        var wards = Data.Areas.Where(a => a.WardSetId == set.Id).OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
        var codes = wards.Select(w => w.Code).ToList();
        var shadable = measures
            .Select(m => (Measure: m, Shading: Choropleth.Of(m.Assessment.Figures, codes)))
            .Where(m => m.Shading is not null)
            .ToList();
        var chosenHere = SetId == set.Id;
        var chosen = shadable.FirstOrDefault(m => chosenHere && m.Measure.Measure.Code == MeasureCode);
        if (chosen.Measure is null)
        {
            // A shaded map of counts mostly shows which wards are bigger, so a rate or share is
            // shown first when there is one (counts can still be chosen, with a warning).
            chosen = shadable.OrderBy(m => m.Measure.Measure.IsCount).FirstOrDefault();
        }

        var outlines = AreaMapDrawing.Outlines(wards);
        var hex = chosenHere && View == "hex";
        var drawing = hex ? AreaMapDrawing.Hex(wards) ?? outlines : outlines ?? AreaMapDrawing.Hex(wards);
        AreaMapView? map = null;
        if (drawing is not null)
        {
            var what = chosen.Measure is { } m ? $", shaded by {m.Measure.Title} ({chosen.Shading!.Period})" : "";
            map = new AreaMapView(
                $"{set.Id}-map",
                drawing.IsHex ? $"Hex map of {set.Title}{what}: one hexagon per ward, placed near its real position; each links to the ward's profile" : $"Map of {set.Title}{what}: each ward links to its profile",
                drawing,
                Caption: drawing.IsHex ? "Each hexagon is one ward, placed as near to where the ward is as the grid allows; it is not to scale." : null,
                Measure: chosen.Measure?.Measure,
                Shading: chosen.Shading);
        }

        return new WardSetSummary(set, wards, shadable.Select(m => m.Measure).ToList(), map, drawing?.IsHex == true && outlines is not null, outlines is not null);
    }
}
