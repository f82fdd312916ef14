namespace CouncilPlan.Core.Updates;
/// <summary>Where an update or a commitment is, in the words the workspace, the reports and the reminders use.</summary>
public static class StatusWords
{
    public static string Describe(UpdateStatus status) => status switch
    {
        UpdateStatus.NotStarted => "Not started",
        UpdateStatus.Draft => "Draft saved",
        UpdateStatus.Submitted => "Submitted for approval",
        UpdateStatus.Returned => "Returned: changes needed",
        UpdateStatus.Approved => "Approved",
        _ => "Published",
    };

    public static string Describe(CommitmentStatus status) => status switch
    {
        CommitmentStatus.NotYetReported => "Not yet reported",
        CommitmentStatus.NotStarted => "Not started",
        CommitmentStatus.OnTrack => "On track",
        CommitmentStatus.AtRisk => "At risk",
        CommitmentStatus.OffTrack => "Off track",
        _ => "Complete",
    };
}
