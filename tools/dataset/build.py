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
# The ten Greater Manchester councils (comparator group gm-councils in measures.yaml is the nine
# other than Stockport). DfE's LAIT files name councils, not codes: LAIT_NAMES maps them.
GM = tuple(f"E0800000{n}" for n in range(1, 10)) + ("E08000010",)
LAIT_NAMES = {
    "Bolton": "E08000001", "Bury": "E08000002", "Manchester": "E08000003", "Oldham": "E08000004",
    "Rochdale": "E08000005", "Salford": "E08000006", "Stockport": "E08000007",
    "Tameside": "E08000008", "Trafford": "E08000009", "Wigan": "E08000010", "England": ENGLAND,
}
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
    denominator: str = ""
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
    if code in GM:
        return (3, code)
    return (4, code)


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
        if r["areacd"] not in BENCHMARKED + GM or missing(r["observation"]):
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

    # Children looked after per 10,000 children aged under 18 at 31 March (A4-13). DfE's own
    # published rates (LAIT "LAC", whole numbers, 31 March 2016 to 2025; GM councils and England)
    # from 2015-16 on, with DfE's count of children looked after and its under-18 population as
    # numerator and denominator where DfE's table has them (CSC outcomes and enablers copy, 2021 to
    # 2025; its rate must equal LAIT's). Before 2015-16, OHID Fingertips' figures (1 decimal place,
    # recalculated by OHID). Where both are held (2015-16 to 2017-18) they differ by up to 0.7
    # (Stockport 2015-16: Fingertips 47.7, DfE 47), so the measure records a series break at
    # 2015-16 (measures.yaml) rather than splicing the two.
    dfe_from = "2015-16"
    cic = []
    for r in ref.rows("children_in_care/children_in_care_rate_2011_2018.csv"):
        if r["indicator"] != "Children in care: rate per 10,000 population aged < 18":
            raise BuildError("unexpected indicator in children in care file")
        period = as_at_31_march(r["period"])
        if r["area_code"] in BENCHMARKED and not missing(r["value"]) and period < dfe_from:
            cic.append(Row("A4-13", period, r["area_code"], number(r["value"]),
                           quality_note="OHID Fingertips' figure, from DfE's children looked "
                                        "after statistics; from 2015-16 the series is DfE's own "
                                        "published rate."))
    dfe_counts = {}
    for r in ref.rows("children_looked_after/cla_number_and_rate_per_10k_children.csv"):
        area = ees_area(r)
        if area not in GM_BENCHMARKED or r["population_type"] != "Children looked after on 31 March each year":
            continue
        dfe_counts[(area, as_at_31_march(r["time_period"]))] = (
            r["children_count"], r["population_estimate"], number(r["rate_per_10000"]))
    for (area, period), value in lait(ref, "children_looked_after/lait_children_looked_after.csv",
                                      "LAC", as_at_31_march).items():
        if period < dfe_from:
            continue
        n, d = "", ""
        if (area, period) in dfe_counts:
            n, d, rate = dfe_counts[(area, period)]
            if rate != value:
                raise BuildError(f"A4-13: LAIT {value} and DfE {rate} differ for {area} {period}")
            n, d = number(n), number(d)
        cic.append(Row("A4-13", period, area, value, numerator=n, denominator=d))
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

    build_added(ref, files)
    return files


# ---------------------------------------------------------------- series added 2026-12 (issue 11)

GM_BENCHMARKED = (STOCKPORT, ENGLAND) + GM     # Stockport, England and the other GM councils


def lait(ref: Reference, relative: str, code: str, period, *, round_to: int | None = None,
         areas: tuple[str, ...] = GM_BENCHMARKED) -> dict[tuple[str, str], str]:
    """{(area, canonical period): value} for one LAIT measure code. LAIT writes "-" for a missing
    value and stores values as text, some with floating-point noise (9.7629999999999995E-2);
    missing values are dropped. Councils are named, not coded: LAIT_NAMES maps them, and a name
    that is not there is skipped only when it is the North West region."""
    out: dict[tuple[str, str], str] = {}
    matched = False
    for r in ref.rows(relative):
        if r["Short Desc"] != code:
            continue
        matched = True
        name = r["LA and Regions"]
        if name not in LAIT_NAMES:
            if name != "North West":
                raise BuildError(f"{relative}: unexpected area {name!r} for {code}")
            continue
        area = LAIT_NAMES[name]
        if area not in areas or r["Values"].strip() == "-" or missing(r["Values"]):
            continue
        key = (area, period(r["Years"]))
        if key in out:
            raise BuildError(f"{relative}: {key} appears twice for {code}")
        out[key] = number(r["Values"], round_to)
    if not matched:
        raise BuildError(f"{relative}: no rows for {code}")
    return out


def ees_area(r: dict[str, str]) -> str | None:
    """The area code of a row of a DfE explore-education-statistics file (national or local
    authority; regional rows are not used)."""
    if r["geographic_level"] == "National":
        return ENGLAND
    if r["geographic_level"] == "Local authority":
        return r["new_la_code"]
    return None


def dfe_count(text: str) -> int | None:
    """A DfE count, or None where DfE publishes a code instead (c suppressed, z not applicable,
    x unavailable): never a number."""
    t = text.strip()
    if t in ("c", "z", "x", "", "low"):
        return None
    if not re.fullmatch(r"\d+", t):
        raise BuildError(f"not a DfE count: {text!r}")
    return int(t)


def percentage(numerator: int, denominator: int, places: int) -> str:
    """numerator / denominator x 100, rounded half-up; computed only where a measure's definition
    says the percentage is ours, from published counts."""
    value = (Decimal(numerator) * 100 / Decimal(denominator)).quantize(
        Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return number(str(value))


def fingertips_3_year(text: str) -> str:
    """OHID's pooled three-year period '2015 - 17' -> '2015-17' (period type
    three-calendar-years)."""
    m = re.fullmatch(r"(\d{4}) - (\d{2})", text.strip())
    if not m or (int(m[1]) + 2) % 100 != int(m[2]):
        raise BuildError(f"not a three-year period: {text!r}")
    return f"{m[1]}-{m[2]}"


def quarter_ending(text: str) -> str:
    """A quarter's last day '2025-12-31' -> the financial quarter '2025-26 Q3'."""
    m = re.fullmatch(r"(\d{4})-(03|06|09|12)-(31|30)", text.strip())
    if not m:
        raise BuildError(f"not a quarter end: {text!r}")
    year, end_month = int(m[1]), int(m[2])
    first = year if end_month >= 6 else year - 1
    q = {6: 1, 9: 2, 12: 3, 3: 4}[end_month]
    return f"{first}-{(first + 1) % 100:02d} Q{q}"


def january_year(text: str) -> str:
    """DfE SEN2 time_period '202425' (plans at January 2025) -> '2024/25 academic'."""
    m = re.fullmatch(r"(\d{4})(\d{2})", text.strip())
    if not m or (int(m[1]) + 1) % 100 != int(m[2]):
        raise BuildError(f"not a DfE time period: {text!r}")
    return f"{m[1]}/{m[2]} academic"


def build_added(ref: Reference, files: dict[str, list[Row]]) -> None:
    # Permanent exclusion rate (A2-19): LAIT TotPermEx, DfE's permanent exclusions as a percentage
    # of the school population, academic years. LAIT holds the rate to 5 decimal places as
    # floating-point text (0.19025; 9.7629999999999995E-2 is 0.09763): rounded to 5 places, which
    # removes only the noise.
    exclusions = lait(ref, "schools/lait_exclusions_suspensions.csv", "TotPermEx", academic_year,
                      round_to=5)
    files["permanent-exclusion-rate.csv"] = [
        Row("A2-19", period, area, value) for (area, period), value in exclusions.items()]

    # EHC plans in independent or non-maintained special schools (A2-20): DfE SEN2 caseload by
    # establishment type, plans at January. The numerator is the sum of DfE's two published counts
    # (special_independent + special_non_maintained); the denominator is all EHC plans the council
    # maintains (ehcplans); the percentage is ours. A row with any count suppressed or not
    # available (c, z, x) is not written.
    ehcp = []
    for r in ref.rows("sen/ehcp_caseload_by_establishment_type_2019_2025.csv"):
        if r["breakdown_topic"] != "All EHC plans" or r["breakdown"] != "All EHC plans":
            continue
        area = ees_area(r)
        if area not in GM_BENCHMARKED:
            continue
        independent = dfe_count(r["special_independent"])
        non_maintained = dfe_count(r["special_non_maintained"])
        plans = dfe_count(r["ehcplans"])
        if independent is None or non_maintained is None or not plans:
            continue
        ehcp.append(Row("A2-20", january_year(r["time_period"]), area,
                        percentage(independent + non_maintained, plans, 1),
                        numerator=str(independent + non_maintained), denominator=str(plans)))
    files["ehcp-independent-special-schools.csv"] = ehcp

    # Care leavers aged 19-21 (A2-17 in education, employment or training; A4-14 in suitable
    # accommodation), year ending 31 March. 2020-21 to 2024-25: DfE's own table (CSC outcomes and
    # enablers copy of "Children looked after in England including adoptions"), with its counts
    # as numerator and denominator and its percentage as the value. 2015-16 to 2019-20: LAIT's
    # percentage (DfE's figure, no counts used). Where both hold a year, they must agree.
    def care_leavers(measure: str, relative: str, wanted: str, total: str, lait_code: str) -> list[Row]:
        counts: dict[tuple[str, str], tuple[int, str]] = {}
        totals: dict[tuple[str, str], int] = {}
        for r in ref.rows(relative):
            area = ees_area(r)
            if area not in GM_BENCHMARKED or r["care_leaver_age"] != "19 to 21 years":
                continue
            key = (area, as_at_31_march(r["time_period"]))
            if r["breakdown"] == wanted:
                n = dfe_count(r["care_leaver_count"])
                if n is not None and not missing(r["care_leaver_percent"]):
                    counts[key] = (n, number(r["care_leaver_percent"]))
            elif r["breakdown"] == total:
                n = dfe_count(r["care_leaver_count"])
                if n is not None:
                    totals[key] = n
        older = lait(ref, "care_leavers/lait_care_leavers.csv", lait_code, as_at_31_march)
        rows = []
        for key, (n, pc) in counts.items():
            if key in older and older[key] != pc:
                raise BuildError(f"{measure}: LAIT {older[key]} and DfE {pc} differ for {key}")
            rows.append(Row(measure, key[1], key[0], pc, numerator=str(n),
                            denominator=str(totals[key]) if key in totals else ""))
        for key, value in older.items():
            if key not in counts and key[1] < "2020-21":
                rows.append(Row(measure, key[1], key[0], value))
        return rows

    files["care-leavers-eet.csv"] = care_leavers(
        "A2-17", "care_leavers/la_care_leavers_activity.csv",
        "Total in education, employment or training", "Total", "CareLeaverEET")
    files["care-leavers-suitable-accommodation.csv"] = care_leavers(
        "A4-14", "care_leavers/la_care_leavers_accommodation_suitability.csv",
        "Accommodation considered suitable", "Suitability total", "CareLeaverAcc")

    # Residents aged 16-64 with no qualifications (A2-22): ONS Explore Local Statistics, "No
    # qualifications" (Annual Population Survey), as the level 3 file (A2-18) with its published
    # 95% intervals rounded to 1 place. Where ONS gives no interval it gives a note instead
    # ("Estimate and confidence interval unreliable since the group sample size is small (3-9)"):
    # the value is written with ONS's note and without an interval.
    none = []
    for r in ref.rows("skills/ons_els_qualifications-none-gb.csv"):
        if r["indicator"] != "No qualifications" or r["unit"] != "%":
            raise BuildError("unexpected indicator or unit in the ELS no qualifications file")
        if r["areacd"] not in GM_BENCHMARKED or missing(r["observation"]):
            continue
        m = re.fullmatch(r"(\d{4})-01-01/P1Y", r["period"])
        if not m:
            raise BuildError(f"unexpected ELS period {r['period']!r}")
        has_ci = not missing(r["lci_95"]) and not missing(r["uci_95"])
        if not has_ci and not r["notes"].strip():
            raise BuildError(f"ELS no qualifications: {r['areacd']} {r['period']} has no interval and no note")
        none.append(Row(
            "A2-22", f"Jan-Dec {m[1]}", r["areacd"], number(r["observation"], 1),
            lower_ci=number(r["lci_95"], 1) if has_ci else "",
            upper_ci=number(r["uci_95"], 1) if has_ci else "",
            quality_note="" if has_ci else r["notes"].strip()))
    files["no-qualifications.csv"] = none

    # Census 2021 highest level of qualification (A2-21), usual residents aged 16 and over, ONS
    # TS067, 21 March 2021. The file holds counts only; the percentages are ours: each level's
    # count over the sum of the seven categories (all residents aged 16 and over). The headline
    # is Level 2 or above: Level 2, Level 3 and Level 4 or above. Apprenticeships and "other
    # qualifications" (which TS067 gives no level) are not counted in it.
    levels = {
        "No qualifications": "none",
        "Level 1 and entry level qualifications": "level-1",
        "Level 2 qualifications": "level-2",
        "Apprenticeship": "apprenticeship",
        "Level 3 qualifications": "level-3",
        "Level 4 qualifications or above": "level-4",
        "Other qualifications": "other",
    }
    census: dict[str, dict[str, int]] = {}
    for r in ref.rows("skills/census2021_highest_level_qualification_la_gm.csv"):
        if r["period"] != "2021-03-21" or r["measure"] != "Count":
            raise BuildError("unexpected period or measure in the Census 2021 qualifications file")
        by_level = census.setdefault(r["area_code"], {})
        level = levels[r["highest_qualification"]]
        if level in by_level:
            raise BuildError(f"census qualifications: {r['area_code']} {level} twice")
        by_level[level] = int(r["value"])
    qualifications = []
    for area, by_level in census.items():
        if area not in GM or sorted(by_level) != sorted(levels.values()):
            raise BuildError(f"census qualifications: unexpected area or categories for {area}")
        total = sum(by_level.values())
        level_2_plus = by_level["level-2"] + by_level["level-3"] + by_level["level-4"]
        qualifications.append(Row("A2-21", "2021", area, percentage(level_2_plus, total, 1),
                                  numerator=str(level_2_plus), denominator=str(total)))
        # Each level for every council, not Stockport's alone: a refresh from Nomis gets them all,
        # and the neighbours' shares are what Stockport's are read against.
        for level, n in by_level.items():
            qualifications.append(Row("A2-21", "2021", area, percentage(n, total, 1),
                                      breakdown=f"highest-qualification:{level}",
                                      numerator=str(n), denominator=str(total)))
    files["census-2021-highest-qualification.csv"] = qualifications

    # Domestic energy performance certificates rated A to C (T2-11): MHCLG live table D1, EPCs
    # lodged in each quarter. The numerator is the sum of MHCLG's counts rated A, B and C; the
    # denominator is all domestic EPCs lodged in the quarter; the percentage is ours.
    epc = []
    for r in ref.rows("energy/epc_domestic_lodgements_by_rating_quarterly.csv"):
        if r["unit"] != "Certificates":
            raise BuildError("unexpected unit in the EPC file")
        lodged = int(r["value_certificates_lodged"])
        a_to_c = int(r["value_rating_A"]) + int(r["value_rating_B"]) + int(r["value_rating_C"])
        if lodged == 0:
            continue
        epc.append(Row("T2-11", quarter_ending(r["period"]), r["area_code"],
                       percentage(a_to_c, lodged, 1), numerator=str(a_to_c),
                       denominator=str(lodged)))
    files["epc-rated-a-to-c.csv"] = epc

    # Life expectancy (T1-07 female, T1-08 male), healthy life expectancy (T1-09 female, T1-10
    # male) and the slope index of inequality in life expectancy (T1-11 female, T1-12 male): OHID
    # Fingertips, pooled three-year periods. OHID publishes them by sex only (no persons figure),
    # so each sex is its own measure: a measure's figures are judged on its all-persons series.
    def fingertips(relative: str, indicator: str, female: str, male: str) -> list[Row]:
        rows, seen = [], set()
        for r in ref.rows(relative):
            if r["indicator"] != indicator:
                raise BuildError(f"{relative}: unexpected indicator {r['indicator']!r}")
            if r["area_code"] not in GM_BENCHMARKED or missing(r["value"]):
                continue
            measure = {"Female": female, "Male": male}[r["inequality"]]
            key = (measure, r["area_code"], r["period"])
            if key in seen:
                raise BuildError(f"{relative}: {key} twice")
            seen.add(key)
            rows.append(Row(measure, fingertips_3_year(r["period"]), r["area_code"],
                            number(r["value"])))
        return rows

    files["life-expectancy.csv"] = fingertips(
        "health/life_expectancy.csv", "Life expectancy at birth", "T1-07", "T1-08")
    files["healthy-life-expectancy.csv"] = fingertips(
        "health/healthy_life_expectancy.csv", "Healthy life expectancy at birth", "T1-09", "T1-10")
    files["life-expectancy-inequality.csv"] = fingertips(
        "health/inequality_life_expectancy.csv", "Inequality in life expectancy at birth",
        "T1-11", "T1-12")


# ---------------------------------------------------------------- small areas (ward figures)

SMALL_AREA_LOOKUP_HEADER = """\
# Best-fit lookup of Stockport's lower layer super output areas (LSOAs, 2021 boundaries) to its 21
# wards in force since May 2023 (ward set stockport-2023 in data/areas.yaml).
# Source: Office for National Statistics LSOA (2021) to ward lookups, best-fit as published by
# Trafford Data Lab (GitHub traffordDataLab/spatial_data, lookups/2025/lsoa_to_ward_best-fit_lookup.csv,
# Stockport rows). Open Government Licence v3.0; contains National Statistics data (c) Crown
# copyright and database right.
# A best-fit lookup assigns each LSOA wholly to one ward, even where a ward boundary cuts through it.
# The last row is CouncilPlan's, for the Index of Multiple Deprivation 2019, which is on 2011 LSOAs:
# the 2011 LSOA E01005758 (Stockport 014B) was split in 2021 into E01033947 and E01033948, and the
# lookup places both halves in E05015018, so the whole 2011 LSOA is placed there too. Every other
# Stockport 2011 LSOA kept its code in 2021.
"""

SMALL_AREA_IMD_HEADER = """\
# English indices of deprivation 2019: the Index of Multiple Deprivation rank (1 = most deprived of
# England's 32,844 LSOAs) and decile (1 = most deprived 10%) of each of Stockport's 190 lower layer
# super output areas (2011 boundaries).
# Source: Ministry of Housing, Communities and Local Government, English indices of deprivation 2019,
# File 1 (copy via GitHub anetobradley/energy_flex, Stockport rows). Open Government Licence v3.0.
"""


def small_area_files(ref: Reference) -> dict[str, str]:
    """The lookup and the LSOA figures the dataset load turns into ward figures (see
    src/CouncilPlan.Core/Areas/BestFit.cs). Copied as published, Stockport rows only; the one
    row CouncilPlan adds is explained in the file's header."""
    lookup = ref.rows("wards/lsoa21_to_ward_2025_best-fit_lookup_stockport.csv")
    wards = {f"E050150{n}" for n in range(14, 35)}
    out = io.StringIO()
    out.write(SMALL_AREA_LOOKUP_HEADER)
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["small_area", "small_area_name", "ward"])
    placed = {}
    for r in sorted(lookup, key=lambda r: r["lsoa21cd"]):
        if r["lad25cd"] != STOCKPORT or r["wd25cd"] not in wards:
            raise BuildError(f"unexpected row in the ward lookup: {r}")
        placed[r["lsoa21cd"]] = r["wd25cd"]
        w.writerow([r["lsoa21cd"], r["lsoa21nm"], r["wd25cd"]])
    halves = {placed[p] for p in ("E01033947", "E01033948")}
    if len(halves) != 1:
        raise BuildError("the halves of E01005758 lie in different wards: place it by population instead")
    w.writerow(["E01005758", "Stockport 014B (2011)", halves.pop()])
    files = {"lsoa-to-ward-2023.csv": out.getvalue()}

    out = io.StringIO()
    out.write(SMALL_AREA_IMD_HEADER)
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["small_area", "small_area_name", "imd_rank", "imd_decile"])
    for r in sorted(ref.rows("deprivation/imd2019_by_lsoa_stockport.csv"), key=lambda r: r["LSOA code (2011)"]):
        if r["Local Authority District code (2019)"] != STOCKPORT:
            raise BuildError("unexpected district in the LSOA IMD file")
        decile = int(r["Index of Multiple Deprivation (IMD) Decile"])
        if not 1 <= decile <= 10:
            raise BuildError(f"decile {decile} for {r['LSOA code (2011)']}")
        w.writerow([r["LSOA code (2011)"], r["LSOA name (2011)"],
                    r["Index of Multiple Deprivation (IMD) Rank"].replace(",", ""), decile])
    files["imd2019-lsoa.csv"] = out.getvalue()
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
        w.writerow([r.measure, r.period, r.area, r.breakdown, r.value, r.numerator, r.denominator] + ci
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
        ref = Reference(args.ref.resolve())
        files = build(ref)
        rendered = {name: render(rows) for name, rows in sorted(files.items())}
        # The small-area files go beside the observations folder, in small-areas/.
        rendered.update({f"../small-areas/{name}": text
                         for name, text in sorted(small_area_files(ref).items())})
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
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8", newline="")
        print(f"{'changed' if old != text else 'same   '} {name}: {text.count(chr(10)) - 1} rows")

    if args.check and changed:
        print(f"{len(changed)} file(s) out of date: run tools/dataset/build.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
