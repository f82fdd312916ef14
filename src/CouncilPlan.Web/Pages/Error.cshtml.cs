using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CouncilPlan.Web.Pages;

/// <summary>The friendly page for a missing page or a failure; the status code is kept.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(NoStore = true)]
public sealed class ErrorModel : PageModel
{
    [FromRoute]
    public int? Code { get; set; }

    public bool IsNotFound => (Code ?? Response.StatusCode) == StatusCodes.Status404NotFound;

    public void OnGet()
    {
        // Reached directly (not re-executed for a failed request), the page itself is not found.
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null
            && HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>() is null)
        {
            Code = StatusCodes.Status404NotFound;
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    public void OnPost() => OnGet();
}
