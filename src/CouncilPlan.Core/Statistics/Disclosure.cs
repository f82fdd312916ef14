using System.Globalization;

namespace CouncilPlan.Core.Statistics;

/// <summary>Whether a published cell is shown or withheld, and why.</summary>
public enum CellStatus
{
    Shown,

    /// <summary>Withheld because the count itself is small (1 to threshold − 1).</summary>
    PrimarySuppressed,

    /// <summary>Withheld so that a primary-suppressed count cannot be worked out from what is shown.</summary>
    SecondarySuppressed,
}

/// <summary>A cell of a table prepared for publication. <see cref="Value"/> is the true count: publish <see cref="PublicValue"/> or <see cref="Display"/>.</summary>
public sealed record DisclosureCell(long Value, CellStatus Status)
{
    /// <summary>The marker published in place of a withheld count (the ONS's "[c]", confidential).</summary>
    public const string SuppressedMarker = "[c]";

    /// <summary>True when the count is withheld.</summary>
    public bool IsSuppressed => Status != CellStatus.Shown;

    /// <summary>The count to publish, or null when withheld.</summary>
    public long? PublicValue => IsSuppressed ? null : Value;

    /// <summary>The text to publish: the count, or <see cref="SuppressedMarker"/>.</summary>
    public string Display => IsSuppressed ? SuppressedMarker : Value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A two-way table of counts with row, column and grand totals, ready for publication.</summary>
public sealed record SuppressedTable(
    IReadOnlyList<string> Rows,
    IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyList<DisclosureCell>> Cells,
    IReadOnlyList<DisclosureCell> RowTotals,
    IReadOnlyList<DisclosureCell> ColumnTotals,
    DisclosureCell GrandTotal)
{
    /// <summary>The header "Total" is given for the totals row and column.</summary>
    public const string TotalLabel = "Total";

    /// <summary>
    /// The table as text for publication: a header row (blank corner, the columns, "Total"), one row per table row
    /// with its total, and a totals row; withheld cells show <see cref="DisclosureCell.SuppressedMarker"/>.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> ToDisplayRows()
    {
        var lines = new List<IReadOnlyList<string>>();
        lines.Add(["", .. Columns, TotalLabel]);
        for (var r = 0; r < Rows.Count; r++)
        {
            lines.Add([Rows[r], .. Cells[r].Select(c => c.Display), RowTotals[r].Display]);
        }

        lines.Add([TotalLabel, .. ColumnTotals.Select(c => c.Display), GrandTotal.Display]);
        return lines;
    }
}

/// <summary>A withheld figure that can still be worked out from what is shown.</summary>
/// <param name="Row">The row index, or null for the column-totals row.</param>
/// <param name="Column">The column index, or null for the row-totals column.</param>
public sealed record DerivableCell(int? Row, int? Column);

/// <summary>
/// Statistical disclosure control for published counts.
/// <para>
/// Primary suppression: a count from 1 to threshold − 1 is withheld. Zero is shown by default (it discloses no
/// one, and councils publish true zeros); pass <c>suppressZeros</c> to withhold zeros too. Totals are counts as
/// well: a small row, column or grand total is withheld by the same rule, since a shown total of 2 over withheld
/// cells would give them away.
/// </para>
/// <para>
/// Secondary suppression makes sure no withheld figure can be worked out by subtraction. The table is a set of
/// sums: each row's cells add to the row total, each column's to the column total, the row totals and the column
/// totals each add to the grand total. In every such sum the number of withheld figures (parts and total) must
/// never be exactly one. Where it is one, another figure of that sum is withheld: the smallest shown non-zero cell
/// (a zero only when nothing else is left, as a withheld zero protects little), ties going to a cell whose other
/// sum also needs a second withheld figure, then to the first. A row or column with a single cell has nothing
/// else to withhold, so its total is withheld instead. This repeats until nothing changes.
/// </para>
/// <para>
/// Then the table is audited against every combination of the sums (linear algebra over the withheld figures, not
/// only one sum at a time): a withheld figure that the shown figures still determine exactly gets a further
/// complementary suppression, the smallest shown part of one of its sums, and the whole process repeats. Not
/// covered: bounds an attacker can draw from counts being whole and non-negative (for example two withheld cells
/// summing to 1), which needs interval auditing by linear programming.
/// </para>
/// </summary>
public static class Disclosure
{
    private const double Tolerance = 1e-9;

    /// <summary>True when a count is withheld by primary suppression.</summary>
    public static bool IsPrimary(long count, int threshold, bool suppressZeros = false) =>
        count < threshold && (count > 0 || (suppressZeros && count == 0));

    /// <summary>A single published count: null when it is withheld by primary suppression.</summary>
    public static long? SuppressCount(long count, int threshold, bool suppressZeros = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return IsPrimary(count, threshold, suppressZeros) ? null : count;
    }

    /// <summary>Applies primary and secondary suppression to a two-way table of counts, computing its totals.</summary>
    /// <param name="rows">Row labels, for example wards.</param>
    /// <param name="columns">Column labels, for example groups.</param>
    /// <param name="counts">The counts, one list per row, each with one count per column.</param>
    /// <param name="threshold">The measure's threshold: counts from 1 to threshold − 1 are withheld.</param>
    /// <param name="suppressZeros">Withhold zero counts as well.</param>
    public static SuppressedTable Suppress(
        IReadOnlyList<string> rows,
        IReadOnlyList<string> columns,
        IReadOnlyList<IReadOnlyList<long>> counts,
        int threshold,
        bool suppressZeros = false)
    {
        var layout = new Layout(rows.Count, columns.Count);
        if (layout.RowCount == 0 || layout.ColumnCount == 0)
        {
            throw new ArgumentException("a table needs at least one row and one column", nameof(counts));
        }

        if (counts.Count != layout.RowCount || counts.Any(r => r.Count != layout.ColumnCount))
        {
            throw new ArgumentException("counts must have one list per row, each with one count per column", nameof(counts));
        }

        if (counts.Any(r => r.Any(c => c < 0)))
        {
            throw new ArgumentException("counts cannot be negative", nameof(counts));
        }

        var values = layout.Values(counts);
        var status = values.Select(v => IsPrimary(v, threshold, suppressZeros) ? CellStatus.PrimarySuppressed : CellStatus.Shown).ToArray();
        var equations = layout.Equations();

        while (true)
        {
            ApplyCountRule(layout, equations, values, status);
            var derivable = Derivable(equations, status);
            if (derivable.Count == 0)
            {
                break;
            }

            ProtectDerivable(layout, equations, values, status, derivable[0]);
        }

        return layout.ToTable(rows, columns, values, status);
    }

    /// <summary>
    /// The withheld figures of a published table that its shown figures determine exactly, by any combination of its
    /// row, column and total sums. Empty for a table that <see cref="Suppress"/> produced.
    /// </summary>
    public static IReadOnlyList<DerivableCell> FindDerivable(SuppressedTable table)
    {
        var layout = new Layout(table.Rows.Count, table.Columns.Count);
        var status = layout.Statuses(table);
        return [.. Derivable(layout.Equations(), status).Select(layout.Describe)];
    }

    // The count rule: in no sum is exactly one figure withheld.
    private static void ApplyCountRule(Layout layout, List<Equation> equations, long[] values, CellStatus[] status)
    {
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var equation in equations)
            {
                if (equation.Items.Count(i => status[i] != CellStatus.Shown) != 1)
                {
                    continue;
                }

                var shownParts = equation.Parts.Where(i => status[i] == CellStatus.Shown).ToList();
                var complement = shownParts.Count > 0
                    ? Choose(layout, equations, values, status, shownParts, equation)
                    : equation.Total; // a single-cell row or column: withhold its total instead
                status[complement] = CellStatus.SecondarySuppressed;
                changed = true;
            }
        }
    }

    // A withheld figure is still determined: withhold the smallest shown part of one of its sums, or failing that
    // the smallest shown figure anywhere.
    private static void ProtectDerivable(Layout layout, List<Equation> equations, long[] values, CellStatus[] status, int item)
    {
        foreach (var equation in equations.Where(e => e.Items.Contains(item)))
        {
            var shownParts = equation.Parts.Where(i => status[i] == CellStatus.Shown).ToList();
            if (shownParts.Count > 0)
            {
                status[Choose(layout, equations, values, status, shownParts, equation)] = CellStatus.SecondarySuppressed;
                return;
            }
        }

        var anyShown = Enumerable.Range(0, values.Length).Where(i => status[i] == CellStatus.Shown).ToList();
        status[Choose(layout, equations, values, status, anyShown, null)] = CellStatus.SecondarySuppressed;
    }

    private static int Choose(Layout layout, List<Equation> equations, long[] values, CellStatus[] status, List<int> candidates, Equation? from) =>
        candidates
            .OrderBy(i => values[i] == 0 ? 1 : 0)
            .ThenBy(i => values[i])
            .ThenBy(i => equations.Any(e => !ReferenceEquals(e, from) && e.Items.Contains(i) && e.Items.Count(j => status[j] != CellStatus.Shown) == 1) ? 0 : 1)
            .ThenBy(i => layout.IsCell(i) ? 0 : 1)
            .ThenBy(i => i)
            .First();

    // A withheld figure u_k is determined by the sums exactly when the unit vector e_k lies in the row space of the
    // sums' coefficients over the withheld figures: in reduced row echelon form, k is a pivot column whose row has
    // no other non-zero entry.
    private static List<int> Derivable(List<Equation> equations, CellStatus[] status)
    {
        var unknowns = Enumerable.Range(0, status.Length).Where(i => status[i] != CellStatus.Shown).ToList();
        if (unknowns.Count == 0)
        {
            return [];
        }

        var column = unknowns.Select((item, index) => (item, index)).ToDictionary(p => p.item, p => p.index);
        var matrix = new List<double[]>();
        foreach (var equation in equations)
        {
            var row = new double[unknowns.Count];
            foreach (var part in equation.Parts.Where(column.ContainsKey))
            {
                row[column[part]] += 1;
            }

            if (column.TryGetValue(equation.Total, out var totalColumn))
            {
                row[totalColumn] -= 1;
            }

            if (row.Any(v => v != 0))
            {
                matrix.Add(row);
            }
        }

        var pivots = ReduceToEchelon(matrix, unknowns.Count);
        var result = new List<int>();
        foreach (var (rowIndex, pivotColumn) in pivots)
        {
            var row = matrix[rowIndex];
            if (Enumerable.Range(0, unknowns.Count).All(c => c == pivotColumn || Math.Abs(row[c]) < Tolerance))
            {
                result.Add(unknowns[pivotColumn]);
            }
        }

        return result;
    }

    // Gauss-Jordan elimination with partial pivoting; returns (row, pivot column) pairs.
    private static List<(int Row, int Column)> ReduceToEchelon(List<double[]> matrix, int columns)
    {
        var pivots = new List<(int, int)>();
        var pivotRow = 0;
        for (var c = 0; c < columns && pivotRow < matrix.Count; c++)
        {
            var best = pivotRow;
            for (var r = pivotRow + 1; r < matrix.Count; r++)
            {
                if (Math.Abs(matrix[r][c]) > Math.Abs(matrix[best][c]))
                {
                    best = r;
                }
            }

            if (Math.Abs(matrix[best][c]) < Tolerance)
            {
                continue;
            }

            (matrix[pivotRow], matrix[best]) = (matrix[best], matrix[pivotRow]);
            var pivot = matrix[pivotRow][c];
            for (var k = 0; k < columns; k++)
            {
                matrix[pivotRow][k] /= pivot;
            }

            for (var r = 0; r < matrix.Count; r++)
            {
                if (r == pivotRow || Math.Abs(matrix[r][c]) < Tolerance)
                {
                    continue;
                }

                var factor = matrix[r][c];
                for (var k = 0; k < columns; k++)
                {
                    matrix[r][k] -= factor * matrix[pivotRow][k];
                }
            }

            pivots.Add((pivotRow, c));
            pivotRow++;
        }

        return pivots;
    }

    private sealed record Equation(IReadOnlyList<int> Parts, int Total)
    {
        public IEnumerable<int> Items => Parts.Append(Total);
    }

    // Items are numbered: cells row by row, then the row totals, then the column totals, then the grand total.
    private sealed record Layout(int RowCount, int ColumnCount)
    {
        private int CellCount => RowCount * ColumnCount;

        private int Grand => CellCount + RowCount + ColumnCount;

        public bool IsCell(int item) => item < CellCount;

        private int Cell(int row, int column) => (row * ColumnCount) + column;

        private int RowTotal(int row) => CellCount + row;

        private int ColumnTotal(int column) => CellCount + RowCount + column;

        public long[] Values(IReadOnlyList<IReadOnlyList<long>> counts)
        {
            var values = new long[Grand + 1];
            for (var r = 0; r < RowCount; r++)
            {
                for (var c = 0; c < ColumnCount; c++)
                {
                    values[Cell(r, c)] = counts[r][c];
                    values[RowTotal(r)] += counts[r][c];
                    values[ColumnTotal(c)] += counts[r][c];
                    values[Grand] += counts[r][c];
                }
            }

            return values;
        }

        public List<Equation> Equations()
        {
            var equations = new List<Equation>();
            for (var r = 0; r < RowCount; r++)
            {
                equations.Add(new([.. Enumerable.Range(0, ColumnCount).Select(c => Cell(r, c))], RowTotal(r)));
            }

            for (var c = 0; c < ColumnCount; c++)
            {
                equations.Add(new([.. Enumerable.Range(0, RowCount).Select(r => Cell(r, c))], ColumnTotal(c)));
            }

            equations.Add(new([.. Enumerable.Range(0, RowCount).Select(RowTotal)], Grand));
            equations.Add(new([.. Enumerable.Range(0, ColumnCount).Select(ColumnTotal)], Grand));
            return equations;
        }

        public CellStatus[] Statuses(SuppressedTable table)
        {
            var status = new CellStatus[Grand + 1];
            for (var r = 0; r < RowCount; r++)
            {
                for (var c = 0; c < ColumnCount; c++)
                {
                    status[Cell(r, c)] = table.Cells[r][c].Status;
                }

                status[RowTotal(r)] = table.RowTotals[r].Status;
            }

            for (var c = 0; c < ColumnCount; c++)
            {
                status[ColumnTotal(c)] = table.ColumnTotals[c].Status;
            }

            status[Grand] = table.GrandTotal.Status;
            return status;
        }

        public DerivableCell Describe(int item) =>
            item < CellCount ? new(item / ColumnCount, item % ColumnCount)
            : item < CellCount + RowCount ? new(item - CellCount, null)
            : item < Grand ? new(null, item - CellCount - RowCount)
            : new(null, null);

        public SuppressedTable ToTable(IReadOnlyList<string> rows, IReadOnlyList<string> columns, long[] values, CellStatus[] status)
        {
            DisclosureCell At(int item) => new(values[item], status[item]);
            var cells = Enumerable.Range(0, RowCount)
                .Select(r => (IReadOnlyList<DisclosureCell>)[.. Enumerable.Range(0, ColumnCount).Select(c => At(Cell(r, c)))])
                .ToList();
            return new SuppressedTable(
                [.. rows],
                [.. columns],
                cells,
                [.. Enumerable.Range(0, RowCount).Select(r => At(RowTotal(r)))],
                [.. Enumerable.Range(0, ColumnCount).Select(c => At(ColumnTotal(c)))],
                At(Grand));
        }
    }
}
