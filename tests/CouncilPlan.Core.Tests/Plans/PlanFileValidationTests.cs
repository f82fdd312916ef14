using System.Text;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Validation;
using CouncilPlan.Testing;

namespace CouncilPlan.Core.Tests.Plans;

/// <summary>A broken plan file is rejected whole, with every problem named by file, line and what is wrong.</summary>
public sealed class PlanFileValidationTests
{
    private static InvalidInputException Reject(string content)
    {
        var path = PlanFixtures.WriteTemp(content);
        return Assert.Throws<InvalidInputException>(() => PlanFileReader.ReadFile(path));
    }

    [Fact]
    public void Read_MinimalPlan_IsValid()
    {
        var document = PlanFileReader.Read("plan.yaml", Encoding.UTF8.GetBytes(PlanFixtures.Minimal));

        Assert.Equal("testshire-2025-26", document.Plan.Id);
        Assert.Single(document.OfKind(ElementKind.Scheme));
        Assert.Equal(4, document.Links.Count);
    }

    [Fact]
    public void Read_WithMalformedYaml_ReportsLineAndColumn()
    {
        var content = PlanFixtures.Minimal.Replace("title: A test plan", "title: [A test plan", StringComparison.Ordinal);

        var error = Assert.Single(Reject(content).Errors);

        Assert.Contains("malformed", error.Message, StringComparison.Ordinal);
        Assert.InRange(error.Row, 3, 4);
        Assert.True(long.Parse(error.Column, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.EndsWith("plan.yaml", error.File, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WithMissingRequiredField_NamesTheFieldAndTheLineOfItsElement()
    {
        var content = PlanFixtures.Minimal.Replace("    title: Ambition one\n", "", StringComparison.Ordinal);

        var error = Assert.Single(Reject(content).Errors);

        Assert.Equal("'ambitions[0].title' is required but missing", error.Message);
        Assert.Equal(PlanFixtures.LineOf(content, "- id: ambition-one"), error.Row);
    }

    [Fact]
    public void Read_WithDuplicateId_ReportsTheRepeatAndWhereTheFirstIs()
    {
        var content = PlanFixtures.Minimal.Replace("- id: focus-one", "- id: key-area-one", StringComparison.Ordinal);

        var error = Assert.Single(Reject(content).Errors);

        Assert.Equal(PlanFixtures.LineOf(content, "focus_areas:") + 1, error.Row);
        Assert.Equal($"duplicate id 'key-area-one': it is already used on line {PlanFixtures.LineOf(content, "- id: key-area-one")}", error.Message);
    }

    [Fact]
    public void Read_WithReferenceToMissingElement_ReportsTheReference()
    {
        var content = PlanFixtures.Minimal.Replace("covers: [ambition-one]", "covers: [ambition-nine]", StringComparison.Ordinal);

        var error = Assert.Single(Reject(content).Errors);

        Assert.Equal("'ambition-nine' does not refer to any element in this plan", error.Message);
        Assert.Equal(PlanFixtures.LineOf(content, "ambition-nine"), error.Row);
    }

    [Fact]
    public void Read_WithReferenceToWrongKindOfElement_SaysWhatIsAllowed()
    {
        var content = PlanFixtures.Minimal.Replace("portfolios: [portfolio-one]", "portfolios: [theme-one]", StringComparison.Ordinal);

        var error = Assert.Single(Reject(content).Errors);

        Assert.Equal("'theme-one' is a theme, but only portfolio can be named here", error.Message);
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-02-30")]
    [InlineData("next spring")]
    [InlineData("26-03-2026")]
    public void Read_WithDateThatIsNotADate_ReportsTheDate(string date)
    {
        var content = PlanFixtures.Minimal.Replace("due: 2026-03", $"due: {date}", StringComparison.Ordinal);

        var error = Assert.Single(Reject(content).Errors);

        Assert.Equal($"'ambitions[0].key_areas[0].commitments[0].due' '{date}' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY", error.Message);
        Assert.Equal(PlanFixtures.LineOf(content, "due: "), error.Row);
    }

    [Fact]
    public void Read_WithUnknownField_ReportsItAsATypo()
    {
        var content = PlanFixtures.Minimal.Replace("    number: 1\n    title: Ambition one", "    number: 1\n    titel: Ambition one", StringComparison.Ordinal);

        var errors = Reject(content).Errors;

        Assert.Contains(errors, e => e.Message.StartsWith("unknown field 'titel' in ambitions[0]", StringComparison.Ordinal) && e.Row == PlanFixtures.LineOf(content, "titel"));
    }

    [Fact]
    public void Read_WithSeveralProblems_ReportsThemAllInLineOrder()
    {
        var content = PlanFixtures.Minimal
            .Replace("starts: 2025-04-01", "starts: April", StringComparison.Ordinal)
            .Replace("number: 1\n    title: Ambition one", "number: first\n    title: Ambition one", StringComparison.Ordinal)
            .Replace("supports: [priority-two]", "supports: [priority-nine]", StringComparison.Ordinal);

        var errors = Reject(content).Errors;

        Assert.Equal(3, errors.Count);
        Assert.Equal(errors.OrderBy(e => e.Row).Select(e => e.Row), errors.Select(e => e.Row));
        Assert.Contains("'starts' 'April' is not a date", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("must be a whole number, not 'first'", errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("'priority-nine' does not refer", errors[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WithIdThatIsNotASlug_ExplainsTheRule()
    {
        var content = PlanFixtures.Minimal.Replace("id: scheme-one", "id: Scheme One", StringComparison.Ordinal);

        var error = Assert.Single(Reject(content).Errors);

        Assert.StartsWith("'ambitions[0].key_areas[0].commitments[0].id' 'Scheme One' is not a valid identifier", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WithQuantityButNoUnit_AsksForTheUnit()
    {
        var content = PlanFixtures.Minimal.Replace("            unit: apartments\n", "", StringComparison.Ordinal);

        var error = Assert.Single(Reject(content).Errors);

        Assert.Equal("'ambitions[0].key_areas[0].commitments[0].unit' is required but missing", error.Message);
    }

    [Fact]
    public void Read_WithTextThatIsNotUtf8_SaysSo()
    {
        var bytes = Encoding.Latin1.GetBytes(PlanFixtures.Minimal.Replace("Our vision.", "Our vision for Stockport £", StringComparison.Ordinal));

        var error = Assert.Single(Assert.Throws<InvalidInputException>(() => PlanFileReader.Read("latin1.yaml", bytes)).Errors);

        Assert.Equal("the file is not UTF-8 text: save it as UTF-8", error.Message);
    }

    [Fact]
    public void Read_WithUnknownCouncilArea_ReportsIt()
    {
        var document = Encoding.UTF8.GetBytes(PlanFixtures.Minimal);

        var error = Assert.Single(Assert.Throws<InvalidInputException>(() => PlanFileReader.Read("plan.yaml", document, new HashSet<string> { "E08000001" })).Errors);

        Assert.StartsWith("'council.area' 'E08000007' is not a known area", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorText_NamesFileLineAndColumn()
    {
        Assert.Equal("plans/x.yaml:12:5: something is wrong", InputError.At("plans/x.yaml", 12, 5, "something is wrong").ToString());
    }
}
