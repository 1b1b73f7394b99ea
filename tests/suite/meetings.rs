//! Meetings and summits: online at once and cheap, in person a turn later and dearer; the
//! channel opens to members only while the meeting sits; a summit adds corridor talks and
//! gives sensitive matters more trust than a call.

use std::sync::Arc;

use threshold::scenario::parse;
use threshold::sim::channels::Channel;
use threshold::sim::clock::Phase;
use threshold::sim::orders::Order;
use threshold::sim::view::{SeatView, view};
use threshold::sim::{Command, Exercise, Refusal, SeatAct};

use crate::common::advance_to;

/// Three states; A's analysts hold two items on an intrusion into A, one from a sensitive
/// source.
const THREE: &str = r#"(
    id: "three", title: (en: "t", ar: "t"), summary: (en: "s", ar: "s"), briefing: (en: "b", ar: "b"),
    period: (en: "p", ar: "p"), turn_span: (en: "a week", ar: "أسبوع"), turns: 4,
    actors: [
        (id: "a", name: (en: "A", ar: "A"), population: 5.0, start: (diplomatic_capital: 20)),
        (id: "b", name: (en: "B", ar: "B"), population: 5.0),
        (id: "c", name: (en: "C", ar: "C"), population: 5.0),
        (id: "x", name: (en: "X", ar: "X"), kind: CriminalGroup, population: 0.0),
    ],
    seats: [
        (id: "a", actor: "a", role: (en: "r", ar: "r"), briefing: (en: "b", ar: "b")),
        (id: "b", actor: "b", role: (en: "r", ar: "r"), briefing: (en: "b", ar: "b")),
        (id: "c", actor: "c", role: (en: "r", ar: "r"), briefing: (en: "b", ar: "b")),
    ],
    incidents: [(
        id: "hack", name: (en: "Hack", ar: "اختراق"), description: (en: "d", ar: "d"),
        kind: Intrusion, author: "x", target: "a", severity: 2, start_turn: Some(1), public: true,
        evidence: [
            (id: "ev_logs", text: (en: "Logs", ar: "سجلات"), points_to: "x", reliability: Moderate, layer: Technical, known_to: ["a"]),
            (id: "ev_source", text: (en: "A source", ar: "مصدر"), points_to: "x", reliability: High, layer: Operational, known_to: ["a"], sensitive: Some(0)),
        ],
    )],
    endings: [(id: "end", title: (en: "e", ar: "e"), text: (en: "e", ar: "e"), condition: Always)],
)"#;

fn exercise() -> Exercise {
    let mut ex = Exercise::new(
        Arc::new(parse(THREE, "three.ron").expect("the scenario")),
        2,
    );
    advance_to(&mut ex, Phase::Negotiation);
    ex
}

fn convene(ex: &mut Exercise, online: bool) -> Result<(), Refusal> {
    ex.apply(Command::seat(
        "a",
        SeatAct::Convene {
            with: vec!["b".into()],
            online,
            agenda: Some("hack".into()),
        },
    ))
    .map(|_| ())
}

fn say(ex: &mut Exercise, seat: &str, id: u32) -> Result<(), Refusal> {
    ex.apply(Command::seat(
        seat,
        SeatAct::Say {
            channel: Channel::Meeting(id),
            text: "Shall we compare notes?".into(),
        },
    ))
    .map(|_| ())
}

fn refused(r: Result<(), Refusal>, says: &str) {
    match r {
        Err(Refusal::Invalid(p)) => assert!(p.en().contains(says), "{}", p.en()),
        other => panic!("expected a refusal saying {says:?}, got {other:?}"),
    }
}

fn trust(v: &SeatView, a: &str, b: &str) -> i32 {
    v.relations
        .iter()
        .find(|r| (r.a == a && r.b == b) || (r.a == b && r.b == a))
        .map(|r| r.trust)
        .expect("the relation")
}

fn capital(ex: &Exercise, seat: &str) -> i32 {
    view(ex, seat).unwrap().me.diplomatic_capital
}

#[test]
fn an_online_meeting_sits_at_once_for_its_members_only_and_closes_with_the_turn() {
    let mut ex = exercise();
    let before = capital(&ex, "a");
    convene(&mut ex, true).expect("an online meeting");
    assert_eq!(capital(&ex, "a"), before - 1, "paid at once");
    let b = view(&ex, "b").unwrap();
    assert_eq!(b.meetings.len(), 1);
    assert!(b.meetings[0].online && b.meetings[0].sits == 1);
    // C was not invited: it sees neither the meeting nor its channel.
    let c = view(&ex, "c").unwrap();
    assert!(c.meetings.is_empty());
    assert!(!c.messages.iter().any(|m| m.channel == "meeting-0"));
    say(&mut ex, "b", 0).expect("a member writes in the meeting");
    refused(say(&mut ex, "c", 0), "not a member");
    let a = view(&ex, "a").unwrap();
    assert_eq!(
        a.messages
            .iter()
            .filter(|m| m.channel == "meeting-0")
            .count(),
        2,
        "the announcement and B's message"
    );
    advance_to(&mut ex, Phase::Press);
    advance_to(&mut ex, Phase::Negotiation);
    refused(say(&mut ex, "b", 0), "the meeting is over");
}

#[test]
fn a_summit_meets_a_turn_later_and_adds_corridor_talks() {
    let mut ex = exercise();
    let before = capital(&ex, "a");
    convene(&mut ex, false).expect("a summit");
    assert_eq!(capital(&ex, "a"), before - 4);
    refused(say(&mut ex, "b", 0), "meets in turn 2");
    advance_to(&mut ex, Phase::Press);
    let after_one = trust(&view(&ex, "a").unwrap(), "a", "b");
    advance_to(&mut ex, Phase::Negotiation);
    say(&mut ex, "b", 0).expect("the summit sits in turn 2");
    advance_to(&mut ex, Phase::Press);
    let v = view(&ex, "a").unwrap();
    assert_eq!(trust(&v, "a", "b"), after_one + 2, "corridor talks");
    let closing = v
        .messages
        .iter()
        .rfind(|m| m.channel == "meeting-0")
        .and_then(|m| m.said.as_ref())
        .expect("the summit's closing word");
    assert!(
        closing.en().contains("talks in the corridors"),
        "{}",
        closing.en()
    );
}

/// Trust between A and B after A shares its sensitive item with B at a meeting convened
/// this turn (online), or last turn (in person), or at none.
fn shared_at(meeting: Option<bool>) -> i32 {
    let mut ex = exercise();
    if meeting == Some(false) {
        convene(&mut ex, false).unwrap();
        advance_to(&mut ex, Phase::Press);
        advance_to(&mut ex, Phase::Negotiation);
    } else if meeting == Some(true) {
        convene(&mut ex, true).unwrap();
    }
    let start = trust(&view(&ex, "a").unwrap(), "a", "b");
    advance_to(&mut ex, Phase::Orders);
    ex.apply(Command::seat(
        "a",
        SeatAct::Orders {
            orders: vec![Order::ShareEvidence {
                evidence: "ev_source".into(),
                with: "b".into(),
                sanitised: false,
            }],
        },
    ))
    .expect("sharing");
    advance_to(&mut ex, Phase::Press);
    trust(&view(&ex, "a").unwrap(), "a", "b") - start
}

#[test]
fn sensitive_evidence_shared_face_to_face_gains_more_trust_than_online() {
    let (none, online, in_person) = (
        shared_at(None),
        shared_at(Some(true)),
        shared_at(Some(false)),
    );
    assert_eq!(online, none + 1, "online");
    // Corridor talks +2, sharing at the summit +3, and +2 for a sensitive item shared in full.
    assert_eq!(in_person, none + 2 + 3 + 2, "in person");
}

#[test]
fn convening_is_refused_when_the_orders_sent_leave_too_little_capital() {
    let mut ex = exercise();
    advance_to(&mut ex, Phase::Orders);
    let left = capital(&ex, "a");
    // Démarches (3 each) that leave A 1 to 3: a summit (4) no longer fits, a call (1) does.
    let orders: Vec<Order> = (0..(left - 1) / 3)
        .map(|i| Order::Demarche {
            to: ["b", "c"][i as usize % 2].to_string(),
            incident: None,
            notice: false,
        })
        .collect();
    assert!(left - 3 * orders.len() as i32 <= 3, "A starts with {left}");
    ex.apply(Command::seat("a", SeatAct::Orders { orders }))
        .expect("the orders");
    let hash = ex.state_hash();
    refused(
        convene(&mut ex, false),
        "is left after the orders you have sent",
    );
    assert_eq!(ex.state_hash(), hash);
    convene(&mut ex, true).expect("an online meeting still fits");
}
