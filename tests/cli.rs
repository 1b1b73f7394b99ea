//! The `threshold` binary, run for real: scenario checking with positioned diagnostics,
//! deterministic headless play, journal and replay, reports, and balance.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn threshold(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_threshold"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn scenario(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(format!("{name}.ron"))
        .display()
        .to_string()
}

/// A scratch directory of this test's own, emptied first.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("threshold-cli-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn last_line(text: &str) -> &str {
    text.lines().last().unwrap_or("")
}

/// The line and column (both from 1, column in characters) where `needle` first occurs
/// at or after `after` in `text`.
fn position_of(text: &str, needle: &str, after: usize) -> (usize, usize) {
    let at = after
        + text[after..]
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in the text"));
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

/// Writes `text` as `name` in `dir` and returns the path as the CLI will print it.
fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path.display().to_string()
}

/// Every `FILE:LINE:COLUMN: message` line the check printed for `file`.
fn diagnostics(out: &str, file: &str) -> Vec<(usize, usize, String)> {
    out.lines()
        .filter_map(|l| l.strip_prefix(file)?.strip_prefix(':'))
        .filter_map(|rest| {
            let mut parts = rest.splitn(3, ':');
            let line = parts.next()?.parse().ok()?;
            let column = parts.next()?.parse().ok()?;
            Some((line, column, parts.next()?.trim().to_string()))
        })
        .collect()
}

#[test]
fn scenario_check_accepts_the_shipped_scenarios() {
    let files: Vec<String> = ["estonia_2007", "eu_cyber_sanctions", "nato_article5"]
        .iter()
        .map(|n| scenario(n))
        .collect();
    let mut args = vec!["scenario", "check"];
    args.extend(files.iter().map(|s| s.as_str()));
    let o = threshold(&args);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    for f in &files {
        assert!(out.contains(&format!("{f}: ok (")), "{out}");
    }
}

/// An unknown actor in a seat is reported at the line and column of the bad id, and
/// the check fails.
#[test]
fn scenario_check_locates_an_unknown_actor() {
    let dir = scratch("unknown-actor");
    let good = std::fs::read_to_string(scenario("eu_cyber_sanctions")).expect("read");
    let seat_at = good.find("seats: [").expect("seats section");
    let bad = format!(
        "{}{}",
        &good[..seat_at],
        good[seat_at..].replacen(r#"actor: "netherlands""#, r#"actor: "netherlandz""#, 1)
    );
    let file = write(&dir, "unknown_actor.ron", &bad);
    let o = threshold(&["scenario", "check", &file]);
    assert!(!o.status.success(), "a broken scenario passed the check");
    let found = diagnostics(&stdout(&o), &file);
    let expected = position_of(&bad, r#""netherlandz""#, seat_at);
    assert!(
        found
            .iter()
            .any(|(l, c, m)| (*l, *c) == expected && m.contains(r#"unknown actor "netherlandz""#)),
        "expected {file}:{}:{}: unknown actor ...; got:\n{}",
        expected.0,
        expected.1,
        stdout(&o)
    );
}

/// An unknown actor in a relation (relations have no ids of their own) is still found.
#[test]
fn scenario_check_locates_an_unknown_actor_in_a_relation() {
    let dir = scratch("relation");
    let good = std::fs::read_to_string(scenario("eu_cyber_sanctions")).expect("read");
    let bad = good.replacen(
        r#"(a: "netherlands", b: "germany""#,
        r#"(a: "netherlands", b: "germny""#,
        1,
    );
    assert_ne!(bad, good);
    let file = write(&dir, "relation.ron", &bad);
    let o = threshold(&["scenario", "check", &file]);
    assert!(!o.status.success());
    let expected = position_of(&bad, r#""germny""#, 0);
    let found = diagnostics(&stdout(&o), &file);
    assert!(
        found
            .iter()
            .any(|(l, c, m)| (*l, *c) == expected && m.contains("germny")),
        "expected {expected:?}; got:\n{}",
        stdout(&o)
    );
}

/// A syntax error (a stray character after a value) is reported at its line and column.
#[test]
fn scenario_check_locates_a_syntax_error() {
    let dir = scratch("syntax");
    let good = std::fs::read_to_string(scenario("nato_article5")).expect("read");
    let bad = good.replacen("turns: 7,", "turns: 7 @,", 1);
    assert_ne!(bad, good);
    let file = write(&dir, "syntax.ron", &bad);
    let o = threshold(&["scenario", "check", &file]);
    assert!(!o.status.success());
    let found = diagnostics(&stdout(&o), &file);
    assert_eq!(
        found.len(),
        1,
        "one syntax error, one diagnostic:\n{}",
        stdout(&o)
    );
    let (line, column) = position_of(&bad, "@", 0);
    assert_eq!((found[0].0, found[0].1), (line, column), "{}", stdout(&o));
    assert!(found[0].2.contains("expected"), "{}", stdout(&o));
}

/// A word where a number belongs is reported at the word. (`turns: seven` has the word at
/// column 12; the diagnostic says column 11, the space after the colon: the RON parser's
/// span starts before the whitespace it skips, and the loader passes it on unchanged.)
#[test]
fn scenario_check_points_at_the_bad_value_not_the_space_before_it() {
    let dir = scratch("syntax-word");
    let good = std::fs::read_to_string(scenario("nato_article5")).expect("read");
    let bad = good.replacen("turns: 7,", "turns: seven,", 1);
    let file = write(&dir, "syntax.ron", &bad);
    let o = threshold(&["scenario", "check", &file]);
    assert!(!o.status.success());
    let found = diagnostics(&stdout(&o), &file);
    assert_eq!(found.len(), 1, "{}", stdout(&o));
    let (line, column) = position_of(&bad, "seven", 0);
    assert_eq!(found[0].0, line, "{}", stdout(&o));
    assert_eq!(
        found[0].1,
        column,
        "the column of the bad token: {}",
        stdout(&o)
    );
}

/// Without whitespace before it, the mistyped value is located exactly.
#[test]
fn scenario_check_locates_a_mistyped_value() {
    let dir = scratch("syntax-tight");
    let good = std::fs::read_to_string(scenario("nato_article5")).expect("read");
    let bad = good.replacen("turns: 7,", "turns:seven,", 1);
    let file = write(&dir, "syntax.ron", &bad);
    let o = threshold(&["scenario", "check", &file]);
    let found = diagnostics(&stdout(&o), &file);
    assert_eq!(found.len(), 1, "{}", stdout(&o));
    assert_eq!(
        (found[0].0, found[0].1),
        position_of(&bad, "seven", 0),
        "{}",
        stdout(&o)
    );
    assert!(found[0].2.contains("expected integer"), "{}", stdout(&o));
}

/// A missing comma between two fields is reported on the line where the next field starts.
#[test]
fn scenario_check_locates_a_missing_comma() {
    let dir = scratch("comma");
    let good = std::fs::read_to_string(scenario("estonia_2007")).expect("read");
    let at = good.find("turns:").expect("turns");
    let end = at + good[at..].find(',').expect("comma");
    let bad = format!("{}{}", &good[..end], &good[end + 1..]);
    let file = write(&dir, "comma.ron", &bad);
    let o = threshold(&["scenario", "check", &file]);
    assert!(!o.status.success());
    let found = diagnostics(&stdout(&o), &file);
    assert_eq!(found.len(), 1, "{}", stdout(&o));
    let (turns_line, _) = position_of(&bad, "turns:", 0);
    assert!(
        found[0].0 == turns_line || found[0].0 == turns_line + 1,
        "{}",
        stdout(&o)
    );
}

/// Several files: each is reported, and one bad file fails the whole check.
#[test]
fn scenario_check_reports_every_file() {
    let dir = scratch("several");
    let empty = write(&dir, "empty.ron", "");
    let missing = dir.join("missing.ron").display().to_string();
    let good = scenario("estonia_2007");
    let o = threshold(&["scenario", "check", &good, &empty, &missing]);
    assert!(!o.status.success());
    let out = stdout(&o);
    assert!(out.contains(&format!("{good}: ok")), "{out}");
    assert!(out.contains(&format!("{empty}:1:1:")), "{out}");
    assert!(
        out.contains(&format!("{missing}:1:1: cannot read")),
        "{out}"
    );
}

#[test]
fn play_is_deterministic_and_ends_with_the_state_hash() {
    let file = scenario("nato_article5");
    let a = threshold(&["play", &file, "--seed", "7"]);
    let b = threshold(&["play", &file, "--seed", "7"]);
    assert!(a.status.success(), "{}", stderr(&a));
    assert_eq!(a.stdout, b.stdout, "same seed, different output");
    let out = stdout(&a);
    assert!(
        last_line(&out).starts_with("state-hash: "),
        "{}",
        last_line(&out)
    );
    assert_eq!(last_line(&out).len(), "state-hash: ".len() + 16);
    let c = threshold(&["play", &file, "--seed", "8"]);
    assert_ne!(
        last_line(&out),
        last_line(&stdout(&c)),
        "seeds 7 and 8 ended in the same state"
    );
}

#[test]
fn a_journal_replays_to_the_same_state() {
    let dir = scratch("journal");
    for name in ["estonia_2007", "eu_cyber_sanctions"] {
        let journal = dir.join(format!("{name}.jsonl")).display().to_string();
        let played = threshold(&[
            "play",
            &scenario(name),
            "--seed",
            "3",
            "--journal",
            &journal,
        ]);
        assert!(played.status.success(), "{}", stderr(&played));
        let replayed = threshold(&["replay", &journal]);
        assert!(replayed.status.success(), "{}", stderr(&replayed));
        assert_eq!(last_line(&stdout(&replayed)), last_line(&stdout(&played)));
        assert_eq!(
            stdout(&replayed),
            stdout(&played),
            "the replayed story differs"
        );
    }
}

#[test]
fn a_corrupt_journal_is_refused() {
    let dir = scratch("corrupt");
    let journal = dir.join("j.jsonl").display().to_string();
    assert!(
        threshold(&[
            "play",
            &scenario("estonia_2007"),
            "--seed",
            "1",
            "--journal",
            &journal
        ])
        .status
        .success()
    );
    let text = std::fs::read_to_string(&journal).expect("journal");
    let truncated = write(&dir, "truncated.jsonl", &text[..text.len() / 2]);
    let o = threshold(&["replay", &truncated]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("error"), "{}", stderr(&o));
    let garbage = write(&dir, "garbage.jsonl", "not a journal\n");
    assert!(!threshold(&["replay", &garbage]).status.success());
}

#[test]
fn reports_in_markdown_and_html() {
    let dir = scratch("report");
    let md = dir.join("x.md");
    let html = dir.join("x.html");
    for path in [&md, &html] {
        let p = path.display().to_string();
        let o = threshold(&[
            "play",
            &scenario("eu_cyber_sanctions"),
            "--seed",
            "2",
            "--report",
            &p,
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        let text = std::fs::read_to_string(path).expect("report written");
        assert!(text.contains("After-action report"), "{p}");
        assert!(text.contains("<svg"), "{p}");
    }
    assert!(
        std::fs::read_to_string(&html)
            .expect("html")
            .starts_with("<!doctype html>")
    );
    // The replay writes the same report.
    let journal = dir.join("j.jsonl").display().to_string();
    assert!(
        threshold(&[
            "play",
            &scenario("eu_cyber_sanctions"),
            "--seed",
            "2",
            "--journal",
            &journal
        ])
        .status
        .success()
    );
    let again = dir.join("again.md");
    assert!(
        threshold(&["replay", &journal, "--report", &again.display().to_string()])
            .status
            .success()
    );
    assert_eq!(
        std::fs::read_to_string(&again).expect("md"),
        std::fs::read_to_string(&md).expect("md")
    );
}

#[test]
fn a_report_needs_a_known_extension() {
    let dir = scratch("report-ext");
    let pdf = dir.join("x.pdf").display().to_string();
    let o = threshold(&["play", &scenario("estonia_2007"), "--report", &pdf]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains(".md or .html"), "{}", stderr(&o));
}

#[test]
fn balance_prints_the_endings() {
    let o = threshold(&[
        "scenario",
        "balance",
        &scenario("nato_article5"),
        "--runs",
        "20",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("endings:"), "{out}");
    assert!(out.contains("20 games"), "{out}");
    assert!(out.contains("never fired or reached:"), "{out}");
}

#[test]
fn play_refuses_a_broken_scenario() {
    let dir = scratch("play-broken");
    let file = write(&dir, "broken.ron", "(id: \"x\")");
    let o = threshold(&["play", &file]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("does not load"), "{}", stderr(&o));
}
