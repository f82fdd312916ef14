namespace CouncilPlan.Core.DataFiles;

/// <summary>One problem in a data file, at the place a person would look for it.</summary>
public sealed record DataFileError(string File, int Line, int Column, string Message)
{
    public override string ToString() =>
        Line > 0 ? $"{File}:{Line}:{Column}: {Message}" : $"{File}: {Message}";
}

/// <summary>A data file that cannot be loaded, with every problem found in it.</summary>
public sealed class DataFileException : Exception
{
    public DataFileException(IReadOnlyList<DataFileError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    public DataFileException()
        : this([])
    {
    }

    public DataFileException(string message)
        : base(message)
    {
        Errors = [new DataFileError("", 0, 0, message)];
    }

    public DataFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new DataFileError("", 0, 0, message)];
    }

    public IReadOnlyList<DataFileError> Errors { get; } = [];

    private static string Describe(IReadOnlyList<DataFileError> errors) =>
        errors.Count == 1
            ? errors[0].ToString()
            : $"{errors.Count} problems:{Environment.NewLine}" + string.Join(Environment.NewLine, errors);
}
