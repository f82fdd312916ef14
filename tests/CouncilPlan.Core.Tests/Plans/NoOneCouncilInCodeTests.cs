using System.Text.RegularExpressions;
using CouncilPlan.Testing;

namespace CouncilPlan.Core.Tests.Plans;

/// <summary>
/// The product is for any council: no page, report, message or comment in the code names the
/// default dataset's council, its places or its plan. Those live in data/ only.
/// </summary>
public sealed class NoOneCouncilInCodeTests
{
    private static readonly Regex AnyWord = new(
        $@"\b({string.Join('|', StockportWords.Only.Select(Regex.Escape))})\b",
        RegexOptions.IgnoreCase | RegexOptions.Compiled);

    private static readonly string[] Extensions = [".cs", ".cshtml", ".razor", ".js", ".mjs", ".css", ".json", ".csproj", ".targets", ".props"];

    [Fact]
    public void SourceCode_NamesNoWordOfTheDefaultCouncil()
    {
        var source = Path.Combine(RepositoryFiles.Root, "src");
        var found = new List<string>();
        foreach (var file in CodeFiles(source))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                found.AddRange(AnyWord.Matches(lines[i]).Select(match => $"{Path.GetRelativePath(RepositoryFiles.Root, file)}:{i + 1}: '{match.Value}'"));
            }
        }

        Assert.True(found.Count == 0, "The code names the default dataset's council:\n" + string.Join('\n', found));
    }

    [Fact]
    public void TheCheck_FindsAWordOfTheDefaultCouncil()
    {
        // The scan above would pass on nothing at all: it must find the words where they belong.
        var plan = File.ReadAllText(RepositoryFiles.StockportPlan);

        Assert.Matches(AnyWord, plan);
        Assert.Contains(CodeFiles(Path.Combine(RepositoryFiles.Root, "src")), f => f.EndsWith(".cshtml", StringComparison.Ordinal));
    }

    /// <summary>The code under a folder, without build output, installed packages or generated migrations.</summary>
    private static IEnumerable<string> CodeFiles(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder).Where(f => Extensions.Contains(Path.GetExtension(f))))
        {
            yield return file;
        }

        foreach (var child in Directory.EnumerateDirectories(folder).Where(d => Path.GetFileName(d) is not ("bin" or "obj" or "node_modules" or "Migrations" or "lib")))
        {
            foreach (var file in CodeFiles(child))
            {
                yield return file;
            }
        }
    }
}
