//! Where actors are on the map, as a scenario says it: a state by its ISO 3166-1 alpha-2
//! code (shown at its capital), an institution or agency by its seat. The map draws only what
//! the scenario says; fictional states say nothing and are drawn as a diagram.

use serde::{Deserialize, Serialize};

use crate::i18n::{Arg, Phrase};

/// Where an actor is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Place {
    /// A state, by its ISO 3166-1 alpha-2 code (`Country("EE")`): its territory and capital.
    Country(String),
    /// A seat or headquarters: its name, the host state's code, and where it is in degrees
    /// (`Seat(name: "Brussels (NATO HQ)", country: "BE", lon: 4.43, lat: 50.88)`).
    Seat {
        name: String,
        country: String,
        lon: f32,
        lat: f32,
    },
}

/// A state the map knows: its code, its name in the Natural Earth outlines, its capital (or
/// seat of government) and where that is, (lon, lat) in degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Country {
    pub code: &'static str,
    pub name: &'static str,
    pub capital: &'static str,
    pub point: [f32; 2],
}

/// The state with ISO code `code` (any case), if the map knows it.
pub fn country(code: &str) -> Option<&'static Country> {
    COUNTRIES.iter().find(|c| c.code.eq_ignore_ascii_case(code))
}

impl Place {
    /// Why this place is not on the map, if it is not.
    pub fn problem(&self) -> Option<Phrase> {
        let unknown = |code: &str| {
            country(code).is_none().then(|| {
                crate::say!(
                    "\"{0}\" is not a country code the map knows (ISO 3166-1 alpha-2, e.g. \"EE\" for Estonia)",
                    Arg::id(code)
                )
            })
        };
        match self {
            Place::Country(code) => unknown(code),
            Place::Seat {
                country, lon, lat, ..
            } => unknown(country).or_else(|| {
                (!(-180.0..=180.0).contains(lon) || !(-90.0..=90.0).contains(lat)).then(|| {
                    crate::say!(
                        "lon {0}, lat {1} is not a point on Earth",
                        Arg::id(lon.to_string()),
                        Arg::id(lat.to_string())
                    )
                })
            }),
        }
    }
}

/// Every state the map knows (the Natural Earth name is the outline's).
#[rustfmt::skip]
pub const COUNTRIES: &[Country] = &[
    Country { code: "AT", name: "Austria", capital: "Vienna", point: [16.37, 48.21] },
    Country { code: "BE", name: "Belgium", capital: "Brussels", point: [4.35, 50.85] },
    Country { code: "BG", name: "Bulgaria", capital: "Sofia", point: [23.32, 42.70] },
    Country { code: "HR", name: "Croatia", capital: "Zagreb", point: [15.98, 45.81] },
    Country { code: "CY", name: "Cyprus", capital: "Nicosia", point: [33.36, 35.17] },
    Country { code: "CZ", name: "Czechia", capital: "Prague", point: [14.42, 50.08] },
    Country { code: "DK", name: "Denmark", capital: "Copenhagen", point: [12.57, 55.68] },
    Country { code: "EE", name: "Estonia", capital: "Tallinn", point: [24.75, 59.44] },
    Country { code: "FI", name: "Finland", capital: "Helsinki", point: [24.94, 60.17] },
    Country { code: "FR", name: "France", capital: "Paris", point: [2.35, 48.86] },
    Country { code: "DE", name: "Germany", capital: "Berlin", point: [13.40, 52.52] },
    Country { code: "GR", name: "Greece", capital: "Athens", point: [23.73, 37.98] },
    Country { code: "HU", name: "Hungary", capital: "Budapest", point: [19.04, 47.50] },
    Country { code: "IE", name: "Ireland", capital: "Dublin", point: [-6.26, 53.35] },
    Country { code: "IT", name: "Italy", capital: "Rome", point: [12.50, 41.90] },
    Country { code: "LV", name: "Latvia", capital: "Riga", point: [24.11, 56.95] },
    Country { code: "LT", name: "Lithuania", capital: "Vilnius", point: [25.28, 54.69] },
    Country { code: "LU", name: "Luxembourg", capital: "Luxembourg", point: [6.13, 49.61] },
    Country { code: "MT", name: "Malta", capital: "Valletta", point: [14.51, 35.90] },
    Country { code: "NL", name: "Netherlands", capital: "The Hague", point: [4.30, 52.08] },
    Country { code: "PL", name: "Poland", capital: "Warsaw", point: [21.01, 52.23] },
    Country { code: "PT", name: "Portugal", capital: "Lisbon", point: [-9.14, 38.72] },
    Country { code: "RO", name: "Romania", capital: "Bucharest", point: [26.10, 44.43] },
    Country { code: "SK", name: "Slovakia", capital: "Bratislava", point: [17.11, 48.15] },
    Country { code: "SI", name: "Slovenia", capital: "Ljubljana", point: [14.51, 46.06] },
    Country { code: "ES", name: "Spain", capital: "Madrid", point: [-3.70, 40.42] },
    Country { code: "SE", name: "Sweden", capital: "Stockholm", point: [18.07, 59.33] },
    Country { code: "AL", name: "Albania", capital: "Tirana", point: [19.82, 41.33] },
    Country { code: "CA", name: "Canada", capital: "Ottawa", point: [-75.70, 45.42] },
    Country { code: "IS", name: "Iceland", capital: "Reykjavik", point: [-21.94, 64.15] },
    Country { code: "ME", name: "Montenegro", capital: "Podgorica", point: [19.26, 42.44] },
    Country { code: "MK", name: "Macedonia", capital: "Skopje", point: [21.43, 42.00] },
    Country { code: "NO", name: "Norway", capital: "Oslo", point: [10.75, 59.91] },
    Country { code: "TR", name: "Turkey", capital: "Ankara", point: [32.85, 39.93] },
    Country { code: "GB", name: "United Kingdom", capital: "London", point: [-0.13, 51.51] },
    Country { code: "US", name: "United States of America", capital: "Washington", point: [-77.04, 38.91] },
    Country { code: "RU", name: "Russia", capital: "Moscow", point: [37.62, 55.76] },
    Country { code: "CN", name: "China", capital: "Beijing", point: [116.40, 39.90] },
    Country { code: "UA", name: "Ukraine", capital: "Kyiv", point: [30.52, 50.45] },
    Country { code: "BY", name: "Belarus", capital: "Minsk", point: [27.56, 53.90] },
    Country { code: "MD", name: "Moldova", capital: "Chisinau", point: [28.86, 47.01] },
    Country { code: "GE", name: "Georgia", capital: "Tbilisi", point: [44.79, 41.72] },
    Country { code: "AM", name: "Armenia", capital: "Yerevan", point: [44.51, 40.18] },
    Country { code: "AZ", name: "Azerbaijan", capital: "Baku", point: [49.87, 40.41] },
    Country { code: "RS", name: "Serbia", capital: "Belgrade", point: [20.46, 44.79] },
    Country { code: "XK", name: "Kosovo", capital: "Pristina", point: [21.17, 42.66] },
    Country { code: "BA", name: "Bosnia and Herz.", capital: "Sarajevo", point: [18.41, 43.86] },
    Country { code: "CH", name: "Switzerland", capital: "Bern", point: [7.45, 46.95] },
    Country { code: "LI", name: "Liechtenstein", capital: "Vaduz", point: [9.52, 47.14] },
    Country { code: "AD", name: "Andorra", capital: "Andorra la Vella", point: [1.52, 42.51] },
    Country { code: "MC", name: "Monaco", capital: "Monaco", point: [7.42, 43.74] },
    Country { code: "SM", name: "San Marino", capital: "San Marino", point: [12.45, 43.94] },
    Country { code: "VA", name: "Vatican", capital: "Vatican City", point: [12.45, 41.90] },
    Country { code: "KZ", name: "Kazakhstan", capital: "Astana", point: [71.43, 51.13] },
    Country { code: "UZ", name: "Uzbekistan", capital: "Tashkent", point: [69.24, 41.30] },
    Country { code: "KG", name: "Kyrgyzstan", capital: "Bishkek", point: [74.59, 42.87] },
    Country { code: "TJ", name: "Tajikistan", capital: "Dushanbe", point: [68.78, 38.56] },
    Country { code: "TM", name: "Turkmenistan", capital: "Ashgabat", point: [58.38, 37.95] },
    Country { code: "GL", name: "Greenland", capital: "Nuuk", point: [-51.73, 64.18] },
    Country { code: "KP", name: "North Korea", capital: "Pyongyang", point: [125.75, 39.02] },
    Country { code: "KR", name: "South Korea", capital: "Seoul", point: [126.98, 37.57] },
    Country { code: "JP", name: "Japan", capital: "Tokyo", point: [139.69, 35.69] },
    Country { code: "TW", name: "Taiwan", capital: "Taipei", point: [121.56, 25.03] },
    Country { code: "MN", name: "Mongolia", capital: "Ulaanbaatar", point: [106.92, 47.92] },
    Country { code: "IN", name: "India", capital: "New Delhi", point: [77.21, 28.61] },
    Country { code: "PK", name: "Pakistan", capital: "Islamabad", point: [73.05, 33.68] },
    Country { code: "AF", name: "Afghanistan", capital: "Kabul", point: [69.21, 34.56] },
    Country { code: "BD", name: "Bangladesh", capital: "Dhaka", point: [90.41, 23.81] },
    Country { code: "LK", name: "Sri Lanka", capital: "Sri Jayawardenepura Kotte", point: [79.89, 6.89] },
    Country { code: "NP", name: "Nepal", capital: "Kathmandu", point: [85.32, 27.72] },
    Country { code: "MM", name: "Myanmar", capital: "Naypyidaw", point: [96.13, 19.75] },
    Country { code: "TH", name: "Thailand", capital: "Bangkok", point: [100.50, 13.76] },
    Country { code: "VN", name: "Vietnam", capital: "Hanoi", point: [105.85, 21.03] },
    Country { code: "KH", name: "Cambodia", capital: "Phnom Penh", point: [104.92, 11.56] },
    Country { code: "LA", name: "Laos", capital: "Vientiane", point: [102.63, 17.97] },
    Country { code: "MY", name: "Malaysia", capital: "Kuala Lumpur", point: [101.69, 3.139] },
    Country { code: "SG", name: "Singapore", capital: "Singapore", point: [103.82, 1.35] },
    Country { code: "ID", name: "Indonesia", capital: "Jakarta", point: [106.85, -6.21] },
    Country { code: "PH", name: "Philippines", capital: "Manila", point: [120.98, 14.60] },
    Country { code: "AU", name: "Australia", capital: "Canberra", point: [149.13, -35.28] },
    Country { code: "NZ", name: "New Zealand", capital: "Wellington", point: [174.78, -41.29] },
    Country { code: "IR", name: "Iran", capital: "Tehran", point: [51.39, 35.69] },
    Country { code: "IL", name: "Israel", capital: "Jerusalem", point: [35.21, 31.77] },
    Country { code: "PS", name: "Palestine", capital: "Ramallah", point: [35.20, 31.90] },
    Country { code: "SA", name: "Saudi Arabia", capital: "Riyadh", point: [46.72, 24.71] },
    Country { code: "AE", name: "United Arab Emirates", capital: "Abu Dhabi", point: [54.37, 24.45] },
    Country { code: "QA", name: "Qatar", capital: "Doha", point: [51.53, 25.29] },
    Country { code: "BH", name: "Bahrain", capital: "Manama", point: [50.59, 26.23] },
    Country { code: "KW", name: "Kuwait", capital: "Kuwait City", point: [47.98, 29.38] },
    Country { code: "OM", name: "Oman", capital: "Muscat", point: [58.41, 23.59] },
    Country { code: "YE", name: "Yemen", capital: "Sanaa", point: [44.21, 15.35] },
    Country { code: "IQ", name: "Iraq", capital: "Baghdad", point: [44.36, 33.31] },
    Country { code: "SY", name: "Syria", capital: "Damascus", point: [36.28, 33.51] },
    Country { code: "LB", name: "Lebanon", capital: "Beirut", point: [35.50, 33.89] },
    Country { code: "JO", name: "Jordan", capital: "Amman", point: [35.93, 31.95] },
    Country { code: "EG", name: "Egypt", capital: "Cairo", point: [31.24, 30.04] },
    Country { code: "LY", name: "Libya", capital: "Tripoli", point: [13.19, 32.89] },
    Country { code: "TN", name: "Tunisia", capital: "Tunis", point: [10.18, 36.81] },
    Country { code: "DZ", name: "Algeria", capital: "Algiers", point: [3.06, 36.75] },
    Country { code: "MA", name: "Morocco", capital: "Rabat", point: [-6.84, 34.02] },
    Country { code: "NG", name: "Nigeria", capital: "Abuja", point: [7.49, 9.08] },
    Country { code: "GH", name: "Ghana", capital: "Accra", point: [-0.19, 5.60] },
    Country { code: "ET", name: "Ethiopia", capital: "Addis Ababa", point: [38.75, 9.03] },
    Country { code: "KE", name: "Kenya", capital: "Nairobi", point: [36.82, -1.29] },
    Country { code: "SD", name: "Sudan", capital: "Khartoum", point: [32.53, 15.50] },
    Country { code: "SO", name: "Somalia", capital: "Mogadishu", point: [45.32, 2.05] },
    Country { code: "ZA", name: "South Africa", capital: "Pretoria", point: [28.19, -25.75] },
    Country { code: "MX", name: "Mexico", capital: "Mexico City", point: [-99.13, 19.43] },
    Country { code: "CU", name: "Cuba", capital: "Havana", point: [-82.37, 23.11] },
    Country { code: "CO", name: "Colombia", capital: "Bogota", point: [-74.07, 4.71] },
    Country { code: "VE", name: "Venezuela", capital: "Caracas", point: [-66.90, 10.49] },
    Country { code: "BR", name: "Brazil", capital: "Brasilia", point: [-47.88, -15.79] },
    Country { code: "PE", name: "Peru", capital: "Lima", point: [-77.04, -12.05] },
    Country { code: "CL", name: "Chile", capital: "Santiago", point: [-70.67, -33.45] },
    Country { code: "AR", name: "Argentina", capital: "Buenos Aires", point: [-58.38, -34.60] },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_places_are_checked() {
        for (i, c) in COUNTRIES.iter().enumerate() {
            assert_eq!(c.code.len(), 2, "{c:?}");
            assert!(COUNTRIES[i + 1..].iter().all(|d| d.code != c.code), "{c:?}");
        }
        assert_eq!(country("ee").map(|c| c.capital), Some("Tallinn"));
        assert!(Place::Country("EE".into()).problem().is_none());
        assert!(Place::Country("XX".into()).problem().is_some());
        let seat = |lon, lat| Place::Seat {
            name: "HQ".into(),
            country: "BE".into(),
            lon,
            lat,
        };
        assert!(seat(4.4, 50.9).problem().is_none());
        assert!(seat(400.0, 50.9).problem().is_some());
    }
}
