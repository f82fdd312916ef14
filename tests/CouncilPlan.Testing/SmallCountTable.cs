using System.Globalization;
using System.Text.Json;
using CouncilPlan.Core.Areas;
using CouncilPlan.Core.Data;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Statistics;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace CouncilPlan.Testing;

/// <summary>
/// A table of counts by ward and category, with its ward, category and council totals, for a count
/// measure made sensitive (suppress below 5), and the checks that what a public output shows of it
/// gives no small count away, neither shown nor worked out by subtraction from the totals.
/// <para>
/// One ward's first category is 3: withheld by primary suppression. Withholding it alone would let
/// anyone subtract the other cells from the totals, so a correct output withholds more.
/// </para>
/// </summary>
public sealed class SmallCountTable
{
    public const int Threshold = 5;

    private static readonly long[][] Counts = [[3, 20], [30, 40], [12, 15]];

    private SmallCountTable(string measure, string period, string council, IReadOnlyList<string> wards, IReadOnlyList<string> categories)
    {
        Measure = measure;
        Period = period;
        Council = council;
        Wards = wards;
        Categories = categories;
    }

    public string Measure { get; }

    /// <summary>The period's canonical label, as exports write it.</summary>
    public string Period { get; }

    public string Council { get; }

    public IReadOnlyList<string> Wards { get; }

    /// <summary>Breakdown keys, like "sex:female".</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>Every figure of the table: the cells, each ward's total, each category's council figure and the council total.</summary>
    public IReadOnlyList<(string Area, string Breakdown, long Count)> Figures
    {
        get
        {
            var figures = new List<(string, string, long)>();
            for (var r = 0; r < Wards.Count; r++)
            {
                for (var c = 0; c < Categories.Count; c++)
                {
                    figures.Add((Wards[r], Categories[c], Counts[r][c]));
                }

                figures.Add((Wards[r], "", Counts[r].Sum()));
            }

            for (var c = 0; c < Categories.Count; c++)
            {
                figures.Add((Council, Categories[c], Counts.Sum(row => row[c])));
            }

            figures.Add((Council, "", Counts.Sum(row => row.Sum())));
            return figures;
        }
    }

    /// <summary>
    /// Makes a count measure of the plan sensitive and broken down by a dimension with at least two
    /// categories, and makes sure the plan's council has three wards (adding them if not).
    /// </summary>
    public static async Task<SmallCountTable> PrepareAsync(CouncilPlanDb db, string measureCode, string period, string dimension)
    {
        var measure = await db.Measures.SingleAsync(m => m.Code == measureCode);
        Assert.Equal(MeasureUnit.Count, measure.Unit);
        measure.SuppressBelow = Threshold;
        if (!await db.MeasureDimensions.AnyAsync(d => d.MeasureId == measure.Id && d.DimensionId == dimension))
        {
            db.MeasureDimensions.Add(new MeasureDimension { MeasureId = measure.Id, DimensionId = dimension });
        }

        var council = await db.Plans.Where(p => p.Id == measure.PlanId).Select(p => p.CouncilAreaCode).SingleAsync();
        var wards = await db.Areas.Where(a => a.Type == AreaType.Ward && a.ParentCode == council).OrderBy(a => a.Code).Select(a => a.Code).Take(3).ToListAsync();
        for (var i = wards.Count; i < 3; i++)
        {
            var code = $"E0599990{i}";
            db.Areas.Add(new Area { Code = code, Name = $"Small count ward {i}", Type = AreaType.Ward, ParentCode = council });
            wards.Add(code);
        }

        var categories = (await db.Breakdowns.Where(b => b.DimensionId == dimension).ToListAsync())
            .Select(b => b.Key).Order(StringComparer.Ordinal).Take(2).ToList();
        Assert.Equal(2, categories.Count);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return new SmallCountTable(measureCode, period, council, wards, categories);
    }

    /// <summary>The table as an observations file, every figure published.</summary>
    public string Csv() =>
        "measure,period,area,breakdown,value,published\n"
        + string.Concat(Figures.Select(f => string.Create(CultureInfo.InvariantCulture, $"{Measure},{Period},{f.Area},{f.Breakdown},{f.Count},true\n")));

    /// <summary>What an export in the import format shows of the table: a figure left out is missing.</summary>
    public IReadOnlyDictionary<(string Area, string Breakdown), double?> ShownInCsv(string csv)
    {
        var lines = csv.Replace("\r", "", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        int Column(string name) => Array.IndexOf(header, name);
        var shown = new Dictionary<(string, string), double?>();
        foreach (var fields in lines.Skip(1).Select(l => l.Split(',')))
        {
            if (fields[Column("measure")] == Measure && fields[Column("period")] == Period)
            {
                var value = fields[Column("value")];
                Assert.False(value.Length == 0, $"{fields[Column("area")]} {fields[Column("breakdown")]}: a row without a value cannot be imported; a withheld figure is left out");
                shown.Add((fields[Column("area")], fields[Column("breakdown")]), double.Parse(value, CultureInfo.InvariantCulture));
            }
        }

        return shown;
    }

    /// <summary>
    /// What JSON (an export, or the API's items) shows of the table: every figure is there, a
    /// withheld one marked suppressed with no value, numerator, denominator or interval.
    /// </summary>
    public IReadOnlyDictionary<(string Area, string Breakdown), double?> ShownInJson(IEnumerable<JsonElement> items)
    {
        var shown = new Dictionary<(string, string), double?>();
        foreach (var item in items.Where(i => i.GetProperty("measure").GetString() == Measure && i.GetProperty("period").GetString() == Period))
        {
            var key = (item.GetProperty("area").GetString()!, item.GetProperty("breakdown").GetString()!);
            if (item.GetProperty("suppressed").GetBoolean())
            {
                foreach (var field in new[] { "value", "numerator", "denominator", "lower_ci", "upper_ci" })
                {
                    Assert.True(item.GetProperty(field).ValueKind == JsonValueKind.Null, $"{key}: a withheld figure shows its {field}");
                }

                shown.Add(key, null);
            }
            else
            {
                shown.Add(key, item.GetProperty("value").GetDouble());
            }
        }

        Assert.Equal(Figures.Select(f => (f.Area, f.Breakdown)).Order(), shown.Keys.Order());
        return shown;
    }

    /// <summary>
    /// No small count is shown; every shown figure is the true one; more than the small count is
    /// withheld (secondary suppression), yet the council total is still published; and no withheld
    /// figure can be worked out from what is shown, by any one sum or any combination of them.
    /// </summary>
    public void AssertDisclosesNothing(IReadOnlyDictionary<(string Area, string Breakdown), double?> shown)
    {
        bool Withheld(string area, string breakdown) => shown.GetValueOrDefault((area, breakdown)) is null;

        foreach (var (area, breakdown, count) in Figures)
        {
            if (shown.GetValueOrDefault((area, breakdown)) is { } value)
            {
                Assert.False(Disclosure.IsPrimary(count, Threshold), $"{area} {breakdown}: the small count {count} is shown");
                Assert.Equal(count, value);
            }
        }

        Assert.True(Withheld(Wards[0], Categories[0]), "the small count is not withheld");
        Assert.Contains(Figures, f => f.Count >= Threshold && Withheld(f.Area, f.Breakdown));
        Assert.False(Withheld(Council, ""), "the council total discloses nothing and should be published");

        // Each sum on its own: never exactly one withheld figure among its parts and total.
        var sums = new List<List<(string, string)>>();
        foreach (var ward in Wards)
        {
            sums.Add([.. Categories.Select(c => (ward, c)), (ward, "")]);
        }

        foreach (var category in Categories)
        {
            sums.Add([.. Wards.Select(w => (w, category)), (Council, category)]);
        }

        sums.Add([.. Wards.Select(w => (w, "")), (Council, "")]);
        sums.Add([.. Categories.Select(c => (Council, c)), (Council, "")]);
        foreach (var sum in sums)
        {
            Assert.False(sum.Count(k => Withheld(k.Item1, k.Item2)) == 1, $"one withheld figure in {string.Join(" + ", sum)} can be worked out by subtraction");
        }

        // Every combination of the sums: the linear-algebra audit of the published table.
        DisclosureCell Cell(string area, string breakdown, long count) =>
            new(count, Withheld(area, breakdown) ? CellStatus.SecondarySuppressed : CellStatus.Shown);
        var table = new SuppressedTable(
            Wards,
            Categories,
            [.. Wards.Select((w, r) => (IReadOnlyList<DisclosureCell>)[.. Categories.Select((c, i) => Cell(w, c, Counts[r][i]))])],
            [.. Wards.Select((w, r) => Cell(w, "", Counts[r].Sum()))],
            [.. Categories.Select((c, i) => Cell(Council, c, Counts.Sum(row => row[i])))],
            Cell(Council, "", Counts.Sum(row => row.Sum())));
        Assert.Empty(Disclosure.FindDerivable(table));
    }
}
