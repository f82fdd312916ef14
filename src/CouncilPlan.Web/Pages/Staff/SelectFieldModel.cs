namespace CouncilPlan.Web.Pages.Staff;

/// <summary>One choice in a select.</summary>
public sealed record SelectOption(string Value, string Text);

/// <summary>One select for the _SelectField partial; the first option is usually "None".</summary>
public sealed record SelectFieldModel(string Name, string Label, string? Value, IReadOnlyList<SelectOption> Options, string? Hint = null);
