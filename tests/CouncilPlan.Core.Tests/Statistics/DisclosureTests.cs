using CouncilPlan.Core.Statistics;
using FsCheck;
using FsCheck.Fluent;

namespace CouncilPlan.Core.Tests.Statistics;

/// <summary>Primary and secondary suppression of a two-way table of counts.</summary>
public sealed class DisclosureTests
{
    private static readonly string[] ThreeRows = ["A", "B", "C"];
    private static readonly string[] ThreeColumns = ["X", "Y", "Z"];

    private static HashSet<(int, int)> Suppressed(SuppressedTable table) =>
        [.. table.Cells.SelectMany((row, r) => row.Select((cell, c) => (cell, r, c))).Where(t => t.cell.IsSuppressed).Select(t => (t.r, t.c))];

    [Theory]
    [InlineData(0L, false, false)] // zero is shown
    [InlineData(0L, true, true)] // unless zeros are suppressed too
    [InlineData(1L, false, true)]
    [InlineData(4L, false, true)]
    [InlineData(5L, false, false)] // the threshold itself is shown
    public void IsPrimary_SuppressesOneToThresholdMinusOne(long count, bool suppressZeros, bool expected)
    {
        Assert.Equal(expected, Disclosure.IsPrimary(count, 5, suppressZeros));
        Assert.Equal(expected ? null : count, Disclosure.SuppressCount(count, 5, suppressZeros));
    }

    // One small cell: its row and its column each get the smallest other cell as a complement, and the column of the
    // row's complement is completed in turn, making a rectangle that no sum can undo.
    [Fact]
    public void Suppress_OneSmallCell_SuppressesTheSmallestComplementsInARectangle()
    {
        long[][] counts = [[2, 10, 20], [11, 30, 40], [50, 60, 70]];

        var table = Disclosure.Suppress(ThreeRows, ThreeColumns, counts, threshold: 5);

        Assert.Equal(new HashSet<(int, int)> { (0, 0), (0, 1), (1, 0), (1, 1) }, Suppressed(table));
        Assert.Equal(CellStatus.PrimarySuppressed, table.Cells[0][0].Status);
        Assert.Equal(CellStatus.SecondarySuppressed, table.Cells[0][1].Status);
        Assert.All(table.RowTotals.Concat(table.ColumnTotals).Append(table.GrandTotal), t => Assert.False(t.IsSuppressed));
        Assert.Equal(32, table.RowTotals[0].PublicValue);
        Assert.Empty(Disclosure.FindDerivable(table));
    }

    [Fact]
    public void Suppress_PrefersANonZeroComplementToAZero()
    {
        long[][] counts = [[3, 0, 40], [9, 10, 50], [60, 70, 80]];

        var table = Disclosure.Suppress(ThreeRows, ThreeColumns, counts, threshold: 5);

        Assert.False(table.Cells[0][1].IsSuppressed);
        Assert.True(table.Cells[0][2].IsSuppressed);
    }

    // A single-column table: a row has no other cell to suppress, so its total is suppressed instead, and the column
    // and the row totals are protected in turn.
    [Fact]
    public void Suppress_SingleColumn_SuppressesTheRowTotalInstead()
    {
        long[][] counts = [[3], [20], [30]];

        var table = Disclosure.Suppress(ThreeRows, ["Count"], counts, threshold: 5);

        Assert.True(table.Cells[0][0].IsSuppressed);
        Assert.True(table.RowTotals[0].IsSuppressed);
        Assert.True(table.Cells[1][0].IsSuppressed);
        Assert.True(table.RowTotals[1].IsSuppressed);
        Assert.False(table.Cells[2][0].IsSuppressed);
        Assert.Equal(53, table.ColumnTotals[0].PublicValue);
        Assert.Empty(Disclosure.FindDerivable(table));
    }

    // A single-row table (a breakdown of one figure): each column total equals its cell, so it goes with it.
    [Fact]
    public void Suppress_SingleRow_SuppressesColumnTotalsWithTheirCells()
    {
        long[][] counts = [[2, 15, 40]];

        var table = Disclosure.Suppress(["Borough"], ThreeColumns, counts, threshold: 5);

        Assert.True(table.Cells[0][0].IsSuppressed);
        Assert.True(table.ColumnTotals[0].IsSuppressed);
        Assert.True(table.Cells[0][1].IsSuppressed);
        Assert.True(table.ColumnTotals[1].IsSuppressed);
        Assert.Equal(57, table.GrandTotal.PublicValue);
        Assert.Empty(Disclosure.FindDerivable(table));
    }

    // A total is a count too: a row total of 2 over two withheld 1s would give them away, so it is withheld.
    [Fact]
    public void Suppress_SmallTotal_IsPrimarySuppressed()
    {
        long[][] counts = [[1, 1, 0], [20, 30, 40], [50, 60, 70]];

        var table = Disclosure.Suppress(ThreeRows, ThreeColumns, counts, threshold: 5);

        Assert.Equal(CellStatus.PrimarySuppressed, table.RowTotals[0].Status);
        Assert.Empty(Disclosure.FindDerivable(table));
    }

    // Two blocks of withheld cells joined by one cell: every row and column has two or more withheld cells, but the
    // joining cell equals (rows A + B totals) − (columns W + X totals). The audit finds it; Suppress protects it.
    [Fact]
    public void FindDerivable_BridgeBetweenTwoBlocks_IsFoundAndSuppressProtectsIt()
    {
        string[] rows = ["A", "B", "C", "D"];
        string[] columns = ["W", "X", "Y", "Z"];
        long[][] counts = [[1, 2, 50, 60], [3, 4, 2, 70], [80, 90, 1, 2], [85, 95, 3, 4]];
        var primaryOnly = Disclosure.Suppress(rows, columns, counts, threshold: 1); // nothing suppressed
        var pattern = primaryOnly with
        {
            Cells = [.. counts.Select((row, r) => (IReadOnlyList<DisclosureCell>)[.. row.Select(v => new DisclosureCell(v, v < 5 ? CellStatus.PrimarySuppressed : CellStatus.Shown))])],
        };

        Assert.Equal([new DerivableCell(1, 2)], Disclosure.FindDerivable(pattern));

        var table = Disclosure.Suppress(rows, columns, counts, threshold: 5);
        Assert.Empty(Disclosure.FindDerivable(table));
        Assert.True(table.Cells[1][2].IsSuppressed);
    }

    [Fact]
    public void ToDisplayRows_MarksWithheldCellsAndShowsTotals()
    {
        long[][] counts = [[2, 10, 20], [11, 30, 40], [50, 60, 70]];

        var lines = Disclosure.Suppress(ThreeRows, ThreeColumns, counts, threshold: 5).ToDisplayRows();

        Assert.Equal(["", "X", "Y", "Z", "Total"], lines[0]);
        Assert.Equal(["A", "[c]", "[c]", "20", "32"], lines[1]);
        Assert.Equal(["Total", "63", "100", "130", "293"], lines[4]);
    }

    [Fact]
    public void Suppress_InvalidTable_Throws()
    {
        Assert.Throws<ArgumentException>(() => Disclosure.Suppress(["A"], ["X", "Y"], [[1L]], 5));
        Assert.Throws<ArgumentException>(() => Disclosure.Suppress(["A"], ["X"], [[-1L]], 5));
        Assert.Throws<ArgumentException>(() => Disclosure.Suppress([], ["X"], [], 5));
    }

    public static class Tables
    {
        // Up to 6 × 6 tables of counts from 0 to 20, so that small counts are common.
        public static Arbitrary<long[][]> Counts() => Arb.From(
            from rows in Gen.Choose(1, 6)
            from columns in Gen.Choose(1, 6)
            from cells in Gen.ArrayOf(Gen.ArrayOf(Gen.Choose(0, 20).Select(v => (long)v), columns), rows)
            select cells);
    }

    private static SuppressedTable SuppressRandom(long[][] counts, int threshold) => Disclosure.Suppress(
        [.. Enumerable.Range(0, counts.Length).Select(r => $"R{r}")],
        [.. Enumerable.Range(0, counts[0].Length).Select(c => $"C{c}")],
        counts,
        threshold);

    // In every row and column whose total is shown, the number of withheld cells is never exactly one; nor among the
    // row totals, or the column totals, when the grand total is shown; nor is a withheld total the only withheld
    // figure of its sum.
    [FsCheck.Xunit.Property(Arbitrary = [typeof(Tables)], MaxTest = 300)]
    public bool Suppress_NoSumHasExactlyOneWithheldFigure(long[][] counts, PositiveInt threshold)
    {
        var table = SuppressRandom(counts, 2 + (threshold.Get % 9));
        var sums = new List<(IEnumerable<DisclosureCell> Parts, DisclosureCell Total)>();
        sums.AddRange(table.Cells.Select((row, r) => ((IEnumerable<DisclosureCell>)row, table.RowTotals[r])));
        sums.AddRange(table.ColumnTotals.Select((total, c) => (table.Cells.Select(row => row[c]), total)));
        sums.Add((table.RowTotals, table.GrandTotal));
        sums.Add((table.ColumnTotals, table.GrandTotal));

        return sums.All(s => s.Parts.Append(s.Total).Count(x => x.IsSuppressed) != 1);
    }

    // Nor can any withheld figure be worked out from any combination of the sums; every small count is withheld and
    // every shown figure is the true count.
    [FsCheck.Xunit.Property(Arbitrary = [typeof(Tables)], MaxTest = 300)]
    public bool Suppress_NothingWithheldCanBeDerived_AndSmallCountsAreWithheld(long[][] counts, PositiveInt threshold)
    {
        var limit = 2 + (threshold.Get % 9);
        var table = SuppressRandom(counts, limit);

        var smallWithheld = counts.SelectMany((row, r) => row.Select((v, c) => (v, r, c)))
            .All(t => !Disclosure.IsPrimary(t.v, limit) || table.Cells[t.r][t.c].Status == CellStatus.PrimarySuppressed);
        var shownTrue = counts.SelectMany((row, r) => row.Select((v, c) => (v, r, c)))
            .All(t => table.Cells[t.r][t.c].PublicValue is null || table.Cells[t.r][t.c].PublicValue == t.v);
        return smallWithheld && shownTrue && Disclosure.FindDerivable(table).Count == 0;
    }
}
