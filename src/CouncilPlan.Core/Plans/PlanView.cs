using CouncilPlan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Plans;

/// <summary>
/// A whole plan read into memory with its relationships, for pages and reports: a plan has a few
/// hundred elements, so one query and in-memory lookups beat a query per section.
/// </summary>
public sealed class PlanView
{
    private readonly ILookup<int?, PlanElement> children;
    private readonly ILookup<(int, LinkKind), PlanElement> linksFrom;
    private readonly ILookup<(int, LinkKind), PlanElement> linksTo;
    private readonly Dictionary<string, PlanElement> byKey;

    public PlanView(Plan plan, IReadOnlyList<PlanElement> elements, IReadOnlyList<PlanLink> links)
    {
        Plan = plan;
        Elements = elements;
        var byId = elements.ToDictionary(e => e.Id);
        byKey = elements.ToDictionary(e => e.Key, StringComparer.Ordinal);
        children = elements.OrderBy(e => e.Position).ToLookup(e => e.ParentId);
        var ordered = links.OrderBy(l => l.Position).ToList();
        linksFrom = ordered.ToLookup(l => (l.FromId, l.Kind), l => byId[l.ToId]);
        linksTo = ordered.ToLookup(l => (l.ToId, l.Kind), l => byId[l.FromId]);
    }

    public Plan Plan { get; }

    /// <summary>The council's own words for the plan, its levels and its place.</summary>
    public PlanWords Words => Plan.Words;

    public IReadOnlyList<PlanElement> Elements { get; }

    /// <summary>Whether the plan holds anything of a kind: pages and menu items exist only for what is there.</summary>
    public bool Has(ElementKind kind) => Elements.Any(e => e.Kind == kind);

    public PlanElement? Find(string key) => byKey.GetValueOrDefault(key);

    /// <summary>Top-level elements of a kind, in the plan's order.</summary>
    public IReadOnlyList<PlanElement> TopLevel(ElementKind kind) => children[null].Where(e => e.Kind == kind).ToList();

    public IReadOnlyList<PlanElement> All(ElementKind kind) => Elements.Where(e => e.Kind == kind).OrderBy(e => e.Number ?? e.Position).ToList();

    public IReadOnlyList<PlanElement> Children(PlanElement parent, params ElementKind[] kinds) =>
        children[parent.Id].Where(e => kinds.Length == 0 || kinds.Contains(e.Kind)).ToList();

    public IReadOnlyList<PlanElement> Commitments(PlanElement parent) => Children(parent, ElementKind.Scheme, ElementKind.Commitment);

    /// <summary>Borough Plan priorities (or pillars) this element supports.</summary>
    public IReadOnlyList<PlanElement> Supports(PlanElement element) => linksFrom[(element.Id, LinkKind.Supports)].ToList();

    /// <summary>Ambitions and themes that support this Borough Plan priority or pillar.</summary>
    public IReadOnlyList<PlanElement> SupportedBy(PlanElement priority) => linksTo[(priority.Id, LinkKind.Supports)].ToList();

    /// <summary>The scrutiny rows that cover an ambition, theme or programme.</summary>
    public IReadOnlyList<PlanElement> ScrutinyRowsFor(PlanElement element) => linksTo[(element.Id, LinkKind.Covers)].ToList();

    /// <summary>The portfolios that answer for an ambition, theme or programme, in the plan's order.</summary>
    public IReadOnlyList<PlanElement> PortfoliosFor(PlanElement element) =>
        ScrutinyRowsFor(element).SelectMany(row => linksFrom[(row.Id, LinkKind.AnsweredBy)]).Distinct().ToList();

    /// <summary>The scrutiny rows a portfolio answers for.</summary>
    public IReadOnlyList<PlanElement> ScrutinyRowsOf(PlanElement portfolio) => linksTo[(portfolio.Id, LinkKind.AnsweredBy)].OrderBy(r => r.Position).ToList();

    public IReadOnlyList<PlanElement> Covered(PlanElement scrutinyRow) => linksFrom[(scrutinyRow.Id, LinkKind.Covers)].ToList();

    public IReadOnlyList<PlanElement> PortfoliosOf(PlanElement scrutinyRow) => linksFrom[(scrutinyRow.Id, LinkKind.AnsweredBy)].ToList();

    /// <summary>Everything a portfolio answers for: ambitions, themes and programmes.</summary>
    public IReadOnlyList<PlanElement> AnsweredFor(PlanElement portfolio) =>
        ScrutinyRowsOf(portfolio).SelectMany(Covered).Distinct().ToList();

    /// <summary>The ambition, theme or programme an element sits under (itself if it is one).</summary>
    public static PlanElement? Owner(PlanElement element)
    {
        for (var current = element; current is not null; current = current.Parent)
        {
            if (current.Kind is ElementKind.Ambition or ElementKind.Theme or ElementKind.Programme)
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>
    /// Loads the plan to show: the one named, else the configured current plan, else the plan in
    /// force today, else the latest. Null when no plan is loaded.
    /// </summary>
    public static async Task<PlanView?> LoadAsync(CouncilPlanDb db, string? planId, DateOnly today, CancellationToken cancellationToken = default)
    {
        var plans = await db.Plans.AsNoTracking().ToListAsync(cancellationToken);
        var plan = planId is not null
            ? plans.SingleOrDefault(p => p.Id == planId)
            : plans.Where(p => p.Starts <= today && today <= p.Ends).OrderByDescending(p => p.Starts).FirstOrDefault()
              ?? plans.OrderByDescending(p => p.Starts).FirstOrDefault();
        if (plan is null)
        {
            return null;
        }

        var elements = await db.PlanElements.Where(e => e.PlanId == plan.Id).ToListAsync(cancellationToken);
        var links = await db.PlanLinks.AsNoTracking().Where(l => l.From!.PlanId == plan.Id).ToListAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return new PlanView(plan, elements, links);
    }
}
