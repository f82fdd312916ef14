using CouncilPlan.Core.Data;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Resources;

/// <summary>
/// The workspace form for resources: the performance team (with finance) enters or corrects one
/// line at a time, under the same rules as the CSV import, and publishes lines.
/// </summary>
public sealed class ResourceEditor(CouncilPlanDb db, TimeProvider clock)
{
    /// <summary>Saves a line (new, or replacing the same type, id and quarter). Throws <see cref="InvalidInputException"/> with the problems by column.</summary>
    public async Task<ResourceLine> SaveAsync(Officer officer, ResourceInput input, int? expectedVersion, CancellationToken cancellationToken = default)
    {
        Require(officer);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var line = ResourceRules.Check(input, await ResourceCatalogue.LoadAsync(db, cancellationToken), (column, reason) => errors.TryAdd(column, reason));
        if (line is null)
        {
            throw new InvalidInputException(errors);
        }

        var now = clock.GetUtcNow();
        var stored = await db.ResourceLines.SingleOrDefaultAsync(l => l.PlanId == line.PlanId && l.Kind == line.Kind && l.Key == line.Key && l.QuarterStart == line.QuarterStart, cancellationToken);
        if (stored is not null && expectedVersion is { } version && stored.Version != version)
        {
            throw new InvalidInputException(new Dictionary<string, string> { [ResourceColumns.Line] = "Someone else changed this line since you opened it: check the figures below and save again" });
        }

        if (stored is null)
        {
            line.EnteredBy = officer.Email;
            line.EnteredAt = now;
            line.Version = 1;
            if (line.Published)
            {
                line.PublishedBy = officer.Email;
                line.PublishedAt = now;
            }

            db.ResourceLines.Add(line);
            stored = line;
        }
        else if (!stored.SameContent(line))
        {
            Copy(line, stored, officer.Email, now);
        }
        else
        {
            return stored;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new InvalidInputException(new Dictionary<string, string> { [ResourceColumns.Line] = "Someone else changed this line at the same time: check the figures and save again" });
        }

        await DataVersion.BumpAsync(db, clock, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    /// <summary>Publishes lines (or takes them off the portal): they then appear in reports and on the portal.</summary>
    public async Task<int> SetPublishedAsync(Officer officer, IReadOnlyCollection<int> ids, bool published, CancellationToken cancellationToken = default)
    {
        Require(officer);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var lines = await db.ResourceLines.Where(l => ids.Contains(l.Id) && l.Published != published).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var line in lines)
        {
            line.Published = published;
            line.PublishedBy = published ? officer.Email : null;
            line.PublishedAt = published ? now : null;
            line.Version++;
        }

        await db.SaveChangesAsync(cancellationToken);
        if (lines.Count > 0)
        {
            await DataVersion.BumpAsync(db, clock, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return lines.Count;
    }

    /// <summary>Copies a checked line's content over a stored one.</summary>
    internal static void Copy(ResourceLine from, ResourceLine to, string by, DateTimeOffset now)
    {
        if (from.Published && !to.Published)
        {
            to.PublishedBy = by;
            to.PublishedAt = now;
        }
        else if (!from.Published)
        {
            to.PublishedBy = null;
            to.PublishedAt = null;
        }

        to.PortfolioId = from.PortfolioId;
        to.ElementId = from.ElementId;
        to.Title = from.Title;
        to.Budget = from.Budget;
        to.Forecast = from.Forecast;
        to.SpentToDate = from.SpentToDate;
        to.SavingsTarget = from.SavingsTarget;
        to.SavingsDelivered = from.SavingsDelivered;
        to.FundingSecured = from.FundingSecured;
        to.Source = from.Source;
        to.Note = from.Note;
        to.Published = from.Published;
        to.EnteredBy = by;
        to.EnteredAt = now;
        to.Version++;
    }

    private static void Require(Officer officer)
    {
        if (!officer.IsPerformanceTeam)
        {
            throw new NotAllowedException("Only the performance team (with finance) enters and publishes resources.");
        }
    }
}
