namespace CouncilPlan.Web.Pages.Staff.Account;

/// <summary>One text, email, password or code input in the design system's pattern: label, hint, error message.</summary>
public sealed record Field(string Id, string Name, string Label, string? Error)
{
    public string Type { get; init; } = "text";

    public string? Hint { get; init; }

    public string? Value { get; init; }

    public string? Autocomplete { get; init; }

    public string? InputMode { get; init; }

    public string? Width { get; init; }

    public bool Password => Type == "password";

    public string? DescribedBy => string.Join(' ', new[] { Hint is null ? null : Id + "-hint", Error is null ? null : Id + "-error" }.Where(s => s is not null)) is { Length: > 0 } ids ? ids : null;
}
