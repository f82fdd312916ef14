using System.Buffers.Binary;
using Xunit.Abstractions;

namespace CouncilPlan.Browser.Tests;

/// <summary>A full-page screenshot of each kind of page at desktop width and at 320 pixels, for a person to look at.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotTests(BrowserSite site, ITestOutputHelper output)
{
    [Theory]
    [InlineData(BrowserSite.DesktopWidth)]
    [InlineData(BrowserSite.NarrowWidth)]
    public async Task EveryKindOfPage_IsPhotographedWholeAtItsWidth(int width)
    {
        Directory.CreateDirectory(BrowserSite.ScreenshotFolder);
        await using var context = await site.NewContextAsync(width);
        var page = await context.NewPageAsync();
        var sizes = new Dictionary<string, long>();
        foreach (var type in await site.PageTypesAsync())
        {
            await BrowserSite.GoToAsync(page, type.Path, type.Status);
            var file = Path.Combine(BrowserSite.ScreenshotFolder, $"{type.Name}-{width}.png");
            var png = await page.ScreenshotAsync(new() { FullPage = true, Path = file, Animations = Microsoft.Playwright.ScreenshotAnimations.Disabled });

            // A PNG exactly as wide as the window (a wider one means the page scrolls sideways),
            // at least a window high, and not a blank page.
            Assert.True(png.Length > 8 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', $"{file} is not a PNG");
            var (pngWidth, pngHeight) = (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
            Assert.True(pngWidth == width, $"{type.Name} at {width} pixels: the full-page screenshot is {pngWidth} pixels wide");
            Assert.True(pngHeight >= page.ViewportSize!.Height, $"{type.Name} at {width} pixels: the screenshot is only {pngHeight} pixels high");
            Assert.True(png.Length > 15_000, $"{type.Name} at {width} pixels: the screenshot is only {png.Length} bytes: is the page blank?");
            sizes[type.Name] = png.Length;
        }

        Assert.Equal(sizes.Count, sizes.Values.Distinct().Count());
        output.WriteLine($"Screenshots at {width} pixels are in {BrowserSite.ScreenshotFolder}");
        Console.WriteLine($"Screenshots at {width} pixels are in {BrowserSite.ScreenshotFolder}");
    }
}
