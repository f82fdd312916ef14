using CouncilPlan.Reports.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CouncilPlan.Web.Pages.Reports;

/// <summary>The report's own rules (tables, charts, print), served as a file: the site allows no inline styles.</summary>
public sealed class StylesModel : PageModel
{
    public IActionResult OnGet()
    {
        Response.Headers.CacheControl = "public, max-age=3600";
        return Content(ReportStyles.Css, "text/css; charset=utf-8");
    }
}
