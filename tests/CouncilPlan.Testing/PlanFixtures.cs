using System.Text;

namespace CouncilPlan.Testing;

/// <summary>Small plan files for tests: a minimal valid plan that tests break one way at a time.</summary>
public static class PlanFixtures
{
    /// <summary>A valid plan with one of each part; tests find lines with <see cref="LineOf"/>.</summary>
    public const string Minimal = """
        format: councilplan/plan@1
        id: testshire-2025-26
        title: A test plan
        period: 2025-26
        starts: 2025-04-01
        ends: 2026-03-31
        council:
          name: Testshire Council
          area: E08000007
        mission: Our mission.
        vision: Our vision.
        partnership: We work together.
        values:
          items:
            - id: value-one
              title: Value one
        foundation:
          id: foundation
          title: Effective and efficient services
        borough_plan:
          id: borough-plan
          title: The Borough Plan
          pillars:
            - id: pillar-one
              title: One Heart
              priorities:
                - id: priority-one
                  number: 1
                  title: A caring place
                - id: priority-two
                  number: 2
                  title: A green place
        portfolios:
          - id: portfolio-one
            title: Portfolio One
        ambitions:
          - id: ambition-one
            number: 1
            title: Ambition one
            supports: [priority-one]
            key_areas:
              - id: key-area-one
                title: To do things
                text: the text of the key area.
                commitments:
                  - id: scheme-one
                    kind: scheme
                    title: Scheme one
                    quantity: 250
                    unit: apartments
                    due: 2026-03
            impact_statements:
              - id: impact-one
                text: More homes.
        themes:
          - id: theme-one
            number: 1
            title: Theme one
            supports: [priority-two]
            focus_areas:
              - id: focus-one
                title: Focus one
            impact_statements:
              - id: theme-impact-one
                text: Less carbon.
        programmes:
          - id: programme-one
            number: 1
            title: Programme one
            priority_actions:
              - id: action-one
                text: Do the first thing.
        scrutiny:
          rows:
            - id: row-one
              label: Jobs
              covers: [ambition-one]
              portfolios: [portfolio-one]
        """;

    public static string WriteTemp(string content, string name = "plan.yaml")
    {
        var folder = Path.Combine(Path.GetTempPath(), "councilplan-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    /// <summary>The line (1-based) of the first line containing <paramref name="text"/>, so tests need not count.</summary>
    public static int LineOf(string content, string text) =>
        content.Split('\n').Select((line, index) => (line, index)).First(l => l.line.Contains(text, StringComparison.Ordinal)).index + 1;
}

/// <summary>A small measure catalogue for the minimal plan.</summary>
public static class CatalogueFixtures
{
    public const string Minimal = """
        format: councilplan/measures@1
        plan: testshire-2025-26
        sources:
          - id: ons-test
            publisher: Office for National Statistics
            title: A test survey
            licence: Open Government Licence v3.0
            url: https://www.ons.gov.uk/
        dimensions:
          - id: free-school-meals
            title: Free school meal status
            categories:
              - id: eligible
                title: Eligible for free school meals
              - id: not-eligible
                title: Not eligible
        comparator_groups:
          - code: test-neighbours
            name: Test neighbours
            publisher: CIPFA
            members: [E08000001, E08000002]
        measures:
          - code: T-01
            title: Homes built
            definition: Net additional dwellings in the year.
            unit: count
            decimals: 0
            polarity: higher-is-better
            frequency: annual
            period_type: financial-year
            kind: performance
            source: ons-test
            portfolio: portfolio-one
            evidences: [impact-one, scheme-one]
            benchmark: E92000001
            comparators: [test-neighbours]
            suppress_below: 5
            targets:
              - period: 2025-26
                value: 250
                tolerance: 10
                tolerance_type: percent
                source: the plan's words
          - code: T-02
            title: Children ready for school
            definition: Percentage of children with a good level of development at the end of Reception.
            unit: percentage
            decimals: 1
            polarity: higher-is-better
            frequency: annual
            period_type: academic-year
            kind: context
            evidences: [theme-impact-one]
            breakdowns: [free-school-meals]
          - code: T-03
            title: Admissions to care homes
            definition: Permanent admissions of people aged 65 and over, per 100,000.
            unit: rate
            rate_per: 100000
            decimals: 1
            polarity: lower-is-better
            frequency: annual
            period_type: financial-year
            kind: context
            evidences: [impact-one]
        """;

    public static string WriteTemp(string content) => PlanFixtures.WriteTemp(content, "measures.yaml");
}
