//! An academy's server: instructor accounts, the limits that hold under abuse, and the
//! data an academy must manage (delete, retention, backup and restore). Hub tests drive the
//! rules directly; the rest go through a real `threshold serve` and the command line.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

use threshold::net::client::{Connection, Endpoint};
use threshold::net::hub::{Hub, Policy};
use threshold::net::protocol::*;
use threshold::store::Store;

use crate::common::{certificate, scenario_path, scenario_source, scratch};

const BIN: &str = env!("CARGO_BIN_EXE_threshold");
const ADDR: &str = "10.0.0.1";
const TIMEOUT: Duration = Duration::from_secs(10);

fn create(session: Option<String>) -> ClientMessage {
    ClientMessage::CreateExercise {
        scenario_file: "estonia_2007.ron".into(),
        scenario_source: scenario_source("estonia_2007"),
        seed: Some(1),
        session,
    }
}

fn why(m: &ServerMessage) -> Option<Refusal> {
    match m {
        ServerMessage::Refused { refusal, .. } => Some(*refusal),
        _ => None,
    }
}

/// A hub with one instructor on a store in `dir`; returns it and the password.
fn hub_with_instructor(dir: &std::path::Path, policy: Policy) -> (Hub, String) {
    let store = Store::open(dir).expect("store");
    let password = store.add_instructor("amira").expect("added");
    let mut hub = Hub::with_store(1, store).expect("hub");
    hub.set_policy(policy);
    (hub, password)
}

fn sign_in(hub: &mut Hub, address: &str, now: u64, password: &str) -> ServerMessage {
    hub.handle(
        address,
        now,
        ClientMessage::SignIn {
            name: "amira".into(),
            password: password.into(),
        },
    )
    .reply
}

fn closed() -> Policy {
    Policy {
        open: false,
        ..Policy::default()
    }
}

#[test]
fn only_a_signed_in_instructor_creates_and_sees_their_own_exercises() {
    let dir = scratch("academy-sign-in");
    let (mut hub, password) = hub_with_instructor(&dir, closed());
    // Nobody signed in, a made-up session, a wrong password: refused, nothing created.
    assert_eq!(
        why(&hub.handle(ADDR, 0, create(None)).reply),
        Some(Refusal::Unauthorised)
    );
    assert_eq!(
        why(&hub.handle(ADDR, 0, create(Some("made-up".into()))).reply),
        Some(Refusal::Unauthorised)
    );
    assert_eq!(
        why(&sign_in(&mut hub, ADDR, 0, "guess")),
        Some(Refusal::Unauthorised)
    );
    assert_eq!(hub.exercise_count(), 0);
    let ServerMessage::SignedIn { session, name } = sign_in(&mut hub, ADDR, 0, &password) else {
        panic!("the right password signs in");
    };
    assert_eq!(name, "amira");
    let ServerMessage::Created { code, .. } =
        hub.handle(ADDR, 5, create(Some(session.clone()))).reply
    else {
        panic!("a signed-in instructor creates");
    };
    assert_eq!(
        hub.exercise(&code).unwrap().instructor.as_deref(),
        Some("amira")
    );
    let ServerMessage::Exercises(mine) = hub
        .handle(
            ADDR,
            6,
            ClientMessage::MyExercises {
                session: session.clone(),
            },
        )
        .reply
    else {
        panic!("My exercises");
    };
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].code, code);
    assert_eq!(mine[0].created_ms, 5);
    assert_eq!(mine[0].title.en, "Estonia 2007: Bronze Night");
    assert!(!mine[0].started && !mine[0].ended);
    // A session lasts its time, then it must be renewed.
    let later = threshold::net::hub::SESSION_MS + 1;
    assert_eq!(
        why(&hub.handle(ADDR, later, create(Some(session))).reply),
        Some(Refusal::Unauthorised)
    );
    assert_eq!(hub.exercise_count(), 1);
}

#[test]
fn wrong_passwords_are_slowed_as_wrong_join_codes_are() {
    let dir = scratch("academy-slow");
    let (mut hub, password) = hub_with_instructor(&dir, closed());
    for _ in 0..threshold::net::hub::FREE_FAILURES {
        assert_eq!(
            why(&sign_in(&mut hub, ADDR, 0, "guess")),
            Some(Refusal::Unauthorised)
        );
    }
    // The next wrong one starts the wait; meanwhile even the right password waits.
    assert_eq!(
        why(&sign_in(&mut hub, ADDR, 0, "guess")),
        Some(Refusal::Unauthorised)
    );
    assert_eq!(
        why(&sign_in(&mut hub, ADDR, 10, &password)),
        Some(Refusal::SlowDown)
    );
    // Wrong join codes count against the same address.
    assert_eq!(
        why(&hub
            .handle(
                ADDR,
                10,
                ClientMessage::Join {
                    code: "ZZZZZZ".into(),
                    name: "x".into()
                }
            )
            .reply),
        Some(Refusal::SlowDown)
    );
    // Another address is not held up, and the wait ends.
    assert!(matches!(
        sign_in(&mut hub, "10.0.0.2", 10, &password),
        ServerMessage::SignedIn { .. }
    ));
    assert!(matches!(
        sign_in(&mut hub, ADDR, 5_000, &password),
        ServerMessage::SignedIn { .. }
    ));
    // Many addresses at once: the server checks eight passwords a second, all together (each
    // check is a password hash on its loop), and asks the rest to try again a moment later.
    for i in 0..8 {
        let from = format!("10.0.1.{i}");
        assert_eq!(
            why(&sign_in(&mut hub, &from, 9_000, "guess")),
            Some(Refusal::Unauthorised)
        );
    }
    let ServerMessage::Refused {
        refusal, message, ..
    } = sign_in(&mut hub, "10.0.2.1", 9_500, &password)
    else {
        panic!("a ninth check in the second waits");
    };
    assert_eq!(refusal, Refusal::SlowDown);
    assert!(message.contains("try again in a moment"), "{message}");
    assert!(matches!(
        sign_in(&mut hub, "10.0.2.1", 10_000, &password),
        ServerMessage::SignedIn { .. }
    ));
}

#[test]
fn limits_refuse_clearly_and_change_nothing() {
    let dir = scratch("academy-limits");
    let policy = Policy {
        open: false,
        max_exercises: 3,
        max_per_instructor: 2,
        max_participants: 2,
        max_scenario_bytes: 300 * 1024,
        ..Policy::default()
    };
    let (mut hub, password) = hub_with_instructor(&dir, policy);
    let ServerMessage::SignedIn { session, .. } = sign_in(&mut hub, ADDR, 0, &password) else {
        panic!("signed in");
    };
    let mut codes = Vec::new();
    for _ in 0..2 {
        match hub.handle(ADDR, 0, create(Some(session.clone()))).reply {
            ServerMessage::Created { code, .. } => codes.push(code),
            other => panic!("{other:?}"),
        }
    }
    // Past the quota per instructor.
    let ServerMessage::Refused {
        refusal, message, ..
    } = hub.handle(ADDR, 0, create(Some(session.clone()))).reply
    else {
        panic!("a third exercise is refused");
    };
    assert_eq!(refusal, Refusal::Limit);
    assert!(message.contains("limit per instructor"), "{message}");
    // An upload too large is refused before it is read.
    let big = ClientMessage::CreateExercise {
        scenario_file: "big.ron".into(),
        scenario_source: "x".repeat(400 * 1024),
        seed: None,
        session: Some(session.clone()),
    };
    let reply = hub.handle(ADDR, 0, big).reply;
    assert_eq!(why(&reply), Some(Refusal::Limit));
    // Past the server's limit: a second instructor has room of their own, the server not.
    let second = Store::open(&dir).unwrap().add_instructor("second").unwrap();
    let ServerMessage::SignedIn { session: s2, .. } = hub
        .handle(
            ADDR,
            0,
            ClientMessage::SignIn {
                name: "second".into(),
                password: second,
            },
        )
        .reply
    else {
        panic!("the second instructor signs in");
    };
    assert!(matches!(
        hub.handle(ADDR, 0, create(Some(s2.clone()))).reply,
        ServerMessage::Created { .. }
    ));
    let ServerMessage::Refused {
        refusal: r,
        message,
        ..
    } = hub.handle(ADDR, 0, create(Some(s2))).reply
    else {
        panic!("the server is full");
    };
    assert_eq!(r, Refusal::Limit);
    assert!(message.contains("limit of 3 exercises"), "{message}");
    // Participants per exercise.
    let join = |hub: &mut Hub, name: &str| {
        hub.handle(
            ADDR,
            0,
            ClientMessage::Join {
                code: codes[0].clone(),
                name: name.into(),
            },
        )
        .reply
    };
    assert!(matches!(join(&mut hub, "a"), ServerMessage::Joined { .. }));
    assert!(matches!(join(&mut hub, "b"), ServerMessage::Joined { .. }));
    let full = join(&mut hub, "c");
    assert_eq!(why(&full), Some(Refusal::Limit), "{full:?}");
    assert_eq!(hub.exercise_count(), 3);
}

#[test]
fn an_instructor_who_uploads_too_often_waits_and_the_library_is_not_counted() {
    let dir = scratch("academy-uploads");
    let policy = Policy {
        max_uploads_per_hour: 2,
        ..closed()
    };
    let (mut hub, password) = hub_with_instructor(&dir, policy);
    let ServerMessage::SignedIn { session, .. } = sign_in(&mut hub, ADDR, 0, &password) else {
        panic!("signed in");
    };
    let broken = |at: u64, hub: &mut Hub| {
        hub.handle(
            ADDR,
            at,
            ClientMessage::CreateExercise {
                scenario_file: "draft.ron".into(),
                scenario_source: "(id: ".into(),
                seed: None,
                session: Some(session.clone()),
            },
        )
        .reply
    };
    // Two files are checked, whether or not they load; the third within the hour is not.
    assert!(matches!(
        broken(0, &mut hub),
        ServerMessage::ScenarioProblems(_)
    ));
    assert!(matches!(
        hub.handle(ADDR, 1_000, create(Some(session.clone()))).reply,
        ServerMessage::Created { .. }
    ));
    let ServerMessage::Refused {
        refusal, message, ..
    } = broken(2_000, &mut hub)
    else {
        panic!("a third upload in the hour is refused");
    };
    assert_eq!(refusal, Refusal::Limit);
    assert!(
        message.contains("2 scenario files this past hour"),
        "{message}"
    );
    assert_eq!(hub.exercise_count(), 1);
    // The server's own library is not an upload.
    hub.handle(
        ADDR,
        2_000,
        ClientMessage::Library {
            session: Some(session.clone()),
        },
    );
    hub.set_library([(
        "estonia_2007.ron".to_string(),
        scenario_source("estonia_2007"),
    )]);
    let library = hub.handle(
        ADDR,
        2_000,
        ClientMessage::CreateFromLibrary {
            file: "estonia_2007.ron".into(),
            seed: None,
            session: Some(session.clone()),
        },
    );
    assert!(
        matches!(library.reply, ServerMessage::Created { .. }),
        "{:?}",
        library.reply
    );
    // An hour after the first, one more may go.
    assert!(matches!(
        broken(3_600_000, &mut hub),
        ServerMessage::ScenarioProblems(_)
    ));
    assert_eq!(why(&broken(3_600_500, &mut hub)), Some(Refusal::Limit));
}

/// The running exercises stay in memory; the others leave it once idle and come back from
/// the store, as they were, when someone joins, reads or acts in them, or lists them.
#[test]
fn idle_exercises_leave_memory_and_come_back_from_the_store_as_they_were() {
    let dir = scratch("academy-unload");
    let policy = Policy {
        unload_idle_ms: 60_000,
        ..closed()
    };
    let (mut hub, password) = hub_with_instructor(&dir, policy.clone());
    let ServerMessage::SignedIn { session, .. } = sign_in(&mut hub, ADDR, 0, &password) else {
        panic!("signed in");
    };
    let mut made = Vec::new();
    for _ in 0..3 {
        let ServerMessage::Created {
            code,
            instructor_key,
        } = hub.handle(ADDR, 0, create(Some(session.clone()))).reply
        else {
            panic!("created");
        };
        made.push((code, instructor_key));
    }
    let control = |hub: &mut Hub, at: u64, (code, key): &(String, String), action| {
        hub.handle(
            ADDR,
            at,
            ClientMessage::Control {
                code: code.clone(),
                key: key.clone(),
                action,
            },
        )
        .reply
    };
    // One runs; one has a student in a seat; one was started and paused.
    assert_eq!(
        control(&mut hub, 0, &made[0], ControlAction::Start),
        ServerMessage::Ack
    );
    let ServerMessage::Joined { token, .. } = hub
        .handle(
            ADDR,
            0,
            ClientMessage::Join {
                code: made[1].0.clone(),
                name: "Alice".into(),
            },
        )
        .reply
    else {
        panic!("joined");
    };
    let claim = ClientMessage::ClaimSeat {
        token: token.clone(),
        seat: "tallinn".into(),
    };
    assert_eq!(hub.handle(ADDR, 0, claim).reply, ServerMessage::Ack);
    assert_eq!(
        control(&mut hub, 0, &made[2], ControlAction::Start),
        ServerMessage::Ack
    );
    assert_eq!(
        control(&mut hub, 0, &made[2], ControlAction::Pause),
        ServerMessage::Ack
    );
    let hash = |hub: &Hub, code: &str| hub.exercise(code).map(|h| h.exercise.state_hash());
    let before: Vec<_> = made.iter().map(|(c, _)| hash(&hub, c).unwrap()).collect();
    let listed = |hub: &mut Hub, at: u64| match hub
        .handle(
            ADDR,
            at,
            ClientMessage::MyExercises {
                session: session.clone(),
            },
        )
        .reply
    {
        ServerMessage::Exercises(list) => list,
        other => panic!("{other:?}"),
    };
    let before_list = listed(&mut hub, 0);

    // Not yet idle long enough; then Alice's connection is still open.
    assert!(hub.unload_idle(59_000).is_empty());
    assert_eq!(hub.unload_idle(61_000), vec![made[2].0.clone()]);
    hub.set_connected(&token, false, 61_000);
    assert_eq!(hub.unload_idle(200_000), vec![made[1].0.clone()]);
    assert_eq!((hub.loaded_count(), hub.exercise_count()), (1, 3));
    assert!(hub.exercise(&made[1].0).is_none());
    // Listed from what the hub kept, exactly as when they were in memory.
    assert_eq!(listed(&mut hub, 200_000), before_list);
    assert_eq!(hub.loaded_count(), 1);

    // Alice comes back with her link: the exercise is brought back, her seat with it.
    let back = hub.handle(
        ADDR,
        200_000,
        ClientMessage::Resume {
            token: token.clone(),
        },
    );
    assert!(
        matches!(back.reply, ServerMessage::Joined { .. }),
        "{:?}",
        back.reply
    );
    assert_eq!(back.views.len(), 1);
    assert_eq!(back.views[0].1.seat, "tallinn");
    assert_eq!(hash(&hub, &made[1].0).as_ref(), Some(&before[1]));
    // The control cell resumes the paused one.
    assert_eq!(
        control(&mut hub, 200_000, &made[2], ControlAction::Resume),
        ServerMessage::Ack
    );
    assert_eq!(hash(&hub, &made[2].0).as_ref(), Some(&before[2]));
    assert_eq!(hub.loaded_count(), 3);

    // A restarted server loads only what runs (the first and the resumed third); the
    // rest answers as before.
    drop(hub);
    let mut hub = Hub::with_store(2, Store::open(&dir).unwrap()).unwrap();
    hub.set_policy(policy);
    assert_eq!((hub.loaded_count(), hub.exercise_count()), (2, 3));
    assert!(hub.exercise(&made[1].0).is_none());
    let status = hub.handle(
        ADDR,
        0,
        ClientMessage::Status {
            code: made[1].0.clone(),
        },
    );
    let ServerMessage::Status(status) = status.reply else {
        panic!("{:?}", status.reply);
    };
    assert_eq!(
        status
            .seats
            .iter()
            .filter(|s| !s.members.is_empty())
            .count(),
        1
    );
    assert_eq!(hash(&hub, &made[1].0).as_ref(), Some(&before[1]));
    // Joining by code brings it back too; a wrong code brings nothing.
    assert_eq!(
        why(&hub
            .handle(
                ADDR,
                0,
                ClientMessage::Join {
                    code: "ZZZZZZ".into(),
                    name: "Eve".into()
                }
            )
            .reply),
        Some(Refusal::Unauthorised)
    );
    assert_eq!(hub.exercise_count(), 3);
}

/// A semester's server: 2,000 exercises stored, 200 of them running. It starts with the 200
/// in memory and brings any other back when a student joins it. (`cargo bench --bench
/// academy` reports the time and memory of such a start with the real scenarios.)
#[test]
fn a_server_with_two_thousand_stored_exercises_starts_with_the_running_ones_only() {
    let dir = scratch("academy-2000");
    let mut codes = Vec::new();
    {
        let mut hub = Hub::with_store(1, Store::open(&dir).unwrap()).unwrap();
        hub.begin_batch().unwrap();
        for i in 0..2000 {
            let (file, source) = if i < 200 {
                (
                    "estonia_2007.ron".to_string(),
                    scenario_source("estonia_2007"),
                )
            } else {
                (
                    "minimal.ron".to_string(),
                    crate::common::minimal("", "Always"),
                )
            };
            let made = ClientMessage::CreateExercise {
                scenario_file: file,
                scenario_source: source,
                seed: Some(i),
                session: None,
            };
            let ServerMessage::Created {
                code,
                instructor_key,
            } = hub.handle(ADDR, 0, made).reply
            else {
                panic!("created");
            };
            if i < 200 {
                let start = ClientMessage::Control {
                    code: code.clone(),
                    key: instructor_key,
                    action: ControlAction::Start,
                };
                assert_eq!(hub.handle(ADDR, 0, start).reply, ServerMessage::Ack);
            }
            codes.push(code);
        }
        hub.commit_batch().unwrap();
        assert_eq!(hub.unload_idle(u64::MAX).len(), 1800);
    }
    let mut hub = Hub::with_store(2, Store::open(&dir).unwrap()).unwrap();
    assert_eq!((hub.loaded_count(), hub.exercise_count()), (200, 2000));
    assert!(codes[..200].iter().all(|c| hub.exercise(c).is_some()));
    assert!(hub.exercise(&codes[1999]).is_none());
    let join = ClientMessage::Join {
        code: codes[1999].to_lowercase(),
        name: "Karim".into(),
    };
    assert!(matches!(
        hub.handle(ADDR, 0, join).reply,
        ServerMessage::Joined { .. }
    ));
    assert_eq!(hub.loaded_count(), 201);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn deleting_and_retention_remove_an_exercise_and_its_participants_for_good() {
    let dir = scratch("academy-delete");
    let mut hub = Hub::with_store(1, Store::open(&dir).unwrap()).unwrap();
    let mut made = Vec::new();
    for _ in 0..2 {
        let ServerMessage::Created {
            code,
            instructor_key,
        } = hub.handle(ADDR, 0, create(None)).reply
        else {
            panic!("created");
        };
        hub.handle(
            ADDR,
            0,
            ClientMessage::Join {
                code: code.clone(),
                name: "Lea".into(),
            },
        );
        made.push((code, instructor_key));
    }
    let control = |code: &str, key: &str, action| ClientMessage::Control {
        code: code.into(),
        key: key.into(),
        action,
    };
    // The first ends; a purge of what ended before now takes it, not the other.
    let (a, ka) = &made[0];
    let at = hub.exercise(a).unwrap().exercise.moment();
    hub.handle(
        ADDR,
        0,
        control(
            a,
            ka,
            ControlAction::Game {
                act: ControlAct::End,
                at,
            },
        ),
    );
    assert!(hub.exercise(a).unwrap().exercise.ended());
    assert!(hub.purge_ended_before(0).unwrap().is_empty());
    let far = u64::MAX / 4;
    assert_eq!(hub.purge_ended_before(far).unwrap(), vec![a.clone()]);
    assert!(hub.exercise(a).is_none());
    // The second is deleted by its control cell (a wrong key changes nothing).
    let (b, kb) = &made[1];
    assert_eq!(
        why(&hub
            .handle(ADDR, 0, control(b, "wrong", ControlAction::Delete))
            .reply),
        Some(Refusal::Unauthorised)
    );
    assert!(matches!(
        hub.handle(ADDR, 0, control(b, kb, ControlAction::Delete))
            .reply,
        ServerMessage::Ack
    ));
    drop(hub);
    // Nothing is left in the store: no exercise, no participant's name, no journal.
    let mut store = Store::open(&dir).unwrap();
    assert_eq!(store.exercise_count().unwrap(), 0);
    assert!(store.load_all().unwrap().is_empty());
    let again = Hub::with_store(2, store).unwrap();
    assert_eq!(again.exercise_count(), 0);
}

// ---------------------------------------------------------------------------------------
// Through a real server and the command line.

fn threshold(args: &[&str], password: Option<&str>) -> Output {
    let mut c = Command::new(BIN);
    c.args(args).stdin(Stdio::null());
    match password {
        Some(p) => c.env("THRESHOLD_PASSWORD", p),
        None => c.env_remove("THRESHOLD_PASSWORD"),
    };
    c.output().expect("threshold runs")
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn free_port() -> String {
    std::net::UdpSocket::bind("127.0.0.1:0")
        .and_then(|s| s.local_addr())
        .expect("a free port")
        .to_string()
}

struct Served {
    child: Child,
    addr: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(data: &std::path::Path, extra: &[&str]) -> Served {
    let addr = free_port();
    let web_root: &[&str] = if extra.contains(&"--web-root") {
        &[]
    } else {
        &["--web-root", "no-web-client"]
    };
    let mut child = Command::new(BIN)
        .args(["serve", "--addr", &addr, "--data-dir"])
        .arg(data)
        .args(web_root)
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("server starts");
    let mut reader = BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    reader.read_line(&mut line).expect("a first line");
    assert!(line.starts_with("listening on"), "{line}");
    std::thread::spawn(move || std::io::copy(&mut reader, &mut std::io::sink()));
    Served { child, addr }
}

#[test]
fn instructors_are_managed_on_the_server_and_create_exercises_from_the_command_line() {
    let dir = scratch("academy-cli");
    let data = dir.join("data");
    let data_s = data.to_str().unwrap();
    let added = threshold(&["instructor", "add", "amira", "--data-dir", data_s], None);
    assert!(added.status.success(), "{}", err(&added));
    let password = crate::common::field(&out(&added), "password").expect("password: printed");
    assert_eq!(password.len(), 20);
    // Stored only as a salted hash.
    let db = std::fs::read(data.join("threshold.db")).unwrap_or_default();
    let wal = std::fs::read(data.join("threshold.db-wal")).unwrap_or_default();
    let needle = password.as_bytes();
    assert!(
        ![&db, &wal]
            .iter()
            .any(|b| b.windows(needle.len()).any(|w| w == needle)),
        "the password itself is stored"
    );
    let twice = threshold(&["instructor", "add", "amira", "--data-dir", data_s], None);
    assert_eq!(twice.status.code(), Some(1));
    assert!(err(&twice).contains("already exists"), "{}", err(&twice));
    let server = serve(&data, &["--max-exercises-per-instructor", "1"]);
    let scenario = scenario_path("estonia_2007");
    let scenario = scenario.to_str().unwrap();
    let create_as = |password: Option<&str>, who: Option<&str>| {
        let mut args = vec!["exercise", "create", scenario, "--server", &server.addr];
        if let Some(w) = who {
            args.extend(["--instructor", w]);
        }
        threshold(&args, password)
    };
    // Without signing in, with a wrong password: the server's reason, exit 1.
    let anonymous = create_as(None, None);
    assert_eq!(anonymous.status.code(), Some(1));
    assert!(
        err(&anonymous).contains("only a signed-in instructor may create an exercise"),
        "{}",
        err(&anonymous)
    );
    let wrong = create_as(Some("not-it"), Some("amira"));
    assert_eq!(wrong.status.code(), Some(1));
    assert!(
        err(&wrong).contains("wrong instructor name or password"),
        "{}",
        err(&wrong)
    );
    let made = create_as(Some(&password), Some("amira"));
    assert!(made.status.success(), "{}", err(&made));
    let code = crate::common::field(&out(&made), "join code").unwrap();
    let key = crate::common::field(&out(&made), "instructor key").unwrap();
    // Past the quota.
    let over = create_as(Some(&password), Some("amira"));
    assert_eq!(over.status.code(), Some(1));
    assert!(err(&over).contains("(limit)"), "{}", err(&over));
    // My exercises ("exercise list", signed in with a password), and the key keeps working
    // for everything else.
    let list_as = |password: &str| {
        threshold(
            &[
                "exercise",
                "list",
                "--server",
                &server.addr,
                "--instructor",
                "amira",
            ],
            Some(password),
        )
    };
    let list = list_as(&password);
    assert!(list.status.success(), "{}", err(&list));
    assert!(
        out(&list).contains(&code) && out(&list).contains(&key),
        "{}",
        out(&list)
    );
    let started = threshold(
        &[
            "exercise",
            "control",
            &code,
            "--server",
            &server.addr,
            "--key",
            &key,
            "start",
        ],
        None,
    );
    assert!(started.status.success(), "{}", err(&started));
    // The list shows when each was added and how many exercises each holds.
    let listed = threshold(&["instructor", "list", "--data-dir", data_s], None);
    assert!(
        out(&listed).starts_with("amira\tadded 20"),
        "{}",
        out(&listed)
    );
    assert!(out(&listed).contains("\t1 exercises"), "{}", out(&listed));
    // A reset password replaces the old one at once; a removed instructor cannot sign in.
    let reset = threshold(
        &["instructor", "reset", "amira", "--data-dir", data_s],
        None,
    );
    let new = crate::common::field(&out(&reset), "password").unwrap();
    let old = list_as(&password);
    assert_eq!(old.status.code(), Some(1));
    let fresh = list_as(&new);
    assert!(fresh.status.success(), "{}", err(&fresh));
    let removed = threshold(
        &["instructor", "remove", "amira", "--data-dir", data_s],
        None,
    );
    assert!(removed.status.success(), "{}", err(&removed));
    let gone = list_as(&new);
    assert_eq!(gone.status.code(), Some(1));
    // Backup while serving, delete, restore: the exercise comes back.
    let backup = dir.join("backup.db");
    let b = threshold(
        &[
            "backup",
            "--data-dir",
            data_s,
            "--out",
            backup.to_str().unwrap(),
        ],
        None,
    );
    assert!(b.status.success(), "{}", err(&b));
    assert!(out(&b).contains("backed up 1 exercises"), "{}", out(&b));
    let deleted = threshold(
        &[
            "exercise",
            "delete",
            &code,
            "--server",
            &server.addr,
            "--key",
            &key,
        ],
        None,
    );
    assert!(deleted.status.success(), "{}", err(&deleted));
    let status = threshold(
        &["exercise", "status", &code, "--server", &server.addr],
        None,
    );
    assert_eq!(status.status.code(), Some(1));
    drop(server);
    let restored = dir.join("restored");
    let r = threshold(
        &[
            "restore",
            backup.to_str().unwrap(),
            "--data-dir",
            restored.to_str().unwrap(),
        ],
        None,
    );
    assert!(r.status.success(), "{}", err(&r));
    let server = serve(&restored, &[]);
    let status = threshold(
        &["exercise", "status", &code, "--server", &server.addr],
        None,
    );
    assert!(status.status.success(), "{}", err(&status));
    assert!(out(&status).contains("started: yes"), "{}", out(&status));
    // Restoring over a data dir that holds one needs --force.
    let again = threshold(
        &[
            "restore",
            backup.to_str().unwrap(),
            "--data-dir",
            restored.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(again.status.code(), Some(1));
}

#[test]
fn five_hundred_unauthenticated_creates_are_all_refused_and_leave_nothing() {
    let dir = scratch("academy-abuse");
    let data = dir.join("data");
    Store::open(&data).unwrap().add_instructor("amira").unwrap();
    let server = serve(&data, &[]);
    let endpoint: Endpoint = server.addr.parse().unwrap();
    let mut c = Connection::connect(&endpoint, TIMEOUT).expect("connects");
    let mut refused = std::collections::HashMap::new();
    for i in 0..500u32 {
        let reply = c
            .request(
                ClientMessage::CreateExercise {
                    scenario_file: format!("attempt-{i}.ron"),
                    // Small, as an attacker's would be (a real scenario is 210–270 KB).
                    scenario_source: format!("(id: \"attempt_{i}\")"),
                    seed: Some(u64::from(i)),
                    session: (i % 2 == 1).then(|| format!("guessed-session-{i}")),
                },
                TIMEOUT,
            )
            .expect("an answer");
        match reply {
            ServerMessage::Refused { refusal, .. } => *refused.entry(refusal).or_insert(0) += 1,
            other => panic!("attempt {i} was not refused: {other:?}"),
        }
    }
    assert_eq!(refused.values().sum::<u32>(), 500, "{refused:?}");
    // Refused as unauthorised (or slowed down past 200 a second), never read as a scenario.
    assert!(
        refused
            .keys()
            .all(|r| matches!(r, Refusal::Unauthorised | Refusal::SlowDown)),
        "{refused:?}"
    );
    drop(c);
    drop(server);
    let mut store = Store::open(&data).unwrap();
    assert_eq!(store.exercise_count().unwrap(), 0);
    assert!(store.load_all().unwrap().is_empty());
}

// ---------------------------------------------------------------------------------------
// Encrypted transport: HTTPS and secure WebSockets on the TCP port, and UDP only with a
// connect token the server signed, fetched over HTTPS.

/// One HTTPS request to the server, trusting `ca`: the whole answer.
fn https_get(addr: &str, path: &str, ca: &std::path::Path) -> String {
    use rustls::pki_types::pem::PemObject;
    use std::io::{Read, Write};
    let mut roots = rustls::RootCertStore::empty();
    for c in rustls::pki_types::CertificateDer::pem_file_iter(ca).unwrap() {
        roots.add(c.unwrap()).unwrap();
    }
    let config = rustls::ClientConfig::builder_with_provider(std::sync::Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_root_certificates(roots)
    .with_no_client_auth();
    let name = rustls::pki_types::ServerName::try_from("127.0.0.1").unwrap();
    let tls = rustls::ClientConnection::new(std::sync::Arc::new(config), name).unwrap();
    let tcp = std::net::TcpStream::connect(addr).unwrap();
    tcp.set_read_timeout(Some(TIMEOUT)).unwrap();
    let mut s = rustls::StreamOwned::new(tls, tcp);
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept-Encoding: gzip\r\n\r\n"
    )
    .unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

fn plain_get(addr: &str, path: &str) -> String {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(TIMEOUT)).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

fn threshold_with_ca(args: &[&str], ca: Option<&std::path::Path>) -> Output {
    let mut c = Command::new(BIN);
    c.args(args)
        .stdin(Stdio::null())
        .env_remove("THRESHOLD_PASSWORD");
    match ca {
        Some(ca) => c.env("THRESHOLD_CA_FILE", ca),
        None => c.env_remove("THRESHOLD_CA_FILE"),
    };
    c.output().expect("threshold runs")
}

#[test]
fn a_server_with_a_certificate_speaks_only_tls_and_signs_every_udp_connection() {
    let dir = scratch("academy-tls");
    let (cert, key) = certificate(&dir.join("tls"));
    let web = dir.join("web");
    std::fs::create_dir_all(&web).unwrap();
    std::fs::write(
        web.join("index.html"),
        "<!doctype html><title>Threshold</title>",
    )
    .unwrap();
    let server = serve(
        &dir.join("data"),
        &[
            "--open",
            "--tls-cert",
            cert.to_str().unwrap(),
            "--tls-key",
            key.to_str().unwrap(),
            "--web-root",
            web.to_str().unwrap(),
        ],
    );
    let addr = server.addr.clone();
    // The page over HTTPS; plain HTTP is sent there.
    let page = https_get(&addr, "/?code=ABC", &cert);
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(page.contains("<title>Threshold</title>"), "{page}");
    let plain = plain_get(&addr, "/?code=ABC");
    assert!(plain.starts_with("HTTP/1.1 301"), "{plain}");
    assert!(
        plain.contains(&format!("Location: https://{addr}/?code=ABC")),
        "{plain}"
    );
    // A desktop client: a token over HTTPS, then encrypted UDP.
    let port = addr.rsplit(':').next().unwrap();
    let https = format!("https://127.0.0.1:{port}");
    let scenario = scenario_path("estonia_2007");
    let made = threshold_with_ca(
        &[
            "exercise",
            "create",
            scenario.to_str().unwrap(),
            "--server",
            &https,
        ],
        Some(&cert),
    );
    assert!(made.status.success(), "{}", err(&made));
    let code = crate::common::field(&out(&made), "join code").unwrap();
    // A browser's way over secure WebSockets.
    let wss = format!("wss://127.0.0.1:{port}");
    let status = threshold_with_ca(
        &["exercise", "status", &code, "--server", &wss],
        Some(&cert),
    );
    assert!(status.status.success(), "{}", err(&status));
    assert!(out(&status).contains("started: no"), "{}", out(&status));
    // Without trusting the certificate, nothing connects.
    let untrusted = threshold_with_ca(&["exercise", "status", &code, "--server", &https], None);
    assert_eq!(untrusted.status.code(), Some(1));
    assert!(
        err(&untrusted).to_lowercase().contains("certificate"),
        "{}",
        err(&untrusted)
    );
    // A client that makes its own (unsigned) token is never let in over UDP.
    assert!(!unsigned_udp_client_connects(&addr));
}

/// Whether a netcode client with a token it made itself (netcode's unsecure mode, as every
/// client used before) connects to the server's UDP socket within two seconds.
fn unsigned_udp_client_connects(addr: &str) -> bool {
    use renet2::RenetClient;
    use renet2_netcode::{ClientAuthentication, NativeSocket, NetcodeClientTransport};
    use threshold::net::netcode::{NETCODE_PROTOCOL_ID, UDP_SOCKET, connection_config};
    let server: std::net::SocketAddr = addr.parse().unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap();
    let auth = ClientAuthentication::Unsecure {
        protocol_id: NETCODE_PROTOCOL_ID,
        client_id: 42,
        socket_id: UDP_SOCKET as u8,
        server_addr: server,
        user_data: None,
    };
    let socket = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let mut transport =
        NetcodeClientTransport::new(now, auth, NativeSocket::new(socket).unwrap()).unwrap();
    let mut client = RenetClient::new(connection_config(), transport.is_reliable());
    let start = std::time::Instant::now();
    let mut last = start;
    while start.elapsed() < Duration::from_secs(2) {
        let dt = last.elapsed();
        last = std::time::Instant::now();
        client.update(dt);
        let _ = transport.update(dt, &mut client);
        if client.is_connected() {
            return true;
        }
        let _ = transport.send_packets(&mut client);
        std::thread::sleep(Duration::from_millis(10));
    }
    false
}

#[test]
fn instructors_create_from_the_library_or_an_upload_whose_problems_come_back_with_their_places() {
    let dir = scratch("academy-library");
    let (mut hub, password) = hub_with_instructor(&dir, closed());
    hub.set_library(threshold::scenario::SHIPPED.iter().map(|(file, source)| {
        (
            format!("{}.ron", threshold::scenario::shipped_name(file)),
            source.to_string(),
        )
    }));
    // The library is an instructor's: not for anyone on a server with accounts.
    assert_eq!(
        why(&hub
            .handle(ADDR, 0, ClientMessage::Library { session: None })
            .reply),
        Some(Refusal::Unauthorised)
    );
    let ServerMessage::SignedIn { session, .. } = sign_in(&mut hub, ADDR, 0, &password) else {
        panic!("signed in");
    };
    let ServerMessage::Library(entries) = hub
        .handle(
            ADDR,
            0,
            ClientMessage::Library {
                session: Some(session.clone()),
            },
        )
        .reply
    else {
        panic!("the library");
    };
    let files: Vec<&str> = entries.iter().map(|e| e.file.as_str()).collect();
    assert_eq!(files.len(), threshold::scenario::SHIPPED.len());
    assert!(files.contains(&"estonia_2007.ron"), "{files:?}");
    let estonia = entries
        .iter()
        .find(|e| e.file == "estonia_2007.ron")
        .unwrap();
    assert_eq!(estonia.playable_seats, 6);
    // A file the library does not hold, then one it does.
    let from = |file: &str| ClientMessage::CreateFromLibrary {
        file: file.into(),
        seed: Some(2),
        session: Some(session.clone()),
    };
    assert_eq!(
        why(&hub.handle(ADDR, 0, from("../etc/passwd")).reply),
        Some(Refusal::Scenario)
    );
    let ServerMessage::Created { code, .. } = hub.handle(ADDR, 0, from("estonia_2007.ron")).reply
    else {
        panic!("created from the library");
    };
    assert_eq!(
        hub.exercise(&code).unwrap().scenario_file,
        "estonia_2007.ron"
    );
    // An upload with a mistake: each problem where it is, as a phrase; nothing created.
    let broken = scenario_source("estonia_2007").replacen("seats: [", "seats: [ (oops: 1),", 1);
    let reply = hub
        .handle(
            ADDR,
            0,
            ClientMessage::CreateExercise {
                scenario_file: "mine.ron".into(),
                scenario_source: broken.clone(),
                seed: None,
                session: Some(session.clone()),
            },
        )
        .reply;
    let ServerMessage::ScenarioProblems(problems) = reply else {
        panic!("{reply:?}");
    };
    let at = broken.find("(oops").unwrap();
    let line = broken[..at].lines().count();
    assert_eq!(problems[0].line, line, "{problems:?}");
    assert!(problems[0].message.en().contains("oops"), "{problems:?}");
    // The same problem reads in Arabic too (its words, not only the place).
    let ar = threshold::i18n::Lang::parse("ar")
        .unwrap()
        .say(&problems[0].message);
    assert_ne!(ar, problems[0].message.en(), "{ar}");
    assert_eq!(hub.exercise_count(), 1);
}

#[test]
fn the_class_dashboard_shows_who_is_there_and_who_has_done_nothing_this_phase() {
    use threshold::sim::channels::Channel;
    let mut hub = Hub::new(4);
    let ServerMessage::Created {
        code,
        instructor_key: key,
    } = hub.handle(ADDR, 0, create(None)).reply
    else {
        panic!("created");
    };
    let seat = |hub: &mut Hub, name: &str, seat: &str| {
        let ServerMessage::Joined { token, .. } = hub
            .handle(
                ADDR,
                1_000,
                ClientMessage::Join {
                    code: code.clone(),
                    name: name.into(),
                },
            )
            .reply
        else {
            panic!("joined");
        };
        hub.handle(
            ADDR,
            1_000,
            ClientMessage::ClaimSeat {
                token: token.clone(),
                seat: seat.into(),
            },
        );
        token
    };
    let aino = seat(&mut hub, "Aino", "tallinn");
    let bruno = seat(&mut hub, "Bruno", "moscow");
    let control = |action| ClientMessage::Control {
        code: code.clone(),
        key: key.clone(),
        action,
    };
    hub.handle(ADDR, 2_000, control(ControlAction::Start));
    let at = hub.exercise(&code).unwrap().exercise.moment();
    hub.handle(
        ADDR,
        2_000,
        control(ControlAction::Game {
            act: ControlAct::Advance,
            at,
        }),
    );
    // In the negotiation: Aino writes and drafts an order; Bruno does nothing, then goes.
    let at = hub.exercise(&code).unwrap().exercise.moment();
    let said = hub.handle(
        ADDR,
        3_000,
        ClientMessage::Act {
            token: aino.clone(),
            act: SeatAct::Say {
                channel: Channel::Seats(vec!["tallinn".into(), "helsinki".into()]),
                text: "Tallinn here".into(),
            },
            at,
        },
    );
    assert!(matches!(said.reply, ServerMessage::Ack), "{:?}", said.reply);
    hub.handle(
        ADDR,
        3_000,
        ClientMessage::Drafts {
            token: aino.clone(),
            base: Vec::new(),
            orders: vec![threshold::sim::orders::Order::Harden],
        },
    );
    hub.set_connected(&bruno, false, 4_000);
    let ServerMessage::Dashboard(board) = hub
        .handle(ADDR, 9_000, control(ControlAction::Dashboard))
        .reply
    else {
        panic!("the dashboard");
    };
    let row = |seat: &str| board.seats.iter().find(|r| r.seat == seat).unwrap().clone();
    let person = |name: &str| {
        board
            .people
            .iter()
            .find(|p| p.name == name)
            .unwrap()
            .clone()
    };
    let (a, b) = (row("tallinn"), row("moscow"));
    assert_eq!(a.members, ["Aino"]);
    assert!(!a.idle, "{a:?}");
    assert_eq!((a.drafted, a.sent, a.messages), (1, 0, 1), "{a:?}");
    let (aino_, bruno_) = (person("Aino"), person("Bruno"));
    assert!(aino_.connected && !aino_.idle, "{aino_:?}");
    assert_eq!(aino_.seat.as_deref(), Some("tallinn"));
    assert_eq!(aino_.seen_secs_ago, Some(6));
    assert_eq!(b.members, ["Bruno"]);
    assert!(b.idle, "{b:?}");
    assert!(!bruno_.connected && bruno_.idle, "{bruno_:?}");
    assert_eq!((b.drafted, b.messages), (0, 0));
    assert_eq!(bruno_.seen_secs_ago, Some(5));
    // The control cell downloads the journal: it replays to where the exercise stands.
    let ServerMessage::Journal(jsonl) = hub
        .handle(ADDR, 9_000, control(ControlAction::Journal))
        .reply
    else {
        panic!("the journal");
    };
    let replayed = threshold::sim::journal::Journal::from_jsonl(&jsonl)
        .and_then(|j| j.replay())
        .expect("the journal replays");
    assert_eq!(
        replayed.state_hash(),
        hub.exercise(&code).unwrap().exercise.state_hash()
    );
    // The injects that have fired (the first at the start; one the control cell sends), so
    // the control cell marks them sent.
    let fired = |hub: &mut Hub| match hub
        .handle(ADDR, 9_000, control(ControlAction::FiredInjects))
        .reply
    {
        ServerMessage::FiredInjects(ids) => ids,
        other => panic!("{other:?}"),
    };
    assert_eq!(fired(&mut hub), ["inj_bronze_night"]);
    let at = hub.exercise(&code).unwrap().exercise.moment();
    let sent = hub.handle(
        ADDR,
        9_000,
        control(ControlAction::Game {
            act: ControlAct::Inject {
                inject: "inj_victory_day".into(),
            },
            at,
        }),
    );
    assert_eq!(sent.reply, ServerMessage::Ack);
    assert_eq!(fired(&mut hub), ["inj_bronze_night", "inj_victory_day"]);
    // Seats nobody holds are the computer's, and never idle.
    let finland = row("helsinki");
    assert!(finland.members.is_empty() && !finland.idle);
    // Only the control cell sees it.
    let ServerMessage::Refused { refusal, .. } = hub
        .handle(
            ADDR,
            9_000,
            ClientMessage::Control {
                code: code.clone(),
                key: "not-the-key".into(),
                action: ControlAction::Dashboard,
            },
        )
        .reply
    else {
        panic!("refused");
    };
    assert_eq!(refusal, Refusal::Unauthorised);
}
