#!/usr/bin/env python3
"""Writes data/boundaries/stockport-wards-2023.geojson: the outlines of Stockport's 21 wards in
force since May 2023, from the reference copy of the super-generalised (BSC) May 2023 ward
boundaries for Greater Manchester (../shared/data/real/boundaries, via traffordDataLab/spatial_data;
ONS Open Geography Portal). Only Stockport's features are kept, with their code and name, and
coordinates are rounded to 5 decimal places (about a metre: far finer than the generalisation).

Usage: python3 tools/dataset/boundaries.py [REFERENCE_FOLDER]
"""
import json
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parents[2]
reference = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else root.parent / "shared" / "data" / "real"
source = json.loads((reference / "boundaries" / "gm_ward_2023_super_generalised.geojson").read_text())


def rounded(value):
    if isinstance(value, list):
        return [rounded(v) for v in value]
    return round(value, 5)


features = [
    {
        "type": "Feature",
        "properties": {"area_code": f["properties"]["area_code"], "area_name": f["properties"]["area_name"]},
        "geometry": {"type": f["geometry"]["type"], "coordinates": rounded(f["geometry"]["coordinates"])},
    }
    for f in sorted(source["features"], key=lambda f: f["properties"]["area_code"])
    if f["properties"]["local_authority_area_code"] == "E08000007"
]
assert len(features) == 21, f"expected Stockport's 21 wards, found {len(features)}"
collection = {
    "type": "FeatureCollection",
    "name": "Stockport wards from May 2023 (super-generalised, 20 m)",
    "source": "ONS Open Geography Portal, Wards (May 2023) Boundaries UK BSC, via traffordDataLab/spatial_data",
    "licence": "Open Government Licence v3.0",
    "attribution": "Contains National Statistics and OS data © Crown copyright and database right 2023",
    "features": features,
}
out = root / "data" / "boundaries" / "stockport-wards-2023.geojson"
out.parent.mkdir(exist_ok=True)
out.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n")
print(f"wrote {out.relative_to(root)}: {len(features)} wards, {out.stat().st_size} bytes")
