using System.Globalization;
using CouncilPlan.Core.Audit;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Exports;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Web.Pages.Staff.Audit;

/// <summary>The audit log for administrators: search by who, what and when, and export what was found.</summary>
public sealed class IndexModel(CouncilPlanDb db) : StaffPageModel(db)
{
    public const int PageSize = 100;

    [FromQuery(Name = "who")]
    public string? Who { get; set; }

    [FromQuery(Name = "entity")]
    public string? Entity { get; set; }

    [FromQuery(Name = "key")]
    public string? Key { get; set; }

    [FromQuery(Name = "from")]
    public string? From { get; set; }

    [FromQuery(Name = "to")]
    public string? To { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    /// <summary>The same search, one page on; each value escaped, so an email with a + in it survives.</summary>
    public QueryString NextPage => QueryString.Create(new Dictionary<string, string?>
    {
        ["who"] = Who,
        ["entity"] = Entity,
        ["key"] = Key,
        ["from"] = From,
        ["to"] = To,
        ["page"] = (Math.Max(PageNumber, 1) + 1).ToString(CultureInfo.InvariantCulture),
    });

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public bool HasMore { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var query = Filtered();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var rows = await query.OrderByDescending(e => e.Id).Skip((Math.Max(PageNumber, 1) - 1) * PageSize).Take(PageSize + 1).ToListAsync(cancellationToken);
        HasMore = rows.Count > PageSize;
        Entries = rows.Take(PageSize).ToList();
        return Page();
    }

    /// <summary>Everything the search finds, as CSV with formula-injection escaping (RFC 4180).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var query = Filtered();
        if (!ModelState.IsValid)
        {
            return BadRequest(ModelState);
        }

        Response.Headers.ContentDisposition = "attachment; filename=\"audit-log.csv\"";
        Response.ContentType = "text/csv; charset=utf-8";
        await using var writer = new StreamWriter(Response.Body, new System.Text.UTF8Encoding(false));
        await writer.WriteLineAsync("id,at_utc,who,from_where,action,entity,key,before,after");
        await foreach (var e in query.OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(string.Join(',', new[]
            {
                e.Id.ToString(CultureInfo.InvariantCulture), e.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                e.Who, e.FromWhere, e.Action, e.Entity, e.Key, e.Before ?? "", e.After ?? "",
            }.Select(CsvCells.Cell)));
        }

        return new EmptyResult();
    }

    private IQueryable<AuditEntry> Filtered()
    {
        var query = Db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Who))
        {
            query = query.Where(e => e.Who.Contains(Who.Trim()));
        }

        if (!string.IsNullOrWhiteSpace(Entity))
        {
            query = query.Where(e => e.Entity == Entity.Trim());
        }

        if (!string.IsNullOrWhiteSpace(Key))
        {
            query = query.Where(e => e.Key.Contains(Key.Trim()));
        }

        if (Day(From, nameof(From)) is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(e => e.At >= start);
        }

        if (Day(To, nameof(To)) is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(e => e.At < end);
        }

        return query;
    }

    private DateOnly? Day(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        ModelState.AddModelError(field, "Enter a date like 2024-03-31");
        return null;
    }
}
