using System.Security.Cryptography;
using System.Text;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Validation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Web.Pages.Staff.Upload;

/// <summary>
/// Upload a quarter's figures from a CSV file: choose the quarter and the file, check the preview of
/// every change and every problem, then save them all as drafts or submit them all, or none.
/// Between the preview and the save the file travels in the form, sealed with Data Protection for
/// this officer, and is read and checked again before anything is written.
/// </summary>
// The sealed copy of a 5 MB file is about 7 MB of form field; anything much larger is refused before it is read.
[RequestSizeLimit(16 << 20)]
[RequestFormLimits(MultipartBodyLengthLimit = 16 << 20, ValueLengthLimit = 8 << 20)]
public sealed class IndexModel(CouncilPlanDb db, TimeProvider clock, ReportingPeriods periods, IDataProtectionProvider protection) : StaffPageModel(db)
{
    private const string Purpose = "CouncilPlan.Staff.Upload.v1";

    public IReadOnlyList<ReportingPeriod> OpenPeriods { get; private set; } = [];

    /// <summary>The quarter the figures are for.</summary>
    [BindProperty]
    public string? Period { get; set; }

    [BindProperty]
    public IFormFile? Csv { get; set; }

    /// <summary>The checked file, sealed, carried from the preview to the save.</summary>
    [BindProperty]
    public string? Upload { get; set; }

    public UploadPreview? Preview { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadPeriodsAsync(cancellationToken);
        Period = OpenPeriods.Count > 0 ? OpenPeriods[^1].Quarter : null;
    }

    /// <summary>A CSV file to fill in, with a row for each measure the officer may change.</summary>
    public async Task<IActionResult> OnGetTemplateAsync([FromQuery(Name = "period")] string? quarter, CancellationToken cancellationToken)
    {
        await LoadPeriodsAsync(cancellationToken);
        if (OpenPeriods.FirstOrDefault(p => p.Quarter == quarter) is not { } period)
        {
            return NotFound();
        }

        var text = await new FigureUpload(Db, clock).TemplateAsync(Officer, period, cancellationToken);

        // With a byte-order mark, Excel opens the file as UTF-8 (titles have dashes and accents); the upload accepts one.
        return File([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)], "text/csv; charset=utf-8", $"figures-{period.Quarter.Replace(' ', '-')}.csv");
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        await LoadPeriodsAsync(cancellationToken);
        var period = OpenPeriods.FirstOrDefault(p => p.Quarter == Period);
        if (period is null)
        {
            ModelState.AddModelError(nameof(Period), "Select the quarter the figures are for");
        }

        var file = await ReadFileAsync(cancellationToken);
        if (period is null || file is null)
        {
            return Page();
        }

        Preview = await new FigureUpload(Db, clock).PreviewAsync(Officer, period, file, cancellationToken);
        Upload = Preview.IsValid ? Seal(period.Quarter, Preview.Versions(), file) : null;
        return Page();
    }

    public async Task<IActionResult> OnPostCommitAsync(string? action, CancellationToken cancellationToken)
    {
        await LoadPeriodsAsync(cancellationToken);
        var upload = Unseal(Upload);
        var period = upload is null ? null : await Db.ReportingPeriods.SingleOrDefaultAsync(p => p.Quarter == upload.Quarter, cancellationToken);
        if (upload is null || period is null)
        {
            ModelState.AddModelError(nameof(Csv), "The checked file could not be read back, so nothing has been saved: upload the file again");
            Upload = null;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var submit = action == "submit";
        Period = period.Quarter;
        Preview = await new FigureUpload(Db, clock).CommitAsync(Officer, period, upload.File, upload.Versions, submit, cancellationToken);
        if (!Preview.IsValid)
        {
            Upload = null;
            return Page();
        }

        var count = Preview.Saved == 1 ? "1 update" : $"{Preview.Saved} updates";
        Notice = submit ? $"{count} for {period.Quarter} submitted for approval" : $"{count} for {period.Quarter} saved as drafts";
        return Redirect("/staff");
    }

    /// <summary>An error as the summary lists it: the row (the file's line number), the column and what is wrong.</summary>
    public static string Describe(InputError error) =>
        error.Row == 0 ? char.ToUpperInvariant(error.Message[0]) + error.Message[1..]
        : error.Column.Length == 0 ? $"Row {error.Row}: {error.Message}"
        : $"Row {error.Row}, column {error.Column}: {error.Message}";

    private async Task LoadPeriodsAsync(CancellationToken cancellationToken) =>
        OpenPeriods = await periods.OpenPeriodsAsync(cancellationToken);

    /// <summary>The uploaded file's bytes, or null with the problem on the form.</summary>
    private async Task<byte[]?> ReadFileAsync(CancellationToken cancellationToken)
    {
        string? problem = null;
        if (Csv is null)
        {
            problem = "Select a CSV file";
        }
        else if (Csv.Length == 0)
        {
            problem = "The selected file is empty";
        }
        else if (Csv.Length > FigureUpload.MaxBytes)
        {
            problem = $"The selected file must be {FigureUpload.MaxBytes >> 20} MB or smaller";
        }
        else if (!Path.GetExtension(Csv.FileName).Equals(".csv", StringComparison.OrdinalIgnoreCase) && !Csv.ContentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            problem = "The selected file must be a CSV";
        }

        if (problem is not null)
        {
            ModelState.AddModelError(nameof(Csv), problem);
            return null;
        }

        var bytes = new byte[Csv!.Length];
        await using (var stream = Csv.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken);
        }

        if (IsBinary(bytes))
        {
            ModelState.AddModelError(nameof(Csv), "The selected file must be a CSV: this one is a workbook or other binary file. In Excel, use Save As and choose 'CSV UTF-8 (comma delimited)'");
            return null;
        }

        return bytes;
    }

    /// <summary>A workbook renamed .csv, or any file with NUL bytes (UTF-16 text, which the CSV reader explains, starts with a byte-order mark).</summary>
    private static bool IsBinary(byte[] bytes)
    {
        ReadOnlySpan<byte> head = bytes;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return false;
        }

        return head.StartsWith("PK\u0003\u0004"u8) || head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]) || head.Contains((byte)0);
    }

    private IDataProtector Protector => protection.CreateProtector(Purpose, Officer.UserId);

    /// <summary>The quarter, the version of each update the preview was checked against, and the file, sealed for this officer.</summary>
    private string Seal(string quarter, IReadOnlyDictionary<int, int> versions, byte[] file)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(quarter);
            writer.Write(versions.Count);
            foreach (var (measureId, version) in versions)
            {
                writer.Write(measureId);
                writer.Write(version);
            }

            writer.Write(file.Length);
            writer.Write(file);
        }

        return WebEncoders.Base64UrlEncode(Protector.Protect(buffer.ToArray()));
    }

    /// <summary>What <see cref="Seal"/> sealed, or null when the text was changed, sealed for someone else, or is not a sealed upload.</summary>
    private SealedUpload? Unseal(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            using var reader = new BinaryReader(new MemoryStream(Protector.Unprotect(WebEncoders.Base64UrlDecode(text))), Encoding.UTF8);
            var quarter = reader.ReadString();
            var versions = new Dictionary<int, int>();
            for (var count = reader.ReadInt32(); count > 0; count--)
            {
                versions[reader.ReadInt32()] = reader.ReadInt32();
            }

            var file = reader.ReadBytes(reader.ReadInt32());
            return new SealedUpload(quarter, versions, file);
        }
        catch (Exception broken) when (broken is CryptographicException or FormatException or EndOfStreamException)
        {
            HttpContext.RequestServices.GetRequiredService<ILogger<IndexModel>>().LogWarning("Refused a sealed upload from {Officer}: {Reason}", Officer.Email, broken.Message);
            return null;
        }
    }

    private sealed record SealedUpload(string Quarter, IReadOnlyDictionary<int, int> Versions, byte[] File);
}
