using System.Text;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Validation;
using CouncilPlan.Testing;

namespace CouncilPlan.Core.Tests.Plans;

/// <summary>Any council's plan: its own levels and words, and nothing required that a plan may not have.</summary>
public sealed class PlanLevelsTests
{
    private const string Header = """
        format: councilplan/plan@1
        id: northdale-2025-29
        title: Northdale's Corporate Plan
        period: 2025-29
        starts: 2025-04-01
        ends: 2029-03-31
        council:
          name: Northdale District Council
          area: E07999002

        """;

    private static PlanDocument Read(string content) => PlanFileReader.Read("plan.yaml", Encoding.UTF8.GetBytes(content));

    private static InvalidInputException Reject(string content) => Assert.Throws<InvalidInputException>(() => Read(content));

    [Fact]
    public void Read_TwoLevelPlanWithNothingElse_StoresPrioritiesAndActionsInTheCouncilsWords()
    {
        var document = Read(Header + """
            words:
              service: Corporate Plan
              place: district
              reporting: annual
            levels:
              - key: priorities
                singular: priority
                plural: priorities
              - key: actions
                singular: action
            priorities:
              - id: healthy-communities
                title: Healthy communities
                actions:
                  - id: leisure-centre
                    title: Open the new leisure centre
                    due: 2026-09
            """);

        var priority = Assert.Single(document.OfKind(ElementKind.Ambition));
        var action = Assert.Single(document.OfKind(ElementKind.Commitment));
        Assert.Same(priority, action.Parent);
        Assert.Equal(new DateOnly(2026, 9, 1), action.Due);
        Assert.Empty(document.OfKind(ElementKind.KeyArea));
        var words = document.Plan.Words;
        Assert.Equal("Corporate Plan", words.Service);
        Assert.Equal("district", words.PlaceWord);
        Assert.Equal(ReportingRhythm.Annual, words.Reporting);
        Assert.Equal("priority", words.Name(ElementKind.Ambition));
        Assert.Equal("priorities", words.Name(ElementKind.Ambition, plural: true));
        Assert.Equal("actions", words.Name(ElementKind.Commitment, plural: true));
        Assert.Null(words.Middle);
        Assert.Null(document.Plan.Mission);
        Assert.Equal("Northdale District Council Corporate Plan 2025-29", document.Plan.Name);
    }

    [Fact]
    public void Read_ThreeLevelCountyPlan_PutsTheMiddleLevelBetween()
    {
        var document = Read(Header + """
            levels:
              - key: outcomes
                singular: outcome
              - key: objectives
                singular: objective
              - key: deliverables
                singular: deliverable
            outcomes:
              - id: safe-roads
                title: Safe roads
                objectives:
                  - id: fewer-potholes
                    title: Fewer potholes
                    deliverables:
                      - id: resurface
                        title: Resurface 100 miles of road
                        quantity: 100
                        unit: miles
                impact_statements:
                  - id: fewer-casualties
                    text: Fewer people hurt on our roads
            """);

        var objective = Assert.Single(document.OfKind(ElementKind.KeyArea));
        var deliverable = Assert.Single(document.OfKind(ElementKind.Commitment));
        Assert.Same(objective, deliverable.Parent);
        Assert.Equal("objectives", document.Plan.Words.Name(ElementKind.KeyArea, plural: true));
        Assert.Single(document.OfKind(ElementKind.ImpactStatement));
    }

    [Fact]
    public void Read_OneLevelPlan_HasOnlyItsPriorities()
    {
        var document = Read(Header + """
            levels:
              - key: aims
                singular: aim
            aims:
              - id: aim-one
                title: A cleaner place
            """);

        Assert.Single(document.OfKind(ElementKind.Ambition));
        Assert.Null(document.Plan.Words.Delivery);
        Assert.Null(document.Plan.Words.LevelOf(ElementKind.Commitment));
    }

    [Fact]
    public void Read_StockportFileWithNoLevels_KeepsAmbitionsKeyAreasAndCommitments()
    {
        var document = PlanFileReader.Read("plan.yaml", Encoding.UTF8.GetBytes(PlanFixtures.Minimal));

        Assert.Equal(PlanWords.DefaultLevels, document.Plan.Words.Levels);
        Assert.Equal("Council Plan", document.Plan.Words.Service);
        Assert.Single(document.OfKind(ElementKind.KeyArea));
    }

    [Fact]
    public void Read_WithNoTopLevelItems_SaysWhatIsNeededInTheCouncilsWords()
    {
        var content = Header + """
            levels:
              - key: priorities
                singular: priority
                plural: priorities
            """;

        var error = Assert.Single(Reject(content).Errors);

        Assert.StartsWith("the plan needs at least one priority: add 'priorities:'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WithTopLevelItemsUnderTheDefaultKeyButOwnLevels_RejectsTheUnknownField()
    {
        var content = Header + """
            levels:
              - key: priorities
                singular: priority
            priorities:
              - id: one
                title: One
            ambitions:
              - id: two
                title: Two
            """;

        var error = Assert.Single(Reject(content).Errors);

        Assert.Contains("unknown field 'ambitions'", error.Message, StringComparison.Ordinal);
        Assert.Equal(PlanFixtures.LineOf(content, "ambitions:"), error.Row);
    }

    [Theory]
    [InlineData("themes", "is already a field of the plan file")]
    [InlineData("title", "is already a field of the plan file")]
    [InlineData("Priorities", "must be lower-case words joined by '_'")]
    public void Read_WithALevelKeyThatCannotWork_NamesTheLine(string key, string message)
    {
        var content = Header + $"""
            levels:
              - key: {key}
                singular: priority
            """;

        var errors = Reject(content).Errors;

        var error = Assert.Single(errors, e => e.Message.Contains(message, StringComparison.Ordinal));
        Assert.Equal(PlanFixtures.LineOf(content, "- key:"), error.Row);
    }

    [Fact]
    public void Read_WithFourLevels_IsRefused()
    {
        var content = Header + """
            levels:
              - key: a
                singular: a
              - key: b
                singular: b
              - key: c
                singular: c
              - key: d
                singular: d
            a:
              - id: one
                title: One
            """;

        Assert.Contains(Reject(content).Errors, e => e.Message.Contains("names 4 levels, but a plan has one, two or three", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_WithUnknownReportingRhythm_NamesItsLine()
    {
        var content = Header + """
            words:
              reporting: monthly
            ambitions:
              - id: one
                title: One
            """;

        var error = Assert.Single(Reject(content).Errors);

        Assert.Equal("'words.reporting' must be 'quarterly' or 'annual', not 'monthly'", error.Message);
        Assert.Equal(PlanFixtures.LineOf(content, "reporting:"), error.Row);
    }

    [Fact]
    public void Words_RoundTripThroughTheirStoredForm()
    {
        var words = new PlanWords
        {
            Service = "Borough Plan",
            Place = "city",
            Reporting = ReportingRhythm.Annual,
            Levels = [new("outcomes", "outcome", "outcomes"), new("deliverables", "deliverable", "deliverables")],
        };

        var stored = new Plan { Id = "x", Title = "x", Period = "x", CouncilName = "x", CouncilAreaCode = "x", FileHash = "", Words = words }.WordsJson;

        var read = PlanWords.FromJson(stored);
        Assert.Equal(words.Service, read.Service);
        Assert.Equal(words.Reporting, read.Reporting);
        Assert.Equal(words.Levels, read.Levels);
        Assert.Equal("deliverable", read.Name(ElementKind.Commitment));
    }
}
