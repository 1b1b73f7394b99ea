//! The casebook: one named case per rule, in the spirit of the Diplomacy Adjudicator Test
//! Cases. Each case says, in its name and its doc comment, what an instructor would expect;
//! the body sets the table, plays the orders and checks the ruling and its reason.
//!
//! Pure voting cases call `decide` directly. The others play a small inline scenario
//! (`casebook_scenario`): five states (Aland, Borea, Cyrena, Estmark in the EU Council and
//! the North Atlantic Council; Dravia outside both), Dravia's directed proxy Unit X, the Grey
//! Wolves (a criminal group Dravia harbours without directing it), one listable person
//! (Officer K), a Security Council of all five (Aland and Dravia permanent, three votes
//! needed), a DDoS on Aland by Unit X ("hack") and a deadly attack on Aland's grid by
//! Dravia ("blackout"). Some cases add the Grey Wolves' ransomware ("leak") or a wiper behind
//! a false flag ("wipe").

use std::collections::BTreeSet;
use std::sync::Arc;

use serde::Deserialize;

use threshold::i18n::{Arg, Lang, Phrase};
use threshold::report::{ClaimCase, ClaimReport, Debrief};
use threshold::scenario::{
    self, Claim, Confidence, DecisionRule, IncidentKind, Level, OrderKind, Reading, Scenario, Text,
    Vars,
};
use threshold::sim::attribution::{Attribution, misfit};
use threshold::sim::catalog::ActorId;
use threshold::sim::clock::Phase;
use threshold::sim::institutions::{Member, ProposalStatus, decide};
use threshold::sim::law::{Law, Unmet};
use threshold::sim::norms::{LadderFacts, N13C, ReadingCheck, assess};
use threshold::sim::orders::{Ballot, CovertKind, Order, Proposal, Stance, Via};
use threshold::sim::record::{Decision, EventKind, LedgerSource, Resolved, Verdict, Visibility};
use threshold::sim::stakes::STAKES;
use threshold::sim::view::{ReadingCard, view};
use threshold::sim::{Command, Exercise, Refusal, SeatAct};

use crate::common::advance_to;

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

/// Every seat of the casebook scenario (each a state of the same name).
const SEATS: [&str; 6] = ["aland", "borea", "cyrena", "estmark", "dravia", "fennia"];

/// The Grey Wolves, a criminal group Dravia harbours, hold Aland's clinics to ransom; Aland
/// holds the group's own claim of the attack and the payment relays it rents.
const LEAK: &str = r#"
        (
            id: "leak",
            name: (en: "Clinic ransomware", ar: "فدية العيادات"),
            description: (en: "Clinic records encrypted for ransom.", ar: "تشفير سجلات العيادات طلبا للفدية."),
            kind: Ransomware,
            author: "wolves",
            target: "aland",
            severity: 3,
            start_turn: Some(1),
            duration: 4,
            public: true,
            evidence: [
                (
                    id: "ev_forum",
                    text: (en: "The Grey Wolves claim the attack on their forum.", ar: "الذئاب الرمادية تتبنى الهجوم في منتداها."),
                    points_to: "wolves",
                    reliability: High,
                    layer: Operational,
                    known_to: ["aland"],
                ),
                (
                    id: "ev_relay",
                    text: (en: "Payment relays rented by the Grey Wolves.", ar: "خوادم دفع يستأجرها الذئاب الرمادية."),
                    points_to: "wolves",
                    reliability: Moderate,
                    layer: Technical,
                    known_to: ["aland"],
                ),
            ],
        ),
"#;

/// Dravia wipes Cyrena's port systems behind a ransom note signed by the Grey Wolves: a
/// false flag, and the only item Cyrena holds.
const WIPE: &str = r#"
        (
            id: "wipe",
            name: (en: "Port wiper", ar: "ماسح الميناء"),
            description: (en: "Port logistics erased behind a fake ransom note.", ar: "محو أنظمة الميناء خلف مذكرة فدية مزيفة."),
            kind: Wiper,
            author: "dravia",
            target: "cyrena",
            severity: 3,
            start_turn: Some(1),
            public: true,
            evidence: [
                (
                    id: "ev_note",
                    text: (en: "A ransom note signed by the Grey Wolves.", ar: "مذكرة فدية موقعة باسم الذئاب الرمادية."),
                    points_to: "wolves",
                    reliability: High,
                    layer: Operational,
                    false_flag: true,
                    known_to: ["cyrena"],
                ),
            ],
        ),
"#;

/// Unit X, the proxy Dravia directs, wipes the systems of Borea's national CERT.
const CERT: &str = r#"
        (
            id: "cert_hit",
            name: (en: "CERT wiper", ar: "ماسح فريق الاستجابة"),
            description: (en: "The national CERT's ticketing and analysis systems erased.", ar: "محو أنظمة فريق الاستجابة الوطني."),
            kind: Wiper,
            author: "unit_x",
            target: "borea",
            severity: 3,
            cert: true,
            start_turn: Some(1),
            public: true,
        ),
"#;

/// Spyware Unit X plants on the phones of Cyrena's journalists; and a leak of Borea's
/// ministry papers, spread from sites and accounts for three turns.
const RIGHTS: &str = r#"
        (
            id: "spyware",
            name: (en: "Journalists' phones", ar: "هواتف الصحفيين"),
            description: (en: "Spyware found on reporters' phones.", ar: "برمجيات تجسس في هواتف مراسلين."),
            kind: Surveillance,
            author: "unit_x",
            target: "cyrena",
            severity: 2,
            start_turn: Some(1),
            public: true,
        ),
        (
            id: "papers",
            name: (en: "Ministry papers", ar: "وثائق الوزارة"),
            description: (en: "Stolen papers posted online.", ar: "وثائق مسروقة منشورة."),
            kind: HackAndLeak,
            author: "unit_x",
            target: "borea",
            severity: 2,
            start_turn: Some(1),
            duration: 3,
            public: true,
        ),
"#;

/// Unit X runs a campaign of inauthentic accounts against Borea, whose analysts have traced
/// the accounts.
const CAMPAIGN: &str = r#"
        (
            id: "campaign",
            name: (en: "Inauthentic campaign", ar: "حملة حسابات زائفة"),
            description: (en: "Fabricated claims about Borea spread by fake accounts.", ar: "ادعاءات ملفقة عن بوريا تنشرها حسابات زائفة."),
            kind: Disinformation,
            author: "unit_x",
            target: "borea",
            severity: 3,
            start_turn: Some(1),
            duration: 4,
            public: true,
            evidence: [
                (id: "ev_accounts", text: (en: "The accounts' shared origin.", ar: "المصدر المشترك للحسابات."), points_to: "unit_x", reliability: High, layer: Technical, known_to: ["borea"]),
            ],
        ),
"#;

/// Unit X reads Aland's diplomatic cables through a phished account in its foreign ministry.
const CABLES: &str = r#"
        (
            id: "cables",
            name: (en: "Cable network breach", ar: "اختراق شبكة البرقيات"),
            description: (en: "Cables copied from the foreign ministry's network.", ar: "برقيات منسوخة من شبكة وزارة الخارجية."),
            kind: EmbassyBreach,
            author: "unit_x",
            target: "aland",
            severity: 2,
            start_turn: Some(1),
            duration: 6,
            public: false,
        ),
"#;

/// Unit X floods Aland's ministries through a relay hosted in Borea and an exit server in
/// Cyrena: the hosts' records come only by legal assistance.
const RELAY: &str = r#"
        (
            id: "relayed",
            name: (en: "Relayed flood", ar: "إغراق عبر وسيط"),
            description: (en: "Traffic relayed through foreign hosts.", ar: "حركة مرّت عبر مضيفين أجانب."),
            kind: Ddos,
            author: "unit_x",
            target: "aland",
            severity: 2,
            start_turn: Some(1),
            public: true,
            evidence: [
                (id: "ev_relay", text: (en: "A Borean host's relay logs.", ar: "سجلات وسيط لدى مضيف بوري."), points_to: "borea", reliability: Moderate, layer: Technical, via_legal_assistance: true),
                (id: "ev_exit", text: (en: "A Cyrenian host's exit records.", ar: "سجلات خروج لدى مضيف قيريني."), points_to: "cyrena", reliability: Moderate, layer: Technical, via_legal_assistance: true),
            ],
        ),
"#;

/// Dravia's intrusion into Estmark's foreign ministry, which Estmark's signals intelligence
/// watched: an item from that sensitive source (sharing it in full always burns the source)
/// and a second it has not yet yielded.
const SIGINT: &str = r#"
        (
            id: "sigint",
            name: (en: "Ministry intrusion", ar: "اختراق الوزارة"),
            description: (en: "Diplomatic cables read for months.", ar: "قراءة البرقيات الدبلوماسية لأشهر."),
            kind: Intrusion,
            author: "dravia",
            target: "estmark",
            severity: 2,
            start_turn: Some(1),
            public: true,
            evidence: [
                (
                    id: "ev_intercept",
                    text: (en: "Intercepted tasking from a Dravian service.", ar: "تكليف مُعترض من جهاز درافي."),
                    points_to: "dravia",
                    reliability: High,
                    layer: Operational,
                    known_to: ["estmark"],
                    sensitive: Some(100),
                ),
                (
                    id: "ev_intercept_2",
                    text: (en: "A second intercepted order.", ar: "أمر ثانٍ مُعترض."),
                    points_to: "dravia",
                    reliability: High,
                    layer: Operational,
                    difficulty: 0,
                    sensitive: Some(100),
                ),
            ],
        ),
"#;

/// Unit X, the proxy Dravia directs, holds Cyrena's hospitals to ransom.
const RANSOM: &str = r#"
        (
            id: "ransom",
            name: (en: "Hospital ransomware", ar: "فدية المستشفيات"),
            description: (en: "Hospital systems encrypted for ransom.", ar: "تشفير أنظمة المستشفيات طلبا للفدية."),
            kind: Ransomware,
            author: "unit_x",
            target: "cyrena",
            severity: 3,
            start_turn: Some(1),
            public: true,
        ),
"#;

/// Dravia plants a hidden function in an update of the tax software Borea's firms use.
const SUPPLY: &str = r#"
        (
            id: "supply",
            name: (en: "Poisoned tax-software update", ar: "تحديث مسموم لبرنامج الضرائب"),
            description: (en: "An update of a tax program carried a hidden back door.", ar: "حمل تحديث لبرنامج ضرائب بابا خلفيا خفيا."),
            kind: SupplyChain,
            author: "dravia",
            target: "borea",
            severity: 3,
            start_turn: Some(1),
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
        // Operates from Dravia's territory; Dravia does not direct it.
        r#"(id: "wolves", name: (en: "Grey Wolves", ar: "الذئاب الرمادية"), kind: CriminalGroup, sponsor: Some("dravia"), control: Harboured),"#.to_string(),
        // A partner outside every institution (a candidate state that aligns with the EU).
        state("fennia", "Fennia", 5.0, ""),
    ]
    .join("\n        ");
    let seats = SEATS.map(seat).join("\n        ");
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
    // A trade treaty binds Borea and Dravia (at the neutral trust and tension).
    relations: [
        (a: "borea", b: "dravia", trust: 40, tension: 20, trade_treaty: true),
    ],
    institutions: [
        (
            id: "eu",
            name: (en: "Council of the EU", ar: "مجلس الاتحاد الأوروبي"),
            members: ["aland", "borea", "cyrena", "estmark"],
            rule: Unanimity,
            powers: [Listing, AttributionStatement, Statement],
            votes_public: true,
            implementing_rule: Some(QualifiedMajority(members_pct: 55, population_pct: 65, blocking_minority: 4)),
        ),
        (
            id: "nac",
            name: (en: "North Atlantic Council", ar: "مجلس شمال الأطلسي"),
            members: ["aland", "borea", "cyrena", "estmark"],
            rule: Consensus,
            powers: [Consultation, CollectiveDefence, Statement],
            votes_public: true,
            silence: [Condemnation, Solidarity],
        ),
        (
            id: "unsc",
            name: (en: "Security Council", ar: "مجلس الأمن"),
            members: ["aland", "borea", "cyrena", "estmark", "dravia"],
            rule: SecurityCouncil(votes_needed: 3),
            permanent: ["aland", "dravia"],
            powers: [Resolution, Agenda],
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

/// The casebook table with more incidents beside the usual two.
fn table_plus(incidents: &str) -> Exercise {
    table_with(&format!("{INCIDENTS}{incidents}"))
}

/// The casebook scenario source with one objective for `seat`, met while `condition` (RON)
/// holds.
fn with_objective(source: &str, seat: &str, condition: &str) -> String {
    let at = format!(r#"(id: "{seat}", actor: "{seat}", "#);
    assert!(source.contains(&at), "no seat {seat}");
    let goal = format!(
        r#"{at}objectives: [(id: "goal", text: (en: "Goal.", ar: "هدف."), condition: {condition})], "#
    );
    source.replacen(&at, &goal, 1)
}

/// Submits a seat's orders, which must be accepted.
fn orders(ex: &mut Exercise, seat: &str, orders: Vec<Order>) {
    if let Err(e) = ex.apply(Command::seat(seat, SeatAct::Orders { orders })) {
        panic!("{seat}'s orders were refused: {e}");
    }
}

fn table_proposal(ex: &mut Exercise, seat: &str, institution: &str, proposal: Proposal) {
    if let Err(e) = ex.apply(Command::seat(
        seat,
        SeatAct::Table {
            institution: institution.into(),
            proposal,
        },
    )) {
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
    ex.apply(Command::ADVANCE).expect("advance");
}

fn actor(ex: &Exercise, id: &str) -> ActorId {
    ex.catalog()
        .actor(id)
        .unwrap_or_else(|| panic!("no actor {id}"))
}

/// The latest resolution of one of `seat`'s orders matching `is`.
fn ruling(ex: &Exercise, seat: &str, is: impl Fn(&Order) -> bool) -> Decision {
    let a = actor(ex, seat);
    ex.truth()
        .decisions()
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

fn attributions(ex: &Exercise) -> Vec<Attribution> {
    ex.truth().attributions().into_iter().cloned().collect()
}

/// The engine's own assessment of an incident (the control cell's and the debrief's; no seat
/// is shown it).
fn incident_level(ex: &Exercise, incident: &str) -> (Level, String) {
    let inc = ex
        .truth()
        .incident(incident)
        .unwrap_or_else(|| panic!("no incident {incident}"))
        .incident;
    (inc.level, inc.level_reason.en())
}

/// What `seat` is shown its own evidence supports about `incident`: (claim, accused,
/// confidence), as its view lists them before it commits.
fn shown_claims(ex: &Exercise, seat: &str, incident: &str) -> Vec<(Claim, String, Confidence)> {
    let v = view(ex, seat).expect("seat");
    let card = v
        .incidents
        .iter()
        .find(|i| i.id == incident)
        .unwrap_or_else(|| panic!("{seat} does not know of {incident}"));
    card.claims
        .iter()
        .map(|c| (c.claim, c.against.clone(), c.confidence))
        .collect()
}

/// The confidence `seat` is shown for one claim against one actor.
fn shown_support(
    ex: &Exercise,
    seat: &str,
    incident: &str,
    claim: Claim,
    against: &str,
) -> Option<Confidence> {
    shown_claims(ex, seat, incident)
        .into_iter()
        .find(|(c, a, _)| *c == claim && a == against)
        .map(|(.., confidence)| confidence)
}

/// A public attribution, alone, stating no reading.
fn public_claim(incident: &str, to: &str, claim: Claim, confidence: Confidence) -> Order {
    Order::Attribute {
        incident: incident.into(),
        to: to.into(),
        claim,
        confidence,
        public: true,
        joint: false,
        reading: None,
        release: false,
    }
}

fn is_claim(claim: Claim) -> impl Fn(&Order) -> bool {
    move |o| matches!(o, Order::Attribute { claim: c, .. } if *c == claim)
}

fn holds_evidence(ex: &Exercise, seat: &str, evidence: &str) -> bool {
    view(ex, seat)
        .expect("seat")
        .evidence
        .iter()
        .any(|e| e.id == evidence)
}

/// `seat` investigates `incident` turn after turn until it holds `evidence` (a 95% chance
/// may need a second try).
fn investigate_until_found(ex: &mut Exercise, seat: &str, incident: &str, evidence: &str) {
    for _ in 0..3 {
        advance_to(ex, Phase::Orders);
        orders(
            ex,
            seat,
            vec![Order::Investigate {
                incident: incident.into(),
            }],
        );
        resolve(ex);
        if holds_evidence(ex, seat, evidence) {
            return;
        }
    }
    panic!("{seat} never found {evidence}");
}

/// The debrief's lines on the claims made about an incident, one per party.
fn debrief_claims(ex: &Exercise, incident: &str) -> Vec<ClaimReport> {
    let name = ex
        .truth()
        .incident(incident)
        .unwrap_or_else(|| panic!("no incident {incident}"))
        .incident
        .name
        .clone();
    Debrief::of(ex)
        .incidents
        .into_iter()
        .find(|i| i.name == name)
        .map(|i| i.claims)
        .unwrap_or_default()
}

/// The 13b mark `seat`'s ledger records for its vote on an institution's statement.
fn statement_mark(ex: &Exercise, seat: &str) -> Option<Verdict> {
    let a = actor(ex, seat);
    ex.truth()
        .ledger()
        .iter()
        .find(|e| {
            e.actor == a
                && e.mark.norm.id() == "13b"
                && matches!(e.source, LedgerSource::Statement(_))
        })
        .map(|e| e.mark.verdict)
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
    Some(Arg::Name(Text::new(n.clone()).with("ar", n)))
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
/// abstention (Art. 31(1), second subparagraph, TEU) does not block unanimity: the listing
/// passes.
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
/// of the population, so the decision is not adopted (Art. 31(1), second subparagraph,
/// TEU), though no one said no.
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
    // Art. 31(1), second subparagraph, TEU needs both a third of the states and a third of
    // the population.
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
    let r = ex.apply(Command::seat(
        "aland",
        SeatAct::Table {
            institution: "nac".into(),
            proposal: Proposal::CollectiveDefence {
                cumulative: false,
                incident: "raid".into(),
            },
        },
    ));
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
    let r = ex.apply(Command::seat(
        "aland",
        SeatAct::Table {
            institution: "eu".into(),
            proposal: Proposal::Listing {
                incident: "hack".into(),
                targets: vec!["dravia".into()],
            },
        },
    ));
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
    let r = ex.apply(Command::seat(
        "aland",
        SeatAct::Table {
            institution: "eu".into(),
            proposal: Proposal::Listing {
                incident: "blackout".into(),
                targets: vec!["officer_k".into()],
            },
        },
    ));
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
        ex.truth()
            .listings()
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
            claim: Claim::Responsibility,
            confidence: Confidence::Moderate,
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

/// All four members of the Council of the EU adopt a statement that infrastructure in
/// Dravia was used for the DDoS, at moderate confidence. Aland holds the leased-server
/// records, which carry that; Borea, Cyrena and Estmark hold nothing and lean on Aland's
/// case. The statement records each member in favour with what its own evidence supported:
/// Aland's vote upholds 13b, Borea's strains it (it did not weigh the information itself).
/// Each mark is shown to that member alone; the debrief calls Borea's vote overreaching,
/// though the claim was true.
#[test]
fn a_member_with_no_evidence_who_votes_for_a_joint_attribution_strains_13b() {
    let mut ex = table();
    advance_to(&mut ex, Phase::Negotiation);
    table_proposal(
        &mut ex,
        "aland",
        "eu",
        Proposal::AttributionStatement {
            incident: "hack".into(),
            accused: "dravia".into(),
            claim: Claim::Infrastructure,
            confidence: Confidence::Moderate,
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

    let made = attributions(&ex);
    assert_eq!(made.len(), 1, "{made:?}");
    let statement = &made[0];
    assert!(statement.institution.is_some() && statement.public);
    assert_eq!(statement.by.len(), 4, "{statement:?}");
    let (aland, borea) = (actor(&ex, "aland"), actor(&ex, "borea"));
    assert!(
        statement
            .support
            .contains(&(aland, Some(Confidence::Moderate)))
    );
    assert!(statement.support.contains(&(borea, None)));

    assert_eq!(statement_mark(&ex, "aland"), Some(Verdict::Upheld));
    for seat in ["borea", "cyrena", "estmark"] {
        assert_eq!(statement_mark(&ex, seat), Some(Verdict::Strained), "{seat}");
    }
    // Each member sees its own mark and no one else's.
    for viewer in SEATS {
        let v = view(&ex, viewer).expect("seat");
        for member in ["aland", "borea", "cyrena", "estmark"] {
            let shown = v
                .ledger
                .iter()
                .any(|l| l.actor == member && l.norm == "13b");
            assert_eq!(shown, viewer == member, "{viewer} sees {member}'s 13b mark");
        }
        let card = v
            .attributions
            .iter()
            .find(|a| a.incident == "hack")
            .expect("the statement is public");
        let expected = (viewer == "aland").then_some(Confidence::Moderate);
        assert_eq!(card.my_support, expected, "{viewer}");
    }

    let debrief = debrief_claims(&ex, "hack");
    let case_of = |who: &str| {
        debrief
            .iter()
            .find(|c| c.by.en == who)
            .map(|c| c.case)
            .unwrap_or_else(|| panic!("no debrief line for {who}: {debrief:?}"))
    };
    assert_eq!(case_of("Aland"), ClaimCase::SupportedAndTrue);
    assert_eq!(case_of("Borea"), ClaimCase::OverreachingButTrue);
}

/// The Council of the EU condemns the DDoS without naming anyone, as it condemned WannaCry
/// and NotPetya on 16 April 2018. The statement passes but is no attribution: no state is
/// named, no member's 13b is weighed, and Dravia pays nothing for it (neither reputation
/// nor tension with any member).
#[test]
fn an_institution_may_condemn_without_naming_anyone() {
    let mut ex = table();
    advance_to(&mut ex, Phase::Negotiation);
    table_proposal(
        &mut ex,
        "aland",
        "eu",
        Proposal::Condemnation {
            incident: "hack".into(),
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
    let tensions_with_dravia = |ex: &Exercise| -> Vec<(String, String, i32)> {
        view(ex, "dravia")
            .expect("seat")
            .relations
            .into_iter()
            .filter(|r| r.a == "dravia" || r.b == "dravia")
            .map(|r| (r.a, r.b, r.tension))
            .collect()
    };
    let before = (
        view(&ex, "dravia").expect("seat").me.reputation,
        tensions_with_dravia(&ex),
    );
    resolve(&mut ex);

    let p = &view(&ex, "aland").expect("seat").proposals[0];
    assert_eq!(p.status, ProposalStatus::Passed, "{}", p.reason);
    assert!(attributions(&ex).is_empty(), "{:?}", attributions(&ex));
    assert!(
        ex.truth()
            .ledger()
            .iter()
            .all(|e| e.mark.norm.id() != "13b"),
        "condemning names no one, so no one's evidence is weighed"
    );
    let after = (
        view(&ex, "dravia").expect("seat").me.reputation,
        tensions_with_dravia(&ex),
    );
    assert_eq!(before, after, "the condemnation cost Dravia something");
}

/// The Council of the EU declares its solidarity with Aland over the deadly blackout. The
/// declaration passes and names no one; Aland's partners stand closer to it (trust rises)
/// and its public's pressure eases.
#[test]
fn an_institution_may_declare_solidarity_with_the_victim() {
    let mut ex = table();
    advance_to(&mut ex, Phase::Negotiation);
    table_proposal(
        &mut ex,
        "aland",
        "eu",
        Proposal::Solidarity {
            incident: "blackout".into(),
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
    let trust_in_aland = |ex: &Exercise| -> Vec<i32> {
        let v = view(ex, "aland").expect("seat");
        ["borea", "cyrena", "estmark"]
            .iter()
            .map(|m| {
                v.relations
                    .iter()
                    .find(|r| (r.a == "aland" && r.b == *m) || (r.b == "aland" && r.a == *m))
                    .map(|r| r.trust)
                    .expect("a relation")
            })
            .collect()
    };
    let trust_before = trust_in_aland(&ex);
    let pressure_before = view(&ex, "aland").expect("seat").me.domestic_pressure;
    resolve(&mut ex);

    let p = &view(&ex, "aland").expect("seat").proposals[0];
    assert_eq!(p.status, ProposalStatus::Passed, "{}", p.reason);
    assert!(attributions(&ex).is_empty(), "{:?}", attributions(&ex));
    let trust_after = trust_in_aland(&ex);
    assert!(
        trust_after.iter().zip(&trust_before).all(|(a, b)| a > b),
        "{trust_before:?} -> {trust_after:?}"
    );
    assert!(view(&ex, "aland").expect("seat").me.domestic_pressure < pressure_before);
}

// ---------------------------------------------------------------- the table of rulings

/// One case of `tests/casebook.ron`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    /// The rule and its source, as an instructor would cite it.
    rule: String,
    /// Incident sets played beside the usual two.
    #[serde(default)]
    with: Vec<String>,
    turns: Vec<Vec<Step>>,
    expect: Vec<Expect>,
}

#[derive(Debug, Deserialize)]
enum Step {
    /// A seat's order, in the orders phase.
    Do(String, Order),
    /// A seat tables a proposal, in the negotiation phase before it.
    Table(String, String, Proposal),
    /// A seat's order that must be refused when sent (before the turn's `Do` orders).
    Refused(String, Order),
    /// A seat convenes a meeting of the seats named, online or in person, in the
    /// negotiation phase.
    Convene(String, Vec<String>, bool),
}

#[derive(Debug, Deserialize)]
enum Expect {
    Ruling {
        seat: String,
        order: OrderKind,
        resolved: Resolved,
        law: Vec<Law>,
        marks: Vec<(String, Verdict)>,
        unmet: Vec<Unmet>,
    },
    Ledger {
        seat: String,
        norm: String,
        verdict: Verdict,
        seen: bool,
    },
    NoLedger {
        seat: String,
        norm: String,
    },
    Holds {
        seat: String,
        evidence: String,
    },
    /// The seat holds the item at this reliability.
    Reliability {
        seat: String,
        evidence: String,
        reliability: threshold::scenario::Reliability,
    },
    Passed(usize),
    Failed(usize),
    /// Whether diplomatic relations between `a` and `b` stand severed, as `a` sees it.
    Severed {
        a: String,
        b: String,
        severed: bool,
    },
    /// Whether the incident still runs, as `seat` sees it.
    Active {
        seat: String,
        incident: String,
        active: bool,
    },
    /// How `actor` stands with `audience` now, against the start, as every seat sees it.
    Standing {
        audience: String,
        actor: String,
        moved: Moved,
    },
    /// Trust between `a` and `b` (as `a` sees it) rose by exactly `gained` over the case.
    Trust {
        a: String,
        b: String,
        gained: i32,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
enum Moved {
    Up,
    Down,
    Still,
}

/// The incident sets a case may add, by name.
fn incident_set(name: &str) -> &'static str {
    match name {
        "leak" => LEAK,
        "ransom" => RANSOM,
        "supply" => SUPPLY,
        "sigint" => SIGINT,
        "wipe" => WIPE,
        "cert" => CERT,
        "rights" => RIGHTS,
        "relay" => RELAY,
        "cables" => CABLES,
        "campaign" => CAMPAIGN,
        other => panic!("no incident set {other}"),
    }
}

/// Plays a case and returns what did not come out as expected, with the exercise.
fn play_case(case: &Case) -> (Exercise, Vec<String>) {
    let extra: String = case.with.iter().map(|w| incident_set(w)).collect();
    let mut ex = table_plus(&extra);
    let start = table_plus(&extra);
    let mut refusals = Vec::new();
    for turn in &case.turns {
        advance_to(&mut ex, Phase::Negotiation);
        for step in turn {
            if let Step::Table(seat, institution, proposal) = step {
                table_proposal(&mut ex, seat, institution, proposal.clone());
            }
            if let Step::Convene(seat, with, online) = step
                && let Err(e) = ex.apply(Command::seat(
                    seat,
                    SeatAct::Convene {
                        with: with.clone(),
                        online: *online,
                        agenda: None,
                    },
                ))
            {
                refusals.push(format!("{seat} could not convene: {e:?}"));
            }
        }
        advance_to(&mut ex, Phase::Orders);
        for step in turn {
            if let Step::Refused(seat, order) = step
                && ex
                    .apply(Command::seat(
                        seat,
                        SeatAct::Orders {
                            orders: vec![order.clone()],
                        },
                    ))
                    .is_ok()
            {
                refusals.push(format!("{seat}'s {order:?} was accepted"));
            }
        }
        for seat in SEATS {
            let mine: Vec<Order> = turn
                .iter()
                .filter_map(|s| match s {
                    Step::Do(who, o) if who == seat => Some(o.clone()),
                    _ => None,
                })
                .collect();
            if !mine.is_empty() {
                orders(&mut ex, seat, mine);
            }
        }
        resolve(&mut ex);
    }
    let mut wrong = refusals;
    for e in &case.expect {
        if let Err(why) = check(&ex, &start, e) {
            wrong.push(format!("{e:?}: {why}"));
        }
    }
    (ex, wrong)
}

fn check(ex: &Exercise, start: &Exercise, e: &Expect) -> Result<(), String> {
    let ledger = |seat: &str, norm: &str| -> Vec<Verdict> {
        let a = actor(ex, seat);
        ex.truth()
            .ledger()
            .iter()
            .filter(|l| l.actor == a && l.mark.norm.id() == norm)
            .map(|l| l.mark.verdict)
            .collect()
    };
    match e {
        Expect::Ruling {
            seat,
            order,
            resolved,
            law,
            marks,
            unmet,
        } => {
            let a = actor(ex, seat);
            let Some(d) = ex
                .truth()
                .decisions()
                .iter()
                .rev()
                .find(|d| d.actor == a && d.order.kind() == *order)
            else {
                return Err("no such ruling".into());
            };
            let got: Vec<(String, Verdict)> = d
                .norms
                .iter()
                .map(|m| (m.norm.id().to_string(), m.verdict))
                .collect();
            if d.resolved != *resolved || d.law != *law || got != *marks || d.unmet != *unmet {
                return Err(format!(
                    "ruled {:?}, law {:?}, marks {got:?}, unmet {:?} ({})",
                    d.resolved, d.law, d.unmet, d.reason
                ));
            }
            Ok(())
        }
        Expect::Ledger {
            seat,
            norm,
            verdict,
            seen,
        } => {
            if !ledger(seat, norm).contains(verdict) {
                return Err(format!("the ledger holds {:?}", ledger(seat, norm)));
            }
            let shown = view(ex, seat)
                .expect("seat")
                .ledger
                .iter()
                .any(|l| l.norm == *norm && l.verdict == *verdict);
            if shown != *seen {
                return Err(format!("its own view shows it: {shown}"));
            }
            Ok(())
        }
        Expect::NoLedger { seat, norm } => match ledger(seat, norm) {
            v if v.is_empty() => Ok(()),
            v => Err(format!("the ledger holds {v:?}")),
        },
        Expect::Holds { seat, evidence } => {
            if holds_evidence(ex, seat, evidence) {
                Ok(())
            } else {
                Err("not held".into())
            }
        }
        Expect::Reliability {
            seat,
            evidence,
            reliability,
        } => {
            let v = view(ex, seat).expect("seat");
            match v.evidence.iter().find(|e| &e.id == evidence) {
                Some(e) if e.reliability == *reliability => Ok(()),
                Some(e) => Err(format!("reliability {:?}", e.reliability)),
                None => Err("not held".into()),
            }
        }
        Expect::Active {
            seat,
            incident,
            active,
        } => match view(ex, seat)
            .expect("seat")
            .incidents
            .iter()
            .find(|i| &i.id == incident)
        {
            Some(i) if i.active == *active => Ok(()),
            Some(i) => Err(format!("active: {}", i.active)),
            None => Err("not known".into()),
        },
        Expect::Standing {
            audience,
            actor,
            moved,
        } => {
            let v = view(ex, "aland").expect("seat");
            let Some(line) = v
                .audiences
                .iter()
                .find(|a| &a.id == audience)
                .and_then(|a| a.standing.iter().find(|s| &s.actor == actor))
            else {
                return Err("no such standing".into());
            };
            let start = line.course.first().copied().unwrap_or(line.now);
            let got = match line.now.cmp(&start) {
                std::cmp::Ordering::Greater => Moved::Up,
                std::cmp::Ordering::Less => Moved::Down,
                std::cmp::Ordering::Equal => Moved::Still,
            };
            if got == *moved {
                Ok(())
            } else {
                Err(format!("{start} → {} ({:?})", line.now, line.course))
            }
        }
        Expect::Trust { a, b, gained } => {
            let trust = |ex: &Exercise| {
                view(ex, a)
                    .expect("seat")
                    .relations
                    .iter()
                    .find(|r| (&r.a == a && &r.b == b) || (&r.a == b && &r.b == a))
                    .map(|r| r.trust)
            };
            match (trust(start), trust(ex)) {
                (Some(t0), Some(t)) if t - t0 == *gained => Ok(()),
                (Some(t0), Some(t)) => Err(format!("trust {t0} → {t}")),
                _ => Err("no such relation".into()),
            }
        }
        Expect::Severed { a, b, severed } => {
            let shown = view(ex, a).expect("seat").severed_with(b);
            if shown == *severed {
                Ok(())
            } else {
                Err(format!("severed: {shown}"))
            }
        }
        Expect::Passed(i) | Expect::Failed(i) => {
            let v = view(ex, "aland").expect("seat");
            let Some(p) = v.proposals.get(*i) else {
                return Err("no such proposal".into());
            };
            let want = if matches!(e, Expect::Passed(_)) {
                ProposalStatus::Passed
            } else {
                ProposalStatus::Failed
            };
            if p.status == want {
                Ok(())
            } else {
                Err(format!("{:?}: {}", p.status, p.reason))
            }
        }
    }
}

fn cases() -> Vec<Case> {
    let text = include_str!("../casebook.ron");
    ron::from_str(text).unwrap_or_else(|e| panic!("tests/casebook.ron: {e}"))
}

/// Every case of the table comes out as it says.
#[test]
fn the_table_of_rulings() {
    let mut failures = Vec::new();
    for case in cases() {
        let (_, wrong) = play_case(&case);
        for w in wrong {
            failures.push(format!("{} ({}): {w}", case.name, case.rule));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Every row of the stakes table (each norm and each provision an order or an incident may
/// touch) is written by at least one case of the table, so every rule has its case.
#[test]
fn every_row_of_the_stakes_table_has_its_case() {
    let mut written = BTreeSet::new();
    for case in cases() {
        let (ex, _) = play_case(&case);
        let t = ex.truth();
        for d in t.decisions() {
            written.extend(d.norms.iter().map(|m| m.row as usize));
            for law in &d.law {
                let row = STAKES
                    .iter()
                    .position(|s| s.kind == Some(d.order.kind()) && s.law == Some(*law))
                    .unwrap_or_else(|| panic!("{law:?} on a {:?} is in no row", d.order.kind()));
                written.insert(row);
            }
        }
        written.extend(t.ledger().iter().map(|e| e.mark.row as usize));
    }
    let missing: Vec<String> = STAKES
        .iter()
        .enumerate()
        .filter(|(i, _)| !written.contains(i))
        .map(|(_, s)| format!("{:?} {:?} {:?}: {}", s.kind, s.norm, s.law, s.when))
        .collect();
    assert!(
        missing.is_empty(),
        "rows with no case:\n{}",
        missing.join("\n")
    );
}

// ---------------------------------------------------------------- attribution (norm 13b)

fn attribute(claim: Claim, confidence: Confidence, public: bool, joint: bool) -> Order {
    Order::Attribute {
        incident: "hack".into(),
        to: "dravia".into(),
        claim,
        confidence,
        public,
        joint,
        reading: None,
        release: false,
    }
}

fn is_attribution(o: &Order) -> bool {
    matches!(o, Order::Attribute { .. })
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
            Claim::Infrastructure,
            Confidence::Moderate,
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
    let joint = attribute(Claim::Infrastructure, Confidence::Moderate, true, true);
    orders(
        &mut ex,
        "aland",
        vec![
            Order::ShareEvidence {
                evidence: "ev_ip".into(),
                with: "borea".into(),
                sanitised: false,
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

// ---------------------------------------------------------------- attribution layers

/// Aland holds the Grey Wolves' own claim of the ransomware and the payment relays they rent:
/// the group did it, and it operates from Dravia. That evidence carries the operator claim
/// against the group, and the claim that Dravia failed its due diligence (norm 13c), but at
/// low confidence until Aland puts Dravia on notice, since 13c concerns a state that
/// *knowingly* allows its territory to be used. It never carries Dravia's responsibility,
/// which needs evidence that Dravia directed the group. Aland protests to Dravia in turn 1;
/// from turn 2 the due-diligence claim stands at high confidence. The operator and
/// due-diligence claims then uphold 13b; naming Dravia responsible breaches it.
#[test]
fn harbouring_is_not_direction() {
    let mut ex = table_plus(LEAK);
    advance_to(&mut ex, Phase::Orders);
    let shown = |ex: &Exercise, claim: Claim, against: &str| {
        shown_support(ex, "aland", "leak", claim, against)
    };
    assert_eq!(
        shown(&ex, Claim::Operator, "wolves"),
        Some(Confidence::High)
    );
    assert_eq!(
        shown(&ex, Claim::DueDiligence, "dravia"),
        Some(Confidence::Low),
        "without notice, 'knowingly' is not shown"
    );
    assert_eq!(shown(&ex, Claim::Responsibility, "dravia"), None);
    assert_eq!(shown(&ex, Claim::Infrastructure, "dravia"), None);

    orders(
        &mut ex,
        "aland",
        vec![Order::Demarche {
            to: "dravia".into(),
            incident: Some("leak".into()),
            notice: false,
        }],
    );
    resolve(&mut ex);
    assert_eq!(
        shown(&ex, Claim::DueDiligence, "dravia"),
        Some(Confidence::Low),
        "notice counts from the next turn, once Dravia could act on it"
    );
    advance_to(&mut ex, Phase::Orders);
    assert_eq!(
        shown(&ex, Claim::DueDiligence, "dravia"),
        Some(Confidence::High)
    );
    assert_eq!(
        shown(&ex, Claim::Responsibility, "dravia"),
        None,
        "notice does not turn harbouring into direction"
    );

    orders(
        &mut ex,
        "aland",
        vec![
            public_claim("leak", "wolves", Claim::Operator, Confidence::High),
            public_claim("leak", "dravia", Claim::DueDiligence, Confidence::High),
            public_claim("leak", "dravia", Claim::Responsibility, Confidence::Low),
        ],
    );
    resolve(&mut ex);
    for (claim, verdict) in [
        (Claim::Operator, Verdict::Upheld),
        (Claim::DueDiligence, Verdict::Upheld),
        (Claim::Responsibility, Verdict::Breached),
    ] {
        let d = ruling(&ex, "aland", is_claim(claim));
        assert!(has_mark(&d, "13b", verdict), "{claim:?}: {:?}", d.norms);
    }
}

/// "Knowingly" in norm 13c needs notice of the activity itself. Aland, holding the Grey
/// Wolves' traces, asks Dravia for legal assistance over their ransomware: from the next turn
/// its evidence carries the due-diligence claim at high confidence. At another table Aland
/// only protests to Dravia about the blackout, a different incident: that tells Dravia
/// nothing about the ransomware, and the claim stays at low confidence.
#[test]
fn a_protest_about_another_incident_is_not_notice() {
    let notice = |order: Order| -> Option<Confidence> {
        let mut ex = table_plus(LEAK);
        advance_to(&mut ex, Phase::Orders);
        orders(&mut ex, "aland", vec![order]);
        resolve(&mut ex);
        advance_to(&mut ex, Phase::Orders);
        shown_support(&ex, "aland", "leak", Claim::DueDiligence, "dravia")
    };
    let request = notice(Order::RequestLegalAssistance {
        from: "dravia".into(),
        incident: "leak".into(),
    });
    assert_eq!(
        request,
        Some(Confidence::High),
        "a request about it is notice"
    );
    let elsewhere = notice(Order::Demarche {
        to: "dravia".into(),
        incident: Some("blackout".into()),
        notice: false,
    });
    assert_eq!(
        elsewhere,
        Some(Confidence::Low),
        "a protest about the blackout put Dravia on notice of the ransomware"
    );
}

/// Aland holds only the addresses of the DDoS's command servers, leased in Dravia's
/// networks: a technical item, of the kind anyone can spoof or rent. It carries the claim
/// that infrastructure in Dravia was used (moderate: one moderate item) and, as a trace of
/// activity from Dravia's territory, a due-diligence claim at low confidence; nothing else.
/// Naming Dravia responsible on it breaches 13b; naming its infrastructure upholds it.
#[test]
fn spoofable_addresses_prove_only_infrastructure() {
    let mut ex = table();
    advance_to(&mut ex, Phase::Orders);
    assert_eq!(
        shown_claims(&ex, "aland", "hack"),
        vec![
            (Claim::Infrastructure, "dravia".into(), Confidence::Moderate),
            (Claim::DueDiligence, "dravia".into(), Confidence::Low),
        ]
    );
    orders(
        &mut ex,
        "aland",
        vec![
            public_claim(
                "hack",
                "dravia",
                Claim::Infrastructure,
                Confidence::Moderate,
            ),
            public_claim("hack", "dravia", Claim::Responsibility, Confidence::Low),
        ],
    );
    resolve(&mut ex);
    let infrastructure = ruling(&ex, "aland", is_claim(Claim::Infrastructure));
    assert!(
        has_mark(&infrastructure, "13b", Verdict::Upheld),
        "{:?}",
        infrastructure.norms
    );
    let responsibility = ruling(&ex, "aland", is_claim(Claim::Responsibility));
    assert!(
        has_mark(&responsibility, "13b", Verdict::Breached),
        "{:?}",
        responsibility.norms
    );
}

/// The operator claim names a group; the others name a state. Naming Dravia as the operator,
/// or Unit X as responsible, in breach of its due diligence or as the place of the
/// infrastructure, is refused when submitted, with the reason, and changes nothing; so is
/// a joint statement tabled that way. Naming Unit X as the operator is accepted.
#[test]
fn a_claim_must_fit_whom_it_names() {
    let mut ex = table();
    advance_to(&mut ex, Phase::Negotiation);
    let before = ex.state_hash();
    let r = ex.apply(Command::seat(
        "aland",
        SeatAct::Table {
            institution: "eu".into(),
            proposal: Proposal::AttributionStatement {
                incident: "hack".into(),
                accused: "unit_x".into(),
                claim: Claim::Responsibility,
                confidence: Confidence::Low,
            },
        },
    ));
    assert!(
        matches!(&r, Err(Refusal::Invalid(m)) if m.en().contains(&misfit(Claim::Responsibility).en())),
        "{r:?}"
    );
    assert_eq!(ex.state_hash(), before);

    advance_to(&mut ex, Phase::Orders);
    let before = ex.state_hash();
    for (to, claim) in [
        ("dravia", Claim::Operator),
        ("unit_x", Claim::Responsibility),
        ("unit_x", Claim::DueDiligence),
        ("unit_x", Claim::Infrastructure),
    ] {
        let r = ex.apply(Command::seat(
            "aland",
            SeatAct::Orders {
                orders: vec![public_claim("hack", to, claim, Confidence::Low)],
            },
        ));
        assert!(
            matches!(&r, Err(Refusal::Invalid(m)) if m.en().contains(&misfit(claim).en())),
            "{claim:?} against {to}: {r:?}"
        );
        assert_eq!(ex.state_hash(), before);
    }
    orders(
        &mut ex,
        "aland",
        vec![public_claim(
            "hack",
            "unit_x",
            Claim::Operator,
            Confidence::Low,
        )],
    );
}

/// Each seat is shown, before it commits, what its own evidence supports, claim by claim.
/// On the DDoS Borea holds nothing and is shown nothing; Aland is shown the infrastructure
/// claim and due diligence against Dravia. Aland shares the addresses with Borea, and Borea
/// is shown what Aland was; Aland investigates and finds the operators' chat logs, and is
/// shown Dravia's responsibility at moderate confidence. Claiming what it was shown upholds
/// 13b, and the attribution records that support.
#[test]
fn the_seat_sees_what_its_evidence_supports_before_it_commits() {
    let mut ex = table();
    advance_to(&mut ex, Phase::Orders);
    let addresses = vec![
        (
            Claim::Infrastructure,
            "dravia".to_string(),
            Confidence::Moderate,
        ),
        (Claim::DueDiligence, "dravia".to_string(), Confidence::Low),
    ];
    assert_eq!(shown_claims(&ex, "borea", "hack"), vec![]);
    assert_eq!(shown_claims(&ex, "aland", "hack"), addresses);

    orders(
        &mut ex,
        "aland",
        vec![Order::ShareEvidence {
            evidence: "ev_ip".into(),
            with: "borea".into(),
            sanitised: false,
        }],
    );
    resolve(&mut ex);
    assert_eq!(shown_claims(&ex, "borea", "hack"), addresses);

    investigate_until_found(&mut ex, "aland", "hack", "ev_easy");
    assert_eq!(
        shown_support(&ex, "aland", "hack", Claim::Responsibility, "dravia"),
        Some(Confidence::Moderate),
        "{:?}",
        shown_claims(&ex, "aland", "hack")
    );
    advance_to(&mut ex, Phase::Orders);
    orders(
        &mut ex,
        "aland",
        vec![public_claim(
            "hack",
            "dravia",
            Claim::Responsibility,
            Confidence::Moderate,
        )],
    );
    resolve(&mut ex);
    let d = ruling(&ex, "aland", is_attribution);
    assert!(has_mark(&d, "13b", Verdict::Upheld), "{:?}", d.norms);
    let v = view(&ex, "aland").expect("seat");
    assert!(v.attributions.iter().any(|a| a.incident == "hack"
        && a.claim == Claim::Responsibility
        && a.my_support == Some(Confidence::Moderate)));
}

/// Dravia wipes Cyrena's port systems behind a ransom note signed by the Grey Wolves, a
/// false flag and the only item Cyrena holds. Cyrena names the Grey Wolves as the operator
/// at the moderate confidence the note carries. Judged on what it held, the claim upholds
/// 13b, and nothing Cyrena is shown says otherwise; the debrief reveals the claim was
/// supported but wrong.
#[test]
fn a_claim_resting_on_evidence_can_still_be_wrong() {
    let mut ex = table_plus(WIPE);
    advance_to(&mut ex, Phase::Orders);
    assert_eq!(
        shown_support(&ex, "cyrena", "wipe", Claim::Operator, "wolves"),
        Some(Confidence::Moderate)
    );
    orders(
        &mut ex,
        "cyrena",
        vec![public_claim(
            "wipe",
            "wolves",
            Claim::Operator,
            Confidence::Moderate,
        )],
    );
    resolve(&mut ex);
    let d = ruling(&ex, "cyrena", is_attribution);
    assert!(has_mark(&d, "13b", Verdict::Upheld), "{:?}", d.norms);
    let ledger = view(&ex, "cyrena").expect("seat").ledger;
    assert!(
        ledger
            .iter()
            .all(|l| l.norm != "13b" || l.verdict == Verdict::Upheld),
        "{ledger:?}"
    );
    let claims = debrief_claims(&ex, "wipe");
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].case, ClaimCase::SupportedButWrong);
    assert_eq!(claims[0].support, Some(Confidence::Moderate));
}

/// Aland names Dravia's networks as the DDoS's infrastructure at the moderate confidence its
/// leased-server records carry, and the servers were Dravia's: supported and true.
#[test]
fn a_claim_the_evidence_carries_and_that_is_true() {
    let mut ex = table();
    advance_to(&mut ex, Phase::Orders);
    orders(
        &mut ex,
        "aland",
        vec![public_claim(
            "hack",
            "dravia",
            Claim::Infrastructure,
            Confidence::Moderate,
        )],
    );
    resolve(&mut ex);
    let claims = debrief_claims(&ex, "hack");
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].case, ClaimCase::SupportedAndTrue);
}

/// Aland claims the same at high confidence, more than one moderate item carries. The claim
/// is true, but 13b is strained, and the debrief calls it overreaching but true: being right
/// does not make the claim well founded.
#[test]
fn a_true_claim_beyond_the_evidence_still_overreaches() {
    let mut ex = table();
    advance_to(&mut ex, Phase::Orders);
    orders(
        &mut ex,
        "aland",
        vec![public_claim(
            "hack",
            "dravia",
            Claim::Infrastructure,
            Confidence::High,
        )],
    );
    resolve(&mut ex);
    let d = ruling(&ex, "aland", is_attribution);
    assert!(has_mark(&d, "13b", Verdict::Strained), "{:?}", d.norms);
    let claims = debrief_claims(&ex, "hack");
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].case, ClaimCase::OverreachingButTrue);
    assert_eq!(claims[0].support, Some(Confidence::Moderate));
}

/// Holding only the Grey Wolves' traces, Aland names Dravia responsible for their
/// ransomware. Dravia harbours the group but does not direct it: the claim went beyond the
/// evidence (13b breached) and was wrong.
#[test]
fn an_overreaching_claim_can_also_be_wrong() {
    let mut ex = table_plus(LEAK);
    advance_to(&mut ex, Phase::Orders);
    orders(
        &mut ex,
        "aland",
        vec![public_claim(
            "leak",
            "dravia",
            Claim::Responsibility,
            Confidence::Moderate,
        )],
    );
    resolve(&mut ex);
    let d = ruling(&ex, "aland", is_attribution);
    assert!(has_mark(&d, "13b", Verdict::Breached), "{:?}", d.norms);
    let claims = debrief_claims(&ex, "leak");
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].case, ClaimCase::OverreachingAndWrong);
    assert_eq!(claims[0].support, None);
}

/// What one seat can read off its numbers: its own state, every actor's reputation, and
/// the trust and tension of every relation it is shown.
type Numbers = (String, Vars, Vec<i32>, Vec<(i32, i32)>);

/// Every seat's numbers after Aland publicly makes one claim against Dravia about the
/// ransomware, at a table where `author` really ran it.
fn after_public_claim(author: &str, claim: Claim, confidence: Confidence) -> Vec<Numbers> {
    let leak = LEAK.replace(r#"author: "wolves""#, &format!(r#"author: "{author}""#));
    let mut ex = table_plus(&leak);
    advance_to(&mut ex, Phase::Orders);
    orders(
        &mut ex,
        "aland",
        vec![public_claim("leak", "dravia", claim, confidence)],
    );
    resolve(&mut ex);
    SEATS
        .iter()
        .map(|seat| {
            let v = view(&ex, seat).expect("seat");
            (
                seat.to_string(),
                v.me,
                v.actors.iter().map(|a| a.reputation).collect(),
                v.relations.iter().map(|r| (r.trust, r.tension)).collect(),
            )
        })
        .collect()
}

/// Two tables differ only in who really ran the ransomware: the Grey Wolves, whom Dravia
/// harbours, or Dravia itself. At both, Aland holds only the group's traces and publicly
/// names Dravia responsible (wrong at the first table, right at the second), or in breach
/// of its due diligence (right at the first, wrong at the second). Every seat's numbers
/// come out the same at both tables: what a public attribution costs follows what the
/// attributor could show (13b), never the truth, which waits for the debrief. Claiming
/// beyond the evidence costs the attributor reputation: more with no evidence for the claim
/// than with too little.
#[test]
fn a_wrong_public_attribution_costs_only_what_the_evidence_explains() {
    for (claim, confidence) in [
        (Claim::Responsibility, Confidence::Moderate),
        (Claim::DueDiligence, Confidence::Low),
        (Claim::DueDiligence, Confidence::High),
    ] {
        assert_eq!(
            after_public_claim("wolves", claim, confidence),
            after_public_claim("dravia", claim, confidence),
            "{claim:?} at {confidence:?} confidence: a number moved on the hidden truth"
        );
    }
    let reputation = |claim, confidence| {
        after_public_claim("wolves", claim, confidence)[0]
            .1
            .reputation
    };
    let upheld = reputation(Claim::DueDiligence, Confidence::Low);
    let strained = reputation(Claim::DueDiligence, Confidence::High);
    let breached = reputation(Claim::Responsibility, Confidence::Moderate);
    assert!(
        upheld > strained && strained > breached,
        "Aland's reputation: upheld {upheld}, strained {strained}, breached {breached}"
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
    assert!(
        d.reason
            .en()
            .contains("found evidence: Operator chat logs in Dravian."),
        "{}",
        d.reason
    );
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

/// Dravia refuses two requests for legal assistance over the ransomware: Aland's, whose
/// evidence (the Grey Wolves' claim of the attack) ties the activity to Dravia's territory,
/// and Borea's, which holds nothing. Refusing strains 13d in both cases, and 13c (no use of
/// territory) only against Aland's request: the refusal is judged on what the request
/// showed. The ruling is the same whether the Grey Wolves really ran the campaign or Cyrena
/// ran it behind their name.
#[test]
fn refusing_legal_assistance_is_judged_on_the_request() {
    for author in ["wolves", "cyrena"] {
        let leak = LEAK.replace(r#"author: "wolves""#, &format!(r#"author: "{author}""#));
        let mut ex = table_plus(&leak);
        advance_to(&mut ex, Phase::Orders);
        for seat in ["aland", "borea"] {
            orders(
                &mut ex,
                seat,
                vec![Order::RequestLegalAssistance {
                    from: "dravia".into(),
                    incident: "leak".into(),
                }],
            );
        }
        let refuse = |to: &str| Order::AnswerLegalAssistance {
            to: to.into(),
            incident: "leak".into(),
            grant: false,
        };
        orders(&mut ex, "dravia", vec![refuse("aland"), refuse("borea")]);
        resolve(&mut ex);
        let answer = |to: &str| {
            ruling(
                &ex,
                "dravia",
                |o| matches!(o, Order::AnswerLegalAssistance { to: t, .. } if t == to),
            )
        };
        let (to_aland, to_borea) = (answer("aland"), answer("borea"));
        for d in [&to_aland, &to_borea] {
            assert!(
                has_mark(d, "13d", Verdict::Strained),
                "{author}: {:?}",
                d.norms
            );
        }
        assert!(
            has_mark(&to_aland, "13c", Verdict::Strained),
            "{author}: {:?}",
            to_aland.norms
        );
        assert!(
            to_borea.norms.iter().all(|m| m.norm.id() != "13c"),
            "{author}: {:?}",
            to_borea.norms
        );
    }
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
/// without lasting damage at severity 4 are not an armed attack. The engine assesses the
/// deadly blackout in the casebook scenario as an armed attack (for the control cell).
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
    let news = ex.truth().news();
    assert!(
        news.iter().any(|e| e.kind == EventKind::Decision
            && e.text
                .en()
                .contains("taken cumulatively, amounts to an armed attack")),
        "the Council's own reading is published"
    );
    let readings = ex.truth().readings();
    assert!(
        readings
            .iter()
            .any(|r| r.actor == actor(&ex, "aland") && r.reading == Reading::CumulativeArmedAttack)
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
        let said = |p: &Phrase| [Lang::EN.say(p), Lang::AR.say(p)];
        let shown_all: Vec<String> = std::iter::once(op.id.clone())
            .chain(said(&op.name))
            .chain(said(&op.description))
            .collect();
        for shown in &shown_all {
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

// ---------------------------------------------------------------- legal readings

/// A public statement of concern that states a reading of the incident.
fn statement(incident: &str, reading: Reading) -> Order {
    Order::PublicStatement {
        stance: Stance::Concern,
        incident: Some(incident.into()),
        about: None,
        reading: Some(reading),
        via: Via::Communique,
        language: None,
        topic: None,
    }
}

/// The latest reading of `incident` by `by` that `seat` is shown.
fn reading_seen(ex: &Exercise, seat: &str, by: &str, incident: &str) -> ReadingCard {
    view(ex, seat)
        .expect("seat")
        .readings
        .into_iter()
        .rev()
        .find(|r| r.actor == by && r.incident == incident)
        .unwrap_or_else(|| panic!("{seat} is not shown {by}'s reading of {incident}"))
}

/// Borea holds no evidence on the DDoS, days of flooded portals, and publicly calls it an
/// armed attack. Nothing it knows carries that: no deaths or damage, and nothing ties a
/// state to the flood, so the most it can read is a crime. The reading is recorded as
/// overreaching, with that ceiling; everyone hears the public reading, but only Borea is
/// shown how it was judged.
#[test]
fn a_reading_beyond_what_the_seat_knows_overreaches() {
    let mut ex = table();
    advance_to(&mut ex, Phase::Orders);
    orders(
        &mut ex,
        "borea",
        vec![statement("hack", Reading::ArmedAttack)],
    );
    resolve(&mut ex);
    let own = reading_seen(&ex, "borea", "borea", "hack");
    assert_eq!(own.reading, Reading::ArmedAttack);
    assert_eq!(own.check, Some(ReadingCheck::Overreaches));
    assert_eq!(own.most, Some(Reading::Crime));
    for seat in ["aland", "cyrena", "estmark", "dravia"] {
        let heard = reading_seen(&ex, seat, "borea", "hack");
        assert_eq!(heard.reading, Reading::ArmedAttack, "{seat}");
        assert_eq!((heard.check, heard.most), (None, None), "{seat}");
        assert_eq!(heard.reason, Phrase::default(), "{seat}");
    }
}

/// Aland investigates the DDoS and finds the operators' chat logs in Dravian, operational
/// evidence pointing to Dravia itself. It then reads the DDoS as an internationally
/// wrongful act by Dravia: its knowledge carries that (a state tied at moderate confidence;
/// no damage that would make it a use of force), so the reading is supported, and the
/// debrief sets it beside the engine's own assessment.
#[test]
fn a_supported_reading() {
    let mut ex = table();
    investigate_until_found(&mut ex, "aland", "hack", "ev_easy");
    advance_to(&mut ex, Phase::Orders);
    orders(
        &mut ex,
        "aland",
        vec![statement("hack", Reading::WrongfulAct)],
    );
    resolve(&mut ex);
    let own = reading_seen(&ex, "aland", "aland", "hack");
    assert_eq!(own.check, Some(ReadingCheck::Supported), "{}", own.reason);
    assert_eq!(own.most, Some(Reading::WrongfulAct));

    let name = view(&ex, "aland").expect("seat").incidents[0].name.clone();
    let report = Debrief::of(&ex)
        .incidents
        .into_iter()
        .find(|i| i.name == name)
        .expect("the DDoS in the debrief");
    assert_eq!(report.level, Level::WrongfulAct);
    assert!(
        report
            .readings
            .iter()
            .any(|r| r.reading == Reading::WrongfulAct && r.check == ReadingCheck::Supported),
        "{:?}",
        report.readings
    );
}

// ---------------------------------------------------------------- secrecy

/// The engine assesses the deadly blackout as an armed attack and the DDoS by Dravia's
/// directed proxy as a wrongful act. The control cell sees that, and the debrief will; no
/// seat is told. No incident card carries a level or its reason, and nothing in any seat's
/// view (its news included) carries the engine's assessment, at the first negotiation or
/// after a turn has been played.
#[test]
fn no_seat_is_told_the_engines_assessment() {
    let mut ex = table();
    assert_eq!(incident_level(&ex, "blackout").0, Level::ArmedAttack);
    assert_eq!(incident_level(&ex, "hack").0, Level::WrongfulAct);
    let check = |ex: &Exercise| {
        let reasons: Vec<Phrase> = ex
            .truth()
            .incidents()
            .iter()
            .map(|i| i.incident.level_reason.clone())
            .collect();
        let assessments: Vec<&Phrase> = ex
            .truth()
            .news()
            .iter()
            .filter(|e| e.kind == EventKind::Ladder)
            .inspect(|e| assert_eq!(e.visibility, Visibility::Control))
            .map(|e| &e.text)
            .collect();
        assert!(!assessments.is_empty(), "the control cell is told");
        let secrets: Vec<String> = reasons
            .iter()
            .chain(assessments)
            .map(|p| serde_json::to_string(p).expect("a phrase serialises"))
            .collect();
        for seat in SEATS {
            let v = view(ex, seat).expect("seat");
            for card in &v.incidents {
                let card = serde_json::to_value(card).expect("a card serialises");
                assert!(
                    card.get("level").is_none() && card.get("level_reason").is_none(),
                    "{seat}: {card}"
                );
            }
            let shown = serde_json::to_string(&v).expect("a view serialises");
            for secret in &secrets {
                assert!(!shown.contains(secret), "{seat} is told {secret}");
            }
        }
    };
    advance_to(&mut ex, Phase::Negotiation);
    check(&ex);
    advance_to(&mut ex, Phase::Orders);
    resolve(&mut ex);
    advance_to(&mut ex, Phase::Negotiation);
    assert_eq!(ex.clock().turn, 2);
    check(&ex);
}

/// The Grey Wolves run their ransomware from Dravia's territory, so the hidden ledger records
/// from the first turn that Dravia strained 13c (it let its territory be used). No seat is
/// shown that mark, so no condition a seat can see may turn on it: Borea's objective "Dravia
/// fails 13c" stays unmet after a turn, though the hidden mark is there. It is met once
/// Dravia refuses Aland's request for legal assistance over activity Aland's evidence ties
/// to Dravia's territory, a mark the two of them see.
#[test]
fn hidden_marks_do_not_move_conditions() {
    let source = with_objective(
        &casebook_scenario(&format!("{INCIDENTS}{LEAK}")),
        "borea",
        r#"NormBreached(actor: "dravia", norm: "13c")"#,
    );
    let mut ex = Exercise::new(load(&source), 7);
    let dravia = actor(&ex, "dravia");
    let objective_met = |ex: &Exercise| {
        view(ex, "borea").expect("seat").objectives[0]
            .status
            .holds()
    };
    let seen_by_a_seat = |ex: &Exercise| ex.truth().ledger_has(dravia, N13C, false);

    advance_to(&mut ex, Phase::Orders);
    resolve(&mut ex);
    assert!(
        ex.truth().ledger().iter().any(|e| e.actor == dravia
            && e.mark.norm == N13C
            && e.mark.verdict == Verdict::Strained
            && e.visibility == Visibility::Control),
        "the hidden mark is recorded"
    );
    assert!(!seen_by_a_seat(&ex));
    assert!(!objective_met(&ex), "a hidden mark met an objective");

    advance_to(&mut ex, Phase::Orders);
    orders(
        &mut ex,
        "aland",
        vec![Order::RequestLegalAssistance {
            from: "dravia".into(),
            incident: "leak".into(),
        }],
    );
    orders(
        &mut ex,
        "dravia",
        vec![Order::AnswerLegalAssistance {
            to: "aland".into(),
            incident: "leak".into(),
            grant: false,
        }],
    );
    resolve(&mut ex);
    assert!(seen_by_a_seat(&ex));
    assert!(objective_met(&ex), "a mark the seats see meets it");
}

/// A scenario can test a break in relations: Aland's objective "relations with Dravia
/// severed" is met once Aland severs them, and no longer once both restore them.
#[test]
fn a_condition_sees_relations_severed() {
    let source = with_objective(
        &casebook_scenario(INCIDENTS),
        "aland",
        r#"RelationsSevered(a: "aland", b: "dravia")"#,
    );
    let mut ex = Exercise::new(load(&source), 7);
    let met = |ex: &Exercise| {
        view(ex, "aland").expect("seat").objectives[0]
            .status
            .holds()
    };
    advance_to(&mut ex, Phase::Orders);
    assert!(!met(&ex));
    orders(
        &mut ex,
        "aland",
        vec![Order::SeverRelations {
            with: "dravia".into(),
            protecting_power: None,
        }],
    );
    resolve(&mut ex);
    assert!(met(&ex), "severed");
    advance_to(&mut ex, Phase::Orders);
    orders(
        &mut ex,
        "aland",
        vec![Order::RestoreRelations {
            with: "dravia".into(),
        }],
    );
    orders(
        &mut ex,
        "dravia",
        vec![Order::RestoreRelations {
            with: "aland".into(),
        }],
    );
    resolve(&mut ex);
    assert!(!met(&ex), "restored");
}

/// A scenario can test an indictment: Borea's objective "Officer K indicted" is met once
/// Aland, holding the hosting provider's records that name Unit X, indicts Officer K.
#[test]
fn a_condition_sees_an_indictment() {
    let source = with_objective(
        &casebook_scenario(INCIDENTS),
        "borea",
        r#"Indicted("officer_k")"#,
    );
    let mut ex = Exercise::new(load(&source), 7);
    let met = |ex: &Exercise| {
        view(ex, "borea").expect("seat").objectives[0]
            .status
            .holds()
    };
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
    assert!(!met(&ex));
    advance_to(&mut ex, Phase::Orders);
    orders(
        &mut ex,
        "aland",
        vec![Order::Indict {
            incident: "hack".into(),
            persons: vec!["officer_k".into()],
        }],
    );
    resolve(&mut ex);
    assert!(met(&ex), "indicted");
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
    let r = ex.apply(Command::seat(
        "aland",
        SeatAct::Orders {
            orders: vec![Order::Harden],
        },
    ));
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
    let r = ex.apply(Command::seat(
        "aland",
        SeatAct::Table {
            institution: "nac".into(),
            proposal: Proposal::Consultation {
                incident: "hack".into(),
                reading: None,
            },
        },
    ));
    assert!(matches!(r, Err(Refusal::WrongPhase { .. })), "{r:?}");
    assert_eq!(ex.state_hash(), before);
}

/// A seat that is not in the scenario is refused by name, and nothing changes.
#[test]
fn unknown_seat_is_refused() {
    let mut ex = table();
    let before = ex.state_hash();
    assert_eq!(
        ex.apply(Command::seat("atlantis", SeatAct::Ready)),
        Err(Refusal::UnknownSeat("atlantis".into()))
    );
    advance_to(&mut ex, Phase::Orders);
    let before_orders = ex.state_hash();
    assert_ne!(before, before_orders);
    let r = ex.apply(Command::seat(
        "atlantis",
        SeatAct::Orders {
            orders: vec![Order::Harden],
        },
    ));
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
    let r = ex.apply(Command::seat(
        "aland",
        SeatAct::Orders {
            orders: (1..=6).map(expel).collect(),
        },
    ));
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
    let r = ex.apply(Command::seat(
        "aland",
        SeatAct::Orders {
            orders: vec![Order::Demarche {
                to: "aland".into(),
                incident: None,
                notice: false,
            }],
        },
    ));
    assert!(
        matches!(&r, Err(Refusal::Invalid(m)) if m.en().contains("oneself")),
        "{r:?}"
    );
    let r = ex.apply(Command::seat(
        "aland",
        SeatAct::Orders {
            orders: vec![Order::Investigate {
                incident: "atlantis_hack".into(),
            }],
        },
    ));
    assert!(
        matches!(&r, Err(Refusal::Invalid(m)) if m.en().contains("no known incident")),
        "{r:?}"
    );
}

/// North Atlantic Treaty Art. 4: any ally's request convenes consultations "whenever, in the
/// opinion of any of them" its security is threatened. An ally's "no" does not block them,
/// while Art. 5 stays the Council's consensus.
#[test]
fn art_4_consultations_are_convened_by_a_request_and_no_vote_blocks_them() {
    let mut ex = table();
    advance_to(&mut ex, Phase::Negotiation);
    table_proposal(
        &mut ex,
        "aland",
        "nac",
        Proposal::Consultation {
            incident: "hack".into(),
            reading: None,
        },
    );
    advance_to(&mut ex, Phase::Orders);
    orders(
        &mut ex,
        "borea",
        vec![Order::Vote {
            proposal: 0,
            ballot: Ballot::No,
        }],
    );
    resolve(&mut ex);
    let v = view(&ex, "aland").expect("seat");
    let p = v
        .proposals
        .iter()
        .find(|p| p.id == 0)
        .expect("the proposal");
    assert_eq!(p.status, ProposalStatus::Passed, "{}", p.reason);
    assert!(
        p.reason.en().contains("no vote blocks them"),
        "{}",
        p.reason
    );
}

/// Restricting online access stops a leak spreading sooner, at a price: the papers, due to
/// spread into turn 3, subside a turn sooner when Borea blocks the sites and accounts, and
/// at once when it shuts down internet access, which costs its economy.
#[test]
fn blocking_shortens_a_leak_and_a_shutdown_stops_it_at_a_price() {
    let active_on = |shutdown: Option<bool>| -> (Vec<u32>, i32) {
        let mut ex = table_plus(RIGHTS);
        advance_to(&mut ex, Phase::Orders);
        let economy = view(&ex, "borea").expect("seat").me.economy;
        if let Some(shutdown) = shutdown {
            orders(
                &mut ex,
                "borea",
                vec![Order::Restrict {
                    incident: "papers".into(),
                    shutdown,
                }],
            );
        }
        resolve(&mut ex);
        let cost = economy - view(&ex, "borea").expect("seat").me.economy;
        let mut active = Vec::new();
        for turn in 2..=3 {
            while ex.clock().turn < turn && !ex.ended() {
                ex.apply(Command::ADVANCE).expect("advance");
            }
            let v = view(&ex, "borea").expect("seat");
            if v.incidents.iter().any(|i| i.id == "papers" && i.active) {
                active.push(turn);
            }
        }
        (active, cost)
    };
    assert_eq!(active_on(None), (vec![2, 3], 0));
    assert_eq!(active_on(Some(false)), (vec![2], 0));
    assert_eq!(active_on(Some(true)), (vec![], 6));
}

/// A computer player uses force in self-defence only against what it reads, on its own
/// evidence, as an armed attack by the state it has named: Aland, holding proof that Dravia
/// struck its grid and killed people, names Dravia and answers in self-defence, lawfully and
/// in proportion; over the denial of service on its ministries it never does.
#[test]
fn a_computer_player_answers_an_armed_attack_in_self_defence_and_nothing_less() {
    let mut ex = table_plus(
        r#"
        (
            id: "strike",
            name: (en: "Grid strike", ar: "ضربة الشبكة"),
            description: (en: "Substations destroyed; twelve dead.", ar: "تدمير محطات؛ اثنا عشر قتيلا."),
            kind: CriticalInfrastructure,
            author: "dravia",
            target: "aland",
            severity: 5,
            deaths: 12,
            lasting_damage: true,
            infrastructure: true,
            start_turn: Some(1),
            duration: 2,
            public: true,
            evidence: [
                (
                    id: "ev_orders",
                    text: (en: "Dravian General Staff orders for the strike.", ar: "أوامر هيئة الأركان الدرافية."),
                    points_to: "dravia",
                    reliability: High,
                    layer: Strategic,
                    known_to: ["aland"],
                ),
            ],
        ),
"#,
    );
    let bot = threshold::bots::Bot::new(&ex, "aland").expect("a bot for Aland");
    while !ex.ended() {
        for cmd in bot.act(&ex) {
            let _ = ex.apply(cmd);
        }
        ex.apply(Command::ADVANCE).expect("advance");
    }
    let aland = actor(&ex, "aland");
    let force: Vec<&Decision> = ex
        .truth()
        .decisions()
        .iter()
        .filter(|d| d.actor == aland && d.order.kind() == OrderKind::SelfDefence)
        .collect();
    assert_eq!(force.len(), 1, "once");
    let d = force[0];
    assert!(
        matches!(&d.order, Order::SelfDefence { incident, against, on_behalf_of: None, intensity, .. } if incident == "strike" && against == "dravia" && *intensity <= 5),
        "{:?}",
        d.order
    );
    assert_eq!(d.resolved, Resolved::Done);
    assert!(d.unmet.is_empty(), "lawful: {:?}", d.unmet);
    assert_eq!(d.law, vec![Law::Charter51]);
}
