using CouncilPlan.Core.Areas;
using CouncilPlan.Core.Validation;
using CouncilPlan.Testing;

namespace CouncilPlan.Core.Tests.Areas;

public sealed class AreaFileTests
{
    private static readonly AreaDocument Areas = AreaFileReader.ReadFile(RepositoryFiles.Areas);

    [Fact]
    public void StockportWardsFromMay2023_AreTheTwentyOneWithTheirOnsCodes()
    {
        var wards = Areas.Areas.Where(a => a.WardSetId == "stockport-2023").OrderBy(a => a.Code, StringComparer.Ordinal).ToList();

        Assert.Equal(21, wards.Count);
        Assert.Equal("E05015014", wards[0].Code);
        Assert.Equal("Bramhall North", wards[0].Name);
        Assert.Equal("E05015034", wards[^1].Code);
        Assert.Equal("Reddish South", wards[^1].Name);
        Assert.Contains(wards, w => w.Code == "E05015018" && w.Name == "Brinnington & Stockport Central");
        Assert.All(wards, w => Assert.Equal("E08000007", w.ParentCode));
        Assert.All(wards, w => Assert.InRange(w.Latitude!.Value, 53.3, 53.5));
    }

    [Fact]
    public void StockportWardsBefore2023_AreAWardSetOfTheirOwn()
    {
        var set = Assert.Single(Areas.WardSets, s => s.Id == "stockport-2004");
        Assert.Equal(new DateOnly(2023, 5, 3), set.To);
        Assert.True(set.IsInForceOn(new DateOnly(2016, 6, 30)));
        Assert.False(set.IsInForceOn(new DateOnly(2023, 5, 4)));
        Assert.Equal(21, Areas.Areas.Count(a => a.WardSetId == "stockport-2004"));
        Assert.Contains(Areas.Areas, a => a.Code == "E05000799" && a.Name == "Stepping Hill");
    }

    [Fact]
    public void GreaterManchesterCouncils_AreTheTenWithTheirOnsCodes()
    {
        var councils = Areas.Areas.Where(a => a.Type == AreaType.Council && a.ParentCode == "E47000001").OrderBy(a => a.Code, StringComparer.Ordinal).Select(a => (a.Code, a.Name)).ToList();

        Assert.Equal(
            [("E08000001", "Bolton"), ("E08000002", "Bury"), ("E08000003", "Manchester"), ("E08000004", "Oldham"), ("E08000005", "Rochdale"),
             ("E08000006", "Salford"), ("E08000007", "Stockport"), ("E08000008", "Tameside"), ("E08000009", "Trafford"), ("E08000010", "Wigan")],
            councils);
    }

    [Fact]
    public void Read_WardWithUnknownWardSet_ReportsTheLine()
    {
        var text = "format: councilplan/areas@1\nareas:\n  - code: E05000001\n    name: Somewhere\n    type: ward\n    ward_set: nowhere-2020\n";

        var error = Assert.Single(Assert.Throws<InvalidInputException>(() => AreaFileReader.Read("areas.yaml", new StringReader(text))).Errors);

        Assert.Equal(6, error.Row);
        Assert.Equal("ward set 'nowhere-2020' is not defined in 'ward_sets'", error.Message);
    }
}
