using CouncilPlan.Core.Plans;
using CouncilPlan.Web.Plans;
using Microsoft.AspNetCore.Mvc;

namespace CouncilPlan.Web.Pages;

/// <summary>The page for one ambition, theme or enabling programme, found by its id in the plan.</summary>
public abstract class PlanSectionPageModel(CurrentPlan currentPlan, ElementKind kind) : PlanPageModel(currentPlan)
{
    [FromRoute]
    public string Id { get; set; } = "";

    public PlanElement Element { get; private set; } = null!;

    public ElementKind Kind => kind;

    protected override IActionResult Show()
    {
        if (Plan.Find(Id) is not { } element || element.Kind != kind)
        {
            return NotFound();
        }

        Element = element;
        return Page();
    }
}
