using CouncilPlan.Core.Areas;
using CouncilPlan.Core.DataFiles;
using CouncilPlan.Core.Imports;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Resources;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Data;

/// <summary>
/// The dataset a new installation starts with: the areas and every plan under the data folder
/// (Stockport's Council Plan 2023-24 and its published figures). It travels with the binaries.
/// </summary>
public static class DefaultDataset
{
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "data");

    public static string AreasFile(string folder) => Path.Combine(folder, "areas.yaml");

    public static IEnumerable<string> PlanFiles(string folder) =>
        Directory.EnumerateFiles(folder, "plan.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    /// <summary>Loads the default dataset when the database holds no plan yet.</summary>
    public static async Task<bool> LoadIfEmptyAsync(CouncilPlanDb db, TimeProvider clock, string? folder = null, CancellationToken cancellationToken = default)
    {
        if (await db.Plans.AnyAsync(cancellationToken))
        {
            return false;
        }

        await LoadAsync(db, clock, folder, cancellationToken);
        return true;
    }

    public static async Task LoadAsync(CouncilPlanDb db, TimeProvider clock, string? folder = null, CancellationToken cancellationToken = default)
    {
        folder ??= DefaultFolder;
        await new AreaImporter(db, clock).ImportFileAsync(AreasFile(folder), cancellationToken);
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
                        new ObservationImportOptions { EnteredBy = "CouncilPlan default dataset", Description = $"default dataset: {Path.GetFileName(csv)}" },
                        cancellationToken);
                    if (!result.IsValid)
                    {
                        throw new DataFileException(result.Errors.Select(e => new DataFileError(csv, (int)e.Row, 0, $"{e.Column}: {e.Reason}")).ToList());
                    }
                }
            }

            // ... and the money the plan itself states (resources.csv; every other line awaits data).
            var resources = Path.Combine(folderOfPlan, "resources.csv");
            if (File.Exists(resources))
            {
                var result = await new ResourceImporter(db, clock).ImportFileAsync(resources, new ResourceImportOptions { EnteredBy = "CouncilPlan default dataset" }, cancellationToken);
                if (!result.IsValid)
                {
                    throw new DataFileException(result.Errors.Select(e => new DataFileError(resources, (int)e.Row, 0, $"{e.Column}: {e.Reason}")).ToList());
                }
            }
        }
    }
}
