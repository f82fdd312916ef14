using CouncilPlan.Core.Data;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Statistics;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Updates;

/// <summary>
/// What an approver needs beside a submitted figure before approving it: the figure against its
/// target and tolerance, the rating and the judgement it would get once published, the periods
/// before it, and what the owner said last time. A red figure was once approved without the
/// approver being told it was red.
/// </summary>
/// <param name="Assessment">The measure assessed as if the submitted figure were published (its latest point).</param>
/// <param name="Target">The target for the submitted figure's period, if there is one.</param>
/// <param name="Rating">The submitted figure's rating against that target.</param>
/// <param name="Recent">The last eight periods, oldest first, ending with the submitted figure.</param>
/// <param name="Previous">The owner's last published commentary and corrective action for this measure.</param>
public sealed record ApprovalContext(
    MeasureAssessment Assessment,
    MeasureTarget? Target,
    Rag Rating,
    IReadOnlyList<AssessedPoint> Recent,
    PublishedCommentary? Previous)
{
    /// <summary>How many periods the approver sees: two years of a quarterly measure.</summary>
    public const int RecentPeriods = 8;

    /// <summary>
    /// The context of a submitted update. The draft is assessed with the published figures of the
    /// whole council only: nothing unpublished but the figure being approved is read.
    /// </summary>
    public static async Task<ApprovalContext> LoadAsync(CouncilPlanDb db, MeasureUpdate update, CancellationToken cancellationToken = default)
    {
        var measure = await db.Measures.AsNoTracking()
            .Include(m => m.Targets).Include(m => m.Breaks)
            .SingleAsync(m => m.Id == update.MeasureId, cancellationToken);
        var council = await db.Plans.AsNoTracking().Where(p => p.Id == measure.PlanId).Select(p => p.CouncilAreaCode).SingleAsync(cancellationToken);
        var published = await db.Observations.AsNoTracking()
            .Where(o => o.MeasureId == measure.Id && o.Published && o.AreaCode == council && o.BreakdownId == Breakdown.TotalId)
            .ToListAsync(cancellationToken);

        var draftPeriod = update.DraftPeriod is { } label && Period.TryParse(measure.PeriodType, label, out var p) ? p : (Period?)null;
        if (update.DraftObservation(measure, council) is { } draft)
        {
            // The submitted figure replaces a published one for the same period, as a revision would.
            published.RemoveAll(o => o.PeriodStart == draft.PeriodStart);
            published.Add(draft);
        }

        var areas = new AssessmentAreas(council, new HashSet<string>(StringComparer.Ordinal), new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal));
        var asAt = draftPeriod?.End ?? DateOnly.FromDateTime(DateTime.UnixEpoch);
        var assessment = MeasureAssessor.Assess(measure, published, new Dictionary<int, string> { [Breakdown.TotalId] = "" }, areas, asAt);
        var target = draftPeriod is { } d ? measure.Targets.FirstOrDefault(t => t.PeriodStart == d.Start) : null;
        var previous = await db.MeasureUpdates.AsNoTracking()
            .Where(u => u.MeasureId == measure.Id && u.Id != update.Id && u.Status == UpdateStatus.Published && u.PublishedAt != null)
            .OrderByDescending(u => u.PublishedAt)
            .Select(u => new PublishedCommentary(u.ReportingPeriod!.Quarter, u.DraftPeriod, u.Commentary, u.CorrectiveAction, u.CorrectiveActionOwner, u.CorrectiveActionDue, u.PublishedAt!.Value))
            .FirstOrDefaultAsync(cancellationToken);

        return new ApprovalContext(
            assessment,
            target,
            MeasureAssessor.RagOf(measure, update.DraftValue, target),
            assessment.Series.TakeLast(RecentPeriods).ToList(),
            previous);
    }
}
