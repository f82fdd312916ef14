using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Plans;
using CouncilPlan.Web.PublicData;
using Microsoft.AspNetCore.Mvc;

namespace CouncilPlan.Web.Pages.Evidence;

/// <summary>
/// Every statement of what the plan will change, with the measures that show it and, where there
/// is no evidence yet, why: for residents asking "is it working?" and councillors asking what the
/// figures cannot yet say.
/// </summary>
public sealed class IndexModel(PublicDataCache cache) : PlanPageModel(cache)
{
    public IReadOnlyList<StatementEvidence> Statements { get; private set; } = [];

    public int Count(EvidenceState state) => Statements.Count(s => s.State == state);

    protected override async Task<IActionResult> ShowAsync()
    {
        if (!Plan.Has(ElementKind.ImpactStatement))
        {
            return NotFound();
        }

        Statements = EvidenceCoverage.For(Plan, await Data.AssessAllAsync(Data.Catalogue));
        return Page();
    }
}
