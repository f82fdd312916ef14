using System.Globalization;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Resources;

/// <summary>The columns of the resources CSV format (docs/resources-csv-format.md), which are also the form's fields.</summary>
public static class ResourceColumns
{
    public const string Type = "type";
    public const string Quarter = "quarter";
    public const string Portfolio = "portfolio";
    public const string Line = "line";
    public const string Scheme = "scheme";
    public const string Title = "title";
    public const string Budget = "budget";
    public const string Forecast = "forecast";
    public const string SpentToDate = "spent_to_date";
    public const string SavingsTarget = "savings_target";
    public const string SavingsDelivered = "savings_delivered";
    public const string FundingSecured = "funding_secured";
    public const string Source = "source";
    public const string Note = "note";
    public const string Published = "published";

    /// <summary>Every column, in the order the format lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Type, Quarter, Portfolio, Line, Scheme, Title, Budget, Forecast, SpentToDate, SavingsTarget, SavingsDelivered, FundingSecured, Source, Note, Published];

    public static IReadOnlyList<string> Required { get; } = [Type, Quarter, Portfolio];
}

/// <summary>One resources line as typed in a file or a form: every field as text, checked by <see cref="ResourceRules"/>.</summary>
public sealed record ResourceInput
{
    public string? Type { get; init; }

    public string? Quarter { get; init; }

    public string? Portfolio { get; init; }

    public string? Line { get; init; }

    public string? Scheme { get; init; }

    public string? Title { get; init; }

    public string? Budget { get; init; }

    public string? Forecast { get; init; }

    public string? SpentToDate { get; init; }

    public string? SavingsTarget { get; init; }

    public string? SavingsDelivered { get; init; }

    public string? FundingSecured { get; init; }

    public string? Source { get; init; }

    public string? Note { get; init; }

    public string? Published { get; init; }

    /// <summary>The field of a column, by the column's name in the format.</summary>
    public static ResourceInput FromColumns(IReadOnlyDictionary<string, string> fields)
    {
        string? F(string column) => fields.GetValueOrDefault(column);
        return new ResourceInput
        {
            Type = F(ResourceColumns.Type),
            Quarter = F(ResourceColumns.Quarter),
            Portfolio = F(ResourceColumns.Portfolio),
            Line = F(ResourceColumns.Line),
            Scheme = F(ResourceColumns.Scheme),
            Title = F(ResourceColumns.Title),
            Budget = F(ResourceColumns.Budget),
            Forecast = F(ResourceColumns.Forecast),
            SpentToDate = F(ResourceColumns.SpentToDate),
            SavingsTarget = F(ResourceColumns.SavingsTarget),
            SavingsDelivered = F(ResourceColumns.SavingsDelivered),
            FundingSecured = F(ResourceColumns.FundingSecured),
            Source = F(ResourceColumns.Source),
            Note = F(ResourceColumns.Note),
            Published = F(ResourceColumns.Published),
        };
    }
}

/// <summary>The plans, portfolios and elements a resources line may name, read once.</summary>
public sealed class ResourceCatalogue
{
    private readonly List<Plan> plans;
    private readonly Dictionary<(string Plan, string Key), PlanElement> elements;

    private ResourceCatalogue(List<Plan> plans, List<PlanElement> elements)
    {
        this.plans = plans;
        this.elements = elements.ToDictionary(e => (e.PlanId, e.Key));
    }

    public static async Task<ResourceCatalogue> LoadAsync(CouncilPlanDb db, CancellationToken cancellationToken = default) =>
        new(await db.Plans.AsNoTracking().ToListAsync(cancellationToken), await db.PlanElements.AsNoTracking().ToListAsync(cancellationToken));

    /// <summary>The plan in force on a day (the newest, where two overlap).</summary>
    public Plan? PlanFor(DateOnly day) => plans.Where(p => p.Starts <= day && day <= p.Ends).OrderByDescending(p => p.Starts).FirstOrDefault();

    public PlanElement? Find(string planId, string key) => elements.GetValueOrDefault((planId, key));

    public IEnumerable<PlanElement> Portfolios(string planId) => elements.Values.Where(e => e.PlanId == planId && e.Kind == ElementKind.Portfolio).OrderBy(e => e.Position);
}

/// <summary>
/// The rules for a resources line, one set for the CSV import and the workspace form: every problem
/// is reported against its column, in words a finance officer can act on.
/// </summary>
public static class ResourceRules
{
    /// <summary>Checks a line; returns it (not yet saved, no one recorded as entering it) or null with the errors reported.</summary>
    public static ResourceLine? Check(ResourceInput input, ResourceCatalogue catalogue, Action<string, string> error)
    {
        var ok = true;
        void Fail(string column, string reason)
        {
            ok = false;
            error(column, reason);
        }

        ResourceKind? kind = Clean(input.Type)?.ToLowerInvariant() switch
        {
            null => null,
            "revenue" => ResourceKind.Revenue,
            "capital" => ResourceKind.Capital,
            _ => null,
        };
        if (Clean(input.Type) is null)
        {
            Fail(ResourceColumns.Type, "the type is missing: write revenue (a portfolio's budget and savings) or capital (a scheme)");
        }
        else if (kind is null)
        {
            Fail(ResourceColumns.Type, $"'{Clean(input.Type)}' is not a type: write revenue or capital");
        }

        Plan? plan = null;
        Period quarter = default;
        var quarterText = Clean(input.Quarter);
        if (quarterText is null)
        {
            Fail(ResourceColumns.Quarter, $"the quarter is missing: write it like {Period.Example(PeriodType.FinancialQuarter)}");
        }
        else if (!Period.TryParse(PeriodType.FinancialQuarter, quarterText, out quarter))
        {
            Fail(ResourceColumns.Quarter, $"'{quarterText}' is not a financial-year quarter: write it like {Period.Example(PeriodType.FinancialQuarter)}");
        }
        else if ((plan = catalogue.PlanFor(quarter.Start)) is null)
        {
            Fail(ResourceColumns.Quarter, $"no plan loaded covers {quarter.Label}: load the plan first");
        }

        PlanElement? portfolio = null;
        var portfolioText = Clean(input.Portfolio);
        if (portfolioText is null)
        {
            Fail(ResourceColumns.Portfolio, "the portfolio is missing: give its id in the plan, for example economy-and-regeneration");
        }
        else if (plan is not null)
        {
            portfolio = catalogue.Find(plan.Id, portfolioText);
            if (portfolio is null || portfolio.Kind != ElementKind.Portfolio)
            {
                portfolio = null;
                Fail(ResourceColumns.Portfolio, $"unknown portfolio '{portfolioText}': the portfolios of {plan.Name} are {string.Join(", ", catalogue.Portfolios(plan.Id).Select(p => p.Key))}");
            }
        }

        PlanElement? element = null;
        var schemeText = Clean(input.Scheme);
        if (schemeText is not null && plan is not null)
        {
            element = catalogue.Find(plan.Id, schemeText);
            if (element is null)
            {
                Fail(ResourceColumns.Scheme, $"unknown scheme '{schemeText}': no part of {plan.Name} has this id");
            }
            else if (element.Kind is ElementKind.Portfolio or ElementKind.ScrutinyRow)
            {
                element = null;
                Fail(ResourceColumns.Scheme, $"'{schemeText}' is a portfolio or scrutiny row, not a scheme or part of the plan the money is for");
            }
        }

        var lineText = Clean(input.Line);
        string? key = null;
        if (kind == ResourceKind.Revenue)
        {
            key = portfolio?.Key;
            if (lineText is not null && portfolio is not null && lineText != portfolio.Key)
            {
                Fail(ResourceColumns.Line, "a revenue line is the portfolio's own: leave line empty");
            }

            if (schemeText is not null)
            {
                Fail(ResourceColumns.Scheme, "a revenue line is for the whole portfolio: leave scheme empty");
            }
        }
        else if (kind == ResourceKind.Capital)
        {
            key = lineText ?? schemeText;
            if (key is null)
            {
                Fail(ResourceColumns.Line, "a capital line needs an id: give the scheme's id in scheme, or an id of its own in line");
            }
            else if (!IsId(key))
            {
                Fail(ResourceColumns.Line, $"'{key}' is not an id: use lower-case letters, digits and hyphens, like new-leisure-centre");
            }
        }

        var budget = Money(input.Budget, ResourceColumns.Budget, allowNegative: true, Fail);
        var forecast = Money(input.Forecast, ResourceColumns.Forecast, allowNegative: true, Fail);
        var spent = Money(input.SpentToDate, ResourceColumns.SpentToDate, allowNegative: false, Fail);
        var savingsTarget = Money(input.SavingsTarget, ResourceColumns.SavingsTarget, allowNegative: false, Fail);
        var savingsDelivered = Money(input.SavingsDelivered, ResourceColumns.SavingsDelivered, allowNegative: false, Fail);
        var funding = Money(input.FundingSecured, ResourceColumns.FundingSecured, allowNegative: false, Fail);
        if (kind == ResourceKind.Revenue)
        {
            if (spent is not null)
            {
                Fail(ResourceColumns.SpentToDate, "spend to date is for capital lines: a revenue line has a budget and a forecast outturn");
            }

            if (funding is not null)
            {
                Fail(ResourceColumns.FundingSecured, "funding secured is for capital lines");
            }
        }
        else if (kind == ResourceKind.Capital)
        {
            if (savingsTarget is not null)
            {
                Fail(ResourceColumns.SavingsTarget, "savings are for revenue lines, not capital schemes");
            }

            if (savingsDelivered is not null)
            {
                Fail(ResourceColumns.SavingsDelivered, "savings are for revenue lines, not capital schemes");
            }
        }

        var published = false;
        var publishedText = Clean(input.Published);
        if (publishedText is not null)
        {
            if (publishedText.Equals("true", StringComparison.OrdinalIgnoreCase))
            {
                published = true;
            }
            else if (!publishedText.Equals("false", StringComparison.OrdinalIgnoreCase))
            {
                Fail(ResourceColumns.Published, $"'{publishedText}' is not true or false (leave it empty for false)");
            }
        }

        var title = Clean(input.Title) ?? (kind == ResourceKind.Revenue ? portfolio?.Title : element?.Kind is ElementKind.Scheme or ElementKind.Commitment ? element.Title : null);
        if (kind == ResourceKind.Capital && title is null && key is not null && (schemeText is null || element is not null))
        {
            Fail(ResourceColumns.Title, "the title is missing: a capital line that is not a scheme of the plan needs a title");
        }

        foreach (var (column, text, maximum, paragraphs) in new[]
        {
            (ResourceColumns.Title, title, TextField.Short, false),
            (ResourceColumns.Source, Clean(input.Source), TextField.Note, false),
            (ResourceColumns.Note, Clean(input.Note), TextField.Note, true),
        })
        {
            if (text is not null && TextField.Problem(text, $"the {column}", maximum, paragraphs) is { } problem)
            {
                Fail(column, problem);
            }
        }

        if (!ok || kind is null || plan is null || portfolio is null || key is null || title is null)
        {
            return null;
        }

        return new ResourceLine
        {
            PlanId = plan.Id,
            Kind = kind.Value,
            Key = key,
            Quarter = quarter.Label,
            QuarterStart = quarter.Start,
            QuarterEnd = quarter.End,
            PortfolioId = portfolio.Id,
            ElementId = element?.Id,
            Title = title,
            Budget = budget,
            Forecast = forecast,
            SpentToDate = spent,
            SavingsTarget = savingsTarget,
            SavingsDelivered = savingsDelivered,
            FundingSecured = funding,
            Source = Clean(input.Source),
            Note = Clean(input.Note),
            Published = published,
            EnteredBy = "",
        };
    }

    /// <summary>An amount in pounds: a plain number with '.' for decimals (no £, no commas), or empty for awaiting data.</summary>
    private static decimal? Money(string? text, string column, bool allowNegative, Action<string, string> fail)
    {
        var t = Clean(text);
        if (t is null)
        {
            return null;
        }

        if (StrictNumber.ParseDecimal(t, out var problem) is not { } amount)
        {
            fail(column, $"{problem}. Write pounds like 13900000 or 13,900,000, or leave it empty when awaiting data");
            return null;
        }

        if (amount < 0 && !allowNegative)
        {
            fail(column, $"'{t}' is negative: {column.Replace('_', ' ')} cannot be below zero");
            return null;
        }

        if (Math.Abs(amount) >= 1_000_000_000_000_000m || decimal.Round(amount, 2) != amount)
        {
            fail(column, $"'{t}' has more than two decimal places or is too large: write pounds and pence at most");
            return null;
        }

        return amount;
    }

    private static bool IsId(string key) => key.Length is > 0 and <= 100 && key.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
