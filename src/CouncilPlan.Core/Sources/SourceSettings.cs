using System.Globalization;
using CouncilPlan.Core.Data;
using Microsoft.Extensions.Configuration;

namespace CouncilPlan.Core.Sources;

/// <summary>
/// How sources are refreshed, from configuration (section <c>Sources</c>, docs/sources-file-format.md):
/// which sources files, how long to wait for a publisher, and the per-service base-URL overrides
/// (<c>Sources:BaseUrls:fingertips</c> ...) and <c>Sources:Recorded</c>, through which a test server
/// or the recorded responses beside the sources file stand in for the live services.
/// </summary>
public sealed record SourceSettings
{
    public const string Section = "Sources";

    public IReadOnlyList<string> Files { get; init; } = [];

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the web app refreshes every source; null for never.</summary>
    public TimeSpan? RefreshEvery { get; init; } = TimeSpan.FromDays(1);

    public IReadOnlyDictionary<SourceService, Uri> BaseUrls { get; init; } = new Dictionary<SourceService, Uri>();

    /// <summary>Read each series' recorded response instead of asking the service.</summary>
    public bool Recorded { get; init; }

    /// <summary>The largest response read, so a wrong address (a whole bulk download) cannot exhaust memory.</summary>
    public long MaxResponseBytes { get; init; } = 256L << 20;

    /// <summary>
    /// The settings: <c>Sources:File</c> names one sources file; without it, every sources.yaml under
    /// the dataset folder (<c>Dataset:Folder</c>, beside each plan's measures.yaml) is used.
    /// </summary>
    public static SourceSettings FromConfiguration(IConfiguration configuration, string workingDirectory)
    {
        var section = configuration.GetSection(Section);
        var files = section["File"] is { Length: > 0 } file
            ? [Path.GetFullPath(file, workingDirectory)]
            : DatasetSettings.Folder(configuration, workingDirectory) is { } folder && Directory.Exists(folder)
                ? Directory.EnumerateFiles(folder, "sources.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
                : [];
        var baseUrls = new Dictionary<SourceService, Uri>();
        foreach (var child in section.GetSection("BaseUrls").GetChildren())
        {
            if (!Enum.TryParse<SourceService>(child.Key, ignoreCase: true, out var service) || !Uri.TryCreate(child.Value, UriKind.Absolute, out var url))
            {
                throw new InvalidOperationException($"Sources:BaseUrls:{child.Key} = '{child.Value}': name a service (fingertips, nomis, ees, file) and give an absolute URL");
            }

            baseUrls[service] = url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
        }

        return new SourceSettings
        {
            Files = files,
            Timeout = section["TimeoutSeconds"] is { } seconds ? TimeSpan.FromSeconds(double.Parse(seconds, CultureInfo.InvariantCulture)) : TimeSpan.FromSeconds(60),
            RefreshEvery = section["RefreshEvery"] is { } every
                ? every.Trim().Equals("off", StringComparison.OrdinalIgnoreCase) ? null : TimeSpan.Parse(every, CultureInfo.InvariantCulture)
                : TimeSpan.FromDays(1),
            BaseUrls = baseUrls,
            Recorded = bool.TryParse(section["Recorded"], out var recorded) && recorded,
            MaxResponseBytes = section["MaxResponseMegabytes"] is { } megabytes ? long.Parse(megabytes, CultureInfo.InvariantCulture) << 20 : 256L << 20,
        };
    }

    /// <summary>Every sources file's definitions; a file with problems stops them all (with every problem named).</summary>
    public IReadOnlyList<SourceDefinition> ReadSources() => Files.SelectMany(f => SourceFileReader.ReadFile(f).Sources).ToList();
}
