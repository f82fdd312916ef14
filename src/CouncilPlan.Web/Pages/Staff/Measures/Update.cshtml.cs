using System.Globalization;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Validation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Web.Pages.Staff.Measures;

/// <summary>The data-entry form for a measure in a quarter: figure, commentary and, when red, corrective action.</summary>
public sealed class UpdateModel(CouncilPlanDb db, UpdatePermissions permissions, MeasureUpdates updates) : StaffPageModel(db)
{
    [FromRoute]
    public string Code { get; set; } = "";

    [FromQuery(Name = "period")]
    public string? Quarter { get; set; }

    [BindProperty]
    public UpdateForm Form { get; set; } = new();

    public Measure Measure { get; private set; } = null!;

    public ReportingPeriod ReportingPeriod { get; private set; } = null!;

    public MeasureUpdate Update { get; private set; } = null!;

    public Observation? Published { get; private set; }

    public MeasureTarget? Target { get; private set; }

    /// <summary>Set when another officer saved first: what they saved, shown beside the input kept here.</summary>
    public MeasureUpdate? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } missing)
        {
            return missing;
        }

        if (!await permissions.CanEditMeasureAsync(Officer, Measure.Id, cancellationToken))
        {
            throw new NotAllowedException($"You cannot change measure {Measure.Code}: it is not one you own.");
        }

        Form = UpdateForm.From(Update, MeasureUpdates.DefaultPeriod(Measure, ReportingPeriod).Label);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string action, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } missing)
        {
            return missing;
        }

        try
        {
            await updates.SaveAsync(Officer, Measure, ReportingPeriod, Form.ToInput(), submit: action == "submit", cancellationToken);
            Notice = action == "submit" ? $"{Measure.Code} submitted for approval" : $"{Measure.Code} saved as a draft";
            return Redirect("/staff");
        }
        catch (InvalidInputException errors)
        {
            AddErrors(errors, "Form.");
        }
        catch (ConflictException conflict)
        {
            Conflict = conflict.Current;
            ModelState.AddModelError(string.Empty, $"{conflict.Current.UpdatedBy} saved this update at {conflict.Current.UpdatedAt?.ToString("HH:mm", CultureInfo.GetCultureInfo("en-GB"))} while you were working on it. Your input is below, unchanged; compare it with theirs and save again.");
            Form = Form with { Version = conflict.Current.Version };
        }

        return Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        var measure = await Db.Measures.Include(m => m.Portfolio).SingleOrDefaultAsync(m => m.Code == Code, cancellationToken);
        var period = Quarter is null
            ? await Db.ReportingPeriods.Where(p => p.IsOpen).OrderByDescending(p => p.Starts).FirstOrDefaultAsync(cancellationToken)
            : await Db.ReportingPeriods.SingleOrDefaultAsync(p => p.Quarter == Quarter, cancellationToken);
        if (measure is null || period is null)
        {
            return NotFound();
        }

        Measure = measure;
        ReportingPeriod = period;
        Update = await updates.GetOrStartAsync(measure.Id, period, cancellationToken);
        var council = await Db.Plans.Where(p => p.Id == measure.PlanId).Select(p => p.CouncilAreaCode).SingleAsync(cancellationToken);
        Published = await Db.Observations.AsNoTracking()
            .Where(o => o.MeasureId == measure.Id && o.AreaCode == council && o.BreakdownId == Breakdown.TotalId && o.Published)
            .OrderByDescending(o => o.PeriodStart).FirstOrDefaultAsync(cancellationToken);
        var defaultPeriod = MeasureUpdates.DefaultPeriod(measure, period);
        Target = await Db.MeasureTargets.AsNoTracking().SingleOrDefaultAsync(t => t.MeasureId == measure.Id && t.PeriodStart == defaultPeriod.Start, cancellationToken);
        return null;
    }
}

/// <summary>The form's fields, as typed.</summary>
public sealed record UpdateForm
{
    public string? Period { get; init; }

    public string? Value { get; init; }

    public string? Numerator { get; init; }

    public string? Denominator { get; init; }

    public ObservationStatus Status { get; init; }

    public string? QualityNote { get; init; }

    public string? Commentary { get; init; }

    public string? CorrectiveAction { get; init; }

    public string? CorrectiveActionOwner { get; init; }

    public string? CorrectiveActionDue { get; init; }

    public int Version { get; init; }

    public static UpdateForm From(MeasureUpdate update, string defaultPeriod) => new()
    {
        Period = update.DraftPeriod ?? defaultPeriod,
        Value = update.DraftValue?.ToString("R", CultureInfo.InvariantCulture),
        Numerator = update.DraftNumerator?.ToString("R", CultureInfo.InvariantCulture),
        Denominator = update.DraftDenominator?.ToString("R", CultureInfo.InvariantCulture),
        Status = update.DraftStatus,
        QualityNote = update.DraftQualityNote,
        Commentary = update.Commentary,
        CorrectiveAction = update.CorrectiveAction,
        CorrectiveActionOwner = update.CorrectiveActionOwner,
        CorrectiveActionDue = update.CorrectiveActionDue?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Version = update.Version,
    };

    public MeasureUpdateInput ToInput() => new(Period, Value, Numerator, Denominator, Status, QualityNote, Commentary, CorrectiveAction, CorrectiveActionOwner, CorrectiveActionDue, Version);
}
