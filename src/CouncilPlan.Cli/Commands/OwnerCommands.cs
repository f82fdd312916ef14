using System.CommandLine;
using System.Globalization;
using CouncilPlan.Core.Audit;
using CouncilPlan.Core.Updates;
using CouncilPlan.Core.Users;

namespace CouncilPlan.Cli.Commands;

/// <summary>`councilplan owners import FILE`: which service owns each measure and commitment, and who is named, in bulk.</summary>
public static class OwnerCommands
{
    public static Command Create(CliContext context)
    {
        var owners = new Command("owners", "Which service owns each measure and commitment, and who within it is named owner (format: docs/owners-csv-format.md).");
        var file = new Argument<FileInfo>("FILE") { Description = "An owners CSV file (UTF-8, comma-separated, with the header reference,service,owner)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the whole file and say what would change; change nothing." };
        var import = new Command("import", "Check an owners file and apply it, all or nothing: each measure or commitment in the file gets exactly the owners its rows give; the others keep theirs.") { file, dryRun };
        import.SetAction(async (parse, cancellationToken) =>
        {
            var csv = parse.GetValue(file)!;
            if (!csv.Exists)
            {
                await context.Error.WriteLineAsync($"{csv}: the file does not exist");
                return ExitCodes.Invalid;
            }

            await using var db = await context.OpenDatabaseAsync(cancellationToken);
            db.Actor = AuditActor.CommandLine();

            // Whoever can run the command line holds the database: they act as the performance team.
            var officer = new Officer("command-line", db.Actor.Who, db.Actor.Who, new HashSet<string> { Roles.PerformanceTeam }, null, null);
            await using var stream = csv.OpenRead();
            var result = await new Owners(db).ImportAsync(officer, stream, parse.GetValue(dryRun), cancellationToken: cancellationToken);
            if (!result.IsValid)
            {
                foreach (var error in result.Errors)
                {
                    await context.Error.WriteLineAsync(error.In(csv.ToString()).ToString());
                }

                if (result.ErrorsNotListed > 0)
                {
                    await context.Error.WriteLineAsync($"... and {result.ErrorsNotListed.ToString("N0", CultureInfo.InvariantCulture)} more.");
                }

                await context.Error.WriteLineAsync(result.ErrorCount == 1 ? "1 problem found; nothing was changed." : $"{result.ErrorCount.ToString("N0", CultureInfo.InvariantCulture)} problems found; nothing was changed.");
                return ExitCodes.Invalid;
            }

            var items = result.Changed + result.Unchanged == 1 ? "1 measure or commitment" : $"{result.Changed + result.Unchanged} measures and commitments";
            await context.Out.WriteLineAsync(result.DryRun
                ? $"{csv.Name}: dry run, nothing was changed. {items} checked: {result.Changed} would change, {result.Unchanged} unchanged."
                : result.Changed == 0
                    ? $"{csv.Name}: {items} read; every one already has these owners, nothing changed."
                    : $"{csv.Name}: {items} read: {result.Changed} changed, {result.Unchanged} unchanged.");
            return ExitCodes.Success;
        });
        owners.Subcommands.Add(import);
        return owners;
    }
}
