namespace CouncilPlan.Reports.Reports;

/// <summary>
/// The report's own style sheet (report.css, embedded): a readable page on screen, cards below a
/// phone's width, and on paper (and in the PDF) A4 landscape with table rows kept whole. In the
/// portal, GOV.UK Frontend styles the same classes and only the cp- rules apply.
/// </summary>
public static class ReportStyles
{
    private static readonly Lazy<string> Sheet = new(() =>
    {
        using var stream = typeof(ReportStyles).Assembly.GetManifestResourceStream("CouncilPlan.Reports.report.css")
            ?? throw new InvalidOperationException("report.css is not embedded in CouncilPlan.Reports.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static string Css => Sheet.Value;
}
