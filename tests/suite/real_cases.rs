//! The format carries real cases: a persona that claims an operation for the group behind
//! it, an intrusion that began before the exercise and is found during it, a hack and leak,
//! companies that publish reports and hold records, conditions on sanctions and on the
//! readings seats and institutions adopt, and turns that stand for longer spans.
//!
//! One small table (`SOURCE`), shaped like the Albanian case of 2022: Dravia's directed
//! unit breaks into Aland's networks a year before the exercise (found on turn 3), then
//! leaks what it took on turn 2 under the name of a persona, "Homeland Voice"; Sentinel, a
//! security firm established in Borea, holds a mailbox's records and publishes a report on
//! turn 4.

use std::sync::Arc;

use threshold::report::{ClaimCase, Debrief};
use threshold::scenario::{self, Claim, Confidence, Reading, Scenario};
use threshold::sim::clock::Phase;
use threshold::sim::orders::{Ballot, Order, Proposal, Stance, Via};
use threshold::sim::record::{EventKind, Visibility};
use threshold::sim::view::{ObjectiveStatus, view};
use threshold::sim::{Command, Exercise, SeatAct};

use crate::common::advance_to;

const SOURCE: &str = r#"(
    id: "real_cases",
    title: (en: "Real cases", ar: "حالات واقعية"),
    summary: (en: "A front, a leak, a report.", ar: "واجهة وتسريب وتقرير."),
    briefing: (en: "Brief.", ar: "إحاطة."),
    period: (en: "A year", ar: "سنة"),
    turn_span: (en: "a week", ar: "أسبوع"),
    spans: [(from: 3, span: (en: "a fortnight", ar: "أسبوعان"), income: 200)],
    turns: 5,
    actors: [
        (id: "aland", name: (en: "Aland", ar: "آلاند"), kind: State, budapest_party: true),
        (id: "borea", name: (en: "Borea", ar: "بوريا"), kind: State, budapest_party: true),
        (id: "dravia", name: (en: "Dravia", ar: "درافيا"), kind: State),
        (id: "unit_x", name: (en: "Unit X", ar: "الوحدة إكس"), kind: Proxy, sponsor: Some("dravia"), control: Directed),
        (id: "voice", name: (en: "Homeland Voice", ar: "صوت الوطن"), kind: Persona, sponsor: Some("unit_x")),
        (id: "sentinel", name: (en: "Sentinel", ar: "سنتينل"), kind: Company, sponsor: Some("borea")),
    ],
    institutions: [
        (
            id: "nac",
            name: (en: "North Atlantic Council", ar: "مجلس شمال الأطلسي"),
            members: ["aland", "borea"],
            rule: Consensus,
            powers: [Consultation, CollectiveDefence],
            votes_public: true,
        ),
    ],
    seats: [
        (id: "aland", actor: "aland", role: (en: "Minister", ar: "وزير"), briefing: (en: "Brief.", ar: "إحاطة.")),
        (id: "borea", actor: "borea", role: (en: "Minister", ar: "وزير"), briefing: (en: "Brief.", ar: "إحاطة.")),
        (id: "dravia", actor: "dravia", role: (en: "Minister", ar: "وزير"), briefing: (en: "Brief.", ar: "إحاطة.")),
    ],
    incidents: [
        (
            id: "access",
            name: (en: "Quiet access", ar: "وصول صامت"),
            description: (en: "Someone has been inside the ministries' mail.", ar: "أحدهم داخل بريد الوزارات."),
            kind: Intrusion,
            author: "unit_x",
            target: "aland",
            severity: 2,
            began: Some((en: "May last year", ar: "أيار/مايو من العام الماضي")),
            discovered: Some(3),
            duration: 5,
            public: false,
            evidence: [
                (id: "access_logs", text: (en: "Logs", ar: "سجلات"), points_to: "unit_x", reliability: Moderate, layer: Technical, known_to: ["aland"]),
                (id: "mailbox", text: (en: "A mailbox's records", ar: "سجلات صندوق بريد"), points_to: "dravia", reliability: High, layer: Strategic, via_legal_assistance: true, held_by: Some("sentinel")),
            ],
        ),
        (
            id: "leak",
            name: (en: "The leak", ar: "التسريب"),
            description: (en: "Ministry papers posted online.", ar: "وثائق وزارية منشورة."),
            kind: HackAndLeak,
            author: "unit_x",
            target: "aland",
            severity: 3,
            start_turn: Some(2),
            claimed_by: Some("voice"),
            public: true,
            evidence: [
                (id: "channel", text: (en: "The persona's channel", ar: "قناة الواجهة"), points_to: "voice", reliability: High, layer: Operational, known_to: ["aland"]),
                (id: "report_item", text: (en: "Same operators", ar: "المشغلون أنفسهم"), points_to: "unit_x", reliability: High, layer: Operational, known_to: ["sentinel"]),
            ],
        ),
    ],
    injects: [
        (
            id: "report",
            title: (en: "Sentinel's report", ar: "تقرير سنتينل"),
            body: (en: "A report.", ar: "تقرير."),
            trigger: At(4),
            effects: [Publish(by: "sentinel", evidence: ["report_item"])],
        ),
    ],
    endings: [
        (id: "end", title: (en: "The end", ar: "النهاية"), text: (en: "It ends.", ar: "تنتهي."), condition: Always),
    ],
)"#;

fn load(source: &str) -> Arc<Scenario> {
    match scenario::parse(source, "real_cases.ron") {
        Ok(sc) => Arc::new(sc),
        Err(e) => panic!("the scenario does not load:\n{e}"),
    }
}

fn table() -> Exercise {
    Exercise::new(load(SOURCE), 3)
}

/// The table with one objective for Borea.
fn with_goal(condition: &str) -> Exercise {
    let at = r#"(id: "borea", actor: "borea", "#;
    let goal = format!(
        r#"{at}objectives: [(id: "goal", text: (en: "Goal.", ar: "هدف."), condition: {condition})], "#
    );
    Exercise::new(load(&SOURCE.replacen(at, &goal, 1)), 3)
}

fn goal(ex: &Exercise) -> ObjectiveStatus {
    view(ex, "borea").expect("seat").objectives[0].status
}

/// Advances to the briefing of `turn`.
fn to_turn(ex: &mut Exercise, turn: u32) {
    while ex.clock().turn < turn {
        ex.apply(Command::ADVANCE).expect("advance");
    }
    assert_eq!(ex.clock().phase, Phase::Briefing);
}

fn orders(ex: &mut Exercise, seat: &str, orders: Vec<Order>) {
    advance_to(ex, Phase::Orders);
    if let Err(e) = ex.apply(Command::seat(seat, SeatAct::Orders { orders })) {
        panic!("{seat}'s orders were refused: {e}");
    }
}

fn sees_incident(ex: &Exercise, seat: &str, id: &str) -> bool {
    view(ex, seat)
        .expect("seat")
        .incidents
        .iter()
        .any(|i| i.id == id)
}

fn holds(ex: &Exercise, seat: &str, evidence: &str) -> bool {
    view(ex, seat)
        .expect("seat")
        .evidence
        .iter()
        .any(|e| e.id == evidence)
}

/// An intrusion that began before the exercise is known only to its author's side until
/// its target discovers it; then the target sees it with when it began, and receives the
/// logs it held all along.
#[test]
fn an_intrusion_that_began_before_the_exercise_is_hidden_until_discovered() {
    let mut ex = table();
    assert!(sees_incident(&ex, "dravia", "access"), "the author's state");
    for turn in 1..=2 {
        to_turn(&mut ex, turn);
        assert!(!sees_incident(&ex, "aland", "access"), "turn {turn}");
        assert!(!holds(&ex, "aland", "access_logs"), "turn {turn}");
    }
    to_turn(&mut ex, 3);
    let v = view(&ex, "aland").expect("seat");
    let card = v
        .incidents
        .iter()
        .find(|i| i.id == "access")
        .expect("discovered on turn 3");
    assert_eq!(card.started, Some(1), "under way from the first turn");
    assert_eq!(
        card.began.as_ref().map(|b| b.en()),
        Some("May last year".into())
    );
    assert!(holds(&ex, "aland", "access_logs"));
    assert!(!sees_incident(&ex, "borea", "access"), "not public");
    let told = ex.truth().news().iter().any(|e| {
        e.kind == EventKind::Incident
            && e.turn == 3
            && e.text.en().starts_with("Discovered: Quiet access")
            && e.text.en().ends_with("under way since May last year")
    });
    assert!(told, "the discovery is news to the target");
}

/// The target cannot act on what it has not found: an investigation of the hidden intrusion
/// is refused as if the incident did not exist.
#[test]
fn an_undiscovered_incident_cannot_be_investigated_by_its_target() {
    let mut ex = table();
    advance_to(&mut ex, Phase::Orders);
    let mut refusal = |incident: &str| {
        ex.apply(Command::seat(
            "aland",
            SeatAct::Orders {
                orders: vec![Order::Investigate {
                    incident: incident.into(),
                }],
            },
        ))
        .expect_err("refused")
        .to_string()
    };
    let hidden = refusal("access");
    let unknown = refusal("no_such_incident");
    assert_eq!(hidden, unknown.replace("no_such_incident", "access"));
}

/// Everyone sees the persona's claim and the persona, never what is behind it: the card
/// names the persona, and the persona has no state linked to it (a proxy shows the state it
/// works from, which is public).
#[test]
fn the_public_sees_the_persona_not_who_is_behind_it() {
    let mut ex = table();
    to_turn(&mut ex, 2);
    let v = view(&ex, "borea").expect("seat");
    let card = v.incidents.iter().find(|i| i.id == "leak").expect("public");
    assert_eq!(card.claimed_by.as_deref(), Some("voice"));
    assert_eq!(card.author, None);
    let voice = v.actors.iter().find(|a| a.id == "voice").expect("persona");
    assert_eq!(voice.linked_state, None);
    assert!(!voice.is_state);
    let unit = v.actors.iter().find(|a| a.id == "unit_x").expect("proxy");
    assert_eq!(unit.linked_state.as_deref(), Some("dravia"));
    let sentinel = v
        .actors
        .iter()
        .find(|a| a.id == "sentinel")
        .expect("company");
    assert_eq!(sentinel.linked_state.as_deref(), Some("borea"));
    let claim = ex.truth().news().iter().any(|e| {
        e.turn == 2
            && e.visibility == Visibility::Public
            && e.text.en() == "Homeland Voice claims The leak"
    });
    assert!(claim, "the claim is public news");
}

/// Naming the persona names the operator it fronts for: the debrief counts an operational
/// attribution to "Homeland Voice" as true, like one to Unit X itself. A hack and leak is a
/// kind of its own on the card.
#[test]
fn an_attribution_to_the_persona_names_the_group_behind_it() {
    let mut ex = table();
    to_turn(&mut ex, 2);
    let card = view(&ex, "aland")
        .expect("seat")
        .incidents
        .into_iter()
        .find(|i| i.id == "leak")
        .expect("public");
    assert_eq!(card.kind, scenario::IncidentKind::HackAndLeak);
    orders(
        &mut ex,
        "aland",
        vec![Order::Attribute {
            incident: "leak".into(),
            to: "voice".into(),
            claim: Claim::Operator,
            confidence: Confidence::Moderate,
            public: true,
            joint: false,
            reading: None,
            release: false,
        }],
    );
    advance_to(&mut ex, Phase::Press);
    let name = ex
        .truth()
        .incident("leak")
        .expect("leak")
        .incident
        .name
        .clone();
    let claims = Debrief::of(&ex)
        .incidents
        .into_iter()
        .find(|i| i.name == name)
        .map(|i| i.claims)
        .unwrap_or_default();
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].claim, Claim::Operator);
    assert_eq!(claims[0].case, ClaimCase::SupportedAndTrue);
}

/// A company's report, published by an inject, gives every actor the items and is public
/// news that names who published it.
#[test]
fn a_company_publishes_a_report_everyone_receives() {
    let mut ex = table();
    to_turn(&mut ex, 3);
    assert!(!holds(&ex, "borea", "report_item"));
    to_turn(&mut ex, 4);
    for seat in ["aland", "borea", "dravia"] {
        assert!(holds(&ex, seat, "report_item"), "{seat}");
    }
    let news = ex.truth().news().iter().any(|e| {
        e.turn == 4
            && e.visibility == Visibility::Public
            && e.text.en() == "Sentinel publishes a report: Same operators"
    });
    assert!(news);
}

/// Records held by a company lie where the company is: a request for legal assistance to
/// Borea, where Sentinel is established, reaches the mailbox's records, though they point to
/// Dravia.
#[test]
fn records_held_by_a_company_are_reached_through_its_state() {
    let mut ex = table();
    to_turn(&mut ex, 3);
    orders(
        &mut ex,
        "aland",
        vec![Order::RequestLegalAssistance {
            from: "borea".into(),
            incident: "access".into(),
        }],
    );
    to_turn(&mut ex, 4);
    assert!(!holds(&ex, "aland", "mailbox"));
    assert!(
        sees_incident(&ex, "borea", "access"),
        "the request told Borea"
    );
    orders(
        &mut ex,
        "borea",
        vec![Order::AnswerLegalAssistance {
            to: "aland".into(),
            incident: "access".into(),
            grant: true,
        }],
    );
    advance_to(&mut ex, Phase::Press);
    assert!(holds(&ex, "aland", "mailbox"));
    assert!(
        !holds(&ex, "borea", "mailbox"),
        "the state passes the records on"
    );
}

/// Records a provider keeps only until turn 3 are gone when the formal request is granted on
/// turn 4, unless the requester asked Borea through the 24/7 network to preserve them in
/// time (Budapest Convention Arts. 29 and 35). The preservation tells nothing of what is
/// there; the grant says why the files held less.
#[test]
fn records_past_their_retention_are_lost_unless_preserved_in_time() {
    let kept = SOURCE.replacen(
        r#"held_by: Some("sentinel")"#,
        r#"held_by: Some("sentinel"), kept_until: Some(3)"#,
        1,
    );
    for preserve in [false, true] {
        let mut ex = Exercise::new(load(&kept), 3);
        to_turn(&mut ex, 3);
        let mut mine = vec![Order::RequestLegalAssistance {
            from: "borea".into(),
            incident: "access".into(),
        }];
        if preserve {
            mine.push(Order::Preserve {
                from: "borea".into(),
                incident: "access".into(),
            });
        }
        orders(&mut ex, "aland", mine);
        to_turn(&mut ex, 4);
        let told = ex
            .truth()
            .decisions()
            .iter()
            .find(|d| d.order.kind() == threshold::scenario::OrderKind::Preserve)
            .map(|d| d.reason.en());
        assert_eq!(
            told,
            preserve.then(|| {
                "Borea preserves any records on the incident in its territory until a formal request for them".to_string()
            })
        );
        orders(
            &mut ex,
            "borea",
            vec![Order::AnswerLegalAssistance {
                to: "aland".into(),
                incident: "access".into(),
                grant: true,
            }],
        );
        advance_to(&mut ex, Phase::Press);
        assert_eq!(
            holds(&ex, "aland", "mailbox"),
            preserve,
            "preserved: {preserve}"
        );
        let answer = ex
            .truth()
            .decisions()
            .iter()
            .rev()
            .find(|d| d.order.kind() == threshold::scenario::OrderKind::AnswerLegalAssistance)
            .map(|d| d.reason.en())
            .expect("the answer's ruling");
        assert_eq!(
            answer.contains("had been deleted: Aland had not asked for their preservation in time"),
            !preserve,
            "{answer}"
        );
    }
}

/// The 24/7 network joins the parties to the Budapest Convention: Aland cannot ask Dravia,
/// which is not one, and is told why.
#[test]
fn only_parties_to_the_budapest_convention_use_the_24_7_network() {
    let mut ex = table();
    to_turn(&mut ex, 3);
    advance_to(&mut ex, Phase::Orders);
    let refused = ex.apply(Command::seat(
        "aland",
        SeatAct::Orders {
            orders: vec![Order::Preserve {
                from: "dravia".into(),
                incident: "access".into(),
            }],
        },
    ));
    let why = refused.expect_err("refused").to_string();
    assert!(
        why.contains("Dravia is not a state party to the Budapest Convention"),
        "{why}"
    );
}

/// A turn that stands for a longer span brings more income: from turn 3 each turn is a
/// fortnight, and states regain twice the standard eight points.
#[test]
fn a_longer_span_brings_more_income() {
    let mut ex = table();
    let capital = |ex: &Exercise| {
        let a = ex.catalog().actor("dravia").expect("dravia").0 as usize;
        ex.truth().vars()[a].diplomatic_capital
    };
    let gains: Vec<i32> = (2..=3)
        .map(|turn| {
            let before = capital(&ex);
            to_turn(&mut ex, turn);
            capital(&ex) - before
        })
        .collect();
    assert_eq!(gains, [8, 16]);
    let sc = ex.scenario();
    assert_eq!(sc.span(2).0.en, "a week");
    assert_eq!(sc.span(3).0.en, "a fortnight");
}

/// `Sanctioned` holds once a state has imposed national sanctions on the target, and only
/// for the state named in `by`.
#[test]
fn a_condition_on_who_sanctioned_whom() {
    for (by, met) in [("borea", true), ("aland", false)] {
        let mut ex = with_goal(&format!(
            r#"Sanctioned(target: "dravia", by: Some("{by}"))"#
        ));
        assert_eq!(goal(&ex), ObjectiveStatus::Open);
        orders(
            &mut ex,
            "borea",
            vec![Order::Sanctions {
                target: "dravia".into(),
            }],
        );
        advance_to(&mut ex, Phase::Press);
        assert_eq!(matches!(goal(&ex), ObjectiveStatus::Met(1)), met, "by {by}");
    }
}

/// `ReadingAdopted` holds when the named seat has stated a reading at least that high.
#[test]
fn a_condition_on_the_reading_a_seat_adopted() {
    for (reading, met) in [(Reading::WrongfulAct, true), (Reading::Crime, false)] {
        let mut ex = with_goal(
            r#"ReadingAdopted(incident: "leak", at_least: WrongfulAct, by: Some("aland"))"#,
        );
        to_turn(&mut ex, 2);
        orders(
            &mut ex,
            "aland",
            vec![Order::PublicStatement {
                stance: Stance::Condemn,
                incident: Some("leak".into()),
                about: None,
                reading: Some(reading),
                via: Via::Communique,
                language: None,
                topic: None,
            }],
        );
        advance_to(&mut ex, Phase::Press);
        assert_eq!(
            matches!(goal(&ex), ObjectiveStatus::Met(2)),
            met,
            "{reading:?}"
        );
    }
}

/// An institution adopts a reading by a decision that states it: the North Atlantic
/// Council's agreement that an armed attack occurred (Art. 5); a request for consultations
/// states only the requester's reading.
#[test]
fn a_condition_on_the_reading_an_institution_adopted() {
    let condition =
        r#"ReadingAdopted(incident: "leak", at_least: ArmedAttack, institution: Some("nac"))"#;
    for (proposal, met) in [
        (
            Proposal::CollectiveDefence {
                incident: "leak".into(),
                cumulative: false,
            },
            true,
        ),
        (
            Proposal::Consultation {
                incident: "leak".into(),
                reading: Some(Reading::ArmedAttack),
            },
            false,
        ),
    ] {
        let mut ex = with_goal(condition);
        to_turn(&mut ex, 2);
        advance_to(&mut ex, Phase::Negotiation);
        ex.apply(Command::seat(
            "aland",
            SeatAct::Table {
                institution: "nac".into(),
                proposal: proposal.clone(),
            },
        ))
        .expect("tabled");
        orders(
            &mut ex,
            "borea",
            vec![Order::Vote {
                proposal: 0,
                ballot: Ballot::Yes,
            }],
        );
        advance_to(&mut ex, Phase::Press);
        assert_eq!(
            matches!(goal(&ex), ObjectiveStatus::Met(2)),
            met,
            "{proposal:?}"
        );
    }
}

/// The checker's message for each mistake a new author makes with these fields, at the
/// line of the mistake.
#[test]
fn the_checker_explains_misuse_of_personas_companies_and_discovery() {
    let cases: [(&str, &str, &str); 11] = [
        (
            r#"held_by: Some("sentinel")"#,
            r#"held_by: Some("sentinel"), kept_until: Some(9)"#,
            r#""mailbox" has kept_until: Some(9); expected records that only legal assistance reveals (via_legal_assistance: true), kept until a turn from 1 to 5"#,
        ),
        (
            r#"known_to: ["aland"]),"#,
            r#"known_to: ["aland"], kept_until: Some(2)),"#,
            r#""access_logs" has kept_until: Some(2); expected records that only legal assistance reveals"#,
        ),
        (
            r#"kind: Persona, sponsor: Some("unit_x")"#,
            r#"kind: Persona"#,
            r#"persona "voice" has no sponsor; expected the group or state behind it"#,
        ),
        (
            r#"kind: Persona, sponsor: Some("unit_x")"#,
            r#"kind: Persona, sponsor: Some("sentinel")"#,
            r#"persona "voice" fronts for "sentinel", which is not a group or a state"#,
        ),
        (
            r#"kind: HackAndLeak,
            author: "unit_x","#,
            r#"kind: HackAndLeak,
            author: "voice","#,
            r#"the author of "leak" is a persona; expected the group or state behind it as author, and the persona in claimed_by"#,
        ),
        (
            r#"claimed_by: Some("voice")"#,
            r#"claimed_by: Some("dravia")"#,
            r#""leak" is claimed by "dravia"; expected a persona or a group"#,
        ),
        (
            r#"discovered: Some(3)"#,
            r#"discovered: Some(1)"#,
            r#"incident "access" is discovered at turn 1; expected a turn after it starts (turn 1) and at most 5"#,
        ),
        (
            r#"began: Some((en: "May last year", ar: "أيار/مايو من العام الماضي")),"#,
            r#"began: Some((en: "May last year", ar: "أيار/مايو من العام الماضي")), start_turn: Some(2),"#,
            r#"incident "access" began before the exercise but starts at turn 2; expected no start_turn"#,
        ),
        (
            r#"held_by: Some("sentinel")"#,
            r#"held_by: Some("borea")"#,
            r#""mailbox" is held_by "borea"; expected a company with a sponsor"#,
        ),
        (
            r#"income: 200"#,
            r#"income: 500"#,
            r#"income of 500 percent; expected 0 to 400 percent of the standard income"#,
        ),
        (
            r#"Publish(by: "sentinel", evidence: ["report_item"])"#,
            r#"Publish(by: "sentinel", evidence: ["no_item"])"#,
            r#"unknown evidence "no_item"; expected an evidence id from an incident"#,
        ),
    ];
    for (from, to, message) in cases {
        assert!(SOURCE.contains(from), "{from}");
        let bad = SOURCE.replacen(from, to, 1);
        let errors = scenario::parse(&bad, "bad.ron").expect_err(message);
        // The line where the replaced text ends, where the mistake is.
        let end = SOURCE.find(from).expect("present") + from.len();
        let line = SOURCE[..end].lines().count();
        assert!(
            errors.0.iter().any(|d| d.message.en().contains(message)
                && d.to_string().starts_with(&format!("bad.ron:{line}:"))),
            "{message} at line {line}:\n{errors}"
        );
    }
}

/// Trade policy belongs to a union that holds it (the EU: Arts. 3(1)(e) and 207 TFEU): its
/// member's national trade sanctions on a state are refused with the reason, and nothing is
/// lost; the same order from a state outside the union is retorsion.
#[test]
fn a_member_of_a_union_that_holds_trade_policy_leaves_trade_sanctions_to_it() {
    let union = r#"institutions: [
        (
            id: "union",
            name: (en: "Council of the Union", ar: "مجلس الاتحاد"),
            members: ["aland"],
            rule: Unanimity,
            powers: [Statement],
            trade_competence: true,
        ),"#;
    let source = SOURCE.replacen("institutions: [", union, 1);
    let mut ex = Exercise::new(load(&source), 3);
    advance_to(&mut ex, Phase::Orders);
    let sanctions = || Order::Sanctions {
        target: "dravia".into(),
    };
    let refusal = ex
        .apply(Command::seat(
            "aland",
            SeatAct::Orders {
                orders: vec![sanctions()],
            },
        ))
        .expect_err("refused")
        .to_string();
    assert!(
        refusal
            .contains("exclusive competence of Council of the Union (Arts. 3(1)(e) and 207 TFEU)"),
        "{refusal}"
    );
    assert!(view(&ex, "aland").expect("seat").my_orders.is_empty());
    orders(&mut ex, "borea", vec![sanctions()]);
    advance_to(&mut ex, Phase::Press);
    let b = ex.catalog().actor("borea").expect("borea");
    let ruling = ex
        .truth()
        .decisions()
        .iter()
        .find(|d| d.actor == b)
        .expect("a ruling")
        .clone();
    assert_eq!(ruling.law, [threshold::sim::law::Law::Retorsion]);
}
