//! The client's Host and Join paths end to end, through the same `Session` the screens
//! drive: one client hosts a class (a server inside it, listening on loopback), a classmate
//! joins it over UDP and another over WebSocket with the join code the host's lobby shows,
//! both take seats, the host starts, they talk, and a turn resolves for both.
#![cfg(feature = "client")]

use std::time::{Duration, Instant};

use threshold::client::library::BUILT_IN;
use threshold::client::session::{LinkState, Session};
use threshold::net::protocol::{ControlAct, ControlAction, SeatAct};
use threshold::scenario::parse;
use threshold::sim::channels::Channel;

/// Pumps every session (as their frame loops would) until `done` holds or 30 s pass.
fn pump_until(
    sessions: &mut [&mut Session],
    start: Instant,
    what: &str,
    done: impl Fn(&[&mut Session]) -> bool,
) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        for s in sessions.iter_mut() {
            s.pump(start.elapsed().as_secs_f64());
        }
        if done(sessions) {
            return;
        }
        if Instant::now() > deadline {
            let states: Vec<_> = sessions
                .iter()
                .map(|s| {
                    (
                        s.link.clone(),
                        s.code.clone(),
                        s.seat.clone(),
                        s.notices.clone(),
                    )
                })
                .collect();
            panic!("timed out waiting for {what}: {states:#?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn classmates_join_a_hosted_class_by_code_over_udp_and_websocket_and_play_a_turn() {
    let start = Instant::now();
    let (file, source) = BUILT_IN[0];
    let scenario = std::sync::Arc::new(parse(source, file).expect("built-in scenario"));

    // The host: a server inside the client, listening for the class on loopback.
    let mut host = Session::default();
    host.start_local(Some("127.0.0.1:0".parse().unwrap()))
        .expect("host");
    host.name = "Instructor".into();
    host.create(scenario.clone(), file.into(), source.into(), None, false);
    pump_until(&mut [&mut host], start, "the join code", |s| {
        s[0].code.is_some() && s[0].instructor_key.is_some()
    });
    let code = host.code.clone().unwrap();
    let address = host
        .host_address
        .clone()
        .expect("the address for classmates");

    // Two classmates: one over UDP (`HOST:PORT`), one over WebSocket (`ws://HOST:PORT`).
    let mut udp = Session::default();
    udp.name = "Aino".into();
    udp.connect(&address).expect("udp");
    udp.join(&code, None);
    let mut ws = Session::default();
    ws.name = "Bruno".into();
    ws.connect(&format!("ws://{address}")).expect("ws");
    ws.join(&code, None);
    pump_until(
        &mut [&mut host, &mut udp, &mut ws],
        start,
        "both joined",
        |s| s[1].token.is_some() && s[2].token.is_some() && s[1].seats.len() > 1,
    );
    assert_eq!(udp.link, LinkState::Ready);
    assert_eq!(ws.link, LinkState::Ready);
    // Nobody but the host holds the control cell's key.
    assert!(udp.instructor_key.is_none() && ws.instructor_key.is_none());

    let playable: Vec<String> = udp
        .seats
        .iter()
        .filter(|s| s.playable)
        .map(|s| s.seat.clone())
        .collect();
    udp.claim(&playable[0]);
    ws.claim(&playable[1]);
    pump_until(
        &mut [&mut host, &mut udp, &mut ws],
        start,
        "seats taken",
        |s| s[1].seat.is_some() && s[2].seat.is_some(),
    );
    // A seat someone holds cannot be taken twice.
    ws.claim(&playable[0]);
    pump_until(
        &mut [&mut host, &mut udp, &mut ws],
        start,
        "the refusal",
        |s| s[2].notices.iter().any(|n| n.error),
    );
    assert_eq!(ws.seat.as_deref(), Some(playable[1].as_str()));

    host.control(ControlAction::Start);
    pump_until(&mut [&mut host, &mut udp, &mut ws], start, "views", |s| {
        s[1].view.is_some() && s[2].view.is_some() && s[0].started()
    });

    // A private word from one to the other, over two different transports.
    udp.act(SeatAct::Say {
        channel: Channel::Seats(vec![playable[1].clone()]),
        text: "shall we compare notes?".into(),
    });
    pump_until(
        &mut [&mut host, &mut udp, &mut ws],
        start,
        "the message",
        |s| {
            s[2].view.as_ref().is_some_and(|v| {
                v.messages
                    .iter()
                    .any(|m| m.text == "shall we compare notes?")
            })
        },
    );

    // The control cell moves the exercise on, phase by phase, until turn 1 has resolved
    // and both classmates hold views of turn 2.
    let turn_two = |s: &Session| s.view.as_ref().is_some_and(|v| v.turn >= 2);
    let deadline = Instant::now() + Duration::from_secs(60);
    while !(turn_two(&udp) && turn_two(&ws)) {
        host.game(ControlAct::Advance);
        pump_until(&mut [&mut host, &mut udp, &mut ws], start, "answers", |s| {
            !s[0].waiting()
        });
        let settle = Instant::now();
        while settle.elapsed() < Duration::from_millis(100) {
            for s in [&mut host, &mut udp, &mut ws] {
                s.pump(start.elapsed().as_secs_f64());
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        assert!(Instant::now() < deadline, "turn 1 never resolved");
    }
    for s in [&udp, &ws] {
        let v = s.view.as_ref().unwrap();
        assert!(!v.news.is_empty(), "{}: no news after the turn", v.seat);
    }
    // The hosted server stops with the host's session.
    host.leave();
    assert!(host.code.is_none());
}
