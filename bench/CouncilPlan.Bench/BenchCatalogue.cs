using System.Globalization;
using System.Text;
using CouncilPlan.Core.Areas;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Statistics;

namespace CouncilPlan.Bench;

/// <summary>
/// A deterministic catalogue shaped like a real council's: a few hundred measures of every period
/// type (a third of them percentages), about 60 areas, and breakdowns by sex for every measure and by
/// age band for half of them. The observations file is generated from it with a fixed seed.
/// </summary>
public sealed class BenchCatalogue
{
    public const int MeasureCount = 300;
    public const int AreaCount = 60;
    public const int Seed = 20261128;
    public const string PlanId = "bench-2025-26";

    private static readonly PeriodType[] Types = Enum.GetValues<PeriodType>();
    private static readonly string[] Sexes = ["female", "male"];
    private static readonly string[] AgeBands = ["0-15", "16-24", "25-64", "65-plus"];

    public static IReadOnlyList<string> AreaCodes { get; } = [.. Enumerable.Range(0, AreaCount).Select(i => i == 0 ? "E08000007" : $"E05{11000 + i:000000}")];

    public static IReadOnlyList<BenchMeasure> Measures { get; } = [.. Enumerable.Range(0, MeasureCount).Select(i => new BenchMeasure(
        $"M{i:000}",
        Types[i % Types.Length],
        i % 3 == 0 ? MeasureUnit.Percentage : MeasureUnit.Count,
        // Annual measures need the extra breakdowns for enough distinct keys in a 10-million-row file.
        i % 2 == 0 || Types[i % Types.Length] is PeriodType.FinancialYear or PeriodType.AcademicYear or PeriodType.CalendarYear))];

    public static async Task SeedAsync(CouncilPlanDb db)
    {
        db.Areas.AddRange(AreaCodes.Select((code, i) => new Area { Code = code, Name = $"Area {i}", Type = i == 0 ? AreaType.Council : AreaType.Ward }));
        db.Plans.Add(new Plan
        {
            Id = PlanId,
            Title = "Benchmark plan",
            Period = "2025-26",
            Starts = new DateOnly(2025, 4, 1),
            Ends = new DateOnly(2026, 3, 31),
            CouncilName = "Benchmark Council",
            CouncilAreaCode = AreaCodes[0],
            Mission = "m",
            Vision = "v",
            Partnership = "p",
            FileHash = new string('0', 64),
        });
        db.Dimensions.AddRange(new Dimension { Id = "sex", Title = "Sex" }, new Dimension { Id = "age-band", Title = "Age band" });
        db.Breakdowns.AddRange(Sexes.Select(s => new Breakdown { DimensionId = "sex", Category = s, Title = s }));
        db.Breakdowns.AddRange(AgeBands.Select(a => new Breakdown { DimensionId = "age-band", Category = a, Title = a }));
        await db.SaveChangesAsync();
        var measures = Measures.Select(m => new Measure
        {
            Code = m.Code,
            Title = "Measure " + m.Code,
            Definition = "Benchmark measure.",
            Unit = m.Unit,
            Polarity = Polarity.HigherIsBetter,
            Frequency = Frequency.Annual,
            PeriodType = m.PeriodType,
            Kind = MeasureKind.Performance,
            PlanId = PlanId,
        }).ToList();
        db.Measures.AddRange(measures);
        await db.SaveChangesAsync();
        for (var i = 0; i < measures.Count; i++)
        {
            db.MeasureDimensions.Add(new MeasureDimension { MeasureId = measures[i].Id, DimensionId = "sex" });
            if (Measures[i].ByAge)
            {
                db.MeasureDimensions.Add(new MeasureDimension { MeasureId = measures[i].Id, DimensionId = "age-band" });
            }
        }

        await db.SaveChangesAsync();
    }

    /// <summary>Writes <paramref name="rows"/> observations with unique keys: measure by measure, newest period first.</summary>
    public static void WriteObservations(string path, long rows)
    {
        var random = new Random(Seed);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("measure,period,area,breakdown,value,numerator,denominator,status,quality_note,published\n");
        var perMeasure = rows / MeasureCount;
        var extra = rows % MeasureCount;
        var line = new StringBuilder(256);
        for (var i = 0; i < MeasureCount; i++)
        {
            var measure = Measures[i];
            var quota = perMeasure + (i < extra ? 1 : 0);
            string[] breakdowns = measure.ByAge
                ? ["", .. Sexes.Select(s => "sex:" + s), .. AgeBands.Select(a => "age-band:" + a)]
                : ["", .. Sexes.Select(s => "sex:" + s)];
            var period = Period.Of(measure.PeriodType, new DateOnly(2025, 1, 1));
            long written = 0;
            while (written < quota)
            {
                if (period.Start.Year < 1900)
                {
                    throw new InvalidOperationException($"Measure {measure.Code} has too few keys for {quota} rows.");
                }

                var label = period.Label;
                foreach (var area in AreaCodes)
                {
                    foreach (var breakdown in breakdowns)
                    {
                        if (written++ >= quota)
                        {
                            break;
                        }

                        line.Clear();
                        line.Append(measure.Code).Append(',').Append(label).Append(',').Append(area).Append(',').Append(breakdown).Append(',');
                        if (measure.Unit == MeasureUnit.Percentage)
                        {
                            var denominator = random.Next(50, 200_000);
                            var numerator = random.Next(0, denominator + 1);
                            line.Append(Math.Round(100.0 * numerator / denominator, 1).ToString(CultureInfo.InvariantCulture))
                                .Append(',').Append(numerator.ToString(CultureInfo.InvariantCulture))
                                .Append(',').Append(denominator.ToString(CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            line.Append(random.Next(0, 1_000_000).ToString(CultureInfo.InvariantCulture)).Append(",,");
                        }

                        var roll = random.Next(100);
                        line.Append(',').Append(roll < 85 ? "final" : roll < 95 ? "provisional" : "revised").Append(',');
                        if (random.Next(100) == 0)
                        {
                            line.Append("\"Small sample, so \"\"provisional\"\" in effect\"");
                        }

                        line.Append(',').Append(random.Next(10) == 0 ? "false" : "true").Append('\n');
                        writer.Write(line);
                    }
                }

                period = period.Previous;
            }
        }
    }
}

public sealed record BenchMeasure(string Code, PeriodType PeriodType, MeasureUnit Unit, bool ByAge);
