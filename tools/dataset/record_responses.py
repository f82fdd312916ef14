#!/usr/bin/env python3
"""Writes stand-in recorded responses for the default dataset's sources.yaml.

`councilplan sources refresh --recorded` reads each series' `recorded` file instead of asking the
publisher. Until real responses are captured from the live services (this machine had no network
when the mechanism was built), these files are rebuilt from the committed observations CSVs in the
shape the publisher's documentation gives, so a dry run against them should find every figure
unchanged. Replace them with captured responses (same file names) when the network allows.

Nomis CSV shape: https://www.nomisweb.co.uk/api/v01/help (data download, `select`), one row per
statistic (MEASURE_NAME / MEASURES_NAME), OBS_STATUS "A" for a normal value.

Usage: python3 tools/dataset/record_responses.py
"""
import csv
import datetime
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
PLAN = ROOT / "data" / "stockport-2023-24"
OUT = PLAN / "recorded"


def rows(name):
    with open(PLAN / "observations" / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


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


def main():
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


if __name__ == "__main__":
    main()
