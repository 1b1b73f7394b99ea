//! The `threshold` binary, run for real: scenario checking with positioned diagnostics,
//! deterministic headless play, journal and replay, reports, balance, and the control cell
//! (`exercise control`) against a real `threshold serve`.

use std::path::Path;
use std::process::{Command, Output};

use crate::common::{self, scenario_path, scratch};

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
    scenario_path(name).display().to_string()
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
    // Cut in the middle, on a character boundary (the scenario text holds Arabic).
    let cut = (0..=text.len() / 2)
        .rev()
        .find(|i| text.is_char_boundary(*i))
        .unwrap_or(0);
    let truncated = write(&dir, "truncated.jsonl", &text[..cut]);
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

#[test]
fn view_prints_what_a_seat_sees_as_json() {
    let file = scenario("estonia_2007");
    let args = [
        "view", &file, "--seat", "tallinn", "--seed", "3", "--turn", "2", "--phase", "orders",
    ];
    let o = threshold(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("the view is JSON");
    assert_eq!(v["seat"], "tallinn");
    assert_eq!(v["actor"], "estonia");
    assert_eq!(v["turn"], 2);
    assert_eq!(v["phase"], "Orders");
    assert!(v["incidents"].is_array(), "{v}");
    // The same seed shows the same view.
    assert_eq!(threshold(&args).stdout, o.stdout);
    // Defaults: seed 1, turn 1, the start of negotiation.
    let o = threshold(&["view", &file, "--seat", "riga"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("the view is JSON");
    assert_eq!(v["seat"], "riga");
    assert_eq!(v["turn"], 1);
    assert_eq!(v["phase"], "Negotiation");
}

#[test]
fn view_refuses_an_unknown_seat_a_late_turn_and_a_phase_never_reached() {
    let file = scenario("estonia_2007");
    let refused = |o: &Output, says: &[&str]| {
        assert_eq!(o.status.code(), Some(1), "{}", stderr(o));
        assert!(o.stdout.is_empty(), "{}", stdout(o));
        let err = stderr(o);
        assert!(!err.contains("panicked"), "{err}");
        for s in says {
            assert!(err.contains(s), "{s:?} not in {err}");
        }
    };
    refused(
        &threshold(&["view", &file, "--seat", "kremlin"]),
        &["kremlin", "tallinn, moscow", "riga"],
    );
    refused(
        &threshold(&["view", &file, "--seat", "tallinn", "--turn", "7"]),
        &["turn 7", "last turn (6)"],
    );
    refused(
        &threshold(&["view", &file, "--seat", "tallinn", "--turn", "0"]),
        &["turn 0"],
    );
    // An early ending that holds from turn 2: turn 3 never comes.
    let dir = scratch("view-ended");
    let text = std::fs::read_to_string(&file).expect("scenario");
    let early = "endings: [\n        (id: \"end_now\", title: (en: \"Over\", ar: \"انتهى\"), \
                 text: (en: \"Over.\", ar: \"انتهى.\"), condition: TurnAtLeast(2), early: true),";
    assert!(text.contains("endings: ["));
    let short = write(&dir, "short.ron", &text.replacen("endings: [", early, 1));
    let o = threshold(&[
        "view", &short, "--seat", "tallinn", "--turn", "2", "--phase", "press",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    refused(
        &threshold(&[
            "view", &short, "--seat", "tallinn", "--turn", "3", "--phase", "briefing",
        ]),
        &["ended in turn 2", "end_now"],
    );
}

// ---------------------------------------------------------------------------------------
// The control cell against a real server: `threshold serve` in a child process, students
// joined over UDP with the library's client, the instructor through `exercise control`.

use std::io::{BufRead, BufReader};
use std::time::{Duration, Instant};

use threshold::net::client::{Connection, Endpoint};
use threshold::net::protocol::{ClientMessage, Moment, SeatAct, ServerMessage};
use threshold::sim::channels::Channel;
use threshold::sim::view::SeatView;

/// A `threshold serve` process on a free loopback port, killed when dropped.
struct Server {
    child: std::process::Child,
    addr: String,
}

impl Server {
    fn start(test: &str) -> Self {
        let dir = scratch(test);
        let addr = std::net::UdpSocket::bind("127.0.0.1:0")
            .and_then(|s| s.local_addr())
            .expect("a free port")
            .to_string();
        let mut child = Command::new(env!("CARGO_BIN_EXE_threshold"))
            .args(["serve", "--open", "--addr", &addr, "--data-dir"])
            .arg(dir.join("data"))
            .arg("--web-root")
            .arg(dir.join("no-web-client"))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("the server starts");
        let mut reader = BufReader::new(child.stdout.take().expect("stdout"));
        let mut line = String::new();
        reader.read_line(&mut line).expect("a first line");
        assert!(line.starts_with("listening on"), "{line}");
        std::thread::spawn(move || std::io::copy(&mut reader, &mut std::io::sink()));
        Server { child, addr }
    }

    /// Creates an exercise of the Estonia scenario: (join code, instructor key).
    fn create(&self, start: bool) -> (String, String) {
        let file = scenario("estonia_2007");
        let mut args = vec![
            "exercise",
            "create",
            file.as_str(),
            "--server",
            &self.addr,
            "--seed",
            "5",
        ];
        if start {
            args.push("--start");
        }
        let o = threshold(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        let out = stdout(&o);
        (field(&out, "join code"), field(&out, "instructor key"))
    }

    /// `threshold exercise control CODE --server ADDR --key KEY ARGS...`
    fn control(&self, code: &str, key: &str, args: &[&str]) -> Output {
        let mut all = vec![
            "exercise", "control", code, "--server", &self.addr, "--key", key,
        ];
        all.extend_from_slice(args);
        threshold(&all)
    }

    /// Like `control`, but the command must succeed; its standard output.
    fn control_ok(&self, code: &str, key: &str, args: &[&str]) -> String {
        let o = self.control(code, key, args);
        assert!(o.status.success(), "{args:?} failed: {}", stderr(&o));
        stdout(&o)
    }

    /// Like `control`, but the server must refuse: the error it printed.
    fn control_refused(&self, code: &str, key: &str, args: &[&str]) -> String {
        let o = self.control(code, key, args);
        assert!(
            !o.status.success(),
            "{args:?} was not refused: {}",
            stdout(&o)
        );
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        stderr(&o)
    }

    fn status(&self, code: &str) -> String {
        let o = threshold(&["exercise", "status", code, "--server", &self.addr]);
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o)
    }

    /// Connects a student and joins the exercise under `name`.
    fn student(&self, code: &str, name: &str) -> Student {
        let endpoint: Endpoint = self.addr.parse().expect("an address");
        let mut c = Connection::connect(&endpoint, Duration::from_secs(10)).expect("connects");
        let token = match c
            .request(
                ClientMessage::Join {
                    code: code.to_string(),
                    name: name.to_string(),
                },
                Duration::from_secs(10),
            )
            .expect("an answer")
        {
            ServerMessage::Joined { token, .. } => token,
            other => panic!("{name} could not join: {other:?}"),
        };
        Student { c, token }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Student {
    c: Connection,
    token: String,
}

impl Student {
    fn ack(&mut self, message: ClientMessage) {
        match self.c.request(message, Duration::from_secs(10)) {
            Ok(ServerMessage::Ack) => {}
            other => panic!("not acknowledged: {other:?}"),
        }
    }

    fn claim(&mut self, seat: &str) {
        let token = self.token.clone();
        self.ack(ClientMessage::ClaimSeat {
            token,
            seat: seat.to_string(),
        });
    }

    fn say(&mut self, to: &[&str], text: &str) {
        let token = self.token.clone();
        self.ack(ClientMessage::Act {
            token,
            act: SeatAct::Say {
                channel: Channel::Seats(to.iter().map(|s| s.to_string()).collect()),
                text: text.to_string(),
            },
            // Talk is never stale: any moment will do.
            at: Moment {
                turn: 1,
                phase: threshold::sim::clock::Phase::Briefing,
            },
        });
    }

    /// Waits (up to ten seconds) for a pushed view that satisfies `wanted`.
    fn view_where(
        &mut self,
        what: &str,
        wanted: impl Fn(&SeatView) -> bool,
    ) -> std::sync::Arc<SeatView> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            while let Some(v) = self.c.views.pop_front() {
                if wanted(&v) {
                    return v;
                }
            }
            assert!(Instant::now() < deadline, "no view where {what}");
            self.c.poll(Duration::from_millis(50)).expect("connected");
        }
    }
}

/// The value of the first `name: value` line.
fn field(text: &str, name: &str) -> String {
    common::field(text, name).unwrap_or_else(|| panic!("no {name:?} in:\n{text}"))
}

/// The `seat: ID (ACTOR): HOLDER` line of `exercise status` for `seat`.
fn seat_holder(status: &str, seat: &str) -> String {
    status
        .lines()
        .filter_map(|l| l.strip_prefix("seat: "))
        .find_map(|l| l.strip_prefix(&format!("{seat} (")))
        .and_then(|l| l.split_once("): "))
        .map(|(_, holder)| holder.to_string())
        .unwrap_or_else(|| panic!("no seat {seat} in:\n{status}"))
}

fn seconds_left(text: &str) -> u64 {
    field(text, "seconds-left")
        .parse()
        .unwrap_or_else(|_| panic!("no running clock in:\n{text}"))
}

/// The control cell seats joined students by display name; the seat shows in the status and
/// in the student's own view; unknown seats and names are refused with the server's reason.
#[test]
fn control_assigns_a_seat_by_display_name() {
    let server = Server::start("control-assign");
    let (code, key) = server.create(false);
    let mut alice = server.student(&code, "Alice");
    assert_eq!(
        seat_holder(&server.status(&code), "tallinn"),
        "free (the computer plays it)"
    );

    let out = server.control_ok(
        &code,
        &key,
        &["assign", "--name", "Alice", "--seat", "tallinn"],
    );
    assert_eq!(out.trim(), "seat tallinn: Alice");
    assert_eq!(seat_holder(&server.status(&code), "tallinn"), "Alice");
    let view = alice.view_where("Alice holds tallinn", |v| v.seat == "tallinn");
    assert_eq!(view.actor, "estonia");

    let err = server.control_refused(
        &code,
        &key,
        &["assign", "--name", "Alice", "--seat", "narnia"],
    );
    assert!(
        err.contains(r#"refused (seat): "narnia" is not a playable seat"#),
        "{err}"
    );
    let err = server.control_refused(
        &code,
        &key,
        &["assign", "--name", "Nobody", "--seat", "moscow"],
    );
    assert!(
        err.contains(r#"refused (seat): nobody called "Nobody" has joined"#),
        "{err}"
    );
    let status = server.status(&code);
    assert_eq!(seat_holder(&status, "tallinn"), "Alice", "{status}");
    assert_eq!(
        seat_holder(&status, "moscow"),
        "free (the computer plays it)"
    );

    // Giving the seat to another student takes it from the first.
    let _bea = server.student(&code, "Bea");
    server.control_ok(
        &code,
        &key,
        &["assign", "--name", "Bea", "--seat", "tallinn"],
    );
    server.control_ok(
        &code,
        &key,
        &["assign", "--name", "Alice", "--seat", "moscow"],
    );
    let status = server.status(&code);
    assert_eq!(seat_holder(&status, "tallinn"), "Bea", "{status}");
    assert_eq!(seat_holder(&status, "moscow"), "Alice", "{status}");
}

/// `deadline +N` / `-N` / `+Nm` move the current phase's deadline and print what is left; a
/// deadline moved into the past ends the phase; an ended exercise has none to move.
#[test]
fn control_lengthens_and_shortens_the_deadline() {
    let server = Server::start("control-deadline");
    let (code, key) = server.create(true);
    let briefing = seconds_left(&server.status(&code));
    assert!((45..=60).contains(&briefing), "briefing: {briefing} s");

    let out = server.control_ok(&code, &key, &["deadline", "+600"]);
    assert!(out.starts_with("deadline moved by +600 s\n"), "{out}");
    assert_eq!(field(&out, "phase"), "briefing");
    let left = seconds_left(&out);
    assert!((640..=660).contains(&left), "after +600: {left} s\n{out}");
    assert!((640..=660).contains(&seconds_left(&server.status(&code))));

    let out = server.control_ok(&code, &key, &["deadline", "-5m"]);
    assert!(out.starts_with("deadline moved by -300 s\n"), "{out}");
    let left = seconds_left(&out);
    assert!((340..=360).contains(&left), "after -5m: {left} s\n{out}");

    // Shortened past now, the briefing ends and the negotiation gets its own deadline.
    server.control_ok(&code, &key, &["deadline", "-3600"]);
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        let status = server.status(&code);
        if field(&status, "phase") == "negotiation" {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "the briefing never ended:\n{status}"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    let left = seconds_left(&status);
    assert!((580..=600).contains(&left), "negotiation: {left} s");

    // Not a shift, or more than a day: refused before anything is sent.
    let o = server.control(&code, &key, &["deadline", "soon"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("+N or -N"), "{}", stderr(&o));
    let o = server.control(&code, &key, &["deadline", "+20000000000000000"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("more than a day"), "{}", stderr(&o));
    assert_eq!(field(&server.status(&code), "phase"), "negotiation");

    server.control_ok(&code, &key, &["end"]);
    let err = server.control_refused(&code, &key, &["deadline", "+60"]);
    assert!(
        err.contains("refused (not running): this phase has no deadline"),
        "{err}"
    );
}

/// A scenario inject and a written one reach the seats they are for (and only those); an
/// inject cannot fire twice, and unknown injects and actors are refused.
#[test]
fn control_sends_a_scenario_inject_and_writes_one() {
    let server = Server::start("control-inject");
    let (code, key) = server.create(true);
    let mut alice = server.student(&code, "Alice");
    alice.claim("tallinn");
    let title = "Record: 1 May — Tallinn points to addresses in Moscow";
    let fired = |v: &SeatView| v.news.iter().any(|n| n.text.en().starts_with(title));
    assert!(!fired(&alice.view_where("any view", |_| true)));

    let out = server.control_ok(&code, &key, &["inject", "inj_paet_statement"]);
    assert_eq!(out.trim(), "inject inj_paet_statement sent");
    alice.view_where("the scenario inject is in the news", fired);
    let err = server.control_refused(&code, &key, &["inject", "inj_paet_statement"]);
    assert!(
        err.contains(r#"refused (rules): inject "inj_paet_statement" has already fired"#),
        "{err}"
    );
    let err = server.control_refused(&code, &key, &["inject", "inj_nonsense"]);
    assert!(err.contains(r#"unknown inject "inj_nonsense""#), "{err}");

    // Written for Russia only, then for everyone: Alice (Estonia) reads only the second.
    let out = server.control_ok(
        &code,
        &key,
        &[
            "write-inject",
            "--title",
            "Kremlin briefing",
            "--body",
            "For Moscow's eyes only",
            "--to",
            "russia",
        ],
    );
    assert_eq!(out.trim(), "inject sent to russia");
    let out = server.control_ok(
        &code,
        &key,
        &[
            "write-inject",
            "--title",
            "Flash",
            "--body",
            "Hansabank's online banking is down",
            "--title-ar",
            "عاجل",
        ],
    );
    assert_eq!(out.trim(), "inject sent to everyone");
    let view = alice.view_where("the written inject is in the news", |v| {
        v.news
            .iter()
            .any(|n| n.text.en() == "Flash: Hansabank's online banking is down")
    });
    assert!(
        !view
            .news
            .iter()
            .any(|n| n.text.en().contains("Moscow's eyes")),
        "Estonia read Russia's inject: {:?}",
        view.news
    );

    let err = server.control_refused(
        &code,
        &key,
        &[
            "write-inject",
            "--title",
            "T",
            "--body",
            "B",
            "--to",
            "narnia",
        ],
    );
    assert!(err.contains(r#"unknown actor "narnia""#), "{err}");
}

/// `channels` prints every message of every channel, including private ones the control cell
/// is not in, with the channel, the sender, the turn and the readers.
#[test]
fn control_reads_every_channel() {
    let server = Server::start("control-channels");
    let (code, key) = server.create(true);
    assert_eq!(
        server.control_ok(&code, &key, &["channels"]).trim(),
        "no messages yet"
    );
    let mut alice = server.student(&code, "Alice");
    alice.claim("tallinn");
    let mut bea = server.student(&code, "Bea");
    bea.claim("moscow");
    alice.say(&["moscow"], "Call off the botnets.\nWe have the logs.");
    bea.say(&["helsinki", "berlin"], "Tallinn is bluffing");

    let out = server.control_ok(&code, &key, &["channels"]);
    let lines: Vec<&str> = out.lines().collect();
    // Then the two computer players Bea wrote to answered her, each with its position.
    assert_eq!(lines.len(), 10, "{out}");
    assert!(lines[0].starts_with("turn 1 | channel: "), "{out}");
    assert!(lines[0].contains("| from: estonia |"), "{out}");
    assert!(lines[0].ends_with("| readers: estonia, russia"), "{out}");
    assert_eq!(lines[1], "    Call off the botnets.");
    assert_eq!(lines[2], "    We have the logs.");
    assert!(lines[3].contains("| from: russia |"), "{out}");
    for reader in ["russia", "finland", "germany"] {
        assert!(lines[3].contains(reader), "{reader} missing: {out}");
    }
    assert!(!lines[3].contains("estonia"), "{out}");
    assert_eq!(lines[4], "    Tallinn is bluffing");
    for (head, text) in [(lines[5], lines[6]), (lines[7], lines[8])] {
        assert!(
            head.contains("| from: finland |") || head.contains("| from: germany |"),
            "{out}"
        );
        assert!(head.contains("russia"), "{out}");
        assert!(
            text.contains("has read your message. Its position:"),
            "{out}"
        );
    }
    assert_eq!(lines[9], "4 messages");
}

/// A wrong key is refused with the server's reason and a failing exit, and changes nothing;
/// the old spellings (`start|pause|resume|advance|end`, options before or after) still work.
#[test]
fn control_refuses_a_wrong_key_and_keeps_the_old_spellings() {
    let server = Server::start("control-key");
    let (code, key) = server.create(false);
    let _alice = server.student(&code, "Alice");
    for args in [
        &["start"][..],
        &["channels"],
        &["assign", "--name", "Alice", "--seat", "tallinn"],
        &["inject", "inj_paet_statement"],
    ] {
        let o = server.control(&code, "not-the-key", args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&o).contains("refused (unauthorised): only the control cell may do this"),
            "{args:?}: {}",
            stderr(&o)
        );
        assert!(stdout(&o).is_empty(), "{args:?} printed {}", stdout(&o));
    }
    let status = server.status(&code);
    assert_eq!(field(&status, "started"), "no");
    assert_eq!(
        seat_holder(&status, "tallinn"),
        "free (the computer plays it)"
    );
    let o = threshold(&[
        "exercise",
        "control",
        &code,
        "--server",
        &server.addr,
        "start",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("'--key' is required"), "{}", stderr(&o));

    // Options after the action, as before.
    let o = threshold(&[
        "exercise",
        "control",
        &code,
        "start",
        "--server",
        &server.addr,
        "--key",
        &key,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(field(&stdout(&o), "phase"), "briefing");
    assert_eq!(field(&server.status(&code), "started"), "yes");
    let out = server.control_ok(&code, &key, &["pause"]);
    assert_eq!(field(&out, "seconds-left"), "- (paused)");
    assert_eq!(field(&server.status(&code), "paused"), "yes");
    server.control_ok(&code, &key, &["resume"]);
    assert_eq!(field(&server.status(&code), "paused"), "no");
    let out = server.control_ok(&code, &key, &["advance"]);
    assert_eq!(field(&out, "phase"), "negotiation");
    server.control_ok(&code, &key, &["end"]);
    let status = server.status(&code);
    assert_eq!(field(&status, "ended"), "yes");
    assert_eq!(field(&status, "phase"), "ended");
}

/// Started bare on a machine without a display, the program says so in one line and names
/// the headless commands, instead of panicking inside the windowing library.
#[cfg(feature = "client")]
#[test]
fn without_a_display_the_window_says_what_runs_headless() {
    let out = Command::new(env!("CARGO_BIN_EXE_threshold"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("WAYLAND_SOCKET")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("no display"), "{err}");
    assert!(
        err.contains("threshold play") && err.contains("threshold serve"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}
