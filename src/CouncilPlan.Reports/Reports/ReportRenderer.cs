using System.Text.Encodings.Web;
using System.Text.Unicode;
using CouncilPlan.Core.Reports;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CouncilPlan.Reports.Reports;

/// <summary>
/// Renders report components to HTML outside a web request (the command line, downloads, the PDF)
/// with Blazor's <see cref="HtmlRenderer"/>: the same components the portal's pages render.
/// </summary>
public static class ReportRenderer
{
    /// <summary>The whole report as a self-contained HTML document; with page numbers, its contents show them (the PDF's second pass).</summary>
    public static Task<string> DocumentAsync(PortfolioReport report, ReportProvenance provenance, IReadOnlyDictionary<string, int>? pageNumbers = null) =>
        RenderAsync<ReportDocument>(new Dictionary<string, object?>
        {
            [nameof(ReportDocument.Report)] = report,
            [nameof(ReportDocument.Provenance)] = provenance,
            [nameof(ReportDocument.PageNumbers)] = pageNumbers,
        });

    /// <summary>Any component with its parameters, as an HTML string.</summary>
    public static async Task<string> RenderAsync<TComponent>(IDictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        // The renderer escapes with the registered encoder: letters and symbols (£, –, é) stay as they
        // are, as the portal writes them, and only markup characters are escaped.
        await using var services = new ServiceCollection().AddLogging().AddSingleton(HtmlEncoder.Create(UnicodeRanges.All)).BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
            return output.ToHtmlString();
        });
    }
}
