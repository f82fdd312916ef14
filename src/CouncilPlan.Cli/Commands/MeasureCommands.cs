using System.CommandLine;
using CouncilPlan.Core.Measures;

namespace CouncilPlan.Cli.Commands;

/// <summary>`councilplan measures validate FILE [--plan FILE [--areas FILE]]` and `councilplan measures import FILE`.</summary>
public static class MeasureCommands
{
    public static Command Create(CliContext context)
    {
        var measures = new Command("measures", "The measure catalogue: sources, breakdowns, comparator groups and measures (format councilplan/measures@1, see docs/measures-file-format.md).");

        var validateFile = new Argument<FileInfo>("FILE") { Description = "The catalogue file to check against the plan and areas." };
        var planOption = new Option<FileInfo>("--plan") { Description = "The plan file the catalogue belongs to: check against it with no database. Without it, the catalogue is checked against the plan and areas loaded in the database." };
        var areasOption = new Option<FileInfo>("--areas") { Description = "With --plan, the areas file (default: areas.yaml in the folder above the plan's, when there is one)." };
        var validate = new Command("validate", "Check a measure catalogue and report every problem with its line; changes nothing. With --plan it needs no database.") { validateFile, planOption, areasOption };
        validate.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(validateFile)!;
            var document = MeasureFileReader.ReadFile(file.FullName, await ContextAsync(parse.GetValue(planOption), parse.GetValue(areasOption), file, cancellationToken));
            await context.Out.WriteLineAsync($"{file.Name}: valid. {document.Measures.Count} measures from {document.Sources.Count} sources for plan '{document.PlanId}'.");
            return ExitCodes.Success;
        });

        var importFile = new Argument<FileInfo>("FILE") { Description = "The catalogue file to load." };
        var import = new Command("import", "Check a measure catalogue and load it, all or nothing. Loading the same file again changes nothing.") { importFile };
        import.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(importFile)!;
            await using var db = await context.OpenDatabaseAsync(cancellationToken);
            var result = await new MeasureCatalogueImporter(db, context.Clock).ImportFileAsync(file.FullName, cancellationToken);
            await context.Out.WriteLineAsync(result.Changed
                ? $"{file.Name}: {result.MeasuresAdded} measures added, {result.MeasuresChanged} changed, {result.OtherChanges} other changes."
                : $"{file.Name}: the catalogue is already loaded; nothing changed.");
            return ExitCodes.Success;
        });

        measures.Subcommands.Add(validate);
        measures.Subcommands.Add(import);
        return measures;

        // Files given on the command line need no database; otherwise the loaded plan is the reference.
        async Task<CatalogueContext> ContextAsync(FileInfo? plan, FileInfo? areas, FileInfo file, CancellationToken cancellationToken)
        {
            if (plan is not null)
            {
                return CatalogueFiles.Context(file.FullName, plan.FullName, areas?.FullName ?? CatalogueFiles.AreasBeside(plan.FullName));
            }

            if (areas is not null)
            {
                throw new InvalidOperationException("--areas is used with --plan: give the plan file too, or leave both out to check against the database.");
            }

            await using var db = await context.OpenDatabaseAsync(cancellationToken);
            return await new MeasureCatalogueImporter(db, context.Clock).ContextAsync(file.FullName, cancellationToken);
        }
    }
}
