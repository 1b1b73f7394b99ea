//! The law an act may invoke or engage, as typed values. The engine records a `Law` on a
//! ruling; the screens and the report render it to its citation in the reader's language at
//! the edge (`Law::cite` is the English text and the key of the translation).

use serde::{Deserialize, Serialize};

use crate::i18n::{Arg, Phrase};
use crate::say;
use crate::scenario::{Claim, Reading};
use crate::sim::orders::CounterKind;

/// One provision (or one body of rules) of the law the rules record. See `../shared/DOMAIN.md`
/// section 4 for the sources. A provision joins this list with the rule that records it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Law {
    /// Budapest Convention on Cybercrime (2001), Art. 25: mutual assistance.
    Budapest25,
    /// Budapest Convention Arts. 2–6: the offences each party makes crimes.
    BudapestOffences,
    /// Budapest Convention Art. 27: requests between central authorities where no treaty applies.
    Budapest27,
    /// Budapest Convention Art. 29: expedited preservation of stored computer data.
    Budapest29,
    /// Budapest Convention Art. 30: expedited disclosure of preserved traffic data.
    Budapest30,
    /// Budapest Convention Art. 35: the 24/7 network of points of contact.
    Budapest35,
    /// A bilateral mutual legal assistance treaty.
    BilateralTreaty,
    /// Vienna Convention on Diplomatic Relations (1961), Art. 2: relations by mutual consent.
    Vienna2,
    /// Vienna Convention on Diplomatic Relations (1961), Art. 3: the functions of a mission.
    Vienna3,
    /// Vienna Convention Art. 9: persona non grata.
    Vienna9,
    /// Vienna Convention Art. 45: premises, property and archives after a break in relations.
    Vienna45,
    /// Vienna Convention Art. 45(c) and 46: a third state protecting the interests of a state.
    Vienna46,
    /// ILC Articles on State Responsibility (2001), Arts. 49–53: countermeasures.
    Countermeasures,
    /// ILC Arts. 30–31 and 34–37: cessation, assurances and full reparation.
    IlcReparation,
    /// ILC Art. 50: obligations no countermeasure may affect.
    Ilc50,
    /// ILC Art. 52(2): urgent countermeasures.
    Ilc52Urgent,
    /// UN Charter Art. 2(4): the prohibition of the threat or use of force.
    Charter2_4,
    /// UN Charter Art. 51: self-defence against an armed attack, reported to the Council.
    Charter51,
    /// International Covenant on Civil and Political Rights (1966), Art. 19: freedom of
    /// expression, restricted only as provided by law and necessary (Art. 19(3)).
    Iccpr19,
    /// OSCE cyber confidence-building measures (Permanent Council decisions 1106 and 1202).
    OsceCbms,
    /// Retorsion: unfriendly but lawful, needs no prior wrongful act.
    Retorsion,
    /// A trade or investment treaty between two states: restricting trade breaches it unless
    /// a justification applies.
    TradeTreaty,
    /// Vienna Convention Arts. 24 and 27: a mission's archives and documents, and its
    /// official correspondence, are inviolable; the receiving state permits and protects its
    /// free communication.
    Vienna24And27,
    /// The Joint Declaration on Freedom of Expression and "Fake News", Disinformation and
    /// Propaganda (3 March 2017), soft law read with ICCPR Art. 19.
    Disinformation2017,
}

impl Law {
    pub const ALL: [Law; 24] = [
        Law::Budapest25,
        Law::BudapestOffences,
        Law::Budapest27,
        Law::Budapest29,
        Law::Budapest30,
        Law::Budapest35,
        Law::BilateralTreaty,
        Law::Vienna2,
        Law::Vienna3,
        Law::Vienna9,
        Law::Vienna45,
        Law::Vienna46,
        Law::Countermeasures,
        Law::IlcReparation,
        Law::Ilc50,
        Law::Ilc52Urgent,
        Law::Charter2_4,
        Law::Charter51,
        Law::Iccpr19,
        Law::OsceCbms,
        Law::Retorsion,
        Law::TradeTreaty,
        Law::Vienna24And27,
        Law::Disinformation2017,
    ];

    /// The citation in English, which is also its key in the language files.
    pub fn cite(self) -> &'static str {
        match self {
            Law::Budapest25 => "Budapest Convention Art. 25 (mutual assistance)",
            Law::BudapestOffences => {
                "Budapest Convention Arts. 2–6 (offences: illegal access, illegal interception, data and system interference, misuse of devices)"
            }
            Law::Budapest27 => {
                "Budapest Convention Art. 27 (requests between central authorities where no treaty applies)"
            }
            Law::Budapest29 => {
                "Budapest Convention Art. 29 (expedited preservation of stored data, pending a formal request)"
            }
            Law::Budapest30 => {
                "Budapest Convention Art. 30 (expedited disclosure of preserved traffic data, enough to identify a provider in another state and the path)"
            }
            Law::Budapest35 => {
                "Budapest Convention Art. 35 (the 24/7 network of points of contact for urgent help)"
            }
            Law::BilateralTreaty => {
                "bilateral legal-assistance treaty (the two are not both parties to the Budapest Convention)"
            }
            Law::Vienna3 => {
                "Vienna Convention Art. 3 (functions of a mission: represent, protect, negotiate)"
            }
            Law::Vienna9 => "Vienna Convention Art. 9 (persona non grata)",
            Law::Vienna2 => {
                "Vienna Convention Art. 2 (diplomatic relations are established by mutual consent)"
            }
            Law::Vienna45 => {
                "Vienna Convention Art. 45 (after a break in relations the premises, property and archives stay protected)"
            }
            Law::Vienna46 => {
                "Vienna Convention Arts. 45(c) and 46 (a third state may protect a state's interests)"
            }
            Law::Countermeasures => {
                "ILC Articles on State Responsibility, Arts. 49–53 (countermeasures)"
            }
            Law::IlcReparation => {
                "ILC Articles on State Responsibility, Arts. 30–31 and 34–37 (cessation, and full reparation: restitution, compensation, or satisfaction such as an acknowledgment or an apology)"
            }
            Law::Ilc50 => {
                "ILC Articles on State Responsibility, Art. 50 (obligations no countermeasure may affect: force, fundamental human rights, diplomatic inviolability)"
            }
            Law::Ilc52Urgent => {
                "ILC Articles on State Responsibility, Art. 52(2) (urgent countermeasures to preserve the injured state's rights)"
            }
            Law::Charter2_4 => {
                "UN Charter Art. 2(4) (the prohibition of the threat or use of force)"
            }
            Law::Charter51 => {
                "UN Charter Art. 51 (self-defence against an armed attack, reported to the Security Council)"
            }
            Law::Iccpr19 => {
                "ICCPR Art. 19 (freedom of expression, online as offline; restrictions only as provided by law and necessary, Art. 19(3))"
            }
            Law::OsceCbms => {
                "OSCE cyber confidence-building measures (PC decisions 1106 of 2013 and 1202 of 2016)"
            }
            Law::Retorsion => "retorsion (lawful without a prior wrongful act)",
            Law::Vienna24And27 => {
                "Vienna Convention Arts. 24 and 27 (a mission's archives, documents and official correspondence are inviolable; the receiving state protects its free communication)"
            }
            Law::Disinformation2017 => {
                "the Joint Declaration on Freedom of Expression and \"Fake News\", Disinformation and Propaganda (the UN, OSCE, OAS and African Commission rapporteurs, 3 March 2017; soft law): general prohibitions of \"false news\" are incompatible with international standards; states should promote a free and diverse information environment and not spread disinformation themselves"
            }
            Law::TradeTreaty => {
                "the trade treaty between the two states (restricting trade breaches it unless justified: as a countermeasure, ILC Arts. 49–52, or under a security exception whose reach is contested, GATT Art. XXI)"
            }
        }
    }
}

/// A condition an order did not meet: of the law (a countermeasure, self-defence), or of the
/// rules (an order refused, or carried out without effect). The typed reason of a ruling,
/// kept on the decision and rendered to a phrase at the edge (`Unmet::phrase`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Unmet {
    /// Only the injured state may take countermeasures (ILC Art. 49).
    NotInjured,
    /// No call to comply and notice in an earlier turn (ILC Art. 52).
    NoPriorCall,
    /// Not commensurate with the injury (ILC Art. 51).
    Disproportionate { intensity: u32, severity: u32 },
    /// Not reversible (ILC Art. 49(3)).
    Irreversible,
    /// The seat did not read the incident as an internationally wrongful act (ILC Art. 49).
    NoWrongfulAct { reading: Option<Reading> },
    /// No notice of the decision and offer to negotiate in an earlier turn, and not urgent
    /// (ILC Art. 52(1)(b), (2)).
    NoNotice,
    /// Of a kind no countermeasure may take (ILC Art. 50).
    Prohibited { kind: CounterKind },
    /// Self-defence needs the seat's reading of an armed attack (UN Charter Art. 51).
    NoArmedAttack { reading: Option<Reading> },
    /// Only the victim, or a state acting at its request, may act in self-defence.
    NoRequest,
    /// The responsible state has ceased the act and offered reparation: countermeasures
    /// must end (ILC Art. 53).
    Complied,
    // The rules' own conditions, for orders refused or without effect.
    /// The scenario does not give this order to this actor.
    NotAvailable,
    /// The budget left cannot pay for it.
    Budget {
        capital: i32,
        capacity: i32,
        capital_left: i32,
        capacity_left: i32,
    },
    /// No incident of that name exists.
    NoSuchIncident,
    /// The actor does not know of the incident.
    IncidentNotKnown,
    /// A request must concern an incident the sender knows of, and another state.
    BadRequest,
    /// No open legal-assistance request from that state over that incident.
    NoOpenRequest,
    /// The claim does not fit whom it names (a state, or a group).
    ClaimMisfit { claim: Claim },
    /// The seat does not hold the evidence it would share.
    EvidenceNotHeld,
    /// Sanctions on no known actor or entity.
    UnknownTarget,
    /// No proposal of that number.
    NoSuchProposal,
    /// Only members vote, and only on open proposals.
    NotVoter,
    /// Only a declaration can be aligned with.
    NotADeclaration,
    /// The declaration has not been adopted.
    NotAdopted,
    /// Only a state outside the institution aligns itself with its declaration.
    MemberOrNotState,
    /// The seat has already aligned itself with it.
    AlreadyAligned,
    /// An offer waits for the other state to agree the same (Vienna Convention Art. 2, OSCE
    /// measures agreed by both).
    AwaitsConsent,
    /// Investigation has found everything technical means can find.
    NothingToFind,
    /// Investigation found nothing this turn: the chance and the roll.
    NotFound { chance: u32, roll: u32 },
}

impl Unmet {
    pub fn phrase(self) -> Phrase {
        match self {
            Unmet::NotInjured => say!("only the injured state may take countermeasures (Art. 49)"),
            Unmet::NoPriorCall => say!("no prior call to comply and notice (Art. 52)"),
            Unmet::Disproportionate {
                intensity,
                severity,
            } => say!(
                "intensity {0} exceeds the injury (severity {1}) (Art. 51)",
                intensity,
                severity
            ),
            Unmet::Irreversible => say!("not reversible (Art. 49(3))"),
            Unmet::NoWrongfulAct { reading: None } => say!(
                "no reading of the incident: a countermeasure answers an internationally wrongful act (Art. 49)"
            ),
            Unmet::NoNotice => say!(
                "no notice of the decision and offer to negotiate in an earlier turn, and not urgent (Art. 52(1)(b), (2))"
            ),
            Unmet::Prohibited {
                kind: CounterKind::Force,
            } => {
                say!("a countermeasure may not involve the threat or use of force (Art. 50(1)(a))")
            }
            Unmet::Prohibited {
                kind: CounterKind::AgainstPersons,
            } => say!("a countermeasure may not affect fundamental human rights (Art. 50(1)(b))"),
            Unmet::Prohibited {
                kind: CounterKind::AgainstDiplomats,
            } => say!(
                "a countermeasure may not touch the inviolability of diplomatic agents, premises, archives and documents (Art. 50(2)(b))"
            ),
            Unmet::Prohibited { kind } => say!("{0} is not prohibited", Arg::term(kind.term())),
            Unmet::NoArmedAttack { reading: None } => {
                say!("no reading of the incident: self-defence answers an armed attack (Art. 51)")
            }
            Unmet::NoArmedAttack { reading: Some(r) } => say!(
                "its own reading ({0}) is not an armed attack (Art. 51)",
                Arg::term(r.term())
            ),
            Unmet::NoRequest => say!(
                "neither the victim nor acting at its request: collective self-defence needs the victim's request (ICJ, Nicaragua, 1986)"
            ),
            Unmet::NoWrongfulAct { reading: Some(r) } => say!(
                "its own reading ({0}) is not an internationally wrongful act by a state (Art. 49)",
                Arg::term(r.term())
            ),
            Unmet::Complied => say!(
                "the responsible state has ceased the act and offered reparation: countermeasures must end (Art. 53)"
            ),
            Unmet::NotAvailable => {
                say!("this order is not available to this actor in the scenario")
            }
            Unmet::Budget {
                capital,
                capacity,
                capital_left,
                capacity_left,
            } => say!(
                "budget exhausted: needs {0} capital and {1} capacity, {2} and {3} left",
                capital,
                capacity,
                capital_left,
                capacity_left
            ),
            Unmet::NoSuchIncident => say!("the incident is not known"),
            Unmet::IncidentNotKnown => say!("the incident is not known to this actor"),
            Unmet::BadRequest => say!("a request must concern a known incident and another state"),
            Unmet::NoOpenRequest => say!("there is no open legal-assistance request to answer"),
            Unmet::ClaimMisfit { claim } => crate::sim::attribution::misfit(claim),
            Unmet::EvidenceNotHeld => say!("cannot share evidence it does not hold"),
            Unmet::UnknownTarget => say!("unknown sanctions target"),
            Unmet::NoSuchProposal => say!("no such proposal"),
            Unmet::NotVoter => say!("only members vote, and only on open proposals"),
            Unmet::NotADeclaration => say!(
                "only a declaration can be aligned with: a condemnation, a declaration of solidarity or an attribution statement"
            ),
            Unmet::NotAdopted => say!("the declaration has not been adopted"),
            Unmet::MemberOrNotState => say!(
                "only a state outside the institution aligns itself with its declaration; its members vote"
            ),
            Unmet::AlreadyAligned => say!("this seat has already aligned itself with it"),
            Unmet::AwaitsConsent => say!("offered: agreed when the other state agrees the same"),
            Unmet::NothingToFind => say!("nothing more to find by technical means"),
            Unmet::NotFound { chance, roll } => say!(
                "found nothing new this turn (chance {0}%, rolled {1})",
                chance,
                roll
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_law_is_listed_once_with_its_own_citation() {
        let cites: std::collections::BTreeSet<&str> = Law::ALL.iter().map(|l| l.cite()).collect();
        assert_eq!(cites.len(), Law::ALL.len());
        let sorted: std::collections::BTreeSet<Law> = Law::ALL.into_iter().collect();
        assert_eq!(sorted.len(), Law::ALL.len());
    }
}
