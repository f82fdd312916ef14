namespace CouncilPlan.Core.Areas;

/// <summary>A hex's place in an "odd-r" hex grid (odd rows shifted right by half a hex; rows count northwards).</summary>
public readonly record struct HexCell(int Column, int Row);

/// <summary>
/// Lays areas out as a hex map from their centroids: each area gets one hex, as close as it can be
/// to where its centroid is, all areas together placed to keep the total squared distance least
/// (an optimal assignment, solved with the Hungarian method), on a grid with about half as many
/// spare hexes as areas. No published hex layout exists for most councils' current wards, so the
/// project computes its own and keeps it as data (see data/areas.yaml, field hex).
/// </summary>
public static class HexLayout
{
    /// <summary>Row spacing of pointy-top hexes, in columns: a row is √3/2 of a column apart.</summary>
    private const double RowSpacing = 0.8660254037844386;

    public static IReadOnlyDictionary<string, HexCell> Compute(IReadOnlyList<(string Code, double Latitude, double Longitude)> areas)
    {
        if (areas.Count == 0)
        {
            return new Dictionary<string, HexCell>();
        }

        // Equirectangular projection, shrinking longitude by the cosine of the mean latitude.
        var meanLatitude = areas.Average(a => a.Latitude) * Math.PI / 180;
        var points = areas.Select(a => (a.Code, X: a.Longitude * Math.Cos(meanLatitude), Y: a.Latitude)).ToList();
        var minX = points.Min(p => p.X);
        var maxX = points.Max(p => p.X);
        var minY = points.Min(p => p.Y);
        var maxY = points.Max(p => p.Y);
        var width = Math.Max(maxX - minX, 1e-9);
        var height = Math.Max(maxY - minY, 1e-9);

        // Scale so that the grid over the areas' extent has about 1.5 hexes per area.
        var cells = 1.5 * areas.Count;
        var scale = Math.Sqrt(cells * RowSpacing / (width * height));
        var columns = Math.Max(1, (int)Math.Ceiling(width * scale) + 1);
        var rows = Math.Max(1, (int)Math.Ceiling(height * scale / RowSpacing) + 1);

        var grid = new List<HexCell>();
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                grid.Add(new HexCell(c, r));
            }
        }

        var cost = new double[points.Count, grid.Count];
        for (var i = 0; i < points.Count; i++)
        {
            var x = (points[i].X - minX) * scale;
            var y = (points[i].Y - minY) * scale;
            for (var j = 0; j < grid.Count; j++)
            {
                var (cx, cy) = Centre(grid[j]);
                cost[i, j] = ((cx - x) * (cx - x)) + ((cy - y) * (cy - y));
            }
        }

        var assignment = Assign(cost);
        return points.Select((p, i) => (p.Code, Cell: grid[assignment[i]])).ToDictionary(p => p.Code, p => p.Cell, StringComparer.Ordinal);
    }

    /// <summary>A hex's centre in column units, rows counting northwards.</summary>
    public static (double X, double Y) Centre(HexCell cell) => (cell.Column + ((cell.Row & 1) == 1 ? 0.5 : 0), cell.Row * RowSpacing);

    /// <summary>
    /// The least-cost assignment of each row (area) to a different column (hex): the Hungarian
    /// method with potentials (Kuhn 1955, Munkres 1957), O(n²m) for n areas and m ≥ n hexes.
    /// </summary>
    internal static int[] Assign(double[,] cost)
    {
        var n = cost.GetLength(0);
        var m = cost.GetLength(1);
        if (m < n)
        {
            throw new ArgumentException("there must be at least as many hexes as areas", nameof(cost));
        }

        var u = new double[n + 1];
        var v = new double[m + 1];
        var match = new int[m + 1];
        var way = new int[m + 1];
        for (var i = 1; i <= n; i++)
        {
            match[0] = i;
            var j0 = 0;
            var minv = Enumerable.Repeat(double.PositiveInfinity, m + 1).ToArray();
            var used = new bool[m + 1];
            do
            {
                used[j0] = true;
                var i0 = match[j0];
                var delta = double.PositiveInfinity;
                var j1 = 0;
                for (var j = 1; j <= m; j++)
                {
                    if (used[j])
                    {
                        continue;
                    }

                    var current = cost[i0 - 1, j - 1] - u[i0] - v[j];
                    if (current < minv[j])
                    {
                        minv[j] = current;
                        way[j] = j0;
                    }

                    if (minv[j] < delta)
                    {
                        delta = minv[j];
                        j1 = j;
                    }
                }

                for (var j = 0; j <= m; j++)
                {
                    if (used[j])
                    {
                        u[match[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        minv[j] -= delta;
                    }
                }

                j0 = j1;
            }
            while (match[j0] != 0);

            do
            {
                var j1 = way[j0];
                match[j0] = match[j1];
                j0 = j1;
            }
            while (j0 != 0);
        }

        var result = new int[n];
        for (var j = 1; j <= m; j++)
        {
            if (match[j] != 0)
            {
                result[match[j] - 1] = j - 1;
            }
        }

        return result;
    }
}
