using System.Text;
using CouncilPlan.Core.Reports;

namespace CouncilPlan.Reports.Reports;

public enum ReportFormat
{
    Html,
    Pdf,
    Xlsx,
}

/// <summary>A rendered report: its bytes, its media type and a file name.</summary>
public sealed record ReportFile(byte[] Content, string ContentType, string FileName);

/// <summary>Writes any format from the one model: the same model always gives the same document.</summary>
public static class ReportFormats
{
    public static bool TryParse(string? text, out ReportFormat format) =>
        Enum.TryParse(text?.Trim(), ignoreCase: true, out format) && Enum.IsDefined(format);

    public static string Extension(ReportFormat format) => format.ToString().ToLowerInvariant();

    public static string ContentType(ReportFormat format) => format switch
    {
        ReportFormat.Pdf => "application/pdf",
        ReportFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "text/html; charset=utf-8",
    };

    /// <summary>"economy-and-regeneration-2023-24-q2.pdf", with "-draft" before the extension for a draft.</summary>
    public static string FileName(PortfolioReport report, ReportProvenance provenance, ReportFormat format) =>
        $"{report.PortfolioKey}-{report.Quarter.Replace(' ', '-').ToLowerInvariant()}{(provenance.IsDraft ? "-draft" : "")}.{Extension(format)}";

    public static async Task<ReportFile> RenderAsync(PortfolioReport report, ReportProvenance provenance, ReportFormat format, string? chromium = null, CancellationToken cancellationToken = default)
    {
        var content = format switch
        {
            ReportFormat.Pdf => await ReportPdf.RenderAsync(pages => ReportRenderer.DocumentAsync(report, provenance, pages), report.Title, chromium, cancellationToken),
            ReportFormat.Xlsx => ReportWorkbook.Write(report, provenance),
            _ => Encoding.UTF8.GetBytes(await ReportRenderer.DocumentAsync(report, provenance)),
        };
        return new ReportFile(content, ContentType(format), FileName(report, provenance, format));
    }
}
