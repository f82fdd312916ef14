using CouncilPlan.Core.Data;
using CouncilPlan.Core.Validation;

namespace CouncilPlan.Core.Tests.Data;

/// <summary>The small-areas folder of a dataset: ward figures built on load through a best-fit lookup.</summary>
public sealed class SmallAreaFiguresTests : IDisposable
{
    private readonly string planFolder = Path.Combine(Path.GetTempPath(), "councilplan-tests", Guid.NewGuid().ToString("N"));

    public SmallAreaFiguresTests() => Directory.CreateDirectory(Path.Combine(planFolder, SmallAreaFigures.FolderName));

    public void Dispose() => Directory.Delete(planFolder, recursive: true);

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(planFolder, SmallAreaFigures.FolderName, name), text);

    private void WriteFiles(string figures, string rule = "share-in-deciles:1-2", string council = "C1")
    {
        Write("lookup.csv", "# a lookup\nsmall_area,small_area_name,ward\nS1,One,W1\nS2,Two,W1\nS3,Three,W2\n");
        Write("figures.csv", "# figures\nsmall_area,small_area_name,decile\n" + figures);
        Write(SmallAreaFigures.ManifestName, $"measure,period,lookup,figures,column,rule,council,source\nM-01,2019,lookup.csv,figures.csv,decile,{rule},{council},the publisher\n");
    }

    [Fact]
    public void ObservationsCsv_WithNoSmallAreasFolder_IsNull()
    {
        Assert.Null(SmallAreaFigures.ObservationsCsv(Path.Combine(planFolder, "elsewhere")));
    }

    [Fact]
    public void ObservationsCsv_Share_GivesEachWardAndTheCouncilWithANoteSayingBestFit()
    {
        WriteFiles("S1,One,1\nS2,Two,7\nS3,Three,2\n");

        var lines = SmallAreaFigures.ObservationsCsv(planFolder)!.TrimEnd().Split('\n');

        Assert.Equal("measure,period,area,breakdown,value,numerator,denominator,status,quality_note,published", lines[0]);
        Assert.StartsWith("M-01,2019,W1,,50,,,final,\"Best-fit ward figure: the percentage (1 of 2) in national deprivation deciles 1 to 2, of the ward's 2 small areas (LSOAs), from the publisher. A best-fit lookup assigns each small area (LSOA) wholly to one ward", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("M-01,2019,W2,,100,", lines[2], StringComparison.Ordinal);
        Assert.Equal("M-01,2019,C1,,66.6667,,,final,,true", lines[3]);
        Assert.Equal(4, lines.Length);
    }

    [Fact]
    public void ObservationsCsv_CountByQuintile_CountsZerosForWardsWithSmallAreas()
    {
        WriteFiles("S1,One,1\nS2,Two,10\nS3,Three,2\n", "count-by-quintile", council: "");

        var rows = SmallAreaFigures.ObservationsCsv(planFolder)!.TrimEnd().Split('\n').Skip(1).Select(l => l.Split(',')[..5]).Select(c => string.Join(',', c)).ToList();

        Assert.Contains("M-01,2019,W1,,2", rows);
        Assert.Contains("M-01,2019,W1,deprivation-quintile:q1,1", rows);
        Assert.Contains("M-01,2019,W1,deprivation-quintile:q5,1", rows);
        Assert.Contains("M-01,2019,W2,deprivation-quintile:q5,0", rows);
        Assert.Equal(12, rows.Count);
    }

    [Fact]
    public void ObservationsCsv_SmallAreaMissingFromTheLookup_IsAnErrorNamingIt()
    {
        WriteFiles("S1,One,1\nS9,Nine,7\n");

        var error = Assert.Throws<InvalidInputException>(() => SmallAreaFigures.ObservationsCsv(planFolder));

        var message = Assert.Single(error.Errors).ToString();
        Assert.Contains("small area S9 is not in the best-fit lookup", message, StringComparison.Ordinal);
        Assert.Contains(SmallAreaFigures.ManifestName, message, StringComparison.Ordinal);
    }

    [Fact]
    public void ObservationsCsv_DecileOutOfRange_NamesTheFileAndLine()
    {
        WriteFiles("S1,One,1\nS2,Two,11\n");

        var error = Assert.Throws<InvalidInputException>(() => SmallAreaFigures.ObservationsCsv(planFolder));

        var single = Assert.Single(error.Errors);
        Assert.EndsWith("figures.csv", single.File, StringComparison.Ordinal);
        Assert.Equal(4, single.Row);
    }
}
