using System.Globalization;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Statistics;
using CouncilPlan.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Updates;
/// <summary>What an officer enters for a measure in a quarter.</summary>
public sealed record MeasureUpdateInput(
    string? Period,
    string? Value,
    string? Numerator,
    string? Denominator,
    ObservationStatus Status,
    string? QualityNote,
    string? Commentary,
    string? CorrectiveAction,
    string? CorrectiveActionOwner,
    string? CorrectiveActionDue,
    int ExpectedVersion);

/// <summary>An update's figures as read and checked from what the officer entered.</summary>
public sealed record CheckedFigures(Period Period, double Value, double? Numerator, double? Denominator, DateOnly? CorrectiveActionDue);
/// <summary>
/// A measure's quarterly update on its way to approval: its owner enters the figure, commentary and
/// corrective action (checked strictly; a red value needs an action), saves or submits it without
/// overwriting anyone's newer save, and an approver of the owning service approves or returns it.
/// </summary>
public sealed class MeasureUpdates(CouncilPlanDb db, TimeProvider clock)
{
    /// <summary>The update for a measure and quarter, created empty when there is none yet.</summary>
    public async Task<MeasureUpdate> GetOrStartAsync(int measureId, ReportingPeriod period, CancellationToken cancellationToken = default) =>
        await db.MeasureUpdates.SingleOrDefaultAsync(u => u.MeasureId == measureId && u.ReportingPeriodId == period.Id, cancellationToken)
        ?? new MeasureUpdate { MeasureId = measureId, ReportingPeriodId = period.Id, Status = UpdateStatus.NotStarted };

    /// <summary>The period of the measure's own type that a quarter's update reports: the quarter, or the year it ends.</summary>
    public static Period DefaultPeriod(Measure measure, ReportingPeriod quarter) =>
        measure.PeriodType == PeriodType.FinancialQuarter
            ? new Period(PeriodType.FinancialQuarter, quarter.Starts, quarter.Ends)
            : Period.Of(measure.PeriodType, measure.PeriodType switch
            {
                PeriodType.Rolling12Months => quarter.Ends.AddMonths(-11),
                PeriodType.ThreeCalendarYears => quarter.Ends.AddYears(-2),
                _ => quarter.Ends,
            });

    /// <summary>
    /// Saves an officer's figures and commentary for a measure in a quarter, as a draft or submitted
    /// for approval. A red value needs a corrective action with an owner and a date. A save based on
    /// an older version is refused with the current one, so nothing is silently overwritten.
    /// </summary>
    public async Task<MeasureUpdate> SaveAsync(Officer officer, Measure measure, ReportingPeriod quarter, MeasureUpdateInput input, bool submit, CancellationToken cancellationToken = default)
    {
        Require(quarter.IsOpen, $"{quarter.Quarter} is closed: ask the performance team to reopen it.");
        Require(await new UpdatePermissions(db).CanEditMeasureAsync(officer, measure.Id, cancellationToken), $"You cannot change measure {measure.Code}: it is not one you own.");

        var update = await GetOrStartAsync(measure.Id, quarter, cancellationToken);
        Require(update.Status is not (UpdateStatus.Approved or UpdateStatus.Published) || officer.IsPerformanceTeam, "This update has been approved: only the performance team can change it now.");
        if (update.Id != 0 && update.Version != input.ExpectedVersion)
        {
            throw new ConflictException(update);
        }

        var figures = await CheckAsync(measure, input, submit, cancellationToken);
        update.DraftPeriod = figures.Period.Label;
        update.DraftValue = figures.Value;
        update.DraftNumerator = figures.Numerator;
        update.DraftDenominator = figures.Denominator;
        update.DraftStatus = input.Status;
        update.DraftQualityNote = Clean(input.QualityNote);
        update.Commentary = Clean(input.Commentary);
        update.CorrectiveAction = Clean(input.CorrectiveAction);
        update.CorrectiveActionOwner = Clean(input.CorrectiveActionOwner);
        update.CorrectiveActionDue = figures.CorrectiveActionDue;
        update.UpdatedBy = officer.Email;
        update.UpdatedAt = clock.GetUtcNow();
        update.Status = submit ? UpdateStatus.Submitted : UpdateStatus.Draft;
        if (submit)
        {
            update.SubmittedBy = officer.Email;
            update.SubmittedAt = update.UpdatedAt;
        }

        update.ReturnReason = submit ? null : update.ReturnReason;
        update.Version++;
        if (update.Id == 0)
        {
            db.MeasureUpdates.Add(update);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new ConflictException(await db.MeasureUpdates.AsNoTracking().SingleAsync(u => u.Id == update.Id, cancellationToken));
        }
        catch (DbUpdateException) when (update.Id == 0 || db.ChangeTracker.Entries<MeasureUpdate>().Any(e => e.State == EntityState.Added))
        {
            // Two officers started the same update at once: the other save won.
            db.ChangeTracker.Clear();
            throw new ConflictException(await db.MeasureUpdates.AsNoTracking().SingleAsync(u => u.MeasureId == measure.Id && u.ReportingPeriodId == quarter.Id, cancellationToken));
        }

        return update;
    }

    /// <summary>
    /// Checks what an officer entered for a measure by the rules <see cref="SaveAsync"/> applies, without
    /// saving anything: the figures as read, or every problem, field by field. A red value needs a
    /// corrective action with an owner and a date; a submission needs a commentary.
    /// </summary>
    public async Task<CheckedFigures> CheckAsync(Measure measure, MeasureUpdateInput input, bool submit, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string>();
        var period = Period.TryParse(measure.PeriodType, input.Period, out var p) ? p : (Period?)null;
        if (period is null)
        {
            errors["Period"] = $"Enter the period like {Period.Example(measure.PeriodType)}";
        }

        var value = Number(input.Value, "Value", required: true, errors);
        var numerator = Number(input.Numerator, "Numerator", required: false, errors);
        var denominator = Number(input.Denominator, "Denominator", required: false, errors);
        if (denominator is <= 0)
        {
            errors["Denominator"] = "The denominator must be more than 0";
        }

        if (measure.Unit == MeasureUnit.Percentage && numerator is { } n && denominator is { } d && n > d)
        {
            errors["Numerator"] = "The numerator cannot be more than the denominator for a percentage";
        }

        if (string.IsNullOrWhiteSpace(input.Commentary) && submit)
        {
            errors["Commentary"] = "Enter a commentary: what the figure shows and why";
        }

        foreach (var (field, label, text, maximum, paragraphs) in new[]
        {
            ("Commentary", "The commentary", input.Commentary, TextField.Long, true),
            ("QualityNote", "The quality note", input.QualityNote, TextField.Note, true),
            ("CorrectiveAction", "The corrective action", input.CorrectiveAction, TextField.Note, true),
            ("CorrectiveActionOwner", "The corrective action's owner", input.CorrectiveActionOwner, TextField.Short, false),
        })
        {
            if (Clean(text) is { } given && TextField.Problem(given, label, maximum, paragraphs) is { } problem)
            {
                errors[field] = problem;
            }
        }

        DateOnly? actionDue = null;
        var target = period is { } pp ? await db.MeasureTargets.SingleOrDefaultAsync(t => t.MeasureId == measure.Id && t.PeriodStart == pp.Start, cancellationToken) : null;
        var rag = MeasureAssessor.RagOf(measure, value, target);
        if (rag == Rag.Red)
        {
            if (string.IsNullOrWhiteSpace(input.CorrectiveAction))
            {
                errors["CorrectiveAction"] = "The value is red against its target: enter the corrective action";
            }

            if (string.IsNullOrWhiteSpace(input.CorrectiveActionOwner))
            {
                errors["CorrectiveActionOwner"] = "Enter who will take the corrective action";
            }

            if (!DateOnly.TryParseExact(input.CorrectiveActionDue?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due))
            {
                errors["CorrectiveActionDue"] = "Enter the date the corrective action is due, like 2024-03-31";
            }
            else
            {
                actionDue = due;
            }
        }
        else if (!string.IsNullOrWhiteSpace(input.CorrectiveActionDue))
        {
            actionDue = DateOnly.TryParseExact(input.CorrectiveActionDue.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due) ? due : null;
            if (actionDue is null)
            {
                errors["CorrectiveActionDue"] = "Enter the date like 2024-03-31";
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidInputException(errors);
        }

        return new CheckedFigures(period!.Value, value!.Value, numerator, denominator, actionDue);
    }

    /// <summary>Approves a submitted update, or returns it to its owner with a reason.</summary>
    public async Task DecideAsync(Officer officer, int updateId, bool approve, string? reason, int expectedVersion, CancellationToken cancellationToken = default)
    {
        var update = await db.MeasureUpdates.SingleAsync(u => u.Id == updateId, cancellationToken);
        Require(await new UpdatePermissions(db).CanApproveAsync(officer, update.MeasureId, null, cancellationToken), "You cannot approve this update: it belongs to another service.");
        Require(update.Status == UpdateStatus.Submitted, "Only submitted updates can be approved or returned.");
        if (update.Version != expectedVersion)
        {
            throw new ConflictException(update);
        }

        if (!approve && string.IsNullOrWhiteSpace(reason))
        {
            throw new InvalidInputException(new Dictionary<string, string> { ["Reason"] = "Enter why the update is being returned" });
        }

        update.Status = approve ? UpdateStatus.Approved : UpdateStatus.Returned;
        update.ReturnReason = approve ? null : reason!.Trim();
        update.ApprovedBy = approve ? officer.Email : null;
        update.ApprovedAt = approve ? clock.GetUtcNow() : null;
        update.Version++;
        await SaveOrConflictAsync(update, cancellationToken);
    }

    private async Task SaveOrConflictAsync(MeasureUpdate update, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new ConflictException(await db.MeasureUpdates.AsNoTracking().SingleAsync(u => u.Id == update.Id, cancellationToken));
        }
    }

    private static double? Number(string? text, string field, bool required, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                errors[field] = $"Enter the {field.ToLowerInvariant()}";
            }

            return null;
        }

        var value = StrictNumber.Parse(text, out var problem);
        if (problem is not null)
        {
            errors[field] = problem;
        }

        return value;
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
