//! What an order may put at stake: one table of rows, each a GGE norm (A/70/174, para. 13)
//! with the verdict the engine may record, or a provision of the law it may engage, with the
//! condition under which it does and where it is written. The resolution writes marks and law
//! only through these rows (`Resolution::norm`, `Resolution::law`, `Recorder::mark` take a
//! row, and `Recorder` refuses a row of another order kind), and the Orders screen lists the
//! same rows before an order is sent: one table, read by both.
//!
//! Incidents have rows of their own (`kind: None`): the norms an incident engages for the
//! state answerable for it, whoever caused it. A covert operation becomes such an incident,
//! so its list on the Orders screen includes the incident rows it can reach.

use serde::Serialize;

use super::law::Law;
use super::norms::{N13A, N13B, N13C, N13D, N13E, N13F, N13G, N13H, N13I, N13J, N13K, Norm};
use super::record::{NormMark, Verdict};
use crate::i18n::Phrase;
use crate::scenario::{IncidentKind, OrderKind};

use Verdict::{Breached, Strained, Upheld};

/// Where the engine writes a mark, and so who sees it and when.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Entry {
    /// On the order's own record: the parties see it when the order resolves.
    Record,
    /// In the sender's norm ledger, hidden until the debrief.
    Debrief,
    /// In the hidden ledger of the state answerable for an incident (its author, or the state
    /// that directs the author, ILC Art. 8).
    Incident,
    /// In the hidden ledger of the state a group it does not direct operates from (13c).
    Host,
    /// In the ledger of the state the order is addressed to.
    Addressee,
    /// In the sender's own ledger, seen by it when the order resolves (a vote for an
    /// institution's attribution statement, once adopted).
    Ledger,
}

/// One row of the table: one norm or one provision an order (or an incident) may touch, and when.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Stake {
    /// The order kind whose resolution writes it; `None` for an incident's own rows.
    pub kind: Option<OrderKind>,
    /// For an incident's rows: the kinds of incident it applies to.
    pub incidents: &'static [IncidentKind],
    pub norm: Option<(Norm, Verdict)>,
    pub law: Option<Law>,
    /// The condition under which the engine records it, in a short clause.
    pub when: &'static str,
    pub entry: Entry,
}

const fn mark(
    kind: OrderKind,
    entry: Entry,
    norm: Norm,
    verdict: Verdict,
    when: &'static str,
) -> Stake {
    Stake {
        kind: Some(kind),
        incidents: &[],
        norm: Some((norm, verdict)),
        law: None,
        when,
        entry,
    }
}

const fn record(kind: OrderKind, norm: Norm, verdict: Verdict, when: &'static str) -> Stake {
    mark(kind, Entry::Record, norm, verdict, when)
}

const fn engages(kind: OrderKind, law: Law, when: &'static str) -> Stake {
    Stake {
        kind: Some(kind),
        incidents: &[],
        norm: None,
        law: Some(law),
        when,
        entry: Entry::Record,
    }
}

const fn incident(
    incidents: &'static [IncidentKind],
    entry: Entry,
    norm: Norm,
    verdict: Verdict,
    when: &'static str,
) -> Stake {
    Stake {
        kind: None,
        incidents,
        norm: Some((norm, verdict)),
        law: None,
        when,
        entry,
    }
}

use IncidentKind as I;
use OrderKind as K;

const BOTH_BUDAPEST: &str = "if both states are parties to the Budapest Convention";
const BOTH_BUDAPEST_27: &str = "if both states are parties to the Budapest Convention: a formal request goes between their central authorities";
const NOT_BOTH_BUDAPEST: &str = "if either state is not a party to the Budapest Convention";
// Any request, technical or legal, is checked once a turn has passed (`assistance`).
const LAPSE: &str = "on the requested state, if it leaves the request unanswered for a full turn and the requester's evidence ties the activity to its territory";
const ILC_CONDITIONS: &str = "whenever it is taken: lawful only if it is the injured state, called on the target to comply and notified its decision with an offer to negotiate in an earlier turn (unless urgent), reads the incident as an internationally wrongful act, the intensity is within the incident's severity, it is reversible, and it is not of a prohibited kind";
const ILC_FAILS: &str = "if any of those conditions fails: not the injured state, no earlier call to comply, no notice and offer to negotiate (and not urgent), no reading of a wrongful act, intensity above the severity, not reversible, or force, people's fundamental rights or diplomatic inviolability";

// ------------------------------------------------------------------ the rows

pub const INVESTIGATE_13B: Stake = record(
    K::Investigate,
    N13B,
    Upheld,
    "whenever it is carried out, found or not",
);

pub const SHARE_13A: Stake = record(K::ShareEvidence, N13A, Upheld, "whenever it is carried out");

pub const REQUEST_UNANSWERED_13H: Stake = mark(
    K::RequestAssistance,
    Entry::Addressee,
    N13H,
    Strained,
    LAPSE,
);

pub const PROVIDE_13A: Stake = record(
    K::ProvideAssistance,
    N13A,
    Upheld,
    "whenever it is carried out",
);
pub const PROVIDE_13H: Stake = record(
    K::ProvideAssistance,
    N13H,
    Upheld,
    "if it answers that state's open request for technical assistance over that incident",
);

pub const LEGAL_REQUEST_BUDAPEST_25: Stake =
    engages(K::RequestLegalAssistance, Law::Budapest25, BOTH_BUDAPEST);
pub const LEGAL_REQUEST_BUDAPEST_27: Stake =
    engages(K::RequestLegalAssistance, Law::Budapest27, BOTH_BUDAPEST_27);
pub const LEGAL_REQUEST_TREATY: Stake = engages(
    K::RequestLegalAssistance,
    Law::BilateralTreaty,
    NOT_BOTH_BUDAPEST,
);
pub const LEGAL_REQUEST_13D: Stake = record(
    K::RequestLegalAssistance,
    N13D,
    Upheld,
    "whenever the request is sent",
);
pub const PRESERVE_BUDAPEST_29: Stake = engages(
    K::Preserve,
    Law::Budapest29,
    "whenever the request is sent (both states are parties)",
);
pub const PRESERVE_BUDAPEST_30: Stake = engages(
    K::Preserve,
    Law::Budapest30,
    "if the records preserved show that the traffic passed through a provider in a third state",
);
pub const PRESERVE_BUDAPEST_35: Stake = engages(
    K::Preserve,
    Law::Budapest35,
    "whenever the request is sent (both states are parties)",
);
pub const PRESERVE_13D: Stake = record(K::Preserve, N13D, Upheld, "whenever the request is sent");
pub const LEGAL_REQUEST_UNANSWERED_13H: Stake = mark(
    K::RequestLegalAssistance,
    Entry::Addressee,
    N13H,
    Strained,
    LAPSE,
);

pub const LEGAL_ANSWER_BUDAPEST_25: Stake =
    engages(K::AnswerLegalAssistance, Law::Budapest25, BOTH_BUDAPEST);
pub const LEGAL_ANSWER_BUDAPEST_27: Stake =
    engages(K::AnswerLegalAssistance, Law::Budapest27, BOTH_BUDAPEST_27);
pub const LEGAL_ANSWER_TREATY: Stake = engages(
    K::AnswerLegalAssistance,
    Law::BilateralTreaty,
    NOT_BOTH_BUDAPEST,
);
pub const LEGAL_GRANTED_13D: Stake = record(K::AnswerLegalAssistance, N13D, Upheld, "if granted");
pub const LEGAL_GRANTED_13H: Stake = record(K::AnswerLegalAssistance, N13H, Upheld, "if granted");
pub const LEGAL_REFUSED_13D: Stake = record(K::AnswerLegalAssistance, N13D, Strained, "if refused");
pub const LEGAL_REFUSED_13C: Stake = record(
    K::AnswerLegalAssistance,
    N13C,
    Strained,
    "if refused and the requester's evidence ties the activity to the refusing state's territory",
);

pub const DEMARCHE_VIENNA_3: Stake = engages(K::Demarche, Law::Vienna3, "whenever it is delivered");

pub const STATEMENT_13A: Stake = record(
    K::PublicStatement,
    N13A,
    Upheld,
    "if the stance is calm, or solidarity naming a state",
);

pub const ATTRIBUTE_13B_UPHELD: Stake = record(
    K::Attribute,
    N13B,
    Upheld,
    "if the claimed confidence is within what the seat's own evidence supports for that claim",
);
pub const ATTRIBUTE_13B_STRAINED: Stake = record(
    K::Attribute,
    N13B,
    Strained,
    "if it claims more confidence than its evidence supports for the claim (addresses show only infrastructure; a group on a state's territory, due diligence, not responsibility)",
);
pub const ATTRIBUTE_13B_BREACHED: Stake = record(
    K::Attribute,
    N13B,
    Breached,
    "if the seat holds no evidence that supports the claim against whom it names",
);

pub const MISSIONS_VIENNA_24_27: Stake = engages(
    K::SecureMissions,
    Law::Vienna24And27,
    "whenever it is carried out: the law makes the mission's communications inviolable, the sending state keeps them safe",
);
pub const EXPEL_VIENNA_9: Stake = engages(
    K::ExpelDiplomats,
    Law::Vienna9,
    "whenever it is carried out",
);
pub const EXPEL_RETORSION: Stake = engages(
    K::ExpelDiplomats,
    Law::Retorsion,
    "whenever it is carried out",
);

pub const VOTE_13B_UPHELD: Stake = mark(
    K::Vote,
    Entry::Ledger,
    N13B,
    Upheld,
    "if it voted for an adopted attribution statement that its own evidence supports at the stated confidence",
);
pub const VOTE_13B_STRAINED: Stake = mark(
    K::Vote,
    Entry::Ledger,
    N13B,
    Strained,
    "if it voted for an adopted attribution statement claiming more than its own evidence supports, or holding none that supports it",
);

pub const ALIGN_13B_UPHELD: Stake = record(
    K::Align,
    N13B,
    Upheld,
    "if it aligns with an attribution statement that its own evidence supports at the stated confidence",
);
pub const ALIGN_13B_STRAINED: Stake = record(
    K::Align,
    N13B,
    Strained,
    "if it aligns with an attribution statement claiming more than its own evidence supports (a declaration naming no one marks nothing)",
);
pub const SANCTIONS_RETORSION: Stake = engages(
    K::Sanctions,
    Law::Retorsion,
    "if the target is a state no trade treaty binds it to",
);
pub const SANCTIONS_TREATY: Stake = engages(
    K::Sanctions,
    Law::TradeTreaty,
    "if a trade treaty binds the two states: the measure breaches it unless justified (a countermeasure, or a security exception whose reach is contested)",
);

pub const COUNTERMEASURE_LAW: Stake =
    engages(K::Countermeasure, Law::Countermeasures, ILC_CONDITIONS);
pub const COUNTERMEASURE_ART_50: Stake = engages(
    K::Countermeasure,
    Law::Ilc50,
    "if it is armed force, touches people's fundamental rights or diplomatic inviolability: no countermeasure may",
);
pub const COUNTERMEASURE_URGENT: Stake = engages(
    K::Countermeasure,
    Law::Ilc52Urgent,
    "if taken as urgent, to preserve the injured state's rights, without prior notice and offer to negotiate",
);
pub const COUNTERMEASURE_13E: Stake = record(
    K::Countermeasure,
    N13E,
    Breached,
    "if it is aimed at people's fundamental rights",
);
pub const COUNTERMEASURE_13A_STRAINED: Stake = record(K::Countermeasure, N13A, Strained, ILC_FAILS);
pub const COUNTERMEASURE_13A_BREACHED: Stake = mark(
    K::Countermeasure,
    Entry::Debrief,
    N13A,
    Breached,
    "if the target is not in fact responsible for the incident, or the incident is not a wrongful act, whatever the conditions (hidden until the debrief)",
);

pub const COVERT_13F: Stake = record(
    K::CovertOperation,
    N13F,
    Breached,
    "if disruptive or destructive and aimed at critical infrastructure serving the public",
);
pub const COVERT_13A: Stake = record(
    K::CovertOperation,
    N13A,
    Strained,
    "if disruptive or destructive and not aimed at infrastructure",
);

pub const HARDEN_13G: Stake = record(K::Harden, N13G, Upheld, "whenever it is carried out");
pub const CAPACITY_13A: Stake = record(
    K::CapacityBuilding,
    N13A,
    Upheld,
    "whenever it is carried out",
);

pub const CBM_13A: Stake = record(
    K::ConfidenceBuilding,
    N13A,
    Upheld,
    "if the other state orders the same measure with it, in the same turn or after this offer (until then it is an offer)",
);
pub const CBM_13A_OFFERED: Stake = mark(
    K::ConfidenceBuilding,
    Entry::Ledger,
    N13A,
    Upheld,
    "if it offered the measure in an earlier turn and the other state now agrees it",
);
pub const CBM_OSCE: Stake = engages(
    K::ConfidenceBuilding,
    Law::OsceCbms,
    "if agreed: points of contact and consultations (Decision 1106), a hotline as a protected communication channel (Decision 1202)",
);

pub const SEVER_VIENNA_45: Stake = engages(
    K::SeverRelations,
    Law::Vienna45,
    "whenever it is carried out: both missions close, and their premises and archives stay protected",
);
pub const SEVER_PROTECTING_POWER: Stake = engages(
    K::SeverRelations,
    Law::Vienna46,
    "if it names a third state to protect its interests (a protecting power)",
);
pub const SEVER_RETORSION: Stake = engages(
    K::SeverRelations,
    Law::Retorsion,
    "whenever it is carried out",
);
pub const RESTORE_VIENNA_2: Stake = engages(
    K::RestoreRelations,
    Law::Vienna2,
    "if the other state orders it too, in the same turn or after this offer (relations exist by mutual consent)",
);

const SELF_DEFENCE_FAILS: &str = "if the seat does not read the incident as an armed attack, is neither the victim nor acting at its request, or the force exceeds the attack's severity";
pub const SELF_DEFENCE_51: Stake = engages(
    K::SelfDefence,
    Law::Charter51,
    "whenever it is taken: lawful if the seat reads the incident as an armed attack, is its victim or acts at the victim's request (collective), and keeps within the attack's severity; reported to the Security Council",
);
pub const SELF_DEFENCE_2_4: Stake = engages(K::SelfDefence, Law::Charter2_4, SELF_DEFENCE_FAILS);
pub const SELF_DEFENCE_13A: Stake = record(K::SelfDefence, N13A, Breached, SELF_DEFENCE_FAILS);
pub const SELF_DEFENCE_HIDDEN: Stake = mark(
    K::SelfDefence,
    Entry::Debrief,
    N13A,
    Breached,
    "if the target is not in fact responsible for the incident, or the incident was not in fact an armed attack (hidden until the debrief)",
);

pub const REPORT_13J: Stake = record(
    K::ReportVulnerability,
    N13J,
    Upheld,
    "whenever it is carried out",
);

pub const RESTRICT_ICCPR_19: Stake =
    engages(K::Restrict, Law::Iccpr19, "whenever it is carried out");
pub const RESTRICT_13E_STRAINED: Stake = record(
    K::Restrict,
    N13E,
    Strained,
    "if it blocks the sites and accounts that spread it",
);
pub const RESTRICT_13E_BREACHED: Stake = record(
    K::Restrict,
    N13E,
    Breached,
    "if it shuts down internet access (Human Rights Council resolution 32/13 condemns intentionally preventing or disrupting access to information online)",
);
pub const DEBUNK_13E: Stake = record(
    K::Debunk,
    N13E,
    Upheld,
    "whenever it is carried out: it answers falsehood with facts and restricts nobody's speech",
);
pub const DEBUNK_2017: Stake = engages(
    K::Debunk,
    Law::Disinformation2017,
    "whenever it is carried out",
);
pub const PREBUNK_13E: Stake = record(
    K::Prebunk,
    N13E,
    Upheld,
    "whenever it is carried out: it informs the public ahead of a campaign and restricts nobody's speech",
);
pub const PREBUNK_2017: Stake = engages(
    K::Prebunk,
    Law::Disinformation2017,
    "whenever it is carried out",
);
pub const PLATFORM_ICCPR_19: Stake = engages(
    K::AskPlatform,
    Law::Iccpr19,
    "whenever it is carried out: whether a government's request to a platform is a restriction of expression in all but name is contested",
);
pub const PLATFORM_13E_STRAINED: Stake = record(
    K::AskPlatform,
    N13E,
    Strained,
    "if it asks for the posts to be removed as false rather than for the inauthentic accounts to be acted on (the 2017 Joint Declaration: prohibitions based on vague ideas such as \"false news\" are incompatible with international standards)",
);
pub const REPARATION_ILC: Stake = engages(
    K::Reparation,
    Law::IlcReparation,
    "whenever it is carried out",
);
pub const INDICT_OFFENCES: Stake = engages(
    K::Indict,
    Law::BudapestOffences,
    "whenever it is carried out: national criminal law, the offences the Budapest Convention has its parties make crimes",
);
pub const INDICT_13D: Stake = record(K::Indict, N13D, Upheld, "whenever it is carried out");

// An incident's rows, for the state answerable for it (hidden until the debrief).
pub const INCIDENT_13F_BREACHED: Stake = incident(
    &[I::CriticalInfrastructure, I::Wiper],
    Entry::Incident,
    N13F,
    Breached,
    "if it intentionally damaged critical infrastructure serving the public (an attack on infrastructure, or a wiper that struck it), contrary to the state's obligations under international law",
);
pub const INCIDENT_13F_STRAINED: Stake = incident(
    &[I::Ransomware],
    Entry::Incident,
    N13F,
    Strained,
    "if ransomware impaired services to the public",
);
pub const INCIDENT_13K: Stake = incident(
    &I::ALL,
    Entry::Incident,
    N13K,
    Breached,
    "if it harmed another state's authorized emergency response teams (its CERT's systems or work)",
);
pub const INCIDENT_13E: Stake = incident(
    &[I::Surveillance],
    Entry::Incident,
    N13E,
    Strained,
    "if it was surveillance of people (spyware, interception): the right to privacy, whose reach beyond a state's territory is contested",
);
pub const INCIDENT_13I: Stake = incident(
    &[I::SupplyChain],
    Entry::Incident,
    N13I,
    Breached,
    "if a supply chain was compromised with a hidden harmful function",
);
pub const INCIDENT_13A: Stake = incident(
    &[
        I::Ddos,
        I::Intrusion,
        I::EmbassyBreach,
        I::Disinformation,
        I::Wiper,
        I::HackAndLeak,
    ],
    Entry::Incident,
    N13A,
    Strained,
    "if it was espionage (an intrusion), a denial of service, a disinformation campaign, a hack and leak, or a wiper that struck no infrastructure",
);
pub const INCIDENT_13C: Stake = incident(
    &I::ALL,
    Entry::Host,
    N13C,
    Strained,
    "on the state a group it does not direct operates from, for letting its territory be used (a state that directs the group answers for the incident itself, ILC Art. 8)",
);

impl Stake {
    /// The mark this row writes, with the act's own reason.
    pub fn mark(&self, reason: Phrase) -> NormMark {
        let (norm, verdict) = self.norm.expect("a row of a norm");
        NormMark {
            norm,
            verdict,
            reason,
            row: self.index() as u16,
        }
    }

    /// Its place in the table.
    pub fn index(&self) -> usize {
        STAKES
            .iter()
            .position(|s| s == self)
            .expect("a row of the stakes table")
    }
}

/// The whole table.
pub const STAKES: &[Stake] = &[
    INVESTIGATE_13B,
    SHARE_13A,
    REQUEST_UNANSWERED_13H,
    PROVIDE_13A,
    PROVIDE_13H,
    LEGAL_REQUEST_BUDAPEST_25,
    LEGAL_REQUEST_BUDAPEST_27,
    LEGAL_REQUEST_TREATY,
    LEGAL_REQUEST_13D,
    PRESERVE_BUDAPEST_29,
    PRESERVE_BUDAPEST_30,
    PRESERVE_BUDAPEST_35,
    PRESERVE_13D,
    LEGAL_REQUEST_UNANSWERED_13H,
    LEGAL_ANSWER_BUDAPEST_25,
    LEGAL_ANSWER_BUDAPEST_27,
    LEGAL_ANSWER_TREATY,
    LEGAL_GRANTED_13D,
    LEGAL_GRANTED_13H,
    LEGAL_REFUSED_13D,
    LEGAL_REFUSED_13C,
    DEMARCHE_VIENNA_3,
    STATEMENT_13A,
    ATTRIBUTE_13B_UPHELD,
    ATTRIBUTE_13B_STRAINED,
    ATTRIBUTE_13B_BREACHED,
    EXPEL_VIENNA_9,
    EXPEL_RETORSION,
    VOTE_13B_UPHELD,
    VOTE_13B_STRAINED,
    ALIGN_13B_UPHELD,
    ALIGN_13B_STRAINED,
    SANCTIONS_RETORSION,
    SANCTIONS_TREATY,
    COUNTERMEASURE_LAW,
    COUNTERMEASURE_ART_50,
    COUNTERMEASURE_URGENT,
    COUNTERMEASURE_13E,
    COUNTERMEASURE_13A_STRAINED,
    COUNTERMEASURE_13A_BREACHED,
    COVERT_13F,
    COVERT_13A,
    HARDEN_13G,
    MISSIONS_VIENNA_24_27,
    CAPACITY_13A,
    CBM_13A,
    CBM_13A_OFFERED,
    CBM_OSCE,
    SEVER_VIENNA_45,
    SEVER_PROTECTING_POWER,
    SEVER_RETORSION,
    RESTORE_VIENNA_2,
    INDICT_OFFENCES,
    INDICT_13D,
    REPORT_13J,
    RESTRICT_ICCPR_19,
    RESTRICT_13E_STRAINED,
    RESTRICT_13E_BREACHED,
    DEBUNK_13E,
    DEBUNK_2017,
    PREBUNK_13E,
    PREBUNK_2017,
    PLATFORM_ICCPR_19,
    PLATFORM_13E_STRAINED,
    REPARATION_ILC,
    SELF_DEFENCE_51,
    SELF_DEFENCE_2_4,
    SELF_DEFENCE_13A,
    SELF_DEFENCE_HIDDEN,
    INCIDENT_13F_BREACHED,
    INCIDENT_13F_STRAINED,
    INCIDENT_13I,
    INCIDENT_13K,
    INCIDENT_13E,
    INCIDENT_13A,
    INCIDENT_13C,
];

/// The incident kinds a covert operation can become (`measures::covert_operations`).
pub const COVERT_INCIDENTS: [IncidentKind; 4] =
    [I::Intrusion, I::Ddos, I::CriticalInfrastructure, I::Wiper];

/// The rows an order of this kind may write, in the table's order; a covert operation's
/// include the rows of the incidents it can become.
pub fn at_stake(kind: OrderKind) -> Vec<Stake> {
    STAKES
        .iter()
        .filter(|s| {
            s.kind == Some(kind)
                || (kind == K::CovertOperation
                    && s.entry == Entry::Incident
                    && s.incidents.iter().any(|i| COVERT_INCIDENTS.contains(i)))
        })
        .copied()
        .collect()
}

/// The rows of an incident of this kind.
pub fn of_incident(kind: IncidentKind) -> impl Iterator<Item = &'static Stake> {
    STAKES
        .iter()
        .filter(move |s| s.kind.is_none() && s.incidents.contains(&kind))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn every_row_says_what_and_when() {
        for s in STAKES {
            assert!(
                s.norm.is_some() != s.law.is_some(),
                "{s:?}: a row is one norm or one law"
            );
            assert!(
                s.when.starts_with("if ")
                    || s.when.starts_with("whenever ")
                    || s.when.starts_with("on "),
                "{s:?}"
            );
            assert!(s.law.is_none() || s.entry == Entry::Record);
            assert_eq!(s.kind.is_none(), !s.incidents.is_empty(), "{s:?}");
            assert_eq!(
                s.kind.is_none(),
                matches!(s.entry, Entry::Incident | Entry::Host),
                "{s:?}"
            );
        }
        let rows: BTreeSet<String> = STAKES.iter().map(|s| format!("{s:?}")).collect();
        assert_eq!(rows.len(), STAKES.len(), "a row is listed twice");
    }

    /// Every provision the engine can record is recorded by some row.
    #[test]
    fn every_law_has_its_row() {
        for law in Law::ALL {
            assert!(STAKES.iter().any(|s| s.law == Some(law)), "{law:?}");
        }
    }

    /// Norm 13h (answering requests) binds the state that answers: only the answering
    /// orders record it upheld, and an unanswered request strains it for the requested state.
    #[test]
    fn norm_13h_binds_the_state_that_answers() {
        for s in STAKES {
            let Some((n, v)) = s.norm else { continue };
            if n != N13H {
                continue;
            }
            match v {
                Upheld => assert!(matches!(
                    s.kind,
                    Some(K::ProvideAssistance | K::AnswerLegalAssistance)
                )),
                _ => assert_eq!(s.entry, Entry::Addressee, "{s:?}"),
            }
        }
    }

    /// Every incident kind has a row for the state answerable for it, and a covert
    /// operation's list shows what the incident it becomes engages.
    #[test]
    fn every_incident_kind_engages_a_norm() {
        for kind in IncidentKind::ALL {
            assert!(
                of_incident(kind).any(|s| s.entry == Entry::Incident),
                "{kind:?}"
            );
        }
        let covert = at_stake(K::CovertOperation);
        assert!(covert.contains(&INCIDENT_13F_BREACHED));
        assert!(!covert.contains(&INCIDENT_13I));
        assert!(!covert.contains(&INCIDENT_13C));
    }
}
