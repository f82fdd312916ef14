using System.Text.Json;
using Microsoft.Playwright;

namespace CouncilPlan.Browser.Tests;

public static class PageExtensions
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>Evaluates a script and reads its answer with System.Text.Json, which handles records (Playwright's own reader does not).</summary>
    public static async Task<T> EvaluateJsonAsync<T>(this IPage page, string script, object? argument = null)
    {
        var result = await page.EvaluateAsync<JsonElement>(script, argument);
        return result.Deserialize<T>(Json) ?? throw new InvalidOperationException($"The page answered null to {script[..Math.Min(80, script.Length)]}");
    }
}
