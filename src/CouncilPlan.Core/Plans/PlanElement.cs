using CouncilPlan.Core.DataFiles;

namespace CouncilPlan.Core.Plans;

/// <summary>The kinds of thing a council plan holds, in the plan's own words.</summary>
public enum ElementKind
{
    Section,
    Value,
    HeadlineFact,
    Foundation,
    PeerChallenge,
    PeerRecommendation,
    BoroughPlan,
    Pillar,
    BoroughPriority,
    Ambition,
    KeyArea,
    Theme,
    FocusArea,
    Target,
    Programme,
    ProgrammePart,
    PriorityAction,
    Scheme,
    Commitment,
    ImpactStatement,
    Portfolio,
    ScrutinyRow,
}

/// <summary>
/// One element of a plan: an ambition, a key area, a scheme, an impact statement and so on. One
/// table holds every kind, so that measures, commitments and reports can point at any element by
/// its stable identifier (<see cref="PlanId"/>/<see cref="Key"/>).
/// </summary>
public sealed class PlanElement
{
    public int Id { get; set; }

    public required string PlanId { get; set; }

    public Plan? Plan { get; set; }

    /// <summary>The element's identifier within its plan, from the plan file: "new-leisure-centre".</summary>
    public required string Key { get; set; }

    public ElementKind Kind { get; set; }

    public int? ParentId { get; set; }

    public PlanElement? Parent { get; set; }

    public List<PlanElement> Children { get; } = [];

    /// <summary>Order among its siblings, as in the plan file.</summary>
    public int Position { get; set; }

    /// <summary>The number the plan gives it ("Ambition 2", priority 3), if any.</summary>
    public int? Number { get; set; }

    public string? Title { get; set; }

    /// <summary>The plan's paragraphs, separated by blank lines.</summary>
    public string? Text { get; set; }

    /// <summary>The heading a part sits under ("Our Five Pillar Plan"); the author of a section.</summary>
    public string? Group { get; set; }

    public DateOnly? Due { get; set; }

    public DatePrecision? DuePrecision { get; set; }

    /// <summary>The plan's own words for the date, where vaguer than a month ("summer of 2023").</summary>
    public string? DueText { get; set; }

    public decimal? Quantity { get; set; }

    public string? Unit { get; set; }

    /// <summary>"over", "more than": how the plan qualifies a figure.</summary>
    public string? Qualifier { get; set; }

    public decimal? FundingGbp { get; set; }

    public string? FundingText { get; set; }

    /// <summary>For a target: whether it binds the council or the whole place; for a section: the list it introduces.</summary>
    public string? Scope { get; set; }

    public bool? OnSite { get; set; }

    public string? Url { get; set; }

    /// <summary>The stable identifier across plans: "northdale-2025-29/new-leisure-centre".</summary>
    public string StableId => $"{PlanId}/{Key}";

    public string? DueDisplay => Due is { } due
        ? DueText is { Length: > 0 } words ? $"{PartialDate.Display(due, DuePrecision ?? DataFiles.DatePrecision.Day)} ({words})" : PartialDate.Display(due, DuePrecision ?? DataFiles.DatePrecision.Day)
        : DueText;

    public IEnumerable<string> Paragraphs => SplitParagraphs(Text);

    public static IEnumerable<string> SplitParagraphs(string? text) =>
        (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => string.Join(' ', p.Split('\n', StringSplitOptions.TrimEntries)));

    /// <summary>Copies what the plan file says, leaving identity and relationships alone.</summary>
    public bool CopyContentFrom(PlanElement other)
    {
        var changed = Kind != other.Kind || Position != other.Position || Number != other.Number
            || Title != other.Title || Text != other.Text || Group != other.Group || Due != other.Due
            || DuePrecision != other.DuePrecision || DueText != other.DueText || Quantity != other.Quantity
            || Unit != other.Unit || Qualifier != other.Qualifier || FundingGbp != other.FundingGbp
            || FundingText != other.FundingText || Scope != other.Scope || OnSite != other.OnSite || Url != other.Url;
        if (!changed)
        {
            return false;
        }

        Kind = other.Kind;
        Position = other.Position;
        Number = other.Number;
        Title = other.Title;
        Text = other.Text;
        Group = other.Group;
        Due = other.Due;
        DuePrecision = other.DuePrecision;
        DueText = other.DueText;
        Quantity = other.Quantity;
        Unit = other.Unit;
        Qualifier = other.Qualifier;
        FundingGbp = other.FundingGbp;
        FundingText = other.FundingText;
        Scope = other.Scope;
        OnSite = other.OnSite;
        Url = other.Url;
        return true;
    }
}

public enum LinkKind
{
    /// <summary>An ambition or theme supports a Borough Plan priority or pillar.</summary>
    Supports,

    /// <summary>A scrutiny row covers an ambition, theme or programme.</summary>
    Covers,

    /// <summary>A scrutiny row is answered for by a portfolio.</summary>
    AnsweredBy,
}

/// <summary>A relationship between two elements of the same plan.</summary>
public sealed class PlanLink
{
    public int Id { get; set; }

    public int FromId { get; set; }

    public PlanElement? From { get; set; }

    public int ToId { get; set; }

    public PlanElement? To { get; set; }

    public LinkKind Kind { get; set; }

    public int Position { get; set; }
}
