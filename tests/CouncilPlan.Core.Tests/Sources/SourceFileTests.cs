using CouncilPlan.Core.Sources;
using CouncilPlan.Core.Validation;

namespace CouncilPlan.Core.Tests.Sources;

/// <summary>Reading and checking a sources file (docs/sources-file-format.md).</summary>
public sealed class SourceFileTests
{
    [Fact]
    public void Read_TheTestFile_GivesEachSourceItsServicePublishSettingAndSeries()
    {
        var sources = SourceWorld.Sources();

        Assert.Equal(
            [("ohid-activity", SourceService.Fingertips, SourcePublish.Automatic), ("ons-aps", SourceService.Nomis, SourcePublish.Automatic), ("dfe-attainment", SourceService.Ees, SourcePublish.Review), ("council-housing", SourceService.File, SourcePublish.Automatic)],
            sources.Select(s => (s.SourceId, s.Service, s.Publish)));
        Assert.Equal("annually, in spring", sources[0].Releases);
        Assert.Equal("", sources[0].Series[0].Breakdowns["Persons"]);
        Assert.Equal("MEASURES_NAME=Confidence", sources[1].Series[0].Pivot["confidence"]);
    }

    [Fact]
    public void Read_WithProblems_NamesFileLineAndFieldOfEach()
    {
        var error = Assert.Throws<InvalidInputException>(() => SourceFileReader.Read("sources.yaml", new StringReader("""
            format: councilplan/sources@1
            sources:
              - source: ons-aps
                service: nomsi
                series:
                  - measure: A2-01
                    query: { geography: "1946157089" }
              - source: ohid
                service: fingertips
                publish: later
                series:
                  - measure: A3-01
                    query: { indicator_id: "1", child_area_type_id: "502" }
                    colums: { value: Value }
            """)));

        Assert.Equal(
            [
                "sources.yaml:4:14: 'sources[0].service' is 'nomsi': use one of fingertips, nomis, ees, file",
                "sources.yaml:10:14: 'sources[1].publish' is 'later': use one of automatic, review",
                "sources.yaml:13:16: 'sources[1].series[0].query' needs 'parent_area_type_id' for the fingertips service",
                "sources.yaml:14:9: unknown field 'colums' in sources[1].series[0] (allowed here: areas, breakdowns, calendar_year, columns, combine, derive, filters, measure, periods_after, periods_end_before, periods_from, pivot, query, recorded, scale, share_of, small_areas)",
            ],
            error.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Read_AnEesSeries_NeedsExactlyOneOfItsApiIdAndItsCatalogueId()
    {
        var error = Assert.Throws<InvalidInputException>(() => SourceFileReader.Read("sources.yaml", new StringReader("""
            format: councilplan/sources@1
            sources:
              - source: dfe-attainment
                service: ees
                series:
                  - measure: AY-1
                    query: { version: "1.0" }
                    columns: { value: average_score }
                  - measure: AY-2
                    query: { data_set: 7c0e9201-c7c0-ff73-bee4-304e731ec0e6, catalogue_data_set: 20d00e28-7d5b-4469-af00-e7ad73fbab27 }
                    columns: { value: average_score }
                  - measure: AY-3
                    query: { catalogue_data_set: 20d00e28-7d5b-4469-af00-e7ad73fbab27 }
                    columns: { value: average_score }
            """)));

        Assert.Equal(
            [
                "sources.yaml:7:16: 'sources[0].series[0].query' needs 'data_set' (the API data set id) or 'catalogue_data_set' (the id in the data set's data catalogue address) for the ees service",
                "sources.yaml:10:16: 'sources[0].series[1].query' names both 'data_set' and 'catalogue_data_set': keep one (the API id when DfE gives one)",
            ],
            error.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Read_ADerivedPercentage_NeedsItsCounts_AndNoValueColumnOrPivot()
    {
        var error = Assert.Throws<InvalidInputException>(() => SourceFileReader.Read("sources.yaml", new StringReader("""
            format: councilplan/sources@1
            sources:
              - source: dfe-ehcp
                service: ees
                series:
                  - measure: AY-1
                    query: { catalogue_data_set: 49e7efca-f010-4044-9f70-578032a23cf7 }
                    columns: { value: percent, numerator: special_independent }
                    derive: percentage
                  - measure: AY-2
                    query: { catalogue_data_set: 49e7efca-f010-4044-9f70-578032a23cf7 }
                    columns: { numerator: special_independent, denominator: ehcplans }
                    derive: ratio
                  - measure: AY-3
                    query: { catalogue_data_set: 49e7efca-f010-4044-9f70-578032a23cf7 }
                    columns: { numerator: special_independent + special_non_maintained, denominator: ehcplans }
                    derive: percentage
                    calendar_year: academic-year-starting
            """)));

        Assert.Equal(
            [
                "sources.yaml:8:18: 'sources[0].series[0].columns' needs 'denominator': a derived percentage is worked out from the numerator and denominator",
                "sources.yaml:8:18: 'sources[0].series[0].columns' names 'value' and the series derives it: keep one",
                "sources.yaml:13:17: 'sources[0].series[1].derive' is 'ratio': the one figure that can be worked out is 'percentage'",
                "sources.yaml:18:24: 'sources[0].series[2].calendar_year' is 'academic-year-starting': the one setting is 'academic-year-ending', for the ees service",
            ],
            error.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Read_PeriodsAcross_RefusesAValueOrPeriodColumnBesideIt_AnEndWithoutAStart_AndABadScale()
    {
        var error = Assert.Throws<InvalidInputException>(() => SourceFileReader.Read("sources.yaml", new StringReader("""
            format: councilplan/sources@1
            sources:
              - source: council-housing
                service: file
                series:
                  - measure: M-1
                    query: { url: "https://data.example.gov.uk/lt122.ods" }
                    columns: { area: Current ONS code, value: Dwellings }
                    periods_from: "2001-02"
                  - measure: M-2
                    query: { url: "https://data.example.gov.uk/lt122.ods" }
                    columns: { area: Current ONS code, value: Dwellings }
                    periods_end_before: 5-Year Average
                    scale: none
                  - measure: M-3
                    query: { url: "https://data.example.gov.uk/lt122.ods" }
                    columns: { area: Current ONS code }
                    periods_from: "2001-02"
                    periods_end_before: 5-Year Average
                    scale: 100
                  - measure: M-4
                    query: { url: "https://data.example.gov.uk/lt122.ods" }
                    columns: { area: Current ONS code }
                    periods_from: "2001-02"
                    periods_after: Name
                  - measure: M-5
                    query: { url: "https://data.example.gov.uk/d1.ods", sheet_number: eight }
                    columns: { area: Code, period: Quarter, value: A }
                  - measure: M-6
                    query: { url: "https://data.example.gov.uk/d1.ods", sheet: LA, sheet_number: "8" }
                    columns: { area: Code, period: Quarter, value: A }
                  - measure: M-7
                    query: { url: "https://data.example.gov.uk/renewables.xlsx", sheet: "LA - Generation, 2024", period: "2024" }
                    columns: { area: Code, period: Year, value: Photovoltaics }
                  - measure: M-8
                    query: { url: "https://data.example.gov.uk/renewables.xlsx", period: "2024" }
                    columns: { area: Code }
                    periods_from: "2014"
                  - measure: M-9
                    query: { url: "https://data.example.gov.uk/renewables.xlsx", sheet: "LA - Generation, 2024", period: "2024" }
                    columns: { area: Code, value: Photovoltaics }
            """)));

        Assert.Equal(
            [
                "sources.yaml:8:18: 'sources[0].series[0].columns' names 'value' and the series has 'periods_from': the periods are the column headings from '2001-02' on, and the figures under them the values",
                "sources.yaml:12:18: 'sources[0].series[1].columns' needs 'period' for a file: name the column that holds it (or, for a table with a column per period, give 'periods_from': the first period's heading, or 'periods_after': the column the periods follow; or, for a sheet about one period, 'query.period')",
                "sources.yaml:13:29: 'sources[0].series[1].periods_end_before' needs 'periods_from' (the heading of the first period) or 'periods_after' (the column the periods follow)",
                "sources.yaml:14:16: 'sources[0].series[1].scale' is 'none': write the number each figure is multiplied by, for example 100 where the table holds percentages as fractions",
                "sources.yaml:25:24: 'sources[0].series[3]' has both 'periods_from' and 'periods_after': keep one (the first period's heading, or the heading of the column the periods follow)",
                "sources.yaml:27:16: 'sources[0].series[4].query.sheet_number' is 'eight': write the sheet's place in the workbook, 1 for the first",
                "sources.yaml:30:16: 'sources[0].series[5].query' names both 'sheet' and 'sheet_number': keep one (the name when it is known)",
                "sources.yaml:33:16: 'sources[0].series[6].query.period' is for a sheet about one period, and the series also has 'columns.period': keep one",
                "sources.yaml:36:16: 'sources[0].series[7].query.period' is for a sheet about one period, and the series also has 'periods_from': keep one",
            ],
            error.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Read_CombinedCountsAndShares_NeedTheBreakdownColumnAndKeptLabels_AndGoWithNoOtherWayOfMakingAFigure()
    {
        var error = Assert.Throws<InvalidInputException>(() => SourceFileReader.Read("sources.yaml", new StringReader("""
            format: councilplan/sources@1
            sources:
              - source: ons-census-2021
                service: nomis
                series:
                  - measure: M-1
                    query: { dataset: NM_2084_1 }
                    combine: { Level 2 or above: Level 2 + Level 3 }
                  - measure: M-2
                    query: { dataset: NM_2084_1 }
                    columns: { breakdown: C2021_HIQUAL_8_NAME }
                    combine: { Level 2 or above: Level 2, Everyone: None + Level 1 }
                    breakdowns: { Level 2 or above: "" }
                  - measure: M-3
                    query: { dataset: NM_2084_1 }
                    columns: { breakdown: C2021_HIQUAL_8_NAME, denominator: Total }
                    share_of: Total
                    pivot: { value: MEASURES_NAME=Value }
                    breakdowns: { None: "" }
                  - measure: M-4
                    query: { dataset: NM_2084_1 }
                    columns: { breakdown: C2021_HIQUAL_8_NAME }
                    combine: { Level 2 or above: Level 2 + Level 3, Level 1 or above: Level 1 + Level 2 or above }
                    breakdowns: { Level 2 or above: "", Level 1 or above: "level:1" }
            """)));

        Assert.Equal(
            [
                "sources.yaml:8:18: 'sources[0].series[0].combine' needs 'columns.breakdown': the column whose labels it names",
                "sources.yaml:8:18: 'sources[0].series[0].combine' needs 'breakdowns': the labels whose figures are kept",
                "sources.yaml:12:18: 'sources[0].series[1].combine.Level 2 or above' is 'Level 2': write the labels it adds up, joined by ' + ' with a space each side",
                "sources.yaml:12:18: 'sources[0].series[1].combine.Everyone' is neither kept nor the whole: add 'Everyone' to 'breakdowns' with its breakdown key (\"\" for the whole population), or name it in 'share_of'",
                "sources.yaml:16:18: 'sources[0].series[2].columns' names a numerator or denominator and the series has 'share_of': each share's numerator is its label's count and its denominator the count of 'Total'",
                "sources.yaml:18:16: 'sources[0].series[2]' has 'share_of' with 'pivot': a figure made from the counts of several rows is one or the other",
                "sources.yaml:23:18: 'sources[0].series[3].combine.Level 1 or above' adds up 'Level 2 or above', itself a combined label: add up the publisher's own labels",
            ],
            error.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Check_ASourceOrMeasureTheCatalogueDoesNotHave_OrAnotherSourcesMeasure_IsNamedWithItsLine()
    {
        var document = new SourceDocument("sources.yaml", SourceWorld.Sources());

        var errors = SourceFileReader.Check(
            document,
            new HashSet<string>(StringComparer.Ordinal) { "ohid-activity", "ons-aps", "council-housing" },
            new Dictionary<string, string?>(StringComparer.Ordinal) { ["PCT-1"] = "ohid-activity", ["R12-1"] = "council-housing" });

        Assert.Equal(
            [
                "measure 'R12-1' has source 'council-housing' in the catalogue, not 'ons-aps'",
                "'source' is 'dfe-attainment', which is not a source in the measure catalogue: add it to measures.yaml's sources first",
                "'measure' is 'FQ-1', which is not a measure in the catalogue",
            ],
            errors.Select(e => e.Message));
        Assert.All(errors, e => Assert.True(e.Row > 1));
    }
}
