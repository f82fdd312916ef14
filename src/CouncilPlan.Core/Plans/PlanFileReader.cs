using System.Security.Cryptography;
using System.Text;
using CouncilPlan.Core.DataFiles;
using YamlDotNet.Core;

namespace CouncilPlan.Core.Plans;

/// <summary>A plan file read whole and found valid: nothing is written until it is.</summary>
public sealed record PlanDocument(Plan Plan, IReadOnlyList<PlanElement> Elements, IReadOnlyList<PlanLink> Links, string FileName = "plan")
{
    public IEnumerable<PlanElement> OfKind(ElementKind kind) => Elements.Where(e => e.Kind == kind);
}

/// <summary>
/// Reads a plan file (format councilplan/plan@1, see docs/plan-file-format.md) and checks it
/// whole: every problem is reported with its line, and a document is returned only when there
/// are none.
/// </summary>
public sealed class PlanFileReader
{
    public const string Format = "councilplan/plan@1";

    private readonly YamlFile file;
    private readonly List<PlanElement> elements = [];
    private readonly Dictionary<string, (PlanElement Element, Mark Mark)> byKey = new(StringComparer.Ordinal);
    private readonly List<(PlanElement From, string ToKey, Mark Mark, LinkKind Kind, ElementKind[] Allowed)> pendingLinks = [];
    private string planId = "";

    private PlanFileReader(YamlFile file) => this.file = file;

    public static PlanDocument ReadFile(string path, IReadOnlySet<string>? knownAreaCodes = null)
    {
        if (!File.Exists(path))
        {
            throw new DataFileException([new DataFileError(path, 0, 0, "the file does not exist")]);
        }

        var bytes = File.ReadAllBytes(path);
        return Read(path, bytes, knownAreaCodes);
    }

    public static PlanDocument Read(string fileName, byte[] content, IReadOnlySet<string>? knownAreaCodes = null)
    {
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            throw new DataFileException([new DataFileError(fileName, 0, 0, "the file is not UTF-8 text: save it as UTF-8")]);
        }

        var (yaml, root) = YamlFile.Parse(fileName, new StringReader(text));
        if (root is null)
        {
            throw new DataFileException(yaml.Errors);
        }

        var reader = new PlanFileReader(yaml);
        var plan = reader.ReadPlan(root, knownAreaCodes);
        var links = reader.ResolveLinks();
        if (yaml.Errors.Count > 0 || plan is null)
        {
            throw new DataFileException(yaml.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList());
        }

        plan.FileHash = Convert.ToHexString(SHA256.HashData(content));
        return new PlanDocument(plan, reader.elements, links, fileName);
    }

    private Plan? ReadPlan(YamlMap root, IReadOnlySet<string>? knownAreaCodes)
    {
        var format = root.String("format", required: true);
        if (format is not null && format != Format)
        {
            file.Error(root.MarkOf("format"), $"'format' is '{format}' but this reader understands '{Format}'");
        }

        planId = root.Id("id")?.Value ?? "";
        var title = root.String("title", required: true);
        var period = root.String("period", required: true);
        var starts = root.Date("starts", required: true);
        var ends = root.Date("ends", required: true);
        if (starts is { } s && ends is { } e && e.End < s.Start)
        {
            file.Error(root.MarkOf("ends"), "'ends' is before 'starts'");
        }

        var council = root.Map("council", required: true);
        var councilName = council?.String("name", required: true);
        var councilArea = council?.String("area", required: true);
        if (councilArea is not null && knownAreaCodes is not null && !knownAreaCodes.Contains(councilArea))
        {
            file.Error(council!.MarkOf("area"), $"'council.area' '{councilArea}' is not a known area: load the areas file first (councilplan areas import data/areas.yaml)");
        }

        council?.RejectUnknownFields();

        var source = root.Map("source");
        var sourceTitle = source?.String("title", required: true);
        var sourcePublisher = source?.String("publisher");
        var sourceUrl = source?.String("url");
        source?.RejectUnknownFields();

        var mission = root.String("mission", required: true);
        var vision = root.String("vision", required: true);
        var partnership = root.String("partnership", required: true);

        var values = root.Map("values", required: true);
        var valuesText = values?.String("text");
        if (values is not null)
        {
            Items(values.Maps("items", required: true), ElementKind.Value, null, TitledElement);
            values.RejectUnknownFields();
        }

        Items(root.Maps("sections"), ElementKind.Section, null, (map, element) =>
        {
            TitledElement(map, element);
            element.Group = map.String("by");
        });

        var facts = root.Map("headline_facts");
        var factsText = facts?.String("text");
        if (facts is not null)
        {
            Items(facts.Maps("items", required: true), ElementKind.HeadlineFact, null, (map, element) =>
            {
                element.Text = map.String("text", required: true);
                element.Quantity = map.Number("figure", required: true);
                element.Unit = map.String("unit", required: true);
                element.Qualifier = map.String("qualifier");
            });
            facts.RejectUnknownFields();
        }

        if (root.Map("foundation", required: true) is { } foundation)
        {
            Element(foundation, ElementKind.Foundation, null, 0, TitledElement);
        }

        if (root.Map("peer_challenge") is { } peer)
        {
            Element(peer, ElementKind.PeerChallenge, null, 0, (map, element) =>
            {
                TitledElement(map, element);
                element.Group = map.String("by");
                SetDue(map, element, "date");
                Items(map.Maps("recommendations"), ElementKind.PeerRecommendation, element, (m, r) => r.Text = m.String("text", required: true));
                Commitments(map, element);
            });
        }

        if (root.Map("borough_plan", required: true) is { } boroughPlan)
        {
            Element(boroughPlan, ElementKind.BoroughPlan, null, 0, (map, element) =>
            {
                TitledElement(map, element);
                SetDue(map, element, "launched");
                element.Quantity = map.Integer("horizon");
                element.Url = map.String("url");
                Items(map.Maps("pillars", required: true), ElementKind.Pillar, element, (pm, pillar) =>
                {
                    TitledElement(pm, pillar);
                    Items(pm.Maps("priorities", required: true), ElementKind.BoroughPriority, pillar, (qm, priority) =>
                    {
                        TitledElement(qm, priority);
                        priority.Number = qm.Integer("number");
                    });
                });
            });
        }

        Items(root.Maps("ambitions", required: true), ElementKind.Ambition, null, (map, ambition) =>
        {
            NumberedAndSupporting(map, ambition);
            Items(map.Maps("key_areas", required: true), ElementKind.KeyArea, ambition, (km, keyArea) =>
            {
                TitledElement(km, keyArea);
                Commitments(km, keyArea);
            });
            ImpactStatements(map, ambition);
        });

        Items(root.Maps("themes", required: true), ElementKind.Theme, null, (map, theme) =>
        {
            NumberedAndSupporting(map, theme);
            Items(map.Maps("targets"), ElementKind.Target, theme, (tm, target) =>
            {
                TitledElement(tm, target);
                SetDue(tm, target, "due", required: true);
                target.Scope = tm.String("scope", required: true);
                if (target.Scope is not null and not "council" and not "borough")
                {
                    file.Error(tm.MarkOf("scope"), $"'{tm.Path}.scope' must be 'council' or 'borough', not '{target.Scope}'");
                }
            });
            Items(map.Maps("focus_areas", required: true), ElementKind.FocusArea, theme, (fm, focus) =>
            {
                TitledElement(fm, focus);
                Commitments(fm, focus);
            });
            ImpactStatements(map, theme);
        });

        Items(root.Maps("programmes", required: true), ElementKind.Programme, null, (map, programme) =>
        {
            TitledElement(map, programme);
            programme.Number = map.Integer("number");
            Items(map.Maps("parts"), ElementKind.ProgrammePart, programme, (pm, part) =>
            {
                TitledElement(pm, part);
                part.Group = pm.String("group");
            });
            Items(map.Maps("priority_actions"), ElementKind.PriorityAction, programme, (am, action) => action.Text = am.String("text", required: true));
        });

        Items(root.Maps("portfolios", required: true), ElementKind.Portfolio, null, (map, portfolio) => portfolio.Title = map.String("title", required: true));

        var scrutiny = root.Map("scrutiny", required: true);
        var deliveryText = scrutiny?.String("text");
        if (scrutiny is not null)
        {
            Items(scrutiny.Maps("rows", required: true), ElementKind.ScrutinyRow, null, (map, row) =>
            {
                row.Title = map.String("label", required: true);
                Links(map, row, "covers", LinkKind.Covers, ElementKind.Ambition, ElementKind.Theme, ElementKind.Programme);
                Links(map, row, "portfolios", LinkKind.AnsweredBy, ElementKind.Portfolio);
            });
            scrutiny.RejectUnknownFields();
        }

        root.RejectUnknownFields();

        if (title is null || period is null || starts is null || ends is null || councilName is null || councilArea is null
            || mission is null || vision is null || partnership is null || planId.Length == 0)
        {
            return null;
        }

        foreach (var element in elements)
        {
            element.PlanId = planId;
        }

        return new Plan
        {
            Id = planId,
            Title = title,
            Period = period,
            Starts = starts.Value.Start,
            Ends = ends.Value.End,
            CouncilName = councilName,
            CouncilAreaCode = councilArea,
            SourceTitle = sourceTitle,
            SourcePublisher = sourcePublisher,
            SourceUrl = sourceUrl,
            Mission = mission,
            Vision = vision,
            Partnership = partnership,
            ValuesText = valuesText,
            HeadlineFactsText = factsText,
            DeliveryText = deliveryText,
            FileHash = "",
        };
    }

    private void NumberedAndSupporting(YamlMap map, PlanElement element)
    {
        TitledElement(map, element);
        element.Number = map.Integer("number", required: true);
        Links(map, element, "supports", LinkKind.Supports, ElementKind.BoroughPriority, ElementKind.Pillar);
    }

    private void ImpactStatements(YamlMap map, PlanElement parent) =>
        Items(map.Maps("impact_statements", required: true), ElementKind.ImpactStatement, parent, (m, statement) => statement.Text = m.String("text", required: true));

    private void Commitments(YamlMap map, PlanElement parent) =>
        Items(map.Maps("commitments"), ElementKind.Commitment, parent, (m, commitment) =>
        {
            var kind = m.String("kind");
            commitment.Kind = kind switch
            {
                null or "commitment" => ElementKind.Commitment,
                "scheme" => ElementKind.Scheme,
                _ => Invalid(m, "kind", $"'{m.Path}.kind' must be 'scheme' or 'commitment', not '{kind}'"),
            };
            TitledElement(m, commitment);
            commitment.Quantity = m.Number("quantity");
            commitment.Unit = m.String("unit", required: commitment.Quantity is not null);
            SetDue(m, commitment, "due");
            commitment.DueText = m.String("due_text");
            commitment.FundingGbp = m.Number("funding_gbp");
            commitment.FundingText = m.String("funding_text");
            commitment.OnSite = m.Boolean("on_site");
        });

    private ElementKind Invalid(YamlMap map, string key, string message)
    {
        file.Error(map.MarkOf(key), message);
        return ElementKind.Commitment;
    }

    private static void TitledElement(YamlMap map, PlanElement element)
    {
        element.Title = map.String("title", required: true);
        element.Text = map.String("text");
    }

    private static void SetDue(YamlMap map, PlanElement element, string key, bool required = false)
    {
        if (map.Date(key, required) is { } date)
        {
            element.Due = date.Start;
            element.DuePrecision = date.Precision;
        }
    }

    private void Links(YamlMap map, PlanElement from, string key, LinkKind kind, params ElementKind[] allowed)
    {
        foreach (var (value, mark) in map.Strings(key))
        {
            pendingLinks.Add((from, value, mark, kind, allowed));
        }
    }

    private void Items(IReadOnlyList<YamlMap> maps, ElementKind kind, PlanElement? parent, Action<YamlMap, PlanElement> read)
    {
        for (var i = 0; i < maps.Count; i++)
        {
            Element(maps[i], kind, parent, i, read);
        }
    }

    private void Element(YamlMap map, ElementKind kind, PlanElement? parent, int position, Action<YamlMap, PlanElement> read)
    {
        var id = map.Id();
        var element = new PlanElement
        {
            PlanId = "",
            Key = id?.Value ?? "",
            Kind = kind,
            Parent = parent,
            Position = position,
        };
        read(map, element);
        map.RejectUnknownFields();
        if (id is not { } key)
        {
            return;
        }

        if (byKey.TryGetValue(key.Value, out var first))
        {
            file.Error(key.Mark, $"duplicate id '{key.Value}': it is already used on line {first.Mark.Line}");
            return;
        }

        byKey.Add(key.Value, (element, key.Mark));
        elements.Add(element);
    }

    private List<PlanLink> ResolveLinks()
    {
        var links = new List<PlanLink>();
        var positions = new Dictionary<(PlanElement, LinkKind), int>();
        foreach (var (from, toKey, mark, kind, allowed) in pendingLinks)
        {
            if (!byKey.TryGetValue(toKey, out var target))
            {
                file.Error(mark, $"'{toKey}' does not refer to any element in this plan");
                continue;
            }

            if (!allowed.Contains(target.Element.Kind))
            {
                file.Error(mark, $"'{toKey}' is a {Describe(target.Element.Kind)}, but only {string.Join(" or ", allowed.Select(Describe))} can be named here");
                continue;
            }

            positions.TryGetValue((from, kind), out var position);
            positions[(from, kind)] = position + 1;
            links.Add(new PlanLink { From = from, To = target.Element, Kind = kind, Position = position });
        }

        return links;
    }

    /// <summary>Kinds whose words are their text, with no title: impact statements, priority actions and the like.</summary>
    public static bool IsTextOnly(ElementKind kind) => kind is ElementKind.ImpactStatement or ElementKind.PriorityAction or ElementKind.PeerRecommendation or ElementKind.HeadlineFact;

    internal static string Describe(ElementKind kind) => kind switch
    {
        ElementKind.BoroughPriority => "Borough Plan priority",
        ElementKind.Pillar => "Borough Plan pillar",
        ElementKind.KeyArea => "key area",
        ElementKind.FocusArea => "focus area",
        ElementKind.ImpactStatement => "impact statement",
        ElementKind.ProgrammePart => "programme part",
        ElementKind.PriorityAction => "priority action",
        ElementKind.ScrutinyRow => "scrutiny row",
        ElementKind.HeadlineFact => "headline fact",
        ElementKind.PeerChallenge => "peer challenge",
        ElementKind.PeerRecommendation => "peer challenge recommendation",
        ElementKind.BoroughPlan => "Borough Plan",
        ElementKind.Programme => "enabling programme",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
