using CouncilPlan.Core.Data;
using CouncilPlan.Core.Measures;
using CouncilPlan.Core.Plans;
using CouncilPlan.Core.Tests.Reports;
using Microsoft.EntityFrameworkCore;

namespace CouncilPlan.Core.Tests.Data;

/// <summary>
/// The default dataset's evidence, as loaded: how many impact statements have published figures,
/// a few real figures of each measure family added from official statistics (expected values read
/// from the reference files by hand and written here; tests never read the reference files), and
/// ward figures for today's wards built from small areas.
/// </summary>
public sealed class DefaultDatasetEvidenceTests(SqliteStockport data) : IClassFixture<SqliteStockport>
{
    private const string Stockport = "E08000007";
    private const string England = "E92000001";

    private async Task<Observation> FigureAsync(string measure, string period, string area = Stockport, string breakdown = "")
    {
        await using var db = data.Database.NewContext();
        var rows = await db.Observations.Include(o => o.Breakdown).Include(o => o.Measure)
            .Where(o => o.Measure!.Code == measure && o.Period == period && o.AreaCode == area)
            .ToListAsync();
        return Assert.Single(rows, o => o.Breakdown!.Key == breakdown);
    }

    [Fact]
    public async Task ImpactStatements_WithAMeasureWithPublishedFigures_AreAtLeastTwenty()
    {
        await using var db = data.Database.NewContext();
        var statements = await db.PlanElements.Where(e => e.Kind == ElementKind.ImpactStatement).Select(e => e.Id).ToListAsync();
        var measuresWithFigures = await db.Observations.Where(o => o.Published).Select(o => o.MeasureId).Distinct().ToListAsync();
        var covered = await db.MeasureEvidence
            .Where(e => statements.Contains(e.ElementId) && measuresWithFigures.Contains(e.MeasureId))
            .Select(e => e.ElementId).Distinct().CountAsync();

        // 39 statements. Before issue 11 parts 2 and 3, 17 had a measure with published figures;
        // the official statistics added then evidence three more (permanent exclusions: A2-19;
        // independent special school placements: A2-20; Level 2 qualifications: A2-21). The other
        // 19 are about the council's own work (projects, charters, networks, the Support Hub, its own
        // emissions, ...), for which no official statistics exist in the reference files.
        Assert.Equal(39, statements.Count);
        Assert.True(covered >= 20, $"{covered} impact statements have a measure with published figures");
    }

    [Fact]
    public async Task PermanentExclusionRate_IsDfEsFromLait()
    {
        // schools/lait_exclusions_suspensions.csv, TotPermEx, Years 2023/24 (DfE via LAIT):
        // Stockport 0.15217, England 0.12889; 2015/16 Stockport 9.7629999999999995E-2.
        Assert.Equal(0.15217, (await FigureAsync("A2-19", "2023/24 academic")).Value);
        Assert.Equal(0.12889, (await FigureAsync("A2-19", "2023/24 academic", England)).Value);
        Assert.Equal(0.09763, (await FigureAsync("A2-19", "2015/16 academic")).Value);
    }

    [Fact]
    public async Task EhcPlansInIndependentAndNonMaintainedSpecialSchools_AddDfEsTwoCounts()
    {
        // sen/ehcp_caseload_by_establishment_type_2019_2025.csv, time_period 202425, Stockport, All
        // EHC plans (DfE SEN2): ehcplans 3506, special_independent 136, special_non_maintained 46.
        var latest = await FigureAsync("A2-20", "2024/25 academic");
        Assert.Equal(182, latest.Numerator);
        Assert.Equal(3506, latest.Denominator);
        Assert.Equal(5.2, latest.Value);
        // time_period 201819: ehcplans 2195, 84 + 29.
        Assert.Equal(113, (await FigureAsync("A2-20", "2018/19 academic")).Numerator);
    }

    [Fact]
    public async Task CareLeavers_InEducationEmploymentOrTrainingAndInSuitableAccommodation()
    {
        // care_leavers/la_care_leavers_activity.csv, 2025, Stockport, 19 to 21 years (DfE CLA):
        // "Total in education, employment or training" 105 (61%), "Total" 171.
        var eet = await FigureAsync("A2-17", "2024-25");
        Assert.Equal((61, 105, 171), (eet.Value, eet.Numerator!.Value, eet.Denominator!.Value));
        // care_leavers/lait_care_leavers.csv, CareLeaverEET, 2016, Stockport: 54.
        Assert.Equal(54, (await FigureAsync("A2-17", "2015-16")).Value);
        // care_leavers/la_care_leavers_accommodation_suitability.csv, 2024, Stockport, 19 to 21:
        // "Accommodation considered suitable" 146 (98%), "Suitability total" 149.
        var accommodation = await FigureAsync("A4-14", "2023-24");
        Assert.Equal((98, 146, 149), (accommodation.Value, accommodation.Numerator!.Value, accommodation.Denominator!.Value));
    }

    [Fact]
    public async Task ChildrenLookedAfterRate_RunsTo2025OnDfEsFiguresWithABreakFromFingertips()
    {
        // children_looked_after/cla_number_and_rate_per_10k_children.csv, 2025, Stockport, "Children
        // looked after on 31 March each year": 485 of 64910, rate 75 (DfE); LAIT LAC 2025: 75.
        var latest = await FigureAsync("A4-13", "2024-25");
        Assert.Equal((75, 485, 64910), (latest.Value, latest.Numerator!.Value, latest.Denominator!.Value));
        // children_in_care/children_in_care_rate_2011_2018.csv, E08000007, 2015: 47.1 (OHID Fingertips).
        Assert.Equal(47.1, (await FigureAsync("A4-13", "2014-15")).Value);
        // LAIT LAC 2016, Stockport: 47 (Fingertips had 47.7 for the same year: a break, not a splice).
        Assert.Equal(47, (await FigureAsync("A4-13", "2015-16")).Value);

        await using var db = data.Database.NewContext();
        Assert.Equal(["2015-16"], await db.MeasureBreaks.Where(b => b.MeasureId == latest.MeasureId).Select(b => b.Period).ToListAsync());
    }

    [Fact]
    public async Task Census2021HighestQualification_CountsAndPercentagesOfResidentsAged16AndOver()
    {
        // skills/census2021_highest_level_qualification_la_gm.csv, E08000007 (ONS TS067): Level 4 or
        // above 89741; the seven categories sum to 238927; Level 2 + Level 3 + Level 4+ = 32340 +
        // 38563 + 89741 = 160644.
        var level4 = await FigureAsync("A2-21", "2021", breakdown: "highest-qualification:level-4");
        Assert.Equal((89741, 238927), (level4.Numerator!.Value, level4.Denominator!.Value));
        var headline = await FigureAsync("A2-21", "2021");
        Assert.Equal((67.2, 160644), (headline.Value, headline.Numerator!.Value));
    }

    [Fact]
    public async Task NoQualifications_WithOnsIntervalOrOnsNoteWhereItGivesNone()
    {
        // skills/ons_els_qualifications-none-gb.csv (ONS APS via Explore Local Statistics), E08000007:
        // 2022-01-01/P1Y 4.7 (2.7 to 6.7); 2023-01-01/P1Y 3.2 with no interval and ONS's note.
        var year2022 = await FigureAsync("A2-22", "Jan-Dec 2022");
        Assert.Equal((4.7, 2.7, 6.7), (year2022.Value, year2022.LowerCi!.Value, year2022.UpperCi!.Value));
        var year2023 = await FigureAsync("A2-22", "Jan-Dec 2023");
        Assert.Null(year2023.LowerCi);
        Assert.Contains("sample size is small", year2023.QualityNote, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnergyPerformanceCertificates_ShareLodgedRatedAToC()
    {
        // energy/epc_domestic_lodgements_by_rating_quarterly.csv, E08000007, 2025-12-31 (MHCLG D1):
        // lodged 1429, A 16, B 167, C 676.
        var latest = await FigureAsync("T2-11", "2025-26 Q3");
        Assert.Equal((60.1, 859, 1429), (latest.Value, latest.Numerator!.Value, latest.Denominator!.Value));
    }

    [Theory]
    // health/life_expectancy.csv, E08000007, "2023 - 25": Female 83.8, Male 79.8 (OHID Fingertips).
    [InlineData("T1-07", "2023-25", Stockport, 83.8)]
    [InlineData("T1-08", "2023-25", Stockport, 79.8)]
    [InlineData("T1-08", "2015-17", England, 79.5)]
    // health/healthy_life_expectancy.csv, E08000007, "2022 - 24": Female 63.1, Male 61.8.
    [InlineData("T1-09", "2022-24", Stockport, 63.1)]
    [InlineData("T1-10", "2022-24", Stockport, 61.8)]
    // health/inequality_life_expectancy.csv, E08000007, "2022 - 24": Female 10, Male 13.
    [InlineData("T1-11", "2022-24", Stockport, 10)]
    [InlineData("T1-12", "2022-24", Stockport, 13)]
    public async Task LifeExpectancy_PooledThreeYearPeriods(string measure, string period, string area, double expected)
    {
        var figure = await FigureAsync(measure, period, area);

        Assert.Equal(expected, figure.Value);
        Assert.Equal(figure.PeriodStart.AddYears(3).AddDays(-1), figure.PeriodEnd);
    }

    [Fact]
    public async Task EveryWardSinceMay2023_HasBestFitFiguresFromSmallAreas()
    {
        await using var db = data.Database.NewContext();
        var wards = await db.Areas.Where(a => a.WardSetId == "stockport-2023").Select(a => a.Code).ToListAsync();
        var share = await db.Observations.Where(o => o.Measure!.Code == "T1-13" && o.BreakdownId == Breakdown.TotalId).ToListAsync();
        var neighbourhoods = await db.Observations.Where(o => o.Measure!.Code == "T1-06" && o.BreakdownId == Breakdown.TotalId && wards.Contains(o.AreaCode)).ToListAsync();

        Assert.Equal(21, wards.Count);
        Assert.Equal(wards.Order(), share.Where(o => wards.Contains(o.AreaCode)).Select(o => o.AreaCode).Order());
        Assert.All(share.Where(o => wards.Contains(o.AreaCode)), o => Assert.Contains("best-fit", o.QualityNote, StringComparison.OrdinalIgnoreCase));
        // Every one of the 190 LSOAs (2011) is in exactly one ward.
        Assert.Equal(190, neighbourhoods.Sum(o => o.Value));

        // Brinnington & Stockport Central: five unchanged LSOAs and the 2011 LSOA E01005758 (split
        // in 2021, both halves in this ward); 5 of the 6 are in IMD 2019 deciles 1-2 (MHCLG).
        Assert.Equal(6, (await FigureAsync("T1-06", "2019", "E05015018")).Value);
        Assert.Equal(5, (await FigureAsync("T1-06", "2019", "E05015018", "deprivation-quintile:q1")).Value);
        Assert.Equal(0, (await FigureAsync("T1-06", "2019", "E05015031", "deprivation-quintile:q1")).Value);
        Assert.Equal(83.3333, (await FigureAsync("T1-13", "2019", "E05015018")).Value);
        // The borough by the same rule: 31 of 190.
        Assert.Equal(16.3158, (await FigureAsync("T1-13", "2019")).Value);
    }
}
