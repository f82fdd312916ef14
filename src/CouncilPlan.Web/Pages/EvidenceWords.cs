using CouncilPlan.Core.Measures;

namespace CouncilPlan.Web.Pages;

/// <summary>What the site says about a statement's evidence, the same on the evidence page and each section's page.</summary>
public static class EvidenceWords
{
    public static string Heading(EvidenceState state) => state switch
    {
        EvidenceState.Published => "Evidenced by published figures",
        EvidenceState.AwaitingCouncil => "No evidence yet: awaiting the council's own figures",
        EvidenceState.AwaitingPublisher => "No evidence yet: awaiting official statistics",
        _ => "No measure",
    };

    public static string Explanation(EvidenceState state) => state switch
    {
        EvidenceState.Published => "At least one of the measures below has a published figure.",
        EvidenceState.AwaitingCouncil => "The measures below are the council's own figures, which it has not published yet.",
        EvidenceState.AwaitingPublisher => "The measures below are official statistics whose figures have not been published here yet.",
        _ => "No statistic measures this: progress is reported in the council's commentary on its commitments.",
    };
}
