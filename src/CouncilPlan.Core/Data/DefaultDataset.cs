using CouncilPlan.Core.Areas;
using CouncilPlan.Core.Imports;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Resources;
using CouncilPlan.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Data;

/// <summary>
/// The dataset a new installation starts with: the areas and every plan under a folder. By default
/// it is the data folder that travels with the binaries (the default dataset: a council's plan and
/// its published figures, see README.md); a council points <c>Dataset:Folder</c> at its own (see
/// <see cref="DatasetSettings"/> and docs/start-your-own-council.md).
/// </summary>
public static class DefaultDataset
{
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "data");

    public static string AreasFile(string folder) => Path.Combine(folder, "areas.yaml");

    /// <summary>Area outlines for the maps (GeoJSON, optional): boundaries/*.geojson beside areas.yaml.</summary>
    public static IEnumerable<string> BoundaryFiles(string folder) =>
        Directory.Exists(Path.Combine(folder, "boundaries"))
            ? Directory.EnumerateFiles(Path.Combine(folder, "boundaries"), "*.geojson").Order(StringComparer.Ordinal)
            : [];

    public static IEnumerable<string> PlanFiles(string folder) =>
        Directory.EnumerateFiles(folder, "plan.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    /// <summary>
    /// Loads the dataset only into an empty database: no plan, no areas, no measures and no figures.
    /// A council that has loaded its own areas but not yet its plan must not be given another
    /// council's plan on top of them.
    /// </summary>
    public static async Task<bool> LoadIfEmptyAsync(CouncilPlanDb db, TimeProvider clock, string? folder = null, CancellationToken cancellationToken = default)
    {
        if (!await IsEmptyAsync(db, cancellationToken))
        {
            return false;
        }

        await LoadAsync(db, clock, folder, cancellationToken);
        return true;
    }

    /// <summary>Whether the database holds none of a council's own data yet.</summary>
    /// <remarks>Figures need a measure (a foreign key), so no measures means no figures: the observations table is never read here.</remarks>
    public static async Task<bool> IsEmptyAsync(CouncilPlanDb db, CancellationToken cancellationToken = default) =>
        !await db.Plans.AnyAsync(cancellationToken)
        && !await db.Areas.AnyAsync(cancellationToken)
        && !await db.Measures.AnyAsync(cancellationToken);

    public static async Task LoadAsync(CouncilPlanDb db, TimeProvider clock, string? folder = null, CancellationToken cancellationToken = default)
    {
        folder ??= DefaultFolder;
        if (!Directory.Exists(folder))
        {
            // A mistyped Dataset:Folder would otherwise surface as a missing areas.yaml.
            throw new InvalidInputException([new InputError(folder, 0, "", "the dataset folder does not exist: set Dataset:Folder to a folder holding areas.yaml and a folder per plan, or to none")]);
        }

        await new AreaImporter(db, clock).ImportFileAsync(AreasFile(folder), cancellationToken);
        foreach (var file in BoundaryFiles(folder))
        {
            await new BoundaryImporter(db, clock).ImportFileAsync(file, attribution: null, skipUnknown: false, cancellationToken);
        }

        var plans = new PlanImporter(db, clock);
        foreach (var file in PlanFiles(folder))
        {
            await plans.ImportFileAsync(file, cancellationToken);

            // A plan's measure catalogue sits beside it.
            var folderOfPlan = Path.GetDirectoryName(file)!;
            var catalogue = Path.Combine(folderOfPlan, "measures.yaml");
            if (File.Exists(catalogue))
            {
                await new MeasureCatalogueImporter(db, clock).ImportFileAsync(catalogue, cancellationToken);
            }

            // ... and its published figures, one CSV per series, in the import format.
            var observations = Path.Combine(folderOfPlan, "observations");
            if (Directory.Exists(observations))
            {
                foreach (var csv in Directory.EnumerateFiles(observations, "*.csv").Order(StringComparer.Ordinal))
                {
                    var result = await new ObservationImporter(db, clock).ImportFileAsync(
                        csv,
                        new ObservationImportOptions { Publish = true, EnteredBy = "CouncilPlan default dataset", Description = $"default dataset: {Path.GetFileName(csv)}" },
                        cancellationToken);
                    if (!result.IsValid)
                    {
                        throw new InvalidInputException(result.Errors.Select(e => e.In(csv)).ToList());
                    }
                }
            }

            // ... and ward figures built from small-area figures through a best-fit lookup (small-areas/).
            if (SmallAreaFigures.ObservationsCsv(folderOfPlan) is { } wardCsv)
            {
                var name = Path.Combine(folderOfPlan, SmallAreaFigures.FolderName, SmallAreaFigures.ManifestName);
                await using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(wardCsv));
                var result = await new ObservationImporter(db, clock).ImportAsync(
                    stream,
                    name,
                    new ObservationImportOptions { Publish = true, EnteredBy = "CouncilPlan default dataset", Description = "default dataset: ward figures built from small areas (small-areas/ward-figures.csv)" },
                    cancellationToken);
                if (!result.IsValid)
                {
                    throw new InvalidInputException(result.Errors.Select(e => e.In(name)).ToList());
                }
            }

            // ... and the money the plan itself states (resources.csv; every other line awaits data).
            var resources = Path.Combine(folderOfPlan, "resources.csv");
            if (File.Exists(resources))
            {
                var result = await new ResourceImporter(db, clock).ImportFileAsync(resources, new ResourceImportOptions { EnteredBy = "CouncilPlan default dataset" }, cancellationToken);
                if (!result.IsValid)
                {
                    throw new InvalidInputException(result.Errors.Select(e => e.In(resources)).ToList());
                }
            }
        }
    }
}
