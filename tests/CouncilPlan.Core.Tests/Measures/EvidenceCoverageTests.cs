using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Statistics;

namespace CouncilPlan.Core.Tests.Measures;

/// <summary>
/// Which statements of what the plan will change have evidence: only a published figure for the
/// council itself counts, and a statement without one says why.
/// </summary>
public sealed class EvidenceCoverageTests
{
    private const string Council = "E08000007";
    private const string England = "E92000001";
    private static readonly Dictionary<int, string> Keys = new() { [1] = "" };
    private static readonly AssessmentAreas Areas = new(Council, new HashSet<string>(), new Dictionary<string, IReadOnlyList<string>>());

    private static int nextId = 100;

    private static PlanElement Element(ElementKind kind, PlanElement? parent, int position, int? number = null) => new()
    {
        Id = Interlocked.Increment(ref nextId),
        PlanId = "plan",
        Key = $"{kind}-{position}-{nextId}".ToLowerInvariant(),
        Kind = kind,
        Parent = parent,
        ParentId = parent?.Id,
        Position = position,
        Number = number,
        Text = $"{kind} {position}",
    };

    private static PublicMeasure Measure(string code, string? source, IReadOnlyList<PlanElement> evidences, params (string Area, double Value)[] figures)
    {
        var measure = new Measure
        {
            Code = code,
            Title = code,
            Definition = "A percentage.",
            Unit = MeasureUnit.Percentage,
            Decimals = 1,
            Polarity = Polarity.HigherIsBetter,
            Frequency = Frequency.Annual,
            PeriodType = PeriodType.FinancialYear,
            PlanId = "plan",
            SourceId = source,
            BenchmarkAreaCode = England,
        };
        measure.Evidence.AddRange(evidences.Select(e => new MeasureEvidence { ElementId = e.Id, Element = e }));
        var period = Period.Of(PeriodType.FinancialYear, new DateOnly(2021, 4, 1));
        var observations = figures.Select(f => new Observation
        {
            Period = period.Label,
            PeriodStart = period.Start,
            PeriodEnd = period.End,
            AreaCode = f.Area,
            BreakdownId = 1,
            Value = f.Value,
            Published = true,
        });
        return new PublicMeasure(measure, null, null, [], MeasureAssessor.Assess(measure, observations, Keys, Areas, new DateOnly(2022, 1, 1)));
    }

    [Fact]
    public void StateOf_NoMeasures_IsNoMeasure() =>
        Assert.Equal(EvidenceState.NoMeasure, EvidenceCoverage.StateOf([]));

    [Fact]
    public void StateOf_OneMeasureWithACouncilFigure_IsPublished_EvenBesideOneAwaitingTheCouncil()
    {
        var statement = Element(ElementKind.ImpactStatement, null, 1);

        var state = EvidenceCoverage.StateOf([Measure("OWN", null, [statement]), Measure("OFF", "ons", [statement], (Council, 71.2))]);

        Assert.Equal(EvidenceState.Published, state);
    }

    [Fact]
    public void StateOf_OnlyEnglandsFigure_IsNotEvidenceForTheCouncil()
    {
        var statement = Element(ElementKind.ImpactStatement, null, 1);

        var state = EvidenceCoverage.StateOf([Measure("OFF", "ons", [statement], (England, 74.0))]);

        Assert.Equal(EvidenceState.AwaitingPublisher, state);
    }

    [Fact]
    public void StateOf_NoFiguresAndOneMeasureIsTheCouncilsOwn_IsAwaitingTheCouncil()
    {
        var statement = Element(ElementKind.ImpactStatement, null, 1);

        Assert.Equal(EvidenceState.AwaitingCouncil, EvidenceCoverage.StateOf([Measure("OFF", "ons", [statement]), Measure("OWN", null, [statement])]));
        Assert.Equal(EvidenceState.AwaitingPublisher, EvidenceCoverage.StateOf([Measure("OFF", "ons", [statement])]));
    }

    [Fact]
    public void For_ListsStatementsByTopLevelPartThenPlanOrder_WithOnlyTheirOwnMeasures()
    {
        var theme = Element(ElementKind.Theme, null, 1, number: 1);
        var second = Element(ElementKind.Ambition, null, 2, number: 2);
        var first = Element(ElementKind.Ambition, null, 1, number: 1);
        var keyArea = Element(ElementKind.KeyArea, first, 1);
        var late = Element(ElementKind.ImpactStatement, first, 9);
        var nested = Element(ElementKind.ImpactStatement, keyArea, 1);
        var ofSecond = Element(ElementKind.ImpactStatement, second, 1);
        var ofTheme = Element(ElementKind.ImpactStatement, theme, 1);
        var plan = new PlanView(
            new Plan { Id = "plan", Title = "A plan", Period = "2023-24", CouncilName = "A council", CouncilAreaCode = Council, FileHash = "" },
            [ofTheme, late, theme, ofSecond, nested, second, keyArea, first],
            []);
        var measures = new[] { Measure("M1", "ons", [ofSecond], (Council, 50)), Measure("M2", null, [late]) };

        var evidence = EvidenceCoverage.For(plan, measures);

        Assert.Equal([nested, late, ofSecond, ofTheme], evidence.Select(e => e.Statement));
        Assert.Equal([first, first, second, theme], evidence.Select(e => e.Section));
        Assert.Equal([EvidenceState.NoMeasure, EvidenceState.AwaitingCouncil, EvidenceState.Published, EvidenceState.NoMeasure], evidence.Select(e => e.State));
        Assert.Equal(["M2"], evidence[1].Measures.Select(m => m.Measure.Code));
    }
}
