namespace CouncilPlan.Testing;

/// <summary>Files of this repository that tests read: the default dataset, never ../shared.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Data => Path.Combine(Root, "data");

    public static string StockportPlan => Path.Combine(Data, "stockport-2023-24", "plan.yaml");

    public static string Areas => Path.Combine(Data, "areas.yaml");

    /// <summary>An invented district council's dataset of a different shape: two levels, annual reporting, no portfolios.</summary>
    public static string Eastmoor => Path.Combine(Root, "tests", "data", "eastmoor");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CouncilPlan.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (CouncilPlan.slnx) was not found above " + AppContext.BaseDirectory);
    }
}
