using System.Text;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Exports;
using CouncilPlan.Core.Imports;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Updates;

/// <summary>The columns of the quarterly figures upload (docs/figures-upload-csv-format.md).</summary>
public static class FigureUploadColumns
{
    public const string Measure = "measure";
    public const string Title = "title";
    public const string Period = "period";
    public const string Value = "value";
    public const string Numerator = "numerator";
    public const string Denominator = "denominator";
    public const string Status = "status";
    public const string QualityNote = "quality_note";
    public const string Commentary = "commentary";
    public const string CorrectiveAction = "corrective_action";
    public const string CorrectiveActionOwner = "corrective_action_owner";
    public const string CorrectiveActionDue = "corrective_action_due";

    /// <summary>Every column, in the order the template writes them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Measure, Title, Period, Value, Numerator, Denominator, Status, QualityNote, Commentary, CorrectiveAction, CorrectiveActionOwner, CorrectiveActionDue];

    public static IReadOnlyList<string> Required { get; } = [Measure, Value];

    /// <summary>The columns that hold what an officer enters: a row with all of them empty is left alone.</summary>
    public static IReadOnlyList<string> Entered { get; } =
        [Value, Numerator, Denominator, Status, QualityNote, Commentary, CorrectiveAction, CorrectiveActionOwner, CorrectiveActionDue];

    /// <summary>The column a field of <see cref="InvalidInputException"/> was read from.</summary>
    public static string Of(string field) => field switch
    {
        "Period" => Period,
        "Value" => Value,
        "Numerator" => Numerator,
        "Denominator" => Denominator,
        "Commentary" => Commentary,
        "CorrectiveAction" => CorrectiveAction,
        "CorrectiveActionOwner" => CorrectiveActionOwner,
        "CorrectiveActionDue" => CorrectiveActionDue,
        _ => "",
    };
}

/// <summary>One data row of an uploaded file as the preview shows it: what is stored now and what the row would make it.</summary>
/// <param name="Row">The file's line number the row starts on (the header is line 1).</param>
/// <param name="MeasureCode">The measure's code as written.</param>
/// <param name="Measure">The measure, when the code is in the catalogue.</param>
/// <param name="Period">The period the figure is for: canonical when it could be read.</param>
/// <param name="Input">What the row enters, with the version of the update it was checked against; null for a row left blank.</param>
/// <param name="Current">The stored update for the quarter; only for a measure the officer may change, so no one sees drafts that are not theirs.</param>
/// <param name="LatestPublished">The latest published figure for the council as a whole; only for a measure the officer may change.</param>
/// <param name="NewValue">The value the row enters, when it could be read.</param>
public sealed record UploadRow(long Row, string MeasureCode, Measure? Measure, string? Period, MeasureUpdateInput? Input, MeasureUpdate? Current, Observation? LatestPublished, double? NewValue)
{
    /// <summary>A row with nothing entered (a template row not filled in): it changes nothing.</summary>
    public bool LeftBlank => Input is null;
}

/// <summary>What an upload would change, or did, and every problem found, in row order.</summary>
/// <param name="Errors">Problems that stop the file being saved at all.</param>
/// <param name="NeededToSubmit">What is missing for the figures to be submitted for approval; they can still be saved as drafts.</param>
public sealed record UploadPreview(ReportingPeriod Quarter, IReadOnlyList<UploadRow> Rows, IReadOnlyList<InputError> Errors, IReadOnlyList<InputError> NeededToSubmit)
{
    /// <summary>How many updates a commit saved; 0 for a preview and for a commit that was refused.</summary>
    public int Saved { get; init; }

    public bool IsValid => Errors.Count == 0;

    public bool CanSubmit => IsValid && NeededToSubmit.Count == 0;

    /// <summary>The rows that enter something.</summary>
    public IReadOnlyList<UploadRow> Changes => [.. Rows.Where(r => !r.LeftBlank && r.Measure is not null)];

    /// <summary>The version of each measure's update the preview was checked against (0: none yet), for the commit to hold it to.</summary>
    public IReadOnlyDictionary<int, int> Versions()
    {
        var versions = new Dictionary<int, int>();
        foreach (var row in Changes)
        {
            versions.TryAdd(row.Measure!.Id, row.Current?.Version ?? 0);
        }

        return versions;
    }
}

/// <summary>
/// The staff upload of a quarter's figures from a CSV file: read and checked whole, row by row, by the
/// same rules as the single-measure form (<see cref="MeasureUpdates.CheckAsync"/>), shown as a preview,
/// then saved as drafts or submitted, all rows in one transaction or none. An upload never publishes:
/// figures reach the public only through approval and publication.
/// </summary>
public sealed class FigureUpload(CouncilPlanDb db, TimeProvider clock)
{
    /// <summary>A quarter's file has a row per measure: a few kilobytes. The limit keeps the preview, and the copy carried to the commit, small.</summary>
    public const int MaxBytes = 5 << 20;

    /// <summary>More rows than any catalogue has measures: a bigger file is not a quarter's figures.</summary>
    public const int MaxRows = 2000;

    public async Task<UploadPreview> PreviewAsync(Officer officer, ReportingPeriod quarter, byte[] file, CancellationToken cancellationToken = default)
    {
        var errors = new InputErrors(int.MaxValue);
        var toSubmit = new InputErrors(int.MaxValue);
        var rows = new List<UploadRow>();
        UploadPreview Result() => new(quarter, rows, errors.Listed, toSubmit.Listed);
        if (!quarter.IsOpen)
        {
            errors.Add(0, "", $"{quarter.Quarter} is closed: ask the performance team to reopen it");
            return Result();
        }

        var csv = new CsvRecordReader(new MemoryStream(file, writable: false), bufferSize: 64 << 10);
        var names = CsvHeader.Read(csv, FigureUploadColumns.All, FigureUploadColumns.Required, errors);
        if (names is null)
        {
            return Result();
        }

        var permissions = new UpdatePermissions(db);
        var updating = new MeasureUpdates(db, clock);
        var measures = await db.Measures.AsNoTracking().ToDictionaryAsync(m => m.Code, StringComparer.Ordinal, cancellationToken);
        var councils = await db.Plans.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.CouncilAreaCode, cancellationToken);
        var updates = await db.MeasureUpdates.AsNoTracking().Where(u => u.ReportingPeriodId == quarter.Id).ToDictionaryAsync(u => u.MeasureId, cancellationToken);
        var editable = new Dictionary<int, bool>();
        var firstRow = new Dictionary<int, long>();
        var count = 0;
        while (csv.Read())
        {
            if (csv.IsBlank && csv.RecordError is null)
            {
                continue;
            }

            var line = csv.Line;
            if (++count > MaxRows)
            {
                errors.Add(line, "", $"the file has more than {MaxRows} rows: a quarter's upload has one row per measure");
                break;
            }

            if (csv.RecordError is { } shape)
            {
                var field = csv.RecordErrorField;
                errors.Add(line, field >= 0 && field < names.Length ? names[field] : "", shape);
                rows.Add(new UploadRow(line, "", null, null, null, null, null, null));
                continue;
            }

            if (csv.FieldCount != names.Length)
            {
                errors.Add(line, "", $"this row has {csv.FieldCount} {(csv.FieldCount == 1 ? "field" : "fields")} but the header has {names.Length}: is a comma missing, or one too many, or a quote not closed?");
                rows.Add(new UploadRow(line, "", null, null, null, null, null, null));
                continue;
            }

            string Text(string column)
            {
                var index = Array.IndexOf(names, column);
                if (index < 0)
                {
                    return "";
                }

                var bytes = csv.GetField(index);
                return Encoding.UTF8.GetString(bytes[CsvCells.EscapeLength(bytes)..]).Trim();
            }

            var code = Text(FigureUploadColumns.Measure);
            var periodText = Text(FigureUploadColumns.Period);
            var measure = code.Length == 0 ? null : measures.GetValueOrDefault(code);
            var filled = FigureUploadColumns.Entered.Any(c => Text(c).Length > 0);
            if (measure is null)
            {
                errors.Add(line, FigureUploadColumns.Measure, code.Length == 0
                    ? "the measure is missing: give the measure's code from the catalogue, for example A1-03"
                    : $"unknown measure '{code}': no measure in the catalogue has this code");
                rows.Add(new UploadRow(line, code, null, periodText, null, null, null, null));
                continue;
            }

            if (!filled)
            {
                rows.Add(new UploadRow(line, code, measure, periodText, null, null, null, null));
                continue;
            }

            if (!editable.TryGetValue(measure.Id, out var mayEdit))
            {
                editable[measure.Id] = mayEdit = await permissions.CanEditMeasureAsync(officer, measure.Id, cancellationToken);
            }

            if (!mayEdit)
            {
                errors.Add(line, FigureUploadColumns.Measure, $"you do not own measure {measure.Code}, so you cannot upload figures for it");
                rows.Add(new UploadRow(line, code, measure, periodText, null, null, null, null));
                continue;
            }

            var current = updates.GetValueOrDefault(measure.Id);
            var statusText = Text(FigureUploadColumns.Status);
            var status = ReadStatus(statusText);
            var input = new MeasureUpdateInput(
                periodText.Length == 0 ? MeasureUpdates.DefaultPeriod(measure, quarter).Label : periodText,
                Text(FigureUploadColumns.Value),
                Text(FigureUploadColumns.Numerator),
                Text(FigureUploadColumns.Denominator),
                status ?? ObservationStatus.Final,
                Text(FigureUploadColumns.QualityNote),
                Text(FigureUploadColumns.Commentary),
                Text(FigureUploadColumns.CorrectiveAction),
                Text(FigureUploadColumns.CorrectiveActionOwner),
                Text(FigureUploadColumns.CorrectiveActionDue),
                current?.Version ?? 0);
            var council = councils[measure.PlanId];
            var latest = await db.Observations.AsNoTracking()
                .Where(o => o.MeasureId == measure.Id && o.AreaCode == council && o.BreakdownId == Breakdown.TotalId && o.Published)
                .OrderByDescending(o => o.PeriodStart).FirstOrDefaultAsync(cancellationToken);
            var row = new UploadRow(line, code, measure, input.Period, input, current, latest, null);

            // A repeated row is still checked like any other, so the officer sees all its problems at once.
            if (firstRow.TryGetValue(measure.Id, out var earlier))
            {
                errors.Add(line, FigureUploadColumns.Measure, $"measure {measure.Code} is already in row {earlier}: a quarter has one update per measure, so give it one row");
            }
            else
            {
                firstRow[measure.Id] = line;
            }

            if (current is { Status: UpdateStatus.Approved or UpdateStatus.Published } && !officer.IsPerformanceTeam)
            {
                errors.Add(line, FigureUploadColumns.Measure, $"the update of {measure.Code} for {quarter.Quarter} has been approved: only the performance team can change it now");
            }

            if (status is null)
            {
                errors.Add(line, FigureUploadColumns.Status, $"'{statusText}' is not a status: write provisional, final or revised (or leave it empty for final)");
            }

            try
            {
                var figures = await updating.CheckAsync(measure, input, submit: false, cancellationToken);
                row = row with { Period = figures.Period.Label, NewValue = figures.Value };
                if (await db.Observations.AnyAsync(
                    o => o.MeasureId == measure.Id && o.PeriodStart == figures.Period.Start && o.AreaCode == council && o.BreakdownId == Breakdown.TotalId && o.Published,
                    cancellationToken))
                {
                    errors.Add(line, FigureUploadColumns.Period, $"the figure of {measure.Code} for {figures.Period.Label} is already published, and an upload cannot change a published figure: ask the performance team to revise it");
                }

                try
                {
                    await updating.CheckAsync(measure, input, submit: true, cancellationToken);
                }
                catch (InvalidInputException needed)
                {
                    Add(toSubmit, line, needed);
                }
            }
            catch (InvalidInputException invalid)
            {
                Add(errors, line, invalid);
            }

            rows.Add(row);
        }

        if (errors.Count == 0 && rows.All(r => r.LeftBlank))
        {
            errors.Add(0, "", "the file has no figures to save: fill in the value for at least one measure");
        }

        return Result();
    }

    /// <summary>
    /// Checks the file again against what is stored now and saves every row, as drafts or submitted for
    /// approval, in one transaction: any problem, including an update changed by someone else since the
    /// preview (its version no longer <paramref name="previewed"/>), and nothing is saved.
    /// </summary>
    public async Task<UploadPreview> CommitAsync(Officer officer, ReportingPeriod quarter, byte[] file, IReadOnlyDictionary<int, int> previewed, bool submit, CancellationToken cancellationToken = default)
    {
        var check = await PreviewAsync(officer, quarter, file, cancellationToken);
        var errors = new List<InputError>(check.Errors);
        if (submit)
        {
            errors.AddRange(check.NeededToSubmit);
        }

        foreach (var row in check.Changes)
        {
            if (!previewed.TryGetValue(row.Measure!.Id, out var version))
            {
                errors.Add(new InputError(row.Row, FigureUploadColumns.Measure, "this row was not in the file you checked: upload the file again"));
            }
            else if ((row.Current?.Version ?? 0) != version)
            {
                errors.Add(new InputError(row.Row, FigureUploadColumns.Measure, ChangedSince(row.Measure.Code, row.Current)));
            }
        }

        if (errors.Count > 0)
        {
            return check with { Errors = [.. errors.OrderBy(e => e.Row)] };
        }

        var updating = new MeasureUpdates(db, clock);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var row in check.Changes)
        {
            var measure = row.Measure!;
            try
            {
                await updating.SaveAsync(officer, measure, quarter, row.Input! with { ExpectedVersion = previewed[measure.Id] }, submit, cancellationToken);
            }
            catch (Exception refused) when (refused is ConflictException or InvalidInputException or NotAllowedException)
            {
                // Changed by someone else between the check above and this save: undo every row.
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return check with
                {
                    Errors = refused switch
                    {
                        ConflictException conflict => [new InputError(row.Row, FigureUploadColumns.Measure, ChangedSince(measure.Code, conflict.Current))],
                        InvalidInputException invalid => [.. invalid.Errors.Select(e => new InputError(row.Row, FigureUploadColumns.Of(e.Column), Lower(e.Message)))],
                        _ => [new InputError(row.Row, FigureUploadColumns.Measure, Lower(refused.Message))],
                    },
                };
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return check with { Saved = check.Changes.Count };
    }

    /// <summary>A file to fill in: a row for each measure the officer may change, with the period its figure is for this quarter.</summary>
    public async Task<string> TemplateAsync(Officer officer, ReportingPeriod quarter, CancellationToken cancellationToken = default)
    {
        var permissions = new UpdatePermissions(db);
        var text = new StringBuilder();
        text.Append(string.Join(',', FigureUploadColumns.All)).Append('\n');
        var blanks = new string(',', FigureUploadColumns.All.Count - 3);
        foreach (var measure in await db.Measures.AsNoTracking().OrderBy(m => m.Code).ToListAsync(cancellationToken))
        {
            if (await permissions.CanEditMeasureAsync(officer, measure.Id, cancellationToken))
            {
                text.Append(CsvCells.Cell(measure.Code)).Append(',')
                    .Append(CsvCells.Cell(measure.Title)).Append(',')
                    .Append(CsvCells.Cell(MeasureUpdates.DefaultPeriod(measure, quarter).Label))
                    .Append(blanks).Append('\n');
            }
        }

        return text.ToString();
    }

    private static ObservationStatus? ReadStatus(string text) => text.ToLowerInvariant() switch
    {
        "" or "final" => ObservationStatus.Final,
        "provisional" => ObservationStatus.Provisional,
        "revised" => ObservationStatus.Revised,
        _ => null,
    };

    private static void Add(InputErrors errors, long line, InvalidInputException problems)
    {
        foreach (var problem in problems.Errors)
        {
            errors.Add(line, FigureUploadColumns.Of(problem.Column), Lower(problem.Message));
        }
    }

    private static string ChangedSince(string code, MeasureUpdate? current) =>
        $"{current?.UpdatedBy ?? "someone else"} changed the update of {code} after you checked the file, so nothing has been saved: upload the file again to see the latest figures";

    /// <summary>A message from the form ("Enter the value") as the end of a sentence that names the row and column.</summary>
    private static string Lower(string message) => message.Length == 0 ? message : char.ToLowerInvariant(message[0]) + message[1..];
}
