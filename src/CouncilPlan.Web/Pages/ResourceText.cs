using CouncilPlan.Core.Reports;
using CouncilPlan.Core.Resources;

namespace CouncilPlan.Web.Pages;

/// <summary>A published resources line in a sentence, for the portal's plan and portfolio pages.</summary>
public static class ResourceText
{
    public static string Capital(ResourceLine line)
    {
        var parts = new List<string>();
        if (line.Budget is not null)
        {
            parts.Add($"budget {ReportWords.Money(line.Budget)}");
        }

        if (line.SpentToDate is not null)
        {
            parts.Add($"spent to date {ReportWords.Money(line.SpentToDate)}");
        }

        if (line.Forecast is not null)
        {
            parts.Add($"forecast {ReportWords.Money(line.Forecast)}");
        }

        if (line.FundingSecured is not null)
        {
            parts.Add($"funding secured {ReportWords.Money(line.FundingSecured)}");
        }

        var text = string.Join(", ", parts);
        return text.Length == 0 ? ReportWords.AwaitingData : Format.Capitalise(text);
    }
}
