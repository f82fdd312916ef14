using CouncilPlan.Core.Updates;

namespace CouncilPlan.Reports.Workspace;

/// <summary>
/// The addresses of the workspace's update pages, relative to the site. The pages link to them and
/// the reminder emails, sent by the web app or the command line, put the site's address in front.
/// </summary>
public static class WorkspaceLinks
{
    public const string Home = "/staff";

    public static string MeasureUpdate(string code, string quarter) =>
        $"/staff/measures/{Uri.EscapeDataString(code)}/update?period={Uri.EscapeDataString(quarter)}";

    public static string CommitmentUpdate(int elementId, string quarter) =>
        $"/staff/commitments/{elementId}/update?period={Uri.EscapeDataString(quarter)}";

    /// <summary>Where an officer does a due update.</summary>
    public static string For(DueItem item) => item.Kind == DueKind.Measure
        ? MeasureUpdate(item.Reference, item.Quarter)
        : CommitmentUpdate(item.Id, item.Quarter);
}
