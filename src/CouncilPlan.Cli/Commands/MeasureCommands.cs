using System.CommandLine;
using CouncilPlan.Core.Measures;

namespace CouncilPlan.Cli.Commands;

/// <summary>`councilplan measures validate FILE` and `councilplan measures import FILE`.</summary>
public static class MeasureCommands
{
    public static Command Create(CliContext context)
    {
        var measures = new Command("measures", "The measure catalogue: sources, breakdowns, comparator groups and measures (format councilplan/measures@1, see docs/measures-file-format.md).");

        var validateFile = new Argument<FileInfo>("FILE") { Description = "The catalogue file to check against the loaded plan and areas." };
        var validate = new Command("validate", "Check a measure catalogue and report every problem with its line; changes nothing.") { validateFile };
        validate.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(validateFile)!;
            await using var db = await context.OpenDatabaseAsync(cancellationToken);
            var importer = new MeasureCatalogueImporter(db, context.Clock);
            var document = MeasureFileReader.ReadFile(file.FullName, await importer.ContextAsync(file.FullName, cancellationToken));
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
    }
}
