using Microsoft.Extensions.Configuration;

namespace CouncilPlan.Core.Data;

/// <summary>
/// Which dataset an empty database is given, for the web app and <c>councilplan db seed</c> alike:
/// <c>Dataset:Folder</c> (environment variable <c>Dataset__Folder</c>), a folder holding areas.yaml
/// and one folder per plan. Unset, it is the bundled default dataset (data/), so a fresh clone shows a
/// real plan; empty or <c>none</c>, nothing is loaded, for a council starting its own.
/// </summary>
public static class DatasetSettings
{
    public const string FolderKey = "Dataset:Folder";

    /// <summary>The folder to load into an empty database, or null when nothing is to be loaded.</summary>
    public static string? Folder(IConfiguration configuration, string workingDirectory) =>
        Resolve(configuration[FolderKey], workingDirectory);

    /// <summary>A setting's value as a full path (relative ones against <paramref name="workingDirectory"/>), or null for none.</summary>
    public static string? Resolve(string? setting, string workingDirectory)
    {
        if (setting is null)
        {
            return DefaultDataset.DefaultFolder;
        }

        var value = setting.Trim();
        return value.Length == 0 || value.Equals("none", StringComparison.OrdinalIgnoreCase)
            ? null
            : Path.GetFullPath(value, workingDirectory);
    }
}
