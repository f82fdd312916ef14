using CouncilPlan.Core.Plans;

namespace CouncilPlan.Core.Resources;

/// <summary>What a line of the resources report is about.</summary>
public enum ResourceKind
{
    /// <summary>A portfolio's revenue budget, forecast outturn and savings.</summary>
    Revenue,

    /// <summary>A capital scheme: budget, spend to date and forecast.</summary>
    Capital,
}

/// <summary>
/// One line of the R in the Portfolio Performance and Resource Report, as at a quarter: a
/// portfolio's revenue budget with its forecast outturn and savings, or a capital scheme with its
/// budget, spend and forecast. Every amount is in pounds and may be missing: a missing amount is
/// "awaiting data", never zero. Only published lines reach the portal and reports.
/// </summary>
public sealed class ResourceLine
{
    public int Id { get; set; }

    public required string PlanId { get; set; }

    public ResourceKind Kind { get; set; }

    /// <summary>For revenue, the portfolio's id; for capital, the line's own id ("new-leisure-centre").</summary>
    public required string Key { get; set; }

    /// <summary>The quarter the figures are as at, "2023-24 Q2".</summary>
    public required string Quarter { get; set; }

    public DateOnly QuarterStart { get; set; }

    public DateOnly QuarterEnd { get; set; }

    public int PortfolioId { get; set; }

    public PlanElement? Portfolio { get; set; }

    /// <summary>The part of the plan the money is for: a scheme (a new leisure centre), or where the plan states it.</summary>
    public int? ElementId { get; set; }

    public PlanElement? Element { get; set; }

    public required string Title { get; set; }

    /// <summary>Revenue: the net budget for the year. Capital: the approved budget for the scheme.</summary>
    public decimal? Budget { get; set; }

    /// <summary>Revenue: the forecast outturn for the year. Capital: the forecast total cost.</summary>
    public decimal? Forecast { get; set; }

    /// <summary>Capital only: spent so far.</summary>
    public decimal? SpentToDate { get; set; }

    /// <summary>Revenue only: the savings the budget depends on this year.</summary>
    public decimal? SavingsTarget { get; set; }

    /// <summary>Revenue only: the savings delivered or on course so far.</summary>
    public decimal? SavingsDelivered { get; set; }

    /// <summary>External funding secured for the scheme (grants, funds), as the source states it.</summary>
    public decimal? FundingSecured { get; set; }

    /// <summary>Where the figures come from ("Council Plan 2023-24 text", "Q2 budget monitoring").</summary>
    public string? Source { get; set; }

    /// <summary>The finance team's commentary.</summary>
    public string? Note { get; set; }

    public bool Published { get; set; }

    public string? PublishedBy { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public required string EnteredBy { get; set; }

    public DateTimeOffset EnteredAt { get; set; }

    /// <summary>Optimistic concurrency: a save based on an older version is refused.</summary>
    public int Version { get; set; }

    /// <summary>Forecast minus budget: an overspend is positive. Null unless both are known.</summary>
    public decimal? Variance => Forecast is { } f && Budget is { } b ? f - b : null;

    /// <summary>Whether every amount is missing: the line says "awaiting data".</summary>
    public bool AwaitingData => Budget is null && Forecast is null && SpentToDate is null && SavingsTarget is null && SavingsDelivered is null && FundingSecured is null;

    /// <summary>Whether the amounts and words are the same as another line's (for imports that change nothing).</summary>
    public bool SameContent(ResourceLine other) =>
        PortfolioId == other.PortfolioId && ElementId == other.ElementId && Title == other.Title && Budget == other.Budget
        && Forecast == other.Forecast && SpentToDate == other.SpentToDate && SavingsTarget == other.SavingsTarget
        && SavingsDelivered == other.SavingsDelivered && FundingSecured == other.FundingSecured && Source == other.Source
        && Note == other.Note && Published == other.Published;
}
