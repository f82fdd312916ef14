using CouncilPlan.Core.Areas;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Users;
using CouncilPlan.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Measures;

public sealed record CatalogueImportResult(int MeasuresAdded, int MeasuresChanged, int OtherChanges)
{
    public bool Changed => MeasuresAdded + MeasuresChanged + OtherChanges > 0;
}

/// <summary>
/// Loads a measure catalogue, all or nothing. Measures are matched by code, sources and
/// dimensions by id, so loading the same file again changes nothing; measures left out of the
/// file are kept, because published figures refer to them. Each measure's 'owner' becomes a
/// service (and its directorate) that owns the measure in the workspace.
/// </summary>
public sealed class MeasureCatalogueImporter(CouncilPlanDb db, TimeProvider clock)
{
    public async Task<CatalogueImportResult> ImportFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var document = MeasureFileReader.ReadFile(path, await ContextAsync(path, cancellationToken));
        return await ImportAsync(document, cancellationToken);
    }

    /// <summary>The areas and plan elements the file may name; the plan is read from the file's 'plan' field.</summary>
    public async Task<CatalogueContext> ContextAsync(string path, CancellationToken cancellationToken)
    {
        var planId = PlanIdOf(path);
        var areas = (await db.Areas.Select(a => a.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var elements = planId is null
            ? new Dictionary<string, ElementKind>()
            : await db.PlanElements.Where(e => e.PlanId == planId).ToDictionaryAsync(e => e.Key, e => e.Kind, StringComparer.Ordinal, cancellationToken);
        if (planId is not null && !await db.Plans.AnyAsync(p => p.Id == planId, cancellationToken))
        {
            throw new InvalidInputException([new InputError(path, 0, "", $"plan '{planId}' is not loaded: import the plan file first (councilplan plan import)")]);
        }

        return new CatalogueContext(areas, elements);
    }

    public async Task<CatalogueImportResult> ImportAsync(MeasureDocument document, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var other = 0;

        var sources = await db.Sources.ToDictionaryAsync(s => s.Id, StringComparer.Ordinal, cancellationToken);
        foreach (var source in document.Sources)
        {
            if (!sources.TryGetValue(source.Id, out var row))
            {
                db.Sources.Add(source);
                other++;
            }
            else if (row.Publisher != source.Publisher || row.Title != source.Title || row.Licence != source.Licence || row.Url != source.Url)
            {
                (row.Publisher, row.Title, row.Licence, row.Url) = (source.Publisher, source.Title, source.Licence, source.Url);
                other++;
            }
        }

        var dimensions = await db.Dimensions.ToDictionaryAsync(d => d.Id, StringComparer.Ordinal, cancellationToken);
        foreach (var dimension in document.Dimensions)
        {
            if (!dimensions.TryGetValue(dimension.Id, out var row))
            {
                db.Dimensions.Add(dimension);
                other++;
            }
            else if (row.Title != dimension.Title || row.Shares != dimension.Shares)
            {
                (row.Title, row.Shares) = (dimension.Title, dimension.Shares);
                other++;
            }
        }

        var breakdowns = await db.Breakdowns.ToDictionaryAsync(b => (b.DimensionId, b.Category), cancellationToken);
        foreach (var category in document.Categories)
        {
            if (!breakdowns.TryGetValue((category.DimensionId, category.Category), out var row))
            {
                db.Breakdowns.Add(category);
                other++;
            }
            else if (row.Title != category.Title)
            {
                row.Title = category.Title;
                other++;
            }
        }

        var areas = await db.Areas.Where(a => a.Type == AreaType.ComparatorGroup).ToDictionaryAsync(a => a.Code, StringComparer.Ordinal, cancellationToken);
        var members = await db.AreaGroupMembers.ToListAsync(cancellationToken);
        foreach (var group in document.ComparatorGroups)
        {
            if (!areas.TryGetValue(group.Area.Code, out var row))
            {
                db.Areas.Add(group.Area);
                other++;
            }
            else if (row.CopyContentFrom(group.Area))
            {
                other++;
            }

            var stored = members.Where(m => m.GroupCode == group.Area.Code).ToList();
            foreach (var gone in stored.Where(m => !group.Members.Contains(m.MemberCode)))
            {
                db.AreaGroupMembers.Remove(gone);
                other++;
            }

            foreach (var member in group.Members.Where(code => stored.All(m => m.MemberCode != code)))
            {
                db.AreaGroupMembers.Add(new AreaGroupMember { GroupCode = group.Area.Code, MemberCode = member });
                other++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);

        var elements = await db.PlanElements.Where(e => e.PlanId == document.PlanId).ToDictionaryAsync(e => e.Key, e => e.Id, StringComparer.Ordinal, cancellationToken);
        var existing = await db.Measures
            .Include(m => m.Targets).Include(m => m.Evidence).Include(m => m.Comparators).Include(m => m.Dimensions).Include(m => m.Breaks)
            .ToDictionaryAsync(m => m.Code, StringComparer.Ordinal, cancellationToken);
        int added = 0, changed = 0;
        var owners = new List<(Measure Row, string Owner, bool Changed)>();
        foreach (var definition in document.Measures)
        {
            var incoming = definition.Measure;
            incoming.PortfolioId = definition.PortfolioKey is null ? null : elements[definition.PortfolioKey];
            var ownerChanged = false;
            if (!existing.TryGetValue(incoming.Code, out var row))
            {
                db.Measures.Add(incoming);
                SyncLinks(incoming, definition, elements);
                added++;
                row = incoming;
            }
            else
            {
                ownerChanged = row.Owner != incoming.Owner;
                if (CopyFields(row, incoming) | SyncLinks(row, definition, elements))
                {
                    changed++;
                }
            }

            if (incoming.Owner is not null)
            {
                owners.Add((row, incoming.Owner, ownerChanged));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        other += await SyncOwnersAsync(owners, cancellationToken);
        var result = new CatalogueImportResult(added, changed, other);
        if (result.Changed)
        {
            await DataVersion.BumpAsync(db, clock, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return result;
    }

    /// <summary>
    /// Gives each measure the service its 'owner' names ("Place – Strategic Housing"), adding the
    /// directorate and service when they are new. A measure that already has a service keeps it,
    /// with its named officers, unless the file's owner has changed: then its ownerships move to the
    /// new service. So a choice made in the workspace survives reloading an unchanged file.
    /// </summary>
    private async Task<int> SyncOwnersAsync(List<(Measure Row, string Owner, bool Changed)> owners, CancellationToken cancellationToken)
    {
        var stored = await db.Ownerships.Where(o => o.MeasureId != null).ToListAsync(cancellationToken);
        var due = owners.Where(o => o.Changed || !stored.Any(s => s.MeasureId == o.Row.Id && s.ServiceId != null)).ToList();
        if (due.Count == 0)
        {
            return 0;
        }

        var (services, changes) = await new ServiceDirectory(db).EnsureAsync(due.Select(o => o.Owner), cancellationToken);
        foreach (var (measure, owner, _) in due)
        {
            var service = services[owner];
            var mine = stored.Where(s => s.MeasureId == measure.Id).ToList();
            if (mine.Count == 0)
            {
                db.Ownerships.Add(new Ownership { MeasureId = measure.Id, ServiceId = service });
                changes++;
            }

            // Named officers stay owners; their ownership moves with the measure's service.
            foreach (var row in mine.Where(s => s.ServiceId != service))
            {
                row.ServiceId = service;
                changes++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return changes;
    }

    private static bool CopyFields(Measure row, Measure incoming)
    {
        var changed = row.Title != incoming.Title || row.Definition != incoming.Definition || row.Unit != incoming.Unit
            || row.UnitLabel != incoming.UnitLabel || row.RatePer != incoming.RatePer || row.Decimals != incoming.Decimals
            || row.Polarity != incoming.Polarity || row.Frequency != incoming.Frequency || row.PeriodType != incoming.PeriodType
            || row.Kind != incoming.Kind || row.SourceId != incoming.SourceId || row.Series != incoming.Series || row.Owner != incoming.Owner
            || row.PlanId != incoming.PlanId || row.PortfolioId != incoming.PortfolioId || row.BenchmarkAreaCode != incoming.BenchmarkAreaCode
            || row.SuppressBelow != incoming.SuppressBelow || row.Caveat != incoming.Caveat
            || row.ReleaseLagMonths != incoming.ReleaseLagMonths || row.ReleaseEveryMonths != incoming.ReleaseEveryMonths
            || row.Discontinued != incoming.Discontinued || row.SpcNotApplied != incoming.SpcNotApplied || row.CountOfEvents != incoming.CountOfEvents || row.Seasonal != incoming.Seasonal;
        if (!changed)
        {
            return false;
        }

        row.Title = incoming.Title;
        row.Definition = incoming.Definition;
        row.Unit = incoming.Unit;
        row.UnitLabel = incoming.UnitLabel;
        row.RatePer = incoming.RatePer;
        row.Decimals = incoming.Decimals;
        row.Polarity = incoming.Polarity;
        row.Frequency = incoming.Frequency;
        row.PeriodType = incoming.PeriodType;
        row.Kind = incoming.Kind;
        row.SourceId = incoming.SourceId;
        row.Series = incoming.Series;
        row.Owner = incoming.Owner;
        row.PlanId = incoming.PlanId;
        row.PortfolioId = incoming.PortfolioId;
        row.BenchmarkAreaCode = incoming.BenchmarkAreaCode;
        row.SuppressBelow = incoming.SuppressBelow;
        row.Caveat = incoming.Caveat;
        row.ReleaseLagMonths = incoming.ReleaseLagMonths;
        row.ReleaseEveryMonths = incoming.ReleaseEveryMonths;
        row.Discontinued = incoming.Discontinued;
        row.SpcNotApplied = incoming.SpcNotApplied;
        row.CountOfEvents = incoming.CountOfEvents;
        row.Seasonal = incoming.Seasonal;
        return true;
    }

    /// <summary>Makes the measure's targets and links match the file, changing rows in place; true when anything changed.</summary>
    private static bool SyncLinks(Measure row, MeasureDefinition definition, Dictionary<string, int> elements)
    {
        var changed = false;

        var evidence = definition.EvidenceKeys.Select((key, i) => (Id: elements[key], Position: i)).ToDictionary(e => e.Id, e => e.Position);
        changed |= Sync(
            row.Evidence,
            e => e.ElementId,
            evidence.Keys,
            id => new MeasureEvidence { ElementId = id, Position = evidence[id] },
            e =>
            {
                var position = evidence[e.ElementId];
                var moved = e.Position != position;
                e.Position = position;
                return moved;
            });

        var comparators = definition.ComparatorCodes.Select((code, i) => (code, i)).ToDictionary(c => c.code, c => c.i, StringComparer.Ordinal);
        changed |= Sync(
            row.Comparators,
            c => c.AreaCode,
            comparators.Keys,
            code => new MeasureComparator { AreaCode = code, Position = comparators[code] },
            c =>
            {
                var position = comparators[c.AreaCode];
                var moved = c.Position != position;
                c.Position = position;
                return moved;
            });

        changed |= Sync(row.Dimensions, d => d.DimensionId, definition.DimensionIds, id => new MeasureDimension { DimensionId = id }, _ => false);

        if (!ReferenceEquals(row, definition.Measure))
        {
            var targets = definition.Measure.Targets.ToDictionary(t => t.PeriodStart);
            changed |= Sync(
                row.Targets,
                t => t.PeriodStart,
                targets.Keys,
                start => targets[start],
                t =>
                {
                    var wanted = targets[t.PeriodStart];
                    if (t.Value == wanted.Value && t.Tolerance == wanted.Tolerance && t.ToleranceType == wanted.ToleranceType && t.Source == wanted.Source && t.Period == wanted.Period)
                    {
                        return false;
                    }

                    (t.Value, t.Tolerance, t.ToleranceType, t.Source, t.Period) = (wanted.Value, wanted.Tolerance, wanted.ToleranceType, wanted.Source, wanted.Period);
                    return true;
                });

            var breaks = definition.Measure.Breaks.ToDictionary(b => b.PeriodStart);
            changed |= Sync(
                row.Breaks,
                b => b.PeriodStart,
                breaks.Keys,
                start => breaks[start],
                b =>
                {
                    var wanted = breaks[b.PeriodStart];
                    if (b.Reason == wanted.Reason && b.Period == wanted.Period)
                    {
                        return false;
                    }

                    (b.Reason, b.Period) = (wanted.Reason, wanted.Period);
                    return true;
                });
        }

        return changed;
    }

    /// <summary>Removes, updates and adds items so a collection holds exactly the wanted keys.</summary>
    private static bool Sync<T, TKey>(List<T> items, Func<T, TKey> key, IEnumerable<TKey> wanted, Func<TKey, T> create, Func<T, bool> update)
        where TKey : notnull
    {
        var wantedKeys = wanted.ToHashSet();
        var changed = items.RemoveAll(item => !wantedKeys.Contains(key(item))) > 0;
        foreach (var item in items)
        {
            changed |= update(item);
        }

        foreach (var missing in wantedKeys.Where(k => !items.Any(item => EqualityComparer<TKey>.Default.Equals(key(item), k))))
        {
            items.Add(create(missing));
            changed = true;
        }

        return changed;
    }

    /// <summary>The 'plan' field of a catalogue file, read without validating the rest.</summary>
    private static string? PlanIdOf(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("plan:", StringComparison.Ordinal))
            {
                return line["plan:".Length..].Trim().Trim('"', '\'');
            }
        }

        return null;
    }
}
