using System.CommandLine;
using System.CommandLine.Help;
using CouncilPlan.Cli.Commands;
using CouncilPlan.Core.Validation;

namespace CouncilPlan.Cli;

/// <summary>`councilplan`: the same jobs as the web app, in bulk, for scripts and analysts.</summary>
public static class CommandLine
{
    public static async Task<int> RunAsync(string[] args, CliContext context)
    {
        // A named root rather than RootCommand, so help reads "councilplan ..." however it is started.
        var root = new Command("councilplan", "CouncilPlan: run a council's plan in the open. The database is chosen by Database__Provider (Sqlite or Postgres) and ConnectionStrings__CouncilPlan.")
        {
            new HelpOption(),
            new VersionOption(),
            PlanCommands.Create(context),
            AreaCommands.Create(context),
            MeasureCommands.Create(context),
            DbCommands.Create(context),
            DataCommands.Create(context),
            SourceCommands.Create(context),
            UserCommands.Create(context),
            OwnerCommands.Create(context),
            CouncilCommands.Create(context),
            ReminderCommands.Create(context),
        };

        foreach (var command in StatisticsCommands.Create(context))
        {
            root.Subcommands.Add(command);
        }

        ReportCommands.AddTo(root, context);

        var parse = root.Parse(args);
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = false });
        }
        catch (InvalidInputException e)
        {
            await WriteErrorsAsync(context, e);
            return ExitCodes.Invalid;
        }
        catch (InvalidOperationException e)
        {
            await context.Error.WriteLineAsync("error: " + e.Message);
            return ExitCodes.Invalid;
        }
    }

    public static async Task WriteErrorsAsync(CliContext context, InvalidInputException e)
    {
        // A file's problems name their place; a request's (a form's fields, from the options) only say what is wrong.
        var inFiles = e.Errors.Any(error => error.File.Length > 0);
        foreach (var error in e.Errors)
        {
            await context.Error.WriteLineAsync(inFiles ? error.ToString() : "error: " + error.Message);
        }

        if (inFiles)
        {
            await context.Error.WriteLineAsync(e.Errors.Count == 1 ? "1 problem found; nothing was loaded." : $"{e.Errors.Count} problems found; nothing was loaded.");
        }
    }
}
