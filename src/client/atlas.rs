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
//! * [`place`] / [`place_for`]: actor id to a country and a point (capital, seat or
//!   headquarters). Fictional states (the NATO scenario's Northland, Eastmark, ..., the EU
//!   scenario's "member_v"/"member_h") deliberately have no place: a real map must not pin
//!   them on a real country, so the screen has to fall back to a schematic layout for them.
//! * [`project`]: Miller cylindrical, in "degree units"; [`frame`]: the lon/lat box to show
//!   for a set of actor points.

use serde::Deserialize;
use std::f32::consts::{FRAC_PI_4, PI};

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
    /// Natural Earth country name ([`Country::name`]); may be absent from the 1:110m atlas
    /// for very small states (see [`Atlas::country_of`]).
    pub country: &'static str,
    /// The city of the point (capital, seat of government or headquarters).
    pub city: &'static str,
    /// (lon, lat) in degrees.
    pub point: [f32; 2],
    pub kind: PlaceKind,
}

/// A state: ids and aliases (lowercase, `_` for spaces), Natural Earth name, capital or
/// seat of government, (lon, lat).
type StateRow = (
    &'static [&'static str],
    &'static str,
    &'static str,
    [f32; 2],
);

#[rustfmt::skip]
const STATES: &[StateRow] = &[
    // European Union
    (&["austria", "aut", "at"], "Austria", "Vienna", [16.37, 48.21]),
    (&["belgium", "bel", "be"], "Belgium", "Brussels", [4.35, 50.85]),
    (&["bulgaria", "bgr", "bg"], "Bulgaria", "Sofia", [23.32, 42.70]),
    (&["croatia", "hrv", "hr"], "Croatia", "Zagreb", [15.98, 45.81]),
    (&["cyprus", "cyp", "cy"], "Cyprus", "Nicosia", [33.36, 35.17]),
    (&["czechia", "czech_republic", "czech", "cze", "cz"], "Czechia", "Prague", [14.42, 50.08]),
    (&["denmark", "dnk", "dk"], "Denmark", "Copenhagen", [12.57, 55.68]),
    (&["estonia", "est", "ee"], "Estonia", "Tallinn", [24.75, 59.44]),
    (&["finland", "fin", "fi"], "Finland", "Helsinki", [24.94, 60.17]),
    (&["france", "fra", "fr", "french_republic"], "France", "Paris", [2.35, 48.86]),
    (&["germany", "deu", "de", "ger", "federal_republic_of_germany", "frg"], "Germany", "Berlin", [13.40, 52.52]),
    (&["greece", "grc", "gr", "hellenic_republic"], "Greece", "Athens", [23.73, 37.98]),
    (&["hungary", "hun", "hu"], "Hungary", "Budapest", [19.04, 47.50]),
    (&["ireland", "irl", "ie", "eire"], "Ireland", "Dublin", [-6.26, 53.35]),
    (&["italy", "ita", "it"], "Italy", "Rome", [12.50, 41.90]),
    (&["latvia", "lva", "lv"], "Latvia", "Riga", [24.11, 56.95]),
    (&["lithuania", "ltu", "lt"], "Lithuania", "Vilnius", [25.28, 54.69]),
    (&["luxembourg", "lux", "lu"], "Luxembourg", "Luxembourg", [6.13, 49.61]),
    (&["malta", "mlt", "mt"], "Malta", "Valletta", [14.51, 35.90]),
    (&["netherlands", "nld", "nl", "holland"], "Netherlands", "The Hague", [4.30, 52.08]),
    (&["poland", "pol", "pl"], "Poland", "Warsaw", [21.01, 52.23]),
    (&["portugal", "prt", "pt"], "Portugal", "Lisbon", [-9.14, 38.72]),
    (&["romania", "rou", "ro"], "Romania", "Bucharest", [26.10, 44.43]),
    (&["slovakia", "svk", "sk", "slovak_republic"], "Slovakia", "Bratislava", [17.11, 48.15]),
    (&["slovenia", "svn", "si"], "Slovenia", "Ljubljana", [14.51, 46.06]),
    (&["spain", "esp", "es"], "Spain", "Madrid", [-3.70, 40.42]),
    (&["sweden", "swe", "se"], "Sweden", "Stockholm", [18.07, 59.33]),
    // NATO members outside the EU, the rest of the P5
    (&["albania", "alb", "al"], "Albania", "Tirana", [19.82, 41.33]),
    (&["canada", "can", "ca"], "Canada", "Ottawa", [-75.70, 45.42]),
    (&["iceland", "isl", "is"], "Iceland", "Reykjavik", [-21.94, 64.15]),
    (&["montenegro", "mne", "me"], "Montenegro", "Podgorica", [19.26, 42.44]),
    (&["north_macedonia", "macedonia", "mkd", "mk"], "Macedonia", "Skopje", [21.43, 42.00]),
    (&["norway", "nor", "no"], "Norway", "Oslo", [10.75, 59.91]),
    (&["turkey", "turkiye", "tur", "tr"], "Turkey", "Ankara", [32.85, 39.93]),
    (&["united_kingdom", "uk", "gbr", "gb", "great_britain", "britain", "england"], "United Kingdom", "London", [-0.13, 51.51]),
    (&["usa", "us", "united_states", "united_states_of_america", "america"], "United States of America", "Washington", [-77.04, 38.91]),
    (&["russia", "russian_federation", "rus", "ru", "rf"], "Russia", "Moscow", [37.62, 55.76]),
    (&["china", "prc", "peoples_republic_of_china", "chn", "cn"], "China", "Beijing", [116.40, 39.90]),
    // Rest of Europe and the former Soviet Union
    (&["ukraine", "ukr", "ua"], "Ukraine", "Kyiv", [30.52, 50.45]),
    (&["belarus", "blr", "by"], "Belarus", "Minsk", [27.56, 53.90]),
    (&["moldova", "republic_of_moldova", "mda", "md"], "Moldova", "Chisinau", [28.86, 47.01]),
    (&["georgia", "geo", "ge"], "Georgia", "Tbilisi", [44.79, 41.72]),
    (&["armenia", "arm", "am"], "Armenia", "Yerevan", [44.51, 40.18]),
    (&["azerbaijan", "aze", "az"], "Azerbaijan", "Baku", [49.87, 40.41]),
    (&["serbia", "srb", "rs"], "Serbia", "Belgrade", [20.46, 44.79]),
    (&["kosovo", "xkx", "xk"], "Kosovo", "Pristina", [21.17, 42.66]),
    (&["bosnia_and_herzegovina", "bosnia", "bih", "ba"], "Bosnia and Herz.", "Sarajevo", [18.41, 43.86]),
    (&["switzerland", "che", "ch"], "Switzerland", "Bern", [7.45, 46.95]),
    (&["liechtenstein", "lie", "li"], "Liechtenstein", "Vaduz", [9.52, 47.14]),
    (&["andorra", "and", "ad"], "Andorra", "Andorra la Vella", [1.52, 42.51]),
    (&["monaco", "mco", "mc"], "Monaco", "Monaco", [7.42, 43.74]),
    (&["san_marino", "smr", "sm"], "San Marino", "San Marino", [12.45, 43.94]),
    (&["holy_see", "vatican", "vatican_city", "vat", "va"], "Vatican", "Vatican City", [12.45, 41.90]),
    (&["kazakhstan", "kaz", "kz"], "Kazakhstan", "Astana", [71.43, 51.13]),
    (&["uzbekistan", "uzb", "uz"], "Uzbekistan", "Tashkent", [69.24, 41.30]),
    (&["kyrgyzstan", "kgz", "kg"], "Kyrgyzstan", "Bishkek", [74.59, 42.87]),
    (&["tajikistan", "tjk", "tj"], "Tajikistan", "Dushanbe", [68.78, 38.56]),
    (&["turkmenistan", "tkm", "tm"], "Turkmenistan", "Ashgabat", [58.38, 37.95]),
    (&["greenland", "grl", "gl"], "Greenland", "Nuuk", [-51.73, 64.18]),
    // Asia and the Pacific
    (&["north_korea", "dprk", "prk", "kp", "democratic_peoples_republic_of_korea"], "North Korea", "Pyongyang", [125.75, 39.02]),
    (&["south_korea", "korea", "rok", "republic_of_korea", "kor", "kr"], "South Korea", "Seoul", [126.98, 37.57]),
    (&["japan", "jpn", "jp"], "Japan", "Tokyo", [139.69, 35.69]),
    (&["taiwan", "twn", "tw", "republic_of_china"], "Taiwan", "Taipei", [121.56, 25.03]),
    (&["mongolia", "mng", "mn"], "Mongolia", "Ulaanbaatar", [106.92, 47.92]),
    (&["india", "ind", "in"], "India", "New Delhi", [77.21, 28.61]),
    (&["pakistan", "pak", "pk"], "Pakistan", "Islamabad", [73.05, 33.68]),
    (&["afghanistan", "afg", "af"], "Afghanistan", "Kabul", [69.21, 34.56]),
    (&["bangladesh", "bgd", "bd"], "Bangladesh", "Dhaka", [90.41, 23.81]),
    (&["sri_lanka", "lka", "lk"], "Sri Lanka", "Sri Jayawardenepura Kotte", [79.89, 6.89]),
    (&["nepal", "npl", "np"], "Nepal", "Kathmandu", [85.32, 27.72]),
    (&["myanmar", "burma", "mmr", "mm"], "Myanmar", "Naypyidaw", [96.13, 19.75]),
    (&["thailand", "tha", "th"], "Thailand", "Bangkok", [100.50, 13.76]),
    (&["vietnam", "viet_nam", "vnm", "vn"], "Vietnam", "Hanoi", [105.85, 21.03]),
    (&["cambodia", "khm", "kh"], "Cambodia", "Phnom Penh", [104.92, 11.56]),
    (&["laos", "lao", "la"], "Laos", "Vientiane", [102.63, 17.97]),
    (&["malaysia", "mys", "my"], "Malaysia", "Kuala Lumpur", [101.69, 3.139]),
    (&["singapore", "sgp", "sg"], "Singapore", "Singapore", [103.82, 1.35]),
    (&["indonesia", "idn", "id"], "Indonesia", "Jakarta", [106.85, -6.21]),
    (&["philippines", "phl", "ph"], "Philippines", "Manila", [120.98, 14.60]),
    (&["australia", "aus"], "Australia", "Canberra", [149.13, -35.28]),
    (&["new_zealand", "nzl", "nz"], "New Zealand", "Wellington", [174.78, -41.29]),
    // Middle East and North Africa
    (&["iran", "islamic_republic_of_iran", "irn", "ir"], "Iran", "Tehran", [51.39, 35.69]),
    (&["israel", "isr", "il"], "Israel", "Jerusalem", [35.21, 31.77]),
    (&["palestine", "state_of_palestine", "pse", "ps"], "Palestine", "Ramallah", [35.20, 31.90]),
    (&["saudi_arabia", "ksa", "sau", "sa"], "Saudi Arabia", "Riyadh", [46.72, 24.71]),
    (&["united_arab_emirates", "uae", "are", "ae"], "United Arab Emirates", "Abu Dhabi", [54.37, 24.45]),
    (&["qatar", "qat", "qa"], "Qatar", "Doha", [51.53, 25.29]),
    (&["bahrain", "bhr", "bh"], "Bahrain", "Manama", [50.59, 26.23]),
    (&["kuwait", "kwt", "kw"], "Kuwait", "Kuwait City", [47.98, 29.38]),
    (&["oman", "omn", "om"], "Oman", "Muscat", [58.41, 23.59]),
    (&["yemen", "yem", "ye"], "Yemen", "Sanaa", [44.21, 15.35]),
    (&["iraq", "irq", "iq"], "Iraq", "Baghdad", [44.36, 33.31]),
    (&["syria", "syrian_arab_republic", "syr", "sy"], "Syria", "Damascus", [36.28, 33.51]),
    (&["lebanon", "lbn", "lb"], "Lebanon", "Beirut", [35.50, 33.89]),
    (&["jordan", "jor", "jo"], "Jordan", "Amman", [35.93, 31.95]),
    (&["egypt", "egy", "eg"], "Egypt", "Cairo", [31.24, 30.04]),
    (&["libya", "lby", "ly"], "Libya", "Tripoli", [13.19, 32.89]),
    (&["tunisia", "tun", "tn"], "Tunisia", "Tunis", [10.18, 36.81]),
    (&["algeria", "dza", "dz"], "Algeria", "Algiers", [3.06, 36.75]),
    (&["morocco", "mar", "ma"], "Morocco", "Rabat", [-6.84, 34.02]),
    // Sub-Saharan Africa
    (&["nigeria", "nga", "ng"], "Nigeria", "Abuja", [7.49, 9.08]),
    (&["ghana", "gha", "gh"], "Ghana", "Accra", [-0.19, 5.60]),
    (&["ethiopia", "eth", "et"], "Ethiopia", "Addis Ababa", [38.75, 9.03]),
    (&["kenya", "ken", "ke"], "Kenya", "Nairobi", [36.82, -1.29]),
    (&["sudan", "sdn", "sd"], "Sudan", "Khartoum", [32.53, 15.50]),
    (&["somalia", "som", "so"], "Somalia", "Mogadishu", [45.32, 2.05]),
    (&["south_africa", "zaf", "za", "rsa"], "South Africa", "Pretoria", [28.19, -25.75]),
    // The Americas
    (&["mexico", "mex", "mx"], "Mexico", "Mexico City", [-99.13, 19.43]),
    (&["cuba", "cub", "cu"], "Cuba", "Havana", [-82.37, 23.11]),
    (&["colombia", "col", "co"], "Colombia", "Bogota", [-74.07, 4.71]),
    (&["venezuela", "ven", "ve"], "Venezuela", "Caracas", [-66.90, 10.49]),
    (&["brazil", "bra", "br"], "Brazil", "Brasilia", [-47.88, -15.79]),
    (&["peru", "per", "pe"], "Peru", "Lima", [-77.04, -12.05]),
    (&["chile", "chl", "cl"], "Chile", "Santiago", [-70.67, -33.45]),
    (&["argentina", "arg", "ar"], "Argentina", "Buenos Aires", [-58.38, -34.60]),
];

/// Words in an actor id that tie a non-state actor to a state ("russian_hacktivists").
#[rustfmt::skip]
const DEMONYMS: &[(&str, &str)] = &[
    ("russian", "russia"), ("kremlin", "russia"), ("chinese", "china"),
    ("north_korean", "north_korea"), ("south_korean", "south_korea"), ("iranian", "iran"),
    ("american", "usa"), ("british", "united_kingdom"), ("ukrainian", "ukraine"),
    ("belarusian", "belarus"), ("israeli", "israel"), ("syrian", "syria"),
    ("turkish", "turkey"), ("vietnamese", "vietnam"), ("pakistani", "pakistan"),
    ("indian", "india"), ("estonian", "estonia"), ("latvian", "latvia"),
    ("lithuanian", "lithuania"), ("polish", "poland"), ("german", "germany"),
    ("french", "france"), ("dutch", "netherlands"), ("finnish", "finland"),
    ("georgian", "georgia"), ("serbian", "serbia"), ("japanese", "japan"),
];

/// Agencies, units and well-known groups whose id names the state behind them.
#[rustfmt::skip]
const LINKED: &[(&[&str], &str)] = &[
    (&["gru", "fsb", "svr", "nashi", "apt28", "apt29", "apt44", "fancy_bear", "cozy_bear",
       "sandworm", "turla", "killnet", "noname057", "noname05716", "unit_26165", "unit_74455",
       "unit_29155", "gamaredon", "cyber_berkut"], "russia"),
    (&["apt10", "apt31", "apt40", "apt41", "mss", "pla", "unit_61398", "volt_typhoon",
       "salt_typhoon", "hafnium", "tianjin_huaying_haitai"], "china"),
    (&["chosun_expo", "lazarus", "lazarus_group", "rgb", "apt37", "apt38", "kimsuky",
       "bluenoroff", "andariel"], "north_korea"),
    (&["irgc", "apt33", "apt34", "apt35", "charming_kitten", "oilrig", "muddywater"], "iran"),
    (&["nsa", "cia", "uscybercom", "cybercom", "equation_group"], "usa"),
    (&["gchq", "ncsc_uk", "national_cyber_force"], "united_kingdom"),
    (&["unit_8200"], "israel"),
    (&["cert_ee"], "estonia"),
];

/// Prefixes that make the link obvious ("gru_74455", "pla_unit_61398").
const LINKED_PREFIXES: &[(&str, &str)] = &[
    ("gru_", "russia"),
    ("fsb_", "russia"),
    ("svr_", "russia"),
    ("pla_", "china"),
    ("mss_", "china"),
    ("rgb_", "north_korea"),
    ("irgc_", "iran"),
];

/// Organisations: ids and aliases, host country (Natural Earth name), headquarters, point.
type OrgRow = (
    &'static [&'static str],
    &'static str,
    &'static str,
    [f32; 2],
);

#[rustfmt::skip]
const ORGANISATIONS: &[OrgRow] = &[
    (&["nato", "nac", "north_atlantic_council", "nato_council", "nato_hq", "alliance",
       "north_atlantic_treaty_organization", "north_atlantic_treaty_organisation"],
     "Belgium", "Brussels (NATO HQ)", [4.43, 50.88]),
    (&["eu", "eu_council", "council_of_the_eu", "council_of_the_european_union",
       "european_union", "european_council", "european_commission", "eu_commission", "commission",
       "eeas", "coreper", "eu_institutions"],
     "Belgium", "Brussels", [4.38, 50.84]),
    (&["european_parliament", "ep"], "France", "Strasbourg", [7.77, 48.60]),
    (&["un", "united_nations", "un_security_council", "unsc", "security_council",
       "un_general_assembly", "unga", "general_assembly", "un_gge", "gge", "un_oewg", "oewg",
       "un_secretariat", "un_secretary_general", "unsg"],
     "United States of America", "New York (UN HQ)", [-73.97, 40.75]),
    (&["un_geneva", "itu", "unidir", "un_hrc", "human_rights_council", "wto", "who", "icrc",
       "wipo"], "Switzerland", "Geneva", [6.14, 46.20]),
    (&["osce", "iaea", "unodc", "wassenaar", "wassenaar_arrangement"], "Austria", "Vienna", [16.37, 48.21]),
    (&["council_of_europe", "coe", "echr", "ecthr", "cybercrime_convention_committee", "t_cy"],
     "France", "Strasbourg", [7.75, 48.59]),
    (&["icj", "icc", "pca", "opcw", "europol", "ec3", "eurojust"], "Netherlands", "The Hague", [4.30, 52.08]),
    (&["interpol"], "France", "Lyon", [4.85, 45.78]),
    (&["enisa"], "Greece", "Athens", [23.73, 37.98]),
    (&["ccdcoe", "nato_ccdcoe"], "Estonia", "Tallinn", [24.70, 59.43]),
    (&["oecd"], "France", "Paris", [2.27, 48.86]),
    (&["imf", "world_bank", "oas", "organization_of_american_states"],
     "United States of America", "Washington", [-77.04, 38.90]),
    (&["african_union", "au"], "Ethiopia", "Addis Ababa", [38.75, 9.03]),
    (&["asean"], "Indonesia", "Jakarta", [106.82, -6.24]),
    (&["arab_league", "league_of_arab_states"], "Egypt", "Cairo", [31.24, 30.04]),
    (&["gcc", "gulf_cooperation_council"], "Saudi Arabia", "Riyadh", [46.72, 24.71]),
    (&["sco", "shanghai_cooperation_organisation", "shanghai_cooperation_organization"],
     "China", "Beijing", [116.40, 39.90]),
    (&["csto", "eaeu", "eurasian_economic_union"], "Russia", "Moscow", [37.62, 55.76]),
    (&["cis", "commonwealth_of_independent_states"], "Belarus", "Minsk", [27.56, 53.90]),
];

/// Normalised key: lowercase, spaces/dashes to `_`, apostrophes and dots dropped,
/// no leading "the_".
fn norm(id: &str) -> String {
    let mut s = String::with_capacity(id.len());
    for c in id.trim().chars() {
        match c {
            '\'' | '.' | '’' | ',' | '(' | ')' => {}
            ' ' | '-' | '/' | '_' => {
                if !s.is_empty() && !s.ends_with('_') {
                    s.push('_');
                }
            }
            c => s.extend(c.to_lowercase()),
        }
    }
    while s.ends_with('_') {
        s.pop();
    }
    match s.strip_prefix("the_") {
        Some(rest) => rest.to_string(),
        None => s,
    }
}

fn state_row(key: &str) -> Option<&'static StateRow> {
    STATES
        .iter()
        .find(|r| r.0.contains(&key) || norm(r.1) == key)
}

fn state_place(row: &StateRow, kind: PlaceKind) -> Place {
    Place {
        country: row.1,
        city: row.2,
        point: row.3,
        kind,
    }
}

/// Where an actor sits: a state (by id, alias, English name or ISO code, any case), an
/// organisation (its headquarters), or a non-state actor whose id names its state
/// ("gru_74455", "apt10", "chosun_expo", "russian_hacktivists"). None for fictional states
/// and for groups the id does not tie to a state ("hacktivists", "ransomware_gang"); use
/// [`place_for`] with the actor's sponsor for those.
pub fn place(actor_id: &str) -> Option<Place> {
    let key = norm(actor_id);
    if key.is_empty() {
        return None;
    }
    if let Some(row) = state_row(&key) {
        return Some(state_place(row, PlaceKind::State));
    }
    if let Some(org) = ORGANISATIONS.iter().find(|o| o.0.contains(&key.as_str())) {
        return Some(Place {
            country: org.1,
            city: org.2,
            point: org.3,
            kind: PlaceKind::Organisation,
        });
    }
    linked(&key)
}

/// [`place`], falling back to the sponsor's place for a proxy or criminal group
/// (`Actor::sponsor` in the scenario). A sponsor's place is marked [`PlaceKind::Linked`].
pub fn place_for(actor_id: &str, sponsor: Option<&str>) -> Option<Place> {
    place(actor_id).or_else(|| {
        let p = place(sponsor?)?;
        (p.kind != PlaceKind::Organisation).then_some(Place {
            kind: PlaceKind::Linked,
            ..p
        })
    })
}

fn linked(key: &str) -> Option<Place> {
    let as_linked = |state: &str| state_row(state).map(|r| state_place(r, PlaceKind::Linked));
    if let Some((_, state)) = LINKED.iter().find(|(ids, _)| ids.contains(&key)) {
        return as_linked(state);
    }
    if let Some((_, state)) = LINKED_PREFIXES.iter().find(|(p, _)| key.starts_with(p)) {
        return as_linked(state);
    }
    // A demonym or a full state name (not a 2-3 letter code) among the id's words.
    let words: Vec<&str> = key.split('_').collect();
    for len in (1..=3).rev() {
        for w in words.windows(len) {
            let phrase = w.join("_");
            if let Some((_, state)) = DEMONYMS.iter().find(|(d, _)| *d == phrase) {
                return as_linked(state);
            }
            if phrase.len() >= 4
                && let Some(row) = state_row(&phrase)
            {
                return Some(state_place(row, PlaceKind::Linked));
            }
        }
    }
    None
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

    #[test]
    fn estonia_sits_in_estonia() {
        let atlas = atlas();
        let p = place("estonia").unwrap();
        assert_eq!(p.kind, PlaceKind::State);
        let b = atlas.country_of(&p).unwrap().bounds();
        assert!(b.contains(p.point[0], p.point[1]), "{p:?} outside {b:?}");
    }

    #[test]
    fn every_capital_is_in_or_next_to_its_country() {
        let atlas = atlas();
        for row in STATES {
            let p = state_place(row, PlaceKind::State);
            match atlas.country_of(&p) {
                Some(c) => {
                    let b = c.bounds();
                    let near = Bounds {
                        west: b.west - 1.0,
                        south: b.south - 1.0,
                        east: b.east + 1.0,
                        north: b.north + 1.0,
                    };
                    assert!(
                        near.contains(p.point[0], p.point[1]),
                        "{} at {:?} outside {b:?}",
                        p.city,
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
        for org in ORGANISATIONS {
            assert!(atlas.country(org.1).is_some(), "{}", org.1);
        }
    }

    #[test]
    fn every_key_means_one_thing() {
        let mut seen = std::collections::HashMap::new();
        let keys = STATES
            .iter()
            .flat_map(|r| r.0.iter().map(move |k| (*k, r.1)))
            .chain(
                ORGANISATIONS
                    .iter()
                    .flat_map(|o| o.0.iter().map(move |k| (*k, o.2))),
            )
            .chain(
                LINKED
                    .iter()
                    .flat_map(|l| l.0.iter().map(move |k| (*k, l.1))),
            );
        for (k, what) in keys {
            assert_eq!(norm(k), k, "key {k:?} is not normalised");
            if let Some(other) = seen.insert(k, what) {
                panic!("{k:?} means both {other} and {what}");
            }
        }
    }

    #[test]
    fn aliases_and_names() {
        let london = place("united_kingdom").unwrap();
        for id in [
            "uk",
            "UK",
            "gbr",
            "United Kingdom",
            "great-britain",
            "the_united_kingdom",
        ] {
            assert_eq!(place(id), Some(london), "{id}");
        }
        let usa = place("usa").unwrap();
        for id in ["us", "united_states", "United States of America", "america"] {
            assert_eq!(place(id), Some(usa), "{id}");
        }
        assert_eq!(place("Russian Federation").unwrap().country, "Russia");
        assert_eq!(place("north_macedonia").unwrap().country, "Macedonia");
        assert_eq!(place("Bosnia and Herz.").unwrap().city, "Sarajevo");
        assert_eq!(place("nato").unwrap().kind, PlaceKind::Organisation);
        assert_eq!(place("gru_74455").unwrap().country, "Russia");
        assert_eq!(place("gru_74455").unwrap().kind, PlaceKind::Linked);
        assert_eq!(place("apt10").unwrap().country, "China");
        assert_eq!(place("russian_hacktivists").unwrap().country, "Russia");
        assert_eq!(
            place("north_korean_hackers").unwrap().country,
            "North Korea"
        );
        for id in [
            "hacktivists",
            "botnet_operators",
            "ransomware_gang",
            "grey_lynx",
            "",
            "  ",
        ] {
            assert_eq!(place(id), None, "{id:?}");
        }
        assert_eq!(
            place_for("botnet_operators", Some("russia")).unwrap().kind,
            PlaceKind::Linked
        );
        assert_eq!(place_for("grey_lynx", Some("meridia")), None);
        assert_eq!(place_for("x", Some("nato")), None);
        // The EU members, NATO allies and P5 an instructor is likely to type.
        for id in [
            "austria",
            "belgium",
            "bulgaria",
            "croatia",
            "cyprus",
            "czechia",
            "denmark",
            "estonia",
            "finland",
            "france",
            "germany",
            "greece",
            "hungary",
            "ireland",
            "italy",
            "latvia",
            "lithuania",
            "luxembourg",
            "malta",
            "netherlands",
            "poland",
            "portugal",
            "romania",
            "slovakia",
            "slovenia",
            "spain",
            "sweden",
            "albania",
            "canada",
            "iceland",
            "montenegro",
            "north_macedonia",
            "norway",
            "turkey",
            "uk",
            "usa",
            "russia",
            "china",
            "ukraine",
            "georgia",
            "iran",
            "north_korea",
            "israel",
            "japan",
            "australia",
            "india",
            "eu",
            "un",
            "osce",
        ] {
            assert!(place(id).is_some(), "{id}");
        }
    }

    /// One actor or institution of a scenario file: (id, kind, sponsor).
    type Entry = (String, String, Option<String>);

    /// Actors (with kind and sponsor) and institutions (kind "Institution") of a scenario,
    /// read from the RON text by its layout: top-level `actors: [` and `institutions: [`
    /// lists whose entries carry `id:`, `kind:`, `sponsor:` at one indentation.
    fn scenario_entries(text: &str) -> Vec<Entry> {
        let mut out: Vec<Entry> = Vec::new();
        let mut section = "";
        let mut field_indent = None;
        for line in text.lines() {
            let indent = line.len() - line.trim_start().len();
            let t = line.trim();
            if indent == 4 && t.contains(':') && !t.starts_with("//") {
                section = if t.starts_with("actors:") {
                    "actors"
                } else if t.starts_with("institutions:") {
                    "institutions"
                } else {
                    ""
                };
                field_indent = None;
                continue;
            }
            if section.is_empty() {
                continue;
            }
            let quoted = |s: &str| s.split('"').nth(1).map(str::to_string);
            if let Some(rest) = t.strip_prefix("id:") {
                if field_indent.is_none() {
                    field_indent = Some(indent);
                }
                if Some(indent) == field_indent {
                    let kind = if section == "institutions" {
                        "Institution"
                    } else {
                        ""
                    };
                    out.push((quoted(rest).unwrap(), kind.to_string(), None));
                }
            } else if Some(indent) == field_indent {
                if let (Some(rest), Some(last)) = (t.strip_prefix("kind:"), out.last_mut()) {
                    last.1 = rest.trim().trim_end_matches(',').to_string();
                } else if let (Some(rest), Some(last)) =
                    (t.strip_prefix("sponsor:"), out.last_mut())
                {
                    last.2 = quoted(rest);
                }
            }
        }
        out
    }

    #[test]
    fn every_real_actor_of_the_scenarios_has_a_place() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
        let mut files = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().and_then(|e| e.to_str()) != Some("ron") {
                continue;
            }
            files += 1;
            let text = std::fs::read_to_string(&path).unwrap();
            let entries = scenario_entries(&text);
            let name = path.display();
            assert!(
                entries.iter().filter(|e| e.1 == "State").count() >= 3,
                "{name}: {entries:?}"
            );
            assert!(
                entries.iter().any(|e| e.1 == "Institution"),
                "{name}: {entries:?}"
            );
            for (id, kind, sponsor) in &entries {
                let fictional = FICTIONAL.contains(&id.as_str());
                match kind.as_str() {
                    "State" if fictional => assert_eq!(place(id), None, "{name}: fictional {id}"),
                    "State" => {
                        assert_eq!(
                            place(id).map(|p| p.kind),
                            Some(PlaceKind::State),
                            "{name}: {id}"
                        )
                    }
                    "Institution" => assert_eq!(
                        place(id).map(|p| p.kind),
                        Some(PlaceKind::Organisation),
                        "{name}: {id}"
                    ),
                    _ => {
                        // Proxies and criminal groups: placed with a real sponsor, never on a
                        // fictional one.
                        let s = sponsor.as_deref();
                        match s {
                            Some(s) if FICTIONAL.contains(&s) => {
                                assert_eq!(place_for(id, Some(s)), None, "{name}: {id} ({s})")
                            }
                            Some(s) => {
                                assert!(place_for(id, Some(s)).is_some(), "{name}: {id} ({s})")
                            }
                            None => {}
                        }
                    }
                }
            }
        }
        assert!(files >= 3, "found {files} scenarios in {}", dir.display());
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
        let ee = place("estonia").unwrap().point;
        let ru = place("russia").unwrap().point;
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
        let europe: Vec<[f32; 2]> = ["france", "germany", "netherlands", "russia", "estonia"]
            .iter()
            .map(|id| place(id).unwrap().point)
            .collect();
        let f = frame(&europe);
        assert!(f.west > -30.0 && f.east < 70.0 && f.south > 20.0, "{f:?}");
        for p in &europe {
            assert!(f.contains(p[0], p[1]));
        }

        // Across the globe: everything in view, never past the world's edges.
        let wide: Vec<[f32; 2]> = ["usa", "japan", "australia", "estonia"]
            .iter()
            .map(|id| place(id).unwrap().point)
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
        let path = great_circle(
            place("japan").unwrap().point,
            place("usa").unwrap().point,
            32,
        );
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
