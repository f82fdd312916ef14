using System.Globalization;
using System.Text;
using CouncilPlan.Core.Exports;
using CouncilPlan.Core.Measures;

using CouncilPlan.Core.Validation;

namespace CouncilPlan.Core.Imports;

/// <summary>One checked row, ready for the database. Holds no per-row allocation except a quality note.</summary>
internal struct StagedRow
{
    public long Line;
    public int MeasureId;
    public PeriodInfo Period;
    public AreaInfo Area;
    public int BreakdownId;
    public double Value;
    public double? Numerator;
    public double? Denominator;
    public double? LowerCi;
    public double? UpperCi;
    public int Status;
    public string? QualityNote;
    public bool Published;
}

/// <summary>
/// Reads the header and checks each row of an observations file against the format and the
/// catalogue, turning it into a <see cref="StagedRow"/> or into errors naming the row and column.
/// Repeated keys are not its business: the database finds those.
/// </summary>
internal sealed class ObservationRowReader
{
    private const int Missing = -1;

    private readonly CsvRecordReader csv;
    private readonly ImportCatalogue catalogue;
    private readonly InputErrors errors;
    private readonly string[] headerNames;
    private readonly int measure;
    private readonly int period;
    private readonly int area;
    private readonly int breakdown;
    private readonly int value;
    private readonly int numerator;
    private readonly int denominator;
    private readonly int lowerCi;
    private readonly int upperCi;
    private readonly int status;
    private readonly int qualityNote;
    private readonly int published;
    private char[] chars = new char[256];
    private bool publish;

    private ObservationRowReader(CsvRecordReader csv, ImportCatalogue catalogue, InputErrors errors, string[] headerNames)
    {
        this.csv = csv;
        this.catalogue = catalogue;
        this.errors = errors;
        this.headerNames = headerNames;
        measure = Array.IndexOf(headerNames, ObservationColumns.Measure);
        period = Array.IndexOf(headerNames, ObservationColumns.Period);
        area = Array.IndexOf(headerNames, ObservationColumns.Area);
        breakdown = Array.IndexOf(headerNames, ObservationColumns.Breakdown);
        value = Array.IndexOf(headerNames, ObservationColumns.Value);
        numerator = Array.IndexOf(headerNames, ObservationColumns.Numerator);
        denominator = Array.IndexOf(headerNames, ObservationColumns.Denominator);
        lowerCi = Array.IndexOf(headerNames, ObservationColumns.LowerCi);
        upperCi = Array.IndexOf(headerNames, ObservationColumns.UpperCi);
        status = Array.IndexOf(headerNames, ObservationColumns.Status);
        qualityNote = Array.IndexOf(headerNames, ObservationColumns.QualityNote);
        published = Array.IndexOf(headerNames, ObservationColumns.Published);
    }

    /// <summary>Data rows read so far (blank lines are not rows).</summary>
    public long RowsRead { get; private set; }

    public long BytesRead => csv.BytesRead;

    /// <summary>Reads and checks the header; null (with the errors added) when the rows cannot be read.</summary>
    /// <param name="publish">Whether the person importing asked to publish (<see cref="ObservationImportOptions.Publish"/>): only then may a row say published.</param>
    public static ObservationRowReader? Open(CsvRecordReader csv, ImportCatalogue catalogue, InputErrors errors, bool publish) =>
        CsvHeader.Read(csv, ObservationColumns.All, ObservationColumns.Required, errors) is { } names
            ? new ObservationRowReader(csv, catalogue, errors, names) { publish = publish }
            : null;

    /// <summary>Reads the next data row. Returns false at the end of the file; otherwise true, with
    /// <paramref name="valid"/> telling whether <paramref name="row"/> was filled or errors were added.</summary>
    public bool ReadRow(ref StagedRow row, out bool valid)
    {
        valid = false;
        while (csv.Read())
        {
            if (csv.IsBlank && csv.RecordError is null)
            {
                continue;
            }

            RowsRead++;
            valid = Check(ref row);
            return true;
        }

        return false;
    }

    private bool Check(ref StagedRow row)
    {
        var line = csv.Line;
        if (csv.RecordError is { } shape)
        {
            var field = csv.RecordErrorField;
            errors.Add(line, field >= 0 && field < headerNames.Length ? headerNames[field] : "", shape);
            return false;
        }

        if (csv.FieldCount != headerNames.Length)
        {
            errors.Add(line, "", $"this row has {csv.FieldCount} {(csv.FieldCount == 1 ? "field" : "fields")} but the header has {headerNames.Length}: is a comma missing, or one too many, or a quote not closed?");
            return false;
        }

        var before = errors.Count;
        row.Line = line;

        var measureText = Text(measure);
        var measureInfo = measureText.Length == 0 ? null : catalogue.FindMeasure(measureText);
        if (measureText.Length == 0)
        {
            errors.Add(line, ObservationColumns.Measure, "the measure is missing: give the measure's code from the catalogue, for example A1-03");
        }
        else if (measureInfo is null)
        {
            errors.Add(line, ObservationColumns.Measure, $"unknown measure '{measureText}': no measure in the catalogue has this code (load the measures file first)");
        }
        else
        {
            row.MeasureId = measureInfo.Id;
        }

        var periodText = Text(period);
        if (periodText.Length == 0)
        {
            errors.Add(line, ObservationColumns.Period, "the period is missing");
        }
        else if (measureInfo is not null)
        {
            if (catalogue.ParsePeriod(measureInfo.PeriodType, periodText) is { } periodInfo)
            {
                row.Period = periodInfo;
            }
            else
            {
                errors.Add(line, ObservationColumns.Period, $"'{periodText}' is not a {Describe(measureInfo.PeriodType)} period, which measure {measureInfo.Code} is reported by: write it like {Period.Example(measureInfo.PeriodType)}");
            }
        }

        var areaText = Text(area);
        if (areaText.Length == 0)
        {
            errors.Add(line, ObservationColumns.Area, "the area is missing: give its ONS code, for example E08000007");
        }
        else if (catalogue.FindArea(areaText) is { } areaInfo)
        {
            row.Area = areaInfo;
        }
        else
        {
            errors.Add(line, ObservationColumns.Area, $"unknown area '{areaText}': no area or comparator group has this code (load the areas file first)");
        }

        CheckBreakdown(ref row, measureInfo, line);

        var valueText = Raw(value);
        var valueOk = false;
        if (valueText.IsEmpty)
        {
            errors.Add(line, ObservationColumns.Value, "the value is missing: every row needs a figure");
        }
        else if (Number(valueText, ObservationColumns.Value, line) is { } number)
        {
            row.Value = number;
            valueOk = true;
        }

        row.Numerator = OptionalNumber(numerator, ObservationColumns.Numerator, line, out var numeratorOk);
        row.Denominator = OptionalNumber(denominator, ObservationColumns.Denominator, line, out var denominatorOk);
        if (denominatorOk && row.Denominator is <= 0)
        {
            errors.Add(line, ObservationColumns.Denominator, $"the denominator is {Show(row.Denominator.Value)}: a rate or percentage needs a denominator above zero");
        }
        else if (numeratorOk && denominatorOk && measureInfo is { IsPercentage: true } && row.Numerator > row.Denominator)
        {
            errors.Add(line, ObservationColumns.Numerator, $"the numerator ({Show(row.Numerator.Value)}) is above the denominator ({Show(row.Denominator!.Value)}): measure {measureInfo.Code} is a percentage, which cannot be over 100%");
        }

        CheckInterval(ref row, valueOk, line);

        row.Status = 0;
        if (status >= 0)
        {
            var statusText = Text(status);
            if (statusText.Length == 0 || statusText.Equals("final", StringComparison.OrdinalIgnoreCase))
            {
                row.Status = (int)ObservationStatus.Final;
            }
            else if (statusText.Equals("provisional", StringComparison.OrdinalIgnoreCase))
            {
                row.Status = (int)ObservationStatus.Provisional;
            }
            else if (statusText.Equals("revised", StringComparison.OrdinalIgnoreCase))
            {
                row.Status = (int)ObservationStatus.Revised;
            }
            else
            {
                errors.Add(line, ObservationColumns.Status, $"'{statusText}' is not a status: write provisional, final or revised (or leave it empty for final)");
            }
        }

        row.Published = false;
        if (published >= 0)
        {
            var publishedText = Text(published);
            if (publishedText.Equals("true", StringComparison.OrdinalIgnoreCase) && !publish)
            {
                // Publishing is a decision, not a side effect of a column in a file.
                errors.Add(line, ObservationColumns.Published, "'true' needs the import to be published on purpose: imported figures land unpublished until the performance team publishes them (councilplan data import --publish, or Publish in the workspace)");
            }
            else if (publishedText.Equals("true", StringComparison.OrdinalIgnoreCase))
            {
                row.Published = true;
            }
            else if (publishedText.Length != 0 && !publishedText.Equals("false", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(line, ObservationColumns.Published, $"'{publishedText}' is not true or false (leave it empty for false)");
            }
        }

        row.QualityNote = null;
        if (qualityNote >= 0)
        {
            var note = csv.GetField(qualityNote);
            note = note[CsvCells.EscapeLength(note)..];
            if (!note.IsEmpty)
            {
                var text = Encoding.UTF8.GetString(note);
                if (TextField.Problem(text, "The quality note", TextField.Note, paragraphs: true) is { } problem)
                {
                    errors.Add(line, ObservationColumns.QualityNote, problem);
                }
                else
                {
                    row.QualityNote = text;
                }
            }
        }

        return errors.Count == before;
    }

    /// <summary>
    /// The publisher's confidence interval: both limits or neither, since one limit alone says
    /// nothing about the uncertainty, and the value inside them, since a published interval always
    /// holds its estimate (a limit outside it is almost always a column swapped or mistyped).
    /// </summary>
    private void CheckInterval(ref StagedRow row, bool valueOk, long line)
    {
        row.LowerCi = OptionalNumber(lowerCi, ObservationColumns.LowerCi, line, out var lowerOk);
        row.UpperCi = OptionalNumber(upperCi, ObservationColumns.UpperCi, line, out var upperOk);
        if (!lowerOk || !upperOk)
        {
            return;
        }

        if (row.LowerCi is { } given && row.UpperCi is null)
        {
            errors.Add(line, ObservationColumns.UpperCi, $"the upper confidence limit is missing but the lower is given ({Show(given)}): give both limits of the interval, or neither");
            return;
        }

        if (row.UpperCi is { } upperGiven && row.LowerCi is null)
        {
            errors.Add(line, ObservationColumns.LowerCi, $"the lower confidence limit is missing but the upper is given ({Show(upperGiven)}): give both limits of the interval, or neither");
            return;
        }

        if (!valueOk || row.LowerCi is not { } lower || row.UpperCi is not { } upper)
        {
            return;
        }

        if (lower > row.Value)
        {
            errors.Add(line, ObservationColumns.LowerCi, $"the lower confidence limit {Show(lower)} is above the value {Show(row.Value)}");
        }

        if (upper < row.Value)
        {
            errors.Add(line, ObservationColumns.UpperCi, $"the upper confidence limit {Show(upper)} is below the value {Show(row.Value)}");
        }
    }

    private void CheckBreakdown(ref StagedRow row, MeasureInfo? measureInfo, long line)
    {
        row.BreakdownId = Breakdown.TotalId;
        if (breakdown < 0)
        {
            return;
        }

        var key = Text(breakdown);
        if (key.Length == 0)
        {
            return;
        }

        var colon = key.IndexOf(':');
        if (colon <= 0 || colon == key.Length - 1)
        {
            errors.Add(line, ObservationColumns.Breakdown, $"'{key}' is not a breakdown: write dimension:category, for example free-school-meals:eligible, or leave it empty for the whole population");
            return;
        }

        var dimension = key[..colon];
        var found = catalogue.FindBreakdown(key);
        if (found is null)
        {
            errors.Add(line, ObservationColumns.Breakdown, catalogue.DimensionExists(dimension)
                ? $"unknown breakdown '{key}': the dimension '{dimension}' has no category '{key[(colon + 1)..]}'"
                : $"unknown breakdown '{key}': there is no dimension '{dimension}' in the catalogue");
            return;
        }

        if (measureInfo is not null && Array.IndexOf(measureInfo.Dimensions, found.DimensionId) < 0)
        {
            errors.Add(line, ObservationColumns.Breakdown, measureInfo.Dimensions.Length == 0
                ? $"measure {measureInfo.Code} has no breakdowns, so its figures cannot be split by '{dimension}'"
                : $"measure {measureInfo.Code} is not broken down by '{dimension}' (its breakdowns: {string.Join(", ", measureInfo.Dimensions)})");
            return;
        }

        row.BreakdownId = found.Id;
    }

    private double? OptionalNumber(int column, string name, long line, out bool ok)
    {
        ok = true;
        if (column < 0)
        {
            return null;
        }

        var text = Raw(column);
        if (text.IsEmpty)
        {
            return null;
        }

        var number = Number(text, name, line);
        ok = number is not null;
        return number;
    }

    private double? Number(ReadOnlySpan<byte> text, string column, long line)
    {
        var number = StrictNumber.Parse(text, out var problem);
        if (problem is not null)
        {
            errors.Add(line, column, problem);
        }

        return number;
    }

    /// <summary>A field's bytes with surrounding spaces removed (numbers).</summary>
    private ReadOnlySpan<byte> Raw(int column) => column < 0 ? default : csv.GetField(column).Trim((byte)' ');

    /// <summary>A text field decoded, trimmed, with a formula escape removed.</summary>
    private ReadOnlySpan<char> Text(int column)
    {
        if (column < 0)
        {
            return default;
        }

        var bytes = csv.GetField(column);
        bytes = bytes[CsvCells.EscapeLength(bytes)..];
        if (chars.Length < bytes.Length)
        {
            chars = new char[Math.Max(bytes.Length, chars.Length * 2)];
        }

        var count = Encoding.UTF8.GetChars(bytes, chars);
        return chars.AsSpan(0, count).Trim();
    }

    private static string Show(double number) => number.ToString(CultureInfo.InvariantCulture);

    private static string Describe(PeriodType type) => type switch
    {
        PeriodType.FinancialQuarter => "financial-quarter",
        PeriodType.FinancialYear => "financial-year",
        PeriodType.AcademicYear => "academic-year",
        PeriodType.CalendarYear => "calendar-year",
        PeriodType.Rolling12Months => "rolling-12-months",
        PeriodType.ThreeCalendarYears => "three-calendar-years",
        _ => "month",
    };
}
