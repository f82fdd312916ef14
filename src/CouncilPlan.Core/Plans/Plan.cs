namespace CouncilPlan.Core.Plans;

/// <summary>A council's plan for a period, as loaded from its plan file.</summary>
public sealed class Plan
{
    /// <summary>The plan's stable identifier, for example "northdale-2025-29".</summary>
    public required string Id { get; set; }

    public required string Title { get; set; }

    /// <summary>The period in the council's words, for example "2023-24".</summary>
    public required string Period { get; set; }

    public DateOnly Starts { get; set; }

    public DateOnly Ends { get; set; }

    public required string CouncilName { get; set; }

    /// <summary>ONS code of the council's area, for example E08000007: how figures for the whole council are found.</summary>
    public required string CouncilAreaCode { get; set; }

    public string? SourceTitle { get; set; }

    public string? SourcePublisher { get; set; }

    public string? SourceUrl { get; set; }

    public string? Mission { get; set; }

    public string? Vision { get; set; }

    /// <summary>The partnership line: how the council works with its partners.</summary>
    public string? Partnership { get; set; }

    /// <summary>The sentence that introduces the council's values.</summary>
    public string? ValuesText { get; set; }

    /// <summary>The sentence that introduces the headline facts of the past year.</summary>
    public string? HeadlineFactsText { get; set; }

    /// <summary>How the plan is delivered and reported (the plan's "Delivery" paragraph).</summary>
    public string? DeliveryText { get; set; }

    /// <summary>SHA-256 of the plan file as last loaded: an unchanged file is not loaded again.</summary>
    public required string FileHash { get; set; }

    public DateTimeOffset LoadedAt { get; set; }

    public List<PlanElement> Elements { get; } = [];

    /// <summary>The council's words as stored (<see cref="PlanWords"/> as JSON).</summary>
    public string? WordsJson
    {
        get => wordsJson;
        set
        {
            wordsJson = value;
            words = null;
        }
    }

    /// <summary>The council's own words for its plan, its levels and its place.</summary>
    public PlanWords Words
    {
        get => words ??= PlanWords.FromJson(wordsJson);
        set
        {
            words = value;
            wordsJson = value.ToJson();
        }
    }

    /// <summary>What residents call it: the published title, else the council's name, the plan's name and its period.</summary>
    public string Name => SourceTitle ?? $"{CouncilName} {Words.Service} {Period}";

    private string? wordsJson;
    private PlanWords? words;
}
