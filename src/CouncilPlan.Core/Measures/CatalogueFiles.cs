using CouncilPlan.Core.Areas;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Validation;

namespace CouncilPlan.Core.Measures;

/// <summary>
/// What a measure catalogue may name, read from a plan file and an areas file rather than from a
/// database, so a council can check its files before it has a database at all.
/// </summary>
public static class CatalogueFiles
{
    /// <summary>
    /// The areas file that goes with a plan file when none is named: areas.yaml in the folder
    /// above the plan's, as in a dataset folder (areas.yaml beside one folder per plan); null when
    /// there is none there.
    /// </summary>
    public static string? AreasBeside(string planPath)
    {
        var datasetFolder = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(planPath)));
        var areas = datasetFolder is null ? null : Path.Combine(datasetFolder, "areas.yaml");
        return areas is not null && File.Exists(areas) ? areas : null;
    }

    /// <summary>The area codes in an areas file, or null (not checked) when there is no file.</summary>
    public static IReadOnlySet<string>? AreaCodes(string? areasPath) =>
        areasPath is null ? null : AreaFileReader.ReadFile(areasPath).Areas.Select(a => a.Code).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The context for checking <paramref name="measuresPath"/>: the elements of the plan in
    /// <paramref name="planPath"/> (which must be the plan the catalogue's 'plan' field names) and
    /// the areas in <paramref name="areasPath"/>.
    /// </summary>
    public static CatalogueContext Context(string measuresPath, string planPath, string? areasPath)
    {
        var areas = AreaCodes(areasPath);
        var plan = PlanFileReader.ReadFile(planPath, areas);
        if (PlanIdOf(measuresPath) is { } named && named.Id != plan.Plan.Id)
        {
            throw new InvalidInputException([InputError.At(measuresPath, named.Line, 1, $"'plan' is '{named.Id}' but {planPath} is plan '{plan.Plan.Id}'")]);
        }

        var elements = new Dictionary<string, ElementKind>(StringComparer.Ordinal);
        foreach (var element in plan.Elements)
        {
            elements.TryAdd(element.Key, element.Kind);
        }

        return new CatalogueContext(areas ?? new HashSet<string>(StringComparer.Ordinal), elements);
    }

    private static (string Id, int Line)? PlanIdOf(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (text.StartsWith("plan:", StringComparison.Ordinal))
            {
                var value = text["plan:".Length..];
                var comment = value.IndexOf(" #", StringComparison.Ordinal);
                return ((comment < 0 ? value : value[..comment]).Trim().Trim('"', '\''), line);
            }
        }

        return null;
    }
}
