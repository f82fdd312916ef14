using System.Globalization;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Statistics;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Measures;

/// <summary>A target as typed in the workspace.</summary>
public sealed record TargetInput(string? Period, string? Value, string? Tolerance, ToleranceType ToleranceType, string? Source);

/// <summary>A measure's editable metadata as typed in the workspace.</summary>
public sealed record MeasureEdit(
    string? Title,
    string? Definition,
    MeasureKind Kind,
    Polarity Polarity,
    string? Decimals,
    string? UnitLabel,
    string? Owner,
    string? Caveat,
    string? SuppressBelow,
    IReadOnlyList<string> EvidenceKeys,
    IReadOnlyList<TargetInput> Targets,
    int? OwnerServiceId,
    IReadOnlyList<string> OwnerUserIds);

/// <summary>
/// Edits a measure in the workspace with the catalogue file's rules (the same checks the reader
/// makes), so a measure edited on screen is one the file format could hold.
/// </summary>
public sealed class MeasureEditor(CouncilPlanDb db)
{
    /// <summary>
    /// Checks an edit; the owning service and named owners change at once (they are the workspace's
    /// business), and a change to the public record becomes a proposal (<see cref="MeasureChange"/>),
    /// returned, which changes nothing public until approved and published (<see cref="MeasureChanges"/>).
    /// </summary>
    public async Task<MeasureChange?> SaveAsync(Officer officer, string code, MeasureEdit edit, CancellationToken cancellationToken = default)
    {
        if (!officer.IsPerformanceTeam)
        {
            throw new NotAllowedException("Only the performance team edits the measure catalogue.");
        }

        var measure = await db.Measures.Include(m => m.Targets).Include(m => m.Evidence).ThenInclude(e => e.Element).SingleAsync(m => m.Code == code, cancellationToken);
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(edit.Title))
        {
            errors["Title"] = "Enter the measure's title";
        }

        if (string.IsNullOrWhiteSpace(edit.Definition))
        {
            errors["Definition"] = "Enter a plain-English definition";
        }

        if (!int.TryParse(edit.Decimals, NumberStyles.Integer, CultureInfo.InvariantCulture, out var decimals) || !MeasureFileReader.ValidDecimals(decimals))
        {
            errors["Decimals"] = "Decimal places must be a whole number from 0 to 6";
        }

        int? suppress = null;
        if (!string.IsNullOrWhiteSpace(edit.SuppressBelow))
        {
            if (int.TryParse(edit.SuppressBelow, NumberStyles.Integer, CultureInfo.InvariantCulture, out var threshold) && threshold >= 0)
            {
                suppress = threshold;
            }
            else
            {
                errors["SuppressBelow"] = "The small-number threshold must be a whole number, 0 or more";
            }
        }

        var elements = await db.PlanElements.Where(e => e.PlanId == measure.PlanId).ToDictionaryAsync(e => e.Key, StringComparer.Ordinal, cancellationToken);
        foreach (var key in edit.EvidenceKeys)
        {
            if (!elements.TryGetValue(key, out var element) || !MeasureFileReader.CanEvidence(element.Kind))
            {
                errors["EvidenceKeys"] = $"'{key}' is not something in the plan a measure can evidence";
            }
        }

        var targets = new List<MeasureTarget>();
        for (var i = 0; i < edit.Targets.Count; i++)
        {
            var t = edit.Targets[i];
            if (string.IsNullOrWhiteSpace(t.Period) && string.IsNullOrWhiteSpace(t.Value))
            {
                continue;
            }

            if (!Period.TryParse(measure.PeriodType, t.Period, out var period))
            {
                errors[$"Targets[{i}].Period"] = $"Target period must be a {MeasureFileReader.Describe(measure.PeriodType)} period, like {Period.Example(measure.PeriodType)}";
                continue;
            }

            if (StrictNumber.Parse(t.Value, out var valueProblem) is not { } value)
            {
                errors[$"Targets[{i}].Value"] = $"The target for {period.Label}: {valueProblem}";
                continue;
            }

            double? tolerance = null;
            if (!string.IsNullOrWhiteSpace(t.Tolerance))
            {
                if (StrictNumber.Parse(t.Tolerance, out _) is { } tol && tol >= 0)
                {
                    tolerance = tol;
                }
                else
                {
                    errors[$"Targets[{i}].Tolerance"] = "The tolerance must be a number, 0 or more";
                    continue;
                }
            }

            if (targets.Any(x => x.PeriodStart == period.Start))
            {
                errors[$"Targets[{i}].Period"] = $"A target for {period.Label} is already given";
                continue;
            }

            targets.Add(new MeasureTarget { Period = period.Label, PeriodStart = period.Start, Value = value, Tolerance = tolerance, ToleranceType = t.ToleranceType, Source = string.IsNullOrWhiteSpace(t.Source) ? null : t.Source.Trim() });
        }

        if (errors.Count > 0)
        {
            throw new InvalidInputException(errors);
        }

        var proposed = new MeasureRecord(
            edit.Title!.Trim(),
            edit.Definition!.Trim(),
            edit.Kind,
            edit.Polarity,
            decimals,
            string.IsNullOrWhiteSpace(edit.UnitLabel) ? null : edit.UnitLabel.Trim(),
            string.IsNullOrWhiteSpace(edit.Owner) ? null : edit.Owner.Trim(),
            string.IsNullOrWhiteSpace(edit.Caveat) ? null : edit.Caveat.Trim(),
            suppress,
            edit.EvidenceKeys.Distinct(StringComparer.Ordinal).ToList(),
            targets.OrderBy(t => t.PeriodStart).Select(t => new TargetRecord(t.Period, t.PeriodStart, t.Value, t.Tolerance, t.ToleranceType, t.Source)).ToList());
        var current = MeasureRecord.Of(measure);
        MeasureChange? change = null;
        if (!proposed.SameAs(current))
        {
            // One proposal at a time per measure: a new one replaces any not yet published.
            foreach (var open in await db.MeasureChanges.Where(c => c.MeasureId == measure.Id && (c.Status == MeasureChangeStatus.Proposed || c.Status == MeasureChangeStatus.Approved)).ToListAsync(cancellationToken))
            {
                open.Status = MeasureChangeStatus.Superseded;
                open.Version++;
            }

            change = new MeasureChange
            {
                MeasureId = measure.Id,
                Status = MeasureChangeStatus.Proposed,
                Before = current.ToJson(),
                After = proposed.ToJson(),
                ProposedBy = officer.Email,
                ProposedAt = db.Clock.GetUtcNow(),
                Version = 1,
            };
            db.MeasureChanges.Add(change);
        }

        var owners = await db.Ownerships.Where(o => o.MeasureId == measure.Id).ToListAsync(cancellationToken);
        db.Ownerships.RemoveRange(owners.Where(o => o.ServiceId != edit.OwnerServiceId || (o.UserId is not null && !edit.OwnerUserIds.Contains(o.UserId))));
        var kept = owners.Where(o => o.ServiceId == edit.OwnerServiceId && (o.UserId is null || edit.OwnerUserIds.Contains(o.UserId))).ToList();
        foreach (var user in edit.OwnerUserIds.Where(u => kept.All(o => o.UserId != u)))
        {
            db.Ownerships.Add(new Ownership { MeasureId = measure.Id, ServiceId = edit.OwnerServiceId, UserId = user });
        }

        if (edit.OwnerUserIds.Count == 0 && edit.OwnerServiceId is not null && kept.All(o => o.UserId is not null))
        {
            db.Ownerships.Add(new Ownership { MeasureId = measure.Id, ServiceId = edit.OwnerServiceId });
        }

        await db.SaveChangesAsync(cancellationToken);
        return change;
    }

    /// <summary>Makes a measure's record say what <paramref name="record"/> says: for publishing an approved change.</summary>
    internal static void Apply(Measure measure, MeasureRecord record, IReadOnlyDictionary<string, PlanElement> elements)
    {
        measure.Title = record.Title;
        measure.Definition = record.Definition;
        measure.Kind = record.Kind;
        measure.Polarity = record.Polarity;
        measure.Decimals = record.Decimals;
        measure.UnitLabel = record.UnitLabel;
        measure.Owner = record.Owner;
        measure.Caveat = record.Caveat;
        measure.SuppressBelow = record.SuppressBelow;

        var wanted = record.EvidenceKeys.Select(k => elements[k].Id).ToList();
        measure.Evidence.RemoveAll(e => !wanted.Contains(e.ElementId));
        foreach (var (id, position) in wanted.Select((id, i) => (id, i)))
        {
            var link = measure.Evidence.FirstOrDefault(e => e.ElementId == id);
            if (link is null)
            {
                measure.Evidence.Add(new MeasureEvidence { ElementId = id, Position = position });
            }
            else
            {
                link.Position = position;
            }
        }

        measure.Targets.RemoveAll(t => record.Targets.All(x => x.PeriodStart != t.PeriodStart));
        foreach (var target in record.Targets)
        {
            var row = measure.Targets.FirstOrDefault(t => t.PeriodStart == target.PeriodStart);
            if (row is null)
            {
                measure.Targets.Add(new MeasureTarget { Period = target.Period, PeriodStart = target.PeriodStart, Value = target.Value, Tolerance = target.Tolerance, ToleranceType = target.ToleranceType, Source = target.Source });
            }
            else
            {
                (row.Value, row.Tolerance, row.ToleranceType, row.Source, row.Period) = (target.Value, target.Tolerance, target.ToleranceType, target.Source, target.Period);
            }
        }
    }
}
