using CouncilPlan.Core.Reports;

namespace CouncilPlan.Reports.Reports;

/// <summary>A section of a report: its anchor and its heading, which is also its PDF bookmark and its line in the contents.</summary>
public sealed record ReportSection(string Id, string Title)
{
    /// <summary>
    /// The report's sections in order. What is going well came with format 3: an older snapshot renders
    /// as it was. Budgets are published by portfolio, so a report about anything else has a resources
    /// section only when some were.
    /// </summary>
    public static IReadOnlyList<ReportSection> Of(PortfolioReport report)
    {
        var sections = new List<ReportSection> { new("summary", "At a glance"), new("measures", "Measures"), new("exceptions", "Exceptions") };
        if (report.Format >= 3)
        {
            sections.Add(new("going-well", "What is going well"));
        }

        sections.Add(new("commitments", report.DeliveryHeading));
        if (report.ScopeKind == ReportScopeKind.Portfolio || report.Resources.Revenue is not null || report.Resources.Capital.Count > 0)
        {
            sections.Add(new("resources", "Resources"));
        }

        sections.Add(new("changes", "What changed since the last report"));
        return sections;
    }
}
