//! The world map behind the exercise screen: country shapes, where each actor sits, and the
//! projection and framing that turn both into a picture.
//!
//! Pure Rust on `serde`/`serde_json`/`std` only (no egui, no Bevy), so it builds for wasm
//! and is tested headless. The painter lives in the client's interface code.
//!
//! * [`Atlas`]: Natural Earth 1:110m Admin 0 country outlines (public domain), converted by
//!   `tools/map/topo2rings.py` into `assets/map/countries-110m.json` (see
//!   `assets/map/README.md`). Rings are outer rings only, open, in lon/lat degrees rounded to
//!   0.1, already cut at the antimeridian; enclaves (Lesotho) come after the country around
//!   them, so drawing in order is correct. Rings are not convex: fill them with
//!   [`triangulate`] (egui's `convex_polygon` would smear them). Boundaries are Natural
//!   Earth's (de facto) except where the UN position differs for territory almost no state
//!   recognises apart: Crimea is drawn in Ukraine, northern Cyprus in Cyprus, Somaliland in
//!   Somalia (the converter's `--natural-earth-boundaries` undoes this). Kosovo, Taiwan,
//!   Palestine and Western Sahara are drawn separately, as Natural Earth has them.
//! * [`place_of`]: where an actor is, as its scenario says (`scenario::Place`: a state's
//!   country code, or a seat), or for a group the state it operates from. Fictional states
//!   (the NATO scenario's Northland, Eastmark, ..., the EU scenario's "member_v"/"member_h")
//!   have no place: a real map must not pin them on a real country, so the screen falls back
//!   to a schematic layout for them.
//! * [`project`]: Miller cylindrical, in "degree units"; [`frame`]: the lon/lat box to show
//!   for a set of actor points.

use serde::Deserialize;
use std::f32::consts::{FRAC_PI_4, PI};

use crate::scenario;
use crate::sim::view::ActorCard;

/// The country shapes, in file order (draw in this order).
#[derive(Debug, Clone, Deserialize)]
#[serde(transparent)]
pub struct Atlas {
    pub countries: Vec<Country>,
}

/// One Natural Earth Admin 0 country.
#[derive(Debug, Clone, Deserialize)]
pub struct Country {
    /// ISO 3166-1 numeric code as a string ("040" is Austria), or "" where there is none
    /// (Kosovo).
    pub id: String,
    /// Natural Earth short name ("Russia", "United States of America", "Bosnia and Herz.").
    pub name: String,
    /// Outer rings as (lon, lat) degrees; open (the first point is not repeated at the end),
    /// within [-180, 180] x [-90, 90]. Holes are not kept (see the module documentation).
    pub rings: Vec<Vec<[f32; 2]>>,
}

impl Atlas {
    /// The atlas shipped with the client (`assets/map/countries-110m.json`, ~130 KB).
    pub fn load() -> Result<Atlas, serde_json::Error> {
        Self::from_json(include_str!("../../assets/map/countries-110m.json"))
    }

    /// Parse an atlas in the `[{"id", "name", "rings"}]` format.
    pub fn from_json(json: &str) -> Result<Atlas, serde_json::Error> {
        serde_json::from_str(json)
    }

    /// A country by Natural Earth name, ignoring case ("estonia", "Russia").
    pub fn country(&self, name: &str) -> Option<&Country> {
        self.countries
            .iter()
            .find(|c| c.name.eq_ignore_ascii_case(name))
    }

    /// A country by ISO numeric id ("233"); None for "".
    pub fn country_by_id(&self, id: &str) -> Option<&Country> {
        if id.is_empty() {
            return None;
        }
        self.countries.iter().find(|c| c.id == id)
    }

    /// The country a place lies in (for an organisation: its host state). None for states
    /// too small for the 1:110m data (Malta, Singapore, Bahrain, the microstates).
    pub fn country_of(&self, place: &Place) -> Option<&Country> {
        self.country(place.country)
    }
}

impl Country {
    /// Bounding box of all rings.
    pub fn bounds(&self) -> Bounds {
        let mut b = Bounds {
            west: f32::MAX,
            south: f32::MAX,
            east: f32::MIN,
            north: f32::MIN,
        };
        for p in self.rings.iter().flatten() {
            b.west = b.west.min(p[0]);
            b.east = b.east.max(p[0]);
            b.south = b.south.min(p[1]);
            b.north = b.north.max(p[1]);
        }
        b
    }

    /// Whether (lon, lat) lies inside one of the rings (at 1:110m a coastal capital may
    /// fall just outside its country).
    pub fn contains(&self, lon: f32, lat: f32) -> bool {
        self.rings.iter().any(|r| ring_contains(r, lon, lat))
    }
}

fn ring_contains(ring: &[[f32; 2]], x: f32, y: f32) -> bool {
    let mut inside = false;
    let n = ring.len();
    for i in 0..n {
        let [xi, yi] = ring[i];
        let [xj, yj] = ring[(i + n - 1) % n];
        if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
            inside = !inside;
        }
    }
    inside
}

// ------------------------------------------------------------------------------- places

/// What kind of thing a [`Place`] locates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    /// A state: highlight `country`, mark its capital.
    State,
    /// An organisation: mark its headquarters; `country` is only the host state (do not
    /// highlight Belgium for NATO).
    Organisation,
    /// A non-state actor (proxy, criminal group, agency, APT) shown at the capital of the
    /// state it is linked to.
    Linked,
}

/// Where an actor sits on the map.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Place {
    /// Natural Earth country name ([`Country::name`]) of the state, or of the state that
    /// hosts a seat; may be absent from the 1:110m atlas for very small states (see
    /// [`Atlas::country_of`]).
    pub country: &'static str,
    /// (lon, lat) in degrees: a capital, or a seat.
    pub point: [f32; 2],
    pub kind: PlaceKind,
}

/// A scenario's place as the map draws it: a state at its capital, a seat where it is.
/// None for a code the map does not know (the scenario checker refuses those).
pub fn locate(place: &scenario::Place) -> Option<Place> {
    match place {
        scenario::Place::Country(code) => {
            let c = scenario::places::country(code)?;
            Some(Place {
                country: c.name,
                point: c.point,
                kind: PlaceKind::State,
            })
        }
        scenario::Place::Seat {
            country, lon, lat, ..
        } => Some(Place {
            country: scenario::places::country(country)?.name,
            point: [*lon, *lat],
            kind: PlaceKind::Organisation,
        }),
    }
}

/// Where an actor of a view sits: the place its scenario gives it, or, for a group without
/// one, the capital of the state it is known to operate from. None when the scenario says
/// nothing (fictional states, and the groups of fictional states): the map must not guess.
pub fn place_of(actor: &ActorCard, actors: &[ActorCard]) -> Option<Place> {
    if let Some(p) = &actor.place {
        return locate(p);
    }
    let home = actor.linked_state.as_deref()?;
    let p = locate(actors.iter().find(|a| a.id == home)?.place.as_ref()?)?;
    (p.kind == PlaceKind::State).then_some(Place {
        kind: PlaceKind::Linked,
        ..p
    })
}

// --------------------------------------------------------------------------- projection

const DEG: f32 = PI / 180.0;

/// Miller cylindrical projection, in "degree units": x = lon (-180..180), y grows north,
/// y(±90°) = ±132, y(±60°) = ±74.5, y(0) = 0. A cylindrical projection keeps longitudes
/// straight and evenly spaced (x is linear in lon) and exaggerates high latitudes less than
/// Mercator, so both the world and Europe look right. Screen y points down: flip it
/// (see [`Bounds::to_screen`]).
pub fn project(lon: f32, lat: f32) -> [f32; 2] {
    let phi = lat.clamp(-90.0, 90.0) * DEG;
    [lon, 1.25 * (FRAC_PI_4 + 0.4 * phi).tan().ln() / DEG]
}

/// The inverse of [`project`]: (x, y) to (lon, lat).
pub fn unproject(x: f32, y: f32) -> [f32; 2] {
    let lat = 2.5 * (0.8 * y * DEG).exp().atan() - 0.625 * PI;
    [x, (lat / DEG).clamp(-90.0, 90.0)]
}

/// A lon/lat box: west..east, south..north degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub west: f32,
    pub south: f32,
    pub east: f32,
    pub north: f32,
}

/// The whole world less Antarctica: what [`frame`] shows for no points.
pub const WORLD: Bounds = Bounds {
    west: -180.0,
    south: -58.0,
    east: 180.0,
    north: 84.0,
};

/// The latitudes a frame never goes beyond.
const LAT_LIMIT: f32 = 85.0;

impl Bounds {
    pub fn contains(&self, lon: f32, lat: f32) -> bool {
        (self.west..=self.east).contains(&lon) && (self.south..=self.north).contains(&lat)
    }

    pub fn intersects(&self, other: &Bounds) -> bool {
        self.west <= other.east
            && other.west <= self.east
            && self.south <= other.north
            && other.south <= self.north
    }

    /// The projected corners: (min, max) of [`project`].
    pub fn projected(&self) -> ([f32; 2], [f32; 2]) {
        (
            project(self.west, self.south),
            project(self.east, self.north),
        )
    }

    /// Width / height in projected units (what the screen shows).
    pub fn aspect(&self) -> f32 {
        let (a, b) = self.projected();
        (b[0] - a[0]) / (b[1] - a[1]).max(f32::EPSILON)
    }

    /// (lon, lat) to a point of the screen rectangle `min`..`min + size` (y down) showing
    /// this box. Points outside the box land outside the rectangle (clip when painting).
    pub fn to_screen(&self, lon: f32, lat: f32, min: [f32; 2], size: [f32; 2]) -> [f32; 2] {
        let (a, b) = self.projected();
        let p = project(lon, lat);
        [
            min[0] + (p[0] - a[0]) / (b[0] - a[0]) * size[0],
            min[1] + (b[1] - p[1]) / (b[1] - a[1]) * size[1],
        ]
    }

    /// The inverse of [`Bounds::to_screen`] (for hovering): a screen point to (lon, lat).
    pub fn from_screen(&self, pos: [f32; 2], min: [f32; 2], size: [f32; 2]) -> [f32; 2] {
        let (a, b) = self.projected();
        let x = a[0] + (pos[0] - min[0]) / size[0] * (b[0] - a[0]);
        let y = b[1] - (pos[1] - min[1]) / size[1] * (b[1] - a[1]);
        unproject(x, y)
    }

    /// This box grown (never shrunk) about its centre to `aspect` (projected width /
    /// height, e.g. the map panel's), kept within ±180° and ±85°.
    pub fn with_aspect(&self, aspect: f32) -> Bounds {
        let (a, b) = self.projected();
        fit([a[0], a[1], b[0], b[1]], aspect)
    }
}

/// Grow projected box [x0, y0, x1, y1] to `aspect`, keep it in the world, return lon/lat.
fn fit(r: [f32; 4], aspect: f32) -> Bounds {
    let aspect = if aspect.is_finite() && aspect > 0.0 {
        aspect
    } else {
        16.0 / 9.0
    };
    let (mut w, mut h) = (r[2] - r[0], r[3] - r[1]);
    let (cx, cy) = ((r[0] + r[2]) / 2.0, (r[1] + r[3]) / 2.0);
    if w < h * aspect {
        w = h * aspect;
    } else {
        h = w / aspect;
    }
    let (ymin, ymax) = (project(0.0, -LAT_LIMIT)[1], project(0.0, LAT_LIMIT)[1]);
    // Too big for the world: shrink to it, keeping the aspect where one side still fits.
    if w > 360.0 {
        w = 360.0;
        h = h.min(w / aspect);
    }
    if h > ymax - ymin {
        h = ymax - ymin;
        w = w.min(h * aspect);
    }
    let x0 = (cx - w / 2.0).clamp(-180.0, 180.0 - w);
    let y0 = (cy - h / 2.0).clamp(ymin, ymax - h);
    let sw = unproject(x0, y0);
    let ne = unproject(x0 + w, y0 + h);
    Bounds {
        west: sw[0],
        south: sw[1],
        east: ne[0],
        north: ne[1],
    }
}

/// Smallest width a frame shows, in projected units (~36° of longitude: the Baltic and its
/// neighbours for a single actor; Europe for a European cast).
pub const MIN_FRAME_WIDTH: f32 = 36.0;

/// The lon/lat box to show for actor points (lon, lat), at 16:9: the points' box, a margin
/// of 15% (at least 5°) on every side, at least [`MIN_FRAME_WIDTH`] wide, grown to 16:9
/// and kept on the map. No points: the world less Antarctica. A cast on both sides of the
/// Pacific gets a frame across the Atlantic (no wrap-around).
pub fn frame(points: &[[f32; 2]]) -> Bounds {
    frame_with_aspect(points, 16.0 / 9.0)
}

/// [`frame`] for a panel of another aspect (projected width / height).
pub fn frame_with_aspect(points: &[[f32; 2]], aspect: f32) -> Bounds {
    if points.is_empty() {
        return WORLD.with_aspect(aspect);
    }
    let mut r = [f32::MAX, f32::MAX, f32::MIN, f32::MIN];
    for p in points {
        let q = project(p[0], p[1].clamp(-LAT_LIMIT, LAT_LIMIT));
        r = [
            r[0].min(q[0]),
            r[1].min(q[1]),
            r[2].max(q[0]),
            r[3].max(q[1]),
        ];
    }
    let pad_x = ((r[2] - r[0]) * 0.15).max(5.0);
    let pad_y = ((r[3] - r[1]) * 0.15).max(5.0);
    r = [r[0] - pad_x, r[1] - pad_y, r[2] + pad_x, r[3] + pad_y];
    let w = r[2] - r[0];
    if w < MIN_FRAME_WIDTH {
        let grow = (MIN_FRAME_WIDTH - w) / 2.0;
        r[0] -= grow;
        r[2] += grow;
    }
    fit(r, aspect)
}

/// Points along the great circle from `a` to `b` (lon, lat), `segments + 1` of them, for
/// drawing a relation as a curve. Longitudes are continuous: a path across the antimeridian
/// runs past ±180 (off the map) instead of jumping.
pub fn great_circle(a: [f32; 2], b: [f32; 2], segments: usize) -> Vec<[f32; 2]> {
    let segments = segments.max(1);
    let v = |p: [f32; 2]| {
        let (lon, lat) = ((p[0] * DEG) as f64, (p[1] * DEG) as f64);
        [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
    };
    let (va, vb) = (v(a), v(b));
    let dot = (va[0] * vb[0] + va[1] * vb[1] + va[2] * vb[2]).clamp(-1.0, 1.0);
    let omega = dot.acos();
    let mut out: Vec<[f32; 2]> = Vec::with_capacity(segments + 1);
    for i in 0..=segments {
        let t = i as f64 / segments as f64;
        let p = if omega < 1e-6 {
            [
                a[0] + (b[0] - a[0]) * t as f32,
                a[1] + (b[1] - a[1]) * t as f32,
            ]
        } else {
            let (s0, s1) = (((1.0 - t) * omega).sin(), (t * omega).sin());
            let s = omega.sin();
            let q = [0, 1, 2].map(|k| (s0 * va[k] + s1 * vb[k]) / s);
            let lat = q[2].clamp(-1.0, 1.0).asin();
            let lon = q[1].atan2(q[0]);
            [(lon.to_degrees()) as f32, (lat.to_degrees()) as f32]
        };
        let p = match out.last() {
            Some(prev) => {
                let mut lon = p[0];
                while lon - prev[0] > 180.0 {
                    lon -= 360.0;
                }
                while lon - prev[0] < -180.0 {
                    lon += 360.0;
                }
                [lon, p[1]]
            }
            None => [a[0], a[1]],
        };
        out.push(p);
    }
    out
}

// ------------------------------------------------------------------------ triangulation

/// Triangles (indices into `ring`) covering a simple polygon ring, by ear clipping; either
/// winding. For filling country shapes with a mesh (egui's `Mesh`). Triangulate in lon/lat
/// and project the vertices: the projection keeps the triangles valid. Degenerate input
/// (self-touching after rounding) still yields triangles, never a hang.
pub fn triangulate(ring: &[[f32; 2]]) -> Vec<[u32; 3]> {
    let n = ring.len();
    if n < 3 {
        return Vec::new();
    }
    let area2: f32 = (0..n)
        .map(|i| {
            let (p, q) = (ring[i], ring[(i + 1) % n]);
            p[0] * q[1] - q[0] * p[1]
        })
        .sum();
    let mut idx: Vec<usize> = (0..n).collect();
    if area2 < 0.0 {
        idx.reverse(); // make it counter-clockwise
    }
    let cross = |a: [f32; 2], b: [f32; 2], c: [f32; 2]| {
        (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    };
    let mut out = Vec::with_capacity(n - 2);
    let mut i = 0;
    let mut misses = 0;
    while idx.len() > 3 {
        let m = idx.len();
        let (ia, ib, ic) = (idx[(i + m - 1) % m], idx[i % m], idx[(i + 1) % m]);
        let (a, b, c) = (ring[ia], ring[ib], ring[ic]);
        let convex = cross(a, b, c) >= 0.0;
        let is_ear = convex
            && (misses >= m
                || !idx.iter().any(|&j| {
                    let p = ring[j];
                    if p == a || p == b || p == c {
                        return false;
                    }
                    cross(a, b, p) >= 0.0 && cross(b, c, p) >= 0.0 && cross(c, a, p) >= 0.0
                }));
        // After a full round without an ear (degenerate ring), clip anyway.
        if is_ear || misses >= 2 * m {
            out.push([ia as u32, ib as u32, ic as u32]);
            idx.remove(i % m);
            misses = 0;
            if i >= idx.len() {
                i = 0;
            }
        } else {
            i = (i + 1) % m;
            misses += 1;
        }
    }
    out.push([idx[0] as u32, idx[1] as u32, idx[2] as u32]);
    out
}

// -------------------------------------------------------------------------------- tests

#[cfg(test)]
mod tests {
    use super::*;

    /// Fictional states of the scenarios: they must not land on a real country.
    const FICTIONAL: &[&str] = &[
        "northland",
        "westria",
        "southmark",
        "valdria",
        "meridia",
        "eastmark",
        "tarsovia",
        "member_v",
        "member_h",
    ];

    /// States too small for 1:110m: a point, no shape.
    const TOO_SMALL: &[&str] = &[
        "Malta",
        "Singapore",
        "Bahrain",
        "Liechtenstein",
        "Andorra",
        "Monaco",
        "San Marino",
        "Vatican",
    ];

    fn atlas() -> Atlas {
        Atlas::load().expect("assets/map/countries-110m.json parses")
    }

    #[test]
    fn asset_parses_with_the_countries_we_need() {
        let atlas = atlas();
        assert!(
            atlas.countries.len() > 150,
            "{} countries",
            atlas.countries.len()
        );
        for name in [
            "Estonia",
            "Russia",
            "France",
            "United States of America",
            "China",
        ] {
            let c = atlas
                .country(name)
                .unwrap_or_else(|| panic!("{name} missing"));
            assert!(
                !c.rings.is_empty() && c.rings.iter().all(|r| r.len() >= 3),
                "{name}"
            );
        }
        assert_eq!(
            atlas.country_by_id("233").map(|c| c.name.as_str()),
            Some("Estonia")
        );
        assert!(atlas.country_by_id("").is_none());
    }

    #[test]
    fn rings_stay_on_the_map_and_never_cross_it() {
        for c in atlas().countries {
            for r in &c.rings {
                for (i, p) in r.iter().enumerate() {
                    assert!((-180.0..=180.0).contains(&p[0]) && (-90.0..=90.0).contains(&p[1]));
                    let q = r[(i + 1) % r.len()];
                    // Only a ring closed along a pole may run the map's width.
                    let along_pole = p[1].abs() == 90.0 && q[1] == p[1];
                    assert!(
                        (p[0] - q[0]).abs() <= 180.0 || along_pole,
                        "{}: {p:?} -> {q:?}",
                        c.name
                    );
                }
            }
        }
    }

    #[test]
    fn boundaries_follow_the_un_where_natural_earth_draws_de_facto_control() {
        let atlas = atlas();
        let (ukraine, russia) = (
            atlas.country("Ukraine").unwrap(),
            atlas.country("Russia").unwrap(),
        );
        assert!(
            ukraine.contains(34.1, 44.95) && !russia.contains(34.1, 44.95),
            "Simferopol"
        );
        assert!(ukraine.contains(37.8, 48.0), "Donetsk");
        assert!(
            atlas.country("Cyprus").unwrap().contains(33.6, 35.3),
            "Kyrenia district"
        );
        assert!(atlas.country("N. Cyprus").is_none() && atlas.country("Somaliland").is_none());
        assert!(
            atlas.country("Somalia").unwrap().contains(44.06, 9.56),
            "Hargeisa"
        );
        for name in ["Kosovo", "Taiwan", "Palestine", "W. Sahara"] {
            assert!(atlas.country(name).is_some(), "{name}");
        }
    }

    #[test]
    fn russia_and_fiji_are_cut_at_the_antimeridian() {
        let atlas = atlas();
        let russia = atlas.country("Russia").unwrap().bounds();
        assert!(russia.east >= 179.9 && russia.west <= -179.9, "{russia:?}");
        assert!(
            atlas.country("Russia").unwrap().contains(37.6, 55.8),
            "Moscow"
        );
        assert!(atlas.country("Fiji").unwrap().rings.len() >= 2);
    }

    #[test]
    fn triangulation_covers_every_ring() {
        let mut bad = Vec::new();
        for c in atlas().countries {
            for r in &c.rings {
                let area = |t: [[f32; 2]; 3]| {
                    ((t[1][0] - t[0][0]) * (t[2][1] - t[0][1])
                        - (t[1][1] - t[0][1]) * (t[2][0] - t[0][0]))
                        .abs() as f64
                        / 2.0
                };
                let ring_area = (0..r.len())
                    .map(|i| {
                        let (p, q) = (r[i], r[(i + 1) % r.len()]);
                        (p[0] as f64) * (q[1] as f64) - (q[0] as f64) * (p[1] as f64)
                    })
                    .sum::<f64>()
                    .abs()
                    / 2.0;
                let tris = triangulate(r);
                assert_eq!(tris.len(), r.len() - 2);
                let sum: f64 = tris
                    .iter()
                    .map(|t| area([r[t[0] as usize], r[t[1] as usize], r[t[2] as usize]]))
                    .sum();
                if (sum - ring_area).abs() > 1e-3 * ring_area.max(1.0) {
                    bad.push(format!(
                        "{} ({} points): {sum} vs {ring_area}",
                        c.name,
                        r.len()
                    ));
                }
            }
        }
        assert!(bad.is_empty(), "triangles overlap or miss: {bad:#?}");
    }

    fn country_place(code: &str) -> Place {
        locate(&scenario::Place::Country(code.into())).expect("a known code")
    }

    #[test]
    fn estonia_sits_in_estonia() {
        let atlas = atlas();
        let p = country_place("EE");
        assert_eq!(p.kind, PlaceKind::State);
        let b = atlas.country_of(&p).unwrap().bounds();
        assert!(b.contains(p.point[0], p.point[1]), "{p:?} outside {b:?}");
    }

    #[test]
    fn every_capital_is_in_or_next_to_its_country() {
        let atlas = atlas();
        for c in scenario::places::COUNTRIES {
            let p = country_place(c.code);
            match atlas.country_of(&p) {
                Some(shape) => {
                    let b = shape.bounds();
                    let near = Bounds {
                        west: b.west - 1.0,
                        south: b.south - 1.0,
                        east: b.east + 1.0,
                        north: b.north + 1.0,
                    };
                    assert!(
                        near.contains(p.point[0], p.point[1]),
                        "{} at {:?} outside {b:?}",
                        c.capital,
                        p.point
                    );
                }
                None => assert!(
                    TOO_SMALL.contains(&p.country),
                    "{} not in the atlas",
                    p.country
                ),
            }
        }
    }

    /// Every actor of the shipped scenarios is where its scenario says: real states at their
    /// capitals, fictional ones nowhere, groups with the state they operate from (never on a
    /// fictional state), and nothing else guessed.
    #[test]
    fn the_map_draws_what_the_scenarios_say() {
        use crate::scenario::ActorKind;
        for (name, source) in scenario::SHIPPED {
            let sc = scenario::parse(source, name).expect("loads");
            let seat = &sc.seats[0].id;
            let ex = crate::sim::Exercise::new(std::sync::Arc::new(sc.clone()), 1);
            let v = crate::sim::view::view(&ex, seat).expect("a view");
            for a in &sc.actors {
                let card = v.actors.iter().find(|c| c.id == a.id).expect("in the view");
                let placed = place_of(card, &v.actors);
                let fictional = FICTIONAL.contains(&a.id.as_str());
                match a.kind {
                    ActorKind::State if fictional => assert_eq!(placed, None, "{name}: {}", a.id),
                    // Who stands behind a persona is secret: it is drawn nowhere.
                    ActorKind::Persona => assert_eq!(placed, None, "{name}: {}", a.id),
                    ActorKind::State => assert_eq!(
                        placed.map(|p| p.kind),
                        Some(PlaceKind::State),
                        "{name}: {}",
                        a.id
                    ),
                    _ => match a.sponsor.as_deref() {
                        Some(s) if FICTIONAL.contains(&s) => {
                            assert_eq!(placed, None, "{name}: {} ({s})", a.id)
                        }
                        Some(s) if a.place.is_none() => assert_eq!(
                            placed.map(|p| p.kind),
                            Some(PlaceKind::Linked),
                            "{name}: {} ({s})",
                            a.id
                        ),
                        _ => assert_eq!(placed.is_some(), a.place.is_some(), "{name}: {}", a.id),
                    },
                }
            }
        }
    }

    #[test]
    fn projection_round_trips() {
        for lat in [-85.0, -40.0, 0.0, 33.3, 59.4, 85.0] {
            let p = project(24.7, lat);
            let q = unproject(p[0], p[1]);
            assert!(
                (q[0] - 24.7).abs() < 1e-4 && (q[1] - lat).abs() < 1e-3,
                "{lat}: {q:?}"
            );
        }
        assert!(project(0.0, 60.0)[1] > project(0.0, 30.0)[1]);
        assert!((project(0.0, 90.0)[1] - 131.98).abs() < 0.1);
    }

    #[test]
    fn frames() {
        let ee = country_place("EE").point;
        let ru = country_place("RU").point;
        let f = frame(&[ee, ru]);
        assert!(
            f.contains(ee[0], ee[1]) && f.contains(ru[0], ru[1]),
            "{f:?}"
        );
        assert!((f.aspect() - 16.0 / 9.0).abs() < 0.01, "{}", f.aspect());
        // A Baltic pair zooms in: narrower than Europe-to-Urals, wider than the minimum.
        assert!(
            f.east - f.west < 60.0 && f.east - f.west >= MIN_FRAME_WIDTH - 0.01,
            "{f:?}"
        );

        // A European cast stays in Europe.
        let europe: Vec<[f32; 2]> = ["FR", "DE", "NL", "RU", "EE"]
            .iter()
            .map(|code| country_place(code).point)
            .collect();
        let f = frame(&europe);
        assert!(f.west > -30.0 && f.east < 70.0 && f.south > 20.0, "{f:?}");
        for p in &europe {
            assert!(f.contains(p[0], p[1]));
        }

        // Across the globe: everything in view, never past the world's edges.
        let wide: Vec<[f32; 2]> = ["US", "JP", "AU", "EE"]
            .iter()
            .map(|code| country_place(code).point)
            .collect();
        let f = frame(&wide);
        assert!(
            f.west >= -180.0 && f.east <= 180.0 && f.south >= -85.01 && f.north <= 85.01,
            "{f:?}"
        );
        for p in &wide {
            assert!(f.contains(p[0], p[1]), "{p:?} outside {f:?}");
        }

        // A single point, at the world's edge: still a frame of the minimum size, on the map.
        let f = frame(&[[179.0, 0.0]]);
        assert!(
            f.east <= 180.0 && f.contains(179.0, 0.0) && f.east - f.west >= MIN_FRAME_WIDTH - 0.01
        );
        assert_eq!(frame(&[]), WORLD.with_aspect(16.0 / 9.0));

        let s = f.to_screen(179.0, 0.0, [10.0, 20.0], [1600.0, 900.0]);
        let back = f.from_screen(s, [10.0, 20.0], [1600.0, 900.0]);
        assert!(
            (back[0] - 179.0).abs() < 1e-3 && back[1].abs() < 1e-3,
            "{back:?}"
        );
    }

    #[test]
    fn great_circles_are_continuous() {
        let path = great_circle(country_place("JP").point, country_place("US").point, 32);
        assert_eq!(path.len(), 33);
        for w in path.windows(2) {
            assert!((w[1][0] - w[0][0]).abs() < 20.0, "{w:?}");
        }
        // Tokyo to Washington goes over the Pacific and north of both.
        assert!(path[16][1] > 45.0, "{:?}", path[16]);
        let end = path.last().unwrap();
        let lon = (end[0] + 540.0).rem_euclid(360.0) - 180.0;
        assert!(
            (lon - -77.04).abs() < 0.01 && (end[1] - 38.91).abs() < 0.01,
            "{end:?}"
        );
    }
}
