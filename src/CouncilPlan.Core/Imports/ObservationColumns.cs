namespace CouncilPlan.Core.Imports;

/// <summary>The columns of the observations CSV format (docs/observations-csv-format.md).</summary>
public static class ObservationColumns
{
    public const string Measure = "measure";
    public const string Period = "period";
    public const string Area = "area";
    public const string Breakdown = "breakdown";
    public const string Value = "value";
    public const string Numerator = "numerator";
    public const string Denominator = "denominator";
    public const string LowerCi = "lower_ci";
    public const string UpperCi = "upper_ci";
    public const string Status = "status";
    public const string QualityNote = "quality_note";
    public const string Published = "published";

    /// <summary>Every column, in the order exports write them.</summary>
    public static IReadOnlyList<string> All { get; } = [Measure, Period, Area, Breakdown, Value, Numerator, Denominator, LowerCi, UpperCi, Status, QualityNote, Published];

    /// <summary>The columns a file must have.</summary>
    public static IReadOnlyList<string> Required { get; } = [Measure, Period, Area, Value];
}
