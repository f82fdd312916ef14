#!/usr/bin/env python3
"""Writes stand-in recorded responses for the default dataset's sources.yaml.

`councilplan sources refresh --recorded` reads each series' `recorded` file instead of asking the
publisher. Until real responses are captured from the live services (this machine had no network
when the mechanism was built), these files are rebuilt from the committed observations CSVs in the
shape the publisher's documentation gives, so a dry run against them should find every figure
unchanged (SourceCommandsTests checks that it does). Replace them with captured responses (same
file names) when the network allows.

Shapes:
- Nomis CSV: https://www.nomisweb.co.uk/api/v01/help (data download, `select`), one row per
  statistic (MEASURE_NAME / MEASURES_NAME), OBS_STATUS "A" for a normal value.
- Fingertips CSV: https://fingertips.phe.org.uk/api (all_data/csv/by_indicator_id) and the API guide,
  one row per area, sex and period; pooled periods written "2015 - 17".
- explore education statistics CSV download: the open data standards
  (https://dfe-analytical-services.github.io/analysts-guide/statistics-production/ud.html):
  time_period, time_identifier, geographic_level, country/region/LA codes, then the data set's
  filters and indicators. Where data/stockport-2023-24/sources.yaml says a data set's columns and
  labels were seen (on its data catalogue page or in DfE's own files), the stand-in uses them and
  writes the series' filter labels on every row; the others keep the likely names, to be checked.
- file: the publisher's own table; the stand-ins keep one header row of plain column names (XLSX:
  a title row above it, as the publishers' workbooks have notes above their tables).

One exception to "from the observations": DfE's EHC plans data set splits the numerator of A2-20
into two published counts, which are taken from the reference copy of that data set (../shared,
as build.py reads it) and checked to add up to the observations' numerator.

What a stand-in leaves out: ward rows (E05: built in the product from small areas, not fetched),
and figures that carry a quality note where the service's response has no note column (Fingertips
has "Value note"; the others none), since a refresh would otherwise revise the note away. A refresh
leaves figures its response lacks alone.

Usage: python3 tools/dataset/record_responses.py
"""
import csv
import datetime
import pathlib
import zipfile
from xml.sax.saxutils import escape

ROOT = pathlib.Path(__file__).resolve().parents[2]
# The reference copies of the official statistics (as tools/dataset/build.py reads them): used only
# where a publisher's response splits a count the observations file holds as one sum.
REF = ROOT.parent / "shared" / "data" / "real"
PLAN = ROOT / "data" / "stockport-2023-24"
OUT = PLAN / "recorded"


def rows(name, measure=None):
    with open(PLAN / "observations" / name, newline="", encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if measure is None or r["measure"] == measure]


def fetched(rs, notes=False):
    """The rows a publisher's response would carry (see the module's docstring)."""
    return [r for r in rs if not r["area"].startswith("E05") and (notes or not r["quality_note"])]


def month_name(period):
    # Nomis writes a month as "March 2023"; the observations file as 2023-03.
    return datetime.date.fromisoformat(period + "-01").strftime("%B %Y")


def aps_name(period):
    # Nomis writes an APS 12-month period as "Jan 2022-Dec 2022"; the observations file writes a
    # calendar year as "Jan-Dec 2022".
    if period.startswith("Jan-Dec "):
        year = period[len("Jan-Dec "):]
        return f"Jan {year}-Dec {year}"
    return period


def write(name, header, lines):
    OUT.mkdir(exist_ok=True)
    with open(OUT / name, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(lines)


def column_name(i):
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def write_xlsx(name, sheet, title, header, lines, header_row=3):
    """A minimal workbook: the title in A1 (None: no title, the header on row 1), the header on
    header_row, inline strings, numbers as numbers."""
    def cell(ref, value):
        try:
            float(value)
            return f'<c r="{ref}"><v>{value}</v></c>'
        except ValueError:
            return f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'

    if title is None:
        header_row = 1
    body = [] if title is None else [f'<row r="1">{cell("A1", title)}</row>']
    for n, line in enumerate([header] + lines, start=header_row):
        cells = "".join(cell(f"{column_name(i)}{n}", str(v)) for i, v in enumerate(line) if str(v) != "")
        body.append(f'<row r="{n}">{cells}</row>')
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    OUT.mkdir(exist_ok=True)
    # Fixed timestamps keep the file identical from run to run.
    with zipfile.ZipFile(OUT / name, "w", zipfile.ZIP_DEFLATED) as z:
        def put(path, text):
            z.writestr(zipfile.ZipInfo(path, (2024, 1, 1, 0, 0, 0)), text)
        put("[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '</Types>')
        put("_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        put("xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><workbook {ns} xmlns:r="{rel}"><sheets>'
            f'<sheet name="{escape(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>')
        put("xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        put("xl/worksheets/sheet1.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet {ns}><sheetData>{"".join(body)}</sheetData></worksheet>')


def ods_cell(value, percent=False):
    """A cell as GOV.UK's ODS tables write it: a number's exact value in office:value (a percentage as
    its fraction, 0.433 for 43.3%), text as a paragraph, an empty cell as nothing."""
    value = str(value)
    if value == "":
        return "<table:table-cell/>"
    try:
        number = float(value)
    except ValueError:
        return f'<table:table-cell office:value-type="string"><text:p>{escape(value)}</text:p></table:table-cell>'
    if percent:
        fraction = f"{number / 100:.10g}"
        return (f'<table:table-cell office:value-type="percentage" office:value="{fraction}">'
                f"<text:p>{number:g}%</text:p></table:table-cell>")
    return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'


def write_ods(name, sheet, titles, header, lines, percent=(), before=()):
    """A minimal ODS package (OpenDocument 1.3): a notes sheet and any sheets named in before (empty
    stand-ins for tables in front of this one), then the table on its sheet with the title rows above
    the header, and the sheet's end repeated as LibreOffice writes it."""
    def row(cells, flags=()):
        return "<table:table-row>" + "".join(ods_cell(v, i in flags) for i, v in enumerate(cells)) + "</table:table-row>"

    percent_at = {header.index(c) for c in percent}
    body = [row([t]) for t in titles]
    body += [row(header)] + [row(line, percent_at) for line in lines]
    body.append('<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>')
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    notes = f'<table:table table:name="Cover_sheet">{row(["Stand-in rebuilt from the observations file (tools/dataset/record_responses.py)"])}</table:table>'
    notes += "".join(f'<table:table table:name="{escape(b)}">{row(["(another table of the file, not used)"])}</table:table>' for b in before)
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.3">'
               f'<office:body><office:spreadsheet>{notes}<table:table table:name="{escape(sheet)}">{"".join(body)}'
               "</table:table></office:spreadsheet></office:body></office:document-content>")
    OUT.mkdir(exist_ok=True)
    with zipfile.ZipFile(OUT / name, "w", zipfile.ZIP_DEFLATED) as z:
        def put(path, text, kind=zipfile.ZIP_DEFLATED):
            z.writestr(zipfile.ZipInfo(path, (2024, 1, 1, 0, 0, 0)), text, compress_type=kind)
        # The package format wants the mimetype first and stored.
        put("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        put("META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
        put("content.xml", content)


def wide(source, measure, ids, names=None, first=None):
    """A publisher's table with a column per period: ids are the columns before the periods, each
    (heading, function of the area code); one row per area, its figures under their periods."""
    rs = fetched(rows(source, measure))
    periods = sorted({r["period"] for r in rs})
    if first is not None:
        periods = [p for p in periods if p >= first]
    by_area = {}
    for r in rs:
        by_area.setdefault(r["area"], {})[r["period"]] = r["value"]
    header = [h for h, _ in ids] + periods + list(names or [])
    lines = [[f(area) for _, f in ids] + [values.get(p, "") for p in periods] + ["" for _ in names or []]
             for area, values in sorted(by_area.items())]
    return header, lines


# Fingertips: one response per indicator, holding every sex the measures use.
FINGERTIPS = [
    # (file, indicator id, name, [(observations file, measure, sex)])
    ("fingertips-90366-life-expectancy.csv", 90366, "Life expectancy at birth",
     [("life-expectancy.csv", "T1-07", "Female"), ("life-expectancy.csv", "T1-08", "Male")]),
    ("fingertips-90362-healthy-life-expectancy.csv", 90362, "Healthy life expectancy at birth",
     [("healthy-life-expectancy.csv", "T1-09", "Female"), ("healthy-life-expectancy.csv", "T1-10", "Male")]),
    ("fingertips-92901-life-expectancy-inequality.csv", 92901, "Inequality in life expectancy at birth",
     [("life-expectancy-inequality.csv", "T1-11", "Female"), ("life-expectancy-inequality.csv", "T1-12", "Male")]),
    ("fingertips-22401-falls-admissions-65.csv", 22401, "Emergency hospital admissions due to falls in people aged 65 and over",
     [("falls-admissions-65.csv", "A3-07", "Persons")]),
]

# The age group Fingertips gives an indicator's figures for, where it is not all ages.
FINGERTIPS_AGE = {22401: "65+ yrs"}

FINGERTIPS_HEADER = [
    "Indicator ID", "Indicator Name", "Parent Code", "Parent Name", "Area Code", "Area Name", "Area Type", "Sex", "Age",
    "Category Type", "Category", "Time period", "Value", "Lower CI 95.0 limit", "Upper CI 95.0 limit",
    "Lower CI 99.8 limit", "Upper CI 99.8 limit", "Count", "Denominator", "Value note", "Recent Trend",
    "Compared to England value or percentiles", "Compared to percentiles", "Time period Sortable", "New data",
    "Compared to goal", "Time period range",
]


def fingertips_period(period):
    # "2015-17" (three calendar years) is "2015 - 17"; "2014-15" (financial year) is "2014/15".
    first, _, last = period.partition("-")
    if last and int(last) == (int(first) + 2) % 100:
        return f"{first} - {last}", "3y"
    if last:
        return f"{first}/{last}", "1y"
    return period, "1y"


def fingertips():
    for name, indicator, title, parts in FINGERTIPS:
        lines = []
        for source, measure, sex in parts:
            for r in fetched(rows(source, measure), notes=True):
                period, span = fingertips_period(r["period"])
                area_type = "England" if r["area"] == "E92000001" else "Counties & UAs (from Apr 2023)"
                lines.append([indicator, title, "E92000001", "England", r["area"], "", area_type, sex, FINGERTIPS_AGE.get(indicator, "All ages"), "", "",
                              period, r["value"], r.get("lower_ci", ""), r.get("upper_ci", ""), "", "", r["numerator"], r["denominator"],
                              r["quality_note"], "", "", "", period[:4] + "0000", "", "", span])
        write(name, FINGERTIPS_HEADER, lines)


def nomis():
    header = ["DATE_NAME", "GEOGRAPHY_CODE", "MEASURE_NAME", "MEASURES_NAME", "OBS_VALUE", "OBS_STATUS"]
    lines = []
    for r in rows("claimant-count.csv"):
        when = month_name(r["period"])
        lines.append([when, r["area"], "Claimant count", "Value", r["numerator"], "A"])
        lines.append([when, r["area"], "Claimants as a proportion of residents aged 16-64", "Value", r["value"], "A"])
    write("nomis-claimant-count.csv", header, lines)

    header = ["DATE_NAME", "GEOGRAPHY_CODE", "VARIABLE_NAME", "MEASURES_NAME", "OBS_VALUE", "OBS_STATUS"]
    lines = [[aps_name(r["period"]), r["area"], "Employment rate - aged 16-64", "Variable", r["value"], "A"]
             for r in rows("employment-rate.csv")]
    write("nomis-aps-employment-rate.csv", header, lines)
    lines = [[aps_name(r["period"]), r["area"], "% who are economically inactive - aged 16-64", "Variable", r["value"], "A"]
             for r in rows("economic-inactivity.csv")]
    write("nomis-aps-economic-inactivity.csv", header, lines)

    # Population estimates, local authority based by five year age band (all ages, all people).
    header = ["DATE_NAME", "GEOGRAPHY_CODE", "GENDER_NAME", "C_AGE_NAME", "MEASURES_NAME", "OBS_VALUE", "OBS_STATUS"]
    lines = [[r["period"], r["area"], "Total", "All Ages", "Value", r["value"], "A"] for r in fetched(rows("population.csv"))]
    write("nomis-population-estimates.csv", header, lines)

    # Census 2021 TS067 (NM_2084_1): a count per category and council, categories 1 to 7 (no total),
    # labelled as Nomis labels them (C2021_HIQUAL_8_NAME, as in the reference copy fetched from it).
    header = ["DATE_NAME", "GEOGRAPHY_CODE", "C2021_HIQUAL_8_NAME", "MEASURES_NAME", "OBS_VALUE", "OBS_STATUS"]
    levels = {"none": "No qualifications", "level-1": "Level 1 and entry level qualifications", "level-2": "Level 2 qualifications",
              "apprenticeship": "Apprenticeship", "level-3": "Level 3 qualifications", "level-4": "Level 4 qualifications or above",
              "other": "Other qualifications"}
    lines = []
    for r in rows("census-2021-highest-qualification.csv"):
        if r["breakdown"]:
            lines.append([r["period"], r["area"], levels[r["breakdown"].removeprefix("highest-qualification:")], "Value", r["numerator"], "A"])
    write("nomis-census-2021-ts067.csv", header, lines)


# explore education statistics: (file, observations file(s) and their indicator columns, filters, breakdown column)
EES_LEVELS = {"E92": ("National", "country_code"), "E12": ("Regional", "region_code")}
EES_HEADER = ["time_period", "time_identifier", "geographic_level", "country_code", "country_name", "region_code",
              "region_name", "old_la_code", "new_la_code", "la_name"]


def ees_period(period, reporting_year=False, calendar_year=False):
    # "2021/22 academic" is time_period 202122, Academic year, or for DfE's NEET data set 2022,
    # Calendar year (December 2021 to February 2022); "2015-16" 201516, Financial year, or for DfE's
    # children looked after data sets 2016, Reporting year (the year to 31 March 2016).
    if period.endswith(" academic") and calendar_year:
        return str(int(period[:4]) + 1), "Calendar year"
    if period.endswith(" academic"):
        y = period[:7]
        return y[:4] + y[5:], "Academic year"
    if reporting_year:
        return str(int(period[:4]) + 1), "Reporting year"
    return period[:4] + period[5:], "Financial year"


def ees_place(period, area, reporting_year, calendar_year=False):
    time_period, identifier = ees_period(period, reporting_year, calendar_year)
    level, _ = EES_LEVELS.get(area[:3], ("Local authority", "new_la_code"))
    la = area if level == "Local authority" else ""
    return [time_period, identifier, level, "E92000001", "England", "", "", "", la, ""]


def ees(name, parts, filters=(), breakdown=None, reporting_year=False, blank=(), calendar_year=False):
    """parts: [(observations file, measure, indicator column, numerator column, denominator column)].
    filters: [(column, label)] that the series selects on, written on every row. blank: columns a
    series reads that the observations files do not hold (published intervals), left empty."""
    merged = {}
    indicators = []
    for source, measure, indicator, numerator, denominator in parts:
        indicators += [c for c in (indicator, numerator, denominator) if c and c not in indicators]
        for r in fetched(rows(source, measure)):
            label = breakdown[1].get(r["breakdown"]) if breakdown else ""
            if label is None:
                continue
            key = (r["period"], r["area"], label)
            row = merged.setdefault(key, {})
            row[indicator] = r["value"]
            if numerator:
                row[numerator] = r["numerator"]
            if denominator:
                row[denominator] = r["denominator"]
    indicators += list(blank)
    header = EES_HEADER + [f for f, _ in filters] + ([breakdown[0]] if breakdown else []) + indicators
    lines = []
    for (period, area, label), values in sorted(merged.items()):
        line = ees_place(period, area, reporting_year, calendar_year)
        line += [v for _, v in filters] + ([label] if breakdown else []) + [values.get(c, "") for c in indicators]
        lines.append(line)
    write(name, header, lines)


def ees_groups(name, source, measure, fixed, group, total, count="care_leaver_count", percent="care_leaver_percent"):
    """DfE's children looked after and care leaver data sets, in long form: a row per group with its
    count and percentage (fixed: the columns and labels that pick the table, written on every row);
    the whole is the total row, whose count is the measure's denominator."""
    header = EES_HEADER + [c for c, _ in fixed] + ["breakdown", count, percent]
    lines = []
    for r in sorted(fetched(rows(source, measure)), key=lambda r: (r["period"], r["area"])):
        place = ees_place(r["period"], r["area"], True) + [label for _, label in fixed]
        lines.append(place + [group, r["numerator"], r["value"]])
        if r["denominator"]:
            lines.append(place + [total, r["denominator"], "100"])
    write(name, header, lines)


def file_csv(name, source, measure, columns, extra=(), xlsx=None, breakdowns=None):
    """A publisher's own table: columns maps our roles onto its column names, extra adds fixed columns."""
    roles = ["area", "period", "breakdown", "value", "numerator", "denominator", "lower_ci", "upper_ci", "status"]
    used = [role for role in roles if role in columns]
    header = [c for c, _ in extra] + [columns[role] for role in used]
    lines = []
    for r in fetched(rows(source, measure)):
        cells = dict(r)
        if breakdowns is not None:
            if r["breakdown"] not in breakdowns:
                continue
            cells["breakdown"] = breakdowns[r["breakdown"]]
        if cells.get("status") == "final":
            cells["status"] = ""
        lines.append([v for _, v in extra] + [cells.get(role, "") for role in used])
    if xlsx:
        write_xlsx(name, xlsx[0], xlsx[1], header, lines, *xlsx[2:])
    else:
        write(name, header, lines)


def els(name, source, measure, indicator):
    """ONS Explore Local Statistics CSV (https://github.com/ONSdigital/explore-local-statistics-data):
    one row per area and period, periods as ISO 8601 intervals, ONS's note where it gives no interval."""
    header = ["areacd", "areanm", "geography", "indicator", "period", "observation", "measure", "unit", "lci_95",
              "uci_95", "status", "notes"]
    lines = []
    for r in fetched(rows(source, measure), notes=True):
        if not r["period"].startswith("Jan-Dec "):
            raise SystemExit(f"{measure}: {r['period']} is not a calendar year's 12 months")
        period = r["period"][len("Jan-Dec "):] + "-01-01/P1Y"
        lines.append([r["area"], "", "", indicator, period, r["value"], "Percentage", "%", r["lower_ci"], r["upper_ci"], "",
                      r["quality_note"]])
    write(name, header, lines)


def files():
    file_csv("ons-ashe-living-wage.xlsx", "real-living-wage.csv", "A1-02",
             {"area": "Code", "period": "Year", "value": "Percentage of employee jobs paid at or above the living wage", "status": "Status"},
             xlsx=("Table 1", "Employee jobs paid at or above the Real Living Wage, by local authority (stand-in)"))
    # Live table 122 as MHCLG publishes it (seen: sheet LT_122, the header on row 5, "Current ONS code"
    # in the third column, a column per financial year). The other columns' headings are not seen.
    header, lines = wide("net-additional-dwellings.csv", "A1-04", [("(heading not seen)", lambda a: ""), ("(heading not seen)", lambda a: ""),
                                                                   ("Current ONS code", lambda a: a), ("(heading not seen)", lambda a: "")])
    write_ods("mhclg-lt122.ods", "LT_122", ["Table 122: net additional dwellings by local authority district, England (stand-in)", "", "", ""], header, lines)
    # ONS's affordability ratios, sheet 5c (seen: the header on row 2, a column per year, then "5-Year
    # Average", left empty here: the dataset does not hold it).
    header, lines = wide("housing-affordability.csv", "A1-06", [("Country/Region code", lambda a: ""), ("Country/Region name", lambda a: ""),
                                                                ("Local authority code", lambda a: a), ("Local authority name", lambda a: "")],
                         names=["5-Year Average"])
    write_xlsx("ons-affordability.xlsx", "5c", "Table 5c: ratio of median house price to median gross annual workplace-based earnings (stand-in)",
               header, lines, header_row=2)
    els("ons-els-qualifications.csv", "qualifications-level-3.csv", "A2-18", "Level 3 or above qualifications (Great Britain)")
    els("ons-els-no-qualifications.csv", "no-qualifications.csv", "A2-22", "No qualifications")
    file_csv("dwp-universal-credit.csv", "universal-credit.csv", "A2-13",
             {"area": "National - Regional - LA - OAs code", "period": "Month", "value": "People on Universal Credit", "status": "Status"})
    # DfT's CW0301 (seen: sheet CW0301, the header on row 5, these columns, a column per year).
    header, lines = wide("adults-walking-or-cycling.csv", "A3-02", [("ONS Code", lambda a: a), ("Area name", lambda a: ""),
                                                                    ("Class", lambda a: ""), ("Mode", lambda a: ""),
                                                                    ("Purpose", lambda a: "Any"), ("Frequency", lambda a: "At least 5 times per week")])
    write_ods("dft-cw0301.ods", "CW0301", ["CW0301: Proportion of adults who do any walking or cycling, by frequency, purpose and local authority (stand-in)", "", "", ""],
              header, lines)
    file_csv("oflog-short-term-services.csv", "short-term-services-outcome.csv", "A3-04",
             {"area": "Local authority code", "period": "Financial year", "value": "Value"},
             extra=[("Grouping", "LA_Raw"), ("Code", "ASC5")])
    file_csv("oflog-ease-of-finding-information.csv", "ease-of-finding-information.csv", "A4-08",
             {"area": "Local authority code", "period": "Financial year", "value": "Value"},
             extra=[("Grouping", "LA_Raw"), ("Code", "ASC3")])
    file_csv("dwp-cilif-relative.csv", "children-relative-low-income.csv", "A4-02",
             {"area": "Area code", "period": "Year", "value": "Percentage of children in relative low income families"})
    file_csv("dwp-cilif-absolute.csv", "children-absolute-low-income.csv", "A4-03",
             {"area": "Area code", "period": "Year", "value": "Percentage of children in absolute low income families"})
    file_csv("nhs-ascof-care-home-admissions.csv", "care-home-admissions-65.csv", "A4-06",
             {"area": "Geographical Code", "period": "Year", "value": "Outcome"}, extra=[("ASCOF Measure Code", "2A(2)")])
    file_csv("nhs-ascof-satisfaction.csv", "social-care-satisfaction.csv", "A4-07",
             {"area": "Geographical Code", "period": "Year", "value": "Outcome"}, extra=[("ASCOF Measure Code", "3A")])
    # NHS Digital's ASCOF open data file for 2020-21 (seen: meas-from-asc-of-eng-2021-open-data-csv_v2.xlsx,
    # one sheet "in", the header on row 1, long form: a row per council, measure, disaggregation and
    # measure type, the council's ONS code in "ONS Code", measure codes written without brackets).
    header = ["Geographical Code", "Geographical Description", "Geographical Level", "ONS Code", "ASCOF Measure Code",
              "Disaggregation Level", "Measure Type", "Measure Value"]
    lines = []
    for source, measure, code in [("ascof-older-people-at-home-91-days.csv", "A3-03", "2B1"),
                                  ("ascof-learning-disability-employment.csv", "A4-10", "1E"),
                                  ("ascof-learning-disability-own-home.csv", "A4-11", "1G"),
                                  ("ascof-mental-health-employment.csv", "A4-15", "1F"),
                                  ("ascof-mental-health-living-independently.csv", "A4-16", "1H")]:
        for r in fetched(rows(source, measure)):
            if r["period"] == "2020-21":
                for kind, role in [("Outcome", "value"), ("Numerator", "numerator"), ("Denominator", "denominator")]:
                    if r[role]:
                        lines.append(["", "", "", r["area"], code, "Total", kind, r[role]])
    write_xlsx("nhs-ascof-2020-21.xlsx", "in", None, header, lines)
    file_csv("mhclg-iod2019-file10.xlsx", "imd-2019-average-score.csv", "T1-01",
             {"area": "Local Authority District code (2019)", "period": "Year", "value": "IMD - Average score"},
             xlsx=("IMD", "File 10: local authority district summaries (stand-in)"))
    file_csv("mhclg-iod2019-quintiles.csv", "imd-2019-neighbourhoods-by-quintile.csv", "T1-06",
             {"area": "Local Authority District code (2019)", "period": "Year", "breakdown": "IMD quintile", "value": "Neighbourhoods"},
             breakdowns={f"deprivation-quintile:q{q}": f"Quintile {q}" for q in range(1, 6)})
    # DESNZ's local authority workbook (seen: sheet 1_2, territorial CO2, the header on row 5, these columns).
    file_csv("desnz-ghg.xlsx", "co2-emissions.csv", "T2-01",
             {"area": "Local Authority Code", "period": "Calendar Year", "value": "Grand Total"},
             xlsx=("1_2", "Local Authority territorial carbon dioxide (CO2) emissions estimates (kt CO2) (stand-in)", 5))
    # DfT's EVCI9001 (seen: sheet 2a, the header on row 3, these two columns, then a column per quarter
    # headed like "Jan-26", some with a note mark, England named ENGLAND).
    header, lines = wide("ev-charging-devices.csv", "T2-02", [("Local authority / region code [Note 5]", lambda a: a),
                                                              ("Local authority / region name", lambda a: "ENGLAND" if a == "E92000001" else "")])
    header = header[:2] + [datetime.date.fromisoformat(p + "-01").strftime("%b-%y") + (" [Note 14]" if p == "2024-10" else "") for p in header[2:]]
    write_ods("dft-evci9001.ods", "2a", ["Table EVCI9001: public electric vehicle charging devices per 100,000 population (stand-in)", ""], header, lines)
    # DEFRA's LA and regional spreadsheet (seen: sheet Table_3, the header on row 4, a row per authority
    # and year, the rate as a fraction). England's row has no ONS code ("Total England" in Region), so a
    # refresh does not read England from it.
    value = "Percentage of household waste sent for reuse, recycling or composting (Ex NI192)"
    lines = [[r["area"] if r["area"] != "E92000001" else "", "Total England" if r["area"] == "E92000001" else "", r["period"], r["value"]]
             for r in fetched(rows("household-waste-recycling.csv", "T2-03"))]
    write_ods("defra-waste.ods", "Table_3", ["Table 3: household waste recycling rates by authority (stand-in)", "", ""],
              ["ONS code", "Region", "Year", value], lines, percent=[value])
    file_csv("desnz-fuel-poverty-lilee.xlsx", "fuel-poverty-lilee.csv", "T2-04",
             {"area": "Area Codes", "period": "Year", "value": "Proportion of households fuel poor (%)"},
             xlsx=("Table 2", "Fuel poverty (LILEE) by local authority (stand-in)"))
    file_csv("desnz-fuel-poverty-lihc.xlsx", "fuel-poverty-lihc.csv", "T2-05",
             {"area": "Area Codes", "period": "Year", "value": "Proportion of households fuel poor (%)"},
             xlsx=("Table 2", "Fuel poverty (LIHC) by local authority (stand-in)"))
    mhclg_epc_d1()
    # DESNZ's renewable electricity by local authority workbook, 2014 to 2024 edition (seen in public
    # code: a sheet per year named like "LA - Generation, 2024", the header on row 5, the code in
    # "Local Authority Code [note 1]", a column per technology). One stand-in per year's sheet.
    for year in sorted({r["period"] for r in rows("solar-pv-generation.csv", "T2-12")}):
        lines = [[r["area"], "", r["value"]] for r in fetched(rows("solar-pv-generation.csv", "T2-12")) if r["period"] == year]
        write_xlsx(f"desnz-renewables-{year}.xlsx", f"LA - Generation, {year}",
                   f"Renewable electricity generation (MWh) by local authority, {year} (stand-in)",
                   ["Local Authority Code [note 1]", "Local Authority Name", "Photovoltaics"], lines, header_row=5)


def mhclg_epc_d1():
    """MHCLG's live table D1 (seen: the local authority table is the file's eighth sheet, its header
    on row 5, these columns, quarters written "2024/1" for January to March). The observations hold
    the sum of the A, B and C counts; the three come from the reference copy the dataset was built
    from, and must add up to it. England's table (another sheet, with yearly totals above its
    quarters) is not read, so its rows are left out. The D to G and other counts are not held: empty."""
    observed = {(r["period"], r["area"]): r for r in fetched(rows("epc-rated-a-to-c.csv", "T2-11")) if r["area"] != "E92000001"}
    lines = []
    with open(REF / "energy" / "epc_domestic_lodgements_by_rating_quarterly.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            when = datetime.date.fromisoformat(r["period"])
            quarter = f"{when.year}/{(when.month + 2) // 3}"
            start = when.year - 1 if when.month <= 3 else when.year
            period = f"{start}-{(start + 1) % 100:02d} Q{4 if when.month <= 3 else (when.month + 2) // 3 - 1}"
            o = observed.pop((period, r["area_code"]), None)
            if o is None:
                continue
            a, b, c, lodged = r["value_rating_A"], r["value_rating_B"], r["value_rating_C"], r["value_certificates_lodged"]
            if int(a) + int(b) + int(c) != int(o["numerator"]) or int(lodged) != int(o["denominator"]):
                raise SystemExit(f"T2-11 {period} {r['area_code']}: the published counts do not give the observations' numerator and denominator")
            lines.append([r["area_code"], "", quarter, lodged, "", a, b, c, "", "", "", "", ""])
    if observed:
        raise SystemExit(f"T2-11: no published counts for {sorted(observed)[:3]}")
    header = ["Local Authority Code", "Region", "Quarter", "Number Lodgements", "Total Floor Area",
              "A", "B", "C", "D", "E", "F", "G", "Not Recorded"]
    write_ods("mhclg-epc-d1.ods", "(sheet name not seen) 8", ["D1: domestic EPCs lodged, by local authority and energy efficiency rating (stand-in)", "", "", ""],
              header, lines, before=[f"(sheet name not seen) {n}" for n in range(2, 8)])


def ees_ehcp(name, source, measure):
    """DfE's EHC plans data set gives the plans in independent and in non-maintained special schools
    as two counts; the observations file holds their sum as the numerator. The two counts come from
    the reference copy of the same data set, and must add up to the numerator."""
    published = {}
    with open(REF / "sen" / "ehcp_caseload_by_establishment_type_2019_2025.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["breakdown_topic"] != "All EHC plans" or r["breakdown"] != "All EHC plans":
                continue
            area = "E92000001" if r["geographic_level"] == "National" else r["new_la_code"]
            published[(r["time_period"], area)] = (r["ehcplans"], r["special_independent"], r["special_non_maintained"])
    header = EES_HEADER + ["breakdown_topic", "breakdown", "ehcplans", "special_independent", "special_non_maintained"]
    lines = []
    for r in sorted(fetched(rows(source, measure)), key=lambda r: (r["period"], r["area"])):
        place = ees_place(r["period"], r["area"], False)
        plans, independent, non_maintained = published[(place[0], r["area"])]
        if int(independent) + int(non_maintained) != int(r["numerator"]) or int(plans) != int(r["denominator"]):
            raise SystemExit(f"{measure} {r['period']} {r['area']}: the published counts do not give the observations' numerator and denominator")
        lines.append(place + ["All EHC plans", "All EHC plans", plans, independent, non_maintained])
    write(name, header, lines)


def education():
    ees("ees-eyfsp.csv", [("school-readiness.csv", "A2-01", "gld_children_percent", None, None)], filters=[("sex", "Total")],
        breakdown=("breakdown", {"": "Total", "free-school-meals:eligible": "Eligible for free school meals"}),
        blank=["gld_children_count", "children_count"])
    ees("ees-ks2.csv", [("ks2-expected-standard.csv", "A2-02", "expected_standard_pupil_percent", None, None)],
        filters=[("establishment_type_group", "All state funded"), ("breakdown_topic", "All pupils"), ("breakdown", "Total"),
                 ("subject", "Reading, writing and maths")])
    ees("ees-ks4.csv", [("ks4-grade-5-english-maths.csv", "A2-03", "engmath_95_percent", "engmath_95_total", "pupil_count"),
                        ("progress-8.csv", "A2-04", "progress8_average", None, None)],
        filters=[("establishment_type_group", "All state-funded"), ("breakdown_topic", "Total")],
        blank=["progress8_lower_95_ci", "progress8_upper_95_ci"])
    ees("ees-neet.csv", [("neet-or-not-known.csv", "A2-07", "neet_nk_percent", None, None),
                         ("neet.csv", "A2-08", "neet_percent", None, None)],
        filters=[("age", "16 to 17"), ("characteristic_grouping", "Total"), ("characteristic", "Total")], calendar_year=True)
    ees("ees-apprenticeships.csv", [("apprenticeship-starts.csv", "A2-09", "starts_rate_per_100000_population", "starts", "population_estimate")],
        filters=[("apps_level", "Total"), ("age_summary", "Total")])
    ees_groups("ees-cla-care-leavers-activity.csv", "care-leavers-eet.csv", "A2-17", [("care_leaver_age", "19 to 21 years")],
               "Total in education, employment or training", "Total")
    ees_groups("ees-cla-care-leavers-accommodation.csv", "care-leavers-suitable-accommodation.csv", "A4-14",
               [("care_leaver_age", "19 to 21 years")], "Accommodation considered suitable", "Suitability total")
    ees_groups("ees-cla-health.csv", "cla-health-assessment.csv", "A4-12", [("characteristic", "Health assessments: Children looked after all ages")],
               "Had their annual health assessment", "Total all ages", "children_count", "children_percent")
    ees("ees-cla-rates.csv", [("children-in-care-rate.csv", "A4-13", "rate_per_10000", "children_count", "population_estimate")],
        filters=[("population_type", "Children looked after on 31 March each year")], reporting_year=True)
    ees("ees-exclusions.csv", [("permanent-exclusion-rate.csv", "A2-19", "perm_excl_rate", "perm_excl", "headcount")],
        filters=[("education_phase", "Total")])
    ees_ehcp("ees-ehcp.csv", "ehcp-independent-special-schools.csv", "A2-20")


def main():
    nomis()
    fingertips()
    education()
    files()


if __name__ == "__main__":
    main()
