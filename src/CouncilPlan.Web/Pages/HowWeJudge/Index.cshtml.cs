using CouncilPlan.Web.PublicData;

namespace CouncilPlan.Web.Pages.HowWeJudge;

/// <summary>
/// The judgement rules in plain English with their sources. The numbers in it (thresholds, release
/// lags) are read from the code that applies them, so the page cannot say one thing while the site
/// does another.
/// </summary>
public sealed class IndexModel(PublicDataCache cache) : PlanPageModel(cache)
{
    /// <summary>The rules in the order the page explains them: anchor and heading.</summary>
    public static IReadOnlyList<(string Anchor, string Heading)> Rules { get; } =
    [
        ("direction", "Direction of travel: better, worse or no significant change"),
        ("variation", "Variation: usual ups and downs, or a real change"),
        ("targets", "Targets: red, amber and green"),
        ("benchmarks", "Comparing with other areas"),
        ("out-of-date", "Out-of-date and discontinued figures"),
        ("breaks", "Series breaks"),
        ("overlap", "Figures for overlapping periods"),
        ("precision", "How precisely figures are shown"),
        ("disclosure", "Small numbers withheld to protect people"),
        ("masking", "When the council-wide figure hides a worse-off ward or group"),
        ("trajectory", "Whether a long-term target will be met"),
    ];

    public static string Heading(string anchor) => Rules.Single(r => r.Anchor == anchor).Heading;
}
