using System.Globalization;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Statistics;
using CouncilPlan.Core.Users;
using CouncilPlan.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Updates;

/// <summary>Who is asking, with what they may do: read from their account on every request.</summary>
public sealed record Officer(string UserId, string Email, string Name, IReadOnlySet<string> Roles, int? ServiceId, string? PortfolioKey)
{
    public bool Is(string role) => Roles.Contains(role);

    public bool IsPerformanceTeam => Is(Users.Roles.PerformanceTeam);
}

/// <summary>A refusal: the officer may not do this. Pages answer 403 and the reason is logged.</summary>
public sealed class NotAllowedException(string message) : Exception(message)
{
    public NotAllowedException()
        : this("not allowed")
    {
    }

    public NotAllowedException(string message, Exception innerException)
        : this(message + " " + innerException.Message)
    {
    }
}

/// <summary>A save based on an older version than the one stored: the caller shows what changed and keeps the input.</summary>
public sealed class ConflictException(MeasureUpdate current) : Exception("someone else saved this update first")
{
    public MeasureUpdate Current { get; } = current;
}

/// <summary>Problems with what an officer entered, field by field, as the form shows them.</summary>
public sealed class UpdateValidationException(IReadOnlyDictionary<string, string> errors) : Exception(string.Join("; ", errors.Values))
{
    public IReadOnlyDictionary<string, string> Errors { get; } = errors;
}

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

/// <summary>A measure or commitment due from an officer in the open quarter.</summary>
public sealed record DueItem(string Quarter, string Kind, string Reference, string Title, string Href, string Status, bool Overdue, string DueText);

/// <summary>
/// The quarterly cycle, one set of rules for the web workspace and the command line: the
/// performance team opens and closes quarters; owners enter figures, commentary and milestone
/// status; approvers approve or return their service's updates; the performance team publishes.
/// Every permission is checked here, on the server, whatever page or endpoint called.
/// </summary>
public sealed class QuarterlyCycle(CouncilPlanDb db, TimeProvider clock)
{
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    public async Task<ReportingPeriod> OpenAsync(Officer officer, string quarter, DateOnly due, CancellationToken cancellationToken = default)
    {
        Require(officer.IsPerformanceTeam, "Only the performance team opens reporting periods.");
        if (!Period.TryParse(PeriodType.FinancialQuarter, quarter, out var period))
        {
            throw new UpdateValidationException(new Dictionary<string, string> { ["Quarter"] = $"Enter a financial-year quarter like {Period.Example(PeriodType.FinancialQuarter)}" });
        }

        if (due < period.End)
        {
            throw new UpdateValidationException(new Dictionary<string, string> { ["Due"] = "Updates cannot be due before the quarter ends" });
        }

        var row = await db.ReportingPeriods.SingleOrDefaultAsync(p => p.Quarter == period.Label, cancellationToken);
        if (row is null)
        {
            row = new ReportingPeriod { Quarter = period.Label, Starts = period.Start, Ends = period.End, Due = due };
            db.ReportingPeriods.Add(row);
        }

        row.Due = due;
        row.IsOpen = true;
        row.OpenedAt = clock.GetUtcNow();
        row.ClosedAt = null;
        await db.SaveChangesAsync(cancellationToken);
        return row;
    }

    public async Task CloseAsync(Officer officer, int periodId, CancellationToken cancellationToken = default)
    {
        Require(officer.IsPerformanceTeam, "Only the performance team closes reporting periods.");
        var row = await db.ReportingPeriods.SingleAsync(p => p.Id == periodId, cancellationToken);
        row.IsOpen = false;
        row.ClosedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task<List<ReportingPeriod>> OpenPeriodsAsync(CancellationToken cancellationToken = default) =>
        db.ReportingPeriods.Where(p => p.IsOpen).OrderBy(p => p.Starts).ToListAsync(cancellationToken);

    /// <summary>
    /// The measures an officer may change: the performance team all; an approver or a contributor
    /// those their service owns; a contributor also those they are named owner of. A measure belongs
    /// to a service, so its contributors can update it from the first day with no one named, and a
    /// colleague can cover for a named owner who is away.
    /// </summary>
    public async Task<bool> CanEditMeasureAsync(Officer officer, int measureId, CancellationToken cancellationToken = default) =>
        officer.IsPerformanceTeam || MayEdit(officer, await db.Ownerships.Where(o => o.MeasureId == measureId).ToListAsync(cancellationToken));

    public async Task<bool> CanEditCommitmentAsync(Officer officer, int elementId, CancellationToken cancellationToken = default) =>
        officer.IsPerformanceTeam || MayEdit(officer, await db.Ownerships.Where(o => o.ElementId == elementId).ToListAsync(cancellationToken));

    /// <summary>
    /// Whether an item is due from an officer, given all of its owners: from a named owner; from
    /// every contributor of the owning service while nobody is named (naming owners narrows who is
    /// asked, not who may help); from the service's approvers always, as they answer for it.
    /// </summary>
    public static bool IsDueFrom(Officer officer, IReadOnlyCollection<Ownership> owners) =>
        owners.Any(o => o.UserId == officer.UserId && officer.Is(Roles.Contributor))
        || (officer.ServiceId is { } service && owners.Any(o => o.ServiceId == service)
            && (officer.Is(Roles.Approver) || (officer.Is(Roles.Contributor) && owners.All(o => o.UserId is null))));

    private static bool MayEdit(Officer officer, IReadOnlyCollection<Ownership> owners) =>
        ((officer.Is(Roles.Approver) || officer.Is(Roles.Contributor)) && officer.ServiceId is { } service && owners.Any(o => o.ServiceId == service))
        || (officer.Is(Roles.Contributor) && owners.Any(o => o.UserId == officer.UserId));

    /// <summary>Approvers approve their own service's updates; the performance team any.</summary>
    public async Task<bool> CanApproveAsync(Officer officer, int? measureId, int? elementId, CancellationToken cancellationToken = default)
    {
        if (officer.IsPerformanceTeam)
        {
            return true;
        }

        if (!officer.Is(Roles.Approver) || officer.ServiceId is not { } service)
        {
            return false;
        }

        return await db.Ownerships.AnyAsync(o => o.ServiceId == service && (measureId != null ? o.MeasureId == measureId : o.ElementId == elementId), cancellationToken);
    }

    /// <summary>Whether an officer may read a measure's unpublished figures: whoever may change or approve it, and councillors for their portfolio.</summary>
    public async Task<bool> CanReadDraftsAsync(Officer officer, Measure measure, CancellationToken cancellationToken = default)
    {
        if (officer.IsPerformanceTeam || officer.Is(Roles.Administrator))
        {
            return true;
        }

        if (officer.Is(Roles.Councillor))
        {
            return officer.PortfolioKey is { } key && measure.Portfolio?.Key == key;
        }

        return await CanEditMeasureAsync(officer, measure.Id, cancellationToken) || await CanApproveAsync(officer, measure.Id, null, cancellationToken);
    }

    /// <summary>What is due from an officer in the open quarters, with overdue said in words.</summary>
    public async Task<IReadOnlyList<DueItem>> DueFromAsync(Officer officer, CancellationToken cancellationToken = default)
    {
        var periods = await OpenPeriodsAsync(cancellationToken);
        if (periods.Count == 0)
        {
            return [];
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        List<int> measureIds, elementIds;
        if (officer.IsPerformanceTeam)
        {
            measureIds = await db.Ownerships.Where(o => o.MeasureId != null).Select(o => o.MeasureId!.Value).Distinct().ToListAsync(cancellationToken);
            elementIds = await db.Ownerships.Where(o => o.ElementId != null).Select(o => o.ElementId!.Value).Distinct().ToListAsync(cancellationToken);
        }
        else
        {
            // Every owner of each item the officer or their service is among, so IsDueFrom sees whether anyone is named.
            var mine = db.Ownerships.Where(o => o.UserId == officer.UserId || (officer.ServiceId != null && o.ServiceId == officer.ServiceId));
            var owners = await db.Ownerships
                .Where(o => mine.Any(m => (m.MeasureId != null && m.MeasureId == o.MeasureId) || (m.ElementId != null && m.ElementId == o.ElementId)))
                .ToListAsync(cancellationToken);
            measureIds = owners.Where(o => o.MeasureId != null).GroupBy(o => o.MeasureId!.Value).Where(g => IsDueFrom(officer, g.ToList())).Select(g => g.Key).ToList();
            elementIds = owners.Where(o => o.ElementId != null).GroupBy(o => o.ElementId!.Value).Where(g => IsDueFrom(officer, g.ToList())).Select(g => g.Key).ToList();
        }

        var measures = await db.Measures.Where(m => measureIds.Contains(m.Id)).OrderBy(m => m.Code).ToListAsync(cancellationToken);
        var elements = await db.PlanElements.Where(e => elementIds.Contains(e.Id)).OrderBy(e => e.Key).ToListAsync(cancellationToken);
        var periodIds = periods.Select(p => p.Id).ToList();
        var updates = await db.MeasureUpdates.Where(u => periodIds.Contains(u.ReportingPeriodId)).ToListAsync(cancellationToken);
        var commitments = await db.CommitmentUpdates.Where(u => elementIds.Contains(u.ElementId)).ToListAsync(cancellationToken);

        var items = new List<DueItem>();
        foreach (var period in periods)
        {
            foreach (var measure in measures)
            {
                var update = updates.FirstOrDefault(u => u.MeasureId == measure.Id && u.ReportingPeriodId == period.Id);
                var status = update?.Status ?? UpdateStatus.NotStarted;
                var done = status is UpdateStatus.Submitted or UpdateStatus.Approved or UpdateStatus.Published;
                items.Add(new DueItem(period.Quarter, "Measure", measure.Code, measure.Title, $"/staff/measures/{measure.Code}/update?period={Uri.EscapeDataString(period.Quarter)}", Describe(status), !done && today > period.Due, DueText(period, today, done)));
            }

            foreach (var element in elements)
            {
                var latest = commitments.Where(c => c.ElementId == element.Id && c.ReportingPeriodId == period.Id).MaxBy(c => c.EnteredAt);
                var status = latest is null ? "Not started" : latest.Published ? "Published" : latest.ApprovedAt is not null ? "Approved" : "Submitted";
                items.Add(new DueItem(period.Quarter, "Commitment", element.Key, element.Title ?? element.Key, $"/staff/commitments/{element.Id}/update?period={Uri.EscapeDataString(period.Quarter)}", status, latest is null && today > period.Due, DueText(period, today, latest is not null)));
            }
        }

        return items;
    }

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
        Require(await CanEditMeasureAsync(officer, measure.Id, cancellationToken), $"You cannot change measure {measure.Code}: it is not one you own.");

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
            throw new UpdateValidationException(errors);
        }

        return new CheckedFigures(period!.Value, value!.Value, numerator, denominator, actionDue);
    }

    /// <summary>Approves a submitted update, or returns it to its owner with a reason.</summary>
    public async Task DecideAsync(Officer officer, int updateId, bool approve, string? reason, int expectedVersion, CancellationToken cancellationToken = default)
    {
        var update = await db.MeasureUpdates.SingleAsync(u => u.Id == updateId, cancellationToken);
        Require(await CanApproveAsync(officer, update.MeasureId, null, cancellationToken), "You cannot approve this update: it belongs to another service.");
        Require(update.Status == UpdateStatus.Submitted, "Only submitted updates can be approved or returned.");
        if (update.Version != expectedVersion)
        {
            throw new ConflictException(update);
        }

        if (!approve && string.IsNullOrWhiteSpace(reason))
        {
            throw new UpdateValidationException(new Dictionary<string, string> { ["Reason"] = "Enter why the update is being returned" });
        }

        update.Status = approve ? UpdateStatus.Approved : UpdateStatus.Returned;
        update.ReturnReason = approve ? null : reason!.Trim();
        update.ApprovedBy = approve ? officer.Email : null;
        update.ApprovedAt = approve ? clock.GetUtcNow() : null;
        update.Version++;
        await SaveOrConflictAsync(update, cancellationToken);
    }

    /// <summary>
    /// Publishes approved updates and commitment statuses: each update's figure becomes (or revises)
    /// the published observation for the council, unpublished figures of the same measure and period
    /// are published with it, and the data version moves so every cache empties.
    /// </summary>
    public async Task<int> PublishAsync(Officer officer, IReadOnlyCollection<int> updateIds, IReadOnlyCollection<long> commitmentUpdateIds, CancellationToken cancellationToken = default)
    {
        Require(officer.IsPerformanceTeam, "Only the performance team publishes.");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var updates = await db.MeasureUpdates.Where(u => updateIds.Contains(u.Id)).ToListAsync(cancellationToken);
        var commitments = await db.CommitmentUpdates.Where(c => commitmentUpdateIds.Contains(c.Id)).ToListAsync(cancellationToken);

        // Every check before anything is written: a refusal leaves nothing behind.
        Require(updates.All(u => u.Status == UpdateStatus.Approved), "Only approved updates can be published.");
        Require(commitments.All(c => c.ApprovedAt is not null), "Only approved commitment updates can be published.");
        var measures = await db.Measures.Where(m => updates.Select(u => u.MeasureId).Contains(m.Id)).Include(m => m.Portfolio).ToDictionaryAsync(m => m.Id, cancellationToken);
        var plans = await db.Plans.ToDictionaryAsync(p => p.Id, cancellationToken);
        var batch = new DataBatch { EnteredBy = officer.Email, EnteredAt = now, Description = "published from the staff workspace" };
        db.DataBatches.Add(batch);
        await db.SaveChangesAsync(cancellationToken);

        foreach (var update in updates)
        {
            var measure = measures[update.MeasureId];
            var council = plans[measure.PlanId].CouncilAreaCode;
            if (update.DraftObservation(measure, council) is { } draft)
            {
                var (period, value) = (draft.PeriodStart, draft.Value);
                var observation = await db.Observations.SingleOrDefaultAsync(
                    o => o.MeasureId == measure.Id && o.PeriodStart == period && o.AreaCode == council && o.BreakdownId == Breakdown.TotalId, cancellationToken);
                if (observation is null)
                {
                    draft.BatchId = batch.Id;
                    draft.Version = 1;
                    db.Observations.Add(draft);
                }
                else if (observation.Value != value || observation.Numerator != update.DraftNumerator || observation.Denominator != update.DraftDenominator
                    || observation.Status != update.DraftStatus || observation.QualityNote != update.DraftQualityNote || !observation.Published)
                {
                    // The database keeps the version this replaces (observation_revisions).
                    observation.Value = value;
                    observation.Numerator = update.DraftNumerator;
                    observation.Denominator = update.DraftDenominator;
                    observation.Status = update.DraftStatus;
                    observation.QualityNote = update.DraftQualityNote;
                    observation.Published = true;
                    observation.BatchId = batch.Id;
                    observation.Version++;
                }

                // Other figures imported for the same measure and period (wards, groups) are not
                // published with it: an import is published on purpose (ImportedFigures), never as a side effect.
            }

            update.Status = UpdateStatus.Published;
            update.PublishedBy = officer.Email;
            update.PublishedAt = now;
            update.Version++;
        }

        foreach (var commitment in commitments)
        {
            commitment.Published = true;
            commitment.PublishedBy = officer.Email;
            commitment.PublishedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        await DataVersion.BumpAsync(db, clock, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return updates.Count + commitments.Count;
    }

    /// <summary>Records a commitment's status for a quarter: a new row each time, so its history is kept.</summary>
    public async Task<CommitmentUpdate> SaveCommitmentAsync(Officer officer, PlanElement element, ReportingPeriod quarter, CommitmentStatus status, string? commentary, string? revisedDate, CancellationToken cancellationToken = default)
    {
        Require(element.Kind is ElementKind.Commitment or ElementKind.Scheme, "Only commitments and schemes have a status.");
        Require(quarter.IsOpen, $"{quarter.Quarter} is closed: ask the performance team to reopen it.");
        Require(await CanEditCommitmentAsync(officer, element.Id, cancellationToken), $"You cannot change '{element.Title}': it is not one you own.");
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
            throw new UpdateValidationException(errors);
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
        Require(await CanApproveAsync(officer, null, row.ElementId, cancellationToken), "You cannot approve this: it belongs to another service.");
        row.ApprovedBy = officer.Email;
        row.ApprovedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

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

    private static string DueText(ReportingPeriod period, DateOnly today, bool done)
    {
        var due = period.Due.ToString("d MMMM yyyy", EnGb);
        if (done)
        {
            return $"Due {due}: done";
        }

        var days = period.Due.DayNumber - today.DayNumber;
        return days switch
        {
            < 0 => $"Overdue: was due {due} ({-days} day{(days == -1 ? "" : "s")} ago)",
            0 => $"Due today, {due}",
            _ => $"Due {due} (in {days} day{(days == 1 ? "" : "s")})",
        };
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
