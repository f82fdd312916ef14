using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CouncilPlan.Core.Areas;

namespace CouncilPlan.Cli.Commands;

/// <summary>
/// `councilplan council new FOLDER`: the starting files for a council's own dataset (areas, a
/// minimal plan and an empty measure catalogue), valid as written, to be edited and then loaded
/// with Dataset:Folder or `db seed --folder`. See docs/start-your-own-council.md.
/// </summary>
public static partial class CouncilCommands
{
    public static Command Create(CliContext context)
    {
        var council = new Command("council", "Start a council's own dataset, instead of the bundled default one (see docs/start-your-own-council.md).");

        var folder = new Argument<DirectoryInfo>("FOLDER") { Description = "The folder to create: it must not exist yet, or be empty." };
        var name = new Option<string>("--name") { Description = "The council's name, as the plan names it (\"Test Valley Borough Council\").", Required = true };
        var area = new Option<string>("--area") { Description = "The council's ONS (GSS) code (E07000093).", Required = true };
        var id = new Option<string?>("--id") { Description = "The plan's id, a lower-case slug (default: from the name and period, such as test-valley-borough-2024-28)." };
        var period = new Option<string?>("--period") { Description = "The plan's period as it names it, such as 2024-28 (default: from --starts and --ends, or this financial year)." };
        var starts = new Option<string?>("--starts") { Description = "The day the plan starts, YYYY-MM-DD (default: 1 April of the period's first year)." };
        var ends = new Option<string?>("--ends") { Description = "The day the plan ends, YYYY-MM-DD (default: 31 March after the period's last year)." };
        var create = new Command("new", "Create FOLDER with areas.yaml and PLAN-ID/plan.yaml and measures.yaml: a minimal, valid starting set to edit.")
        {
            folder, name, area, id, period, starts, ends,
        };
        create.SetAction(async (parse, cancellationToken) =>
        {
            var target = parse.GetValue(folder)!;
            var start = StarterPlan.From(
                parse.GetValue(name)!, parse.GetValue(area)!, parse.GetValue(id), parse.GetValue(period), parse.GetValue(starts), parse.GetValue(ends), context.Clock);
            if (target.Exists && target.EnumerateFileSystemInfos().Any())
            {
                throw new InvalidOperationException($"{target.FullName} is not empty: choose a new folder, so that nothing of yours is overwritten.");
            }

            var planFolder = Path.Combine(target.FullName, start.Id);
            Directory.CreateDirectory(planFolder);
            await File.WriteAllTextAsync(Path.Combine(target.FullName, "areas.yaml"), start.AreasYaml(), cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(planFolder, "plan.yaml"), start.PlanYaml(), cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(planFolder, "measures.yaml"), start.MeasuresYaml(), cancellationToken);
            await context.Out.WriteLineAsync(start.NextSteps(target.FullName, target.ToString()));
            return ExitCodes.Success;
        });

        council.Subcommands.Add(create);
        return council;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Slug();

    [GeneratedRegex("^[EWSN][0-9]{8}$")]
    private static partial Regex GssCode();

    [GeneratedRegex("^([0-9]{4})-([0-9]{2})$")]
    private static partial Regex ShortPeriod();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotSlug();

    /// <summary>What the starting files say, checked before anything is written.</summary>
    private sealed record StarterPlan(string Name, string Area, string Id, string Period, DateOnly Starts, DateOnly Ends)
    {
        public static StarterPlan From(string name, string area, string? id, string? period, string? starts, string? ends, TimeProvider clock)
        {
            name = name.Trim();
            if (name.Length == 0)
            {
                throw new InvalidOperationException("--name is empty: give the council's name, such as \"Test Valley Borough Council\".");
            }

            area = area.Trim();
            if (!GssCode().IsMatch(area))
            {
                throw new InvalidOperationException($"--area '{area}' is not an ONS (GSS) code: write a letter and eight digits, such as E07000093.");
            }

            var startDay = Day("--starts", starts);
            var endDay = Day("--ends", ends);
            if (period is not null && ShortPeriod().Match(period.Trim()) is { Success: true } match)
            {
                // A period such as 2024-28 runs over financial years, from 1 April to 31 March.
                var first = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
                var last = (first / 100 * 100) + int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
                last += last <= first ? 100 : 0;
                startDay ??= new DateOnly(first, 4, 1);
                endDay ??= new DateOnly(last, 3, 31);
            }
            else if (period is null && startDay is null && endDay is null)
            {
                // No dates at all: this financial year, which the council can lengthen in the file.
                var today = CouncilPlan.Core.Dates.UkTime.Today(clock);
                var first = today.Month >= 4 ? today.Year : today.Year - 1;
                (startDay, endDay) = (new DateOnly(first, 4, 1), new DateOnly(first + 1, 3, 31));
            }

            if (startDay is null || endDay is null)
            {
                throw new InvalidOperationException("give --starts and --ends (YYYY-MM-DD), or a --period such as 2024-28 to run from 1 April 2024 to 31 March 2028.");
            }

            if (endDay <= startDay)
            {
                throw new InvalidOperationException($"--ends {endDay:yyyy-MM-dd} is not after --starts {startDay:yyyy-MM-dd}.");
            }

            period = period?.Trim() is { Length: > 0 } given ? given : $"{startDay.Value.Year}-{endDay.Value.Year % 100:00}";
            id = id?.Trim() ?? $"{NotSlug().Replace(WithoutCouncil(name).ToLowerInvariant(), "-").Trim('-')}-{NotSlug().Replace(period.ToLowerInvariant(), "-").Trim('-')}";
            if (!Slug().IsMatch(id))
            {
                throw new InvalidOperationException($"--id '{id}' is not a plan id: write lower-case letters, digits and single hyphens, such as test-valley-2024-28.");
            }

            return new StarterPlan(name, area, id, period, startDay.Value, endDay.Value);
        }

        public string AreasYaml() => $"""
            # The places the council's figures are published for, by their ONS (GSS) codes.
            # Format councilplan/areas@1: see docs/areas-file-format.md. Add England and the region
            # to compare with, and the council's wards in a ward set.
            format: councilplan/areas@1

            areas:
              - code: {Area}
                name: {Quote(WithoutCouncil(Name))}
                type: council{CouncilType()}

            """;

        // The kind of council its code says, stated so the file reads as the areas format asks.
        private string CouncilType() =>
            CouncilTypes.FromCode(Area) is { } type ? $"\n    council_type: {CouncilTypes.Name(type)}" : "";

        public string PlanYaml() => $"""
            # {Name}'s plan. Format councilplan/plan@1: see docs/plan-file-format.md.
            # Replace the placeholder priority and action with the plan's own, then check the file
            # with `councilplan plan validate plan.yaml`.
            format: councilplan/plan@1
            id: {Id}
            title: {Quote($"{Name} Plan {Period}")}
            period: {Quote(Period)}
            starts: {Starts:yyyy-MM-dd}
            ends: {Ends:yyyy-MM-dd}
            council:
              name: {Quote(Name)}
              area: {Area}
            levels:
              - key: priorities
                singular: priority
                plural: priorities
              - key: actions
                singular: action
                plural: actions
            priorities:
              - id: replace-this-priority
                title: Replace this with your first priority
                text: |
                  What the council wants to achieve.
                actions:
                  - id: replace-this-action
                    title: Replace this with a first action
                    due: {Starts.AddYears(1).AddDays(-1):yyyy-MM}
                impact_statements:
                  - id: replace-this-impact
                    text: What residents will see when it is working.

            """;

        // No placeholder measure: a loaded measure is never deleted, because figures refer to it.
        public string MeasuresYaml() => $"""
            # The measures that show whether the plan is working, with their sources and targets.
            # Format councilplan/measures@1: see docs/measures-file-format.md. Check it with
            # `councilplan measures validate measures.yaml --plan plan.yaml`.
            format: councilplan/measures@1
            plan: {Id}

            sources: []

            measures: []
            # For example:
            #  - code: P1-01
            #    title: Residents satisfied with their area
            #    definition: >-
            #      The percentage of residents surveyed who are satisfied with their area as a place to live.
            #    unit: percentage
            #    decimals: 0
            #    polarity: higher-is-better
            #    frequency: annual
            #    period_type: financial-year
            #    kind: performance
            #    evidences: [replace-this-priority]

            """;

        public string NextSteps(string fullPath, string asGiven)
        {
            var text = new StringBuilder();
            text.AppendLine(CultureInfo.InvariantCulture, $"Created {fullPath} for {Name}:");
            text.AppendLine("  areas.yaml");
            text.AppendLine(CultureInfo.InvariantCulture, $"  {Id}/plan.yaml");
            text.AppendLine(CultureInfo.InvariantCulture, $"  {Id}/measures.yaml");
            text.AppendLine();
            text.AppendLine("Next (docs/start-your-own-council.md):");
            text.AppendLine("  1. Edit areas.yaml and plan.yaml, then check them (no database needed):");
            text.AppendLine(CultureInfo.InvariantCulture, $"       councilplan plan validate {asGiven}/{Id}/plan.yaml");
            text.AppendLine(CultureInfo.InvariantCulture, $"       councilplan measures validate {asGiven}/{Id}/measures.yaml --plan {asGiven}/{Id}/plan.yaml");
            text.AppendLine("  2. Choose a new, empty database and this folder as its dataset, then start the web app:");
            text.AppendLine(CultureInfo.InvariantCulture, $"       export ConnectionStrings__CouncilPlan=\"Data Source=App_Data/{Id}.db\" Dataset__Folder={fullPath}");
            text.AppendLine("       dotnet run --project src/CouncilPlan.Web");
            text.AppendLine(CultureInfo.InvariantCulture, $"     (or load it with the command line: councilplan db seed --folder {fullPath})");
            text.Append("  3. In the same shell, add the first administrator: councilplan users add --email EMAIL --role Administrator");
            return text.ToString();
        }

        private static DateOnly? Day(string option, string? text)
        {
            if (text is null)
            {
                return null;
            }

            return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? day
                : throw new InvalidOperationException($"{option} '{text}' is not a date: write YYYY-MM-DD.");
        }

        private static string WithoutCouncil(string name) =>
            name.EndsWith(" Council", StringComparison.OrdinalIgnoreCase) ? name[..^" Council".Length].Trim() : name;

        // YAML's double-quoted form, so a name with a colon or a hash stays one string.
        private static string Quote(string text) =>
            "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }
}
