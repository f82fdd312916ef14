using System.Collections.Concurrent;
using CouncilPlan.Core.Reports;
using CouncilPlan.Reports.Reports;
using Microsoft.AspNetCore.Mvc;

namespace CouncilPlan.Web.Reports;

/// <summary>
/// Serves a report as a file (HTML, PDF or workbook). A frozen snapshot's files are kept once made,
/// by the snapshot's fingerprint, so every download of it is the same file; one Chromium prints at a
/// time, so a burst of downloads cannot start a browser each on a small server.
/// </summary>
public static class ReportDownloads
{
    private const int MaxKept = 64;

    private static readonly ConcurrentDictionary<(string, ReportFormat), Lazy<Task<ReportFile>>> Kept = new();
    private static readonly SemaphoreSlim Printer = new(1, 1);

    public static async Task<IActionResult> FileAsync(PortfolioReport report, ReportProvenance provenance, ReportFormat format, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var file = provenance.Sha256 is { } fingerprint
            ? await Kept.GetOrAdd((fingerprint, format), _ => new Lazy<Task<ReportFile>>(() => RenderAsync(report, provenance, format, configuration, CancellationToken.None))).Value
            : await RenderAsync(report, provenance, format, configuration, cancellationToken);
        if (Kept.Count > MaxKept)
        {
            Kept.Clear();
        }

        return new FileContentResult(file.Content, file.ContentType) { FileDownloadName = file.FileName };
    }

    private static async Task<ReportFile> RenderAsync(PortfolioReport report, ReportProvenance provenance, ReportFormat format, IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (format != ReportFormat.Pdf)
        {
            return await ReportFormats.RenderAsync(report, provenance, format, cancellationToken: cancellationToken);
        }

        await Printer.WaitAsync(cancellationToken);
        try
        {
            return await ReportFormats.RenderAsync(report, provenance, format, configuration["Reports:Chromium"], cancellationToken);
        }
        finally
        {
            Printer.Release();
        }
    }
}
