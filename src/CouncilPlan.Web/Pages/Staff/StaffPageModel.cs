using CouncilPlan.Core.Data;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Validation;
using CouncilPlan.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CouncilPlan.Web.Pages.Staff;

/// <summary>
/// A page of the staff workspace: the officer is loaded for every request, nothing is cached
/// anywhere, refusals answer 403 and validation problems go to the form's error summary.
/// </summary>
public abstract class StaffPageModel(CouncilPlanDb db) : PageModel
{
    public Officer Officer { get; private set; } = null!;

    protected CouncilPlanDb Db => db;

    /// <summary>A message for the top of the page after a redirect ("Update saved").</summary>
    [TempData]
    public string? Notice { get; set; }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        Response.Headers.CacheControl = "no-store";
        var officer = await OfficerAccessor.GetAsync(User, db, HttpContext.RequestAborted);
        if (officer is null)
        {
            context.Result = Challenge();
            return;
        }

        Officer = officer;
        db.Actor = new Core.Audit.AuditActor(officer.Email, HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        try
        {
            var executed = await next();
            if (executed.Exception is NotAllowedException refused)
            {
                executed.Result = Refuse(refused.Message);
                executed.ExceptionHandled = true;
            }
        }
        catch (NotAllowedException refused)
        {
            context.Result = Refuse(refused.Message);
        }
    }

    /// <summary>Puts each field's problem on the form, in the order of the fields.</summary>
    protected void AddErrors(InvalidInputException errors, string prefix = "")
    {
        foreach (var error in errors.Errors)
        {
            ModelState.AddModelError(prefix + error.Column, error.Message);
        }
    }

    private ObjectResult Refuse(string reason)
    {
        HttpContext.RequestServices.GetRequiredService<ILogger<StaffPageModel>>().LogWarning("Refused {Officer} on {Path}: {Reason}", Officer?.Email, Request.Path, reason);
        return new ObjectResult(reason) { StatusCode = StatusCodes.Status403Forbidden };
    }
}
