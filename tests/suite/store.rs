//! Nothing acknowledged is lost: a hub backed by SQLite comes back, after it is dropped
//! mid-exercise, at the same state hash, with the same seats and tokens.

use threshold::net::hub::Hub;
use threshold::net::protocol::*;
use threshold::store::Store;

const ADDR: &str = "127.0.0.1:6000";

fn status(hub: &mut Hub, code: &str) -> ExerciseStatus {
    match hub
        .handle(ADDR, 0, ClientMessage::Status { code: code.into() })
        .reply
    {
        ServerMessage::Status(s) => s,
        other => panic!("{other:?}"),
    }
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
            hub.handle(ADDR, 0, control(ControlAction::Advance));
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
                action: ControlAction::Advance,
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
