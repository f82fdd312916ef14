using CouncilPlan.Core.Areas;

namespace CouncilPlan.Core.Tests.Areas;

/// <summary>Map geometry: outlines keep their real proportions; the hex map needs a layout.</summary>
public sealed class AreaMapDrawingTests
{
    private static Area Ward(string code, string name, string? boundary = null, int? column = null, int? row = null) => new()
    {
        Code = code,
        Name = name,
        Type = AreaType.Ward,
        Boundary = boundary,
        HexColumn = column,
        HexRow = row,
    };

    private static string Square(double lon, double lat, double size) =>
        $$"""{"type":"Polygon","coordinates":[[[{{lon}},{{lat}}],[{{lon + size}},{{lat}}],[{{lon + size}},{{lat + size}}],[{{lon}},{{lat + size}}],[{{lon}},{{lat}}]]]}""";

    [Fact]
    public void Outlines_AtSixtyDegreesNorth_AreHalfAsWideAsADegreeOfLatitude()
    {
        // Two squares of one degree side by side: 2 degrees of longitude by 1 of latitude. At 60 N a
        // degree of longitude is cos(60) = half as long, so the map is as wide as it is tall.
        var areas = new[] { Ward("W1", "West", Square(0, 59.5, 1)), Ward("W2", "East", Square(1, 59.5, 1)) };

        var drawing = AreaMapDrawing.Outlines(areas)!;

        Assert.False(drawing.IsHex);
        Assert.InRange(drawing.Width / drawing.Height, 0.98, 1.02);
        Assert.Equal(["East", "West"], drawing.Shapes.Select(s => s.Area.Name));
        Assert.All(drawing.Shapes, s => Assert.Matches(@"^M[\d.,L]+Z$", s.Path));
        Assert.True(drawing.Shapes.Single(s => s.Area.Code == "W2").LabelX > drawing.Shapes.Single(s => s.Area.Code == "W1").LabelX);
    }

    [Fact]
    public void Outlines_WhenAnyWardHasNoBoundary_AreNotDrawn_AndTheHexMapIsUsed()
    {
        var areas = new[] { Ward("W1", "West", Square(0, 53, 0.1), 0, 0), Ward("W2", "East", null, 1, 0) };

        Assert.Null(AreaMapDrawing.Outlines(areas));
        var best = AreaMapDrawing.Best(areas)!;
        Assert.True(best.IsHex);
        Assert.Equal(2, best.Shapes.Count);
    }

    [Fact]
    public void Hex_WithNoLayout_IsNothing() =>
        Assert.Null(AreaMapDrawing.Best([Ward("W1", "West")]));

    [Theory]
    [InlineData("Edgeley", "Edgeley")]
    [InlineData("Bramhall South & Woodford", "Bramhall S")]
    [InlineData("Brinnington and Stockport Central", "Brinnin. S")]
    public void Abbreviate_FitsAHex(string name, string expected) =>
        Assert.Equal(expected, AreaMapDrawing.Abbreviate(name));
}
