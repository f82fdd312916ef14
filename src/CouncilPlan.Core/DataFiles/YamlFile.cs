using System.Globalization;
using System.Text.RegularExpressions;
using CouncilPlan.Core.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CouncilPlan.Core.DataFiles;

/// <summary>
/// Reads a YAML data file node by node, so that every problem can name its line and column, and
/// collects all problems instead of stopping at the first: a council officer fixing a plan file
/// wants the whole list at once.
/// </summary>
public sealed partial class YamlFile
{
    private readonly List<(long Line, long Character, InputError Error)> errors = [];

    private YamlFile(string fileName) => FileName = fileName;

    public string FileName { get; }

    /// <summary>The problems found, in the order of the file.</summary>
    public IReadOnlyList<InputError> Errors => errors.OrderBy(e => e.Line).ThenBy(e => e.Character).Select(e => e.Error).ToList();

    /// <summary>Parses the text; the root is null when the YAML itself is broken.</summary>
    public static (YamlFile File, YamlMap? Root) Parse(string fileName, TextReader text)
    {
        var file = new YamlFile(fileName);
        var stream = new YamlStream();
        var parser = new Parser(text);
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            var reason = e.InnerException is YamlException inner ? inner.Message : e.Message;
            file.Error(e.Start, "the YAML is malformed: " + Tidy(reason));
            return (file, null);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on some unclosed brackets; the last thing it
            // parsed is the best place we can name.
            file.Error(parser.Current?.End ?? Mark.Empty, "the YAML is malformed after this point: look for an unclosed bracket or quote");
            return (file, null);
        }

        if (stream.Documents.Count != 1)
        {
            file.Error(Mark.Empty, stream.Documents.Count == 0 ? "the file is empty" : "the file holds more than one YAML document");
            return (file, null);
        }

        var root = stream.Documents[0].RootNode;
        if (root is not YamlMappingNode mapping)
        {
            file.Error(root.Start, "the file must be a mapping of fields (name: value) at the top level");
            return (file, null);
        }

        return (file, new YamlMap(file, mapping, ""));
    }

    public void Error(Mark mark, string message) =>
        errors.Add((mark.Line, mark.Column, InputError.At(FileName, mark.Line, mark.Column, message)));

    public void Error(YamlNode node, string message) => Error(node.Start, message);

    private static string Tidy(string message)
    {
        // YamlDotNet prefixes messages with the position, which we already report.
        var match = PositionPrefix().Match(message);
        return match.Success ? message[match.Length..] : message;
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex PositionPrefix();
}

/// <summary>A mapping in a data file, read field by field; fields nobody asked for are errors.</summary>
public sealed partial class YamlMap
{
    private readonly HashSet<string> known = [];

    internal YamlMap(YamlFile file, YamlMappingNode node, string path)
    {
        File = file;
        Node = node;
        Path = path;
    }

    public YamlFile File { get; }

    public YamlMappingNode Node { get; }

    /// <summary>Where this mapping is in the file, for messages: "ambitions[1].key_areas[0]".</summary>
    public string Path { get; }

    public int Line => (int)Node.Start.Line;

    public bool Has(string key) => Find(key) is not null;

    public string? String(string key, bool required = false)
    {
        var node = Value(key, required);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlScalarNode scalar)
        {
            File.Error(node, $"{Describe(key)} must be text, not a list or mapping");
            return null;
        }

        var text = scalar.Value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                File.Error(node, $"{Describe(key)} is required and must not be empty");
            }

            return null;
        }

        return text;
    }

    /// <summary>A field that is an identifier: a lower-case kebab-case slug.</summary>
    public (string Value, Mark Mark)? Id(string key = "id", bool required = true)
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }

        var mark = Find(key)!.Start;
        if (!Slug().IsMatch(text))
        {
            File.Error(mark, $"{Describe(key)} '{text}' is not a valid identifier: use lower-case letters, digits and single hyphens (for example 'new-leisure-centre')");
            return null;
        }

        return (text, mark);
    }

    public decimal? Number(string key, bool required = false)
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }

        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            File.Error(Find(key)!, $"{Describe(key)} must be a number, not '{text}'");
            return null;
        }

        return value;
    }

    public int? Integer(string key, bool required = false)
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            File.Error(Find(key)!, $"{Describe(key)} must be a whole number, not '{text}'");
            return null;
        }

        return value;
    }

    public bool? Boolean(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (!bool.TryParse(text, out var value))
        {
            File.Error(Find(key)!, $"{Describe(key)} must be true or false, not '{text}'");
            return null;
        }

        return value;
    }

    public PartialDate? Date(string key, bool required = false)
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }

        if (!PartialDate.TryParse(text, out var date))
        {
            File.Error(Find(key)!, $"{Describe(key)} '{text}' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY");
            return null;
        }

        return date;
    }

    /// <summary>A nested mapping.</summary>
    public YamlMap? Map(string key, bool required = false)
    {
        var node = Value(key, required);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlMappingNode mapping)
        {
            File.Error(node, $"{Describe(key)} must be a mapping of fields (name: value)");
            return null;
        }

        return new YamlMap(File, mapping, Join(Path, key));
    }

    /// <summary>A list of mappings, each read with its index in the path.</summary>
    public IReadOnlyList<YamlMap> Maps(string key, bool required = false)
    {
        var node = Value(key, required);
        if (node is null)
        {
            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            File.Error(node, $"{Describe(key)} must be a list");
            return [];
        }

        var maps = new List<YamlMap>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var item = sequence.Children[i];
            if (item is YamlMappingNode mapping)
            {
                maps.Add(new YamlMap(File, mapping, $"{Join(Path, key)}[{i}]"));
            }
            else
            {
                File.Error(item, $"{Join(Path, key)}[{i}] must be a mapping of fields (name: value)");
            }
        }

        return maps;
    }

    /// <summary>A list of text values, each with its place in the file.</summary>
    public IReadOnlyList<(string Value, Mark Mark)> Strings(string key)
    {
        var node = Value(key, required: false);
        if (node is null)
        {
            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            File.Error(node, $"{Describe(key)} must be a list, for example [first, second]");
            return [];
        }

        var values = new List<(string, Mark)>();
        foreach (var item in sequence.Children)
        {
            if (item is YamlScalarNode { Value: { Length: > 0 } text })
            {
                values.Add((text.Trim(), item.Start));
            }
            else
            {
                File.Error(item, $"each item of {Describe(key)} must be text");
            }
        }

        return values;
    }

    public Mark MarkOf(string key) => Find(key)?.Start ?? Node.Start;

    /// <summary>Reports every field in this mapping that no reader asked for: usually a typo.</summary>
    public void RejectUnknownFields()
    {
        foreach (var (key, _) in Node.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!known.Contains(name))
            {
                var allowed = string.Join(", ", known.Order(StringComparer.Ordinal));
                File.Error(key, $"unknown field '{name}' in {(Path.Length == 0 ? "the file" : Path)} (allowed here: {allowed})");
            }
        }
    }

    private YamlNode? Value(string key, bool required)
    {
        var node = Find(key);
        if (node is null || node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" })
        {
            if (required)
            {
                File.Error(node ?? Node, $"{Describe(key)} is required{(node is null ? " but missing" : " and must not be empty")}");
            }

            return null;
        }

        return node;
    }

    private YamlNode? Find(string key)
    {
        known.Add(key);
        return Node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
    }

    private string Describe(string key) => $"'{Join(Path, key)}'";

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Slug();
}
