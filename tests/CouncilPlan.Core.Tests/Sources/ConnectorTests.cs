using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Sources;
using CouncilPlan.Testing;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CouncilPlan.Core.Tests.Sources;

/// <summary>Each connector's mapping of a recorded response (tests/data/sources) onto figures; no database, no network.</summary>
public sealed class ConnectorTests
{
    private static readonly HashSet<string> KnownAreas = ["E92000001", "E08000007", "E05011234"];

    private static SourceRows Read(string sourceId, string sample)
    {
        var source = SourceWorld.Source(sourceId);
        var series = source.Series.Single();
        var connector = SourceConnector.For(source.Service);
        using var body = File.OpenRead(Path.Combine(RecordedServer.Samples, sample));
        return connector.Rows(connector.Read(body, sample, series), series, KnownAreas.Contains);
    }

    [Fact]
    public void Fingertips_KeepsPersonsAndMappedSexes_WithIntervalsAndCounts_LeavesOutSuppressedOtherCategoriesAndUnknownAreas()
    {
        var result = Read("ohid-activity", "fingertips-by-indicator.csv");

        Assert.Equal(
            [
                ("2022", "E92000001", "", 67.3, 117020.0, 173875.0, 67.1, 67.5),
                ("2021", "E08000007", "", 68.0, 340.0, 500.0, 64.7, 71.2),
                ("2022", "E08000007", "", 70.1, 351.0, 501.0, 66.9, 73.1),
                ("2022", "E08000007", "sex:male", 72.4, 181.0, 250.0, 67.9, 76.5),
            ],
            result.Rows.Select(r => (r.Period, r.Area, r.Breakdown, r.Value, r.Numerator!.Value, r.Denominator!.Value, r.LowerCi!.Value, r.UpperCi!.Value)));
        Assert.Equal(1, result.Suppressed);
        Assert.Equal("line 3 of fingertips-by-indicator.csv", result.Rows[1].Origin);
    }

    [Fact]
    public void Fingertips_APooledPeriod_IsThreeCalendarYears_ForAMeasureOfThatType_AndPassedOnAsWrittenOtherwise()
    {
        var pooled = File.ReadAllText(Path.Combine(RecordedServer.Samples, "fingertips-by-indicator.csv"))
            .Replace("Persons,19+ yrs,,,2021,", "Persons,19+ yrs,,,2018 - 20,", StringComparison.Ordinal);
        var series = SourceWorld.Source("ohid-activity").Series.Single();
        var connector = SourceConnector.For(SourceService.Fingertips);

        SourceRows RowsAs(PeriodType type)
        {
            using var body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(pooled));
            return connector.Rows(connector.Read(body, "pooled.csv", series), series, KnownAreas.Contains, type);
        }

        Assert.Contains(RowsAs(PeriodType.ThreeCalendarYears).Rows, r => r is { Period: "2018-20", Area: "E08000007", Breakdown: "" });
        // Any other type: the importer then refuses "2018 - 20" by the publisher's own name.
        var other = RowsAs(PeriodType.CalendarYear).Rows;
        Assert.Contains(other, r => r.Period == "2018 - 20");
        Assert.DoesNotContain(other, r => r.Period == "2018-20");
    }

    [Fact]
    public void Nomis_JoinsTheApsRowsOfAFigure_IntervalIsValuePlusOrMinusConfidence_ProvisionalAndWithheldMarks()
    {
        var result = Read("ons-aps", "nomis-aps.csv");

        var rows = result.Rows.OrderBy(r => r.Period, StringComparer.Ordinal).ThenBy(r => r.Area, StringComparer.Ordinal).ToList();
        Assert.Equal(3, rows.Count);
        var stockport = rows.Single(r => r.Area == "E08000007" && r.Period == "Jan 2023-Dec 2023");
        Assert.Equal((78.4, 143800.0, 183400.0, null), (stockport.Value, stockport.Numerator, stockport.Denominator, stockport.Status));
        Assert.Equal(75.3, stockport.LowerCi!.Value, 10);
        Assert.Equal(81.5, stockport.UpperCi!.Value, 10);
        Assert.Equal("provisional", rows.Single(r => r.Period == "Jan 2024-Dec 2024").Status);
        Assert.DoesNotContain(rows, r => r.Area == "E05011234");
        Assert.Equal(1, result.Suppressed);
    }

    [Fact]
    public void Ees_TurnsTimePeriodIntoAcademicYears_AreaByGeographicLevel_SymbolsAreWithheld()
    {
        var result = Read("dfe-attainment", "ees-data-set.csv");

        Assert.Equal(
            [("2021/22", "E92000001", "", 48.8), ("2022/23", "E92000001", "", 46.3), ("2021/22", "E08000007", "", 51.2), ("2022/23", "E08000007", "", 50.4)],
            result.Rows.Select(r => (r.Period, r.Area, r.Breakdown, r.Value)));
        Assert.Equal(1, result.Suppressed);
    }

    [Fact]
    public void Ees_CalendarAndReportingYears_AreTheProductsPeriods_ForTheMeasuresType()
    {
        // The same data set's layout with four-figure time periods (DfE's children looked after
        // data uses "Reporting year": the year to 31 March).
        var sample = File.ReadAllText(Path.Combine(RecordedServer.Samples, "ees-data-set.csv"));
        var series = SourceWorld.Source("dfe-attainment").Series.Single();
        var connector = SourceConnector.For(SourceService.Ees);

        IReadOnlyList<string> PeriodsAs(string identifier, PeriodType type)
        {
            var changed = sample.Replace("202122,Academic year", $"2022,{identifier}", StringComparison.Ordinal).Replace("202223,Academic year", $"2023,{identifier}", StringComparison.Ordinal);
            Assert.NotEqual(sample, changed);
            using var body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(changed));
            return connector.Rows(connector.Read(body, "years.csv", series), series, KnownAreas.Contains, type).Rows.Select(r => r.Period).Distinct().ToList();
        }

        Assert.Equal(["2022", "2023"], PeriodsAs("Calendar year", PeriodType.CalendarYear));
        Assert.Equal(["2021-22", "2022-23"], PeriodsAs("Reporting year", PeriodType.FinancialYear));

        // A reporting year for any other kind of measure is passed on as written, for the importer to refuse by name.
        Assert.Equal(["2022 Reporting year", "2023 Reporting year"], PeriodsAs("Reporting year", PeriodType.CalendarYear));

        // A calendar year for an academic-year measure likewise, unless the series says DfE's
        // calendar year ends the academic year (NEET: December to February).
        Assert.Equal(["2022", "2023"], PeriodsAs("Calendar year", PeriodType.AcademicYear));
        series = series with { CalendarYear = SourceColumns.AcademicYearEnding };
        Assert.Equal(["2021/22", "2022/23"], PeriodsAs("Calendar year", PeriodType.AcademicYear));
        Assert.Equal(["2022", "2023"], PeriodsAs("Calendar year", PeriodType.CalendarYear));
    }

    [Fact]
    public void Ees_ACouncilThatIsAlsoADistrict_IsReadFromItsLocalAuthorityRows_ADistrictOnlyDataSetFromItsDistrictRows()
    {
        // DfE's apprenticeships data set has a row for Stockport as a local authority (new_la_code)
        // and another as a local authority district (lad_code), with the same code: reading both
        // would give each figure twice.
        var sample = File.ReadAllText(Path.Combine(RecordedServer.Samples, "ees-data-set.csv"));
        var series = SourceWorld.Source("dfe-attainment").Series.Single();
        var connector = SourceConnector.For(SourceService.Ees);
        IReadOnlyList<(string Period, string Area, double Value)> Figures(string csv)
        {
            using var body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv));
            return connector.Rows(connector.Read(body, "levels.csv", series), series, KnownAreas.Contains).Rows.Select(r => (r.Period, r.Area, r.Value)).ToList();
        }

        var header = sample[..sample.IndexOf('\n', StringComparison.Ordinal)].Replace("la_name,", "la_name,lad_code,", StringComparison.Ordinal);
        var both = header + """

            202223,Academic year,National,E92000001,England,,,,,,,All pupils,46.3,560000
            202223,Academic year,Local authority,E92000001,England,E12000002,North West,356,E08000007,Stockport,,All pupils,50.4,3050
            202223,Academic year,Local authority district,E92000001,England,E12000002,North West,,,,E08000007,All pupils,50.9,3050
            """;
        var districtsOnly = header + """

            202223,Academic year,National,E92000001,England,,,,,,,All pupils,46.3,560000
            202223,Academic year,Local authority district,E92000001,England,E12000002,North West,,,,E08000007,All pupils,50.9,3050
            """;

        Assert.Equal([("2022/23", "E92000001", 46.3), ("2022/23", "E08000007", 50.4)], Figures(both));
        Assert.Equal([("2022/23", "E92000001", 46.3), ("2022/23", "E08000007", 50.9)], Figures(districtsOnly));
    }

    [Fact]
    public void Pivot_OneRowCanHoldSeveralRoles_EachFromItsOwnColumn_AndTheCohortFromItsTotalRow()
    {
        // The shape of DfE's care leavers activity data set: the group's row has its count and
        // percentage, the whole cohort is the "Total" row, and there is a row per age band.
        var series = SourceFileReader.Read("sources.yaml", new StringReader("""
            format: councilplan/sources@1
            sources:
              - source: dfe-cla
                service: ees
                series:
                  - measure: A2-17
                    query: { catalogue_data_set: 00000000-0000-0000-0000-000000000001 }
                    columns: { value: care_leaver_percent, numerator: care_leaver_count, denominator: care_leaver_count }
                    filters: { care_leaver_age: 19 to 21 years }
                    pivot:
                      value: breakdown=Total in education, employment or training
                      numerator: breakdown=Total in education, employment or training
                      denominator: breakdown=Total
            """)).Sources.Single().Series.Single();
        const string Response = """
            time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,la_name,new_la_code,care_leaver_age,breakdown,care_leaver_count,care_leaver_percent
            2025,Reporting year,Local authority,E92000001,England,E12000002,North West,356,Stockport,E08000007,19 to 21 years,Higher education i.e. studies beyond A level,12,7
            2025,Reporting year,Local authority,E92000001,England,E12000002,North West,356,Stockport,E08000007,19 to 21 years,"Total in education, employment or training",105,61
            2025,Reporting year,Local authority,E92000001,England,E12000002,North West,356,Stockport,E08000007,19 to 21 years,Total,171,100
            2025,Reporting year,Local authority,E92000001,England,E12000002,North West,356,Stockport,E08000007,17 to 18 years,"Total in education, employment or training",50,60
            2025,Reporting year,Local authority,E92000001,England,E12000002,North West,356,Stockport,E08000007,17 to 18 years,Total,83,100
            2024,Reporting year,Local authority,E92000001,England,E12000002,North West,356,Stockport,E08000007,19 to 21 years,"Total in education, employment or training",c,c
            2024,Reporting year,Local authority,E92000001,England,E12000002,North West,356,Stockport,E08000007,19 to 21 years,Total,150,100
            """;
        var connector = SourceConnector.For(SourceService.Ees);
        using var body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Response));

        var result = connector.Rows(connector.Read(body, "care-leavers.csv", series), series, KnownAreas.Contains, PeriodType.FinancialYear);

        var figure = Assert.Single(result.Rows);
        Assert.Equal(("2024-25", "E08000007", 61.0, 105.0, 171.0), (figure.Period, figure.Area, figure.Value, figure.Numerator!.Value, figure.Denominator!.Value));
        Assert.Equal("line 3 of care-leavers.csv", figure.Origin);
        Assert.Equal(1, result.Suppressed);
    }

    [Fact]
    public void DerivedPercentage_AddsTheCountsColumns_RoundsHalfUpToTheMeasuresPlaces_AndIsWithheldWhenACountIs()
    {
        var series = SourceFileReader.Read("sources.yaml", new StringReader("""
            format: councilplan/sources@1
            sources:
              - source: dfe-ehcp
                service: ees
                series:
                  - measure: A2-20
                    query: { catalogue_data_set: 49e7efca-f010-4044-9f70-578032a23cf7 }
                    columns: { numerator: special_independent + special_non_maintained, denominator: ehcplans }
                    filters: { breakdown_topic: All EHC plans }
                    derive: percentage
            """)).Sources.Single().Series.Single();

        // 113 / 2195 = 5.148% and 5 / 16 = 31.25% (a half, which rounds up); 7 / 0 has no percentage.
        const string Response = """
            time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,new_la_code,old_la_code,la_name,breakdown_topic,breakdown,ehcplans,special_independent,special_non_maintained
            201819,Academic year,Local authority,E92000001,England,E12000002,North West,E08000007,356,Stockport,All EHC plans,All EHC plans,2195,97,16
            201920,Academic year,Local authority,E92000001,England,E12000002,North West,E08000007,356,Stockport,All EHC plans,All EHC plans,16,4,1
            202021,Academic year,Local authority,E92000001,England,E12000002,North West,E08000007,356,Stockport,All EHC plans,All EHC plans,2383,c,12
            202122,Academic year,Local authority,E92000001,England,E12000002,North West,E08000007,356,Stockport,All EHC plans,All EHC plans,0,7,0
            201819,Academic year,Local authority,E92000001,England,E12000002,North West,E08000007,356,Stockport,Age,Under 5,100,1,1
            """;
        var connector = SourceConnector.For(SourceService.Ees);
        using var body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Response));

        var result = connector.Rows(connector.Read(body, "ehcp.csv", series), series, KnownAreas.Contains, PeriodType.AcademicYear, decimals: 1);

        Assert.Equal(
            [("2018/19", 5.1, 113.0, 2195.0), ("2019/20", 31.3, 5.0, 16.0)],
            result.Rows.Select(r => (r.Period, r.Value, r.Numerator!.Value, r.Denominator!.Value)));
        Assert.Equal(2, result.Suppressed);
    }

    /// <summary>A series of A2-21 from a Census 2021 table on Nomis, with the fields (beside measure) given.</summary>
    private static SourceSeries CensusSeries(string fields) => SourceFileReader.Read("sources.yaml", new StringReader($$"""
        format: councilplan/sources@1
        sources:
          - source: ons-census-2021
            service: nomis
            series:
              - measure: A2-21
        {{string.Join('\n', fields.Split('\n').Select(l => "        " + l))}}
        """)).Sources.Single().Series.Single();

    /// <summary>A count per category, read as shares of the categories' sum.</summary>
    private static SourceSeries CensusSeries() => CensusSeries("""
        query: { dataset: NM_2084_1, geography: 645922841...645922850, c2021_hiqual_8: 1...4 }
        columns: { breakdown: C2021_HIQUAL_8_NAME }
        filters: { MEASURES_NAME: Value }
        combine:
          Level 2 or above: Level 2 + Level 3
          Everyone: None + Level 1 + Level 2 + Level 3
        share_of: Everyone
        breakdowns: { Level 2 or above: "", None: "highest-qualification:none", Level 3: "highest-qualification:level-3" }
        """);

    private static SourceRows CensusRows(SourceSeries series, string response)
    {
        var connector = SourceConnector.For(SourceService.Nomis);
        using var body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(response));
        return connector.Rows(connector.Read(body, "ts067.csv", series), series, KnownAreas.Contains, PeriodType.CalendarYear, decimals: 1);
    }

    [Fact]
    public void SharesOfCombinedCounts_AddUpOnlyTheNamedLabels_OverTheWholesCount_AndAreWithheldWhenAPartIs()
    {
        // Stockport: 10 + 20 + 30 + 41 = 101 in all; Level 2 or above 71 / 101 = 70.297% (not 30 + 41
        // over the kept labels' 10 + 71, nor with "Level 1" in it); none 10 / 101 = 9.9%, Level 3 4.0%.
        // England: Level 1 is withheld ("!"), so the whole and every share of it are withheld.
        // The percentage rows (MEASURES_NAME Percent) are filtered out, and an unknown area is left out.
        const string Response = """
            DATE_NAME,GEOGRAPHY_CODE,C2021_HIQUAL_8_NAME,MEASURES_NAME,OBS_VALUE,OBS_STATUS
            2021,E08000007,None,Value,10,A
            2021,E08000007,Level 1,Value,20,A
            2021,E08000007,Level 2,Value,30,A
            2021,E08000007,Level 3,Value,41,A
            2021,E08000007,Level 3,Percent,40.6,A
            2021,E92000001,None,Value,1000,A
            2021,E92000001,Level 1,Value,,!
            2021,E92000001,Level 2,Value,3000,A
            2021,E92000001,Level 3,Value,4000,A
            2021,E06000001,None,Value,5,A
            """;

        var result = CensusRows(CensusSeries(), Response);

        Assert.Equal(
            [("E08000007", "", 70.3, 71.0, 101.0), ("E08000007", "highest-qualification:none", 9.9, 10.0, 101.0), ("E08000007", "highest-qualification:level-3", 40.6, 41.0, 101.0)],
            result.Rows.Select(r => (r.Area, r.Breakdown, r.Value, r.Numerator!.Value, r.Denominator!.Value)));
        Assert.All(result.Rows, r => Assert.Equal("2021", r.Period));
        Assert.Equal("line 4 of ts067.csv", result.Rows[0].Origin);
        Assert.Equal(3, result.Suppressed);
    }

    [Fact]
    public void CombinedCounts_ARenamedCategory_OrTwoRowsForOne_StopTheRefreshByName()
    {
        const string Renamed = """
            DATE_NAME,GEOGRAPHY_CODE,C2021_HIQUAL_8_NAME,MEASURES_NAME,OBS_VALUE,OBS_STATUS
            2021,E08000007,None,Value,10,A
            2021,E08000007,Level 1 and entry level,Value,20,A
            2021,E08000007,Level 2,Value,30,A
            2021,E08000007,Level 3,Value,41,A
            """;
        var renamed = Assert.Throws<SourceRefreshException>(() => CensusRows(CensusSeries(), Renamed));
        Assert.Contains("no row is labelled 'Level 1', which the series of A2-21 needs", renamed.Message, StringComparison.Ordinal);
        Assert.Contains("'Level 1 and entry level'", renamed.Message, StringComparison.Ordinal);

        // Without the filter, the count and the percentage of a category would be added together.
        var unfiltered = CensusSeries("""
            query: { dataset: NM_2084_1 }
            columns: { breakdown: C2021_HIQUAL_8_NAME }
            combine: { Level 2 or above: Level 2 + Level 3 }
            breakdowns: { Level 2 or above: "" }
            """);
        const string Both = """
            DATE_NAME,GEOGRAPHY_CODE,C2021_HIQUAL_8_NAME,MEASURES_NAME,OBS_VALUE,OBS_STATUS
            2021,E08000007,Level 2,Value,30,A
            2021,E08000007,Level 3,Value,41,A
            2021,E08000007,Level 3,Percent,40.6,A
            """;
        var twice = Assert.Throws<SourceRefreshException>(() => CensusRows(unfiltered, Both));
        Assert.Contains("ts067.csv: line 4 is a second row for 'Level 3' in 2021 for E08000007: add a filter", twice.Message, StringComparison.Ordinal);

        // With one row each, a sum with no share is the count itself.
        var sum = CensusRows(unfiltered, Both.Replace("\n2021,E08000007,Level 3,Percent,40.6,A", "", StringComparison.Ordinal)).Rows.Single();
        Assert.Equal((71.0, (double?)null), (sum.Value, sum.Denominator));
    }

    [Fact]
    public void SmallAreas_AreAddedUpIntoTheirWards_BeforeTheShares_AndAWardMissingASmallArea_IsWithheld()
    {
        var series = CensusSeries("""
            query: { dataset: NM_2084_1, geography: E08000007TYPE151 }
            columns: { breakdown: C2021_HIQUAL_8_NAME }
            small_areas: lsoa-to-ward.csv
            combine: { Everyone: None + Level 2 }
            share_of: Everyone
            breakdowns: { Level 2: "" }
            """);
        var lookup = new CouncilPlan.Core.Areas.BestFitLookup([
            KeyValuePair.Create("E01000001", "E05011234"), KeyValuePair.Create("E01000002", "E05011234"),
            KeyValuePair.Create("E01000003", "E92000001"), KeyValuePair.Create("E01000004", "E92000001")]);
        // The ward: Level 2's counts (30 + 10) over everyone's (100 + 50) = 26.7%, not the mean of its
        // small areas' 30% and 20% (25%). The other "ward" (England, a known area here) lacks
        // E01000004's Level 2 row, so its sum would be short: withheld.
        const string Response = """
            DATE_NAME,GEOGRAPHY_CODE,C2021_HIQUAL_8_NAME,MEASURES_NAME,OBS_VALUE,OBS_STATUS
            2021,E01000001,None,Value,70,A
            2021,E01000001,Level 2,Value,30,A
            2021,E01000002,None,Value,40,A
            2021,E01000002,Level 2,Value,10,A
            2021,E01000003,None,Value,5,A
            2021,E01000003,Level 2,Value,5,A
            2021,E01000004,None,Value,5,A
            """;
        var connector = SourceConnector.For(SourceService.Nomis);
        using var body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Response));
        var table = connector.Read(body, "lsoa.csv", series);

        var result = connector.Rows(table, series, KnownAreas.Contains, PeriodType.CalendarYear, decimals: 1, smallAreas: lookup);

        var ward = Assert.Single(result.Rows);
        Assert.Equal(("E05011234", "", 26.7, 40.0, 150.0), (ward.Area, ward.Breakdown, ward.Value, ward.Numerator!.Value, ward.Denominator!.Value));
        Assert.Contains("of the ward's 2 small areas (LSOAs), from ONS Nomis", ward.Note, StringComparison.Ordinal);
        Assert.Contains(CouncilPlan.Core.Data.SmallAreaFigures.BestFitSentence, ward.Note, StringComparison.Ordinal);
        Assert.Equal(1, result.Suppressed);

        // A small area the lookup does not hold is named, never dropped or guessed.
        var stranger = Assert.Throws<SourceRefreshException>(() => connector.Rows(table, series, KnownAreas.Contains, smallAreas: new CouncilPlan.Core.Areas.BestFitLookup([KeyValuePair.Create("E01000001", "E05011234")])));
        Assert.Contains("lsoa.csv: line 4: small area E01000002 is not in the best-fit lookup", stranger.Message, StringComparison.Ordinal);
        Assert.Throws<SourceRefreshException>(() => connector.Rows(table, series, KnownAreas.Contains));
    }

    [Fact]
    public void ReadCsv_DropsTheRowsASeriesFiltersOut_AsItReads_AndKeepsAllWhenTheResponseLacksTheFilterColumn()
    {
        const string Response = """
            time_period,geographic_level,new_la_code,education_phase,perm_excl_rate
            202324,Local authority,E08000007,Total,0.13
            202324,Local authority,E08000007,State-funded primary,0.02
            202324,Local authority,E08000007,TOTAL ,0.13
            202324,Local authority,E08000007,Special,0.1
            """;
        SourceTable Read(string column)
        {
            using var body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Response));
            return SourceTable.ReadCsv(body, "exclusions.csv", new Dictionary<string, string> { [column] = "Total" });
        }

        Assert.Equal([2L, 4L], Read("education_phase").Rows.Select(r => r.Line));
        var unfiltered = Read("school_type");
        Assert.Equal(4, unfiltered.Rows.Count);
        Assert.Contains("has no column 'school_type'", Assert.Throws<SourceRefreshException>(() => unfiltered.Require("school_type", "filter")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FileCsv_ReadsFiguresTo12SignificantDigits_SoFloatingPointNoiseIsNoRevision()
    {
        // The shape of ONS's Explore Local Statistics files, whose intervals carry the noise of
        // binary floating point.
        var series = SourceFileReader.Read("sources.yaml", new StringReader("""
            format: councilplan/sources@1
            sources:
              - source: ons-els-qualifications
                service: file
                series:
                  - measure: A2-18
                    query: { url: "https://raw.githubusercontent.com/ONSdigital/explore-local-statistics-data/main/qualifications-level-3-or-above/qualifications-level-3-or-above.csv" }
                    columns: { area: areacd, period: period, value: observation, lower_ci: lci_95, upper_ci: uci_95, note: notes }
            """)).Sources.Single().Series.Single();
        const string Response = """
            areacd,areanm,geography,indicator,period,observation,measure,unit,lci_95,uci_95,status,notes
            E92000001,England,Nation,Level 3 or above qualifications (Great Britain),2023-01-01/P1Y,67.4,Percentage,%,67.0,67.80000000000001,,
            E08000007,Stockport,Local Authority District,Level 3 or above qualifications (Great Britain),2023-01-01/P1Y,70.9,Percentage,%,66.10000000000001,75.7,,
            E08000007,Stockport,Local Authority District,No qualifications,2022-01-01/P1Y,3.2,Percentage,%,,,,Estimate and confidence interval unreliable since the group sample size is small (3-9)
            E08000002,Bury,Local Authority District,No qualifications,2023-01-01/P1Y,,Percentage,%,,,x,
            """;
        var connector = SourceConnector.For(SourceService.File);
        using var body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Response));

        var rows = connector.Rows(connector.Read(body, "els.csv", series), series, KnownAreas.Contains).Rows;

        Assert.Equal(
            [("2023-01-01/P1Y", "E92000001", 67.4, 67.0, 67.8), ("2023-01-01/P1Y", "E08000007", 70.9, 66.1, 75.7)],
            rows.Where(r => r.LowerCi is not null).Select(r => (r.Period, r.Area, r.Value, r.LowerCi!.Value, r.UpperCi!.Value)));
        Assert.Equal("Estimate and confidence interval unreliable since the group sample size is small (3-9)", rows.Single(r => r.LowerCi is null).Note);
        Assert.Equal(0.12889, SourceConnector.Significant(0.12889));
        Assert.Equal(36258886.0, SourceConnector.Significant(36258886));
        Assert.Equal(-0.03, SourceConnector.Significant(-0.030000000000000002));
    }

    [Fact]
    public void FileCsv_UsesTheNamedColumns()
    {
        var result = Read("council-housing", "file-quarterly.csv");

        Assert.Equal(
            [("2023-24 Q1", "E08000007", 120.0, (string?)null), ("2023-24 Q2", "E08000007", 131.0, "Includes a late return from one provider")],
            result.Rows.Select(r => (r.Period, r.Area, r.Value, r.Note)));
    }

    [Fact]
    public void FileSheetNumber_ReadsTheSheetInThatPlace_InAWorkbookAndAnOdsFile_AndNamesOneThatIsNotThere()
    {
        var source = SourceWorld.FileSource("""
            query: { url: "https://data.example.gov.uk/counts.xlsx", sheet_number: "2", range: "A1:B10", area: E08000007 }
            columns: { period: Month, value: Count }
            """);
        var series = source.Series.Single();
        var connector = SourceConnector.For(source.Service);
        // The second sheet, not the first one whose name would do, nor the last.
        using (var workbook = Workbook(("Month", [["Month", "Count"], ["2024-04", "1"]]), ("Table 2", [["Month", "Count"], ["2024-04", "17"]]), ("Table 3", [["Month", "Count"], ["2024-04", "99"]])))
        {
            Assert.Equal(17.0, connector.Rows(connector.Read(workbook, "counts.xlsx", series), series, KnownAreas.Contains).Rows.Single().Value);
        }

        using var ods = Ods("""
            <table:table table:name="Cover"><table:table-row><table:table-cell office:value-type="string"><text:p>Month</text:p></table:table-cell></table:table-row></table:table>
            <table:table table:name="LA">
              <table:table-row>
                <table:table-cell office:value-type="string"><text:p>Month</text:p></table:table-cell>
                <table:table-cell office:value-type="string"><text:p>Count</text:p></table:table-cell>
              </table:table-row>
              <table:table-row>
                <table:table-cell office:value-type="string"><text:p>2024-04</text:p></table:table-cell>
                <table:table-cell office:value-type="float" office:value="18"><text:p>18</text:p></table:table-cell>
              </table:table-row>
            </table:table>
            """);
        var odsSeries = series with { Query = new Dictionary<string, string>(series.Query) { ["url"] = "https://data.example.gov.uk/counts.ods" } };
        Assert.Equal(18.0, connector.Rows(connector.Read(ods, "counts.ods", odsSeries), odsSeries, KnownAreas.Contains).Rows.Single().Value);

        ods.Position = 0;
        var third = odsSeries with { Query = new Dictionary<string, string>(odsSeries.Query) { ["sheet_number"] = "3" } };
        var missing = Assert.Throws<SourceRefreshException>(() => connector.Read(ods, "counts.ods", third));
        Assert.Equal("counts.ods has no sheet number 3 (sheet_number); its sheets are: 'Cover', 'LA'", missing.Message);
    }

    [Fact]
    public void FileSheetAboutOnePeriod_GivesEveryRowTheSeriesPeriod_FromTheNamedYearsSheet_WithConfidentialCellsWithheld()
    {
        // As DESNZ's renewable electricity by local authority workbook: a sheet per year, no period
        // column, a technology per column, a confidential figure marked [c].
        var source = SourceWorld.FileSource("""
            query: { url: "https://data.example.gov.uk/renewables.xlsx", sheet: "LA - Generation, 2024", range: "A2:D10", period: "2024" }
            columns: { area: Local Authority Code, value: Photovoltaics }
            """);
        var series = source.Series.Single();
        var connector = SourceConnector.For(source.Service);
        string[][] Year(string pv, string wind) =>
            [["Generation (MWh)"], ["Local Authority Code [note 1]", "Local Authority Name", "Photovoltaics", "Onshore Wind"], ["E08000007", "Stockport", pv, wind], ["E92000001", "England", "[c]", "1"]];
        using var workbook = Workbook(("LA - Generation, 2023", Year("111", "[c]")), ("LA - Generation, 2024", Year("17989.75", "[c]")));

        var result = connector.Rows(connector.Read(workbook, "renewables.xlsx", series), series, KnownAreas.Contains, PeriodType.CalendarYear, 0);

        Assert.Equal([("2024", "E08000007", 17989.75)], result.Rows.Select(r => (r.Period, r.Area, r.Value)));
        Assert.Equal(1, result.Suppressed);
    }

    [Theory]
    [InlineData("2024/1", "2023-24 Q4")]
    [InlineData("2024/2", "2024-25 Q1")]
    [InlineData("2008/4", "2008-09 Q3")]
    [InlineData("1999/3", "1999-00 Q2")]
    [InlineData("2024/25", "2024/25")]
    [InlineData("2024/5", "2024/5")]
    public void File_ACalendarQuarterWrittenYearSlashQuarter_IsItsFinancialYearsQuarter(string written, string period) =>
        Assert.Equal(period, FileConnector.CalendarQuarter(written));

    [Fact]
    public void FileXlsx_ReadsTheNamedSheetFromTheHeaderRowOfTheRange()
    {
        var source = SourceWorld.FileSource("""
            query: { url: "https://data.example.gov.uk/monthly.xlsx", sheet: Data, range: "B3:D10", area: E08000007 }
            columns: { period: Month, value: Count }
            """);
        var series = source.Series.Single();
        using var workbook = Workbook(("Notes", [["Read me"]]), ("Data", [["Monthly counts"], [], ["", "Month", "Count", "Comment"], ["", "2024-04", "17", ""], ["", "2024-05", "21", "late"]]));

        var connector = SourceConnector.For(source.Service);
        var result = connector.Rows(connector.Read(workbook, "monthly.xlsx", series), series, KnownAreas.Contains);

        Assert.Equal([("2024-04", "E08000007", 17.0), ("2024-05", "E08000007", 21.0)], result.Rows.Select(r => (r.Period, r.Area, r.Value)));
        Assert.Equal("line 5 of monthly.xlsx (sheet 'Data')", result.Rows[1].Origin);
    }

    private static SourceSeries FileSeries(string yaml) => SourceWorld.FileSource(yaml).Series.Single();

    // An ODS sheet as GOV.UK publishes them (OpenDocument 1.3, section 9.1): a title row, empty rows
    // written once with a repeat count, a merged title whose covered cell still takes a column, a cell
    // repeated across columns, exact values behind rounded displays, a percentage held as a fraction,
    // spaces written as text:s, a comment on a cell, and the sheet's end repeated a million times.
    private const string RecyclingSheet = """
        <table:table table:name="Table_3">
          <table:table-column table:number-columns-repeated="5"/>
          <table:table-row><table:table-cell table:number-columns-spanned="2" office:value-type="string"><text:p>Table 3: recycling rates</text:p></table:table-cell><table:covered-table-cell/></table:table-row>
          <table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
          <table:table-row>
            <table:table-cell office:value-type="string"><text:p>ONS code</text:p></table:table-cell>
            <table:table-cell office:value-type="string"><text:p>Region</text:p></table:table-cell>
            <table:table-cell office:value-type="string"><text:p>Year</text:p></table:table-cell>
            <table:table-cell office:value-type="string"><text:p>Percentage of household waste sent for reuse,<text:s/>recycling or composting<text:s text:c="2"/>(Ex NI192)</text:p></table:table-cell>
            <table:table-cell table:number-columns-repeated="16379"/>
          </table:table-row>
          <table:table-row>
            <table:table-cell office:value-type="string"><text:p>E08000007</text:p><office:annotation><text:p>Checked by the council</text:p></office:annotation></table:table-cell>
            <table:table-cell office:value-type="string"><text:p>North West</text:p></table:table-cell>
            <table:table-cell office:value-type="string"><text:p>2023-24</text:p></table:table-cell>
            <table:table-cell office:value-type="percentage" office:value="0.43312" calcext:value-type="percentage"><text:p>43.3%</text:p></table:table-cell>
          </table:table-row>
          <table:table-row>
            <table:table-cell office:value-type="string"><text:p>E08000007</text:p></table:table-cell>
            <table:table-cell office:value-type="string"><text:p>North West</text:p></table:table-cell>
            <table:table-cell office:value-type="string"><text:p>2022-23</text:p></table:table-cell>
            <table:table-cell office:value-type="string"><text:p>[x]</text:p></table:table-cell>
          </table:table-row>
          <table:table-row table:number-rows-repeated="3"><table:table-cell/></table:table-row>
          <table:table-row>
            <table:table-cell office:value-type="string"><text:p>E92000001</text:p></table:table-cell>
            <table:table-cell table:number-columns-repeated="1"/>
            <table:table-cell office:value-type="string"><text:p>2023-24</text:p></table:table-cell>
            <table:table-cell office:value-type="float" office:value="0.408" calcext:value-type="float"><text:p>0.41</text:p></table:table-cell>
          </table:table-row>
          <table:table-row table:number-rows-repeated="1048560"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>
        </table:table>
        """;

    [Fact]
    public void FileOds_ReadsTheNamedSheet_CountingRepeatedRowsAndColumns_WithExactValues_AndScalesFractions()
    {
        var series = FileSeries("""
            query: { url: "https://data.example.gov.uk/LA_and_Regional_Spreadsheet_2024-25.ods", sheet: Table_3, range: "A4:D400" }
            columns: { area: ONS code, period: Year, value: "Percentage of household waste sent for reuse, recycling or composting  (Ex NI192)" }
            scale: 100
            """);
        using var spreadsheet = Ods("""<table:table table:name="Notes"><table:table-row><table:table-cell office:value-type="string"><text:p>Read me</text:p></table:table-cell></table:table-row></table:table>""" + RecyclingSheet);

        var connector = SourceConnector.For(SourceService.File);
        var result = connector.Rows(connector.Read(spreadsheet, "waste.ods", series), series, KnownAreas.Contains);

        // 43.312 and 40.8, not the displays (43.3%, 0.41) and not the fractions; [x] is withheld.
        Assert.Equal([("2023-24", "E08000007", 43.312), ("2023-24", "E92000001", 40.8)], result.Rows.Select(r => (r.Period, r.Area, r.Value)));
        Assert.Equal(1, result.Suppressed);
        Assert.Equal(["line 5 of waste.ods (sheet 'Table_3')", "line 10 of waste.ods (sheet 'Table_3')"], result.Rows.Select(r => r.Origin));
    }

    [Fact]
    public void FileOds_ThatIsNotOne_OrLacksTheSheet_SaysSo()
    {
        var series = FileSeries("""
            query: { url: "https://data.example.gov.uk/waste.ods", sheet: Table_9 }
            columns: { area: ONS code, period: Year, value: Rate }
            """);
        var connector = SourceConnector.For(SourceService.File);

        using var csv = new MemoryStream("ONS code,Year,Rate\n"u8.ToArray());
        Assert.StartsWith("waste.ods is not an ODS spreadsheet (not a zip package)", Assert.Throws<SourceRefreshException>(() => connector.Read(csv, "waste.ods", series)).Message, StringComparison.Ordinal);

        using var spreadsheet = Ods(RecyclingSheet);
        Assert.Equal("waste.ods has no sheet 'Table_9'; its sheets are: 'Table_3'", Assert.Throws<SourceRefreshException>(() => connector.Read(spreadsheet, "waste.ods", series)).Message);

        // A download cut short: the zip's directory is gone, or its content cannot be unpacked.
        var whole = spreadsheet.ToArray();
        using var cut = new MemoryStream(whole[..(whole.Length / 2)]);
        Assert.StartsWith("waste.ods is not an ODS spreadsheet (not a zip package)", Assert.Throws<SourceRefreshException>(() => connector.Read(cut, "waste.ods", series)).Message, StringComparison.Ordinal);

        // A package whose content is not the spreadsheet's XML.
        using var broken = Ods("<table:table table:name=\"Table_9\"><table:table-row></table:table>");
        Assert.StartsWith("waste.ods: its content.xml is not well-formed", Assert.Throws<SourceRefreshException>(() => connector.Read(broken, "waste.ods", series)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void File_APeriodPerColumn_BecomesARowPerFigure_UpToTheColumnTheyEndBefore()
    {
        var series = FileSeries("""
            query: { url: "https://data.example.gov.uk/lt122.csv" }
            columns: { area: Current ONS code }
            filters: { Tenure: All }
            periods_from: "2021-22"
            periods_end_before: 5-Year Average
            """);
        const string table = """
            Tenure,Current ONS code,Name,2021-22,,2022-23 [note 3],2023-24 [Note 14],5-Year Average
            All,E08000007,Stockport,412,,[x],621,530
            Social,E08000007,Stockport,40,,51,60,50
            All,E92000001,England,"232,820",,"234,400","221,070","220,000"
            """;
        using var body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(table));

        var connector = SourceConnector.For(SourceService.File);
        var result = connector.Rows(connector.Read(body, "lt122.csv", series), series, KnownAreas.Contains);

        Assert.Equal(
            [("2021-22", "E08000007", 412.0), ("2023-24", "E08000007", 621.0), ("2021-22", "E92000001", 232820.0), ("2022-23", "E92000001", 234400.0), ("2023-24", "E92000001", 221070.0)],
            result.Rows.Select(r => (r.Period, r.Area, r.Value)));
        Assert.Equal(1, result.Suppressed);
        Assert.Equal("line 4 of lt122.csv", result.Rows[^1].Origin);
    }

    [Fact]
    public void File_PeriodsAfterAColumn_HeadedLikeJan26_AreMonths_AndAColumnIsFoundWithoutItsNoteMark()
    {
        var series = FileSeries("""
            query: { url: "https://data.example.gov.uk/evci9001.csv" }
            columns: { area: Local authority / region code }
            periods_after: Local authority / region name
            """);
        const string table = """
            Local authority / region code [Note 5],Local authority / region name,Oct-23,Jan-24 [Note 14],Apr-24
            E08000007,Stockport,20.1,[x],24.3
            E92000001,ENGLAND,85.2,90.0,95.6
            """;
        var connector = SourceConnector.For(SourceService.File);
        SourceRows RowsAs(PeriodType type)
        {
            using var body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(table));
            return connector.Rows(connector.Read(body, "evci9001.csv", series), series, KnownAreas.Contains, type);
        }

        var months = RowsAs(PeriodType.Month);

        Assert.Equal(
            [("2023-10", "E08000007", 20.1), ("2024-04", "E08000007", 24.3), ("2023-10", "E92000001", 85.2), ("2024-01", "E92000001", 90.0), ("2024-04", "E92000001", 95.6)],
            months.Rows.Select(r => (r.Period, r.Area, r.Value)));
        Assert.Equal(1, months.Suppressed);

        // For any other type the heading goes to the importer as written, which names it if it is not a period.
        Assert.Contains(RowsAs(PeriodType.CalendarYear).Rows, r => r.Period == "Jan-24");
    }

    [Fact]
    public void File_PeriodsAcross_NamesAMissingHeading_AndAFigureThatIsNotOne()
    {
        var series = FileSeries("""
            query: { url: "https://data.example.gov.uk/lt122.csv" }
            columns: { area: Code }
            periods_from: "2020-21"
            """);
        var connector = SourceConnector.For(SourceService.File);
        SourceRefreshException Refresh(string table)
        {
            using var body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(table));
            return Assert.Throws<SourceRefreshException>(() => connector.Rows(connector.Read(body, "lt122.csv", series), series, KnownAreas.Contains));
        }

        Assert.StartsWith("lt122.csv has no column '2020-21' (for the first period heading); its columns are: 'Code', '2021-22'", Refresh("Code,2021-22\nE08000007,412\n").Message, StringComparison.Ordinal);
        Assert.StartsWith("lt122.csv: line 3, column '(the figure under the period heading)' (value): 'n/a' is not a number", Refresh("Code,2020-21,2021-22\nE08000007,400,412\nE92000001,n/a,1\n").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void File_AWebPageWhereTheFileShouldBe_SaysToPutTheFilesOwnAddress()
    {
        var series = FileSeries("""
            query: { url: "https://www.gov.uk/government/statistical-data-sets/live-tables-on-net-supply-of-housing", format: ods, sheet: LT_122 }
            columns: { area: Current ONS code }
            periods_from: "2001-02"
            """);
        using var page = new MemoryStream("\n  <!DOCTYPE html>\n<html lang=\"en\"><head><title>Live tables on net supply of housing - GOV.UK</title></head></html>"u8.ToArray());

        var error = Assert.Throws<SourceRefreshException>(() => SourceConnector.For(SourceService.File).ReadResponse(page, "mhclg-net-supply: the response from https://www.gov.uk/...", series));

        Assert.Equal("mhclg-net-supply: the response from https://www.gov.uk/... is a web page, not an ODS file: the series' query.url is probably the publisher's page about the table. Put the address of the file itself (its download link on that page) in the sources file", error.Message);
    }

    [Fact]
    public void ChangedColumns_NameTheMissingColumnAndTheResponse()
    {
        var error = Assert.Throws<SourceRefreshException>(() => Read("ohid-activity", "changed-columns.csv"));

        Assert.Contains("changed-columns.csv has no column 'Area Code' (for the area)", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Area code (ONS)'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AValueThatIsNotANumber_NamesLineAndColumn()
    {
        var path = ObservationCatalogue.WriteFile(File.ReadAllText(Path.Combine(RecordedServer.Samples, "file-quarterly.csv")).Replace(",131,", ",13l,", StringComparison.Ordinal), "odd.csv");
        var source = SourceWorld.Source("council-housing");
        var connector = SourceConnector.For(source.Service);
        using var body = File.OpenRead(path);

        var error = Assert.Throws<SourceRefreshException>(() => connector.Rows(connector.Read(body, "odd.csv", source.Series[0]), source.Series[0], KnownAreas.Contains));

        Assert.Equal("odd.csv: line 3, column 'Households in temporary accommodation' (value): '13l' is not a number: 'l' is not allowed in a figure; write it like 1050, 1,050 or 75.2; nor is it a mark this service uses for a withheld figure", error.Message);
    }

    [Fact]
    public void Urls_FollowEachServicesDocumentedForm()
    {
        var sources = SourceWorld.Sources();
        string Url(string id) => SourceConnector.For(sources.Single(s => s.SourceId == id).Service).Url(sources.Single(s => s.SourceId == id).Series[0], null).ToString();

        Assert.Equal("https://fingertips.phe.org.uk/api/all_data/csv/by_indicator_id?indicator_ids=93014&child_area_type_id=502&parent_area_type_id=15", Url("ohid-activity"));
        Assert.Equal("https://www.nomisweb.co.uk/api/v01/dataset/NM_17_5.data.csv?geography=1946157089%2C2092957699&date=latestMINUS4-latest&variable=45&measures=20599%2C21001%2C21002%2C21003&select=DATE_NAME%2CGEOGRAPHY_CODE%2CVARIABLE_NAME%2CMEASURES_NAME%2COBS_VALUE%2COBS_STATUS", Url("ons-aps"));
        Assert.Equal("https://api.education.gov.uk/statistics/v1/data-sets/7c0e9201-c7c0-ff73-bee4-304e731ec0e6/csv", Url("dfe-attainment"));
        Assert.Equal("https://data.example.gov.uk/housing/temporary-accommodation.csv", Url("council-housing"));
    }

    [Fact]
    public void Ees_ACatalogueId_IsTheDataCataloguesDownload_OnTheServiceOrTheBaseSetForIt()
    {
        var series = SourceWorld.Source("dfe-attainment").Series.Single() with
        {
            Query = new Dictionary<string, string>(StringComparer.Ordinal) { ["catalogue_data_set"] = "20d00e28-7d5b-4469-af00-e7ad73fbab27" },
        };
        var connector = SourceConnector.For(SourceService.Ees);

        Assert.Equal("https://explore-education-statistics.service.gov.uk/data-catalogue/data-set/20d00e28-7d5b-4469-af00-e7ad73fbab27/csv", connector.Url(series, null).ToString());
        Assert.Equal("http://127.0.0.1:5999/data-catalogue/data-set/20d00e28-7d5b-4469-af00-e7ad73fbab27/csv", connector.Url(series, new Uri("http://127.0.0.1:5999/")).ToString());
    }

    /// <summary>A workbook of sheets, each a list of rows of text cells from column A.</summary>
    /// <summary>An ODS package: the mimetype first and stored, as the OpenDocument package format requires, then the sheets' content.</summary>
    internal static MemoryStream Ods(string tables)
    {
        var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            void Put(string name, string text, System.IO.Compression.CompressionLevel level)
            {
                using var entry = new StreamWriter(zip.CreateEntry(name, level).Open());
                entry.Write(text);
            }

            Put("mimetype", "application/vnd.oasis.opendocument.spreadsheet", System.IO.Compression.CompressionLevel.NoCompression);
            Put("content.xml", $"""
                <?xml version="1.0" encoding="UTF-8"?>
                <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.3">
                <office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>
                """, System.IO.Compression.CompressionLevel.Optimal);
        }

        stream.Position = 0;
        return stream;
    }

    internal static MemoryStream Workbook(params (string Name, string[][] Rows)[] sheets)
    {
        var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            uint id = 1;
            foreach (var (name, rows) in sheets)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                for (var r = 0; r < rows.Length; r++)
                {
                    var row = new Row { RowIndex = (uint)(r + 1) };
                    for (var c = 0; c < rows[r].Length; c++)
                    {
                        if (rows[r][c].Length > 0)
                        {
                            row.Append(new Cell { CellReference = $"{(char)('A' + c)}{r + 1}", DataType = CellValues.InlineString, InlineString = new InlineString(new Text(rows[r][c])) });
                        }
                    }

                    data.Append(row);
                }

                part.Worksheet = new Worksheet(data);
                workbook.Workbook.Sheets!.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id++, Name = name });
            }
        }

        stream.Position = 0;
        return stream;
    }
}
