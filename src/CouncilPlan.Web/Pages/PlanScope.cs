using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Plans;

namespace CouncilPlan.Web.Pages;

/// <summary>
/// What belongs to one part of the plan (an ambition, theme or enabling programme), in one place,
/// so the counts on its page and the lists those counts link to are made of the same measures.
/// </summary>
public static class PlanScope
{
    /// <summary>True when the element is the section itself or sits anywhere beneath it.</summary>
    public static bool IsWithin(PlanElement candidate, PlanElement section)
    {
        for (var e = candidate; e is not null; e = e.Parent)
        {
            if (e.Id == section.Id)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The ids of the section and every element beneath it.</summary>
    public static IReadOnlySet<int> ElementsWithin(PlanView plan, PlanElement section) =>
        plan.Elements.Where(e => IsWithin(e, section)).Select(e => e.Id).ToHashSet();

    /// <summary>The measures that evidence the section or anything beneath it, in catalogue order.</summary>
    public static IReadOnlyList<Measure> MeasuresWithin(PlanView plan, IEnumerable<Measure> catalogue, PlanElement section)
    {
        var inside = ElementsWithin(plan, section);
        return catalogue.Where(m => m.Evidence.Any(e => inside.Contains(e.ElementId))).ToList();
    }

    /// <summary>The commitments and schemes of the section, or of the whole plan when there is no section.</summary>
    public static IReadOnlyList<PlanElement> CommitmentsWithin(PlanView plan, PlanElement? section) =>
        plan.Elements
            .Where(e => e.Kind is ElementKind.Commitment or ElementKind.Scheme && (section is null || IsWithin(e, section)))
            .ToList();

    /// <summary>The parts of the plan a measure list may be narrowed to: those with their own page.</summary>
    public static bool HasSummary(PlanElement element) => element.Kind is ElementKind.Ambition or ElementKind.Theme or ElementKind.Programme;
}
