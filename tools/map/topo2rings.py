#!/usr/bin/env python3
"""Convert world-atlas' countries-110m.json (TopoJSON of Natural Earth 1:110m Admin 0)
into the flat ring file the client's atlas reads (src/client/atlas.rs).

Usage (from the repository root; needs only python3 and npm):

    (cd /tmp && npm pack world-atlas@2.0.2 && mkdir -p world-atlas && tar xzf world-atlas-2.0.2.tgz -C world-atlas)
    python3 tools/map/topo2rings.py /tmp/world-atlas/package/countries-110m.json assets/map/countries-110m.json

    --natural-earth-boundaries (before the file names): keep Natural Earth's de facto
    boundaries instead of the UN_BOUNDARIES moves below (Crimea, northern Cyprus, Somaliland).

Output: a JSON array, one country per line, sorted so that enclaves come after the country
around them (draw in file order):

    [{"id":"233","name":"Estonia","rings":[[[lon,lat],...],...]}, ...]

* id: ISO 3166-1 numeric code as a string ("040"), or "" where there is none (Kosovo).
  name: the Natural Earth short name.
* rings: outer rings only, in lon/lat degrees rounded to 0.1, open (the closing point is
  not repeated), without consecutive duplicates or spikes, not crossing themselves (a vertex
  is dropped where rounding made edges cross), at least 3 points and non-zero area.
  Holes are dropped: at 1:110m the only one is Lesotho inside South Africa, and Lesotho is
  a country of its own that is written after South Africa.
* Antimeridian: world-atlas v2 stitches rings across +-180 (for spherical rendering). Here
  every ring is unwrapped and cut at +-180 (Russia's Chukotka, Fiji), so that no edge
  crosses the map; a ring around a pole (Antarctica) is closed along the pole (lat -90).
"""

import json
import sys


def decode_arcs(topo):
    """Delta-decoded, de-quantized arcs: list of [(lon, lat), ...]."""
    tr = topo.get("transform")
    sx, sy = tr["scale"] if tr else (1.0, 1.0)
    tx, ty = tr["translate"] if tr else (0.0, 0.0)
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for p in arc:
            if tr:
                x += p[0]
                y += p[1]
            else:
                x, y = p[0], p[1]
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring_points(arcs, indices):
    """Concatenate a ring's arcs; a negative index ~i is arc i reversed. Each arc after
    the first starts where the previous one ended, so its first point is skipped."""
    out = []
    for i in indices:
        pts = arcs[i] if i >= 0 else arcs[~i][::-1]
        out.extend(pts if not out else pts[1:])
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def area(ring):
    a = 0.0
    n = len(ring)
    for k in range(n):
        x0, y0 = ring[k]
        x1, y1 = ring[(k + 1) % n]
        a += x0 * y1 - x1 * y0
    return a / 2.0


def unwrap(ring):
    """Shift longitudes by multiples of 360 so consecutive points differ by <= 180.
    Returns the unwrapped ring and the longitude offset accumulated around the ring
    (0 normally, +-360 for a ring that goes round a pole)."""
    out = [ring[0]]
    for lon, lat in ring[1:]:
        prev = out[-1][0]
        while lon - prev > 180:
            lon -= 360
        while lon - prev < -180:
            lon += 360
        out.append((lon, lat))
    # Closing edge: where would the first point be seen from the last one?
    first = ring[0][0]
    last = out[-1][0]
    closing = first
    while closing - last > 180:
        closing -= 360
    while closing - last < -180:
        closing += 360
    return out, closing - first


def clip_half(ring, inside, cross):
    """Sutherland-Hodgman against one half-plane."""
    out = []
    n = len(ring)
    for k in range(n):
        cur = ring[k]
        prev = ring[k - 1]
        if inside(cur):
            if not inside(prev):
                out.append(cross(prev, cur))
            out.append(cur)
        elif inside(prev):
            out.append(cross(prev, cur))
    return out


def at_lon(x):
    def cross(a, b):
        t = (x - a[0]) / (b[0] - a[0])
        return (x, a[1] + t * (b[1] - a[1]))
    return cross


def clip_lon(ring, lo=-180.0, hi=180.0):
    r = clip_half(ring, lambda p: p[0] >= lo, at_lon(lo))
    if r:
        r = clip_half(r, lambda p: p[0] <= hi, at_lon(hi))
    return r


def cut_antimeridian(ring):
    """A list of rings, each within [-180, 180]."""
    un, offset = unwrap(ring)
    if offset != 0:
        # Round a pole: walk on to the start's copy, then close along the pole.
        pole = -90.0 if sum(p[1] for p in un) < 0 else 90.0
        start_lon = un[0][0] + offset
        un = un + [(start_lon, un[0][1]), (start_lon, pole), (un[0][0], pole)]
    xs = [p[0] for p in un]
    lo, hi = min(xs), max(xs)
    if lo >= -180 and hi <= 180:
        return [un]
    pieces = []
    for shift in (-720, -360, 0, 360, 720):
        if hi + shift <= -180 or lo + shift >= 180:
            continue
        moved = [(x + shift, y) for x, y in un]
        piece = clip_lon(moved)
        if len(piece) >= 3:
            pieces.append(piece)
    return pieces


def fmt(v):
    s = "%.1f" % v
    if s.endswith(".0"):
        s = s[:-2]
    if s == "-0":
        s = "0"
    return s


def tidy(ring):
    """Round to 0.1 degree, drop duplicates, spikes (a, b, a) that rounding creates and the
    closing point; None if nothing with an area is left."""
    pts = [(round(x * 10) / 10.0, round(y * 10) / 10.0) for x, y in ring]
    changed = True
    while changed:
        changed = False
        out = []
        for p in pts:
            if out and out[-1] == p:
                continue
            if len(out) >= 2 and out[-2] == p:
                out.pop()
                changed = True
                continue
            out.append(p)
        while len(out) > 1 and out[0] == out[-1]:
            out.pop()
            changed = True
        if len(out) >= 3 and out[-1] == out[1]:
            out = out[1:]
            changed = True
        elif len(out) >= 3 and out[-2] == out[0]:
            out.pop()
            changed = True
        pts = out
    pts = uncross(pts)
    if len(pts) < 3 or abs(area(pts)) < 1e-9:
        return None
    return pts


def crossings(ring):
    """Pairs of edges (i, j) that properly cross each other."""
    def cr(o, p, q):
        return (p[0] - o[0]) * (q[1] - o[1]) - (p[1] - o[1]) * (q[0] - o[0])
    n = len(ring)
    out = []
    for i in range(n):
        a, b = ring[i], ring[(i + 1) % n]
        for j in range(i + 2, n):
            if i == 0 and j == n - 1:
                continue
            c, d = ring[j], ring[(j + 1) % n]
            if cr(c, d, a) * cr(c, d, b) < 0 and cr(a, b, c) * cr(a, b, d) < 0:
                out.append((i, j))
    return out


def uncross(ring):
    """Rounding can make a ring cross itself (Sudan): drop, one at a time, the vertex of a
    crossing pair of edges whose removal leaves the fewest crossings and changes the area
    least, so that the ring stays simple and fills correctly."""
    found = crossings(ring)
    while found and len(ring) > 3:
        i, j = found[0]
        n = len(ring)
        best = None
        for k in {i, (i + 1) % n, j, (j + 1) % n}:
            cand = ring[:k] + ring[k + 1:]
            key = (len(crossings(cand)), abs(area(cand) - area(ring)))
            if best is None or key < best[0]:
                best = (key, cand)
        ring = best[1]
        found = crossings(ring)
    return ring


def bbox(rings):
    xs = [p[0] for r in rings for p in r]
    ys = [p[1] for r in rings for p in r]
    return min(xs), min(ys), max(xs), max(ys)


# Boundaries: Natural Earth draws de facto control. By default the file follows the UN
# instead where the two differ for territories that (almost) no state recognises apart:
# (territory taken from, given to, a point inside the piece or None for the whole country).
UN_BOUNDARIES = [
    ("Russia", "Ukraine", (34.1, 44.95)),   # Crimea (UN GA resolution 68/262)
    ("N. Cyprus", "Cyprus", None),          # UN SC resolution 541; the EU member is Cyprus
    ("Somaliland", "Somalia", None),
]


def point_in_ring(ring, x, y):
    inside = False
    n = len(ring)
    for i in range(n):
        xi, yi = ring[i]
        xj, yj = ring[i - 1]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
    return inside


def merge_rings(arcs, a, b):
    """Union of two outer rings given as arc indices and sharing arcs (in opposite
    directions): drop the shared arcs, chain the rest. Returns the outer ring (arc indices);
    any enclosed ring is a hole of the union and is dropped."""
    directed = a + b
    shared = {i for i in directed if ~i in directed}
    rest = [i for i in directed if i not in shared]
    if not shared:
        return None

    def ends(i):
        pts = arcs[i] if i >= 0 else arcs[~i][::-1]
        return pts[0], pts[-1]

    starts = {}
    for i in rest:
        starts.setdefault(ends(i)[0], []).append(i)
    used = set()
    rings = []
    for first in rest:
        if first in used:
            continue
        ring = []
        i = first
        while i is not None and i not in used:
            used.add(i)
            ring.append(i)
            nxt = [j for j in starts.get(ends(i)[1], []) if j not in used]
            i = nxt[0] if nxt else None
        rings.append(ring)
    return max(rings, key=lambda r: abs(area(ring_points(arcs, r))))


def apply_boundaries(arcs, geoms, moves):
    """Move territory between countries (see UN_BOUNDARIES); geoms: name -> list of
    polygons (lists of arc-index rings, outer ring first)."""
    for src, dst, point in moves:
        if src not in geoms or dst not in geoms:
            sys.exit("boundary move %s -> %s: country missing" % (src, dst))
        if point is None:
            pieces = list(geoms[src])
        else:
            pieces = [p for p in geoms[src]
                      if point_in_ring(ring_points(arcs, p[0]), point[0], point[1])]
        if not pieces:
            sys.exit("boundary move %s -> %s: no piece at %s" % (src, dst, point))
        for piece in pieces:
            geoms[src].remove(piece)
            for k, poly in enumerate(geoms[dst]):
                merged = merge_rings(arcs, poly[0], piece[0])
                if merged:
                    geoms[dst][k] = [merged] + poly[1:] + piece[1:]
                    break
            else:
                geoms[dst].append(piece)
        if not geoms[src]:
            del geoms[src]


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    flags = [a for a in sys.argv[1:] if a.startswith("--")]
    if len(args) != 2 or any(f != "--natural-earth-boundaries" for f in flags):
        sys.exit("usage: topo2rings.py [--natural-earth-boundaries] countries-110m.json OUT.json")
    src, dst = args
    with open(src, encoding="utf-8") as f:
        topo = json.load(f)
    arcs = decode_arcs(topo)
    order = []
    geoms = {}
    ids = {}
    for g in topo["objects"]["countries"]["geometries"]:
        if g["type"] == "Polygon":
            polys = [g["arcs"]]
        elif g["type"] == "MultiPolygon":
            polys = g["arcs"]
        else:
            continue
        name = g.get("properties", {}).get("name", "")
        order.append(name)
        geoms[name] = [list(p) for p in polys]
        ids[name] = str(g.get("id") or "")
    if "--natural-earth-boundaries" not in flags:
        apply_boundaries(arcs, geoms, UN_BOUNDARIES)

    countries = []
    holes = []  # bounding boxes of dropped holes
    for name in order:
        if name not in geoms:
            continue
        rings = []
        for poly in geoms[name]:
            for k, indices in enumerate(poly):
                pts = ring_points(arcs, indices)
                if k > 0:
                    if len(pts) >= 3:
                        holes.append(bbox([pts]))
                    continue
                for piece in cut_antimeridian(pts):
                    t = tidy(piece)
                    if t:
                        rings.append(t)
        if rings:
            countries.append({"id": ids[name], "name": name, "rings": rings})

    # Enclaves (a country filling a dropped hole) go last, so they are drawn on top.
    def in_hole(c):
        x0, y0, x1, y1 = bbox(c["rings"])
        return any(h[0] - 0.2 <= x0 and x1 <= h[2] + 0.2 and h[1] - 0.2 <= y0 and y1 <= h[3] + 0.2
                   for h in holes)

    countries.sort(key=lambda c: (in_hole(c), c["name"]))

    lines = []
    for c in countries:
        rings = ",".join(
            "[" + ",".join("[%s,%s]" % (fmt(x), fmt(y)) for x, y in r) + "]" for r in c["rings"])
        lines.append('{"id":%s,"name":%s,"rings":[%s]}' % (
            json.dumps(c["id"]), json.dumps(c["name"], ensure_ascii=False), rings))
    with open(dst, "w", encoding="utf-8") as f:
        f.write("[\n" + ",\n".join(lines) + "\n]\n")
    pts = sum(len(r) for c in countries for r in c["rings"])
    print("%d countries, %d rings, %d points -> %s" % (
        len(countries), sum(len(c["rings"]) for c in countries), pts, dst), file=sys.stderr)


if __name__ == "__main__":
    main()
