//! What the screens show, derived from a seat's view and nothing else: pure functions, so
//! they are unit tested without a window.

use crate::i18n::{Arg, Phrase};
use crate::net::protocol::SeatInfo;
use crate::say;
use crate::scenario::{
    Claim, Confidence, DecisionRule, InstitutionDef, OrderKind, Reading, Scenario,
};
use crate::sim::orders::{Ballot, Cbm, CounterKind, CovertKind, Order, Stance, Via};
use crate::sim::record::Verdict;
use crate::sim::view::{
    ActorCard, AttributionCard, ClaimCard, EvidenceCard, IncidentCard, ReadingCard, SeatView,
};

/// `m:ss` for a countdown.
pub fn clock(seconds: u64) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// One incident on the evidence board: what the seat holds about it and who said what.
pub struct Board<'a> {
    pub incident: &'a IncidentCard,
    pub evidence: Vec<&'a EvidenceCard>,
    pub attributions: Vec<&'a AttributionCard>,
    /// The seat's own readings of it, then those others stated publicly.
    pub readings: Vec<&'a ReadingCard>,
}

/// The evidence board: each incident the seat knows of, with its evidence and the
/// attributions made about it, active incidents first.
pub fn evidence_board(v: &SeatView) -> Vec<Board<'_>> {
    let mut boards: Vec<Board> = v
        .incidents
        .iter()
        .map(|i| Board {
            incident: i,
            evidence: v.evidence.iter().filter(|e| e.incident == i.id).collect(),
            attributions: v
                .attributions
                .iter()
                .filter(|a| a.incident == i.id)
                .collect(),
            readings: {
                let mut r: Vec<&ReadingCard> =
                    v.readings.iter().filter(|r| r.incident == i.id).collect();
                r.sort_by_key(|r| (r.actor != v.actor, r.turn));
                r
            },
        })
        .collect();
    boards.sort_by_key(|b| (!b.incident.active, b.incident.started));
    boards
}

/// A relation on the map between two states the seat sees.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    pub a: String,
    pub b: String,
    pub trust: i32,
    pub tension: i32,
    /// They sit together in an institution (an alliance or a union).
    pub allied: bool,
}

pub fn edges(v: &SeatView) -> Vec<Edge> {
    v.relations
        .iter()
        .map(|r| Edge {
            a: r.a.clone(),
            b: r.b.clone(),
            trust: r.trust,
            tension: r.tension,
            allied: allied(&v.institutions, &r.a, &r.b),
        })
        .collect()
}

fn allied(institutions: &[InstitutionDef], a: &str, b: &str) -> bool {
    institutions
        .iter()
        .any(|i| i.members.iter().any(|m| m == a) && i.members.iter().any(|m| m == b))
}

/// The decision rule in words, as the engine applies it (`sim::institutions`).
pub fn rule_spelled_out(rule: &DecisionRule, inst: &InstitutionDef) -> Phrase {
    let n = inst.members.len();
    match rule {
        DecisionRule::Unanimity => say!(
            "Unanimity of all {0} members: one vote against blocks it. A formal abstention does not block (constructive abstention, Art. 31(1) TEU, second subparagraph) unless the abstainers are a third of the members representing a third of the population. Every member must vote: a member that casts no vote blocks it, as silence is not abstention.",
            n
        ),
        DecisionRule::Consensus => say!(
            "Consensus of all {0} members: it passes if at least one supports it and nobody objects.",
            n
        ),
        DecisionRule::SimpleMajority => {
            say!(
                "Simple majority: more yes than no among the {0} members voting.",
                n
            )
        }
        DecisionRule::QualifiedMajority {
            members_pct,
            population_pct,
            blocking_minority,
        } => say!(
            "Qualified majority (Art. 16(4) TEU): at least {0}% of the {1} members, representing at least {2}% of the population, vote yes; a blocking minority needs at least {3} members.",
            *members_pct,
            n,
            *population_pct,
            *blocking_minority
        ),
        DecisionRule::SecurityCouncil { votes_needed } => say!(
            "Security Council (Art. 27(3) UN Charter): {0} affirmative votes of {1}, and no permanent member ({2}) votes against; an abstaining permanent member does not veto. In a resolution recommending settlement (Chapter VI) the parties to the dispute abstain.",
            *votes_needed,
            n,
            Arg::list(inst.permanent.iter().map(Arg::id))
        ),
    }
}

/// Total (diplomatic capital, technical capacity) of a set of orders at the seat's prices,
/// and whether the seat can pay it.
pub fn cost_of(v: &SeatView, orders: &[Order]) -> (i32, i32, bool) {
    let (mut capital, mut capacity) = (0, 0);
    for o in orders {
        if let Some((a, b)) = v.order_cost(o) {
            capital += a;
            capacity += b;
        }
    }
    let affordable = capital <= v.me.diplomatic_capital && capacity <= v.me.technical_capacity;
    (capital, capacity, affordable)
}

/// A new order of a kind, filled in with the first sensible choices from the view (the
/// player then changes what they like). `None` when the seat has nothing to apply it to.
pub fn draft(kind: OrderKind, v: &SeatView) -> Option<Order> {
    let incident = v
        .incidents
        .iter()
        .find(|i| i.active)
        .or(v.incidents.first())
        .map(|i| i.id.clone());
    let other = v
        .actors
        .iter()
        .find(|a| a.id != v.actor && a.is_state)
        .map(|a| a.id.clone());
    let suspect = incident
        .as_ref()
        .and_then(|i| v.evidence.iter().find(|e| &e.incident == i))
        .map(|e| e.points_to.clone())
        .or_else(|| other.clone());
    // The state an order addressed to a state goes to: the one the seat's evidence best
    // holds responsible, or where the group it points to operates from, else any other.
    let suspect_state = incident
        .as_deref()
        .and_then(|i| suspect_state(v, i))
        .or_else(|| other.clone());
    let partner = v
        .actors
        .iter()
        .find(|a| a.partner)
        .map(|a| a.id.clone())
        .or_else(|| other.clone());
    Some(match kind {
        OrderKind::Investigate => Order::Investigate {
            incident: incident?,
        },
        OrderKind::ShareEvidence => {
            let e = v.evidence.first()?;
            Order::ShareEvidence {
                evidence: e.id.clone(),
                with: partner?,
                sanitised: e.sensitive.is_some(),
            }
        }
        OrderKind::RequestAssistance => Order::RequestAssistance {
            from: partner?,
            incident: incident?,
        },
        OrderKind::ProvideAssistance => Order::ProvideAssistance {
            to: partner?,
            incident: incident?,
        },
        OrderKind::RequestLegalAssistance => Order::RequestLegalAssistance {
            from: suspect_state?,
            incident: incident?,
        },
        OrderKind::Preserve => Order::Preserve {
            from: v.preservers().first()?.to_string(),
            incident: incident?,
        },
        OrderKind::AnswerLegalAssistance => {
            let r = v.requests.iter().find(|r| r.to == v.actor)?;
            Order::AnswerLegalAssistance {
                to: r.from.clone(),
                incident: r.incident.clone(),
                grant: true,
            }
        }
        OrderKind::Demarche => Order::Demarche {
            to: suspect_state?,
            incident,
            notice: false,
        },
        OrderKind::SummonAmbassador => Order::SummonAmbassador {
            of: suspect_state?,
            incident,
        },
        OrderKind::PublicStatement => Order::PublicStatement {
            stance: Stance::Concern,
            incident,
            about: None,
            reading: None,
            via: Via::Communique,
            language: None,
            topic: None,
        },
        OrderKind::Attribute => {
            // The claim the seat's evidence best supports, at the confidence it supports
            // (13b upheld as drafted); with no evidence, responsibility at low confidence
            // against a state (13b breached if sent: the screen says so).
            let incident = incident?;
            let best = best_claim(v, &incident);
            let claim = best.map(|c| c.claim).unwrap_or(Claim::Responsibility);
            let mut to = best
                .map(|c| c.against.clone())
                .or(suspect)
                .unwrap_or_default();
            fit_accused(v, &incident, claim, &mut to);
            if to.is_empty() {
                return None;
            }
            Order::Attribute {
                incident,
                to,
                claim,
                confidence: best.map(|c| c.confidence).unwrap_or(Confidence::Low),
                public: false,
                joint: false,
                reading: None,
                release: false,
            }
        }
        // Only what others know of can be denied.
        OrderKind::Deny => Order::Deny {
            incident: v.incidents.iter().find(|i| i.discovered)?.id.clone(),
        },
        OrderKind::ExpelDiplomats => Order::ExpelDiplomats {
            of: suspect_state?,
            count: 1,
        },
        // Proposals are tabled from the Institutions tab, in the negotiation phase.
        OrderKind::TableProposal => return None,
        OrderKind::Vote => {
            let p = v
                .proposals
                .iter()
                .find(|p| p.member && p.status == crate::sim::institutions::ProposalStatus::Open)?;
            Order::Vote {
                proposal: p.id,
                ballot: Ballot::Yes,
            }
        }
        // A member of a union that holds its trade policy sanctions persons and entities
        // only; others start from the state they suspect.
        OrderKind::Sanctions if v.in_trade_union() => Order::Sanctions {
            target: v
                .entities
                .iter()
                .find(|e| incident.as_ref().is_some_and(|i| e.incidents.contains(i)))
                .or(v.entities.first())?
                .id
                .clone(),
        },
        OrderKind::Sanctions => Order::Sanctions { target: suspect? },
        // The lowest reading under which a countermeasure can be lawful (Art. 49); the
        // seat changes it to its own.
        OrderKind::Countermeasure => Order::Countermeasure {
            against: suspect_state?,
            incident: incident?,
            intensity: 1,
            reversible: true,
            reading: Some(Reading::WrongfulAct),
            kind: CounterKind::Economic,
            urgent: false,
        },
        OrderKind::CovertOperation => Order::CovertOperation {
            target: suspect_state?,
            kind: CovertKind::Espionage,
            against_infrastructure: false,
        },
        OrderKind::Harden => Order::Harden,
        OrderKind::SecureMissions => Order::SecureMissions {
            measure: Default::default(),
        },
        OrderKind::Reparation => {
            let inc = v.incidents.iter().find(|i| i.target != v.actor)?;
            Order::Reparation {
                to: inc.target.clone(),
                incident: inc.id.clone(),
            }
        }
        OrderKind::Restrict => Order::Restrict {
            incident: v
                .incidents
                .iter()
                .find(|i| i.target == v.actor && i.kind.spreads())?
                .id
                .clone(),
            shutdown: false,
        },
        OrderKind::Debunk | OrderKind::AskPlatform => {
            let incident = v
                .incidents
                .iter()
                .find(|i| i.kind.spreads() && i.active && i.public && i.discovered)?
                .id
                .clone();
            if kind == OrderKind::Debunk {
                Order::Debunk {
                    release: v.evidence.iter().any(|e| e.incident == incident),
                    incident,
                }
            } else {
                Order::AskPlatform {
                    incident,
                    act_on: Default::default(),
                }
            }
        }
        OrderKind::Prebunk => Order::Prebunk { topic: None },
        OrderKind::CapacityBuilding => Order::CapacityBuilding { to: partner? },
        OrderKind::ConfidenceBuilding => Order::ConfidenceBuilding {
            with: suspect_state?,
            measure: Cbm::Hotline,
        },
        OrderKind::SeverRelations => Order::SeverRelations {
            with: suspect_state.filter(|s| !v.severed_with(s))?,
            protecting_power: None,
        },
        OrderKind::SelfDefence => Order::SelfDefence {
            against: suspect_state?,
            incident: incident?,
            on_behalf_of: None,
            intensity: 1,
            reading: Some(Reading::ArmedAttack),
        },
        OrderKind::ReportVulnerability => Order::ReportVulnerability {
            incident: v
                .evidence
                .iter()
                .find(|e| e.layer == crate::scenario::Layer::Technical)?
                .incident
                .clone(),
            to: partner?,
        },
        OrderKind::Align => Order::Align {
            proposal: v.proposals.iter().find(|p| v.may_align(p))?.id,
        },
        OrderKind::Indict => {
            let e = v.entities.first()?;
            Order::Indict {
                incident: e
                    .incidents
                    .iter()
                    .find(|i| v.incidents.iter().any(|x| &x.id == *i))?
                    .clone(),
                persons: vec![e.id.clone()],
            }
        }
        OrderKind::RestoreRelations => Order::RestoreRelations {
            with: v
                .actors
                .iter()
                .find(|a| a.id != v.actor && v.severed_with(&a.id))?
                .id
                .clone(),
        },
    })
}

/// The state the seat's evidence points at for an incident: the best supported claim
/// against a state (responsibility first), else the state a group it holds evidence
/// against operates from, else a state its evidence points to.
fn suspect_state(v: &SeatView, incident: &str) -> Option<String> {
    let inc = v.incidents.iter().find(|i| i.id == incident)?;
    let claimed = inc
        .claims
        .iter()
        .filter(|c| c.claim.names_a_state() && c.against != v.actor)
        .max_by_key(|c| (c.confidence, c.claim == Claim::Responsibility));
    if let Some(c) = claimed {
        return Some(c.against.clone());
    }
    let actor = |id: &str| v.actors.iter().find(|a| a.id == id);
    v.evidence
        .iter()
        .filter(|e| e.incident == incident)
        .filter_map(|e| {
            let a = actor(&e.points_to)?;
            if a.is_state {
                Some(a.id.clone())
            } else {
                a.linked_state.clone()
            }
        })
        .find(|s| *s != v.actor && actor(s).is_some_and(|a| a.is_state))
}

/// What the seat's own evidence supports for a claim against an actor about an incident
/// (`None`: nothing, and 13b is breached by the claim).
pub fn support(v: &SeatView, incident: &str, claim: Claim, against: &str) -> Option<Confidence> {
    v.support(incident, claim, against)
}

/// The claim the seat's evidence supports best for an incident (the highest confidence;
/// among equals, the first the engine lists).
pub fn best_claim<'a>(v: &'a SeatView, incident: &str) -> Option<&'a ClaimCard> {
    let inc = v.incidents.iter().find(|i| i.id == incident)?;
    inc.claims
        .iter()
        .filter(|c| c.against != v.actor)
        .rev()
        .max_by_key(|c| c.confidence)
}

/// Whether a claim can name an actor: states, or a non-state group for the operational
/// claim (the rules refuse anything else).
pub fn fits(claim: Claim, actor: &ActorCard) -> bool {
    claim.names_a_state() == actor.is_state
}

/// The actors a claim can name, other than the seat itself.
pub fn claim_targets(v: &SeatView, claim: Claim) -> Vec<&ActorCard> {
    v.actors
        .iter()
        .filter(|a| a.id != v.actor && fits(claim, a))
        .collect()
}

/// Makes the accused fit the claim: kept if it does, else the actor the seat's evidence
/// best supports that claim against, else the first that fits (empty if none does).
pub fn fit_accused(v: &SeatView, incident: &str, claim: Claim, to: &mut String) {
    let targets = claim_targets(v, claim);
    if targets.iter().any(|a| a.id == *to) {
        return;
    }
    let supported = v
        .incidents
        .iter()
        .find(|i| i.id == incident)
        .and_then(|i| {
            i.claims
                .iter()
                .filter(|c| c.claim == claim && targets.iter().any(|a| a.id == c.against))
                .rev()
                .max_by_key(|c| c.confidence)
        })
        .map(|c| c.against.clone());
    *to = supported
        .or_else(|| targets.first().map(|a| a.id.clone()))
        .unwrap_or_default();
}

/// Whether a reading is one under which a countermeasure can be lawful: another state's
/// internationally wrongful act, or more (ILC Art. 49).
pub fn answers_a_wrongful_act(reading: Option<Reading>) -> bool {
    reading.is_some_and(|r| r.level() >= crate::scenario::Level::WrongfulAct)
}

/// Why `draft` has no order of a kind for the seat: a key of the translation table.
pub fn unavailable_key(kind: OrderKind, v: &SeatView) -> &'static str {
    match kind {
        OrderKind::TableProposal => {
            "Proposals are tabled from the Institutions tab, in the negotiation phase."
        }
        OrderKind::Vote => "No proposal is open in an institution you sit in.",
        OrderKind::AnswerLegalAssistance => "Nobody has asked you for legal assistance.",
        OrderKind::RestoreRelations => "You have diplomatic relations with every state.",
        OrderKind::Indict => "Your evidence ties no person to an incident yet.",
        OrderKind::Align => {
            "No institution you are outside of has adopted a declaration you can align with."
        }
        OrderKind::ReportVulnerability => {
            "You hold no technical evidence that shows a weakness yet."
        }
        OrderKind::Restrict => {
            "No leak or disinformation campaign against your state is known yet."
        }
        OrderKind::Preserve if v.preservers().is_empty() => {
            "The 24/7 network joins the parties to the Budapest Convention: your state, or every other state here, is not one."
        }
        OrderKind::Sanctions if v.in_trade_union() => {
            "Trade measures against a state are your union's to decide (Art. 207 TFEU), and no person or entity is known to sanction yet."
        }
        OrderKind::ShareEvidence if v.evidence.is_empty() => "You hold no evidence yet.",
        _ if v.incidents.is_empty() => "No incident is known yet.",
        _ => "There is nobody to direct it at yet.",
    }
}

/// Per norm the seat's ledger touched: (norm id, upheld, strained, breached), in norm order.
pub fn ledger_summary(v: &SeatView) -> Vec<(String, usize, usize, usize)> {
    let mut out: Vec<(String, usize, usize, usize)> = Vec::new();
    for norm in crate::sim::norms::Norm::all() {
        let lines: Vec<_> = v.ledger.iter().filter(|l| l.norm == norm.id()).collect();
        if lines.is_empty() {
            continue;
        }
        let count = |verdict: Verdict| lines.iter().filter(|l| l.verdict == verdict).count();
        out.push((
            norm.id().to_string(),
            count(Verdict::Upheld),
            count(Verdict::Strained),
            count(Verdict::Breached),
        ));
    }
    out
}

/// The display name of an actor id in the seat's language (the id if unknown).
pub fn actor_name<'a>(v: &'a SeatView, id: &'a str, lang: &str) -> &'a str {
    v.actors
        .iter()
        .find(|a| a.id == id)
        .map(|a| a.name.get(lang))
        .filter(|n| !n.is_empty())
        .unwrap_or(id)
}

/// A seat for people: the name of the actor it plays, in the language, from the scenario
/// when the client has it, else from what the server said of the seat (the seat id if
/// neither knows).
pub fn seat_name(sc: Option<&Scenario>, info: &[SeatInfo], seat: &str, lang: &str) -> String {
    let from_scenario = sc.and_then(|sc| {
        let def = sc.seats.iter().find(|s| s.id == seat)?;
        let actor = sc.actors.iter().find(|a| a.id == def.actor)?;
        Some(actor.name.get(lang).to_string())
    });
    let from_server = || {
        info.iter()
            .find(|s| s.seat == seat)
            .map(|s| s.actor_name.get(lang).to_string())
    };
    from_scenario
        .filter(|n| !n.is_empty())
        .or_else(|| from_server().filter(|n| !n.is_empty()))
        .unwrap_or_else(|| seat.to_string())
}

/// A seat's role in the language, from the scenario or the server's seat list (its English
/// role if that is all there is).
pub fn seat_role(sc: Option<&Scenario>, info: &[SeatInfo], seat: &str, lang: &str) -> String {
    let from_scenario = sc
        .and_then(|sc| sc.seats.iter().find(|s| s.id == seat))
        .map(|s| s.role.get(lang).to_string());
    let listed = info.iter().find(|s| s.seat == seat);
    from_scenario
        .filter(|r| !r.is_empty())
        .or_else(|| {
            listed
                .map(|s| s.role_text.get(lang).to_string())
                .filter(|r| !r.is_empty())
        })
        .or_else(|| listed.map(|s| s.role.clone()))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::client::Lang;
    use crate::client::library::BUILT_IN;
    use crate::sim::exercise::Exercise;
    use crate::sim::view::view;

    fn exercise(i: usize) -> Exercise {
        let sc = crate::scenario::parse(BUILT_IN[i].1, BUILT_IN[i].0).unwrap();
        Exercise::new(Arc::new(sc), 7)
    }

    fn first_seat(ex: &Exercise) -> String {
        ex.scenario()
            .seats
            .iter()
            .find(|s| s.playable)
            .unwrap()
            .id
            .clone()
    }

    #[test]
    fn a_seat_is_named_by_its_actor_in_the_language_from_the_scenario_or_the_seat_list() {
        let ex = exercise(0);
        let sc = ex.scenario();
        let listed: Vec<SeatInfo> = sc
            .seats
            .iter()
            .map(|s| SeatInfo::of(sc, s, Vec::new(), s.delegation))
            .collect();
        for seat in &sc.seats {
            let actor = sc.actors.iter().find(|a| a.id == seat.actor).unwrap();
            assert_ne!(
                actor.name.get("ar"),
                seat.id,
                "{} has no Arabic name",
                seat.id
            );
            for (from, info) in [(Some(sc), &[][..]), (None, &listed[..])] {
                assert_eq!(seat_name(from, info, &seat.id, "en"), actor.name.en);
                assert_eq!(seat_name(from, info, &seat.id, "ar"), actor.name.get("ar"));
                assert_eq!(seat_role(from, info, &seat.id, "ar"), seat.role.get("ar"));
            }
            // A server before these fields: the id, and the English role.
            let mut old = listed.clone();
            old.iter_mut().for_each(|s| {
                s.actor_name = Default::default();
                s.role_text = Default::default();
            });
            assert_eq!(seat_name(None, &old, &seat.id, "ar"), seat.id);
            assert_eq!(seat_role(None, &old, &seat.id, "ar"), seat.role.en);
        }
        assert_eq!(seat_name(Some(sc), &listed, "nobody", "en"), "nobody");
    }

    #[test]
    fn a_countdown_reads_minutes_and_seconds() {
        assert_eq!(clock(0), "0:00");
        assert_eq!(clock(125), "2:05");
        assert_eq!(clock(3600), "60:00");
    }

    #[test]
    fn every_piece_of_evidence_sits_under_its_own_incident() {
        for i in 0..BUILT_IN.len() {
            let ex = exercise(i);
            for seat in &ex.scenario().seats {
                let v = view(&ex, &seat.id).unwrap();
                let board = evidence_board(&v);
                assert_eq!(board.len(), v.incidents.len());
                let shown: usize = board.iter().map(|b| b.evidence.len()).sum();
                assert_eq!(
                    shown,
                    v.evidence.len(),
                    "{}: evidence lost or doubled",
                    seat.id
                );
                for b in &board {
                    assert!(b.evidence.iter().all(|e| e.incident == b.incident.id));
                }
            }
        }
    }

    #[test]
    fn an_order_the_seat_cannot_draft_says_why_in_both_languages() {
        let ex = exercise(0);
        let mut v = view(&ex, &first_seat(&ex)).unwrap();
        v.incidents.clear();
        v.evidence.clear();
        v.proposals.clear();
        v.requests.clear();
        for kind in OrderKind::ALL {
            if draft(kind, &v).is_some() {
                continue;
            }
            let key = unavailable_key(kind, &v);
            assert!(Lang::AR.has(key), "{kind:?}: {key}");
        }
        assert_eq!(
            unavailable_key(OrderKind::Investigate, &v),
            "No incident is known yet."
        );
        assert_eq!(
            unavailable_key(OrderKind::AnswerLegalAssistance, &v),
            "Nobody has asked you for legal assistance."
        );
    }

    #[test]
    fn drafted_orders_are_ones_the_rules_accept() {
        use crate::sim::exercise::Command;
        for i in 0..BUILT_IN.len() {
            // The negotiation phase (proposals) and the orders phase (everything else).
            let mut negotiation = exercise(i);
            negotiation.apply(Command::ADVANCE).unwrap();
            let mut orders = exercise(i);
            orders.apply(Command::ADVANCE).unwrap();
            orders.apply(Command::ADVANCE).unwrap();
            for seat in negotiation.scenario().seats.iter().filter(|s| s.playable) {
                let v = view(&orders, &seat.id).unwrap();
                let actor = orders.catalog().actor(&v.actor).unwrap();
                for (kind, _, _) in &v.available {
                    if let Some(order) = draft(*kind, &v) {
                        assert_eq!(order.kind(), *kind);
                        let one = std::slice::from_ref(&order);
                        let checked = orders
                            .check_orders(actor, one)
                            .or_else(|_| negotiation.check_orders(actor, one));
                        assert!(
                            checked.is_ok(),
                            "{}: {order:?} refused: {checked:?}",
                            seat.id
                        );
                    }
                }
            }
        }
    }

    /// The drafted attribution claims what the seat's evidence supports best, at the
    /// confidence it supports (13b upheld as drafted), and for every claim the accused can
    /// be made to fit it in a way the rules accept.
    #[test]
    fn a_drafted_attribution_claims_what_the_evidence_supports_and_names_whom_it_fits() {
        use crate::sim::attribution::verdict_13b;
        use crate::sim::exercise::Command;
        for i in 0..BUILT_IN.len() {
            let mut ex = exercise(i);
            ex.apply(Command::ADVANCE).unwrap();
            ex.apply(Command::ADVANCE).unwrap();
            for seat in ex.scenario().seats.iter().filter(|s| s.playable) {
                let v = view(&ex, &seat.id).unwrap();
                let actor = ex.catalog().actor(&v.actor).unwrap();
                let Some(Order::Attribute {
                    incident,
                    to,
                    claim,
                    confidence,
                    ..
                }) = draft(OrderKind::Attribute, &v)
                else {
                    continue;
                };
                let held = support(&v, &incident, claim, &to);
                if best_claim(&v, &incident).is_some() {
                    assert_eq!(
                        verdict_13b(held, confidence),
                        Verdict::Upheld,
                        "{}: {claim:?} against {to} at {confidence:?}",
                        seat.id
                    );
                }
                for c in Claim::ALL {
                    let mut accused = to.clone();
                    fit_accused(&v, &incident, c, &mut accused);
                    let card = v.actors.iter().find(|a| a.id == accused).unwrap();
                    assert!(fits(c, card) && accused != v.actor, "{c:?}: {accused}");
                    let order = Order::Attribute {
                        incident: incident.clone(),
                        to: accused,
                        claim: c,
                        confidence,
                        public: false,
                        joint: false,
                        reading: None,
                        release: false,
                    };
                    let checked = ex.check_orders(actor, std::slice::from_ref(&order));
                    assert!(checked.is_ok(), "{}: {order:?}: {checked:?}", seat.id);
                }
            }
        }
    }

    #[test]
    fn a_countermeasure_needs_a_reading_of_a_wrongful_act_or_more() {
        assert!(!answers_a_wrongful_act(None));
        assert!(!answers_a_wrongful_act(Some(Reading::Crime)));
        assert!(!answers_a_wrongful_act(Some(Reading::BelowThreshold)));
        for r in [
            Reading::WrongfulAct,
            Reading::UseOfForce,
            Reading::ArmedAttack,
            Reading::CumulativeArmedAttack,
        ] {
            assert!(answers_a_wrongful_act(Some(r)));
        }
    }

    #[test]
    fn costs_add_up_and_a_budget_is_a_limit() {
        let ex = exercise(0);
        let mut v = view(&ex, &first_seat(&ex)).unwrap();
        let harden = v
            .available
            .iter()
            .find(|(k, _, _)| *k == OrderKind::Harden)
            .copied();
        let Some((_, capital, capacity)) = harden else {
            return;
        };
        let orders = vec![Order::Harden, Order::Harden];
        let (a, b, ok) = cost_of(&v, &orders);
        assert_eq!((a, b), (2 * capital, 2 * capacity));
        v.me.diplomatic_capital = a;
        v.me.technical_capacity = b;
        assert!(ok || cost_of(&v, &orders).2);
        v.me.technical_capacity = b - 1;
        assert!(b == 0 || !cost_of(&v, &orders).2);
    }

    #[test]
    fn decision_rules_are_spelled_out_with_their_law() {
        let ex = exercise(1);
        let v = view(&ex, &first_seat(&ex)).unwrap();
        for inst in &v.institutions {
            let text = rule_spelled_out(&inst.rule, inst).en();
            match inst.rule {
                DecisionRule::Unanimity => assert!(text.contains("Art. 31(1) TEU")),
                DecisionRule::QualifiedMajority { members_pct, .. } => {
                    assert!(text.contains(&format!("{members_pct}%")))
                }
                DecisionRule::SecurityCouncil { .. } => assert!(text.contains("Art. 27(3)")),
                _ => assert!(text.contains(&inst.members.len().to_string())),
            }
        }
    }

    #[test]
    fn allies_are_those_sharing_an_institution() {
        let ex = exercise(2);
        let v = view(&ex, &first_seat(&ex)).unwrap();
        for e in edges(&v) {
            let together = v
                .institutions
                .iter()
                .any(|i| i.members.contains(&e.a) && i.members.contains(&e.b));
            assert_eq!(e.allied, together);
        }
    }
}
