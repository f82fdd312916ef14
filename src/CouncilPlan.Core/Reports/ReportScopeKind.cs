using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Plans;

namespace CouncilPlan.Core.Reports;

/// <summary>
/// What a committee report is about. A plan with portfolios reports by portfolio; a plan without
/// them reports by each top-level element (a district's priorities); every plan has the corporate
/// report of everything in it.
/// </summary>
public enum ReportScopeKind
{
    Portfolio,
    Part,
    Corporate,
}

/// <summary>
/// A report to build: the plan, what it is about (a portfolio, a top-level element, or null for the
/// whole plan) and the period it is as at: a quarter for a plan reported quarterly, a financial
/// year for one reported annually.
/// </summary>
public sealed record ReportTarget(PlanView Plan, PlanElement? Element, Period Quarter)
{
    /// <summary>The key of the corporate report, in place of an element's id: in file names, links and the CLI.</summary>
    public const string CorporateKey = "corporate";

    public ReportScopeKind Kind => Element is null
        ? ReportScopeKind.Corporate
        : Element.Kind == ElementKind.Portfolio ? ReportScopeKind.Portfolio : ReportScopeKind.Part;

    public string Key => Element?.Key ?? CorporateKey;

    public string Title => Element is null ? "Corporate report" : Element.Title ?? Element.Key;
}

/// <summary>The scopes and periods a plan reports by, in its own words.</summary>
public static class ReportScopes
{
    /// <summary>The scopes a report can be about besides the corporate one: the portfolios where the plan has any, else its top-level elements.</summary>
    public static IReadOnlyList<PlanElement> Parts(PlanView plan) =>
        plan.Has(ElementKind.Portfolio) ? plan.TopLevel(ElementKind.Portfolio) : plan.TopLevel(ElementKind.Ambition);

    /// <summary>The kind of the plan's parts, for naming them in the council's words.</summary>
    public static ElementKind PartKind(PlanView plan) => plan.Has(ElementKind.Portfolio) ? ElementKind.Portfolio : ElementKind.Ambition;

    /// <summary>
    /// The council's words for what it delivers, as a report names them: "commitment or scheme" and
    /// "commitments and schemes" where the plan has schemes, else its bottom level's ("action", "actions").
    /// </summary>
    public static (string Singular, string Plural) DeliveryWords(PlanView plan)
    {
        var level = plan.Words.Delivery;
        var singular = level?.Singular ?? "commitment";
        var plural = level?.Plural ?? "commitments";
        return plan.Has(ElementKind.Scheme) ? ($"{singular} or scheme", $"{plural} and schemes") : (singular, plural);
    }

    /// <summary>"No commitments or schemes ...": the plural after "no".</summary>
    public static string NoneOf(string plural) =>
        plural.EndsWith(" and schemes", StringComparison.Ordinal) ? plural[..^" and schemes".Length] + " or schemes" : plural;

    /// <summary>The type of period the plan's reports are as at.</summary>
    public static PeriodType PeriodType(PlanWords words) =>
        words.Reporting == ReportingRhythm.Annual ? Measures.PeriodType.FinancialYear : Measures.PeriodType.FinancialQuarter;

    /// <summary>Reads a period written as a quarter ("2023-24 Q2", "2023-24-Q2") or a financial year ("2024-25").</summary>
    public static bool TryParsePeriod(string? text, out Period period) =>
        Period.TryParse(Measures.PeriodType.FinancialQuarter, text, out period) || Period.TryParse(Measures.PeriodType.FinancialYear, text, out period);

    /// <summary>Why the plan cannot be reported as at the period (a quarter for a plan reported annually, or the reverse); null when it can.</summary>
    public static string? PeriodProblem(PlanView plan, Period period)
    {
        var expected = PeriodType(plan.Words);
        if (period.Type == expected)
        {
            return null;
        }

        var example = Period.Of(expected, plan.Plan.Starts).Label;
        return expected == Measures.PeriodType.FinancialYear
            ? $"the {plan.Words.Service} is reported once a year: give a financial year like {example}, not a quarter."
            : $"the {plan.Words.Service} is reported every quarter: give a quarter like {example}, not a year.";
    }

    /// <summary>Every period of the plan's rhythm from its start to its end, newest first.</summary>
    public static IReadOnlyList<string> Periods(PlanView plan)
    {
        var type = PeriodType(plan.Words);
        var step = type == Measures.PeriodType.FinancialYear ? 12 : 3;
        var labels = new List<string>();
        for (var start = Period.Of(type, plan.Plan.Starts).Start; start <= plan.Plan.Ends; start = start.AddMonths(step))
        {
            labels.Add(Period.Of(type, start).Label);
        }

        labels.Reverse();
        return labels;
    }

    /// <summary>
    /// What to say when a scope is not found: the plan's parts in its own words ("this plan has no
    /// portfolios: its reports are by priority (--part healthy-communities) or for the whole plan (--corporate)").
    /// </summary>
    public static string Choices(PlanView plan, string partOption = "--part", string corporateOption = "--corporate")
    {
        var words = plan.Words;
        var parts = Parts(plan);
        var kind = PartKind(plan);
        var list = string.Join(", ", parts.Select(p => $"{p.Key} ({p.Title ?? p.Key})"));
        return kind == ElementKind.Portfolio
            ? $"its reports are by {words.Name(kind)} ({partOption} {(parts.Count > 0 ? parts[0].Key : "")}) or for the whole plan ({corporateOption}); the {words.Name(kind, plural: true)} are: {list}"
            : $"this plan has no {words.Portfolios}: its reports are by {words.Name(kind)} ({partOption} {(parts.Count > 0 ? parts[0].Key : "")}) or for the whole plan ({corporateOption}); the {words.Name(kind, plural: true)} are: {list}";
    }
}
