#!/usr/bin/env python3
"""Regenerate Stockport's default observation CSVs from the reference copies of official statistics.

Reads the reference files in ../shared/data/real (relative to the repository root; override with
--ref) and writes data/stockport-2023-24/observations/*.csv in the import format described in
docs/observations-csv-format.md. Python 3.11, standard library only. The output is deterministic:
running the script twice gives byte-identical files. `--check` compares instead of writing and
exits 1 if any file would change.

Every figure written is one published in the reference files (see SOURCES.md there); the script
only selects rows, renames periods into the catalogue's canonical period forms, drops missing
values, and rounds floating-point noise where the measure's caveat says so. Nothing is computed
except where a comment says so.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_REF = REPO.parent / "shared" / "data" / "real"
OUT = REPO / "data" / "stockport-2023-24" / "observations"

STOCKPORT = "E08000007"
ENGLAND = "E92000001"
# Stockport's CIPFA nearest neighbours as used by Oflog (oflog/nearest_neighbours.json, key
# E08000007, without Stockport itself). Checked against the reference file on every run.
CIPFA_NN = (
    "E06000004", "E06000007", "E06000020", "E06000024", "E06000030",
    "E06000033", "E06000050", "E06000061", "E08000002", "E08000010",
    "E08000027", "E08000029", "E08000033", "E08000034", "E08000036",
)
# Stockport's 21 wards of 2004-2022 (ward set stockport-2004 in data/areas.yaml).
WARDS_2004 = tuple(f"E050007{n:02d}" for n in range(79, 100))

HEADER = ["measure", "period", "area", "breakdown", "value", "numerator", "denominator",
          "status", "quality_note", "published"]
# Files with published 95% confidence intervals carry two more columns, after denominator. (Only
# those files: a file without intervals keeps the columns every importer version reads.)
HEADER_WITH_CI = HEADER[:7] + ["lower_ci", "upper_ci"] + HEADER[7:]

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]


class BuildError(Exception):
    pass


@dataclass(frozen=True)
class Row:
    measure: str
    period: str
    area: str
    value: str
    breakdown: str = ""
    numerator: str = ""
    quality_note: str = ""
    status: str = "final"
    lower_ci: str = ""
    upper_ci: str = ""


# ---------------------------------------------------------------- values and periods


def number(text: str, round_to: int | None = None) -> str:
    """A published figure as a plain number string.

    Trailing zeros after the decimal point are dropped ('115.0' -> '115'). With round_to, values
    carrying more decimal places than that (floating-point noise such as 1631.4539041509502) are
    rounded half-up to round_to places. Without it, more than four decimal places is an error, so
    that no unexplained rounding can happen.
    """
    d = Decimal(text.strip())
    places = -d.as_tuple().exponent if d.as_tuple().exponent < 0 else 0
    if round_to is not None and places > round_to:
        d = d.quantize(Decimal(1).scaleb(-round_to), rounding=ROUND_HALF_UP)
    elif round_to is None and places > 4:
        raise BuildError(f"{text!r} has {places} decimal places; give the series a rounding rule")
    s = format(d, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def missing(text: str | None) -> bool:
    return text is None or text.strip() in ("", "NA", "NaN", "..", ":", "x", "c", "z")


def financial_year(text: str) -> str:
    """'2017/18' or '2017-18' -> '2017-18'."""
    m = re.fullmatch(r"(\d{4})[/-](\d{2})", text.strip())
    if not m or (int(m[1]) + 1) % 100 != int(m[2]):
        raise BuildError(f"not a financial year: {text!r}")
    return f"{m[1]}-{m[2]}"


def academic_year(text: str) -> str:
    """'2017/18' -> '2017/18 academic'."""
    m = re.fullmatch(r"(\d{4})/(\d{2})", text.strip())
    if not m or (int(m[1]) + 1) % 100 != int(m[2]):
        raise BuildError(f"not an academic year: {text!r}")
    return f"{m[1]}/{m[2]} academic"


def calendar_year(text: str) -> str:
    if not re.fullmatch(r"\d{4}", text.strip()):
        raise BuildError(f"not a calendar year: {text!r}")
    return text.strip()


def rolling_12_months(text: str) -> str:
    """'Oct 2021-Sep 2022' stays; 'Jan 2022-Dec 2022' -> 'Jan-Dec 2022' (the canonical form)."""
    m = re.fullmatch(r"([A-Z][a-z]{2}) (\d{4})-([A-Z][a-z]{2}) (\d{4})", text.strip())
    if not m:
        raise BuildError(f"not a 12-month period: {text!r}")
    start, end = MONTHS.index(m[1]), MONTHS.index(m[3])
    y1, y2 = int(m[2]), int(m[4])
    if (y2 * 12 + end) - (y1 * 12 + start) != 11:
        raise BuildError(f"not 12 months: {text!r}")
    if start == 0:
        return f"Jan-Dec {y1}"
    return f"{m[1]} {y1}-{m[3]} {y2}"


def month(text: str) -> str:
    """'March 2023' or '2023-03' -> '2023-03'."""
    t = text.strip()
    if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", t):
        return t
    m = re.fullmatch(r"([A-Za-z]+) (\d{4})", t)
    if not m or m[1] not in MONTH_NAMES:
        raise BuildError(f"not a month: {text!r}")
    return f"{m[2]}-{MONTH_NAMES.index(m[1]) + 1:02d}"


def neet_reporting_year(text: str) -> str:
    """DfE's NEET reporting year Y (the average of the ends of December Y-1, January Y and
    February Y, for young people of academic age 16-17 in the academic year (Y-1)/Y) -> that
    academic year, e.g. '2024' -> '2023/24 academic'. DfE's release for that year is itself
    titled by the academic year ('Academic year 2023/24')."""
    y = int(calendar_year(text))
    return f"{y - 1}/{y % 100:02d} academic"


def as_at_31_march(text: str) -> str:
    """A snapshot at 31 March of year Y (labelled 'Y' by Fingertips) -> the financial year
    ending then, e.g. '2011' -> '2010-11'."""
    y = int(calendar_year(text))
    return f"{y - 1}-{y % 100:02d}"


def period_sort_key(period: str) -> tuple[int, int, str]:
    """Chronological order of one measure's canonical periods. A measure has a single period
    type, and the canonical forms of financial, academic and calendar years and of months sort
    chronologically as text; 12-month periods are ordered by their last month."""
    if m := re.fullmatch(r"Jan-Dec (\d{4})", period):
        return (int(m[1]), 12, period)
    if m := re.fullmatch(r"[A-Z][a-z]{2} \d{4}-([A-Z][a-z]{2}) (\d{4})", period):
        return (int(m[2]), MONTHS.index(m[1]) + 1, period)
    return (0, 0, period)


def area_sort_key(code: str) -> tuple[int, str]:
    if code == STOCKPORT:
        return (0, code)
    if code == ENGLAND:
        return (1, code)
    if code in CIPFA_NN:
        return (2, code)
    return (3, code)


# ---------------------------------------------------------------- readers


class Reference:
    def __init__(self, root: Path):
        self.root = root
        if not (root / "SOURCES.md").exists():
            raise BuildError(f"{root} does not look like the reference data folder (no SOURCES.md)")

    def rows(self, relative: str) -> list[dict[str, str]]:
        with open(self.root / relative, encoding="utf-8-sig", newline="") as f:
            return list(csv.DictReader(f))

    def json(self, relative: str):
        with open(self.root / relative, encoding="utf-8") as f:
            return json.load(f)


def themes(ref: Reference, relative: str, indicator: str, *, measure: str | None = None,
           areas: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """(area, period, value) from a trafford_themes long-format file for one indicator (and,
    where the file mixes them, one 'measure' column value). Missing values are dropped."""
    out = []
    seen = set()
    matched = False
    for r in ref.rows(relative):
        if r["indicator"] != indicator or (measure is not None and r["measure"] != measure):
            continue
        matched = True
        if r["area_code"] not in areas or missing(r["value"]):
            continue
        key = (r["area_code"], r["period"])
        if key in seen:
            raise BuildError(f"{relative}: {key} appears twice for {indicator!r}")
        seen.add(key)
        out.append((r["area_code"], r["period"], r["value"]))
    if not matched:
        raise BuildError(f"{relative}: no rows for indicator {indicator!r}")
    return out


# ---------------------------------------------------------------- the series

BENCHMARKED = (STOCKPORT, ENGLAND) + CIPFA_NN   # rates, percentages, ratios, scores
COUNTS = (STOCKPORT,) + CIPFA_NN                # totals: similar-sized neighbours, no England

KS4_PANDEMIC_NOTE = ("Grades in 2020 and 2021 were centre- or teacher-assessed because exams were "
                     "cancelled; not comparable with exam years.")


def simple(ref, measure, relative, indicator, period, *, measure_col=None, areas=BENCHMARKED,
           round_to=None, notes=None, breakdown=""):
    rows = []
    for area, p, v in themes(ref, relative, indicator, measure=measure_col, areas=areas):
        canonical = period(p)
        rows.append(Row(measure, canonical, area, number(v, round_to), breakdown=breakdown,
                        quality_note=(notes or {}).get(canonical, "")))
    return rows


def with_status(rows: list[Row], latest: list[str]) -> list[Row]:
    """Rows with the publisher's status for the latest periods of the series: latest[0] for the
    most recent period held (in any area), latest[1] for the one before, and so on; every other
    period stays final. Used only where the publisher says so (see the comment at each call)."""
    periods = sorted({r.period for r in rows}, key=period_sort_key, reverse=True)
    status = dict(zip(periods, latest))
    return [replace(r, status=status.get(r.period, "final")) for r in rows]


def build(ref: Reference) -> dict[str, list[Row]]:
    nn = ref.json("oflog/nearest_neighbours.json")["E08000007"]
    if sorted(c for c in nn if c != STOCKPORT) != sorted(CIPFA_NN) or STOCKPORT not in nn:
        raise BuildError("oflog/nearest_neighbours.json no longer matches CIPFA_NN")

    tt = "trafford_themes/"
    files: dict[str, list[Row]] = {}

    # Ambition 1 --------------------------------------------------------------------------
    # Status. ONS publishes this dataset once a year in editions named "<year> provisional" and,
    # a year later, "<year> revised" (ONS, "Number and proportion of employee jobs with hourly pay
    # below the living wage", list of editions: "2025 provisional", "2024 revised", ...,
    # https://www.ons.gov.uk/employmentandlabourmarket/peopleinwork/earningsandworkinghours/datasets/numberandproportionofemployeejobswithhourlypaybelowthelivingwage;
    # ASHE 2025 provisional and 2024 revised were published on 23 October 2025, per ONS's
    # correction note on ASHE table 2, 2024 revised). The reference copy (trafford_themes, updated
    # May 2026, before the 2026 edition) ends at 2025, and its 2024 value differs from the one in
    # the same file a year earlier (80.3 then, 80.5 now for Stockport): it holds 2025 as
    # provisional and 2024 as revised. Earlier years are not revised again.
    files["real-living-wage.csv"] = with_status(simple(
        ref, "A1-02", tt + "economy/real_living_wage.csv",
        "Employees paid at or above the real living wage by work geography", calendar_year),
        ["provisional", "revised"])

    dwellings = []
    for r in ref.rows("housing/net_additional_dwellings_by_local_authority.csv"):
        if r["Measure"] != "net_additional_dwellings":
            raise BuildError("unexpected measure in net additional dwellings file")
        if r["geography_code"] in COUNTS and not missing(r["value"]):
            dwellings.append(Row("A1-04", financial_year(r["date"]), r["geography_code"],
                                 number(r["value"])))
    files["net-additional-dwellings.csv"] = dwellings

    files["housing-affordability.csv"] = simple(
        ref, "A1-06", tt + "economy/housing_affordability.csv",
        "Ratio of median house price to median gross annual workplace-based earnings",
        calendar_year)

    # Ambition 2 --------------------------------------------------------------------------
    readiness = tt + "children/school_readiness.csv"
    files["school-readiness.csv"] = simple(
        ref, "A2-01", readiness,
        "School readiness: percentage of children achieving a good level of development at the "
        "end of Reception", academic_year) + simple(
        ref, "A2-01", readiness,
        "School readiness: percentage of children with free school meal status achieving a good "
        "level of development at the end of Reception", academic_year,
        breakdown="free-school-meals:eligible")

    # Status of DfE attainment figures. DfE publishes key stage 2 and key stage 4 results first as
    # "provisional" (KS4 in October, KS2 in September) and then "revised" (KS2 in December, KS4 in
    # the following January/February) (DfE, Key stage 2 attainment methodology, explore-education-
    # statistics.service.gov.uk/methodology/key-stage-2-attainment; Key stage 4 performance
    # releases). The reference copies (trafford_themes, from LG Inform, updated 30 April 2026)
    # were taken after the revised releases for 2024/25, but which edition LG Inform held is not
    # recorded, so no status other than the default is written. EYFSP results are published once,
    # with no provisional edition. NEET figures are DfE management information published once a
    # year; no provisional status is stated.
    files["ks2-expected-standard.csv"] = simple(
        ref, "A2-02", tt + "children/expected_standard_ks2.csv",
        "Pupils reaching the expected standard at the end of key stage 2 in reading, writing and "
        "mathematics", academic_year)

    files["ks4-grade-5-english-maths.csv"] = simple(
        ref, "A2-03", tt + "children/grades_5_or_above_ks4.csv",
        "Percentage achieving 9-5 in English & mathematics at Key Stage 4", academic_year,
        notes={"2019/20 academic": KS4_PANDEMIC_NOTE, "2020/21 academic": KS4_PANDEMIC_NOTE})

    files["progress-8.csv"] = simple(
        ref, "A2-04", tt + "children/progress_8_score.csv", "Average Progress 8 score",
        academic_year)

    neet = tt + "children/neet.csv"
    files["neet-or-not-known.csv"] = simple(
        ref, "A2-07", neet,
        "Not in education, employment or training (NEET)(inc not know)(16-17 years old)",
        neet_reporting_year)
    files["neet.csv"] = simple(
        ref, "A2-08", neet, "Not in education, employment or training (NEET)(16-17 years old)",
        neet_reporting_year)

    files["apprenticeship-starts.csv"] = simple(
        ref, "A2-09", tt + "economy/apprenticeship_starts.csv",
        "Apprenticeship starts rate per 100,000 population", academic_year)

    files["employment-rate.csv"] = simple(
        ref, "A2-10", tt + "economy/employment_rate.csv", "Employment rate - aged 16-64",
        rolling_12_months)
    files["economic-inactivity.csv"] = simple(
        ref, "A2-11", tt + "economy/economic_inactivity.csv",
        "% who are economically inactive - aged 16-64", rolling_12_months)

    # Residents aged 16-64 qualified to RQF level 3 or above (A2-18): ONS's Explore Local
    # Statistics indicator "Level 3 or above qualifications (Great Britain)", from the Annual
    # Population Survey, with its published 95% confidence intervals. Periods are ISO intervals
    # "2023-01-01/P1Y" (January to December 2023), written "Jan-Dec 2023". ONS gives the indicator
    # to 1 decimal place (metadata decimalPlaces 1); the interval bounds carry floating-point
    # noise (66.10000000000001) and are rounded to 1 place.
    qualifications = []
    for r in ref.rows("skills/ons_els_qualifications-level-3-or-above.csv"):
        if r["indicator"] != "Level 3 or above qualifications (Great Britain)" or r["unit"] != "%":
            raise BuildError("unexpected indicator or unit in the ELS level 3 file")
        if r["areacd"] not in BENCHMARKED or missing(r["observation"]):
            continue
        m = re.fullmatch(r"(\d{4})-01-01/P1Y", r["period"])
        if not m:
            raise BuildError(f"unexpected ELS period {r['period']!r}")
        qualifications.append(Row(
            "A2-18", f"Jan-Dec {m[1]}", r["areacd"], number(r["observation"], 1),
            lower_ci=number(r["lci_95"], 1), upper_ci=number(r["uci_95"], 1)))
    files["qualifications-level-3.csv"] = qualifications

    # Claimant count: the published proportion, with the published count as its numerator.
    # Status: Nomis has described each monthly update as adding the new month and revising the
    # previous one (Nomis, "June 2017 data released with revisions"), but no current ONS
    # statement that the latest month is provisional was found, so rows stay final.
    claimants = tt + "economy/claimant_count.csv"
    counts = {(a, month(p)): number(v) for a, p, v in themes(
        ref, claimants, "Claimant count", areas=BENCHMARKED)}
    files["claimant-count.csv"] = [
        Row("A2-12", month(p), a, number(v), numerator=counts.get((a, month(p)), ""))
        for a, p, v in themes(ref, claimants, "Claimants as a proportion of residents aged 16-64",
                              areas=BENCHMARKED)]

    # Universal Credit: DWP's published count only. (The reference file's proportion of residents
    # aged 16-64 is a third-party calculation, not a DWP figure, so it is not used.)
    # Status. DWP: "The latest month's figures are provisional", revised once in the next release
    # and not revised after that; the latest two months are marked (r) and (p) (Stat-Xplore
    # metadata, People on Universal Credit, field Month,
    # https://stat-xplore.dwp.gov.uk/webapi/metadata/UC_Monthly/Month.html). The reference copy
    # (trafford_themes, updated 7 May 2026) ends at March 2026, the latest month published then.
    files["universal-credit.csv"] = with_status(simple(
        ref, "A2-13", tt + "economy/universal_credit.csv", "People on Universal Credit", month,
        areas=COUNTS), ["provisional", "revised"])

    # Ambition 3 --------------------------------------------------------------------------
    files["adults-walking-or-cycling.csv"] = simple(
        ref, "A3-02", tt + "health/adults_walking_or_cycling.csv",
        "Proportion of adults who do any walking or cycling, for any purpose, five times per week",
        calendar_year)

    oflog = ref.rows("oflog/adult_social_care.csv")

    def oflog_series(measure: str, code: str) -> list[Row]:
        out, seen = [], set()
        for r in oflog:
            if r["Code"] != code or r["Local authority code"] not in (STOCKPORT,) + CIPFA_NN:
                continue
            if missing(r["Value"]):
                continue
            if Decimal(r["Value"]) == 0:
                raise BuildError(f"oflog {code}: zero value for {r['Local authority code']} "
                                 f"{r['Financial year']} (a missing value coded as 0?)")
            key = (r["Local authority code"], r["Financial year"])
            if key in seen:
                raise BuildError(f"oflog {code}: {key} twice")
            seen.add(key)
            out.append(Row(measure, financial_year(r["Financial year"]),
                           r["Local authority code"], number(r["Value"])))
        return out

    files["short-term-services-outcome.csv"] = oflog_series("A3-04", "ASC5")

    # Ambition 4 --------------------------------------------------------------------------
    # Status: DWP's own statement that the latest year of these local statistics is provisional
    # was not found (collection page, background information and methodology note, March 2024
    # and March 2025), so rows stay final. The reference copy changed the years 2021-22 to
    # 2023-24 between its July 2025 and April 2026 versions: DWP's March 2026 release covers the
    # years ending March 2022 to 2025 ("Children in low income families: local area statistics
    # 2022 to 2025", gov.uk), and earlier years held here come from earlier releases.
    poverty = tt + "children/children_poverty.csv"
    files["children-relative-low-income.csv"] = simple(
        ref, "A4-02", poverty, "% of children living in relative low income families: Aged 0-15",
        financial_year)
    files["children-absolute-low-income.csv"] = simple(
        ref, "A4-03", poverty, "% of children living in absolute low income families: Aged 0-15",
        financial_year)

    files["care-home-admissions-65.csv"] = simple(
        ref, "A4-06", tt + "health/admissions_care_homes_65p.csv",
        "Permanent admissions to residential and nursing care homes aged 65+", financial_year)
    files["social-care-satisfaction.csv"] = simple(
        ref, "A4-07", tt + "health/social_care_satisfaction.csv",
        "Social Care Service users who are satisfied with their care and support", financial_year)
    files["ease-of-finding-information.csv"] = oflog_series("A4-08", "ASC3")

    files["cla-health-assessment.csv"] = simple(
        ref, "A4-12", tt + "children/cla_health_assessment.csv",
        "Children looked after who had their annual health assessment", financial_year)

    cic = []
    for r in ref.rows("children_in_care/children_in_care_rate_2011_2018.csv"):
        if r["indicator"] != "Children in care: rate per 10,000 population aged < 18":
            raise BuildError("unexpected indicator in children in care file")
        if r["area_code"] in BENCHMARKED and not missing(r["value"]):
            cic.append(Row("A4-13", as_at_31_march(r["period"]), r["area_code"],
                           number(r["value"])))
    files["children-in-care-rate.csv"] = cic

    # Theme 1 -----------------------------------------------------------------------------
    imd = []
    for r in ref.rows("deprivation/IoD2019_local_authority.csv"):
        if r["index_domain"] == "Index of Multiple Deprivation" and r["lad19cd"] in BENCHMARKED:
            imd.append(Row("T1-01", calendar_year(r["year"]), r["lad19cd"],
                           number(r["average_score"], 3)))
    ward_imd_note = ("Population-weighted average of the ward's LSOA scores (2004-2022 ward), "
                     "aggregated from MHCLG's LSOA data by the IMD R package.")
    for r in ref.rows("wards_pre2023/imd2019_by_ward_2020_stockport.csv"):
        if r["WD20CD"] not in WARDS_2004:
            raise BuildError(f"unexpected ward {r['WD20CD']} in ward IMD file")
        imd.append(Row("T1-01", "2019", r["WD20CD"], number(r["Score"], 3),
                       quality_note=ward_imd_note))
    files["imd-2019-average-score.csv"] = imd

    # Deprivation as a breakdown: Stockport's neighbourhoods (LSOAs) in each national IMD 2019
    # quintile, for the borough and for each 2004-2022 ward. Deciles are MHCLG's; each LSOA is
    # placed in a ward by the ONS best-fit lookup (2021 LSOA codes; Stockport's 2011 codes carry
    # over unchanged, and any that do not are refused below rather than guessed).
    lookup = {r["lsoa21cd"]: r["wd22cd"] for r in ref.rows("boundaries/lsoa_to_ward_best-fit_lookup_2021.csv")
              if r["lad22cd"] == STOCKPORT}
    # One 2011 LSOA, E01005758 (Stockport 014B), was split in 2021 into E01033947 and E01033948;
    # both halves lie in Brinnington and Central, so the whole 2011 LSOA does too.
    split = {"E01005758": ("E01033947", "E01033948")}
    for old, parts in split.items():
        wards = {lookup[p] for p in parts if p in lookup}
        if len(wards) == 1:
            lookup[old] = wards.pop()
    counts: dict[tuple[str, str], int] = {}
    for r in ref.rows("deprivation/imd2019_by_lsoa_stockport.csv"):
        lsoa = r["LSOA code (2011)"]
        if lsoa not in lookup:
            raise BuildError(f"LSOA {lsoa} is not in the ward lookup")
        quintile = f"deprivation-quintile:q{(int(r['Index of Multiple Deprivation (IMD) Decile']) + 1) // 2}"
        for area in (lookup[lsoa], STOCKPORT):
            counts[(area, quintile)] = counts.get((area, quintile), 0) + 1
            counts[(area, "")] = counts.get((area, ""), 0) + 1
    areas_seen = sorted({area for area, _ in counts})
    files["imd-2019-neighbourhoods-by-quintile.csv"] = [
        Row("T1-06", "2019", area, str(counts.get((area, key), 0)), breakdown=key)
        for area in areas_seen
        for key in [""] + [f"deprivation-quintile:q{q}" for q in range(1, 6)]
    ]

    population = []
    for r in ref.rows("housing/population_all_ages.csv"):
        if r["geography_code"] == STOCKPORT and not missing(r["value"]):
            population.append(Row("T1-02", calendar_year(r["date"]), STOCKPORT,
                                  number(r["value"])))
    ward_pop_note = ("ONS ward-level mid-2016 estimate (2004-2022 ward). The 21 wards sum to "
                     "{total:,}, not to the borough's mid-2016 figure in this series, which comes "
                     "from a later edition of the estimates.")
    ward_rows = ref.rows("wards_pre2023/mid-2016_population_by_ward_stockport.csv")
    total = sum(int(r["all_ages"]) for r in ward_rows)  # only to state the sum in the note
    for r in ward_rows:
        if r["area_code"] not in WARDS_2004:
            raise BuildError(f"unexpected ward {r['area_code']} in ward population file")
        population.append(Row("T1-02", "2016", r["area_code"], number(r["all_ages"]),
                              quality_note=ward_pop_note.format(total=total)))
    files["population.csv"] = population

    # Theme 2 -----------------------------------------------------------------------------
    files["co2-emissions.csv"] = simple(
        ref, "T2-01", tt + "climate/borough_wide_co2_emissions.csv",
        "Local Authority territorial carbon dioxide (CO2) emissions estimates", calendar_year,
        areas=COUNTS, round_to=1)

    files["ev-charging-devices.csv"] = simple(
        ref, "T2-02", tt + "climate/electric_vehicle_charging_points.csv",
        "Publicly available electric vehicle charging devices at all speeds", month)

    # The waste file holds two series under one indicator name: the percentage (measure
    # 'Percentage', unit 'Waste'; 12 years for Stockport) and the tonnage sent for reuse,
    # recycling or composting (measure 'Frequency', unit 'Tonnes'; 11 years, no England row).
    # The measure is the percentage.
    files["household-waste-recycling.csv"] = simple(
        ref, "T2-03", tt + "climate/household_waste_recycling.csv",
        "Household waste sent for reuse, recycling or composting", financial_year,
        measure_col="Percentage")

    fuel = tt + "economy/fuel_poverty.csv"
    files["fuel-poverty-lilee.csv"] = simple(
        ref, "T2-04", fuel, "Fuel poverty (low income, low energy efficiency methodology)",
        calendar_year)
    files["fuel-poverty-lihc.csv"] = simple(
        ref, "T2-05", fuel, "Fuel poverty (low income, high cost methodology)", calendar_year)

    return files


# ---------------------------------------------------------------- output


def render(rows: list[Row]) -> str:
    keys = set()
    for r in rows:
        key = (r.measure, r.period, r.area, r.breakdown)
        if key in keys:
            raise BuildError(f"duplicate observation {key}")
        keys.add(key)
    ordered = sorted(rows, key=lambda r: (r.measure, r.breakdown, area_sort_key(r.area),
                                          period_sort_key(r.period)))
    intervals = any(r.lower_ci or r.upper_ci for r in rows)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(HEADER_WITH_CI if intervals else HEADER)
    for r in ordered:
        ci = [r.lower_ci, r.upper_ci] if intervals else []
        w.writerow([r.measure, r.period, r.area, r.breakdown, r.value, r.numerator, ""] + ci
                   + [r.status, r.quality_note, "true"])
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", type=Path, default=DEFAULT_REF,
                        help=f"reference data folder (default {DEFAULT_REF})")
    parser.add_argument("--out", type=Path, default=OUT, help=f"output folder (default {OUT})")
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if any output file would change")
    args = parser.parse_args(argv)

    try:
        files = build(Reference(args.ref.resolve()))
        rendered = {name: render(rows) for name, rows in sorted(files.items())}
    except BuildError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2

    changed = []
    for name, text in rendered.items():
        path = args.out / name
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old != text:
            changed.append(name)
            if not args.check:
                args.out.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8", newline="")
        print(f"{'changed' if old != text else 'same   '} {name}: {text.count(chr(10)) - 1} rows")

    if args.check and changed:
        print(f"{len(changed)} file(s) out of date: run tools/dataset/build.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
