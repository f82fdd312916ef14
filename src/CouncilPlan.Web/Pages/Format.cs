using System.Globalization;

namespace CouncilPlan.Web.Pages;

/// <summary>Numbers and money in the way a UK council writes them.</summary>
public static class Format
{
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    private static readonly string[] SmallNumbers = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

    public static string Money(decimal amount) => amount switch
    {
        >= 1_000_000m => "£" + (amount / 1_000_000m).ToString("#,##0.#", EnGb) + "m",
        _ => amount.ToString("C0", EnGb),
    };

    public static string Number(decimal value) => value.ToString("#,##0.##", EnGb);

    public static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpper(text[0], EnGb) + text[1..];

    /// <summary>A headline figure as the plan writes it: "550", "14 million", "£150m", "170,000+".</summary>
    public static string Fact(Core.Plans.PlanElement fact)
    {
        var figure = fact.Quantity ?? 0;
        var text = fact.Unit == "GBP" ? Money(figure)
            : figure >= 1_000_000m && figure % 1_000_000m == 0 ? Number(figure / 1_000_000m) + " million"
            : Number(figure);
        return fact.Qualifier is "or more" ? text + "+" : text;
    }

    /// <summary>Small counts in words, as the plan writes them ("four key areas").</summary>
    public static string Words(int count) => count >= 0 && count < SmallNumbers.Length ? SmallNumbers[count] : count.ToString(EnGb);
}
