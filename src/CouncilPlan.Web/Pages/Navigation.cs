using CouncilPlan.Core.Plans;
using CouncilPlan.Web.PublicData;

namespace CouncilPlan.Web.Pages;

/// <summary>One item of the site's menu or footer.</summary>
public sealed record NavItem(string Text, string Href, string Key);

/// <summary>
/// The site's menu and footer from what the plan holds: an item appears only when there is
/// something behind it, named in the council's words, so that no link leads to an empty page.
/// </summary>
public static class Navigation
{
    public static IReadOnlyList<NavItem> Menu(PublicSnapshot data)
    {
        var items = new List<NavItem>();
        if (data.Plan is not { } plan)
        {
            return items;
        }

        var words = plan.Words;
        items.Add(new(Format.Capitalise(words.Top.Plural), "/ambitions", "ambitions"));
        if (data.Catalogue.Count > 0)
        {
            items.Add(new("Measures", "/measures", "measures"));
        }

        if (plan.Has(ElementKind.ImpactStatement))
        {
            items.Add(new("Evidence", "/evidence", "evidence"));
        }

        if (HasNeighbourhoods(data))
        {
            items.Add(new("Neighbourhoods", "/neighbourhoods", "neighbourhoods"));
        }

        if (plan.Has(ElementKind.Theme))
        {
            items.Add(new(Format.Capitalise(words.Themes), "/themes", "themes"));
        }

        if (plan.Has(ElementKind.Programme))
        {
            items.Add(new(Format.Capitalise(words.Programmes), "/programmes", "programmes"));
        }

        if (plan.Has(ElementKind.BoroughPlan))
        {
            items.Add(new(Format.Capitalise(words.PartnershipPlan), "/borough-plan", "borough-plan"));
        }

        if (plan.Has(ElementKind.Portfolio))
        {
            items.Add(new(Format.Capitalise(words.Portfolios), "/portfolios", "portfolios"));
        }

        return items;
    }

    public static IReadOnlyList<NavItem> Footer(PublicSnapshot data)
    {
        var items = new List<NavItem> { new("Accessibility statement", "/accessibility", "accessibility") };
        if (data.Plan is { } plan)
        {
            items.Add(new("About the plan", "/about-the-plan", "about"));
            items.Add(new("How we judge the figures", "/how-we-judge", "how-we-judge"));
            items.Add(new("Open data", "/open-data", "open-data"));
            if (ClimateTheme(plan) is { } climate)
            {
                items.Add(new(climate.Title ?? "Climate", "/climate", "climate"));
            }

            items.Add(new("Search", "/search", "search"));
        }

        items.Add(new("Sitemap", "/sitemap.xml", "sitemap"));
        return items;
    }

    /// <summary>The theme with dated targets (net zero by a year): the climate page shows its trajectories.</summary>
    public static PlanElement? ClimateTheme(PlanView plan) =>
        plan.All(ElementKind.Theme).FirstOrDefault(t => plan.Children(t, ElementKind.Target).Count > 0);

    public static bool HasNeighbourhoods(PublicSnapshot data) =>
        data.Plan is { } plan && data.WardSets.Any(s => s.CouncilCode == plan.Plan.CouncilAreaCode);
}
