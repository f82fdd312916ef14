using System.Globalization;
using CouncilPlan.Core.DataFiles;
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
            throw new DataFileException([new DataFileError(path, 0, 0, "the file does not exist")]);
        }

        using var text = new StreamReader(path);
        return Read(path, text);
    }

    public static AreaDocument Read(string fileName, TextReader text)
    {
        var (file, root) = YamlFile.Parse(fileName, text);
        if (root is null)
        {
            throw new DataFileException(file.Errors);
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
        var parents = new List<(string Code, Mark Mark)>();
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
                parents.Add((area.ParentCode, map.MarkOf("parent")));
            }

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

        foreach (var (code, mark) in parents.Where(p => !areas.ContainsKey(p.Code)))
        {
            file.Error(mark, $"parent '{code}' is not an area in this file");
        }

        root.RejectUnknownFields();
        if (file.Errors.Count > 0)
        {
            throw new DataFileException(file.Errors.OrderBy(e => e.Line).ToList());
        }

        return new AreaDocument([.. wardSets.Values], [.. areas.Values.Select(a => a.Area)]);
    }
}
