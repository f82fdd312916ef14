using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CouncilPlan.Web.Staff;

/// <summary>
/// Which policy each part of the workspace needs, by folder: a page added to a folder is protected
/// without anyone remembering to protect it, and the authorization matrix test checks the result.
/// </summary>
public static class StaffPages
{
    public static void AddStaffConventions(this RazorPagesOptions options)
    {
        // The whole of /Staff needs a staff role (StaffSecurity, which also opens the sign-in pages).
        options.Conventions.AuthorizeFolder("/Staff/Measures", StaffPolicies.DataEntry);
        options.Conventions.AuthorizeFolder("/Staff/Commitments", StaffPolicies.DataEntry);
        options.Conventions.AuthorizeFolder("/Staff/Upload", StaffPolicies.DataEntry);
        options.Conventions.AuthorizeFolder("/Staff/Approvals", StaffPolicies.Approval);
        options.Conventions.AuthorizeFolder("/Staff/Publish", StaffPolicies.Performance);
        options.Conventions.AuthorizeFolder("/Staff/Periods", StaffPolicies.Performance);
        options.Conventions.AuthorizeFolder("/Staff/Catalogue", StaffPolicies.Performance);
        options.Conventions.AuthorizeFolder("/Staff/Plan", StaffPolicies.Performance);
        options.Conventions.AuthorizeFolder("/Staff/Reports", StaffPolicies.Staff);
        options.Conventions.AuthorizeFolder("/Staff/Resources", StaffPolicies.Performance);
        options.Conventions.AuthorizeFolder("/Staff/Sources", StaffPolicies.Performance);
        options.Conventions.AuthorizeFolder("/Staff/Overdue", StaffPolicies.Performance);

        // Directorates and services are the catalogue's structure of ownership, which the
        // performance team keeps (the catalogue import adds them too). Adding or renaming one gives
        // nobody access: access follows a user's service, which only administrators set, under
        // the Administration policy with its second factor.
        options.Conventions.AuthorizeFolder("/Staff/Services", StaffPolicies.Performance);
        options.Conventions.AuthorizeFolder("/Staff/Users", StaffPolicies.Administration);
        options.Conventions.AuthorizeFolder("/Staff/Audit", StaffPolicies.Administration);
    }
}
