using System.CommandLine;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Plans;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Cli.Commands;

/// <summary>`councilplan plan validate FILE [--areas FILE]` and `councilplan plan import FILE`.</summary>
public static class PlanCommands
{
    public static Command Create(CliContext context)
    {
        var plan = new Command("plan", "Check and load plan files (format councilplan/plan@1, see docs/plan-file-format.md).");

        var validateFile = new Argument<FileInfo>("FILE") { Description = "The plan file to check." };
        var areasOption = new Option<FileInfo>("--areas") { Description = "The areas file the council's area must be in (default: areas.yaml in the folder above the plan's, when there is one)." };
        var validate = new Command("validate", "Check a plan file and report every problem with its line; needs no database and changes nothing.") { validateFile, areasOption };
        validate.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(validateFile)!;
            var areas = parse.GetValue(areasOption)?.FullName ?? CatalogueFiles.AreasBeside(file.FullName);
            var document = PlanFileReader.ReadFile(file.FullName, CatalogueFiles.AreaCodes(areas));
            await context.Out.WriteLineAsync($"{file.Name}: valid. Plan '{document.Plan.Id}' ({document.Plan.Title}, {document.Plan.Period}) with {document.Elements.Count} elements.");
            return ExitCodes.Success;
        });

        var importFile = new Argument<FileInfo>("FILE") { Description = "The plan file to load." };
        var import = new Command("import", "Check a plan file and load it into the database, all or nothing. Loading the same file again changes nothing.") { importFile };
        import.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(importFile)!;
            await using var db = await context.OpenDatabaseAsync(cancellationToken);
            var result = await new PlanImporter(db, context.Clock).ImportFileAsync(file.FullName, cancellationToken);
            var summary = result.Outcome switch
            {
                ImportOutcome.Created => $"loaded plan '{result.PlanId}' with {result.ElementsAdded} elements.",
                ImportOutcome.Updated => $"updated plan '{result.PlanId}': {result.ElementsAdded} elements added, {result.ElementsChanged} changed, {result.ElementsRemoved} removed.",
                _ => $"plan '{result.PlanId}' is already loaded from this file; nothing changed.",
            };
            await context.Out.WriteLineAsync($"{file.Name}: {summary}");
            return ExitCodes.Success;
        });

        plan.Subcommands.Add(validate);
        plan.Subcommands.Add(import);
        return plan;
    }
}
