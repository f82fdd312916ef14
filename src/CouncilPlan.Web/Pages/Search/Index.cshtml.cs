using System.Globalization;
using CouncilPlan.Core.Areas;
using CouncilPlan.Core.Plans;
using CouncilPlan.Web.PublicData;
using Microsoft.AspNetCore.Mvc;

namespace CouncilPlan.Web.Pages.Search;

public sealed record SearchResult(string Title, string Href, string Kind, string? Snippet, int Score);

/// <summary>
/// Search across the plan, the measures and the wards, on the server so it works without
/// JavaScript: every word asked for must appear; matches in titles rank above matches in text.
/// </summary>
public sealed class IndexModel(PublicDataCache cache) : PlanPageModel(cache)
{
    public const int MaxQueryLength = 200;

    [FromQuery(Name = "q")]
    public string? Query { get; set; }

    public IReadOnlyList<SearchResult> Results { get; private set; } = [];

    public string? Error { get; private set; }

    protected override Task<IActionResult> ShowAsync()
    {
        var query = Query?.Trim() ?? "";
        if (query.Length > MaxQueryLength)
        {
            Error = $"Search for {MaxQueryLength} characters or fewer";
            return Task.FromResult<IActionResult>(Page());
        }

        var words = query.ToLower(CultureInfo.GetCultureInfo("en-GB")).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return Task.FromResult<IActionResult>(Page());
        }

        var candidates = new List<(string Title, string Text, string Href, string Kind)>();
        foreach (var element in Plan.Elements.Where(e => e.Kind is not (ElementKind.ScrutinyRow or ElementKind.Value)))
        {
            var title = element.Title ?? element.Text ?? "";
            candidates.Add((title, element.Title is null ? "" : element.Text ?? "", Links.To(element), Describe(element.Kind)));
        }

        foreach (var measure in Data.Catalogue)
        {
            candidates.Add(($"{measure.Title} ({measure.Code})", $"{measure.Definition} {measure.Series}", $"/measures/{measure.Code}", "Measure"));
        }

        var wardSets = Data.WardSets.ToDictionary(s => s.Id, s => s.Title, StringComparer.Ordinal);
        foreach (var ward in Data.Areas.Where(a => a.Type == AreaType.Ward && a.ParentCode == Plan.Plan.CouncilAreaCode))
        {
            candidates.Add((ward.Name, "", $"/neighbourhoods/{ward.Code}", $"Ward ({wardSets.GetValueOrDefault(ward.WardSetId ?? "")})"));
        }

        Results = candidates
            .Select(c => (c, Score: Score(c.Title, c.Text, words)))
            .Where(x => x.Score > 0)
            .OrderByDescending(x => x.Score).ThenBy(x => x.c.Title, StringComparer.Ordinal)
            .Take(50)
            .Select(x => new SearchResult(x.c.Title, x.c.Href, x.c.Kind, Snippet(x.c.Text, words), x.Score))
            .ToList();
        return Task.FromResult<IActionResult>(Page());
    }

    private static int Score(string title, string text, string[] words)
    {
        var t = title.ToLower(CultureInfo.GetCultureInfo("en-GB"));
        var x = text.ToLower(CultureInfo.GetCultureInfo("en-GB"));
        var score = 0;
        foreach (var word in words)
        {
            var inTitle = t.Contains(word, StringComparison.Ordinal);
            var inText = x.Contains(word, StringComparison.Ordinal);
            if (!inTitle && !inText)
            {
                return 0;
            }

            score += inTitle ? 3 : 1;
        }

        return score;
    }

    private static string? Snippet(string text, string[] words)
    {
        if (text.Length == 0)
        {
            return null;
        }

        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var at = words.Select(w => flat.IndexOf(w, StringComparison.OrdinalIgnoreCase)).Where(i => i >= 0).DefaultIfEmpty(0).Min();
        var start = Math.Max(0, at - 60);
        var length = Math.Min(200, flat.Length - start);
        return string.Concat(start > 0 ? "…" : "", flat.AsSpan(start, length), start + length < flat.Length ? "…" : "");
    }

    /// <summary>What an element is, in the plan's own words ("Priority", "Action").</summary>
    private string Describe(ElementKind kind) => kind switch
    {
        ElementKind.Ambition or ElementKind.KeyArea or ElementKind.Commitment or ElementKind.Scheme or ElementKind.Theme
            or ElementKind.Programme or ElementKind.Portfolio => Format.Capitalise(Plan.Words.Name(kind)),
        ElementKind.FocusArea => "Area of focus",
        ElementKind.ProgrammePart => $"Part of a {Plan.Words.Programme}",
        ElementKind.PriorityAction => "Priority action",
        ElementKind.ImpactStatement => "Impact statement",
        ElementKind.BoroughPriority => $"{Format.Capitalise(Plan.Words.PartnershipPlan)} priority",
        ElementKind.Pillar => $"{Format.Capitalise(Plan.Words.PartnershipPlan)} pillar",
        ElementKind.Target => "Target",
        _ => "The plan",
    };

    /// <summary>Example searches from this council's own plan, measures and wards.</summary>
    public string Hint => string.Join(", ", new[]
    {
        Data.Catalogue.Count > 0 ? Data.Catalogue[0].Title : null,
        Data.Areas.FirstOrDefault(a => a.Type == AreaType.Ward && a.ParentCode == Plan.Plan.CouncilAreaCode)?.Name,
        Plan.All(ElementKind.Ambition) is [var first, ..] ? first.Title : null,
    }.OfType<string>());
}
