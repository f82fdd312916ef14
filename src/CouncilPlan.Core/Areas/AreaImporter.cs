using CouncilPlan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Areas;

public sealed record AreaImportResult(int Added, int Changed);

/// <summary>Loads an areas file: new areas are added and changed ones updated; none are deleted,
/// because published figures refer to them.</summary>
public sealed class AreaImporter(CouncilPlanDb db, TimeProvider clock)
{
    public Task<AreaImportResult> ImportFileAsync(string path, CancellationToken cancellationToken = default) =>
        ImportAsync(AreaFileReader.ReadFile(path), cancellationToken);

    public async Task<AreaImportResult> ImportAsync(AreaDocument document, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        int added = 0, changed = 0;

        var sets = await db.WardSets.ToDictionaryAsync(s => s.Id, StringComparer.Ordinal, cancellationToken);
        foreach (var set in document.WardSets)
        {
            if (sets.TryGetValue(set.Id, out var row))
            {
                changed += row.CopyContentFrom(set) ? 1 : 0;
            }
            else
            {
                db.WardSets.Add(set);
                added++;
            }
        }

        var areas = await db.Areas.ToDictionaryAsync(a => a.Code, StringComparer.Ordinal, cancellationToken);
        foreach (var area in document.Areas)
        {
            if (areas.TryGetValue(area.Code, out var row))
            {
                changed += row.CopyContentFrom(area) ? 1 : 0;
            }
            else
            {
                db.Areas.Add(area);
                added++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        if (added + changed > 0)
        {
            await DataVersion.BumpAsync(db, clock, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return new AreaImportResult(added, changed);
    }
}
