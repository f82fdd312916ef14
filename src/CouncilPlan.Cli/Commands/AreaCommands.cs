using System.CommandLine;
using CouncilPlan.Core.Areas;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Cli.Commands;

/// <summary>`councilplan areas import FILE`.</summary>
public static class AreaCommands
{
    public static Command Create(CliContext context)
    {
        var areas = new Command("areas", "Areas figures are published for: the council, its wards, neighbours and comparator groups.");

        var importFile = new Argument<FileInfo>("FILE") { Description = "An areas file (format councilplan/areas@1), for example data/areas.yaml." };
        var import = new Command("import", "Check an areas file and load it: new areas are added and changed ones updated.") { importFile };
        import.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(importFile)!;
            await using var db = await context.OpenDatabaseAsync(cancellationToken);
            var result = await new AreaImporter(db, context.Clock).ImportFileAsync(file.FullName, cancellationToken);
            await context.Out.WriteLineAsync($"{file.Name}: {result.Added} added, {result.Changed} changed.");
            return ExitCodes.Success;
        });

        var boundaryFile = new Argument<FileInfo>("FILE") { Description = "A GeoJSON FeatureCollection of Polygon or MultiPolygon features, each with the area's ONS code in a property (area_code, code, WD23CD ...)." };
        var attribution = new Option<string?>("--attribution") { Description = $"The attribution the boundaries' licence requires, shown with every map (default: \"{BoundaryImporter.OrdnanceSurveyAttribution}\")." };
        var skipUnknown = new Option<bool>("--skip-unknown") { Description = "Leave out features for areas CouncilPlan does not hold (for example other councils' wards), instead of refusing the file." };
        var importBoundaries = new Command("import-boundaries", "Load the council's own area boundaries so the site can draw real maps; all or nothing.") { boundaryFile, attribution, skipUnknown };
        importBoundaries.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(boundaryFile)!;
            await using var db = await context.OpenDatabaseAsync(cancellationToken);
            var result = await new BoundaryImporter(db, context.Clock).ImportFileAsync(file.FullName, parse.GetValue(attribution), parse.GetValue(skipUnknown), cancellationToken);
            await context.Out.WriteLineAsync($"{file.Name}: boundaries loaded for {result.Loaded} areas{(result.Skipped.Count > 0 ? $"; {result.Skipped.Count} features for other areas left out" : "")}.");
            return ExitCodes.Success;
        });

        var wardSet = new Option<string>("--ward-set") { Description = "The ward set to lay out, for example northdale-2023 (its id in the areas file).", Required = true };
        var hexLayout = new Command("hex-layout", "Compute a hex-map layout for a ward set from its wards' centroids and print it as lines for the areas file (hex: [column, row]).") { wardSet };
        hexLayout.SetAction(async (parse, cancellationToken) =>
        {
            var set = parse.GetValue(wardSet)!;
            await using var db = await context.OpenDatabaseAsync(cancellationToken);
            var wards = await db.Areas.Where(a => a.WardSetId == set && a.Latitude != null && a.Longitude != null)
                .OrderBy(a => a.Code).Select(a => new { a.Code, a.Name, a.Latitude, a.Longitude }).ToListAsync(cancellationToken);
            if (wards.Count == 0)
            {
                throw new InvalidOperationException($"No wards with centroids in ward set '{set}'.");
            }

            var layout = HexLayout.Compute(wards.Select(w => (w.Code, w.Latitude!.Value, w.Longitude!.Value)).ToList());
            foreach (var ward in wards)
            {
                var cell = layout[ward.Code];
                await context.Out.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{ward.Code}: hex: [{cell.Column}, {cell.Row}]  # {ward.Name}"));
            }

            return ExitCodes.Success;
        });

        areas.Subcommands.Add(import);
        areas.Subcommands.Add(importBoundaries);
        areas.Subcommands.Add(hexLayout);
        return areas;
    }
}
