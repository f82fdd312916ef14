using CouncilPlan.Core.Areas;
using CouncilPlan.Web.PublicData;
using Microsoft.AspNetCore.Mvc;

namespace CouncilPlan.Web.Pages.Neighbourhoods;

/// <summary>A ward set with its wards and how many measures have figures for them.</summary>
public sealed record WardSetSummary(WardSet Set, IReadOnlyList<Area> Wards, int MeasuresWithFigures);

public sealed class IndexModel(PublicDataCache cache) : PlanPageModel(cache)
{
    /// <summary>The council's ward sets, the one in force first.</summary>
    public IReadOnlyList<WardSetSummary> WardSets { get; private set; } = [];

    protected override async Task<IActionResult> ShowAsync()
    {
        var measures = await Data.AssessAllAsync(Data.Catalogue);
        WardSets = Data.WardSets.Where(s => s.CouncilCode == Plan.Plan.CouncilAreaCode)
            .OrderByDescending(s => s.From)
            .Select(s =>
            {
                var wards = Data.Areas.Where(a => a.WardSetId == s.Id).OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
                var codes = wards.Select(w => w.Code).ToHashSet(StringComparer.Ordinal);
                return new WardSetSummary(s, wards, measures.Count(m => m.Assessment.Figures.Any(f => codes.Contains(f.AreaCode))));
            })
            .ToList();
        return Page();
    }
}
