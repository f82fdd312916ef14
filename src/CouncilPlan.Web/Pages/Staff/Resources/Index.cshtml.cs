using CouncilPlan.Core.Data;
using CouncilPlan.Core.Resources;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Validation;
using CouncilPlan.Web.PublicData;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Web.Pages.Staff.Resources;

/// <summary>
/// Budgets and capital schemes: the performance team (with finance) enters a line with the form or
/// uploads the finance team's CSV (all or nothing, every error with its row and column), and
/// publishes lines, which then appear in reports and on the portal.
/// </summary>
public sealed class IndexModel(CouncilPlanDb db, TimeProvider clock, PublicDataCache cache) : StaffPageModel(db)
{
    public IReadOnlyList<ResourceLine> Lines { get; private set; } = [];

    public IReadOnlyList<InputError> UploadErrors { get; private set; } = [];

    public long UploadErrorCount { get; private set; }

    public string? UploadSummary { get; private set; }

    [BindProperty]
    public Dictionary<string, string?> Line { get; set; } = new(StringComparer.Ordinal);

    [BindProperty]
    public int? Version { get; set; }

    public async Task OnGetAsync(int? edit, CancellationToken cancellationToken)
    {
        Require();
        await LoadAsync(cancellationToken);
        if (edit is { } id && Lines.FirstOrDefault(l => l.Id == id) is { } line)
        {
            Line = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                [ResourceColumns.Type] = line.Kind.ToString().ToLowerInvariant(),
                [ResourceColumns.Quarter] = line.Quarter,
                [ResourceColumns.Portfolio] = line.Portfolio?.Key,
                [ResourceColumns.Line] = line.Kind == ResourceKind.Capital && line.Key != line.Element?.Key ? line.Key : null,
                [ResourceColumns.Scheme] = line.Element?.Key,
                [ResourceColumns.Title] = line.Title,
                [ResourceColumns.Budget] = Plain(line.Budget),
                [ResourceColumns.Forecast] = Plain(line.Forecast),
                [ResourceColumns.SpentToDate] = Plain(line.SpentToDate),
                [ResourceColumns.SavingsTarget] = Plain(line.SavingsTarget),
                [ResourceColumns.SavingsDelivered] = Plain(line.SavingsDelivered),
                [ResourceColumns.FundingSecured] = Plain(line.FundingSecured),
                [ResourceColumns.Source] = line.Source,
                [ResourceColumns.Note] = line.Note,
                [ResourceColumns.Published] = line.Published ? "true" : "false",
            };
            Version = line.Version;
        }
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            var input = ResourceInput.FromColumns(Line.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!, StringComparer.Ordinal));
            var saved = await new ResourceEditor(Db, clock).SaveAsync(Officer, input, Version, cancellationToken);
            await cache.InvalidateAsync(cancellationToken);
            Notice = $"{saved.Title}, {saved.Quarter}: saved{(saved.Published ? " and published" : " (not published)")}";
            return Redirect("/staff/resources");
        }
        catch (InvalidInputException errors)
        {
            AddErrors(errors, "Line.");
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, bool dryRun, CancellationToken cancellationToken)
    {
        Require();
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", "Choose a CSV file to upload");
            await LoadAsync(cancellationToken);
            return Page();
        }

        await using var stream = file.OpenReadStream();
        var result = await new ResourceImporter(Db, clock).ImportAsync(stream, Path.GetFileName(file.FileName), new ResourceImportOptions { DryRun = dryRun, EnteredBy = Officer.Email }, cancellationToken);
        if (!result.IsValid)
        {
            UploadErrors = result.Errors;
            UploadErrorCount = result.ErrorCount;
            ModelState.AddModelError("file", result.ErrorCount == 1 ? "The file has 1 problem; nothing was loaded" : $"The file has {result.ErrorCount} problems; nothing was loaded");
            await LoadAsync(cancellationToken);
            return Page();
        }

        if (result.Committed)
        {
            await cache.InvalidateAsync(cancellationToken);
        }

        Notice = result.DryRun
            ? $"Dry run of {file.FileName}: nothing was changed. {result.RowsRead} lines checked: {result.Added} would be added, {result.Changed} changed, {result.Unchanged} unchanged."
            : $"{file.FileName}: {result.Added} added, {result.Changed} changed, {result.Unchanged} unchanged.";
        return Redirect("/staff/resources");
    }

    public async Task<IActionResult> OnPostPublishAsync([FromForm] int[] lines, bool publish, CancellationToken cancellationToken)
    {
        var count = await new ResourceEditor(Db, clock).SetPublishedAsync(Officer, lines, publish, cancellationToken);
        await cache.InvalidateAsync(cancellationToken);
        Notice = $"{count} line{(count == 1 ? "" : "s")} {(publish ? "published" : "taken off the portal")}";
        return Redirect("/staff/resources");
    }

    public string? Field(string column) => Line.GetValueOrDefault(column);

    private void Require()
    {
        if (!Officer.IsPerformanceTeam)
        {
            throw new NotAllowedException("Only the performance team (with finance) manages resources.");
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Lines = (await Db.ResourceLines.AsNoTracking().Include(l => l.Portfolio).Include(l => l.Element).ToListAsync(cancellationToken))
            .OrderByDescending(l => l.QuarterStart).ThenBy(l => l.Kind).ThenBy(l => l.Portfolio?.Position).ThenBy(l => l.Title, StringComparer.Ordinal)
            .ToList();

    private static string? Plain(decimal? amount) => amount?.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
