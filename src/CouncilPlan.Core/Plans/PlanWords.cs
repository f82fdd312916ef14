using System.Text.Json;
using System.Text.Json.Serialization;

namespace CouncilPlan.Core.Plans;

/// <summary>How often the plan is reported to councillors.</summary>
public enum ReportingRhythm
{
    Quarterly,
    Annual,
}

/// <summary>
/// One level of a plan's structure in the council's words: a metropolitan borough's ambitions, key
/// areas and commitments; a district's priorities and actions; a county's outcomes, objectives and deliverables.
/// </summary>
/// <param name="Key">The plan file's field for this level's items ("ambitions", "priorities").</param>
public sealed record PlanLevel(string Key, string Singular, string Plural);

/// <summary>
/// The council's own words for its plan, from the plan file's <c>words</c> and <c>levels</c>, with
/// defaults that suit any council. Every page, report and message names things with these, so
/// that no council reads another's vocabulary.
/// </summary>
public sealed record PlanWords
{
    /// <summary>A plan@1 file that names no levels has ambitions, key areas and commitments, as the first plans loaded did.</summary>
    public static readonly IReadOnlyList<PlanLevel> DefaultLevels =
    [
        new("ambitions", "ambition", "ambitions"),
        new("key_areas", "key area", "key areas"),
        new("commitments", "commitment", "commitments"),
    ];

    public static readonly PlanWords Default = new();

    /// <summary>What the council calls the plan: "Council Plan", "Corporate Plan", "Borough Plan".</summary>
    public string Service { get; init; } = "Council Plan";

    /// <summary>
    /// What the council calls its place: borough, district, county, city. When the plan does not
    /// say, loading it fills in the natural word for the council's kind (CouncilTypes.PlaceWord).
    /// </summary>
    public string? Place { get; init; }

    /// <summary>The place word to show: "area" when neither the plan nor the council's kind says.</summary>
    public string PlaceWord => Place ?? "area";

    /// <summary>The partnership's name, where the council works as one ("One Northdale").</summary>
    public string? Partnership { get; init; }

    /// <summary>What the shared plan with partners is called ("Borough Plan").</summary>
    public string PartnershipPlan { get; init; } = "Partnership plan";

    /// <summary>The words that introduce impact statements.</summary>
    public string Impact { get; init; } = "We will know it is working when we see";

    public ReportingRhythm Reporting { get; init; } = ReportingRhythm.Quarterly;

    /// <summary>The plan's levels from the top, one to three of them.</summary>
    public IReadOnlyList<PlanLevel> Levels { get; init; } = DefaultLevels;

    public string Theme { get; init; } = "cross-cutting theme";

    public string Themes { get; init; } = "cross-cutting themes";

    public string Programme { get; init; } = "enabling programme";

    public string Programmes { get; init; } = "enabling programmes";

    public string Portfolio { get; init; } = "portfolio";

    public string Portfolios { get; init; } = "portfolios";

    /// <summary>
    /// The kind each level's elements are stored as. The top level is always a priority (stored as
    /// <see cref="ElementKind.Ambition"/>) and the bottom level of two or more is what the council
    /// delivers and reports progress on (<see cref="ElementKind.Commitment"/>); a middle level groups
    /// them (<see cref="ElementKind.KeyArea"/>).
    /// </summary>
    public static ElementKind KindOfLevel(int level, int depth) => level switch
    {
        0 => ElementKind.Ambition,
        _ when level == depth - 1 => ElementKind.Commitment,
        _ => ElementKind.KeyArea,
    };

    /// <summary>The level whose elements are stored as <paramref name="kind"/>, if the plan has one.</summary>
    public PlanLevel? LevelOf(ElementKind kind)
    {
        for (var i = 0; i < Levels.Count; i++)
        {
            if (KindOfLevel(i, Levels.Count) == kind)
            {
                return Levels[i];
            }
        }

        return null;
    }

    /// <summary>The top level: what every plan has at least one of.</summary>
    public PlanLevel Top => Levels[0];

    /// <summary>The level of commitments, or null for a plan of one level.</summary>
    public PlanLevel? Delivery => Levels.Count > 1 ? Levels[^1] : null;

    /// <summary>The middle level of a three-level plan.</summary>
    public PlanLevel? Middle => Levels.Count > 2 ? Levels[1] : null;

    /// <summary>A kind's name in this council's words, singular ("priority") or plural.</summary>
    public string Name(ElementKind kind, bool plural = false)
    {
        if (kind == ElementKind.Scheme)
        {
            return plural ? "schemes" : "scheme";
        }

        if (LevelOf(kind) is { } level)
        {
            return plural ? level.Plural : level.Singular;
        }

        return kind switch
        {
            ElementKind.Theme => plural ? Themes : Theme,
            ElementKind.Programme => plural ? Programmes : Programme,
            ElementKind.Portfolio => plural ? Portfolios : Portfolio,
            ElementKind.BoroughPlan => PartnershipPlan,
            _ => plural ? PlanFileReader.Describe(kind) + "s" : PlanFileReader.Describe(kind),
        };
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static PlanWords FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? Default : JsonSerializer.Deserialize<PlanWords>(json, Json) ?? Default;
}
