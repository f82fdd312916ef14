using System.Globalization;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Updates;
/// <summary>A commitment's or scheme's quarterly status: recorded by its owners, approved by their service, history kept.</summary>
public sealed class CommitmentStatuses(CouncilPlanDb db, TimeProvider clock)
{
    /// <summary>Records a commitment's status for a quarter: a new row each time, so its history is kept.</summary>
    public async Task<CommitmentUpdate> SaveCommitmentAsync(Officer officer, PlanElement element, ReportingPeriod quarter, CommitmentStatus status, string? commentary, string? revisedDate, CancellationToken cancellationToken = default)
    {
        Require(element.Kind is ElementKind.Commitment or ElementKind.Scheme, "Only commitments and schemes have a status.");
        Require(quarter.IsOpen, $"{quarter.Quarter} is closed: ask the performance team to reopen it.");
        Require(await new UpdatePermissions(db).CanEditCommitmentAsync(officer, element.Id, cancellationToken), $"You cannot change '{element.Title}': it is not one you own.");
        var errors = new Dictionary<string, string>();
        DateOnly? revised = null;
        if (!string.IsNullOrWhiteSpace(revisedDate))
        {
            if (DateOnly.TryParseExact(revisedDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                revised = date;
            }
            else
            {
                errors["RevisedDate"] = "Enter the revised date like 2024-03-31";
            }
        }

        if (status is CommitmentStatus.AtRisk or CommitmentStatus.OffTrack && string.IsNullOrWhiteSpace(commentary))
        {
            errors["Commentary"] = "Say why it is at risk or off track and what is being done";
        }
        else if (Clean(commentary) is { } given && TextField.Problem(given, "The commentary", TextField.Long, paragraphs: true) is { } problem)
        {
            errors["Commentary"] = problem;
        }

        if (errors.Count > 0)
        {
            throw new InvalidInputException(errors);
        }

        var row = new CommitmentUpdate
        {
            ElementId = element.Id,
            ReportingPeriodId = quarter.Id,
            Status = status,
            Commentary = Clean(commentary),
            RevisedDate = revised,
            EnteredBy = officer.Email,
            EnteredAt = clock.GetUtcNow(),
        };
        db.CommitmentUpdates.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return row;
    }

    public async Task ApproveCommitmentAsync(Officer officer, long commitmentUpdateId, CancellationToken cancellationToken = default)
    {
        var row = await db.CommitmentUpdates.SingleAsync(c => c.Id == commitmentUpdateId, cancellationToken);
        Require(await new UpdatePermissions(db).CanApproveAsync(officer, null, row.ElementId, cancellationToken), "You cannot approve this: it belongs to another service.");
        row.ApprovedBy = officer.Email;
        row.ApprovedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static void Require(bool allowed, string reason)
    {
        if (!allowed)
        {
            throw new NotAllowedException(reason);
        }
    }
}
