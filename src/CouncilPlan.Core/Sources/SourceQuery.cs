using System.Text;

namespace CouncilPlan.Core.Sources;

internal static class SourceQuery
{
    /// <summary>A query string, each value escaped; Nomis's commas and ranges ("2092957699,1811939363", "latestMINUS4-latest") survive escaping.</summary>
    public static string Build(IEnumerable<(string Name, string Value)> pairs)
    {
        var query = new StringBuilder();
        foreach (var (name, value) in pairs)
        {
            query.Append(query.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return query.ToString();
    }
}
