//! Nothing acknowledged is lost: a hub backed by SQLite comes back, after it is dropped
//! mid-exercise, at the same state hash, with the same seats and tokens.

use threshold::net::hub::Hub;
use threshold::net::protocol::*;
use threshold::store::Store;

const ADDR: &str = "127.0.0.1:6000";

fn status(hub: &mut Hub, code: &str) -> ExerciseStatus {
    status_at(hub, code, 0)
}

#[test]
fn an_exercise_resumes_at_the_same_state_hash_after_the_server_goes_away() {
    let dir = crate::common::scratch("store-resume");
    let source = crate::common::scenario_source("nato_article5");
    let (code, key, token, hash_before) = {
        let mut hub = Hub::with_store(1, Store::open(&dir).expect("store")).expect("hub");
        let (code, key) = match hub
            .handle(
                ADDR,
                0,
                ClientMessage::CreateExercise {
                    scenario_file: "nato_article5.ron".into(),
                    scenario_source: source.clone(),
                    seed: Some(3),
                    session: None,
                },
            )
            .reply
        {
            ServerMessage::Created {
                code,
                instructor_key,
            } => (code, instructor_key),
            other => panic!("{other:?}"),
        };
        let token = match hub
            .handle(
                ADDR,
                0,
                ClientMessage::Join {
                    code: code.clone(),
                    name: "Lea".into(),
                },
            )
            .reply
        {
            ServerMessage::Joined { token, .. } => token,
            other => panic!("{other:?}"),
        };
        assert!(matches!(
            hub.handle(
                ADDR,
                0,
                ClientMessage::ClaimSeat {
                    token: token.clone(),
                    seat: "northland".into()
                }
            )
            .reply,
            ServerMessage::Ack
        ));
        let control = |action| ClientMessage::Control {
            code: code.clone(),
            key: key.clone(),
            action,
        };
        hub.handle(ADDR, 0, control(ControlAction::Start));
        // Into turn 2: computer players act for every other seat on the way.
        for _ in 0..7 {
            let at = hub.exercise(&code).expect("exercise").exercise.moment();
            let act = ControlAct::Advance;
            hub.handle(ADDR, 0, control(ControlAction::Game { act, at }));
        }
        let s = status(&mut hub, &code);
        assert_eq!(s.turn, 2);
        (code, key, token, s.state_hash)
        // The hub is dropped here without any shutdown, as a killed server would be.
    };
    let mut hub = Hub::with_store(2, Store::open(&dir).expect("store")).expect("hub comes back");
    let s = status(&mut hub, &code);
    assert_eq!(s.state_hash, hash_before);
    assert!(s.started);
    // The student's token still holds the seat.
    let out = hub.handle(
        ADDR,
        0,
        ClientMessage::Resume {
            token: token.clone(),
        },
    );
    assert!(matches!(out.reply, ServerMessage::Joined { .. }));
    assert_eq!(out.views.len(), 1);
    assert_eq!(out.views[0].1.seat, "northland");
    // Play on to the end; the stored journal replays to the same final hash.
    for _ in 0..100 {
        if status(&mut hub, &code).ended {
            break;
        }
        hub.handle(
            ADDR,
            0,
            ClientMessage::Control {
                code: code.clone(),
                key: key.clone(),
                action: ControlAction::Game {
                    act: ControlAct::Advance,
                    at: hub.exercise(&code).expect("exercise").exercise.moment(),
                },
            },
        );
    }
    let end = status(&mut hub, &code);
    assert!(end.ended);
    drop(hub);
    let mut again = Hub::with_store(3, Store::open(&dir).expect("store")).expect("hub");
    assert_eq!(status(&mut again, &code).state_hash, end.state_hash);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn refused_messages_store_nothing() {
    let mut hub = Hub::with_store(4, Store::in_memory().expect("store")).expect("hub");
    let r = hub
        .handle(
            ADDR,
            0,
            ClientMessage::Control {
                code: "ABCDEF".into(),
                key: "x".into(),
                action: ControlAction::Start,
            },
        )
        .reply;
    assert!(matches!(
        r,
        ServerMessage::Refused {
            refusal: Refusal::Unauthorised,
            ..
        }
    ));
    assert_eq!(hub.exercise_count(), 0);
}

/// The control cell's `action` on exercise `code`, answered.
fn control(
    hub: &mut Hub,
    code: &str,
    key: &str,
    action: threshold::net::protocol::ControlAction,
) -> threshold::net::protocol::ServerMessage {
    hub.handle(
        "a",
        0,
        threshold::net::protocol::ClientMessage::Control {
            code: code.into(),
            key: key.into(),
            action,
        },
    )
    .reply
}

fn status_at(hub: &mut Hub, code: &str, now_ms: u64) -> ExerciseStatus {
    match hub
        .handle(ADDR, now_ms, ClientMessage::Status { code: code.into() })
        .reply
    {
        ServerMessage::Status(s) => s,
        other => panic!("{other:?}"),
    }
}

/// The clock comes back as it stood (the conductor is stored with the exercise): a moved
/// deadline stays moved, a paused exercise stays paused with the time it had left, and the
/// phase ends when it would have without the restart.
#[test]
fn the_clock_resumes_exactly_after_the_server_goes_away() {
    let dir = crate::common::scratch("store-clock");
    let source = crate::common::scenario_source("estonia_2007");
    let open = || Hub::with_store(4, Store::open(&dir).expect("store")).expect("hub");
    let control = |hub: &mut Hub, code: &str, key: &str, now_ms, action| {
        let r = hub
            .handle(
                ADDR,
                now_ms,
                ClientMessage::Control {
                    code: code.into(),
                    key: key.into(),
                    action,
                },
            )
            .reply;
        assert!(matches!(r, ServerMessage::Ack), "{r:?}");
    };
    let (code, key) = {
        let mut hub = open();
        let (code, key) = match hub
            .handle(
                ADDR,
                1_000,
                ClientMessage::CreateExercise {
                    scenario_file: "estonia_2007.ron".into(),
                    scenario_source: source,
                    seed: Some(5),
                    session: None,
                },
            )
            .reply
        {
            ServerMessage::Created {
                code,
                instructor_key,
            } => (code, instructor_key),
            other => panic!("{other:?}"),
        };
        // The briefing's minute runs from 1 s; the control cell takes ten seconds off it.
        control(&mut hub, &code, &key, 1_000, ControlAction::Start);
        let shorter = ControlAction::AdjustDeadline { seconds: -10 };
        control(&mut hub, &code, &key, 2_000, shorter);
        assert_eq!(status_at(&mut hub, &code, 3_000).seconds_left, Some(48));
        (code, key)
    };
    let mut hub = open();
    assert_eq!(status_at(&mut hub, &code, 3_000).seconds_left, Some(48));
    control(&mut hub, &code, &key, 4_000, ControlAction::Pause);
    drop(hub);
    let mut hub = open();
    let s = status_at(&mut hub, &code, 50_000);
    assert!(s.paused && s.seconds_left.is_none());
    assert_eq!(s.phase, "briefing", "paused: the deadline did not pass");
    control(&mut hub, &code, &key, 100_000, ControlAction::Resume);
    assert_eq!(status_at(&mut hub, &code, 100_000).seconds_left, Some(47));
    hub.tick(146_999).expect("tick");
    assert_eq!(status_at(&mut hub, &code, 146_999).phase, "briefing");
    hub.tick(147_000).expect("tick");
    assert_eq!(status_at(&mut hub, &code, 147_000).phase, "negotiation");
    drop(hub);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Observers, the observers' code and the observations are stored with the exercise: a
/// server that restarts finds them, and the observer comes back through the token.
#[test]
fn observers_their_observations_and_the_plan_survive_a_restart() {
    use threshold::net::protocol::{ClientMessage, ControlAction, ServerMessage};
    let dir = crate::common::scratch("store-observers");
    let (code, key, token) = {
        let mut hub = Hub::with_store(5, Store::open(&dir).expect("store")).expect("hub");
        let ServerMessage::Created {
            code,
            instructor_key: key,
        } = hub
            .handle(
                "a",
                0,
                ClientMessage::CreateExercise {
                    scenario_file: "estonia_2007.ron".into(),
                    scenario_source: crate::common::scenario_source("estonia_2007"),
                    seed: Some(3),
                    session: None,
                },
            )
            .reply
        else {
            panic!("created");
        };
        let control = |hub: &mut Hub, action| control(hub, &code, &key, action);
        let ServerMessage::ObserverCode(ocode) = control(&mut hub, ControlAction::ObserverCode)
        else {
            panic!("code");
        };
        let ServerMessage::Observing { token, .. } = hub
            .handle(
                "a",
                0,
                ClientMessage::Observe {
                    code: ocode,
                    name: "Eva".into(),
                },
            )
            .reply
        else {
            panic!("observing");
        };
        let note = threshold::observation::Draft {
            about: None,
            tie: threshold::observation::Tie::Nothing,
            kind: threshold::observation::Kind::Risk,
            text: "Nobody has read the legal memo yet".into(),
        };
        let out = hub.handle(
            "a",
            7,
            ClientMessage::Note {
                token: token.clone(),
                note,
            },
        );
        assert_eq!(out.reply, ServerMessage::Ack);
        // The instructor's improvement plan, saved in the debrief.
        let rows = vec![threshold::observation::PlanRow {
            issue: "The legal memo went unread".into(),
            recommendation: "Brief the legal adviser first".into(),
            who: "Head of delegation".into(),
            by_when: "Next class".into(),
        }];
        assert!(matches!(
            control(&mut hub, ControlAction::SavePlan { rows }),
            ServerMessage::Debrief(_)
        ));
        (code, key, token)
    };
    let mut hub = Hub::with_store(6, Store::open(&dir).expect("store")).expect("hub comes back");
    // The observer comes back before anyone else: the token finds the exercise.
    assert!(matches!(
        hub.handle("a", 0, ClientMessage::Resume { token }).reply,
        ServerMessage::Observing { .. }
    ));
    let mut control = |action| control(&mut hub, &code, &key, action);
    let ServerMessage::Observations(notes) = control(ControlAction::Observations) else {
        panic!("observations");
    };
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].draft.text, "Nobody has read the legal memo yet");
    // The plan is the instructor's, not the draft drawn from the observation.
    let ServerMessage::Debrief(d) = control(ControlAction::Debrief) else {
        panic!("the report");
    };
    let plan = d.instructors.and_then(|i| i.plan).expect("the saved plan");
    assert_eq!(plan.len(), 1);
    assert_eq!(plan[0].recommendation, "Brief the legal adviser first");
}
