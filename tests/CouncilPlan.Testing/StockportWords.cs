namespace CouncilPlan.Testing;

/// <summary>
/// Words that belong to the default dataset's council alone: its name, its towns and wards, its
/// partnership and the names in its plan. Code that says one assumes that council.
/// </summary>
public static class StockportWords
{
    public static readonly IReadOnlyList<string> Only =
    [
        "Stockport", "Bramhall", "Cheadle", "Marple", "Hazel Grove", "Reddish", "Edgeley", "Brinnington", "Offerton", "Bredbury",
        "Romiley", "Heald Green", "Davenport", "Heatons", "Merseyway", "Weir Mill", "weir-mill",
        "Greater Manchester", "One Heart", "One Home", "One Future", "big ambition", "Mark Hunter",
    ];

    /// <summary>The default dataset's structure and vocabulary, which another council's pages must not borrow.</summary>
    public static readonly IReadOnlyList<string> Structure =
    [
        "Borough Plan", "cross-cutting", "enabling programme", "Council Plan", "key area", "ambition", "borough", "portfolio",
    ];
}
