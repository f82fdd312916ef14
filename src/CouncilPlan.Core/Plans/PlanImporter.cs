using CouncilPlan.Core.Data;
using CouncilPlan.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Plans;

public enum ImportOutcome
{
    Created,
    Updated,
    Unchanged,
}

public sealed record PlanImportResult(string PlanId, ImportOutcome Outcome, int ElementsAdded, int ElementsChanged, int ElementsRemoved);

/// <summary>
/// Loads a plan file into the database, all or nothing. Elements are matched by their stable ids,
/// so a reload changes only what the file changed and keeps every link to the elements it kept;
/// loading the same file again changes nothing.
/// </summary>
public sealed class PlanImporter(CouncilPlanDb db, TimeProvider clock)
{
    /// <summary>Reads, validates and loads a plan file; throws <see cref="InvalidInputException"/> listing every problem.</summary>
    public async Task<PlanImportResult> ImportFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var areaCodes = (await db.Areas.Select(a => a.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var document = PlanFileReader.ReadFile(path, areaCodes);
        return await ImportAsync(document, cancellationToken);
    }

    public async Task<PlanImportResult> ImportAsync(PlanDocument document, CancellationToken cancellationToken = default)
    {
        var incoming = document.Plan;

        // A plan that does not say what to call its place gets the natural word for its council ("district").
        if (incoming.Words.Place is null && await db.Areas.AsNoTracking().SingleOrDefaultAsync(a => a.Code == incoming.CouncilAreaCode, cancellationToken) is { } council)
        {
            incoming.Words = incoming.Words with { Place = Areas.CouncilTypes.PlaceWord(council) };
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var existing = await db.Plans.Include(p => p.Elements).SingleOrDefaultAsync(p => p.Id == incoming.Id, cancellationToken);
        PlanImportResult result;
        if (existing is null)
        {
            incoming.LoadedAt = clock.GetUtcNow();
            incoming.Elements.AddRange(document.Elements);
            db.Plans.Add(incoming);
            db.PlanLinks.AddRange(document.Links);
            await db.SaveChangesAsync(cancellationToken);
            result = new PlanImportResult(incoming.Id, ImportOutcome.Created, document.Elements.Count, 0, 0);
        }
        else if (existing.FileHash == incoming.FileHash)
        {
            result = new PlanImportResult(incoming.Id, ImportOutcome.Unchanged, 0, 0, 0);
        }
        else
        {
            result = await MergeAsync(existing, document, cancellationToken);
        }

        if (result.Outcome != ImportOutcome.Unchanged)
        {
            await DataVersion.BumpAsync(db, clock, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return result;
    }

    private async Task<PlanImportResult> MergeAsync(Plan existing, PlanDocument document, CancellationToken cancellationToken)
    {
        var incoming = document.Plan;
        var stored = existing.Elements.ToDictionary(e => e.Key, StringComparer.Ordinal);

        // Map each element of the file to the row that will hold it: the stored row where the id
        // is already known, a new row otherwise.
        var fileParents = document.Elements.ToDictionary<PlanElement, PlanElement, PlanElement?>(e => e, e => e.Parent, ReferenceEqualityComparer.Instance);
        var rows = new Dictionary<PlanElement, PlanElement>(ReferenceEqualityComparer.Instance);
        int added = 0, changed = 0;
        foreach (var element in document.Elements)
        {
            if (stored.Remove(element.Key, out var row))
            {
                changed += row.CopyContentFrom(element) ? 1 : 0;
            }
            else
            {
                row = element;
                existing.Elements.Add(row);
                added++;
            }

            rows[element] = row;
        }

        foreach (var element in document.Elements)
        {
            var row = rows[element];
            var parent = fileParents[element] is { } fileParent ? rows[fileParent] : null;
            if (!ReferenceEquals(row.Parent, parent))
            {
                changed += ReferenceEquals(row, element) ? 0 : 1;
                row.Parent = parent;
            }
        }

        // Elements no longer in the file go, children before parents.
        var removed = stored.Values.ToList();
        if (removed.Count > 0)
        {
            var removedIds = removed.Select(e => e.Id).ToList();
            await RefuseToOrphanMeasuresAsync(document.FileName, removed, removedIds, cancellationToken);
            var links = await db.PlanLinks.Where(l => removedIds.Contains(l.FromId) || removedIds.Contains(l.ToId)).ToListAsync(cancellationToken);
            db.PlanLinks.RemoveRange(links);
            db.PlanElements.RemoveRange(removed);
        }

        var planChanged = CopyPlanFields(existing, incoming);
        await db.SaveChangesAsync(cancellationToken);

        // Links are few: compare the file's set with the stored set and apply the difference.
        var elementIds = existing.Elements.Select(e => e.Id).ToList();
        var storedLinks = await db.PlanLinks.Where(l => elementIds.Contains(l.FromId)).ToListAsync(cancellationToken);
        var wanted = document.Links
            .Select(l => (From: rows[l.From!].Id, To: rows[l.To!].Id, l.Kind, l.Position))
            .ToHashSet();
        foreach (var link in storedLinks)
        {
            if (!wanted.Remove((link.FromId, link.ToId, link.Kind, link.Position)))
            {
                db.PlanLinks.Remove(link);
                changed++;
            }
        }

        foreach (var (from, to, kind, position) in wanted)
        {
            db.PlanLinks.Add(new PlanLink { FromId = from, ToId = to, Kind = kind, Position = position });
            changed++;
        }

        existing.FileHash = incoming.FileHash;
        existing.LoadedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);

        var outcome = added + changed + removed.Count > 0 || planChanged ? ImportOutcome.Updated : ImportOutcome.Unchanged;
        return new PlanImportResult(existing.Id, outcome, added, changed, removed.Count);
    }

    /// <summary>
    /// An element that measures evidence, or a portfolio that owns measures, cannot be dropped
    /// from a reloaded plan without the catalogue changing first: figures would lose their place.
    /// </summary>
    private async Task RefuseToOrphanMeasuresAsync(string fileName, List<PlanElement> removed, List<int> removedIds, CancellationToken cancellationToken)
    {
        var evidence = await db.MeasureEvidence.Where(e => removedIds.Contains(e.ElementId))
            .Join(db.Measures, e => e.MeasureId, m => m.Id, (e, m) => new { e.ElementId, m.Code }).ToListAsync(cancellationToken);
        var owned = await db.Measures.Where(m => m.PortfolioId != null && removedIds.Contains(m.PortfolioId.Value))
            .Select(m => new { ElementId = m.PortfolioId!.Value, m.Code }).ToListAsync(cancellationToken);
        var problems = evidence.Concat(owned)
            .Select(x => $"'{removed.Single(e => e.Id == x.ElementId).Key}' is no longer in the file but measure {x.Code} refers to it: keep the element, or change the measure catalogue first")
            .Distinct(StringComparer.Ordinal)
            .Select(message => new InputError(fileName, 0, "", message))
            .ToList();
        if (problems.Count > 0)
        {
            throw new InvalidInputException(problems);
        }
    }

    private static bool CopyPlanFields(Plan target, Plan source)
    {
        var changed = target.Title != source.Title || target.Period != source.Period || target.Starts != source.Starts
            || target.Ends != source.Ends || target.CouncilName != source.CouncilName || target.CouncilAreaCode != source.CouncilAreaCode
            || target.SourceTitle != source.SourceTitle || target.SourcePublisher != source.SourcePublisher || target.SourceUrl != source.SourceUrl
            || target.Mission != source.Mission || target.Vision != source.Vision || target.Partnership != source.Partnership
            || target.ValuesText != source.ValuesText || target.HeadlineFactsText != source.HeadlineFactsText || target.DeliveryText != source.DeliveryText
            || target.WordsJson != source.WordsJson;
        target.WordsJson = source.WordsJson;
        target.Title = source.Title;
        target.Period = source.Period;
        target.Starts = source.Starts;
        target.Ends = source.Ends;
        target.CouncilName = source.CouncilName;
        target.CouncilAreaCode = source.CouncilAreaCode;
        target.SourceTitle = source.SourceTitle;
        target.SourcePublisher = source.SourcePublisher;
        target.SourceUrl = source.SourceUrl;
        target.Mission = source.Mission;
        target.Vision = source.Vision;
        target.Partnership = source.Partnership;
        target.ValuesText = source.ValuesText;
        target.HeadlineFactsText = source.HeadlineFactsText;
        target.DeliveryText = source.DeliveryText;
        return changed;
    }
}
