//! The casebook: one named case per rule, in the spirit of the Diplomacy Adjudicator Test
//! Cases. Each case says, in its name and its doc comment, what an instructor would expect;
//! the body sets the table, plays the orders and checks the ruling and its reason.
//!
//! Pure voting cases call `decide` directly. The others play a small inline scenario
//! (`casebook_scenario`): five states (Aland, Borea, Cyrena, Estmark in the EU Council and
//! the North Atlantic Council; Dravia outside both), Dravia's directed proxy Unit X, one
//! listable person (Officer K), a DDoS on Aland by Unit X ("hack") and a deadly attack on
//! Aland's grid by Dravia ("blackout").

use std::sync::Arc;

use threshold::i18n::Arg;
use threshold::scenario::{self, DecisionRule, IncidentKind, Level, Scenario, Text};
use threshold::sim::assistance::Assisted;
use threshold::sim::attribution::{Attribution, AttributionIndex};
use threshold::sim::catalog::ActorId;
use threshold::sim::clock::Phase;
use threshold::sim::incidents::{Incident, IncidentIndex};
use threshold::sim::institutions::{Listings, Member, ProposalStatus, decide};
use threshold::sim::norms::{LadderFacts, assess};
use threshold::sim::orders::{Ballot, CovertKind, Order, Proposal};
use threshold::sim::record::{
    Chronicle, Decision, EventKind, LedgerSource, NormLedger, Resolved, Verdict,
};
use threshold::sim::view::view;
use threshold::sim::{Command, Exercise, Refusal};

// ---------------------------------------------------------------- the table

/// The incidents most cases use: a DDoS on Aland by Dravia's proxy, with evidence Aland
/// holds, evidence easy to find, and files only legal assistance reveals; and a deadly,
/// destructive attack on Aland's grid by Dravia itself.
const INCIDENTS: &str = r#"
        (
            id: "hack",
            name: (en: "Ministry DDoS", ar: "هجوم حجب الخدمة على الوزارة"),
            description: (en: "Government portals flooded for days.", ar: "إغراق البوابات الحكومية لأيام."),
            kind: Ddos,
            author: "unit_x",
            target: "aland",
            severity: 3,
            start_turn: Some(1),
            duration: 4,
            public: true,
            evidence: [
                (
                    id: "ev_ip",
                    text: (en: "Command servers leased by a Dravian ministry.", ar: "خوادم تحكم مستأجرة لوزارة درافية."),
                    points_to: "dravia",
                    reliability: Moderate,
                    layer: Technical,
                    known_to: ["aland"],
                    difficulty: 40,
                ),
                (
                    id: "ev_easy",
                    text: (en: "Operator chat logs in Dravian.", ar: "سجلات محادثة المشغلين."),
                    points_to: "dravia",
                    reliability: High,
                    layer: Operational,
                    difficulty: 0,
                ),
                (
                    id: "ev_files",
                    text: (en: "Hosting provider records naming Unit X.", ar: "سجلات مزود الاستضافة."),
                    points_to: "unit_x",
                    reliability: High,
                    layer: Operational,
                    difficulty: 100,
                    via_legal_assistance: true,
                ),
            ],
        ),
        (
            id: "blackout",
            name: (en: "Grid blackout", ar: "انقطاع الشبكة الكهربائية"),
            description: (en: "Substations destroyed; three dead in hospitals.", ar: "تدمير محطات فرعية؛ ثلاثة قتلى."),
            kind: CriticalInfrastructure,
            author: "dravia",
            target: "aland",
            severity: 5,
            deaths: 3,
            lasting_damage: true,
            start_turn: Some(1),
            duration: 2,
            public: true,
        ),
"#;

/// The casebook scenario with the given incidents (a RON list body).
fn casebook_scenario(incidents: &str) -> String {
    let state = |id: &str, name: &str, population: f32, extra: &str| {
        format!(
            r#"(id: "{id}", name: (en: "{name}", ar: "{name}"), kind: State, population: {population:.1}, budapest_party: true{extra}),"#
        )
    };
    let seat = |id: &str| {
        format!(
            r#"(id: "{id}", actor: "{id}", role: (en: "Foreign minister", ar: "وزير الخارجية"), briefing: (en: "Brief.", ar: "إحاطة.")),"#
        )
    };
    let actors = [
        state("aland", "Aland", 40.0, ", start: (technical_capacity: 95)"),
        state("borea", "Borea", 30.0, ""),
        state("cyrena", "Cyrena", 20.0, ""),
        state("estmark", "Estmark", 10.0, ""),
        // Dravia is not a party to the Budapest Convention.
        r#"(id: "dravia", name: (en: "Dravia", ar: "درافيا"), kind: State, population: 100.0),"#.to_string(),
        r#"(id: "unit_x", name: (en: "Unit X", ar: "الوحدة إكس"), kind: Proxy, sponsor: Some("dravia"), control: Directed),"#.to_string(),
    ]
    .join("\n        ");
    let seats = ["aland", "borea", "cyrena", "estmark", "dravia"]
        .map(seat)
        .join("\n        ");
    // Officer K took part in the DDoS; without it there is no one to list.
    let entities = if incidents.contains(r#"id: "hack""#) {
        r#"(id: "officer_k", name: (en: "Officer K", ar: "الضابط ك"), kind: Person, affiliation: Some("unit_x"), incidents: ["hack"]),"#
    } else {
        ""
    };
    format!(
        r#"(
    id: "casebook",
    title: (en: "Casebook", ar: "سجل الحالات"),
    summary: (en: "Named cases for the rules.", ar: "حالات مسماة للقواعد."),
    briefing: (en: "A small table for rules tests.", ar: "طاولة صغيرة لاختبار القواعد."),
    period: (en: "Any year", ar: "أي سنة"),
    turn_span: (en: "a month", ar: "شهر"),
    turns: 4,
    actors: [
        {actors}
    ],
    entities: [
        {entities}
    ],
    institutions: [
        (
            id: "eu",
            name: (en: "Council of the EU", ar: "مجلس الاتحاد الأوروبي"),
            members: ["aland", "borea", "cyrena", "estmark"],
            rule: Unanimity,
            powers: [Listing, AttributionStatement],
            votes_public: true,
            implementing_rule: Some(QualifiedMajority(members_pct: 55, population_pct: 65, blocking_minority: 4)),
        ),
        (
            id: "nac",
            name: (en: "North Atlantic Council", ar: "مجلس شمال الأطلسي"),
            members: ["aland", "borea", "cyrena", "estmark"],
            rule: Consensus,
            powers: [Consultation, CollectiveDefence],
            votes_public: true,
        ),
        (
            id: "osce",
            name: (en: "OSCE Permanent Council", ar: "المجلس الدائم لمنظمة الأمن والتعاون"),
            members: ["aland", "borea", "cyrena", "estmark", "dravia"],
            rule: Consensus,
            powers: [AttributionStatement],
            votes_public: false,
        ),
    ],
    seats: [
        {seats}
    ],
    incidents: [
        {incidents}
    ],
    endings: [
        (id: "end", title: (en: "The end", ar: "النهاية"), text: (en: "It ends.", ar: "تنتهي."), condition: Always),
    ],
)"#
    )
}

fn load(source: &str) -> Arc<Scenario> {
    match scenario::parse(source, "casebook.ron") {
        Ok(sc) => Arc::new(sc),
        Err(e) => panic!("the casebook scenario does not load:\n{e}"),
    }
}

/// A fresh exercise on the casebook table, at the briefing of turn 1.
fn table() -> Exercise {
    table_with(INCIDENTS)
}

fn table_with(incidents: &str) -> Exercise {
    Exercise::new(load(&casebook_scenario(incidents)), 7)
}

/// Advances until the exercise is in `phase` (of this turn or the next).
fn advance_to(ex: &mut Exercise, phase: Phase) {
    for _ in 0..10 {
        if ex.clock().phase == phase {
            return;
        }
        ex.apply(Command::Advance)
            .expect("advance is always accepted before the end");
    }
    panic!("never reached the {phase:?} phase");
}

/// Submits a seat's orders, which must be accepted.
fn orders(ex: &mut Exercise, seat: &str, orders: Vec<Order>) {
    if let Err(e) = ex.apply(Command::Orders {
        seat: seat.into(),
        orders,
    }) {
        panic!("{seat}'s orders were refused: {e}");
    }
}

fn table_proposal(ex: &mut Exercise, seat: &str, institution: &str, proposal: Proposal) {
    if let Err(e) = ex.apply(Command::Table {
        seat: seat.into(),
        institution: institution.into(),
        proposal,
    }) {
        panic!("{seat} could not table: {e}");
    }
}

/// Closes the orders phase: every order resolves.
fn resolve(ex: &mut Exercise) {
    assert_eq!(
        ex.clock().phase,
        Phase::Orders,
        "resolution follows the orders phase"
    );
    ex.apply(Command::Advance).expect("advance");
}

fn actor(ex: &Exercise, id: &str) -> ActorId {
    ex.catalog()
        .actor(id)
        .unwrap_or_else(|| panic!("no actor {id}"))
}

/// The latest resolution of one of `seat`'s orders matching `is`.
fn ruling(ex: &Exercise, seat: &str, is: impl Fn(&Order) -> bool) -> Decision {
    let a = actor(ex, seat);
    ex.world()
        .resource::<threshold::sim::record::Decisions>()
        .0
        .iter()
        .rev()
        .find(|d| d.actor == a && is(&d.order))
        .cloned()
        .unwrap_or_else(|| panic!("no matching resolution for {seat}"))
}

fn has_mark(d: &Decision, norm: &str, verdict: Verdict) -> bool {
    d.norms
        .iter()
        .any(|m| m.norm.id() == norm && m.verdict == verdict)
}

fn ledger_has(ex: &Exercise, seat: &str, norm: &str, verdict: Verdict) -> bool {
    let a = actor(ex, seat);
    ex.world()
        .resource::<NormLedger>()
        .0
        .iter()
        .any(|e| e.actor == a && e.mark.norm.id() == norm && e.mark.verdict == verdict)
}

fn attributions(ex: &Exercise) -> Vec<Attribution> {
    let w = ex.world();
    w.resource::<AttributionIndex>()
        .0
        .iter()
        .filter_map(|e| w.get::<Attribution>(*e))
        .cloned()
        .collect()
}

/// The engine's own assessment of an incident (the control cell's and the debrief's; no seat
/// is shown it).
fn incident_level(ex: &Exercise, incident: &str) -> (Level, String) {
    let w = ex.world();
    let e = w
        .resource::<IncidentIndex>()
        .get(incident)
        .unwrap_or_else(|| panic!("no incident {incident}"));
    let inc = w.get::<Incident>(e).expect("incident");
    (inc.level, inc.level_reason.en())
}

// ---------------------------------------------------------------- voting, by rule alone

const NAMES: [&str; 15] = [
    "China",
    "France",
    "Russia",
    "United Kingdom",
    "United States",
    "Albania",
    "Brazil",
    "Gabon",
    "Ghana",
    "India",
    "Ireland",
    "Kenya",
    "Mexico",
    "Norway",
    "UAE",
];

fn member_name(a: ActorId) -> String {
    NAMES
        .get(a.0 as usize)
        .map_or_else(|| format!("member {}", a.0), |n| n.to_string())
}

fn name(a: ActorId) -> Option<Arg> {
    let n = member_name(a);
    Some(Arg::Name(Text {
        en: n.clone(),
        ar: n,
    }))
}

/// The ladder's assessment with its reason in English.
fn assess_en(facts: &LadderFacts) -> (Level, String) {
    let (level, reason) = assess(facts);
    (level, reason.en())
}

/// Members with these populations (millions); the first `permanent` of them hold a veto.
fn members(populations: &[f32], permanent: usize) -> Vec<Member> {
    populations
        .iter()
        .enumerate()
        .map(|(i, p)| Member {
            actor: ActorId(i as u8),
            population: *p,
            permanent: i < permanent,
        })
        .collect()
}

/// Ballots by member position; `None` means the member did not vote.
fn ballots(votes: &[Option<Ballot>]) -> Vec<(ActorId, Ballot)> {
    votes
        .iter()
        .enumerate()
        .filter_map(|(i, b)| b.map(|b| (ActorId(i as u8), b)))
        .collect()
}

fn vote(rule: DecisionRule, members: &[Member], votes: &[Option<Ballot>]) -> (bool, String) {
    let (passed, why) = decide(rule, members, &ballots(votes), &name);
    (passed, why.en())
}

const Y: Option<Ballot> = Some(Ballot::Yes);
const N: Option<Ballot> = Some(Ballot::No);
const A: Option<Ballot> = Some(Ballot::Abstain);
const SILENT: Option<Ballot> = None;

const QMV: DecisionRule = DecisionRule::QualifiedMajority {
    members_pct: 55,
    population_pct: 65,
    blocking_minority: 4,
};
const UNSC: DecisionRule = DecisionRule::SecurityCouncil { votes_needed: 9 };

/// Four members want to list; one votes no. Under unanimity a single "no" blocks the
/// listing, and the reason names the member that blocked it.
#[test]
fn one_member_blocks_an_eu_listing() {
    let council = members(&[83.0, 67.0, 17.0, 10.5, 9.7], 0);
    let (passed, reason) = vote(DecisionRule::Unanimity, &council, &[Y, Y, Y, Y, N]);
    assert!(!passed, "{reason}");
    assert!(reason.contains("blocked by"), "{reason}");
    assert!(
        reason.contains(&member_name(ActorId(4))),
        "the reason names the blocking member: {reason}"
    );
}

/// The member with ties to the accused abstains instead of voting no. Constructive
/// abstention (Art. 31(2) TEU) does not block unanimity: the listing passes.
#[test]
fn constructive_abstention_lets_a_listing_pass() {
    let council = members(&[83.0, 67.0, 17.0, 10.5, 9.7], 0);
    let (passed, reason) = vote(DecisionRule::Unanimity, &council, &[Y, Y, Y, Y, A]);
    assert!(passed, "{reason}");
    assert!(reason.contains("constructive abstention"), "{reason}");
    assert!(
        reason.contains("Art. 31") && reason.contains("TEU"),
        "{reason}"
    );
}

/// Two of six members of equal size abstain: they are a third of the members and a third
/// of the population, so the decision is not adopted (Art. 31(2) TEU), though no one said no.
#[test]
fn abstentions_of_a_third_of_members_defeat_unanimity() {
    let council = members(&[10.0; 6], 0);
    let (passed, reason) = vote(DecisionRule::Unanimity, &council, &[Y, Y, Y, Y, A, A]);
    assert!(!passed, "{reason}");
    assert!(reason.contains("a third"), "{reason}");

    // One abstainer of six is below the threshold: constructive abstention, adopted.
    let (passed, reason) = vote(DecisionRule::Unanimity, &council, &[Y, Y, Y, Y, Y, A]);
    assert!(passed, "{reason}");

    // A third of the members who are only a sliver of the population do not defeat it:
    // Art. 31(2) needs both a third of the states and a third of the population.
    let council = members(&[80.0, 80.0, 80.0, 80.0, 1.0, 1.0], 0);
    let (passed, reason) = vote(DecisionRule::Unanimity, &council, &[Y, Y, Y, Y, A, A]);
    assert!(passed, "{reason}");
}

/// Everyone else abstains and no one supports: unanimity needs at least one "yes".
#[test]
fn unanimity_needs_someone_in_favour() {
    let council = members(&[10.0; 3], 0);
    let (passed, reason) = vote(DecisionRule::Unanimity, &council, &[SILENT, SILENT, SILENT]);
    assert!(!passed, "{reason}");
}

/// Simple majority: more yes than no among those voting; abstentions and silence do not
/// count, and a tie fails.
#[test]
fn simple_majority() {
    let body = members(&[1.0; 7], 0);
    let (passed, reason) = vote(
        DecisionRule::SimpleMajority,
        &body,
        &[Y, Y, Y, N, N, A, SILENT],
    );
    assert!(passed, "{reason}");
    assert!(reason.contains("simple majority"), "{reason}");
    let (passed, reason) = vote(DecisionRule::SimpleMajority, &body, &[Y, Y, N, N, A, A, A]);
    assert!(!passed, "a tie is not a majority: {reason}");
    let (passed, reason) = vote(
        DecisionRule::SimpleMajority,
        &body,
        &[Y, SILENT, SILENT, SILENT, SILENT, SILENT, SILENT],
    );
    assert!(
        passed,
        "one yes and no noes is a majority of those voting: {reason}"
    );
}

/// Qualified majority (Art. 16(4) TEU): 55% of the members representing 65% of the
/// population. Six of ten equal members (60%, 60% of the population) fall short on
/// population; six of ten holding most of the population pass; five of ten fail on members
/// however many people they represent.
#[test]
fn qualified_majority_needs_55_percent_of_members_and_65_percent_of_population() {
    let equal = members(&[10.0; 10], 0);
    let (passed, reason) = vote(QMV, &equal, &[Y, Y, Y, Y, Y, Y, N, N, N, N]);
    assert!(!passed, "60% of the population is not 65%: {reason}");
    assert!(reason.contains("65% needed"), "{reason}");

    let big_six = members(
        &[80.0, 65.0, 60.0, 47.0, 38.0, 20.0, 10.0, 10.0, 10.0, 10.0],
        0,
    );
    let (passed, reason) = vote(QMV, &big_six, &[Y, Y, Y, Y, Y, Y, N, N, N, N]);
    assert!(passed, "{reason}");
    assert!(reason.contains("qualified majority"), "{reason}");

    let big_five = members(
        &[100.0, 100.0, 100.0, 100.0, 100.0, 1.0, 1.0, 1.0, 1.0, 1.0],
        0,
    );
    let (passed, reason) = vote(QMV, &big_five, &[Y, Y, Y, Y, Y, N, N, N, N, N]);
    assert!(!passed, "half the members is not 55%: {reason}");
    assert!(reason.contains("55% needed"), "{reason}");

    // Abstaining counts as not in favour under qualified majority.
    let (passed, reason) = vote(QMV, &equal, &[Y, Y, Y, Y, Y, A, A, A, A, A]);
    assert!(!passed, "{reason}");
}

/// A blocking minority needs at least four members: three large members holding more than
/// 35% of the population cannot block alone (the qualified majority is deemed reached),
/// but four members can.
#[test]
fn blocking_minority_needs_four_members() {
    let three_big = members(&[10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 40.0, 40.0, 40.0], 0);
    let (passed, reason) = vote(QMV, &three_big, &[Y, Y, Y, Y, Y, Y, N, N, N]);
    assert!(passed, "three members cannot block: {reason}");
    assert!(reason.contains("deemed reached"), "{reason}");

    let four = members(
        &[
            10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 40.0, 40.0, 40.0, 1.0, 1.0,
        ],
        0,
    );
    let (passed, reason) = vote(QMV, &four, &[Y, Y, Y, Y, Y, Y, Y, N, N, N, N]);
    assert!(
        !passed,
        "four members with over 35% of the population block: {reason}"
    );
}

/// Fourteen members vote yes; one permanent member votes no. Art. 27(3) UN Charter: the
/// permanent member's "no" is a veto.
#[test]
fn a_permanent_member_vetoes() {
    let council = members(&[1.0; 15], 5);
    let mut votes = [Y; 15];
    votes[2] = N;
    let (passed, reason) = vote(UNSC, &council, &votes);
    assert!(!passed, "{reason}");
    assert!(reason.contains("vetoed"), "{reason}");
    assert!(
        reason.contains("Russia"),
        "the reason names the vetoing member: {reason}"
    );
}

/// A permanent member abstains and nine others vote yes: by the practice under Art. 27(3),
/// abstention by a permanent member is not a veto.
#[test]
fn a_permanent_member_abstaining_is_not_a_veto() {
    let council = members(&[1.0; 15], 5);
    let votes = [A, Y, Y, Y, Y, Y, Y, Y, Y, Y, A, A, A, A, A];
    let (passed, reason) = vote(UNSC, &council, &votes);
    assert!(passed, "{reason}");
    assert!(
        !reason.contains("veto") || reason.contains("no veto"),
        "{reason}"
    );
}

/// Nine affirmative votes are needed: eight are not enough even without a veto, nine are;
/// an elected member's "no" is not a veto.
#[test]
fn nine_votes_needed_in_the_security_council() {
    let council = members(&[1.0; 15], 5);
    let eight = [Y, Y, Y, Y, Y, Y, Y, Y, A, A, A, A, A, A, A];
    let (passed, reason) = vote(UNSC, &council, &eight);
    assert!(!passed, "{reason}");
    assert!(reason.contains("9 needed"), "{reason}");

    let nine_and_elected_noes = [Y, Y, Y, Y, Y, Y, Y, Y, Y, N, N, N, N, N, N];
    let (passed, reason) = vote(UNSC, &council, &nine_and_elected_noes);
    assert!(passed, "{reason}");
}

// ---------------------------------------------------------------- institutions at the table

/// Aland tables collective defence over the deadly blackout in the North Atlantic Council;
/// Cyrena objects. Without consensus the Council has not agreed that an armed attack
/// occurred: Art. 5 is not invoked, and the reason names the objector.
#[test]
fn article_5_fails_without_consensus() {
    let mut ex = table();
    advance_to(&mut ex, Phase::Negotiation);
    table_proposal(
        &mut ex,
        "aland",
        "nac",
        Proposal::CollectiveDefence {
            incident: "blackout".into(),
            cumulative: false,
        },
    );
    advance_to(&mut ex, Phase::Orders);
    orders(
        &mut ex,
        "borea",
        vec![Order::Vote {
            proposal: 0,
            ballot: Ballot::Yes,
        }],
    );
    orders(
        &mut ex,
        "cyrena",
        vec![Order::Vote {
            proposal: 0,
            ballot: Ballot::No,
        }],
    );
    orders(
        &mut ex,
        "estmark",
        vec![Order::Vote {
            proposal: 0,
            ballot: Ballot::Yes,
        }],
    );
    resolve(&mut ex);

    let v = view(&ex, "aland").expect("seat");
    let p = &v.proposals[0];
    assert_eq!(p.status, ProposalStatus::Failed, "{}", p.reason);
    assert!(p.reason.en().contains("no consensus"), "{}", p.reason);
    assert!(p.reason.en().contains("Cyrena"), "{}", p.reason);
    assert!(p.reason.en().contains("Art. 5 not invoked"), "{}", p.reason);
    // The ballots are public in this Council: everyone sees who objected.
    let seen_by_dravia = view(&ex, "dravia").expect("seat");
    assert!(
        seen_by_dravia
            .proposals
            .iter()
            .any(|q| q.ballots.contains(&("cyrena".into(), Ballot::No)))
    );
}

/// Aland tables collective defence over the deadly blackout; Borea and Cyrena agree and
/// Estmark stays silent. Consensus is the absence of objection: the Council agrees that an
/// armed attack occurred.
#[test]
fn article_5_passes_when_no_ally_objects() {
    let mut ex = table();
    advance_to(&mut ex, Phase::Negotiation);
    table_proposal(
        &mut ex,
        "aland",
        "nac",
        Proposal::CollectiveDefence {
            incident: "blackout".into(),
            cumulative: false,
        },
    );
    advance_to(&mut ex, Phase::Orders);
    orders(
        &mut ex,
        "borea",
        vec![Order::Vote {
            proposal: 0,
            ballot: Ballot::Yes,
        }],
    );
    orders(
        &mut ex,
        "cyrena",
        vec![Order::Vote {
            proposal: 0,
            ballot: Ballot::Yes,
        }],
    );
    resolve(&mut ex);

    let v = view(&ex, "estmark").expect("seat");
    let p = &v.proposals[0];
    assert_eq!(p.status, ProposalStatus::Passed, "{}", p.reason);
    assert!(p.reason.en().contains("consensus"), "{}", p.reason);
    assert!(
        p.reason.en().contains("armed attack occurred"),
        "{}",
        p.reason
    );
}

/// Art. 5 concerns an armed attack against a member: Dravia is not in the Council, and
/// an incident against a non-member cannot be tabled there.
#[test]
fn article_5_only_for_an_attack_on_a_member() {
    let incidents = r#"
        (id: "raid", name: (en: "Raid", ar: "غارة"), description: (en: "d", ar: "d"), kind: Wiper,
         author: "borea", target: "dravia", severity: 5, deaths: 1, lasting_damage: true, start_turn: Some(1), public: true),
    "#;
    let mut ex = table_with(incidents);
    advance_to(&mut ex, Phase::Negotiation);
    let before = ex.state_hash();
    let r = ex.apply(Command::Table {
        seat: "aland".into(),
        institution: "nac".into(),
        proposal: Proposal::CollectiveDefence {
            cumulative: false,
            incident: "raid".into(),
        },
    });
    assert!(
        matches!(&r, Err(Refusal::Invalid(m)) if m.en().contains("not one")),
        "{r:?}"
    );
    assert_eq!(ex.state_hash(), before);
}

/// Aland tables a listing that names Dravia itself. Restrictive measures list natural or
/// legal persons, entities and bodies, never a state (Decision (CFSP) 2019/797): the
/// proposal is refused when tabled, with that reason, and costs nothing.
#[test]
fn a_listing_may_not_name_a_state() {
    let mut ex = table();
    advance_to(&mut ex, Phase::Negotiation);
    let before = ex.state_hash();
    let r = ex.apply(Command::Table {
        seat: "aland".into(),
        institution: "eu".into(),
        proposal: Proposal::Listing {
            incident: "hack".into(),
            targets: vec!["dravia".into()],
        },
    });
    let Err(Refusal::Invalid(message)) = r else {
        panic!("a listing of a state was accepted: {r:?}")
    };
    let message = message.en();
    assert!(
        message.contains("persons") && message.contains("entities"),
        "{message}"
    );
    assert!(message.contains("never a state"), "{message}");
    assert_eq!(
        ex.state_hash(),
        before,
        "a refused proposal changes nothing"
    );
    assert!(view(&ex, "aland").expect("seat").proposals.is_empty());
}

/// A listing must rest on the person's part in the incident: Officer K took part in the
/// DDoS, not in the blackout.
#[test]
fn a_listing_must_cite_the_persons_incident() {
    let mut ex = table();
    advance_to(&mut ex, Phase::Negotiation);
    let r = ex.apply(Command::Table {
        seat: "aland".into(),
        institution: "eu".into(),
        proposal: Proposal::Listing {
            incident: "blackout".into(),
            targets: vec!["officer_k".into()],
        },
    });
    assert!(
        matches!(&r, Err(Refusal::Invalid(m)) if m.en().contains("nothing links")),
        "{r:?}"
    );
}

/// The Council lists Officer K over the DDoS, unanimously, and the implementing regulation
/// passes. The listing is a measure against a person, not an attribution: no state has
/// been named, no Attribution exists for the incident, and the reason says so.
#[test]
fn a_listing_is_not_an_attribution() {
    let mut ex = table();
    advance_to(&mut ex, Phase::Negotiation);
    table_proposal(
        &mut ex,
        "aland",
        "eu",
        Proposal::Listing {
            incident: "hack".into(),
            targets: vec!["officer_k".into()],
        },
    );
    advance_to(&mut ex, Phase::Orders);
    for seat in ["borea", "cyrena", "estmark"] {
        orders(
            &mut ex,
            seat,
            vec![Order::Vote {
                proposal: 0,
                ballot: Ballot::Yes,
            }],
        );
    }
    resolve(&mut ex);

    let v = view(&ex, "aland").expect("seat");
    let p = &v.proposals[0];
    assert_eq!(p.status, ProposalStatus::Passed, "{}", p.reason);
    assert!(
        p.reason.en().contains("implementing regulation"),
        "{}",
        p.reason
    );
    assert!(p.reason.en().contains("not an attribution"), "{}", p.reason);
    assert!(
        ex.world()
            .resource::<Listings>()
            .listed
            .contains(&"officer_k".to_string())
    );
    assert!(v.listed.contains(&"officer_k".to_string()));

    assert!(
        attributions(&ex).is_empty(),
        "a listing made an attribution: {:?}",
        attributions(&ex)
    );
    for seat in ["aland", "borea", "cyrena", "estmark", "dravia"] {
        let v = view(&ex, seat).expect("seat");
        assert!(
            v.attributions.iter().all(|a| a.incident != "hack"),
            "{seat} sees an attribution"
        );
    }
}

/// The same listing, with Estmark abstaining: one of four members, 10% of the
/// population, abstains constructively; the decision and the implementing regulation
/// (3 of 4 members, 90% of the population) both pass.
#[test]
fn constructive_abstention_at_the_table() {
    let mut ex = table();
    advance_to(&mut ex, Phase::Negotiation);
    table_proposal(
        &mut ex,
        "aland",
        "eu",
        Proposal::Listing {
            incident: "hack".into(),
            targets: vec!["officer_k".into()],
        },
    );
    advance_to(&mut ex, Phase::Orders);
    orders(
        &mut ex,
        "borea",
        vec![Order::Vote {
            proposal: 0,
            ballot: Ballot::Yes,
        }],
    );
    orders(
        &mut ex,
        "cyrena",
        vec![Order::Vote {
            proposal: 0,
            ballot: Ballot::Yes,
        }],
    );
    orders(
        &mut ex,
        "estmark",
        vec![Order::Vote {
            proposal: 0,
            ballot: Ballot::Abstain,
        }],
    );
    resolve(&mut ex);
    let p = &view(&ex, "estmark").expect("seat").proposals[0];
    assert_eq!(p.status, ProposalStatus::Passed, "{}", p.reason);
    assert!(
        p.reason.en().contains("constructive abstention"),
        "{}",
        p.reason
    );
}

/// In a body whose votes are secret only the result is published: the other members and
/// the public learn that the statement failed for want of consensus, not who objected.
/// Only the objector's own view shows its ballot.
#[test]
fn a_secret_ballot_stays_secret() {
    let mut ex = table();
    advance_to(&mut ex, Phase::Negotiation);
    table_proposal(
        &mut ex,
        "aland",
        "osce",
        Proposal::AttributionStatement {
            incident: "hack".into(),
            accused: "dravia".into(),
            claim: scenario::Claim::Responsibility,
            confidence: scenario::Confidence::Moderate,
        },
    );
    advance_to(&mut ex, Phase::Orders);
    orders(
        &mut ex,
        "borea",
        vec![Order::Vote {
            proposal: 0,
            ballot: Ballot::Yes,
        }],
    );
    orders(
        &mut ex,
        "cyrena",
        vec![Order::Vote {
            proposal: 0,
            ballot: Ballot::No,
        }],
    );
    resolve(&mut ex);
    for seat in ["aland", "borea", "estmark"] {
        let v = view(&ex, seat).expect("seat");
        let p = &v.proposals[0];
        assert_eq!(p.status, ProposalStatus::Failed);
        assert!(
            p.ballots.iter().all(|(who, _)| who == seat),
            "{seat} sees others' ballots: {:?}",
            p.ballots
        );
        assert!(
            !p.reason.en().contains("Cyrena"),
            "{seat} learns who objected: {}",
            p.reason
        );
        assert!(
            v.news.iter().all(|n| !n.text.en().contains("Cyrena")),
            "{seat}'s news names the objector"
        );
    }
    let own = view(&ex, "cyrena").expect("seat");
    assert!(
        own.proposals[0]
            .ballots
            .contains(&("cyrena".into(), Ballot::No))
    );
}

// ---------------------------------------------------------------- countermeasures (ILC Arts. 49–53)

fn countermeasure(intensity: u32, reversible: bool) -> Order {
    Order::Countermeasure {
        against: "dravia".into(),
        incident: "hack".into(),
        intensity,
        reversible,
        reading: Some(scenario::Reading::WrongfulAct),
    }
}

fn is_countermeasure(o: &Order) -> bool {
    matches!(o, Order::Countermeasure { .. })
}

/// Aland, the injured state, strikes back at Dravia without first calling on it to comply.
/// ILC Art. 52 requires a prior call and notice: the measure is carried out but is not a
/// lawful countermeasure, and strains norm 13a.
#[test]
fn countermeasure_without_prior_call_to_comply_is_unlawful() {
    let mut ex = table();
    advance_to(&mut ex, Phase::Orders);
    orders(&mut ex, "aland", vec![countermeasure(2, true)]);
    resolve(&mut ex);
    let d = ruling(&ex, "aland", is_countermeasure);
    assert_eq!(d.resolved, Resolved::Done);
    assert!(
        d.reason.en().starts_with("not a lawful countermeasure"),
        "{}",
        d.reason
    );
    assert!(
        d.reason.en().contains("no prior call to comply"),
        "{}",
        d.reason
    );
    assert!(d.reason.en().contains("Art. 52"), "{}", d.reason);
    assert!(
        d.law.iter().any(|l| l.contains("conditions not met")),
        "{:?}",
        d.law
    );
    assert!(has_mark(&d, "13a", Verdict::Strained), "{:?}", d.norms);
}

/// A demarche delivered in the same turn as the countermeasure is not a *prior* call to
/// comply: the responsible state had no chance to answer.
#[test]
fn a_demarche_in_the_same_turn_is_not_a_prior_call() {
    let mut ex = table();
    advance_to(&mut ex, Phase::Orders);
    orders(
        &mut ex,
        "aland",
        vec![
            Order::Demarche {
                to: "dravia".into(),
                incident: Some("hack".into()),
            },
            countermeasure(2, true),
        ],
    );
    resolve(&mut ex);
    let d = ruling(&ex, "aland", is_countermeasure);
    assert!(
        d.reason.en().contains("no prior call to comply"),
        "{}",
        d.reason
    );
}

/// Aland calls on Dravia to comply in turn 1 and, in turn 2, answers a severity-3 DDoS
/// with a countermeasure of intensity 5. Art. 51: a countermeasure must be commensurate
/// with the injury; this one is not lawful.
#[test]
fn countermeasure_disproportionate_is_unlawful() {
    let mut ex = table();
    advance_to(&mut ex, Phase::Orders);
    orders(
        &mut ex,
        "aland",
        vec![Order::Demarche {
            to: "dravia".into(),
            incident: Some("hack".into()),
        }],
    );
    resolve(&mut ex);
    advance_to(&mut ex, Phase::Orders);
    orders(&mut ex, "aland", vec![countermeasure(5, true)]);
    resolve(&mut ex);
    let d = ruling(&ex, "aland", is_countermeasure);
    assert!(
        d.reason.en().starts_with("not a lawful countermeasure"),
        "{}",
        d.reason
    );
    assert!(d.reason.en().contains("exceeds the injury"), "{}", d.reason);
    assert!(d.reason.en().contains("Art. 51"), "{}", d.reason);
    assert!(
        d.reason.en().contains("call to comply: yes"),
        "the demarche counted as the call: {}",
        d.reason
    );
    assert!(has_mark(&d, "13a", Verdict::Strained), "{:?}", d.norms);
}

/// A countermeasure that is not reversible breaks Art. 49(3).
#[test]
fn countermeasure_irreversible_is_unlawful() {
    let mut ex = table();
    advance_to(&mut ex, Phase::Orders);
    orders(
        &mut ex,
        "aland",
        vec![Order::Demarche {
            to: "dravia".into(),
            incident: Some("hack".into()),
        }],
    );
    resolve(&mut ex);
    advance_to(&mut ex, Phase::Orders);
    orders(&mut ex, "aland", vec![countermeasure(2, false)]);
    resolve(&mut ex);
    let d = ruling(&ex, "aland", is_countermeasure);
    assert!(d.reason.en().contains("not reversible"), "{}", d.reason);
}

/// Only the injured state may take countermeasures (Art. 49): Borea, not the target of the
/// DDoS, may not, even after calling on Dravia to comply.
#[test]
fn countermeasure_by_a_state_not_injured_is_unlawful() {
    let mut ex = table();
    advance_to(&mut ex, Phase::Orders);
    orders(
        &mut ex,
        "borea",
        vec![Order::Demarche {
            to: "dravia".into(),
            incident: Some("hack".into()),
        }],
    );
    resolve(&mut ex);
    advance_to(&mut ex, Phase::Orders);
    orders(&mut ex, "borea", vec![countermeasure(2, true)]);
    resolve(&mut ex);
    let d = ruling(&ex, "borea", is_countermeasure);
    assert!(
        d.reason.en().contains("only the injured state"),
        "{}",
        d.reason
    );
}

/// Aland, the injured state, delivers a demarche in turn 1 and in turn 2 takes a
/// reversible countermeasure of intensity 3 against the state responsible for a severity-3
/// wrongful act. Every ILC condition is met: the ruling says so and cites Arts. 49–53, no
/// norm is strained, and the hidden ledger records no breach (Dravia is in fact responsible).
#[test]
fn countermeasure_meeting_the_ilc_conditions() {
    let mut ex = table();
    advance_to(&mut ex, Phase::Orders);
    orders(
        &mut ex,
        "aland",
        vec![Order::Demarche {
            to: "dravia".into(),
            incident: Some("hack".into()),
        }],
    );
    resolve(&mut ex);
    advance_to(&mut ex, Phase::Orders);
    orders(&mut ex, "aland", vec![countermeasure(3, true)]);
    resolve(&mut ex);
    let d = ruling(&ex, "aland", is_countermeasure);
    assert_eq!(d.resolved, Resolved::Done);
    assert!(
        d.reason
            .en()
            .starts_with("countermeasure meets the procedural conditions"),
        "{}",
        d.reason
    );
    assert!(
        d.reason
            .en()
            .contains("call to comply: yes; proportionate: yes; reversible: yes"),
        "{}",
        d.reason
    );
    assert!(
        d.law
            .iter()
            .any(|l| l.contains("Arts. 49–53 (countermeasures)")),
        "{:?}",
        d.law
    );
    assert!(d.norms.is_empty(), "{:?}", d.norms);
    assert!(!ledger_has(&ex, "aland", "13a", Verdict::Breached));
    assert!(!ledger_has(&ex, "aland", "13a", Verdict::Strained));
}

/// Countermeasures are taken at the injured state's own risk: striking Borea, who did not
/// carry out the DDoS, is recorded in the hidden ledger as a breach of 13a, even when the
/// procedure was followed.
#[test]
fn countermeasure_against_the_wrong_state_is_a_hidden_breach() {
    let mut ex = table();
    advance_to(&mut ex, Phase::Orders);
    orders(
        &mut ex,
        "aland",
        vec![Order::Demarche {
            to: "borea".into(),
            incident: Some("hack".into()),
        }],
    );
    resolve(&mut ex);
    advance_to(&mut ex, Phase::Orders);
    orders(
        &mut ex,
        "aland",
        vec![Order::Countermeasure {
            against: "borea".into(),
            incident: "hack".into(),
            intensity: 2,
            reversible: true,
            reading: Some(scenario::Reading::WrongfulAct),
        }],
    );
    resolve(&mut ex);
    let d = ruling(&ex, "aland", is_countermeasure);
    assert!(
        d.reason
            .en()
            .starts_with("countermeasure meets the procedural conditions"),
        "{}",
        d.reason
    );
    assert!(ledger_has(&ex, "aland", "13a", Verdict::Breached));
    // Hidden: Aland's own view of its ledger does not show it.
    let v = view(&ex, "aland").expect("seat");
    assert!(
        !v.ledger
            .iter()
            .any(|l| l.norm == "13a" && l.verdict == Verdict::Breached)
    );
}

// ---------------------------------------------------------------- attribution (norm 13b)

fn attribute(
    claim: scenario::Claim,
    confidence: scenario::Confidence,
    public: bool,
    joint: bool,
) -> Order {
    Order::Attribute {
        incident: "hack".into(),
        to: "dravia".into(),
        claim,
        confidence,
        public,
        joint,
        reading: None,
    }
}

fn is_attribution(o: &Order) -> bool {
    matches!(o, Order::Attribute { .. })
}

/// Borea holds no evidence on the DDoS yet publicly names Dravia. Norm 13b asks states to
/// consider all relevant information before attributing: naming a state on no evidence
/// breaches it, and the ledger records the breach against that order.
#[test]
fn attribution_without_evidence_breaches_13b() {
    let mut ex = table();
    advance_to(&mut ex, Phase::Orders);
    orders(
        &mut ex,
        "borea",
        vec![attribute(
            scenario::Claim::Responsibility,
            scenario::Confidence::Low,
            true,
            false,
        )],
    );
    resolve(&mut ex);
    let d = ruling(&ex, "borea", is_attribution);
    assert!(has_mark(&d, "13b", Verdict::Breached), "{:?}", d.norms);
    assert!(
        d.norms
            .iter()
            .any(|m| m.reason.en().contains("without holding evidence")),
        "{:?}",
        d.norms
    );
    let borea = actor(&ex, "borea");
    let ledger = ex.world().resource::<NormLedger>();
    assert!(ledger.0.iter().any(|e| e.actor == borea
        && e.mark.norm.id() == "13b"
        && e.mark.verdict == Verdict::Breached
        && matches!(e.source, LedgerSource::Order(_))));
}

/// Aland holds one item of moderate reliability pointing to Dravia but claims high
/// confidence. The attribution stands, but claiming more than the evidence supports
/// strains 13b.
#[test]
fn attribution_claiming_more_than_evidence_strains_13b() {
    let mut ex = table();
    advance_to(&mut ex, Phase::Orders);
    orders(
        &mut ex,
        "aland",
        vec![attribute(
            scenario::Claim::Infrastructure,
            scenario::Confidence::High,
            true,
            false,
        )],
    );
    resolve(&mut ex);
    let d = ruling(&ex, "aland", is_attribution);
    assert!(has_mark(&d, "13b", Verdict::Strained), "{:?}", d.norms);
    assert!(
        d.norms
            .iter()
            .any(|m| m.reason.en().contains("supports only moderate")),
        "{:?}",
        d.norms
    );
}

/// Claiming what the evidence supports (moderate confidence on one moderate item) upholds 13b.
#[test]
fn attribution_resting_on_evidence_upholds_13b() {
    let mut ex = table();
    advance_to(&mut ex, Phase::Orders);
    orders(
        &mut ex,
        "aland",
        vec![attribute(
            scenario::Claim::Infrastructure,
            scenario::Confidence::Moderate,
            false,
            false,
        )],
    );
    resolve(&mut ex);
    let d = ruling(&ex, "aland", is_attribution);
    assert!(has_mark(&d, "13b", Verdict::Upheld), "{:?}", d.norms);
    assert!(d.reason.en().contains("privately"), "{}", d.reason);
    // A private attribution is seen by the parties only.
    assert!(
        view(&ex, "dravia")
            .expect("seat")
            .attributions
            .iter()
            .any(|a| a.incident == "hack")
    );
    assert!(
        !view(&ex, "cyrena")
            .expect("seat")
            .attributions
            .iter()
            .any(|a| a.incident == "hack")
    );
}

/// Aland shares its evidence with Borea, and both publicly attribute the DDoS to Dravia
/// with `joint` set in the same turn. They speak together: one Attribution made by both,
/// and each ruling says "jointly with" the other. Each rests on evidence it holds (Borea's
/// arrived by sharing before attributions resolve), so 13b is upheld for both.
#[test]
fn joint_attribution_by_two_states() {
    let mut ex = table();
    advance_to(&mut ex, Phase::Orders);
    let joint = attribute(
        scenario::Claim::Infrastructure,
        scenario::Confidence::Moderate,
        true,
        true,
    );
    orders(
        &mut ex,
        "aland",
        vec![
            Order::ShareEvidence {
                evidence: "ev_ip".into(),
                with: "borea".into(),
            },
            joint.clone(),
        ],
    );
    orders(&mut ex, "borea", vec![joint]);
    resolve(&mut ex);

    // Each partner's attribution records the whole group that spoke together.
    let made = attributions(&ex);
    assert!(!made.is_empty(), "no attribution was made");
    let (aland, borea) = (actor(&ex, "aland"), actor(&ex, "borea"));
    for a in &made {
        assert!(a.public);
        assert_eq!(a.to, actor(&ex, "dravia"));
        assert!(
            a.by.contains(&aland) && a.by.contains(&borea),
            "not made together: {a:?}"
        );
        assert_eq!(a.by.len(), 2, "{a:?}");
    }
    let da = ruling(&ex, "aland", is_attribution);
    let db = ruling(&ex, "borea", is_attribution);
    assert!(
        da.reason.en().contains("jointly with Borea"),
        "{}",
        da.reason
    );
    assert!(
        db.reason.en().contains("jointly with Aland"),
        "{}",
        db.reason
    );
    assert!(has_mark(&da, "13b", Verdict::Upheld) && has_mark(&db, "13b", Verdict::Upheld));
    // Every seat sees the public joint attribution.
    let seen = view(&ex, "cyrena").expect("seat");
    assert!(
        seen.attributions
            .iter()
            .any(|c| c.incident == "hack" && c.by.len() == 2 && c.public)
    );
}

// ---------------------------------------------------------------- evidence

/// Aland, with high technical capacity, investigates the DDoS; the easiest hidden item has
/// difficulty 0, so the chance is the 95% ceiling. The item is found (on the rare 5% miss,
/// Aland investigates again the next turn), shows in Aland's view and in no one else's,
/// and investigating upholds 13b.
#[test]
fn investigation_reveals_evidence() {
    let mut ex = table();
    let mut d = None;
    for _ in 0..2 {
        advance_to(&mut ex, Phase::Orders);
        orders(
            &mut ex,
            "aland",
            vec![Order::Investigate {
                incident: "hack".into(),
            }],
        );
        resolve(&mut ex);
        let ruled = ruling(&ex, "aland", |o| matches!(o, Order::Investigate { .. }));
        assert!(ruled.reason.en().contains("chance 95%"), "{}", ruled.reason);
        let found = ruled.resolved == Resolved::Done;
        d = Some(ruled);
        if found {
            break;
        }
    }
    let d = d.expect("investigated");
    assert_eq!(d.resolved, Resolved::Done, "{}", d.reason);
    assert!(d.reason.en().contains("found ev_easy"), "{}", d.reason);
    assert!(has_mark(&d, "13b", Verdict::Upheld));
    assert!(
        view(&ex, "aland")
            .expect("seat")
            .evidence
            .iter()
            .any(|e| e.id == "ev_easy")
    );
    assert!(
        !view(&ex, "borea")
            .expect("seat")
            .evidence
            .iter()
            .any(|e| e.id == "ev_easy")
    );
    // Evidence only legal assistance can reveal is never found by investigation.
    assert!(
        !view(&ex, "aland")
            .expect("seat")
            .evidence
            .iter()
            .any(|e| e.id == "ev_files")
    );
}

// ---------------------------------------------------------------- assistance (13h, 13d)

/// Aland asks Borea for technical help with the DDoS and Borea sends it in the same turn.
/// Answering an appropriate request upholds 13h; Aland counts as assisted and recovers
/// infrastructure.
#[test]
fn assistance_answered_upholds_13h() {
    let mut ex = table();
    advance_to(&mut ex, Phase::Orders);
    orders(
        &mut ex,
        "aland",
        vec![Order::RequestAssistance {
            from: "borea".into(),
            incident: "hack".into(),
        }],
    );
    orders(
        &mut ex,
        "borea",
        vec![Order::ProvideAssistance {
            to: "aland".into(),
            incident: "hack".into(),
        }],
    );
    resolve(&mut ex);
    let request = ruling(&ex, "aland", |o| {
        matches!(o, Order::RequestAssistance { .. })
    });
    assert!(
        has_mark(&request, "13h", Verdict::Upheld),
        "asking is appropriate too: {:?}",
        request.norms
    );
    let help = ruling(&ex, "borea", |o| {
        matches!(o, Order::ProvideAssistance { .. })
    });
    assert!(has_mark(&help, "13h", Verdict::Upheld), "{:?}", help.norms);
    assert!(ledger_has(&ex, "borea", "13h", Verdict::Upheld));
    assert!(
        ex.world()
            .resource::<Assisted>()
            .0
            .contains(actor(&ex, "aland"))
    );
    let req = view(&ex, "aland").expect("seat").requests;
    assert!(
        req.iter()
            .any(|r| r.from == "aland" && r.to == "borea" && r.answer == Some(true)),
        "{req:?}"
    );
}

/// Aland asks Dravia, from whose territory Unit X works, for mutual legal assistance, and
/// Dravia refuses. Refusing to cooperate against criminal use of ICTs strains 13d (and,
/// since the activity came from Dravia's side, 13c). Dravia is not a Budapest party, so the
/// request rests on a bilateral treaty.
#[test]
fn legal_assistance_refused_strains_13d() {
    let mut ex = table();
    advance_to(&mut ex, Phase::Orders);
    orders(
        &mut ex,
        "aland",
        vec![Order::RequestLegalAssistance {
            from: "dravia".into(),
            incident: "hack".into(),
        }],
    );
    orders(
        &mut ex,
        "dravia",
        vec![Order::AnswerLegalAssistance {
            to: "aland".into(),
            incident: "hack".into(),
            grant: false,
        }],
    );
    resolve(&mut ex);
    let answer = ruling(&ex, "dravia", |o| {
        matches!(o, Order::AnswerLegalAssistance { .. })
    });
    assert!(answer.reason.en().contains("refused"), "{}", answer.reason);
    assert!(
        has_mark(&answer, "13d", Verdict::Strained),
        "{:?}",
        answer.norms
    );
    assert!(
        has_mark(&answer, "13c", Verdict::Strained),
        "{:?}",
        answer.norms
    );
    assert!(
        answer.law.iter().any(|l| l.contains("bilateral")),
        "{:?}",
        answer.law
    );
    assert!(ledger_has(&ex, "dravia", "13d", Verdict::Strained));
    assert!(
        !view(&ex, "aland")
            .expect("seat")
            .evidence
            .iter()
            .any(|e| e.id == "ev_files")
    );
}

/// The same request, granted: the files only legal assistance can reveal reach Aland, and
/// granting upholds 13d and 13h.
#[test]
fn legal_assistance_granted_reveals_the_files() {
    let mut ex = table();
    advance_to(&mut ex, Phase::Orders);
    orders(
        &mut ex,
        "aland",
        vec![Order::RequestLegalAssistance {
            from: "dravia".into(),
            incident: "hack".into(),
        }],
    );
    orders(
        &mut ex,
        "dravia",
        vec![Order::AnswerLegalAssistance {
            to: "aland".into(),
            incident: "hack".into(),
            grant: true,
        }],
    );
    resolve(&mut ex);
    let answer = ruling(&ex, "dravia", |o| {
        matches!(o, Order::AnswerLegalAssistance { .. })
    });
    assert!(
        has_mark(&answer, "13d", Verdict::Upheld) && has_mark(&answer, "13h", Verdict::Upheld),
        "{:?}",
        answer.norms
    );
    assert!(
        view(&ex, "aland")
            .expect("seat")
            .evidence
            .iter()
            .any(|e| e.id == "ev_files")
    );
}

// ---------------------------------------------------------------- diplomacy

/// Aland declares three Dravian diplomats persona non grata. Expulsion is retorsion:
/// unfriendly but lawful, under Vienna Convention Art. 9; it needs no prior wrongful act,
/// breaks no norm, and is public.
#[test]
fn expulsion_is_retorsion_under_vienna_art_9() {
    let mut ex = table();
    advance_to(&mut ex, Phase::Orders);
    orders(
        &mut ex,
        "aland",
        vec![Order::ExpelDiplomats {
            of: "dravia".into(),
            count: 3,
        }],
    );
    resolve(&mut ex);
    let d = ruling(&ex, "aland", |o| matches!(o, Order::ExpelDiplomats { .. }));
    assert_eq!(d.resolved, Resolved::Done);
    assert!(d.reason.en().contains("retorsion"), "{}", d.reason);
    assert!(d.reason.en().contains("3 diplomats"), "{}", d.reason);
    assert!(
        d.law.iter().any(|l| l.contains("Vienna Convention Art. 9")),
        "{:?}",
        d.law
    );
    assert!(d.norms.is_empty(), "{:?}", d.norms);
    let bystander = view(&ex, "cyrena").expect("seat");
    assert!(
        bystander
            .results
            .iter()
            .any(|r| matches!(r.order, Order::ExpelDiplomats { .. })),
        "expulsions are public"
    );
}

// ---------------------------------------------------------------- the ladder

fn facts(kind: IncidentKind, severity: u32, deaths: u32, lasting_damage: bool) -> LadderFacts {
    LadderFacts {
        kind,
        severity,
        deaths,
        lasting_damage,
        state_responsible: true,
        cumulative_severity: severity,
    }
}

/// By scale and effects: deaths with lasting physical damage amount to an armed attack
/// (UN Charter Art. 51); the same destruction without deaths is a use of force, and deaths
/// without lasting damage at severity 4 are not an armed attack. The deadly blackout in the
/// casebook scenario shows as an armed attack in every seat's view.
#[test]
fn armed_attack_on_the_ladder_needs_deaths_and_damage() {
    let (level, reason) = assess_en(&facts(IncidentKind::CriticalInfrastructure, 4, 2, true));
    assert_eq!(level, Level::ArmedAttack, "{reason}");
    assert!(reason.contains("Art. 51"), "{reason}");
    let (level, reason) = assess_en(&facts(IncidentKind::CriticalInfrastructure, 4, 0, true));
    assert_eq!(level, Level::UseOfForce, "no deaths: {reason}");
    let (level, reason) = assess_en(&facts(IncidentKind::Ddos, 4, 1, false));
    assert!(level < Level::ArmedAttack, "no lasting damage: {reason}");

    let ex = table();
    let (level, reason) = incident_level(&ex, "blackout");
    assert_eq!(level, Level::ArmedAttack, "{reason}");
}

/// Three DDoS campaigns by Dravia against Aland, severity 4 each, one per turn. Each is a
/// wrongful act; once their summed severity reaches 12 the engine notes that the North
/// Atlantic Council may read them as a cumulative armed attack (Brussels Summit 2021, para.
/// 32), but it never labels them so itself: the cumulative reading is the Council's to adopt.
#[test]
fn the_cumulative_reading_is_the_councils_to_adopt() {
    let wave = |n: u32| {
        format!(
            r#"(id: "wave{n}", name: (en: "Wave {n}", ar: "موجة {n}"), description: (en: "d", ar: "d"), kind: Ddos,
               author: "dravia", target: "aland", severity: 4, start_turn: Some({n}), duration: 4, public: true),"#
        )
    };
    let incidents = (1..=3).map(wave).collect::<String>();
    let mut ex = table_with(&incidents);
    assert_eq!(incident_level(&ex, "wave1").0, Level::WrongfulAct);
    advance_to(&mut ex, Phase::Press);
    advance_to(&mut ex, Phase::Briefing);
    advance_to(&mut ex, Phase::Press);
    advance_to(&mut ex, Phase::Briefing);
    assert_eq!(ex.clock().turn, 3);
    for n in 1..=3 {
        let (level, reason) = incident_level(&ex, &format!("wave{n}"));
        assert_eq!(level, Level::WrongfulAct, "wave{n}: {reason}");
        assert!(
            reason.contains("may read it as a cumulative armed attack"),
            "{reason}"
        );
    }
    // The Council adopts the reading: Art. 5 on the third wave, taken cumulatively.
    advance_to(&mut ex, Phase::Negotiation);
    table_proposal(
        &mut ex,
        "aland",
        "nac",
        Proposal::CollectiveDefence {
            incident: "wave3".into(),
            cumulative: true,
        },
    );
    advance_to(&mut ex, Phase::Orders);
    resolve(&mut ex);
    let news = &ex.world().resource::<Chronicle>().0;
    assert!(
        news.iter().any(|e| e.kind == EventKind::Decision
            && e.text
                .en()
                .contains("taken cumulatively, amounts to an armed attack")),
        "the Council's own reading is published"
    );
    let readings = &ex
        .world()
        .resource::<threshold::sim::readings::Readings>()
        .0;
    assert!(
        readings.iter().any(|r| r.actor == actor(&ex, "aland")
            && r.reading == scenario::Reading::CumulativeArmedAttack)
    );
}

/// Low-level intrusion for intelligence is espionage: not in itself a breach of
/// international law, so below the threshold of a wrongful act, even when a state does it.
/// Borea's covert espionage against Dravia becomes such an incident; Dravia sees it
/// without learning who did it.
#[test]
fn espionage_stays_below_the_threshold() {
    let (level, reason) = assess_en(&facts(IncidentKind::Intrusion, 2, 0, false));
    assert_eq!(level, Level::BelowThreshold, "{reason}");
    assert!(reason.contains("espionage"), "{reason}");

    let mut ex = table();
    advance_to(&mut ex, Phase::Orders);
    orders(
        &mut ex,
        "borea",
        vec![Order::CovertOperation {
            target: "dravia".into(),
            kind: CovertKind::Espionage,
            against_infrastructure: false,
        }],
    );
    resolve(&mut ex);
    let mine = view(&ex, "borea").expect("seat");
    let op = mine
        .incidents
        .iter()
        .find(|i| i.target == "dravia")
        .expect("the operation is an incident");
    assert_eq!(incident_level(&ex, &op.id).0, Level::BelowThreshold);
    assert_eq!(op.author.as_deref(), Some("borea"));
    let theirs = view(&ex, "dravia").expect("seat");
    let seen = theirs
        .incidents
        .iter()
        .find(|i| i.id == op.id)
        .expect("the target knows of it");
    assert_eq!(seen.author, None, "the author stays hidden from the target");
}

/// A covert operation becomes an incident whose author stays hidden from its target and
/// from bystanders: nothing they are shown, not even the incident's id or name, may give
/// the operator away; only evidence can.
#[test]
fn a_covert_operation_keeps_its_author_hidden() {
    let mut ex = table();
    advance_to(&mut ex, Phase::Orders);
    orders(
        &mut ex,
        "borea",
        vec![Order::CovertOperation {
            target: "dravia".into(),
            kind: CovertKind::Disruption,
            against_infrastructure: false,
        }],
    );
    resolve(&mut ex);
    for seat in ["dravia", "cyrena"] {
        let v = view(&ex, seat).expect("seat");
        let op = v
            .incidents
            .iter()
            .find(|i| i.target == "dravia")
            .expect("a public disruption is seen by all");
        assert_eq!(op.author, None, "{seat}");
        for shown in [&op.id, &op.name.en, &op.description.en] {
            assert!(
                !shown.to_lowercase().contains("borea"),
                "{seat} is shown {shown:?}"
            );
        }
        assert!(
            v.news.iter().all(|n| !n.text.en().contains("Borea")),
            "{seat}'s news names the operator"
        );
    }
}

// ---------------------------------------------------------------- procedure

/// Orders sent during the briefing are refused: orders belong to the orders phase. The
/// refusal says which phase was expected, and nothing changes (same state hash, nothing
/// journaled).
#[test]
fn out_of_phase_command_is_refused_and_changes_nothing() {
    let mut ex = table();
    assert_eq!(ex.clock().phase, Phase::Briefing);
    let before = ex.state_hash();
    let journaled = ex.journal().len();
    let r = ex.apply(Command::Orders {
        seat: "aland".into(),
        orders: vec![Order::Harden],
    });
    assert_eq!(
        r,
        Err(Refusal::WrongPhase {
            expected: "orders".into(),
            actual: "briefing".into()
        })
    );
    assert_eq!(ex.state_hash(), before);
    assert_eq!(ex.journal().len(), journaled);

    // Tabling belongs to the negotiation phase, not the orders phase.
    advance_to(&mut ex, Phase::Orders);
    let before = ex.state_hash();
    let r = ex.apply(Command::Table {
        seat: "aland".into(),
        institution: "nac".into(),
        proposal: Proposal::Consultation {
            incident: "hack".into(),
            reading: None,
        },
    });
    assert!(matches!(r, Err(Refusal::WrongPhase { .. })), "{r:?}");
    assert_eq!(ex.state_hash(), before);
}

/// A seat that is not in the scenario is refused by name, and nothing changes.
#[test]
fn unknown_seat_is_refused() {
    let mut ex = table();
    let before = ex.state_hash();
    assert_eq!(
        ex.apply(Command::Ready {
            seat: "atlantis".into()
        }),
        Err(Refusal::UnknownSeat("atlantis".into()))
    );
    advance_to(&mut ex, Phase::Orders);
    let before_orders = ex.state_hash();
    assert_ne!(before, before_orders);
    let r = ex.apply(Command::Orders {
        seat: "atlantis".into(),
        orders: vec![Order::Harden],
    });
    assert_eq!(r, Err(Refusal::UnknownSeat("atlantis".into())));
    assert_eq!(ex.state_hash(), before_orders);
}

/// Aland has 58 diplomatic capital at the first orders phase; six expulsions at 10 each
/// cost 60. The whole set is refused with the cost and the budget, and nothing changes;
/// five fit.
#[test]
fn orders_beyond_budget_are_refused() {
    let mut ex = table();
    advance_to(&mut ex, Phase::Orders);
    assert_eq!(view(&ex, "aland").expect("seat").me.diplomatic_capital, 58);
    let expel = |n: u32| Order::ExpelDiplomats {
        of: "dravia".into(),
        count: n,
    };
    let before = ex.state_hash();
    let r = ex.apply(Command::Orders {
        seat: "aland".into(),
        orders: (1..=6).map(expel).collect(),
    });
    let Err(Refusal::Invalid(message)) = r else {
        panic!("over-budget orders were accepted: {r:?}")
    };
    let message = message.en();
    assert!(message.contains("60 capital"), "{message}");
    assert!(message.contains("58"), "{message}");
    assert_eq!(ex.state_hash(), before);
    orders(&mut ex, "aland", (1..=5).map(expel).collect());
}

/// Orders may not be aimed at oneself, nor name an incident the seat does not know of.
#[test]
fn orders_must_name_others_and_known_incidents() {
    let mut ex = table();
    advance_to(&mut ex, Phase::Orders);
    let r = ex.apply(Command::Orders {
        seat: "aland".into(),
        orders: vec![Order::Demarche {
            to: "aland".into(),
            incident: None,
        }],
    });
    assert!(
        matches!(&r, Err(Refusal::Invalid(m)) if m.en().contains("oneself")),
        "{r:?}"
    );
    let r = ex.apply(Command::Orders {
        seat: "aland".into(),
        orders: vec![Order::Investigate {
            incident: "atlantis_hack".into(),
        }],
    });
    assert!(
        matches!(&r, Err(Refusal::Invalid(m)) if m.en().contains("no known incident")),
        "{r:?}"
    );
}
