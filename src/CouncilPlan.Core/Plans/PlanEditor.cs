using System.Globalization;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.DataFiles;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Plans;

/// <summary>A plan element's words and dates as typed in the workspace.</summary>
public sealed record ElementEdit(string? Title, string? Text, string? Due, string? DueText, string? Quantity, string? Unit, int? OwnerServiceId, IReadOnlyList<string> OwnerUserIds);

/// <summary>
/// Edits a plan element in the workspace with the plan file's rules: the same required fields,
/// dates and quantities the reader checks. The element keeps its stable id.
/// </summary>
public sealed class PlanEditor(CouncilPlanDb db)
{
    public async Task SaveAsync(Officer officer, int elementId, ElementEdit edit, CancellationToken cancellationToken = default)
    {
        if (!officer.IsPerformanceTeam)
        {
            throw new NotAllowedException("Only the performance team edits the plan.");
        }

        var element = await db.PlanElements.SingleAsync(e => e.Id == elementId, cancellationToken);
        var errors = new Dictionary<string, string>();
        var textOnly = PlanFileReader.IsTextOnly(element.Kind);
        if (!textOnly && string.IsNullOrWhiteSpace(edit.Title))
        {
            errors["Title"] = "Enter the title";
        }

        if (textOnly && string.IsNullOrWhiteSpace(edit.Text))
        {
            errors["Text"] = "Enter the text";
        }

        PartialDate? due = null;
        if (!string.IsNullOrWhiteSpace(edit.Due))
        {
            if (PartialDate.TryParse(edit.Due, out var date))
            {
                due = date;
            }
            else
            {
                errors["Due"] = $"'{edit.Due}' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY";
            }
        }

        decimal? quantity = null;
        if (!string.IsNullOrWhiteSpace(edit.Quantity))
        {
            if (StrictNumber.ParseDecimal(edit.Quantity, out var problem) is { } q)
            {
                quantity = q;
            }
            else
            {
                errors["Quantity"] = $"The quantity: {problem}";
            }

            if (string.IsNullOrWhiteSpace(edit.Unit))
            {
                errors["Unit"] = "Say what the quantity counts, for example homes";
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidInputException(errors);
        }

        element.Title = textOnly ? element.Title : edit.Title!.Trim();
        element.Text = string.IsNullOrWhiteSpace(edit.Text) ? null : edit.Text.Trim();
        element.Due = due?.Start;
        element.DuePrecision = due?.Precision;
        element.DueText = string.IsNullOrWhiteSpace(edit.DueText) ? null : edit.DueText.Trim();
        element.Quantity = quantity;
        element.Unit = quantity is null ? null : edit.Unit!.Trim();

        if (element.Kind is ElementKind.Commitment or ElementKind.Scheme)
        {
            var owners = await db.Ownerships.Where(o => o.ElementId == element.Id).ToListAsync(cancellationToken);
            db.Ownerships.RemoveRange(owners);
            db.Ownerships.AddRange(edit.OwnerUserIds.Count == 0
                ? (edit.OwnerServiceId is null ? [] : [new Ownership { ElementId = element.Id, ServiceId = edit.OwnerServiceId }])
                : edit.OwnerUserIds.Select(u => new Ownership { ElementId = element.Id, ServiceId = edit.OwnerServiceId, UserId = u }));
        }

        // The plan in the database now differs from the file it came from: a reload of that file
        // must not be mistaken for "unchanged".
        var plan = await db.Plans.SingleAsync(p => p.Id == element.PlanId, cancellationToken);
        plan.FileHash = "edited in the workspace";
        await db.SaveChangesAsync(cancellationToken);
        await DataVersion.BumpAsync(db, db.Clock, cancellationToken);
    }
}
