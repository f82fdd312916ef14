using System.Security.Cryptography;
using System.Text;
using CouncilPlan.Core.DataFiles;
using CouncilPlan.Core.Validation;
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
public sealed partial class PlanFileReader
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
            throw new InvalidInputException([new InputError(path, 0, "", "the file does not exist")]);
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
            throw new InvalidInputException([new InputError(fileName, 0, "", "the file is not UTF-8 text: save it as UTF-8")]);
        }

        var (yaml, root) = YamlFile.Parse(fileName, new StringReader(text));
        if (root is null)
        {
            throw new InvalidInputException(yaml.Errors);
        }

        var reader = new PlanFileReader(yaml);
        var plan = reader.ReadPlan(root, knownAreaCodes);
        var links = reader.ResolveLinks();
        if (yaml.Errors.Count > 0 || plan is null)
        {
            throw new InvalidInputException(yaml.Errors.OrderBy(e => e.Row).ToList());
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

        var mission = root.String("mission");
        var vision = root.String("vision");
        var partnership = root.String("partnership");
        var words = ReadWords(root);

        var values = root.Map("values");
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

            // The list a section introduces ("ambitions", "themes"): its first paragraph heads that list's page.
            element.Scope = map.String("introduces");
            var lists = new[] { words.Top.Key, "themes", "programmes", "portfolios" };
            if (element.Scope is { } list && !lists.Contains(list))
            {
                file.Error(map.MarkOf("introduces"), $"'{map.Path}.introduces' must be one of {string.Join(", ", lists)}, not '{list}'");
            }
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

        if (root.Map("foundation") is { } foundation)
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

        // "partnership_plan" for any council; "borough_plan" is how the default dataset's file says it.
        var partnershipKey = root.Has("borough_plan") ? "borough_plan" : "partnership_plan";
        if (root.Has("borough_plan") && root.Has("partnership_plan"))
        {
            file.Error(root.MarkOf("partnership_plan"), "give either 'partnership_plan' or 'borough_plan', not both");
        }

        if (root.Map(partnershipKey) is { } boroughPlan)
        {
            Element(boroughPlan, ElementKind.BoroughPlan, null, 0, (map, element) =>
            {
                TitledElement(map, element);
                SetDue(map, element, "launched");
                element.Quantity = map.Integer("horizon");
                element.Url = map.String("url");
                Items(map.Maps("pillars"), ElementKind.Pillar, element, (pm, pillar) =>
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

        var top = root.Maps(words.Top.Key);
        if (top.Count == 0 && !root.Has(words.Top.Key))
        {
            file.Error(root.MarkOf(words.Top.Key), $"the plan needs at least one {words.Top.Singular}: add '{words.Top.Key}:' with one item or more (name your own levels with 'levels:', see docs/plan-file-format.md)");
        }

        Items(top, ElementKind.Ambition, null, (map, priority) => Level(map, priority, words.Levels, 0));

        Items(root.Maps("themes"), ElementKind.Theme, null, (map, theme) =>
        {
            NumberedAndSupporting(map, theme);
            Items(map.Maps("targets"), ElementKind.Target, theme, (tm, target) =>
            {
                TitledElement(tm, target);
                SetDue(tm, target, "due", required: true);
                target.Scope = tm.String("scope", required: true);
                // "borough" is how the default dataset's file names the whole place; "place" says it for any council.
                if (target.Scope is not null and not "council" and not "borough" and not "place")
                {
                    file.Error(tm.MarkOf("scope"), $"'{tm.Path}.scope' must be 'council' or 'place' (the whole area), not '{target.Scope}'");
                }
            });
            Items(map.Maps("focus_areas"), ElementKind.FocusArea, theme, (fm, focus) =>
            {
                TitledElement(fm, focus);
                Commitments(fm, focus);
            });
            ImpactStatements(map, theme);
        });

        Items(root.Maps("programmes"), ElementKind.Programme, null, (map, programme) =>
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

        Items(root.Maps("portfolios"), ElementKind.Portfolio, null, (map, portfolio) => portfolio.Title = map.String("title", required: true));

        var scrutiny = root.Map("scrutiny");
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

        if (title is null || period is null || starts is null || ends is null || councilName is null || councilArea is null || planId.Length == 0)
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
            Words = words,
            FileHash = "",
        };
    }

    /// <summary>
    /// Reads an element of the council's own levels: its title, then the next level's items under
    /// that level's key; the last level of two or more holds commitments with dates and quantities.
    /// </summary>
    private void Level(YamlMap map, PlanElement element, IReadOnlyList<PlanLevel> levels, int level)
    {
        if (level > 0 && level == levels.Count - 1)
        {
            Commitment(map, element);
            return;
        }

        NumberedAndSupporting(map, element, numberRequired: false);
        if (level + 1 < levels.Count)
        {
            var next = levels[level + 1];
            var kind = PlanWords.KindOfLevel(level + 1, levels.Count);
            Items(map.Maps(next.Key), kind, element, (m, child) => Level(m, child, levels, level + 1));
        }

        if (level == 0)
        {
            ImpactStatements(map, element);
        }
    }

    private PlanWords ReadWords(YamlMap root)
    {
        var words = PlanWords.Default;
        if (root.Map("words") is { } w)
        {
            var reporting = w.String("reporting");
            words = words with
            {
                Service = w.String("service") ?? words.Service,
                Place = w.String("place") ?? words.Place,
                Partnership = w.String("partnership"),
                PartnershipPlan = w.String("partnership_plan") ?? words.PartnershipPlan,
                Impact = w.String("impact") ?? words.Impact,
                Theme = w.String("theme") ?? words.Theme,
                Themes = w.String("themes") ?? words.Themes,
                Programme = w.String("programme") ?? words.Programme,
                Programmes = w.String("programmes") ?? words.Programmes,
                Portfolio = w.String("portfolio") ?? words.Portfolio,
                Portfolios = w.String("portfolios") ?? words.Portfolios,
                Reporting = reporting switch
                {
                    null or "quarterly" => ReportingRhythm.Quarterly,
                    "annual" => ReportingRhythm.Annual,
                    _ => Invalid(w, "reporting", $"'words.reporting' must be 'quarterly' or 'annual', not '{reporting}'", ReportingRhythm.Quarterly),
                },
            };
            w.RejectUnknownFields();
        }

        var levelMaps = root.Maps("levels");
        if (levelMaps.Count == 0)
        {
            return words;
        }

        if (levelMaps.Count > 3)
        {
            file.Error(root.MarkOf("levels"), $"'levels' names {levelMaps.Count} levels, but a plan has one, two or three (for example priority, then objective, then action)");
        }

        var levels = new List<PlanLevel>();
        foreach (var levelMap in levelMaps.Take(3))
        {
            var map = levelMap;
            var key = map.String("key", required: true);
            var singular = map.String("singular", required: true);
            var plural = map.String("plural") ?? (singular is null ? null : singular + "s");
            map.RejectUnknownFields();
            if (key is null || singular is null || plural is null)
            {
                continue;
            }

            if (!LevelKey().IsMatch(key))
            {
                file.Error(map.MarkOf("key"), $"'{map.Path}.key' '{key}' must be lower-case words joined by '_' (for example 'priorities' or 'key_areas'), the field the plan's items are listed under");
            }
            else if (ReservedKeys.Contains(key))
            {
                file.Error(map.MarkOf("key"), $"'{map.Path}.key' '{key}' is already a field of the plan file: choose another (for example 'priorities')");
            }
            else if (levels.Any(l => l.Key == key))
            {
                file.Error(map.MarkOf("key"), $"'{map.Path}.key' '{key}' names two levels");
            }

            levels.Add(new PlanLevel(key, singular, plural));
        }

        return levels.Count == levelMaps.Take(3).Count() ? words with { Levels = levels } : words;
    }

    /// <summary>Fields the file already uses for something else, at the top or inside an element.</summary>
    private static readonly HashSet<string> ReservedKeys =
    [
        "format", "id", "title", "period", "starts", "ends", "council", "source", "mission", "vision", "partnership", "words", "levels",
        "values", "sections", "headline_facts", "foundation", "peer_challenge", "borough_plan", "partnership_plan", "themes", "programmes",
        "portfolios", "scrutiny", "text", "number", "supports", "impact_statements", "focus_areas", "targets", "parts", "priority_actions",
        "kind", "quantity", "unit", "due", "due_text", "funding_gbp", "funding_text", "on_site", "recommendations", "by", "date",
    ];

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z]+(_[a-z]+)*$")]
    private static partial System.Text.RegularExpressions.Regex LevelKey();

    private void NumberedAndSupporting(YamlMap map, PlanElement element, bool numberRequired = true)
    {
        TitledElement(map, element);
        element.Number = map.Integer("number", required: numberRequired);
        Links(map, element, "supports", LinkKind.Supports, ElementKind.BoroughPriority, ElementKind.Pillar);
    }

    private void ImpactStatements(YamlMap map, PlanElement parent) =>
        Items(map.Maps("impact_statements"), ElementKind.ImpactStatement, parent, (m, statement) => statement.Text = m.String("text", required: true));

    private void Commitments(YamlMap map, PlanElement parent) =>
        Items(map.Maps("commitments"), ElementKind.Commitment, parent, Commitment);

    private void Commitment(YamlMap m, PlanElement commitment)
    {
        var kind = m.String("kind");
        commitment.Kind = kind switch
        {
            null or "commitment" => ElementKind.Commitment,
            "scheme" => ElementKind.Scheme,
            _ => Invalid(m, "kind", $"'{m.Path}.kind' must be 'scheme' or 'commitment', not '{kind}'", ElementKind.Commitment),
        };
        TitledElement(m, commitment);
        commitment.Quantity = m.Number("quantity");
        commitment.Unit = m.String("unit", required: commitment.Quantity is not null);
        SetDue(m, commitment, "due");
        commitment.DueText = m.String("due_text");
        commitment.FundingGbp = m.Number("funding_gbp");
        commitment.FundingText = m.String("funding_text");
        commitment.OnSite = m.Boolean("on_site");
    }

    private T Invalid<T>(YamlMap map, string key, string message, T fallback)
    {
        file.Error(map.MarkOf(key), message);
        return fallback;
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
        ElementKind.BoroughPriority => "partnership plan priority",
        ElementKind.Pillar => "partnership plan pillar",
        ElementKind.KeyArea => "key area",
        ElementKind.FocusArea => "focus area",
        ElementKind.ImpactStatement => "impact statement",
        ElementKind.ProgrammePart => "programme part",
        ElementKind.PriorityAction => "priority action",
        ElementKind.ScrutinyRow => "scrutiny row",
        ElementKind.HeadlineFact => "headline fact",
        ElementKind.PeerChallenge => "peer challenge",
        ElementKind.PeerRecommendation => "peer challenge recommendation",
        ElementKind.BoroughPlan => "partnership plan",
        ElementKind.Programme => "enabling programme",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
