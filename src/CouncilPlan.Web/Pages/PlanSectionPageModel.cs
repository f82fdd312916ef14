using CouncilPlan.Core.Data;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Resources;
using CouncilPlan.Web.PublicData;
using Microsoft.AspNetCore.Mvc;

namespace CouncilPlan.Web.Pages;

/// <summary>The page for one ambition, theme, enabling programme or portfolio, found by its id in the plan.</summary>
public abstract class PlanSectionPageModel(PublicDataCache cache, ElementKind kind) : PlanPageModel(cache)
{
    [FromRoute]
    public string Id { get; set; } = "";

    public PlanElement Element { get; private set; } = null!;

    public ElementKind Kind => kind;

    /// <summary>The measures that evidence each element of this part of the plan, assessed.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<PublicMeasure>> Evidence { get; private set; } = new Dictionary<int, IReadOnlyList<PublicMeasure>>();

    /// <summary>Published resources for this part of the plan (a portfolio's lines, or the lines for elements within it).</summary>
    public IReadOnlyList<ResourceLine> Resources { get; private set; } = [];

    protected override async Task<IActionResult> ShowAsync()
    {
        if (Plan.Find(Id) is not { } element || element.Kind != kind)
        {
            return NotFound();
        }

        Element = element;
        var inside = PlanScope.ElementsWithin(Plan, element);
        var assessed = await Data.AssessAllAsync(PlanScope.MeasuresWithin(Plan, Data.Catalogue, element));
        Evidence = inside.ToDictionary(
            id => id,
            id => (IReadOnlyList<PublicMeasure>)assessed.Where(p => p.Measure.Evidence.Any(e => e.ElementId == id)).ToList());
        var lines = await PublishedResources.CurrentAsync(HttpContext.RequestServices.GetRequiredService<CouncilPlanDb>(), Plan.Plan.Id, HttpContext.RequestAborted);
        Resources = lines.Where(l => kind == ElementKind.Portfolio ? l.PortfolioId == element.Id : l.ElementId is { } id && inside.Contains(id)).ToList();
        return Page();
    }
}
