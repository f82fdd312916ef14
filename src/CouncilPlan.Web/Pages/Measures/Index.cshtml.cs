using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Plans;
using CouncilPlan.Web.PublicData;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CouncilPlan.Web.Pages.Measures;

/// <summary>
/// Every measure, or the ones a summary count is made of: <c>?headline=worsening-significantly</c>
/// for one headline judgement, <c>?part=key</c> for one ambition, theme or programme, or both.
/// </summary>
public sealed class IndexModel(PublicDataCache cache) : PageModel
{
    [FromQuery(Name = "headline")]
    public string? HeadlineFilter { get; set; }

    [FromQuery(Name = "part")]
    public string? PartFilter { get; set; }

    public PlanView Plan { get; private set; } = null!;

    public IReadOnlyList<PublicMeasure> Measures { get; private set; } = [];

    /// <summary>The headline listed, when the list is narrowed to one.</summary>
    public Headline? Headline { get; private set; }

    /// <summary>The part of the plan listed, when the list is narrowed to one.</summary>
    public PlanElement? Part { get; private set; }

    /// <summary>True when a filter names no headline or part there is: the page says so, with a 404.</summary>
    public bool UnknownFilter { get; private set; }

    public bool Filtered => Headline is not null || Part is not null;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var data = await cache.GetAsync(cancellationToken);
        if (data.Plan is not { } plan)
        {
            return NotFound();
        }

        Plan = plan;
        if (HeadlineFilter is { } slug)
        {
            Headline = MeasureLists.Parse(slug.Trim().ToLowerInvariant());
            UnknownFilter |= Headline is null;
        }

        if (PartFilter is { } key)
        {
            Part = plan.Find(key.Trim()) is { } element && PlanScope.HasSummary(element) ? element : null;
            UnknownFilter |= Part is null;
        }

        if (UnknownFilter)
        {
            // A mistyped or outdated address: say plainly there is no such list, rather than show everything.
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        var measures = Part is null ? data.Catalogue : PlanScope.MeasuresWithin(plan, data.Catalogue, Part);
        var assessed = await data.AssessAllAsync(measures);
        Measures = Headline is { } headline ? assessed.Where(m => HeadlineJudgement.Of(m.Assessment) == headline).ToList() : assessed;
        return Page();
    }

    /// <summary>The ambition, theme or programme a measure is filed under: that of the first element it evidences.</summary>
    public PlanElement? Home(PublicMeasure measure) =>
        measure.EvidenceKeys.Select(Plan.Find).OfType<PlanElement>().Select(PlanView.Owner).FirstOrDefault(o => o is not null);
}
