using CouncilPlan.Core.Plans;
using CouncilPlan.Testing;

namespace CouncilPlan.Core.Tests.Plans;

/// <summary>The default plan file holds all of the Stockport Council Plan 2023-24 as BRIEF.md lists it.</summary>
public sealed class StockportPlanFileTests
{
    private static readonly PlanDocument Plan = PlanFileReader.ReadFile(RepositoryFiles.StockportPlan);

    private static List<PlanElement> ChildrenOf(PlanElement parent, ElementKind kind) =>
        Plan.Elements.Where(e => ReferenceEquals(e.Parent, parent) && e.Kind == kind).ToList();

    [Fact]
    public void Plan_HasTitlePeriodMissionVisionAndPartnershipLine()
    {
        Assert.Equal("stockport-2023-24", Plan.Plan.Id);
        Assert.Equal("Ambitious Stockport, creating opportunities for everyone", Plan.Plan.Title);
        Assert.Equal("2023-24", Plan.Plan.Period);
        Assert.Equal(new DateOnly(2023, 4, 1), Plan.Plan.Starts);
        Assert.Equal(new DateOnly(2024, 3, 31), Plan.Plan.Ends);
        Assert.Equal("One team on a mission to create opportunities for Stockport.", Plan.Plan.Mission);
        Assert.Equal("Ambitious Stockport. A place that everyone is proud to call home.", Plan.Plan.Vision);
        Assert.Equal("We work together with our partners as One Stockport.", Plan.Plan.Partnership);
        Assert.Equal("E08000007", Plan.Plan.CouncilAreaCode);
    }

    [Fact]
    public void Plan_HasFourValuesTheFoundationAndThePeerChallenge()
    {
        Assert.Equal(4, Plan.OfKind(ElementKind.Value).Count());
        var foundation = Assert.Single(Plan.OfKind(ElementKind.Foundation));
        Assert.Equal("Effective and efficient services", foundation.Title, ignoreCase: true);
        var peer = Assert.Single(Plan.OfKind(ElementKind.PeerChallenge));
        Assert.Equal(new DateOnly(2022, 11, 1), peer.Due);
        Assert.Contains("Local Government Association", peer.Title + peer.Group, StringComparison.Ordinal);
        Assert.NotEmpty(ChildrenOf(peer, ElementKind.PeerRecommendation));
    }

    [Theory]
    [InlineData(550, "homes")]
    [InlineData(450, "children")]
    [InlineData(170000, "enquiries")]
    [InlineData(11000, "school applications")]
    [InlineData(14000000, "bins")]
    [InlineData(4000, "streetlights")]
    [InlineData(470000, "library books")]
    [InlineData(6000, "births and deaths")]
    [InlineData(150000000, "GBP")]
    public void HeadlineFacts_IncludeThePastYearsFigures(decimal figure, string unitContains)
    {
        Assert.Contains(Plan.OfKind(ElementKind.HeadlineFact), f => f.Quantity == figure && f.Unit!.Contains(unitContains, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void BoroughPlan_HasThreePillarsWithThreePrioritiesEach()
    {
        var boroughPlan = Assert.Single(Plan.OfKind(ElementKind.BoroughPlan));
        var pillars = ChildrenOf(boroughPlan, ElementKind.Pillar);
        Assert.Equal(["One Heart", "One Home", "One Future"], pillars.Select(p => p.Title!).ToArray(), StringComparer.OrdinalIgnoreCase);
        Assert.All(pillars, p => Assert.Equal(3, ChildrenOf(p, ElementKind.BoroughPriority).Count));
        Assert.Equal(9, Plan.OfKind(ElementKind.BoroughPriority).Count());
    }

    [Fact]
    public void Ambitions_HaveTheirKeyAreasAndImpactStatements()
    {
        var ambitions = Plan.OfKind(ElementKind.Ambition).OrderBy(a => a.Number).ToList();
        Assert.Equal(
            ["Investment, regeneration and creating jobs", "Education, work and skills", "Wellbeing in neighbourhoods", "Delivering for those who need it most"],
            ambitions.Select(a => a.Title!).ToArray());
        Assert.Equal([4, 4, 4, 5], ambitions.Select(a => ChildrenOf(a, ElementKind.KeyArea).Count).ToArray());
        Assert.Equal([5, 10, 5, 7], ambitions.Select(a => ChildrenOf(a, ElementKind.ImpactStatement).Count).ToArray());
        Assert.Equal(17, Plan.OfKind(ElementKind.KeyArea).Count());
    }

    [Fact]
    public void Themes_HaveFocusAreasTargetsAndImpactStatements()
    {
        var themes = Plan.OfKind(ElementKind.Theme).OrderBy(t => t.Number).ToList();
        Assert.Equal(["Fair and Inclusive Stockport", "Climate Action Now"], themes.Select(t => t.Title!).ToArray());
        Assert.Equal([4, 4], themes.Select(t => ChildrenOf(t, ElementKind.FocusArea).Count).ToArray());
        Assert.Equal([7, 5], themes.Select(t => ChildrenOf(t, ElementKind.ImpactStatement).Count).ToArray());

        var targets = ChildrenOf(themes[1], ElementKind.Target);
        Assert.Contains(targets, t => t.Scope == "council" && t.Due!.Value.Year == 2030);
        Assert.Contains(targets, t => t.Scope == "borough" && t.Due!.Value.Year == 2038);
    }

    [Fact]
    public void Programmes_AreTheFourEnablingProgrammesWithTheirPartsAndActions()
    {
        var programmes = Plan.OfKind(ElementKind.Programme).OrderBy(p => p.Number).ToList();
        Assert.Equal(
            ["Our Workforce", "Working with others", "Radically Digital Stockport", "Delivering change and spending wisely"],
            programmes.Select(p => p.Title!).ToArray());
        Assert.Equal(
            ["Join Us", "Grow and Thrive", "Feel Supported", "Belong Here", "Live Our Values"],
            ChildrenOf(programmes[0], ElementKind.ProgrammePart).Select(p => p.Title!).ToArray());
        Assert.Equal(
            ["Digital Practice", "Digital Data", "Digital Architecture"],
            ChildrenOf(programmes[2], ElementKind.ProgrammePart).Select(p => p.Title!).ToArray());
        Assert.All(programmes, p => Assert.NotEmpty(ChildrenOf(p, ElementKind.PriorityAction)));
    }

    [Theory]
    [InlineData("Weir Mill", 250, null)]
    [InlineData("Stockport Interchange", 196, null)]
    [InlineData("Stockport Exchange", null, "2023-08")]
    [InlineData("Cheadle Eco Park", null, "2027")]
    public void Schemes_CarryTheDatesAndQuantitiesTheTextGives(string title, int? quantity, string? due)
    {
        var scheme = Assert.Single(Plan.OfKind(ElementKind.Scheme), s => s.Title!.StartsWith(title, StringComparison.Ordinal));
        Assert.Equal(quantity, (int?)scheme.Quantity);
        if (due is not null)
        {
            Assert.Equal(due, scheme.Due!.Value.ToString(due.Length == 4 ? "yyyy" : "yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [InlineData(4000, "homes")]
    [InlineData(3, null)]
    [InlineData(7, null)]
    [InlineData(2, "jobs fairs")]
    [InlineData(20, "flats")]
    public void Commitments_CarryTheQuantitiesTheTextGives(decimal quantity, string? unit)
    {
        Assert.Contains(
            Plan.Elements.Where(e => e.Kind is ElementKind.Commitment or ElementKind.Scheme),
            c => c.Quantity == quantity && (unit is null || c.Unit!.Contains(unit, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void FamilyHubsAndTheVcfseAlliance_HaveTheirDates()
    {
        var commitments = Plan.Elements.Where(e => e.Kind is ElementKind.Commitment).ToList();
        Assert.Contains(commitments, c => c.Quantity == 3 && c.Due == new DateOnly(2023, 4, 1) && c.Text!.Contains("family hub", StringComparison.OrdinalIgnoreCase) | c.Title!.Contains("family hub", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(commitments, c => c.Quantity == 7 && c.Due == new DateOnly(2024, 4, 1));
        Assert.Contains(commitments, c => c.Title!.Contains("VCFSE Alliance", StringComparison.Ordinal) && c.Due == new DateOnly(2023, 4, 1));
    }

    [Fact]
    public void Portfolios_AnswerForTheAmbitionsThemesAndProgrammesAsTheTableSays()
    {
        Assert.Equal(6, Plan.OfKind(ElementKind.Portfolio).Count());
        var rows = Plan.OfKind(ElementKind.ScrutinyRow).ToList();
        Assert.Equal(6, rows.Count);

        string[] PortfoliosFor(string label) => Plan.Links
            .Where(l => l.Kind == LinkKind.AnsweredBy && l.From!.Title == label)
            .Select(l => l.To!.Title!).ToArray();

        Assert.Equal(["Economy and Regeneration", "Communities and Housing"], PortfoliosFor("Jobs and investment"));
        Assert.Equal(["Finance and Resources"], PortfoliosFor("Enabling programmes"));
        Assert.Equal(["Climate Change and Environment", "Communities and Housing"], PortfoliosFor("Cross-cutting themes"));

        var enabling = Plan.Links.Where(l => l.Kind == LinkKind.Covers && l.From!.Title == "Enabling programmes").Select(l => l.To!.Kind);
        Assert.Equal(4, enabling.Count(k => k == ElementKind.Programme));
    }

    [Fact]
    public void AmbitionsAndThemes_SayWhichBoroughPlanPriorityTheySupport()
    {
        var supports = Plan.Links.Where(l => l.Kind == LinkKind.Supports).ToList();
        Assert.Contains(supports, l => l.From!.Number == 1 && l.From.Kind == ElementKind.Ambition && l.To!.Title == "An enterprising and thriving Stockport");
        Assert.Contains(supports, l => l.From!.Kind == ElementKind.Theme && l.To!.Title == "A climate friendly Stockport");
    }

    [Fact]
    public void EveryElementId_IsUnique()
    {
        Assert.Equal(Plan.Elements.Count, Plan.Elements.Select(e => e.Key).Distinct(StringComparer.Ordinal).Count());
    }
}
