using System.Text;
using CouncilPlan.Core.Areas;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Statistics;

namespace CouncilPlan.Testing;

/// <summary>
/// Catalogue rows that observation tests need, written directly with EF: a plan, a measure for each
/// period type, a few areas, and two dimensions with their categories. Codes are constants so tests
/// read like the files they build.
/// </summary>
public static class ObservationCatalogue
{
    public const string PlanId = "testshire-2025-26";

    /// <summary>A percentage, calendar years, broken down by free school meals.</summary>
    public const string Percentage = "PCT-1";

    /// <summary>A count, financial quarters.</summary>
    public const string Quarterly = "FQ-1";

    public const string FinancialYear = "FY-1";

    public const string AcademicYear = "AY-1";

    public const string Rolling = "R12-1";

    public const string Monthly = "M-1";

    public const string Council = "E08000007";

    public const string England = "E92000001";

    public const string Ward = "E05011234";

    /// <summary>The header most test files use: every column but the optional confidence limits, in the export order.</summary>
    public const string Header = "measure,period,area,breakdown,value,numerator,denominator,status,quality_note,published";

    /// <summary>The header exports write: every column of the import format, in order.</summary>
    public const string ExportHeader = "measure,period,area,breakdown,value,numerator,denominator,lower_ci,upper_ci,status,quality_note,published";

    public static async Task SeedAsync(CouncilPlanDb db)
    {
        db.Areas.AddRange(
            new Area { Code = England, Name = "England", Type = AreaType.Country },
            new Area { Code = Council, Name = "Stockport", Type = AreaType.Council },
            new Area { Code = Ward, Name = "A ward", Type = AreaType.Ward, ParentCode = Council });
        db.Plans.Add(new Plan
        {
            Id = PlanId,
            Title = "A test plan",
            Period = "2025-26",
            Starts = new DateOnly(2025, 4, 1),
            Ends = new DateOnly(2026, 3, 31),
            CouncilName = "Testshire Council",
            CouncilAreaCode = Council,
            Mission = "m",
            Vision = "v",
            Partnership = "p",
            FileHash = new string('0', 64),
        });
        db.Dimensions.AddRange(
            new Dimension { Id = "free-school-meals", Title = "Free school meal status" },
            new Dimension { Id = "sex", Title = "Sex" });
        db.Breakdowns.AddRange(
            new Breakdown { DimensionId = "free-school-meals", Category = "eligible", Title = "Eligible" },
            new Breakdown { DimensionId = "free-school-meals", Category = "not-eligible", Title = "Not eligible" },
            new Breakdown { DimensionId = "sex", Category = "female", Title = "Female" },
            new Breakdown { DimensionId = "sex", Category = "male", Title = "Male" });
        await db.SaveChangesAsync();

        var percentage = Measure(Percentage, MeasureUnit.Percentage, PeriodType.CalendarYear);
        db.Measures.AddRange(
            percentage,
            Measure(Quarterly, MeasureUnit.Count, PeriodType.FinancialQuarter),
            Measure(FinancialYear, MeasureUnit.Money, PeriodType.FinancialYear),
            Measure(AcademicYear, MeasureUnit.Score, PeriodType.AcademicYear),
            Measure(Rolling, MeasureUnit.Rate, PeriodType.Rolling12Months),
            Measure(Monthly, MeasureUnit.Count, PeriodType.Month));
        await db.SaveChangesAsync();
        db.MeasureDimensions.Add(new MeasureDimension { MeasureId = percentage.Id, DimensionId = "free-school-meals" });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    /// <summary>A temporary CSV file holding the header and the given rows, one per line.</summary>
    public static string WriteCsv(params string[] rows) => WriteFile(Header + "\n" + string.Join("\n", rows) + "\n");

    /// <summary>A temporary file with exactly this text (UTF-8, no byte-order mark).</summary>
    public static string WriteFile(string content, string name = "observations.csv") =>
        WriteBytes(new UTF8Encoding(false).GetBytes(content), name);

    public static string WriteBytes(byte[] content, string name = "observations.csv")
    {
        var folder = Path.Combine(Path.GetTempPath(), "councilplan-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static Measure Measure(string code, MeasureUnit unit, PeriodType periodType) => new()
    {
        Code = code,
        Title = "Measure " + code,
        Definition = "A measure for tests.",
        Unit = unit,
        RatePer = unit == MeasureUnit.Rate ? 100_000 : null,
        Polarity = Polarity.HigherIsBetter,
        Frequency = Frequency.Annual,
        PeriodType = periodType,
        Kind = MeasureKind.Performance,
        PlanId = PlanId,
    };
}
