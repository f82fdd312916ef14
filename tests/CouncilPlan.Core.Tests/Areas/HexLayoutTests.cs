using CouncilPlan.Core.Areas;
using CouncilPlan.Testing;

namespace CouncilPlan.Core.Tests.Areas;

public sealed class HexLayoutTests
{
    [Fact]
    public void StoredHexMap_IsTheLayoutComputedFromTheCentroids()
    {
        var wards = AreaFileReader.ReadFile(RepositoryFiles.Areas).Areas.Where(a => a.WardSetId == "stockport-2023").ToList();

        var computed = HexLayout.Compute(wards.Select(w => (w.Code, w.Latitude!.Value, w.Longitude!.Value)).ToList());

        Assert.Equal(21, computed.Count);
        Assert.All(wards, w => Assert.Equal(computed[w.Code], new HexCell(w.HexColumn!.Value, w.HexRow!.Value)));
    }

    [Fact]
    public void Compute_GivesEveryAreaItsOwnHexAndKeepsCompassOrder()
    {
        var wards = AreaFileReader.ReadFile(RepositoryFiles.Areas).Areas.Where(a => a.WardSetId == "stockport-2023").ToList();
        var layout = HexLayout.Compute(wards.Select(w => (w.Code, w.Latitude!.Value, w.Longitude!.Value)).ToList());

        Assert.Equal(21, layout.Values.Distinct().Count());
        HexCell Of(string name) => layout[wards.Single(w => w.Name == name).Code];

        // Reddish North is Stockport's most northerly ward, Bramhall South & Woodford its most
        // southerly, Marple North lies east and Cheadle West & Gatley west.
        Assert.True(Of("Reddish North").Row > Of("Bramhall South & Woodford").Row);
        Assert.True(HexLayout.Centre(Of("Marple North")).X > HexLayout.Centre(Of("Cheadle West & Gatley")).X);
    }

    [Fact]
    public void Assign_FindsTheLeastCostAssignment()
    {
        // Greedy (row by row, cheapest free column) would take 0→0 (1) then 1→1 (10): 11. The best is 0→1, 1→0: 4.
        double[,] cost = { { 1, 2 }, { 2, 10 } };

        Assert.Equal([1, 0], HexLayout.Assign(cost));
    }

    [Fact]
    public void Assign_WithMoreHexesThanAreas_LeavesTheWorstHexesEmpty()
    {
        double[,] cost = { { 5, 1, 9 }, { 1, 5, 9 } };

        Assert.Equal([1, 0], HexLayout.Assign(cost));
    }
}
