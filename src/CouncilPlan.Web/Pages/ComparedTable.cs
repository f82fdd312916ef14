using CouncilPlan.Core.Measures;
using CouncilPlan.Web.PublicData;

namespace CouncilPlan.Web.Pages;

/// <summary>A table of wards, groups or comparator councils beside the council's figure.</summary>
public sealed record ComparedTable(string Id, string Title, string Column, IReadOnlyList<ComparedFigure> Figures, Measure Measure, PublicSnapshot Data, string Period, string Council)
{
    public string Name(ComparedFigure figure) => figure.Breakdown.Length > 0
        ? Data.BreakdownTitle(figure.Breakdown)
        : Data.AreaName(figure.Code);
}
