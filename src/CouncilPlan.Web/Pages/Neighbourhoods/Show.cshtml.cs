using CouncilPlan.Core.Areas;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Statistics;
using CouncilPlan.Web.Charts;
using CouncilPlan.Web.PublicData;
using Microsoft.AspNetCore.Mvc;

namespace CouncilPlan.Web.Pages.Neighbourhoods;

/// <summary>One measure's latest figure for the ward beside the borough's for the same period.</summary>
public sealed record WardFigure(PublicMeasure Measure, PublicFigure Ward, PublicFigure? Borough, Interval? Interval, Comparison Comparison, bool Masked)
{
    /// <summary>The ward's figures by group (for example deprivation quintile) for the same period, each beside the borough's.</summary>
    public IReadOnlyList<(PublicFigure Ward, PublicFigure? Borough)> Groups { get; init; } = [];
}

public sealed class ShowModel(PublicDataCache cache) : PlanPageModel(cache)
{
    [FromRoute]
    public string Code { get; set; } = "";

    public Area Ward { get; private set; } = null!;

    public WardSet WardSet { get; private set; } = null!;

    public IReadOnlyList<Area> Neighbours { get; private set; } = [];

    /// <summary>The ward set's map with this ward picked out (outlines when loaded, else the hex map).</summary>
    public AreaMapView? Map { get; private set; }

    public IReadOnlyList<WardFigure> Figures { get; private set; } = [];

    protected override async Task<IActionResult> ShowAsync()
    {
        if (Data.FindArea(Code) is not { Type: AreaType.Ward } ward || ward.ParentCode != Plan.Plan.CouncilAreaCode
            || Data.WardSets.FirstOrDefault(s => s.Id == ward.WardSetId) is not { } set)
        {
            return NotFound();
        }

        Ward = ward;
        WardSet = set;
        Neighbours = Data.Areas.Where(a => a.WardSetId == set.Id).OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
        if (AreaMapDrawing.Best(Neighbours) is { } drawing)
        {
            Map = new AreaMapView(
                drawing.IsHex ? "ward-hex" : "ward-map",
                $"{(drawing.IsHex ? "Hex map" : "Map")} of {set.Title} with {Ward.Name} highlighted",
                drawing,
                Caption: drawing.IsHex ? $"{Ward.Name} is highlighted. Hexagons are placed near each ward's real position, not to scale." : $"{Ward.Name} is highlighted.",
                Highlight: Ward.Code,
                Small: true);
        }
        var council = Plan.Plan.CouncilAreaCode;
        var figures = new List<WardFigure>();
        foreach (var measure in await Data.AssessAllAsync(Data.Catalogue))
        {
            var latest = measure.Assessment.Figures.Where(f => f.AreaCode == ward.Code && f.IsTotal).MaxBy(f => f.PeriodStart);
            if (latest is null)
            {
                continue;
            }

            var borough = measure.Assessment.Figures.FirstOrDefault(f => f.AreaCode == council && f.IsTotal && f.PeriodStart == latest.PeriodStart);
            var interval = MeasureAssessor.IntervalOf(measure.Measure, latest);
            var comparison = interval is null || borough?.Value is null ? Comparison.NotCompared : Benchmark.Compare(interval, borough.Value, measure.Measure.Polarity);
            var groups = measure.Assessment.Figures
                .Where(f => f.AreaCode == ward.Code && !f.IsTotal && f.PeriodStart == latest.PeriodStart)
                .OrderBy(f => f.Breakdown, StringComparer.Ordinal)
                .Select(f => (f, measure.Assessment.Figures.FirstOrDefault(b => b.AreaCode == council && b.Breakdown == f.Breakdown && b.PeriodStart == f.PeriodStart)))
                .ToList();
            figures.Add(new WardFigure(measure, latest, borough, interval, comparison, measure.Assessment.Masking.WorseGroups.Contains(ward.Code)) { Groups = groups });
        }

        Figures = figures.OrderBy(f => f.Measure.Measure.Code, StringComparer.Ordinal).ToList();
        return Page();
    }
}
