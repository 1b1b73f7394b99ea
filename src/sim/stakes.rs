//! What an order may put at stake, shown on the orders screen before it is sent: the GGE
//! norms (A/70/174, para. 13) the engine may mark when the order resolves, with the verdict
//! and the condition, and the law it may record.
//!
//! This is a mirror of the resolution code, not a second rule book: each row is a `.norm(..)`
//! or `.law(..)` call on a `Resolution`, or a hidden `NormMark`, written by
//! `incidents::investigate`, `incidents::share_evidence`, `assistance::assistance` (with
//! `legal_basis` and its pass over unanswered requests), `diplomacy::diplomacy`,
//! `attribution::attribute`, `attribution::deny`, `institutions::table`,
//! `institutions::count_votes`, `measures::sanctions`, `measures::countermeasures`,
//! `measures::covert_operations` (with `incidents::incident_norms` for the incident it
//! becomes) and `defence::defence`. The tests read those functions' source, so a mark added
//! there and not here fails them. A refused order records nothing.

use serde::Serialize;

use super::norms::{N13A, N13B, N13C, N13D, N13F, N13G, N13H, N13J, N13K, Norm};
use super::record::Verdict;
use crate::scenario::OrderKind;

/// Where the engine writes a mark, and so who sees it and when.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Entry {
    /// On the order's own record: the parties see it when the order resolves.
    Record,
    /// In the sender's norm ledger, hidden until the debrief.
    Debrief,
    /// In the sender's hidden ledger, from the incident a covert operation becomes.
    Incident,
    /// In the ledger of the state the order is addressed to.
    Addressee,
    /// In the sender's own ledger, seen by it when the order resolves (a vote for an
    /// institution's attribution statement, once adopted).
    Ledger,
}

/// One norm or one law an order may touch, and when.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Stake {
    pub norm: Option<(Norm, Verdict)>,
    pub law: Option<&'static str>,
    /// The condition under which the engine records it, in a short clause.
    pub when: &'static str,
    pub entry: Entry,
}

const fn mark(entry: Entry, norm: Norm, verdict: Verdict, when: &'static str) -> Stake {
    Stake {
        norm: Some((norm, verdict)),
        law: None,
        when,
        entry,
    }
}

const fn record(norm: Norm, verdict: Verdict, when: &'static str) -> Stake {
    mark(Entry::Record, norm, verdict, when)
}

const fn engages(law: &'static str, when: &'static str) -> Stake {
    Stake {
        norm: None,
        law: Some(law),
        when,
        entry: Entry::Record,
    }
}

// The law as the engine words it (`assistance::legal_basis`, `diplomacy`, `measures`).
const BUDAPEST: &str =
    "Budapest Convention Art. 25 (mutual assistance), through the Art. 35 24/7 network";
const BILATERAL: &str =
    "bilateral legal-assistance treaty (the two are not both parties to the Budapest Convention)";
const VIENNA_3: &str =
    "Vienna Convention Art. 3 (functions of a mission: represent, protect, negotiate)";
const VIENNA_9: &str = "Vienna Convention Art. 9 (persona non grata)";
const RETORSION: &str = "retorsion (lawful without a prior wrongful act)";
const ILC_MET: &str = "ILC Articles on State Responsibility, Arts. 49–53 (countermeasures)";
const ILC_NOT_MET: &str = "ILC Articles on State Responsibility, Arts. 49–53: conditions not met";
const OSCE_CBMS: &str =
    "OSCE cyber confidence-building measures (PC decisions 1106 of 2013 and 1202 of 2016)";

const BOTH_BUDAPEST: &str = "if both states are parties to the Budapest Convention";
const NOT_BOTH_BUDAPEST: &str = "if either state is not a party to the Budapest Convention";
// Any request, technical or legal, is checked once a turn has passed (`assistance`).
const LAPSE: &str = "on the requested state, if it leaves the request unanswered for a full turn and the requester's evidence ties the activity to its territory";
const ILC_CONDITIONS: &str = "if it is the injured state, called on the target to comply in an earlier turn, reads the incident as an internationally wrongful act, and the intensity is within the incident's severity and reversible";
const ILC_FAILS: &str = "if any of those conditions fails: not the injured state, no earlier call to comply, no reading of a wrongful act, intensity above the severity, or not reversible";

/// The norms and law the engine may record when an order of this kind resolves.
pub fn at_stake(kind: OrderKind) -> Vec<Stake> {
    use Verdict::{Breached, Strained, Upheld};
    match kind {
        OrderKind::Investigate => vec![record(
            N13B,
            Upheld,
            "whenever it is carried out, found or not",
        )],
        OrderKind::ShareEvidence => vec![
            record(N13A, Upheld, "whenever it is carried out"),
            record(
                N13J,
                Upheld,
                "if the evidence is technical (indicators, malware, infrastructure)",
            ),
        ],
        OrderKind::RequestAssistance => vec![
            record(N13H, Upheld, "whenever the request is sent"),
            mark(Entry::Addressee, N13H, Strained, LAPSE),
        ],
        OrderKind::ProvideAssistance => vec![
            record(N13A, Upheld, "whenever it is carried out"),
            record(
                N13H,
                Upheld,
                "if it answers that state's open request for technical assistance over that incident",
            ),
        ],
        OrderKind::RequestLegalAssistance => vec![
            engages(BUDAPEST, BOTH_BUDAPEST),
            engages(BILATERAL, NOT_BOTH_BUDAPEST),
            record(N13D, Upheld, "whenever the request is sent"),
            mark(Entry::Addressee, N13H, Strained, LAPSE),
        ],
        OrderKind::AnswerLegalAssistance => vec![
            engages(BUDAPEST, BOTH_BUDAPEST),
            engages(BILATERAL, NOT_BOTH_BUDAPEST),
            record(N13D, Upheld, "if granted"),
            record(N13H, Upheld, "if granted"),
            record(N13D, Strained, "if refused"),
            record(
                N13C,
                Strained,
                "if refused and the requester's evidence ties the activity to the refusing state's territory",
            ),
        ],
        OrderKind::Demarche => vec![engages(VIENNA_3, "whenever it is delivered")],
        // A summons counts as a call to comply, but the engine records no norm or law for it.
        OrderKind::SummonAmbassador => vec![],
        OrderKind::PublicStatement => vec![record(
            N13A,
            Upheld,
            "if the stance is calm, or solidarity naming a state",
        )],
        OrderKind::Attribute => vec![
            record(
                N13B,
                Upheld,
                "if the claimed confidence is within what the seat's own evidence supports for that claim",
            ),
            record(
                N13B,
                Strained,
                "if it claims more confidence than its evidence supports for the claim (addresses show only infrastructure; a group on a state's territory, due diligence, not responsibility)",
            ),
            record(
                N13B,
                Breached,
                "if the seat holds no evidence that supports the claim against whom it names",
            ),
        ],
        OrderKind::Deny => vec![mark(
            Entry::Debrief,
            N13C,
            Strained,
            "if the activity in fact came from the denying state, itself or a group on its territory",
        )],
        OrderKind::ExpelDiplomats => vec![engages(VIENNA_9, "whenever it is carried out")],
        // Tabling records no norm; a vote for an attribution statement is weighed once the
        // statement is adopted, on the voter's own evidence.
        OrderKind::TableProposal => vec![],
        OrderKind::Vote => vec![
            mark(
                Entry::Ledger,
                N13B,
                Upheld,
                "if it voted for an adopted attribution statement that its own evidence supports at the stated confidence",
            ),
            mark(
                Entry::Ledger,
                N13B,
                Strained,
                "if it voted for an adopted attribution statement claiming more than its own evidence supports, or holding none that supports it",
            ),
        ],
        OrderKind::Sanctions => vec![engages(RETORSION, "if the target is a state")],
        OrderKind::Countermeasure => vec![
            engages(ILC_MET, ILC_CONDITIONS),
            engages(ILC_NOT_MET, ILC_FAILS),
            record(N13A, Strained, ILC_FAILS),
            mark(
                Entry::Debrief,
                N13A,
                Breached,
                "if the target is not in fact responsible for the incident, or the incident is not a wrongful act, whatever the conditions (hidden until the debrief)",
            ),
        ],
        OrderKind::CovertOperation => vec![
            record(
                N13F,
                Breached,
                "if destructive, or aimed at infrastructure (even espionage)",
            ),
            record(
                N13A,
                Strained,
                "if disruptive and not aimed at infrastructure",
            ),
            mark(
                Entry::Incident,
                N13A,
                Strained,
                "if espionage (an intrusion) or disruption not aimed at infrastructure (a denial of service)",
            ),
            mark(
                Entry::Incident,
                N13F,
                Breached,
                "if destructive (a wiper), or disruptive and aimed at infrastructure",
            ),
            mark(
                Entry::Incident,
                N13K,
                Strained,
                "if disruptive or destructive and aimed at infrastructure",
            ),
        ],
        OrderKind::Harden => vec![record(N13G, Upheld, "whenever it is carried out")],
        OrderKind::CapacityBuilding => vec![record(N13A, Upheld, "whenever it is carried out")],
        OrderKind::ConfidenceBuilding => vec![
            record(N13A, Upheld, "whenever it is agreed"),
            engages(
                OSCE_CBMS,
                "whenever it is agreed: points of contact and consultations (Decision 1106), a hotline as a protected communication channel (Decision 1202)",
            ),
        ],
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::sim::norms::NORMS;

    const ASSISTANCE: &str = include_str!("assistance.rs");
    const ATTRIBUTION: &str = include_str!("attribution.rs");
    const DEFENCE: &str = include_str!("defence.rs");
    const DIPLOMACY: &str = include_str!("diplomacy.rs");
    const INCIDENTS: &str = include_str!("incidents.rs");
    const INSTITUTIONS: &str = include_str!("institutions.rs");
    const MEASURES: &str = include_str!("measures.rs");

    /// Source without whitespace, so rustfmt's line breaks do not matter.
    fn strip(s: &str) -> String {
        s.chars().filter(|c| !c.is_whitespace()).collect()
    }

    /// The stripped source from `from` up to the first `to` after it.
    fn section(file: &str, from: &str, to: &str) -> String {
        let (file, from, to) = (strip(file), strip(from), strip(to));
        let start = file
            .find(&from)
            .unwrap_or_else(|| panic!("`{from}` is gone from the resolution code"));
        let len = file[start + from.len()..]
            .find(&to)
            .unwrap_or_else(|| panic!("`{to}` does not follow `{from}`"));
        file[start..start + from.len() + len].to_string()
    }

    /// The code that resolves each kind (hidden incident marks aside, checked on their own).
    fn resolvers(kind: OrderKind) -> Vec<String> {
        let lapse = section(
            ASSISTANCE,
            "// Requests left unanswered",
            "pub(super) fn plugin",
        );
        match kind {
            OrderKind::Investigate => {
                vec![section(INCIDENTS, "fn investigate(", "fn share_evidence(")]
            }
            OrderKind::ShareEvidence => vec![section(
                INCIDENTS,
                "fn share_evidence(",
                "fn confidence_of(",
            )],
            OrderKind::RequestAssistance => vec![
                section(
                    ASSISTANCE,
                    r#"Resolution::done(say!("request for assistance sent")"#,
                    "rec.order(",
                ),
                lapse,
            ],
            OrderKind::RequestLegalAssistance => vec![
                section(
                    ASSISTANCE,
                    r#"Resolution::done(say!("legal-assistance request sent")"#,
                    "} else {",
                ),
                lapse,
            ],
            OrderKind::AnswerLegalAssistance => vec![section(
                ASSISTANCE,
                "if legal { let Some((_, req)) = open",
                "let answered = open.is_some();",
            )],
            OrderKind::ProvideAssistance => vec![section(
                ASSISTANCE,
                "let answered = open.is_some();",
                "// Requests left unanswered",
            )],
            OrderKind::Demarche => vec![section(
                DIPLOMACY,
                "Order::Demarche {",
                "Order::SummonAmbassador {",
            )],
            OrderKind::SummonAmbassador => vec![section(
                DIPLOMACY,
                "Order::SummonAmbassador {",
                "Order::PublicStatement {",
            )],
            OrderKind::PublicStatement => vec![section(
                DIPLOMACY,
                "Order::PublicStatement {",
                "Order::ExpelDiplomats {",
            )],
            OrderKind::ExpelDiplomats => vec![section(
                DIPLOMACY,
                "Order::ExpelDiplomats {",
                "Order::ConfidenceBuilding {",
            )],
            OrderKind::ConfidenceBuilding => vec![section(
                DIPLOMACY,
                "Order::ConfidenceBuilding {",
                "pub(super) fn plugin",
            )],
            OrderKind::Attribute => vec![section(ATTRIBUTION, "fn attribute(", "fn deny(")],
            OrderKind::Deny => vec![section(ATTRIBUTION, "fn deny(", "pub(super) fn plugin")],
            OrderKind::TableProposal => vec![section(INSTITUTIONS, "fn table(", "fn count_votes(")],
            OrderKind::Vote => vec![section(
                INSTITUTIONS,
                "fn count_votes(",
                "pub(super) fn plugin",
            )],
            OrderKind::Sanctions => vec![section(MEASURES, "fn sanctions(", "fn countermeasures(")],
            OrderKind::Countermeasure => {
                vec![section(MEASURES, "fn countermeasures(", "fn yes(")]
            }
            OrderKind::CovertOperation => vec![section(
                MEASURES,
                "fn covert_operations(",
                "pub(super) fn plugin",
            )],
            OrderKind::Harden => vec![section(
                DEFENCE,
                "Order::Harden =>",
                "Order::CapacityBuilding {",
            )],
            OrderKind::CapacityBuilding => vec![section(
                DEFENCE,
                "Order::CapacityBuilding {",
                "pub(super) fn plugin",
            )],
        }
    }

    /// The constant the engine names a norm by ("13h" is `N13H`).
    fn constant(n: Norm) -> String {
        format!("N{}", n.id().to_uppercase())
    }

    /// Norm constants named right after `marker` in stripped code.
    fn named_after(code: &str, marker: &str) -> BTreeSet<String> {
        code.match_indices(marker)
            .map(|(i, _)| code[i + marker.len()..].chars().take(4).collect())
            .collect()
    }

    fn norms_of(kind: OrderKind, entries: &[Entry]) -> BTreeSet<String> {
        at_stake(kind)
            .iter()
            .filter(|s| entries.contains(&s.entry))
            .filter_map(|s| s.norm.map(|(n, _)| constant(n)))
            .collect()
    }

    fn file_of(kind: OrderKind) -> &'static str {
        match kind {
            OrderKind::Investigate | OrderKind::ShareEvidence => INCIDENTS,
            OrderKind::RequestAssistance
            | OrderKind::ProvideAssistance
            | OrderKind::RequestLegalAssistance
            | OrderKind::AnswerLegalAssistance => ASSISTANCE,
            OrderKind::Demarche
            | OrderKind::SummonAmbassador
            | OrderKind::PublicStatement
            | OrderKind::ExpelDiplomats
            | OrderKind::ConfidenceBuilding => DIPLOMACY,
            OrderKind::Attribute | OrderKind::Deny => ATTRIBUTION,
            OrderKind::TableProposal | OrderKind::Vote => INSTITUTIONS,
            OrderKind::Sanctions | OrderKind::Countermeasure | OrderKind::CovertOperation => {
                MEASURES
            }
            OrderKind::Harden | OrderKind::CapacityBuilding => DEFENCE,
        }
    }

    #[test]
    fn every_order_kind_is_covered_and_every_stake_says_what_and_when() {
        let kinds: BTreeSet<OrderKind> = OrderKind::ALL.into_iter().collect();
        assert_eq!(kinds.len(), 20);
        for kind in OrderKind::ALL {
            for s in at_stake(kind) {
                assert!(
                    s.norm.is_some() != s.law.is_some(),
                    "{kind:?}: a stake is one norm or one law"
                );
                assert!(
                    s.when.starts_with("if ")
                        || s.when.starts_with("whenever ")
                        || s.when.starts_with("on "),
                    "{kind:?}: `{}`",
                    s.when
                );
                assert!(s.law.is_none() || s.entry == Entry::Record);
            }
        }
    }

    #[test]
    fn every_norm_named_is_one_of_the_eleven() {
        for kind in OrderKind::ALL {
            for (n, _) in at_stake(kind).iter().filter_map(|s| s.norm) {
                assert!((n.0 as usize) < NORMS.len(), "{kind:?}: no norm {}", n.0);
                assert_eq!(Norm::parse(n.id()), Some(n));
                assert!(("13a"..="13k").contains(&n.id()));
            }
        }
    }

    /// Each kind's stakes are exactly the marks its resolution code can write, with the
    /// verdicts it writes them with.
    #[test]
    fn marks_match_the_resolution_code() {
        for kind in OrderKind::ALL {
            let code = resolvers(kind).concat();
            assert_eq!(
                named_after(&code, ".norm("),
                norms_of(kind, &[Entry::Record]),
                "{kind:?}: norms on the record"
            );
            assert_eq!(
                named_after(&code, "NormMark{norm:"),
                norms_of(kind, &[Entry::Debrief, Entry::Addressee, Entry::Ledger]),
                "{kind:?}: norms in the ledger"
            );
            for s in at_stake(kind) {
                let Some((n, v)) = s.norm else { continue };
                let (n, v) = (constant(n), format!("Verdict::{v:?}"));
                let written = match s.entry {
                    Entry::Record => {
                        code.contains(&format!(".norm({n},{v}"))
                            || (code.contains(&format!(".norm({n},verdict")) && code.contains(&v))
                    }
                    Entry::Debrief | Entry::Addressee => {
                        code.contains(&format!("NormMark{{norm:{n},verdict:{v}"))
                    }
                    // The verdict comes from what the voter's evidence supports.
                    Entry::Ledger => {
                        code.contains(&format!("NormMark{{norm:{n},verdict:verdict_vote("))
                    }
                    Entry::Incident => continue,
                };
                assert!(written, "{kind:?}: {n} {v} is not written there");
            }
        }
    }

    #[test]
    fn law_matches_the_resolution_code() {
        for kind in OrderKind::ALL {
            let code = resolvers(kind).concat();
            let listed: BTreeSet<String> = at_stake(kind)
                .iter()
                .filter_map(|s| s.law.map(strip))
                .collect();
            // Literal law in the code is listed; law built elsewhere (`legal_basis`) is in the file.
            for (i, _) in code.match_indices(".law(\"") {
                let rest = &code[i + 6..];
                let law = &rest[..rest.find('"').expect("a closed string")];
                assert!(listed.contains(law), "{kind:?}: `{law}` is not listed");
            }
            for law in &listed {
                assert!(
                    strip(file_of(kind)).contains(&format!("\"{law}\"")),
                    "{kind:?}: the engine never writes `{law}`"
                );
            }
            assert_eq!(code.contains(".law("), !listed.is_empty(), "{kind:?}");
        }
    }

    /// Norm 13h (answering requests) sits with the assistance orders and nowhere else.
    #[test]
    fn norm_13h_is_marked_by_the_assistance_orders_only() {
        let touching: BTreeSet<OrderKind> = OrderKind::ALL
            .into_iter()
            .filter(|k| {
                at_stake(*k)
                    .iter()
                    .any(|s| s.norm.is_some_and(|(n, _)| n == N13H))
            })
            .collect();
        let expected = BTreeSet::from([
            OrderKind::RequestAssistance,
            OrderKind::ProvideAssistance,
            OrderKind::RequestLegalAssistance,
            OrderKind::AnswerLegalAssistance,
        ]);
        assert_eq!(touching, expected);
        let code = strip(ASSISTANCE);
        assert!(code.contains(".norm(N13H,Verdict::Upheld,say!(\"answersarequestforassistance\")"));
        for other in [
            ATTRIBUTION,
            DEFENCE,
            DIPLOMACY,
            INCIDENTS,
            INSTITUTIONS,
            MEASURES,
        ] {
            assert!(!strip(other).contains("N13H"));
        }
    }

    /// A covert operation becomes an incident authored by the operator, and the incident's
    /// own marks land in the operator's hidden ledger.
    #[test]
    fn covert_operations_are_marked_again_through_their_incident() {
        let covert = section(MEASURES, "fn covert_operations(", "pub(super) fn plugin");
        for mapping in [
            "(CovertKind::Espionage,_)=>(IncidentKind::Intrusion",
            "(CovertKind::Disruption,false)=>(IncidentKind::Ddos",
            "(CovertKind::Disruption,true)=>{(IncidentKind::CriticalInfrastructure",
            "(CovertKind::Destructive,false)=>(IncidentKind::Wiper",
            "(CovertKind::Destructive,true)=>{(IncidentKind::CriticalInfrastructure",
            "author:actor,",
        ] {
            assert!(covert.contains(mapping), "{mapping}");
        }
        let marks = section(INCIDENTS, "fn incident_norms(", "fn reassess_ladder(");
        for mark in [
            "IncidentKind::CriticalInfrastructure|IncidentKind::Wiper=>out.push(mark(N13F,Verdict::Breached",
            "IncidentKind::Ddos=>out.push(mark(N13A,Verdict::Strained",
            "IncidentKind::Intrusion|IncidentKind::EmbassyBreach|IncidentKind::Disinformation=>out.push(mark(N13A,Verdict::Strained",
            "ifkind==IncidentKind::CriticalInfrastructure&&responsible.is_some()",
            "norm:N13K,verdict:Verdict::Strained",
        ] {
            assert!(marks.contains(mark), "{mark}");
        }
        let incident: BTreeSet<String> = norms_of(OrderKind::CovertOperation, &[Entry::Incident]);
        assert_eq!(
            incident,
            BTreeSet::from(["N13A".to_string(), "N13F".into(), "N13K".into()])
        );
    }
}
