namespace CouncilPlan.Core.Statistics;

/// <summary>A RAG rating read together with the latest SPC signal.</summary>
public enum NoiseAwareStatus
{
    /// <summary>Not rated against a target, so there is nothing to qualify.</summary>
    NotRated,

    /// <summary>Rated, but there is no SPC result for the latest point (too few points, or SPC not run).</summary>
    NoSpcResult,

    /// <summary>Target met and improving beyond normal variation.</summary>
    GreenSpecialCauseImprovement,

    /// <summary>Target met; the latest point is within normal variation.</summary>
    GreenWithinNormalVariation,

    /// <summary>Target met, but getting worse beyond normal variation: an early warning.</summary>
    GreenSpecialCauseConcern,

    /// <summary>Just short of target, and improving beyond normal variation.</summary>
    AmberSpecialCauseImprovement,

    /// <summary>Just short of target; within normal variation.</summary>
    AmberWithinNormalVariation,

    /// <summary>Just short of target, and getting worse beyond normal variation.</summary>
    AmberSpecialCauseConcern,

    /// <summary>Target missed, but improving beyond normal variation.</summary>
    RedSpecialCauseImprovement,

    /// <summary>Target missed, but the latest point is within normal variation: no sign that things have changed.</summary>
    RedWithinNormalVariation,

    /// <summary>Target missed, and getting worse beyond normal variation.</summary>
    RedSpecialCauseConcern,

    /// <summary>Rated, and the latest point is unusually high or low, but the measure's SPC has no better direction.</summary>
    SpecialCauseNeutral,
}

/// <summary>The noise-aware judgement and the sentence to publish with it.</summary>
public sealed record NoiseAwareJudgement(NoiseAwareStatus Status, string Phrase);

/// <summary>
/// Reads a RAG rating together with the SPC point type of the latest point, so that a red measure that is only
/// varying as it always has is not reported as a new problem, and a green one that has genuinely improved says so.
/// The SPC point types are the string constants the SPC module gives (<see cref="CommonCause"/> and the rest); a
/// null point type means there is no SPC result. An unknown point type is a programming error and throws.
/// </summary>
public static class NoiseAwareRag
{
    /// <summary>The latest point is within normal (common-cause) variation.</summary>
    public const string CommonCause = "common_cause";

    /// <summary>The latest point is a special cause in the better direction.</summary>
    public const string SpecialCauseImprovement = "special_cause_improvement";

    /// <summary>The latest point is a special cause in the worse direction.</summary>
    public const string SpecialCauseConcern = "special_cause_concern";

    /// <summary>The latest point is unusually high, for a measure with no better direction.</summary>
    public const string SpecialCauseNeutralHigh = "special_cause_neutral_high";

    /// <summary>The latest point is unusually low, for a measure with no better direction.</summary>
    public const string SpecialCauseNeutralLow = "special_cause_neutral_low";

    /// <summary>Combines the RAG rating with the latest SPC point type.</summary>
    public static NoiseAwareJudgement Judge(Rag rag, string? latestPointType)
    {
        if (latestPointType is not null && !IsKnown(latestPointType))
        {
            throw new ArgumentException($"unknown SPC point type '{latestPointType}'", nameof(latestPointType));
        }

        if (rag == Rag.NotRated)
        {
            return new(NoiseAwareStatus.NotRated, "Not rated against a target.");
        }

        var against = rag switch
        {
            Rag.Green => "Target met",
            Rag.Amber => "Close to target",
            _ => "Target missed",
        };

        return latestPointType switch
        {
            null => new(NoiseAwareStatus.NoSpcResult, $"{against}; not enough data yet to tell change from normal variation."),
            SpecialCauseNeutralHigh => new(NoiseAwareStatus.SpecialCauseNeutral, $"{against}; the latest figure is unusually high (special cause)."),
            SpecialCauseNeutralLow => new(NoiseAwareStatus.SpecialCauseNeutral, $"{against}; the latest figure is unusually low (special cause)."),
            _ => Combine(rag, latestPointType, against),
        };
    }

    private static NoiseAwareJudgement Combine(Rag rag, string pointType, string against) => (rag, pointType) switch
    {
        (Rag.Green, SpecialCauseImprovement) => new(NoiseAwareStatus.GreenSpecialCauseImprovement, $"{against}, and improving beyond normal variation (special-cause improvement)."),
        (Rag.Green, CommonCause) => new(NoiseAwareStatus.GreenWithinNormalVariation, $"{against}; within normal variation."),
        (Rag.Green, _) => new(NoiseAwareStatus.GreenSpecialCauseConcern, $"{against}, but getting worse beyond normal variation (special-cause concern)."),
        (Rag.Amber, SpecialCauseImprovement) => new(NoiseAwareStatus.AmberSpecialCauseImprovement, $"{against}, and improving beyond normal variation (special-cause improvement)."),
        (Rag.Amber, CommonCause) => new(NoiseAwareStatus.AmberWithinNormalVariation, $"{against}; within normal variation."),
        (Rag.Amber, _) => new(NoiseAwareStatus.AmberSpecialCauseConcern, $"{against}, and getting worse beyond normal variation (special-cause concern)."),
        (_, SpecialCauseImprovement) => new(NoiseAwareStatus.RedSpecialCauseImprovement, $"{against}, but improving beyond normal variation (special-cause improvement)."),
        (_, CommonCause) => new(NoiseAwareStatus.RedWithinNormalVariation, $"{against}, but within normal variation: no sign that things have changed."),
        _ => new(NoiseAwareStatus.RedSpecialCauseConcern, $"{against}, and getting worse beyond normal variation (special-cause concern)."),
    };

    private static bool IsKnown(string pointType) => pointType is CommonCause or SpecialCauseImprovement or SpecialCauseConcern
        or SpecialCauseNeutralHigh or SpecialCauseNeutralLow;
}
