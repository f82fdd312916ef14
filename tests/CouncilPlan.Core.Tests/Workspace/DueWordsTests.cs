using CouncilPlan.Core.Updates;
using CouncilPlan.Reports.Workspace;

namespace CouncilPlan.Core.Tests.Workspace;

public sealed class DueWordsTests
{
    private static readonly ReportingPeriod Q1 = new() { Id = 1, Quarter = "2026-27 Q1", Due = new DateOnly(2026, 7, 31) };

    private static DueItem Measure(UpdateStatus stage, bool toDo) =>
        new(Q1, DueKind.Measure, 7, "T-01", "Homes built", stage, null, toDo, false);

    private static DueItem Commitment(UpdateStatus stage, CommitmentStatus? reported) =>
        new(Q1, DueKind.Commitment, 42, "new-leisure-centre", "A new leisure centre", stage, reported, reported is null, false);

    [Theory]
    [InlineData("2026-07-28", "Due 31 July 2026 (in 3 days)")]
    [InlineData("2026-07-30", "Due 31 July 2026 (in 1 day)")]
    [InlineData("2026-07-31", "Due today, 31 July 2026")]
    [InlineData("2026-08-01", "Overdue: was due 31 July 2026 (1 day ago)")]
    [InlineData("2026-08-10", "Overdue: was due 31 July 2026 (10 days ago)")]
    public void When_CountsTheDaysToOrSinceTheDueDate_InWholeDays(string today, string expected) =>
        Assert.Equal(expected, DueWords.When(Measure(UpdateStatus.Draft, toDo: true), DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void When_ADoneUpdateIsNeverOverdue_EvenAfterTheDueDate() =>
        Assert.Equal("Due 31 July 2026: done", DueWords.When(Measure(UpdateStatus.Submitted, toDo: false), new DateOnly(2026, 9, 1)));

    [Fact]
    public void Status_TellsAMissingCommitmentReportFromACommitmentNotStarted()
    {
        Assert.Equal("No status reported yet", DueWords.Status(Commitment(UpdateStatus.NotStarted, null)));
        Assert.Equal("Not started: waiting for approval", DueWords.Status(Commitment(UpdateStatus.Submitted, CommitmentStatus.NotStarted)));
        Assert.Equal("At risk: approved, not yet published", DueWords.Status(Commitment(UpdateStatus.Approved, CommitmentStatus.AtRisk)));
        Assert.Equal("On track: published", DueWords.Status(Commitment(UpdateStatus.Published, CommitmentStatus.OnTrack)));
        Assert.Equal("Returned: changes needed", DueWords.Status(Measure(UpdateStatus.Returned, toDo: true)));
    }

    [Fact]
    public void Links_GoToTheUpdatePageForTheQuarter_WithTheQuarterEscaped()
    {
        Assert.Equal("/staff/measures/T-01/update?period=2026-27%20Q1", WorkspaceLinks.For(Measure(UpdateStatus.Draft, toDo: true)));
        Assert.Equal("/staff/commitments/42/update?period=2026-27%20Q1", WorkspaceLinks.For(Commitment(UpdateStatus.NotStarted, null)));
    }
}
