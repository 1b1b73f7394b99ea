//! The words. Each language is one data file in `assets/lang/` (`en.ron`, `ar.ron`): a table
//! from the English text the code writes (the key) to that language's text. English needs no
//! table. Every string the client shows and every sentence the engine records goes through
//! one lookup, [`Lang::t_any`]. Scenario texts carry their own languages (`Text`, keyed by
//! language code). The engine records [`Phrase`]s (a pattern and its arguments) and each
//! language renders them, in the client, the report and the command line.
//!
//! Adding a language is a data file here, its name in [`SHIPPED`] and, for a script the
//! interface's font lacks, the font named in the file (the client embeds it by that name).

use std::collections::HashMap;
use std::sync::{OnceLock, RwLock};

use bevy::prelude::Resource;
use serde::Deserialize;

mod phrase;
pub mod terms;

pub use phrase::{Arg, Phrase};

/// The languages the program ships, English first (the language of the code and of every
/// key).
pub const SHIPPED: &[&str] = &[
    include_str!("../../assets/lang/en.ron"),
    include_str!("../../assets/lang/ar.ron"),
];

/// A language of the interface and the engine: an index into the languages loaded.
#[derive(Resource, Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Lang(u16);

impl Default for Lang {
    fn default() -> Self {
        Lang::EN
    }
}

/// A language as its data file gives it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Language {
    /// The code scenario texts and the command line use (`en`, `ar`).
    code: String,
    /// The language's name in itself, for the language switch.
    name: String,
    direction: Direction,
    /// The font (in `assets/fonts/`) the interface needs for this language's script.
    #[serde(default)]
    font: Option<String>,
    texts: Texts,
}

#[derive(Deserialize, PartialEq)]
enum Direction {
    LeftToRight,
    RightToLeft,
}

/// A language's table; a key written twice is an error, not a silent override.
struct Texts(HashMap<String, String>);

impl<'de> Deserialize<'de> for Texts {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Texts;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map from English text to its translation")
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(self, mut m: M) -> Result<Texts, M::Error> {
                let mut out = HashMap::new();
                while let Some((k, v)) = m.next_entry::<String, String>()? {
                    if out.contains_key(&k) {
                        return Err(serde::de::Error::custom(format!("\"{k}\" is given twice")));
                    }
                    out.insert(k, v);
                }
                Ok(Texts(out))
            }
        }
        d.deserialize_map(Visit)
    }
}

/// Every language loaded: the shipped ones, then any added while running (a test's).
fn languages() -> &'static RwLock<Vec<&'static Language>> {
    static ALL: OnceLock<RwLock<Vec<&'static Language>>> = OnceLock::new();
    ALL.get_or_init(|| {
        let shipped = SHIPPED
            .iter()
            .map(|source| match read(source) {
                Ok(l) => &*Box::leak(Box::new(l)),
                // A test reads every shipped file, so this cannot ship.
                Err(e) => panic!("a shipped language file does not read: {e}"),
            })
            .collect();
        RwLock::new(shipped)
    })
}

fn read(source: &str) -> Result<Language, String> {
    let l: Language = ron::from_str(source).map_err(|e| e.to_string())?;
    if l.code.is_empty() || !l.code.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
        return Err(format!(
            "\"{}\" is not a language code (lower-case letters)",
            l.code
        ));
    }
    Ok(l)
}

/// Paragraph 13's items as English writes them; a language's table letters them its own
/// way (Arabic: 13(أ) … 13(ك), as the UN's Arabic text of A/70/174 does).
const PARAGRAPH_13: [&str; 11] = [
    "13a", "13b", "13c", "13d", "13e", "13f", "13g", "13h", "13i", "13j", "13k",
];

/// A UTC date and time, `2026-12-03 22:40 UTC`, from milliseconds since the Unix epoch
/// (the civil-from-days arithmetic of Howard Hinnant's date algorithms: a few lines, where a
/// date crate would add a dependency to the browser build for one format).
pub fn utc_date(ms: u64) -> String {
    let secs = ms / 1000;
    let days = (secs / 86_400) as i64;
    let (h, m) = ((secs % 86_400) / 3600, (secs % 3600) / 60);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{d:02} {h:02}:{m:02} UTC")
}

#[cfg(test)]
mod date_tests {
    #[test]
    fn dates_are_utc_calendar_dates() {
        assert_eq!(super::utc_date(0), "1970-01-01 00:00 UTC");
        assert_eq!(super::utc_date(951_782_400_000), "2000-02-29 00:00 UTC");
        assert_eq!(super::utc_date(1_796_338_800_000), "2026-12-03 23:00 UTC");
    }
}

impl Lang {
    /// English: the language of the code, whose text is the key.
    pub const EN: Lang = Lang(0);
    /// Arabic, the second shipped language (a test checks the file says so).
    pub const AR: Lang = Lang(1);

    /// Every language loaded, English first.
    pub fn all() -> Vec<Lang> {
        let n = languages().read().map(|l| l.len()).unwrap_or(1);
        (0..n as u16).map(Lang).collect()
    }

    /// The language of a code (`"en"`, `"ar"`).
    pub fn parse(code: &str) -> Option<Lang> {
        let all = languages().read().ok()?;
        all.iter()
            .position(|l| l.code == code)
            .map(|i| Lang(i as u16))
    }

    /// Adds a language from the text of its data file, for the rest of the program's run (a
    /// test's generated language). A code already loaded is refused.
    pub fn load(source: &str) -> Result<Lang, String> {
        let language = read(source)?;
        let mut all = languages().write().map_err(|e| e.to_string())?;
        if all.iter().any(|l| l.code == language.code) {
            return Err(format!(
                "the language \"{}\" is already loaded",
                language.code
            ));
        }
        all.push(Box::leak(Box::new(language)));
        Ok(Lang(all.len() as u16 - 1))
    }

    fn language(self) -> &'static Language {
        let all = languages().read().unwrap_or_else(|e| e.into_inner());
        all.get(self.0 as usize).copied().unwrap_or(all[0])
    }

    /// The code scenario texts use.
    pub fn code(self) -> &'static str {
        &self.language().code
    }

    pub fn rtl(self) -> bool {
        self.language().direction == Direction::RightToLeft
    }

    /// The language's name in itself (for the language switch).
    pub fn native_name(self) -> &'static str {
        &self.language().name
    }

    /// The font file its script needs beyond the interface's own, if any.
    pub fn font(self) -> Option<&'static str> {
        self.language().font.as_deref()
    }

    /// The text of a key in this language (the key itself, which is English, if the table
    /// lacks it; a test rules that out for every key the client and the engine use).
    pub fn t(self, key: &'static str) -> &'static str {
        self.t_any(key)
    }

    /// A translated pattern with `{0}`, `{1}`… filled in.
    pub fn f(self, key: &'static str, args: &[&str]) -> String {
        phrase::fill(self.t(key), |i| args.get(i).map(|a| a.to_string()))
    }

    /// Names in a list, with the language's comma ("Amira, Omar"; "أميرة، عمر").
    pub fn list(self, items: &[String]) -> String {
        items.join(self.comma())
    }

    /// The text of any key (a key that came over the network is not `'static`); the key
    /// itself if the table lacks it.
    pub fn t_any(self, key: &str) -> &str {
        self.language().texts.0.get(key).map_or(key, |s| s.as_str())
    }

    /// Whether this language's table has a key (English has every key: its text is the key).
    pub fn has(self, key: &str) -> bool {
        self == Lang::EN || self.language().texts.0.contains_key(key)
    }

    /// Every key of this language's table.
    pub fn keys(self) -> Vec<&'static str> {
        self.language().texts.0.keys().map(|k| k.as_str()).collect()
    }

    /// Paragraph 13's item `i` (0 is "13a"; in Arabic "13(أ)", as the UN's Arabic text
    /// letters it).
    pub fn paragraph_13(self, i: u8) -> &'static str {
        PARAGRAPH_13.get(i as usize).map_or("", |k| self.t(k))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::phrase::fill;

    /// Every shipped file reads; English comes first and has no table (its keys are its
    /// text); every other language translates the same keys with the same slots, in its own
    /// script.
    #[test]
    fn every_shipped_language_reads_and_keeps_the_slots() {
        let all = Lang::all();
        assert!(all.len() >= SHIPPED.len());
        assert_eq!((Lang::EN.code(), Lang::AR.code()), ("en", "ar"));
        assert!(Lang::EN.keys().is_empty());
        assert!(Lang::AR.rtl() && !Lang::EN.rtl());
        for l in &all[1..SHIPPED.len()] {
            let keys = l.keys();
            assert!(keys.len() > 700, "{}: {} keys", l.code(), keys.len());
            for k in keys {
                let text = l.t_any(k);
                assert!(!text.trim().is_empty() || k.trim().is_empty(), "{k}: empty");
                assert_eq!(slots(k), slots(text), "{}: slots differ: {k}", l.code());
            }
        }
        // Arabic is Arabic wherever the English has words.
        for k in Lang::AR.keys() {
            let ar = Lang::AR.t_any(k);
            let words = fill(k, |_| Some(String::new()));
            if words.chars().any(|c| c.is_ascii_alphabetic()) {
                assert!(
                    ar.chars().any(|c| ('\u{600}'..='\u{6ff}').contains(&c)),
                    "not Arabic: {k} → {ar}"
                );
            }
        }
    }

    /// A key written twice in a language file is an error, not a silent override; a file
    /// with a bad code or an unknown field does not load.
    #[test]
    fn a_language_file_with_a_doubled_key_does_not_load() {
        let doubled = r#"(code: "zz", name: "Z", direction: LeftToRight,
            texts: {"Orders": "a", "Orders": "b"})"#;
        assert!(Lang::load(doubled).unwrap_err().contains("twice"));
        let bad_code = r#"(code: "Z Z", name: "Z", direction: LeftToRight, texts: {})"#;
        assert!(Lang::load(bad_code).is_err());
        assert!(
            Lang::load(SHIPPED[1])
                .unwrap_err()
                .contains("already loaded")
        );
    }

    /// A language added as a data file, generated here from the keys the Arabic table has,
    /// needs no change to the code: it parses, the interface's words and the engine's
    /// phrases render in it, and a scenario text it lacks falls back to English.
    #[test]
    fn a_generated_language_works_without_code() {
        let mut file =
            String::from("(code: \"xx\", name: \"Test\", direction: LeftToRight, texts: {\n");
        for k in Lang::AR.keys() {
            // The test language brackets every text: ⟦Orders⟧.
            let quoted = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
            file.push_str(&format!("\"{}\": \"⟦{}⟧\",\n", quoted(k), quoted(k)));
        }
        file.push_str("})");
        let xx = Lang::load(&file).expect("the generated file loads");
        assert_eq!(Lang::parse("xx"), Some(xx));
        assert!(Lang::all().contains(&xx));
        assert_eq!(
            (xx.code(), xx.native_name(), xx.rtl()),
            ("xx", "Test", false)
        );
        assert_eq!(xx.t("Orders"), "⟦Orders⟧");
        assert_eq!(xx.paragraph_13(1), "⟦13b⟧");
        let name = crate::scenario::Text::new("Estonia").with("ar", "إستونيا");
        let p = crate::say!("{0} hardens its networks", &name);
        assert_eq!(xx.say(&p), "⟦Estonia hardens its networks⟧");
        let named = crate::scenario::Text::new("Estonia").with("xx", "Estland");
        assert_eq!(
            xx.say(&crate::say!("{0} hardens its networks", &named)),
            "⟦Estland hardens its networks⟧"
        );
        assert_eq!(
            xx.say(&crate::say!("jointly with {0}", Arg::list([1, 2]))),
            "⟦jointly with 1⟦, ⟧2⟧"
        );
    }

    /// Every Rust source file under `src/DIR` (the whole tree for ""), with its path from
    /// `src/`: the checks below read the code as it is, not a list kept by hand.
    fn sources(dir: &str) -> Vec<(String, String)> {
        fn walk(root: &std::path::Path, at: &std::path::Path, out: &mut Vec<(String, String)>) {
            let mut entries: Vec<_> = std::fs::read_dir(at)
                .expect("the source tree")
                .map(|e| e.expect("an entry").path())
                .collect();
            entries.sort();
            for path in entries {
                if path.is_dir() {
                    walk(root, &path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let name = path
                        .strip_prefix(root)
                        .unwrap_or(&path)
                        .display()
                        .to_string();
                    out.push((name, std::fs::read_to_string(&path).expect("a source file")));
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut out = Vec::new();
        walk(&root, &root.join(dir), &mut out);
        assert!(!out.is_empty(), "no sources under src/{dir}");
        out
    }

    /// The string literal right after each `marker` in code (comments left out), with its
    /// escapes read (refusals quote ids: `"unknown seat \"{0}\""`).
    fn literals_after(src: &str, marker: &str) -> Vec<String> {
        let src = src.split("#[cfg(test)]").next().unwrap_or(src);
        let code: String = src
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        code.split(marker)
            .skip(1)
            .filter_map(|part| {
                let mut chars = part.trim_start().strip_prefix('"')?.chars().peekable();
                let mut literal = String::new();
                loop {
                    match chars.next()? {
                        '"' => return Some(literal),
                        '\\' => match chars.next()? {
                            'n' => literal.push('\n'),
                            // A line continuation: the next line's indent is not text.
                            '\n' => while chars.next_if(|c| c.is_whitespace()).is_some() {},
                            c => literal.push(c),
                        },
                        c => literal.push(c),
                    }
                }
            })
            .collect()
    }

    fn slots(s: &str) -> Vec<usize> {
        let mut v: Vec<usize> = (0..8).filter(|i| s.contains(&format!("{{{i}}}"))).collect();
        v.dedup();
        v
    }

    /// Every pattern the engine, the report and the screens' phrases use, and every law it
    /// cites, has Arabic with the same slots: Arabic mode never shows an English sentence.
    #[test]
    fn every_phrase_and_law_the_engine_writes_has_arabic() {
        let mut keys = Vec::new();
        for (file, src) in sources("") {
            for marker in ["say!(", "l.t(", "l.f("] {
                for k in literals_after(&src, marker) {
                    keys.push((file.clone(), k));
                }
            }
        }
        // The stakes table's conditions and every citation of the law.
        for s in crate::sim::stakes::STAKES {
            keys.push(("sim/stakes.rs".to_string(), s.when.to_string()));
        }
        for law in crate::sim::law::Law::ALL {
            keys.push(("sim/law.rs".to_string(), law.cite().to_string()));
        }
        assert!(
            keys.len() > 250,
            "the scan found too few phrases: {}",
            keys.len()
        );
        let mut missing = Vec::new();
        for (file, key) in &keys {
            if !Lang::AR.has(key) {
                missing.push(format!("{file}: {key}"));
                continue;
            }
            let ar = Lang::AR.t_any(key);
            assert_eq!(slots(key), slots(Lang::EN.t_any(key)), "{key}");
            assert_eq!(
                slots(Lang::EN.t_any(key)),
                slots(ar),
                "{file}: slots differ: {key}"
            );
        }
        missing.sort();
        missing.dedup();
        assert!(missing.is_empty(), "no Arabic for: {missing:#?}");
    }

    /// Every value the engine names (order kinds, levels, verdicts…) has both languages.
    #[test]
    fn every_named_value_has_both_languages() {
        use crate::scenario::{
            Confidence, DecisionRule, IncidentKind, Layer, Level, OrderKind, ProposalKind, Var,
        };
        use crate::sim::clock::Phase;
        use crate::sim::orders::{Ballot, Cbm, CovertKind, Stance};
        use crate::sim::record::{Resolved, Verdict};
        let mut keys: Vec<&str> = OrderKind::ALL.iter().map(|k| (*k).term()).collect();
        keys.extend(Var::ALL.iter().map(|v| (*v).term()));
        keys.extend(
            [
                Level::BelowThreshold,
                Level::WrongfulAct,
                Level::UseOfForce,
                Level::ArmedAttack,
            ]
            .map(Level::term),
        );
        keys.extend(
            [Confidence::Low, Confidence::Moderate, Confidence::High].map(Confidence::term),
        );
        keys.extend([Layer::Technical, Layer::Operational, Layer::Strategic].map(Layer::term));
        keys.extend([Verdict::Upheld, Verdict::Strained, Verdict::Breached].map(Verdict::term));
        keys.extend([Resolved::Done, Resolved::NoEffect, Resolved::Refused].map(Resolved::term));
        keys.extend(
            [
                Stance::Calm,
                Stance::Concern,
                Stance::Condemn,
                Stance::Solidarity,
            ]
            .map(Stance::term),
        );
        keys.extend([Cbm::Hotline, Cbm::PointsOfContact, Cbm::Consultations].map(Cbm::term));
        keys.extend(
            [
                CovertKind::Espionage,
                CovertKind::Disruption,
                CovertKind::Destructive,
            ]
            .map(CovertKind::term),
        );
        keys.extend([Ballot::Yes, Ballot::No, Ballot::Abstain].map(Ballot::term));
        keys.extend(crate::scenario::Claim::ALL.map(crate::scenario::Claim::term));
        keys.extend(crate::scenario::Claim::ASKED.map(|(_, k)| k));
        keys.extend(crate::scenario::Reading::ALL.map(crate::scenario::Reading::term));
        keys.extend(IncidentKind::ALL.map(IncidentKind::term));
        keys.extend(
            [
                ProposalKind::Listing,
                ProposalKind::AttributionStatement,
                ProposalKind::Condemnation,
                ProposalKind::Solidarity,
                ProposalKind::Consultation,
                ProposalKind::CollectiveDefence,
                ProposalKind::Resolution,
            ]
            .map(ProposalKind::term),
        );
        keys.extend(
            [
                DecisionRule::Unanimity,
                DecisionRule::Consensus,
                DecisionRule::SimpleMajority,
                DecisionRule::QualifiedMajority {
                    members_pct: 55,
                    population_pct: 65,
                    blocking_minority: 4,
                },
                DecisionRule::SecurityCouncil { votes_needed: 9 },
            ]
            .map(DecisionRule::term),
        );
        // A refusal names phases by `Phase::name`.
        keys.extend(
            [
                Phase::Briefing,
                Phase::Negotiation,
                Phase::Orders,
                Phase::Resolution,
                Phase::Press,
                Phase::Ended,
            ]
            .map(Phase::name),
        );
        keys.extend([
            "refuse",
            "grant",
            "publicly",
            "privately",
            "joint",
            "reversible",
        ]);
        for k in keys {
            assert!(Lang::AR.has(k), "no Arabic for {k}");
            assert_ne!(Lang::EN.t(k), Lang::AR.t(k), "{k}");
        }
        // The norms, as the Arabic text of A/70/174 letters and words them.
        for n in crate::sim::norms::Norm::all() {
            assert!(n.id_in(Lang::AR).starts_with("13("), "{}", n.id());
            assert_eq!(n.id_in(Lang::EN), n.id());
            for (en, ar) in [
                (n.short(), n.short_in(Lang::AR)),
                (n.text(), n.text_in(Lang::AR)),
            ] {
                assert!(Lang::AR.has(en), "no Arabic for {en}");
                assert_ne!(en, ar);
            }
        }
    }

    #[test]
    fn a_phrase_renders_in_each_language_and_a_filled_value_is_not_a_slot() {
        let name = crate::scenario::Text::new("Estonia {1}").with("ar", "إستونيا");
        let p = crate::say!("{0} hardens its networks", &name);
        assert_eq!(p.en(), "Estonia {1} hardens its networks");
        assert_eq!(Lang::AR.say(&p), "تحصّن إستونيا شبكاتها");
        let list = crate::say!("jointly with {0}", Arg::list([1, 2]));
        assert_eq!(Lang::AR.say(&list), "بالاشتراك مع 1، 2");
        assert_eq!(Phrase::default().en(), "");
    }

    /// Every literal key the screens pass to `t` or `f` is in the table.
    #[test]
    fn every_key_the_client_uses_is_translated() {
        let mut missing = Vec::new();
        // The probe publishes the client's state for the browser test, in no language.
        for (_, src) in sources("client")
            .into_iter()
            .filter(|(f, _)| f != "client/probe.rs")
        {
            let code = src.split("#[cfg(test)]").next().unwrap_or(&src);
            for key in used_keys(code) {
                if !Lang::AR.has(&key) {
                    missing.push(key);
                }
            }
        }
        missing.sort();
        missing.dedup();
        assert!(missing.is_empty(), "not in the table: {missing:#?}");
    }

    /// String literals given to `.t(`/`.f(` or to the order fields' pickers, keys in match
    /// arms and the title screen's list.
    fn used_keys(src: &str) -> Vec<String> {
        let mut keys = Vec::new();
        let literal = |part: &str| -> Option<String> {
            let part = part.trim_start().strip_prefix('"')?;
            Some(part[..part.find('"')?].to_string())
        };
        for marker in [".t(", ".f(", ".fail(", "(ui, \"", "=> \""] {
            for part in src.split(marker).skip(1) {
                let part = if marker.ends_with('"') {
                    format!("\"{part}")
                } else {
                    part.to_string()
                };
                keys.extend(literal(&part));
            }
        }
        for line in src.lines() {
            let line = line.trim();
            if line.contains("Screen::") && line.starts_with("(\"") {
                keys.push(line[2..].split('"').next().unwrap_or("").to_string());
            }
        }
        keys.retain(|k| !k.is_empty() && !k.starts_with("scenarios/"));
        keys
    }
}
