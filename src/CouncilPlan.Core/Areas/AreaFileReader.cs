using System.Globalization;
using CouncilPlan.Core.DataFiles;
using CouncilPlan.Core.Validation;
using YamlDotNet.Core;

namespace CouncilPlan.Core.Areas;

public sealed record AreaDocument(IReadOnlyList<WardSet> WardSets, IReadOnlyList<Area> Areas);

/// <summary>Reads an areas file (format councilplan/areas@1, see docs/areas-file-format.md).</summary>
public static class AreaFileReader
{
    public const string Format = "councilplan/areas@1";

    private static readonly Dictionary<string, AreaType> Types = new(StringComparer.Ordinal)
    {
        ["country"] = AreaType.Country,
        ["region"] = AreaType.Region,
        ["combined-authority"] = AreaType.CombinedAuthority,
        ["council"] = AreaType.Council,
        ["ward"] = AreaType.Ward,
        ["comparator-group"] = AreaType.ComparatorGroup,
    };

    public static AreaDocument ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException([new InputError(path, 0, "", "the file does not exist")]);
        }

        using var text = new StreamReader(path);
        return Read(path, text);
    }

    public static AreaDocument Read(string fileName, TextReader text)
    {
        var (file, root) = YamlFile.Parse(fileName, text);
        if (root is null)
        {
            throw new InvalidInputException(file.Errors);
        }

        var format = root.String("format", required: true);
        if (format is not null && format != Format)
        {
            file.Error(root.MarkOf("format"), $"'format' is '{format}' but this reader understands '{Format}'");
        }

        var wardSets = new Dictionary<string, WardSet>(StringComparer.Ordinal);
        foreach (var map in root.Maps("ward_sets"))
        {
            var id = map.Id();
            var set = new WardSet
            {
                Id = id?.Value ?? "",
                Title = map.String("title", required: true) ?? "",
                CouncilCode = map.String("council", required: true) ?? "",
                From = map.Date("from", required: true)?.Start ?? default,
                To = map.Date("to")?.End,
            };
            map.RejectUnknownFields();
            if (id is { } key && !wardSets.TryAdd(key.Value, set))
            {
                file.Error(key.Mark, $"duplicate ward set '{key.Value}'");
            }
        }

        var areas = new Dictionary<string, (Area Area, Mark Mark)>(StringComparer.Ordinal);
        var parents = new List<(Area Child, Mark Mark)>();
        foreach (var map in root.Maps("areas", required: true))
        {
            var code = map.String("code", required: true);
            var typeText = map.String("type", required: true);
            AreaType type = default;
            if (typeText is not null && !Types.TryGetValue(typeText, out type))
            {
                file.Error(map.MarkOf("type"), $"'{map.Path}.type' '{typeText}' is not one of {string.Join(", ", Types.Keys)}");
            }

            var area = new Area
            {
                Code = code ?? "",
                Name = map.String("name", required: true) ?? "",
                Type = type,
                ParentCode = map.String("parent"),
                WardSetId = map.String("ward_set", required: type == AreaType.Ward),
            };
            if (area.ParentCode is not null)
            {
                parents.Add((area, map.MarkOf("parent")));
            }

            ReadCouncilType(file, map, area, typeText);

            if (area.WardSetId is not null && !wardSets.ContainsKey(area.WardSetId))
            {
                file.Error(map.MarkOf("ward_set"), $"ward set '{area.WardSetId}' is not defined in 'ward_sets'");
            }

            var centroid = map.Strings("centroid");
            if (centroid.Count == 2
                && double.TryParse(centroid[0].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
                && double.TryParse(centroid[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var lon))
            {
                area.Latitude = lat;
                area.Longitude = lon;
            }
            else if (centroid.Count > 0)
            {
                file.Error(map.MarkOf("centroid"), $"'{map.Path}.centroid' must be [latitude, longitude]");
            }

            var hex = map.Strings("hex");
            if (hex.Count == 2 && int.TryParse(hex[0].Value, CultureInfo.InvariantCulture, out var column) && int.TryParse(hex[1].Value, CultureInfo.InvariantCulture, out var row))
            {
                area.HexColumn = column;
                area.HexRow = row;
            }
            else if (hex.Count > 0)
            {
                file.Error(map.MarkOf("hex"), $"'{map.Path}.hex' must be [column, row], whole numbers");
            }

            map.RejectUnknownFields();
            if (code is not null && !areas.TryAdd(code, (area, map.MarkOf("code"))))
            {
                file.Error(map.MarkOf("code"), $"duplicate area code '{code}': it is already used on line {areas[code].Mark.Line}");
            }
        }

        foreach (var (child, mark) in parents)
        {
            if (!areas.TryGetValue(child.ParentCode!, out var parent))
            {
                file.Error(mark, $"parent '{child.ParentCode}' is not an area in this file");
            }
            else if (WrongParent(child, parent.Area) is { } message)
            {
                file.Error(mark, message);
            }
        }

        root.RejectUnknownFields();
        if (file.Errors.Count > 0)
        {
            throw new InvalidInputException(file.Errors.OrderBy(e => e.Row).ToList());
        }

        return new AreaDocument([.. wardSets.Values], [.. areas.Values.Select(a => a.Area)]);
    }

    private static void ReadCouncilType(YamlFile file, YamlMap map, Area area, string? typeText)
    {
        var text = map.String("council_type");
        if (text is null)
        {
            // Nothing is inferred: an absent council_type stays absent, and CouncilTypes.Of falls
            // back on the code when a council's kind is needed.
            return;
        }

        if (!CouncilTypes.Names.TryGetValue(text, out var councilType))
        {
            file.Error(map.MarkOf("council_type"), $"'{map.Path}.council_type' '{text}' is not one of {string.Join(", ", CouncilTypes.Names.Keys)}");
            return;
        }

        if (area.Type != AreaType.Council)
        {
            file.Error(map.MarkOf("council_type"), $"'{map.Path}.council_type' is only for areas of type council, not {typeText}");
            return;
        }

        // The code's prefix and the stated type must agree: one of them is a typing mistake, and
        // the wrong kind of council would get the wrong parent rules and place word.
        if (CouncilTypes.FromCode(area.Code) is { } fromCode && fromCode != councilType)
        {
            file.Error(map.MarkOf("council_type"), $"council_type '{text}' does not match code '{area.Code}': {area.Code[..3]} codes are {CouncilTypes.Name(fromCode)} councils");
            return;
        }

        area.CouncilType = councilType;
    }

    /// <summary>
    /// Why an area cannot sit under the parent it names, or null when it can. A council sits
    /// under a combined authority, a region or the country, and a district council may also sit
    /// under its county council (the two tiers); a ward (or a county's electoral division, loaded
    /// as a ward) sits under its council. Other areas' parents are not checked.
    /// </summary>
    private static string? WrongParent(Area child, Area parent)
    {
        switch (child.Type)
        {
            case AreaType.Council:
                var kind = CouncilTypes.Of(child);
                var underCounty = kind == CouncilType.District;
                if (parent.Type is AreaType.CombinedAuthority or AreaType.Region or AreaType.Country
                    || (underCounty && parent.Type == AreaType.Council && CouncilTypes.Of(parent) == CouncilType.County))
                {
                    return null;
                }

                var allowed = underCounty ? "a county council, combined authority, region or country" : "a combined authority, region or country";
                return $"'{child.Code}' is {CouncilTypes.Describe(kind)}, its parent must be {allowed}, not {Describe(parent)}";
            case AreaType.Ward:
                return parent.Type == AreaType.Council ? null : $"'{child.Code}' is a ward, its parent must be a council, not {Describe(parent)}";
            default:
                return null;
        }
    }

    private static string Describe(Area area) => area.Type switch
    {
        AreaType.Country => "a country",
        AreaType.Region => "a region",
        AreaType.CombinedAuthority => "a combined authority",
        AreaType.Council => CouncilTypes.Describe(CouncilTypes.Of(area)),
        AreaType.Ward => "a ward",
        AreaType.ComparatorGroup => "a comparator group",
        _ => "an area",
    };
}
