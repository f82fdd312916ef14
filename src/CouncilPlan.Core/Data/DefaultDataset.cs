using CouncilPlan.Core.Areas;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Plans;
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
            var catalogue = Path.Combine(Path.GetDirectoryName(file)!, "measures.yaml");
            if (File.Exists(catalogue))
            {
                await new MeasureCatalogueImporter(db, clock).ImportFileAsync(catalogue, cancellationToken);
            }
        }
    }
}
