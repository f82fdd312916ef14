using CouncilPlan.Core.Imports;

namespace CouncilPlan.Core.Sources;

/// <summary>The roles a publisher's column can play, as a series' <c>columns</c> names them: the observations format's column names, with a half-width and a note of the publisher's.</summary>
public static class SourceColumns
{
    public const string Period = ObservationColumns.Period;
    public const string Area = ObservationColumns.Area;
    public const string Breakdown = ObservationColumns.Breakdown;
    public const string Value = ObservationColumns.Value;
    public const string Numerator = ObservationColumns.Numerator;
    public const string Denominator = ObservationColumns.Denominator;
    public const string LowerCi = ObservationColumns.LowerCi;
    public const string UpperCi = ObservationColumns.UpperCi;

    /// <summary>A half-width: the interval is value ± this (Nomis's "Confidence" for the Annual Population Survey).</summary>
    public const string Confidence = "confidence";
    public const string Note = "note";
    public const string Status = ObservationColumns.Status;

    public static IReadOnlyList<string> Roles { get; } = [Period, Area, Breakdown, Value, Numerator, Denominator, LowerCi, UpperCi, Confidence, Note, Status];

    public static IReadOnlyList<string> PivotRoles { get; } = [Value, Numerator, Denominator, Confidence];

    /// <summary>The <c>derive</c> of a series whose publisher gives the counts and not the percentage.</summary>
    public const string DerivePercentage = "percentage";

    /// <summary>The <c>calendar_year</c> of a DfE series whose "Calendar year" Y is the academic year (Y-1)/Y.</summary>
    public const string AcademicYearEnding = "academic-year-ending";
}

/// <summary>One figure as a connector read it, before it becomes a row of the observations format.</summary>
/// <param name="Origin">Where it came from, for errors: "line 12 of https://...".</param>
public sealed record SourceRow(
    string Period,
    string Area,
    string Breakdown,
    double Value,
    double? Numerator,
    double? Denominator,
    double? LowerCi,
    double? UpperCi,
    string? Status,
    string? Note,
    string Origin);

/// <summary>A refresh that cannot go ahead: the message names the source, the address and what is wrong.</summary>
public sealed class SourceRefreshException : Exception
{
    public SourceRefreshException()
    {
    }

    public SourceRefreshException(string message)
        : base(message)
    {
    }

    public SourceRefreshException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
