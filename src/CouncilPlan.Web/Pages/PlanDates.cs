using System.Globalization;
using CouncilPlan.Core.Plans;

namespace CouncilPlan.Web.Pages;

public static class PlanDates
{
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    public static string Period(Plan plan) =>
        $"{plan.Starts.ToString("d MMMM yyyy", EnGb)} to {plan.Ends.ToString("d MMMM yyyy", EnGb)}";
}
