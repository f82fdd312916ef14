using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CouncilPlan.Browser.Tests;

/// <summary>One rule that failed on a page, with the elements it failed on.</summary>
public sealed record AxeViolation(string Id, string? Impact, string Help, string HelpUrl, IReadOnlyList<string> Tags, IReadOnlyList<AxeNode> Nodes);

/// <summary>An element a rule failed on: its CSS selector, its HTML and why it failed.</summary>
public sealed record AxeNode(string Target, string Html, IReadOnlyList<string> Messages);

/// <summary>
/// axe-core with the WCAG 2.0, 2.1 and 2.2 A and AA rules, reporting in words a person can act on.
/// </summary>
/// <remarks>
/// Deque.AxeCore.Playwright's <c>page.RunAxe()</c> finishes every run in a new blank page, which costs
/// over a second a page: across the ~90 pages of the sitemap that is minutes on a two-core CI machine.
/// For a page without frames this runs the same axe-core (the copy that Deque.AxeCore.Commons ships)
/// with <c>axe.run</c> in the page itself, in a tenth of the time; a page with frames goes through
/// <c>page.RunAxe()</c>. <see cref="OfficialViolationsAsync"/> is kept for the test that checks the two agree.
/// </remarks>
public static class Axe
{
    /// <summary>The rule sets the council promises in its accessibility statement: WCAG 2.2 AA and everything below it.</summary>
    public static readonly IReadOnlyList<string> WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    private const string AxeResource = "Deque.AxeCore.Commons.Resources.axe.min.js";

    private static readonly Lazy<string> Source = new(ReadSource);

    private static readonly AxeRunOptions Options = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] },
        ResultTypes = [ResultType.Violations],
    };

    private const string RunScript = """
        async (tags) => {
          const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
          return result.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, tags: v.tags,
            nodes: v.nodes.map(n => ({
              target: n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : t).join(' '),
              html: n.html,
              messages: [...n.any, ...n.all, ...n.none].map(c => c.message),
            })),
          }));
        }
        """;

    /// <summary>Loads axe-core into every page the context opens from now on, before the page's own scripts.</summary>
    public static Task PreloadAsync(IBrowserContext context) => context.AddInitScriptAsync(Source.Value);

    /// <summary>Runs axe on the page as it is now; each violation is described for the failure message.</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page, string path) =>
        (await RunAsync(page)).Select(v => Describe(path, v)).ToList();

    /// <summary>Runs axe on the page as it is now.</summary>
    public static async Task<IReadOnlyList<AxeViolation>> RunAsync(IPage page)
    {
        if (await page.EvaluateAsync<bool>("() => document.querySelector('iframe, frame') !== null"))
        {
            return await OfficialViolationsAsync(page);
        }

        if (!await page.EvaluateAsync<bool>("() => typeof window.axe?.run === 'function'"))
        {
            await page.EvaluateAsync(Source.Value);
        }

        return await page.EvaluateJsonAsync<List<AxeViolation>>(RunScript, WcagTags);
    }

    /// <summary>The same rules through Deque.AxeCore.Playwright's own <c>page.RunAxe()</c>.</summary>
    public static async Task<IReadOnlyList<AxeViolation>> OfficialViolationsAsync(IPage page)
    {
        var result = await page.RunAxe(Options);
        return result.Violations
            .Select(v => new AxeViolation(
                v.Id,
                v.Impact,
                v.Help,
                v.HelpUrl,
                v.Tags,
                v.Nodes.Select(n => new AxeNode(
                    n.Target.ToString(),
                    n.Html,
                    n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message).ToList())).ToList()))
            .ToList();
    }

    public static string Describe(string path, AxeViolation violation)
    {
        var text = new StringBuilder();
        text.Append(path).Append(": ").Append(violation.Id).Append(" (").Append(violation.Impact).Append(") ")
            .Append(violation.Help).Append(" [").Append(string.Join(", ", violation.Tags.Where(t => t.StartsWith("wcag", StringComparison.Ordinal))))
            .Append("] ").Append(violation.HelpUrl);
        foreach (var node in violation.Nodes)
        {
            text.AppendLine().Append("    ").Append(node.Target).Append("  ").Append(Shorten(node.Html));
            var messages = node.Messages.Where(m => !string.IsNullOrWhiteSpace(m)).Distinct().ToList();
            if (messages.Count > 0)
            {
                text.AppendLine().Append("      ").Append(string.Join("; ", messages).ReplaceLineEndings(" "));
            }
        }

        return text.ToString();
    }

    private static string Shorten(string html)
    {
        var oneLine = string.Join(' ', html.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= 200 ? oneLine : oneLine[..200] + "…";
    }

    private static string ReadSource()
    {
        using var stream = typeof(AxeResult).Assembly.GetManifestResourceStream(AxeResource)
            ?? throw new InvalidOperationException($"Deque.AxeCore.Commons no longer ships {AxeResource}: run axe through page.RunAxe() (Axe.OfficialViolationsAsync) instead.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
