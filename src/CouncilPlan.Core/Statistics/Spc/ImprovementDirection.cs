namespace CouncilPlan.Core.Statistics.Spc;

/// <summary>
/// Which way is an improvement for a measure on an SPC chart: NHSRplotthedots' <c>improvement_direction</c>
/// ("increase", "decrease" or "neutral").
/// </summary>
public enum ImprovementDirection
{
    Increase,
    Decrease,

    /// <summary>Neither direction is better: special causes are reported as neutral high or low, and there is no assurance.</summary>
    Neutral,
}
