using CouncilPlan.Core.Data;
using CouncilPlan.Core.Users;
using CouncilPlan.Core.Validation;
using Microsoft.AspNetCore.Mvc;

namespace CouncilPlan.Web.Pages.Staff.Services;

/// <summary>The council's directorates and services, with what each owns and who is in it; the performance team adds them here.</summary>
public sealed class IndexModel(CouncilPlanDb db) : StaffPageModel(db)
{
    public IReadOnlyList<ServiceSummary> All { get; private set; } = [];

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public int? DirectorateId { get; set; }

    public IEnumerable<ServiceSummary> Directorates => All.Where(s => s.DirectorateId is null);

    public IEnumerable<ServiceSummary> Within(int directorateId) => All.Where(s => s.DirectorateId == directorateId);

    public IReadOnlyList<SelectOption> DirectorateOptions =>
        Directorates.Select(d => new SelectOption(d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), d.Name))
            .Prepend(new SelectOption("", "None: it is a new directorate")).ToList();

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        All = await new ServiceDirectory(Db).ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        try
        {
            var added = await new ServiceDirectory(Db).AddAsync(Name, DirectorateId, cancellationToken);
            Notice = added.DirectorateId is null ? $"Directorate ‘{added.Name}’ added" : $"Service ‘{added.Name}’ added";
            return Redirect("/staff/services");
        }
        catch (InvalidInputException error)
        {
            AddErrors(error);
            await OnGetAsync(cancellationToken);
            return Page();
        }
    }
}
