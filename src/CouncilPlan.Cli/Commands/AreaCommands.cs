using System.CommandLine;
using CouncilPlan.Core.Areas;

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

        areas.Subcommands.Add(import);
        return areas;
    }
}
