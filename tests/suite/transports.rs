//! The server over each of its transports, with real clients: in-memory sockets, loopback
//! UDP and loopback WebSocket (through the HTTP door). Many full exercises are played by
//! several network clients each, and everything each client receives is checked against
//! what its seat may know.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use crate::common::scenario_source;
use crate::fleet::{Fleet, SeatClient};
use threshold::net::client::{Connection, Endpoint};
use threshold::net::link::Event;
use threshold::net::protocol::{ClientMessage, ControlAction, ServerMessage};
use threshold::net::server::{Server, ServerConfig};
use threshold::scenario::OrderKind;
use threshold::sim::journal::Journal;

const TIMEOUT: Duration = Duration::from_secs(10);

/// Sends `message` on `conn` while the in-thread server keeps running; returns the reply.
fn ask(server: &mut Server, conn: &mut Connection, message: ClientMessage) -> ServerMessage {
    let id = conn.send(&message);
    let start = Instant::now();
    loop {
        server.step().expect("server step");
        for event in conn.receive().expect("receive") {
            if let Event::Reply { id: re, reply, .. } = event
                && re == id
            {
                return reply;
            }
        }
        assert!(start.elapsed() < TIMEOUT, "no reply to {message:?}");
        std::thread::sleep(Duration::from_millis(1));
    }
}

fn connect(server: &mut Server, endpoint: &Endpoint) -> Connection {
    let mut conn = Connection::open(endpoint).expect("open");
    let start = Instant::now();
    while !conn.is_connected() {
        server.step().expect("server step");
        conn.pump().expect("pump");
        assert!(start.elapsed() < TIMEOUT, "cannot connect to {endpoint}");
        std::thread::sleep(Duration::from_millis(1));
    }
    // The link says hello first, and a second hello is answered too.
    let hello = ClientMessage::Hello {
        version: threshold::net::protocol::PROTOCOL_VERSION,
    };
    assert!(matches!(
        ask(server, &mut conn, hello),
        ServerMessage::Welcome { .. }
    ));
    conn
}

fn create(
    server: &mut Server,
    control: &mut Connection,
    scenario: &str,
    seed: u64,
) -> (String, String) {
    match ask(
        server,
        control,
        ClientMessage::CreateExercise {
            scenario_file: format!("{scenario}.ron"),
            scenario_source: scenario_source(scenario),
            seed: Some(seed),
            session: None,
        },
    ) {
        ServerMessage::Created {
            code,
            instructor_key,
        } => (code, instructor_key),
        other => panic!("not created: {other:?}"),
    }
}

fn as_control(code: &str, key: &str, action: ControlAction) -> ClientMessage {
    ClientMessage::Control {
        code: code.into(),
        key: key.into(),
        action,
    }
}

fn start(server: &mut Server, control: &mut Connection, code: &str, key: &str) {
    let reply = ask(
        server,
        control,
        ClientMessage::Control {
            code: code.into(),
            key: key.into(),
            action: ControlAction::Start,
        },
    );
    assert_eq!(reply, ServerMessage::Ack);
}

/// Steps server and clients together until every client is done.
fn play(server: &mut Server, fleet: &mut Fleet, control: &mut Connection, limit: Duration) {
    let start = Instant::now();
    while !fleet.clients.iter().all(|c| c.done()) {
        server.step().expect("server step");
        fleet.step();
        control.pump().expect("control");
        assert!(start.elapsed() < limit, "the exercises did not end in time");
        std::thread::sleep(Duration::from_micros(500));
    }
    for c in &fleet.clients {
        assert!(c.error.is_none(), "{} {}: {:?}", c.code, c.seat, c.error);
    }
}

fn playable(scenario: &str) -> Vec<String> {
    let sc = threshold::scenario::parse(&scenario_source(scenario), scenario).expect("parses");
    sc.seats
        .iter()
        .filter(|s| s.playable)
        .map(|s| s.id.clone())
        .collect()
}

fn seat_clients(
    endpoint: &Endpoint,
    code: &str,
    seats: &[String],
    record: bool,
) -> Vec<SeatClient> {
    seats
        .iter()
        .map(|seat| {
            let others = seats.iter().filter(|s| *s != seat).cloned().collect();
            SeatClient::new(endpoint, code, seat, others, record).expect("client")
        })
        .collect()
}

#[test]
fn an_exercise_plays_to_its_end_over_the_memory_transport_and_replays_to_the_same_hash() {
    let seats = playable("estonia_2007");
    let (mut server, mut memory) = Server::start(ServerConfig {
        memory_clients: seats.len() as u16 + 1,
        ..Default::default()
    })
    .expect("server");
    let control_end = Endpoint::Memory(memory.remove(0));
    let mut control = connect(&mut server, &control_end);
    let (code, key) = create(&mut server, &mut control, "estonia_2007", 5);
    let clients: Vec<SeatClient> = seats
        .iter()
        .zip(memory)
        .map(|(seat, m)| {
            let others = seats.iter().filter(|s| *s != seat).cloned().collect();
            SeatClient::new(&Endpoint::Memory(m), &code, seat, others, false).expect("client")
        })
        .collect();
    let mut fleet = Fleet::new(clients);
    let t = Instant::now();
    while !fleet.clients.iter().all(|c| c.seated()) {
        server.step().expect("step");
        fleet.step();
        assert!(t.elapsed() < TIMEOUT, "seats not taken");
    }
    start(&mut server, &mut control, &code, &key);
    play(
        &mut server,
        &mut fleet,
        &mut control,
        Duration::from_secs(120),
    );

    let hosted = server.hub().exercise(&code).expect("hosted");
    assert!(hosted.exercise.ended());
    // Human seats (the network clients) wrote messages: they are in the journal.
    let commands = hosted.exercise.journal();
    assert!(commands.iter().any(|c| matches!(
        c,
        threshold::sim::Command::Seat {
            act: threshold::sim::SeatAct::Say { .. },
            ..
        }
    )));
    let journal = Journal {
        format: threshold::sim::journal::JOURNAL_FORMAT,
        scenario_file: "estonia_2007.ron".into(),
        scenario_source: scenario_source("estonia_2007"),
        seed: 5,
        commands: commands.to_vec(),
    };
    let replayed = Journal::from_jsonl(&journal.to_jsonl())
        .expect("journal reads")
        .replay()
        .expect("replays");
    assert_eq!(replayed.state_hash(), hosted.exercise.state_hash());
}

/// Checks everything one client received against the final state of its exercise.
fn assert_received_only_its_own(server: &Server, client: &SeatClient) {
    let hosted = server.hub().exercise(&client.code).expect("hosted");
    let ex = &hosted.exercise;
    let c = ex.catalog();
    let truth = ex.truth();
    let seat = c.seat(&client.seat).expect("seat");
    let me = c.seat_actor(seat);
    let me_key = c.actor_key(me).to_string();
    let public_votes: BTreeMap<&str, bool> = c
        .scenario
        .institutions
        .iter()
        .map(|i| (i.id.as_str(), i.votes_public))
        .collect();
    let context = format!("exercise {} seat {}", client.code, client.seat);
    let mut views = 0;
    for m in &client.received {
        let ServerMessage::View(v) = m else { continue };
        views += 1;
        assert_eq!(
            v.seat, client.seat,
            "{context}: received another seat's view"
        );
        assert_eq!(v.actor, me_key, "{context}: a view of another actor");
        for card in &v.incidents {
            let author = truth.incident(&card.id).expect("incident").author;
            if card.author.is_some() {
                assert!(
                    author == me || c.host_state(author) == Some(me),
                    "{context}: learned the hidden author of {}",
                    card.id
                );
            }
        }
        for card in &v.evidence {
            let held = truth
                .evidence_item(&card.id)
                .is_some_and(|e| e.known_by.contains(me));
            assert!(
                held,
                "{context}: received evidence {} it never held",
                card.id
            );
        }
        for line in &v.messages {
            // Test messages name their readers: secret|code|from|to,to|turn
            let parts: Vec<&str> = line.text.split('|').collect();
            assert_eq!(parts.len(), 5, "{context}: an unexpected message {line:?}");
            assert_eq!(
                parts[1], client.code,
                "{context}: a message of another exercise"
            );
            let readers: Vec<&str> = parts[3].split(',').collect();
            assert!(
                parts[2] == client.seat || readers.contains(&client.seat.as_str()),
                "{context}: read a message meant for {readers:?} from {}",
                parts[2]
            );
        }
        for p in &v.proposals {
            if !public_votes
                .get(p.institution.as_str())
                .copied()
                .unwrap_or(false)
            {
                for (voter, _) in &p.ballots {
                    assert_eq!(voter, &me_key, "{context}: saw a secret ballot of {voter}");
                }
            }
        }
        for r in &v.results {
            assert!(
                r.actor == me_key || r.order.kind() != OrderKind::CovertOperation,
                "{context}: saw {}'s covert operation",
                r.actor
            );
        }
    }
    assert!(views > 0, "{context}: received no view at all");
}

#[test]
fn many_networked_exercises_never_send_a_client_what_its_seat_may_not_see() {
    let (mut server, _) = Server::start(ServerConfig {
        addr: Some("127.0.0.1:0".parse().unwrap()),
        ..Default::default()
    })
    .expect("server");
    let addr = server.addr().expect("bound");
    let udp = Endpoint::Udp(addr);
    let ws: Endpoint = format!("ws://{addr}").parse().expect("ws endpoint");
    let mut control = connect(&mut server, &udp);
    let mut clients = Vec::new();
    let mut exercises = Vec::new();
    for (i, scenario) in ["estonia_2007", "eu_cyber_sanctions", "nato_article5"]
        .into_iter()
        .cycle()
        .take(6)
        .enumerate()
    {
        let (code, key) = create(&mut server, &mut control, scenario, 100 + i as u64);
        let seats = playable(scenario);
        // Several seats per exercise are human (network clients), the rest computer players;
        // half the exercises over WebSocket, half over UDP.
        let humans: Vec<String> = seats.iter().take(3 + i % 3).cloned().collect();
        let endpoint = if i % 2 == 0 { &ws } else { &udp };
        clients.extend(seat_clients(endpoint, &code, &humans, true));
        // Delegations: two seats of each exercise are held by two people, the second
        // following the seat's view and writing to the delegation's own channel.
        let size = ControlAction::Delegations { size: Some(2) };
        assert_eq!(
            ask(&mut server, &mut control, as_control(&code, &key, size)),
            ServerMessage::Ack
        );
        for seat in humans.iter().take(2) {
            let others = humans.iter().filter(|s| *s != seat).cloned().collect();
            let member = SeatClient::new(endpoint, &code, seat, others, true).expect("member");
            clients.push(member.member(1));
        }
        exercises.push((code, key));
    }
    // An evaluator in the first exercise, over UDP: it receives nothing it did not ask for.
    let (first, first_key) = exercises[0].clone();
    let ServerMessage::ObserverCode(ocode) = ask(
        &mut server,
        &mut control,
        as_control(&first, &first_key, ControlAction::ObserverCode),
    ) else {
        panic!("the observers' code");
    };
    let mut observer = connect(&mut server, &udp);
    let observe = ClientMessage::Observe {
        code: ocode,
        name: "Eva".into(),
    };
    let ServerMessage::Observing { token: eva, .. } = ask(&mut server, &mut observer, observe)
    else {
        panic!("observing");
    };
    let mut fleet = Fleet::new(clients);
    let t = Instant::now();
    while !fleet.clients.iter().all(|c| c.seated()) {
        server.step().expect("step");
        fleet.step();
        control.pump().expect("control");
        assert!(t.elapsed() < TIMEOUT * 3, "seats not taken");
        std::thread::sleep(Duration::from_micros(500));
    }
    for (code, key) in &exercises {
        start(&mut server, &mut control, code, key);
    }
    let mut unasked = Vec::new();
    let t = Instant::now();
    while !fleet.clients.iter().all(|c| c.done()) {
        server.step().expect("server step");
        fleet.step();
        control.pump().expect("control");
        unasked.extend(observer.receive().expect("observer"));
        assert!(t.elapsed() < Duration::from_secs(300), "not ended in time");
        std::thread::sleep(Duration::from_micros(500));
    }
    for c in &fleet.clients {
        assert!(c.error.is_none(), "{} {}: {:?}", c.code, c.seat, c.error);
    }
    for client in &fleet.clients {
        assert_received_only_its_own(&server, client);
    }
    // The delegations' members read their own delegation's words (the check above refuses
    // anyone else's), and the observer was sent nothing while the exercises played.
    let members: Vec<_> = fleet.clients.iter().filter(|c| c.member > 0).collect();
    assert_eq!(members.len(), 12);
    assert!(members.iter().all(|c| c.received.iter().any(|m| matches!(
        m,
        ServerMessage::View(v) if v.messages.iter().any(|l| l.text.split('|').nth(3) == Some(c.seat.as_str()))
    ))));
    assert!(unasked.is_empty(), "the observer was sent {unasked:?}");
    // What it asks for: a seat's view as the seat has it; the channels stay closed, the
    // report it may read is the students' edition, and the control cell refuses it.
    let seat = playable("estonia_2007")[0].clone();
    let watch = ClientMessage::Watch {
        token: eva.clone(),
        seat: seat.clone(),
    };
    let ServerMessage::View(v) = ask(&mut server, &mut observer, watch) else {
        panic!("the watched view");
    };
    let own = fleet
        .clients
        .iter()
        .filter(|c| c.code == first && c.seat == seat && c.member == 0)
        .flat_map(|c| c.received.iter())
        .filter_map(|m| match m {
            ServerMessage::View(v) => Some(v),
            _ => None,
        })
        .next_back()
        .expect("the seat's last view");
    assert_eq!(
        (v.seat.as_str(), &v.evidence, &v.messages),
        (seat.as_str(), &own.evidence, &own.messages)
    );
    let channels = ClientMessage::WatchChannels { token: eva.clone() };
    assert!(matches!(
        ask(&mut server, &mut observer, channels),
        ServerMessage::Refused { .. }
    ));
    let report = ClientMessage::Debrief {
        code: first.clone(),
    };
    let ServerMessage::Debrief(d) = ask(&mut server, &mut observer, report) else {
        panic!("the report");
    };
    assert!(d.instructors.is_none());
    let as_instructor = as_control(&first, &eva, ControlAction::Debrief);
    assert!(matches!(
        ask(&mut server, &mut observer, as_instructor),
        ServerMessage::Refused { .. }
    ));
    // The clients did talk, and private words did reach their readers.
    let read: usize = fleet
        .clients
        .iter()
        .flat_map(|c| &c.received)
        .filter_map(|m| match m {
            ServerMessage::View(v) => Some(v.messages.len()),
            _ => None,
        })
        .sum();
    assert!(read > 0, "no message was ever read");
    for (code, _) in &exercises {
        assert!(
            server
                .hub()
                .exercise(code)
                .expect("hosted")
                .exercise
                .ended()
        );
    }
}

#[test]
fn the_door_serves_the_web_client_and_refuses_paths_outside_it() {
    use std::io::{Read, Write};
    let dir = std::env::temp_dir().join(format!("threshold-web-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>page</title>").unwrap();
    std::fs::write(dir.join("threshold_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(dir.join("threshold_bg.wasm.gz"), b"gzipped").unwrap();
    let (handle, addr, _) = Server::spawn(ServerConfig {
        addr: Some("127.0.0.1:0".parse().unwrap()),
        web_root: Some(dir.clone()),
        ..Default::default()
    })
    .expect("server");
    let addr = addr.expect("bound");
    let get = |path: &str, headers: &str| -> String {
        let mut s = std::net::TcpStream::connect(addr).expect("connect");
        write!(s, "GET {path} HTTP/1.1\r\nHost: x\r\n{headers}\r\n").unwrap();
        let mut out = Vec::new();
        s.read_to_end(&mut out).unwrap();
        String::from_utf8_lossy(&out).into_owned()
    };
    let page = get("/?code=ABC123", "");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(page.contains("text/html") && page.contains("<title>page</title>"));
    let wasm = get("/threshold_bg.wasm", "");
    assert!(wasm.contains("Content-Type: application/wasm"), "{wasm}");
    let gz = get("/threshold_bg.wasm", "Accept-Encoding: gzip, br\r\n");
    assert!(
        gz.contains("Content-Encoding: gzip") && gz.ends_with("gzipped"),
        "{gz}"
    );
    assert!(get("/../Cargo.toml", "").starts_with("HTTP/1.1 404"));
    assert!(get("/nothing.js", "").starts_with("HTTP/1.1 404"));
    // The same address still speaks netcode over WebSocket and UDP.
    for endpoint in [format!("ws://{addr}"), addr.to_string()] {
        let e: Endpoint = endpoint.parse().unwrap();
        let mut c = Connection::connect(&e, TIMEOUT).expect("connects");
        let reply = c
            .request(
                ClientMessage::Status {
                    code: "NOSUCH".into(),
                },
                TIMEOUT,
            )
            .expect("reply");
        assert!(matches!(reply, ServerMessage::Refused { .. }), "{reply:?}");
    }
    drop(handle);
    let _ = std::fs::remove_dir_all(&dir);
}
