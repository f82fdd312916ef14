namespace CouncilPlan.Web.Pages.Staff;

/// <summary>One form field for the _Field partial.</summary>
public sealed record FieldModel(string Name, string Label, string? Value, string? Hint = null, bool Multiline = false, string WidthClass = "govuk-input--width-20", string? InputMode = null, string? LabelClass = null);
