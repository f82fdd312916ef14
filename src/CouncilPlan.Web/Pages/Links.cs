using CouncilPlan.Core.Plans;

namespace CouncilPlan.Web.Pages;

/// <summary>The public address of a plan element's page (or of the page that shows it).</summary>
public static class Links
{
    public static string To(PlanElement element) => element.Kind switch
    {
        ElementKind.Ambition => $"/ambitions/{element.Key}",
        ElementKind.Theme => $"/themes/{element.Key}",
        ElementKind.Programme => $"/programmes/{element.Key}",
        ElementKind.Portfolio => $"/portfolios/{element.Key}",
        ElementKind.BoroughPlan => "/borough-plan",
        ElementKind.Pillar or ElementKind.BoroughPriority => $"/borough-plan#{element.Key}",
        ElementKind.Section or ElementKind.PeerChallenge or ElementKind.PeerRecommendation or ElementKind.HeadlineFact => $"/about-the-plan#{element.Key}",
        _ when PlanView.Owner(element) is { } owner && owner != element => $"{To(owner)}#{element.Key}",
        _ => "/",
    };
}
