using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Plans;
using CouncilPlan.Web.PublicData;
using Microsoft.AspNetCore.Mvc;

namespace CouncilPlan.Web.Pages.Climate;

/// <summary>The climate page: the theme whose targets are dated (net zero), with each target's measure and trajectory.</summary>
public sealed class IndexModel(PublicDataCache cache) : PlanPageModel(cache)
{
    public PlanElement Theme { get; private set; } = null!;

    public IReadOnlyList<PlanElement> Targets { get; private set; } = [];

    /// <summary>Measures of the theme with a dated target ahead: the trajectories.</summary>
    public IReadOnlyList<PublicMeasure> Trajectories { get; private set; } = [];

    public IReadOnlyList<PublicMeasure> Others { get; private set; } = [];

    protected override async Task<IActionResult> ShowAsync()
    {
        var theme = Navigation.ClimateTheme(Plan);
        if (theme is null)
        {
            return NotFound();
        }

        Theme = theme;
        Targets = Plan.Children(theme, ElementKind.Target);
        var inside = Plan.Elements.Where(e => PlanView.Owner(e)?.Id == theme.Id).Select(e => e.Id).ToHashSet();
        var measures = await Data.AssessAllAsync(Data.Catalogue.Where(m => m.Evidence.Any(e => inside.Contains(e.ElementId))));
        // A target dated beyond the plan's own period is a long-term one, judged by its trajectory.
        Trajectories = measures.Where(m => m.Measure.Targets.Any(t => t.PeriodStart > Plan.Plan.Ends)).ToList();
        Others = measures.Except(Trajectories).ToList();
        return Page();
    }
}
