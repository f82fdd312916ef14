namespace CouncilPlan.Reports.Charts;

/// <summary>A budget line's amounts, each with its name ("Budget", "Forecast"); null is awaiting data, not zero.</summary>
public sealed record AmountRow(string Label, IReadOnlyList<(string Name, decimal? Amount)> Amounts);
