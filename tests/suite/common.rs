//! What the suite's modules share: the shipped scenarios, scratch directories and the
//! `key: value` lines the command line prints.

use std::path::PathBuf;
use std::sync::Arc;

use threshold::scenario::{self, Scenario};

/// Every scenario that ships with Threshold, by name (the library's one list).
pub static SCENARIOS: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    scenario::SHIPPED
        .iter()
        .map(|(file, _)| scenario::shipped_name(file))
        .collect()
});

/// `scenarios/NAME.ron` in the source tree, wherever the tests run from.
pub fn scenario_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(format!("{name}.ron"))
}

/// The text of a shipped scenario.
pub fn scenario_source(name: &str) -> String {
    std::fs::read_to_string(scenario_path(name))
        .unwrap_or_else(|e| panic!("cannot read scenario {name}: {e}"))
}

/// A shipped scenario, parsed and checked; its diagnostics if it does not load.
pub fn scenario(name: &str) -> Arc<Scenario> {
    match scenario::parse(&scenario_source(name), &format!("{name}.ron")) {
        Ok(sc) => Arc::new(sc),
        Err(e) => panic!("{name} does not load:\n{e}"),
    }
}

/// A scratch directory of this test's own (by name and process), emptied first.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("threshold-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// The value of the first `name: value` line of `text`, if there is one.
pub fn field(text: &str, name: &str) -> Option<String> {
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{name}: ")))
        .map(|v| v.trim().to_string())
}

/// Advances the exercise until it is in `phase` (of this turn or the next).
pub fn advance_to(ex: &mut threshold::sim::Exercise, phase: threshold::sim::clock::Phase) {
    for _ in 0..10 {
        if ex.clock().phase == phase {
            return;
        }
        ex.apply(threshold::sim::Command::ADVANCE)
            .expect("advance is always accepted before the end");
    }
    panic!("never reached the {phase:?} phase");
}

/// A self-signed certificate for 127.0.0.1 in `dir`: (certificate, key) files.
pub fn certificate(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let made =
        rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string()]).expect("a certificate");
    std::fs::create_dir_all(dir).unwrap();
    let cert = dir.join("cert.pem");
    let key = dir.join("key.pem");
    std::fs::write(&cert, made.cert.pem()).unwrap();
    std::fs::write(&key, made.signing_key.serialize_pem()).unwrap();
    (cert, key)
}

/// A two-state scenario with extra incidents and an ending condition.
pub fn minimal(incidents: &str, condition: &str) -> String {
    format!(
        r#"(
    id: "minimal", title: (en: "t", ar: "t"), summary: (en: "s", ar: "s"), briefing: (en: "b", ar: "b"),
    period: (en: "p", ar: "p"), turn_span: (en: "a week", ar: "أسبوع"), turns: 3,
    actors: [
        (id: "a", name: (en: "A", ar: "A"), population: 5.0),
        (id: "b", name: (en: "B", ar: "B"), population: 5.0),
    ],
    seats: [
        (id: "a", actor: "a", role: (en: "r", ar: "r"), briefing: (en: "b", ar: "b")),
        (id: "b", actor: "b", role: (en: "r", ar: "r"), briefing: (en: "b", ar: "b")),
    ],
    incidents: [{incidents}],
    endings: [(id: "end", title: (en: "e", ar: "e"), text: (en: "e", ar: "e"), condition: {condition})],
)"#
    )
}
