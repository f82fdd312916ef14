using CouncilPlan.Core.Measures;
using CouncilPlan.Web.PublicData;
using Microsoft.AspNetCore.Mvc;

namespace CouncilPlan.Web.Pages.OpenData;

/// <summary>A published dataset: one measure's figures.</summary>
public sealed record Dataset(PublicMeasure Measure, DateOnly? LatestPeriodEnd, int Figures);

public sealed class IndexModel(PublicDataCache cache) : PlanPageModel(cache)
{
    public IReadOnlyList<Dataset> Datasets { get; private set; } = [];

    protected override async Task<IActionResult> ShowAsync()
    {
        Datasets = await OpenDataCatalogue.DatasetsAsync(Data);
        return Page();
    }
}

/// <summary>Every published dataset, for the open-data page and the DCAT catalogue alike.</summary>
public static class OpenDataCatalogue
{
    public static async Task<IReadOnlyList<Dataset>> DatasetsAsync(PublicSnapshot data) =>
        (await data.AssessAllAsync(data.Catalogue))
            .Where(m => m.Assessment.Figures.Count > 0)
            .Select(m => new Dataset(m, m.Assessment.Figures.Max(f => (DateOnly?)f.PeriodEnd), m.Assessment.Figures.Count))
            .OrderBy(d => d.Measure.Measure.Code, StringComparer.Ordinal)
            .ToList();
}
