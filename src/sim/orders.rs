//! Orders: what a seat can do in a turn, their costs, and the check that each is well formed.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::actors::Actors;
use super::catalog::{ActorId, ActorSet};
use super::incidents::IncidentIndex;
use super::law::Unmet;
use super::names::{Named, Names};
use super::record::{Recorder, Resolution, Visibility};
use crate::i18n::{Arg, Phrase};
use crate::say;
use crate::scenario::{Claim, Confidence, OrderKind, Reading};

/// A proposal tabled in an institution.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Proposal {
    /// List persons or entities under the institution's sanctions regime (never a state).
    Listing {
        incident: String,
        targets: Vec<String>,
    },
    /// A joint attribution statement: the claim (a layer of attribution, or due diligence)
    /// and the confidence the members in favour make together.
    AttributionStatement {
        incident: String,
        accused: String,
        #[serde(default)]
        claim: Claim,
        #[serde(default = "moderate")]
        confidence: Confidence,
    },
    /// A statement condemning the incident that names nobody.
    Condemnation { incident: String },
    /// A declaration of solidarity with the incident's victim.
    Solidarity { incident: String },
    /// Consultations because a member is threatened (NATO Art. 4), with the tabler's
    /// reading of the incident.
    Consultation {
        incident: String,
        #[serde(default)]
        reading: Option<Reading>,
    },
    /// Collective defence: the Council agrees an armed attack occurred (NATO Art. 5),
    /// alone or as cumulative activity (Brussels Summit 2021, para. 32).
    CollectiveDefence {
        incident: String,
        #[serde(default)]
        cumulative: bool,
    },
    /// A Security Council resolution on the incident: recommending pacific settlement
    /// (Chapter VI, where the parties to the dispute abstain, Art. 27(3)), or deciding
    /// measures (`measures`, Chapter VII, where every member votes and the veto applies).
    Resolution {
        incident: String,
        accused: Option<String>,
        #[serde(default)]
        reading: Option<Reading>,
        #[serde(default)]
        measures: bool,
    },
    /// Placing the incident on the agenda and meeting on it in public: a procedural matter
    /// (UN Charter Art. 27(2): nine votes, no veto).
    Agenda { incident: String },
}

fn moderate() -> Confidence {
    Confidence::Moderate
}

impl Proposal {
    pub fn kind(&self) -> crate::scenario::ProposalKind {
        use crate::scenario::ProposalKind as K;
        match self {
            Proposal::Listing { .. } => K::Listing,
            Proposal::AttributionStatement { .. } => K::AttributionStatement,
            Proposal::Condemnation { .. } => K::Condemnation,
            Proposal::Solidarity { .. } => K::Solidarity,
            Proposal::Consultation { .. } => K::Consultation,
            Proposal::CollectiveDefence { .. } => K::CollectiveDefence,
            Proposal::Resolution { .. } => K::Resolution,
            Proposal::Agenda { .. } => K::Agenda,
        }
    }
    pub fn incident(&self) -> &str {
        match self {
            Proposal::Listing { incident, .. }
            | Proposal::AttributionStatement { incident, .. }
            | Proposal::Condemnation { incident }
            | Proposal::Solidarity { incident }
            | Proposal::Consultation { incident, .. }
            | Proposal::CollectiveDefence { incident, .. }
            | Proposal::Resolution { incident, .. }
            | Proposal::Agenda { incident } => incident,
        }
    }
    /// What the proposal asks, in a phrase.
    pub fn describe(&self, names: &dyn Names) -> Phrase {
        let incident_of = |i: &String| names.call(Named::Incident(i));
        match self {
            Proposal::Listing { incident, targets } => say!(
                "listing of {0} over {1}",
                Arg::list(targets.iter().map(|t| names.call(Named::Entity(t)))),
                incident_of(incident)
            ),
            Proposal::AttributionStatement {
                incident,
                accused,
                claim,
                confidence,
            } => say!(
                "joint statement attributing {0} to {1} ({2}, {3} confidence)",
                incident_of(incident),
                names.call(Named::Actor(accused)),
                Arg::term((*claim).term()),
                Arg::term((*confidence).term())
            ),
            Proposal::Condemnation { incident } => {
                say!(
                    "statement condemning {0}, naming no one",
                    incident_of(incident)
                )
            }
            Proposal::Solidarity { incident } => {
                say!("declaration of solidarity over {0}", incident_of(incident))
            }
            Proposal::Consultation { incident, .. } => {
                say!("Art. 4 consultations over {0}", incident_of(incident))
            }
            Proposal::Agenda { incident } => {
                say!(
                    "placing {0} on the agenda for a public meeting",
                    incident_of(incident)
                )
            }
            Proposal::CollectiveDefence {
                incident,
                cumulative: false,
            } => say!("Art. 5: {0} as an armed attack", incident_of(incident)),
            Proposal::CollectiveDefence {
                incident,
                cumulative: true,
            } => say!(
                "Art. 5: {0} with the activity before it as a cumulative armed attack",
                incident_of(incident)
            ),
            Proposal::Resolution {
                incident,
                accused,
                measures,
                ..
            } => {
                let base = match accused {
                    Some(a) => say!(
                        "resolution on {0} naming {1}",
                        incident_of(incident),
                        names.call(Named::Actor(a))
                    ),
                    None => say!("resolution on {0}", incident_of(incident)),
                };
                if *measures {
                    say!("{0}, deciding measures (Chapter VII)", base)
                } else {
                    base
                }
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Ballot {
    Yes,
    No,
    Abstain,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Stance {
    /// Calls for calm and restraint.
    Calm,
    /// Expresses concern, names no one.
    Concern,
    /// Condemns the act (and its author if named).
    Condemn,
    /// Solidarity with a victim.
    Solidarity,
    /// Demands a named state act at once ("urges the immediate release"): the strongest
    /// wording short of a measure.
    Demand,
}

impl Stance {
    pub const ALL: [Stance; 5] = [
        Stance::Calm,
        Stance::Concern,
        Stance::Condemn,
        Stance::Demand,
        Stance::Solidarity,
    ];
    /// How hard the wording hits the state it names: -1 (conciliatory) to 3.
    pub fn force(self) -> i32 {
        match self {
            Stance::Calm => -1,
            Stance::Solidarity => 0,
            Stance::Concern => 1,
            Stance::Condemn => 2,
            Stance::Demand => 3,
        }
    }
}

/// How a state speaks in public: the channel of a statement.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Via {
    /// A formal communiqué of the foreign ministry: the full cost, measured, carried by the
    /// wire to governments and publics abroad.
    #[default]
    Communique,
    /// The spokesperson's briefing: half the cost, read mostly at home and by the wire.
    Briefing,
    /// The minister's post on social media: a quarter of the cost; it lands at once in every
    /// public's feed, reaches furthest, and is the easiest to escalate over.
    Post,
}

impl Order {
    /// What the order costs from its kind's cost: a statement's channel changes it.
    pub fn priced(&self, base: (i32, i32)) -> (i32, i32) {
        match self {
            Order::PublicStatement { via, .. } => via.cost(base),
            _ => base,
        }
    }
}

impl Via {
    pub const ALL: [Via; 3] = [Via::Communique, Via::Briefing, Via::Post];
    /// The cost of a statement through this channel, from the order's cost (rounded up).
    pub fn cost(self, (capital, capacity): (i32, i32)) -> (i32, i32) {
        let pct = match self {
            Via::Communique => 100,
            Via::Briefing => 50,
            Via::Post => 25,
        };
        let part = |x: i32| (x * pct + 99) / 100;
        (part(capital), part(capacity))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CovertKind {
    Espionage,
    Disruption,
    Destructive,
}

/// What a countermeasure does. ILC Art. 50 puts some obligations out of reach of any
/// countermeasure: the prohibition of force, fundamental human rights, and the inviolability
/// of diplomatic agents, premises, archives and documents.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CounterKind {
    /// Suspending trade or financial obligations owed to the responsible state.
    #[default]
    Economic,
    /// A cyber operation against the responsible state's systems.
    Cyber,
    /// Suspending the performance of a treaty obligation owed to it.
    SuspendTreaty,
    /// Armed force: never a countermeasure (Art. 50(1)(a)).
    Force,
    /// Measures against people's fundamental rights: never (Art. 50(1)(b)).
    AgainstPersons,
    /// Measures against diplomatic agents, premises, archives or documents: never
    /// (Art. 50(2)(b)).
    AgainstDiplomats,
}

impl CounterKind {
    pub const ALL: [CounterKind; 6] = [
        CounterKind::Economic,
        CounterKind::Cyber,
        CounterKind::SuspendTreaty,
        CounterKind::Force,
        CounterKind::AgainstPersons,
        CounterKind::AgainstDiplomats,
    ];
    /// Whether ILC Art. 50 forbids it as a countermeasure.
    pub fn prohibited(self) -> bool {
        matches!(
            self,
            CounterKind::Force | CounterKind::AgainstPersons | CounterKind::AgainstDiplomats
        )
    }
}

/// How a state secures its missions' and foreign ministry's communications.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MissionMeasure {
    /// Encrypting cables and archives end to end.
    #[default]
    Encryption,
    /// Training diplomats against phishing, the usual door into a ministry.
    PhishingTraining,
    /// Keeping classified traffic on networks of its own, apart from the internet.
    SeparateNetworks,
}

impl MissionMeasure {
    pub const ALL: [MissionMeasure; 3] = [
        MissionMeasure::Encryption,
        MissionMeasure::PhishingTraining,
        MissionMeasure::SeparateNetworks,
    ];
}

/// What a state asks a platform to act on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PlatformAsk {
    /// The network of inauthentic accounts spreading it, under the platform's own rules.
    #[default]
    InauthenticAccounts,
    /// The posts themselves, removed as false at a government's request.
    Posts,
}

impl PlatformAsk {
    pub const ALL: [PlatformAsk; 2] = [PlatformAsk::InauthenticAccounts, PlatformAsk::Posts];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Cbm {
    Hotline,
    PointsOfContact,
    Consultations,
}

/// One order of one seat for one turn.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Order {
    Investigate {
        incident: String,
    },
    ShareEvidence {
        evidence: String,
        with: String,
        /// A sanitised copy: one step less reliable, and it cannot burn a sensitive source.
        #[serde(default)]
        sanitised: bool,
    },
    /// Ask for technical help against an incident (norm 13h).
    RequestAssistance {
        from: String,
        incident: String,
    },
    ProvideAssistance {
        to: String,
        incident: String,
    },
    /// Mutual legal assistance (Budapest Convention Arts. 25 and 27, or a bilateral treaty).
    RequestLegalAssistance {
        from: String,
        incident: String,
    },
    AnswerLegalAssistance {
        to: String,
        incident: String,
        grant: bool,
    },
    /// Ask a state, through the 24/7 network (Budapest Convention Art. 35), to preserve the
    /// records on an incident that lie in its territory (Art. 29) until a formal request for
    /// them: both must be parties.
    Preserve {
        from: String,
        incident: String,
    },
    /// A private protest that also serves as the call to comply before countermeasures.
    Demarche {
        to: String,
        incident: Option<String>,
        /// Also notifies a decision to take countermeasures and offers to negotiate
        /// (ILC Art. 52(1)(b)).
        #[serde(default)]
        notice: bool,
    },
    SummonAmbassador {
        of: String,
        incident: Option<String>,
    },
    PublicStatement {
        stance: Stance,
        incident: Option<String>,
        about: Option<String>,
        /// The seat's legal reading of the incident, if it states one.
        #[serde(default)]
        reading: Option<Reading>,
        /// How the state speaks: a communiqué, a briefing, a post.
        #[serde(default)]
        via: Via,
        /// The language it is written in (a code), to speak to a foreign public that reads
        /// it; unset, the state's own.
        #[serde(default)]
        language: Option<String>,
        /// The scenario's public question it concerns, when it is not about an incident.
        #[serde(default)]
        topic: Option<String>,
    },
    Attribute {
        incident: String,
        to: String,
        /// What is claimed: a layer of attribution, or a failure of due diligence.
        #[serde(default)]
        claim: Claim,
        confidence: Confidence,
        public: bool,
        joint: bool,
        #[serde(default)]
        reading: Option<Reading>,
        /// A public attribution may release the evidence behind it: every state then holds
        /// it, and a sensitive source may burn.
        #[serde(default)]
        release: bool,
    },
    Deny {
        incident: String,
    },
    /// Declare diplomats persona non grata (Vienna Convention Art. 9).
    ExpelDiplomats {
        of: String,
        count: u32,
    },
    TableProposal {
        institution: String,
        proposal: Proposal,
    },
    Vote {
        proposal: u32,
        ballot: Ballot,
    },
    /// Align with a declaration an institution the seat is not a member of adopted: a
    /// condemnation, a declaration of solidarity or an attribution statement.
    Align {
        proposal: u32,
    },
    /// National restrictive measures against a state or a listed person or entity.
    Sanctions {
        target: String,
    },
    /// A countermeasure (ILC Arts. 49–53) of the given intensity (1–5).
    Countermeasure {
        against: String,
        incident: String,
        intensity: u32,
        reversible: bool,
        /// The seat's reading of the incident; a countermeasure answers a wrongful act.
        #[serde(default)]
        reading: Option<Reading>,
        #[serde(default)]
        kind: CounterKind,
        /// Urgent, to preserve the injured state's rights: no prior notice and offer to
        /// negotiate is needed (ILC Art. 52(2)); the call to comply still is.
        #[serde(default)]
        urgent: bool,
    },
    CovertOperation {
        target: String,
        kind: CovertKind,
        against_infrastructure: bool,
    },
    Harden,
    /// Secure the state's missions' and foreign ministry's communications: an active
    /// breach of them that the seat knows of ends, and its cyber resilience rises.
    SecureMissions {
        #[serde(default)]
        measure: MissionMeasure,
    },
    /// Answer a disinformation campaign or a leak in public with the facts, releasing the
    /// evidence the seat holds on it (its accounts, its source) or not.
    Debunk {
        incident: String,
        #[serde(default)]
        release: bool,
    },
    /// Ask the platforms to act against a campaign's or a leak's spread.
    AskPlatform {
        incident: String,
        #[serde(default)]
        act_on: PlatformAsk,
    },
    /// Warn the public ahead of the campaigns the state expects: what they will say and how
    /// to check it (prebunking). Campaigns against the state carry less for three turns.
    Prebunk {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        topic: Option<String>,
    },
    CapacityBuilding {
        to: String,
    },
    ConfidenceBuilding {
        with: String,
        measure: Cbm,
    },
    /// Break off diplomatic relations: both missions close (Vienna Convention Art. 45), the
    /// interests of the state that severs are entrusted to a protecting power if it names one.
    SeverRelations {
        with: String,
        #[serde(default)]
        protecting_power: Option<String>,
    },
    /// Indict named persons or entities over an incident (national criminal law, the
    /// offences of the Budapest Convention Arts. 2–6): it names people, not a state.
    Indict {
        incident: String,
        persons: Vec<String>,
    },
    /// Block the sites and accounts spreading a leak or disinformation against the seat, or
    /// (`shutdown`) cut internet access: it stops the spread sooner, at a cost to the
    /// freedom of expression (norm 13e; ICCPR Art. 19).
    Restrict {
        incident: String,
        shutdown: bool,
    },
    /// Acknowledge responsibility for an incident to the state it injured and offer
    /// reparation (ILC Arts. 30–31, 34–37), publicly.
    Reparation {
        to: String,
        incident: String,
    },
    /// Force in self-defence against an armed attack (UN Charter Art. 51), individual, or
    /// collective on behalf of the victim (`on_behalf_of`) at its request; reported to the
    /// Security Council. Not a covert operation.
    SelfDefence {
        against: String,
        incident: String,
        #[serde(default)]
        on_behalf_of: Option<String>,
        intensity: u32,
        /// The seat's reading of the incident: self-defence answers an armed attack.
        #[serde(default)]
        reading: Option<Reading>,
    },
    /// Report the vulnerability an incident exploited, with its remedies, to another state
    /// (norm 13j): the reporter must hold technical evidence on the incident.
    ReportVulnerability {
        incident: String,
        to: String,
    },
    /// Restore diplomatic relations: by mutual consent (Vienna Convention Art. 2), so an offer
    /// until the other state orders the same.
    RestoreRelations {
        with: String,
    },
}

impl Order {
    pub fn kind(&self) -> OrderKind {
        match self {
            Order::Investigate { .. } => OrderKind::Investigate,
            Order::ShareEvidence { .. } => OrderKind::ShareEvidence,
            Order::RequestAssistance { .. } => OrderKind::RequestAssistance,
            Order::ProvideAssistance { .. } => OrderKind::ProvideAssistance,
            Order::RequestLegalAssistance { .. } => OrderKind::RequestLegalAssistance,
            Order::Preserve { .. } => OrderKind::Preserve,
            Order::AnswerLegalAssistance { .. } => OrderKind::AnswerLegalAssistance,
            Order::Demarche { .. } => OrderKind::Demarche,
            Order::SummonAmbassador { .. } => OrderKind::SummonAmbassador,
            Order::PublicStatement { .. } => OrderKind::PublicStatement,
            Order::Attribute { .. } => OrderKind::Attribute,
            Order::Deny { .. } => OrderKind::Deny,
            Order::ExpelDiplomats { .. } => OrderKind::ExpelDiplomats,
            Order::TableProposal { .. } => OrderKind::TableProposal,
            Order::Vote { .. } => OrderKind::Vote,
            Order::Align { .. } => OrderKind::Align,
            Order::Sanctions { .. } => OrderKind::Sanctions,
            Order::Countermeasure { .. } => OrderKind::Countermeasure,
            Order::CovertOperation { .. } => OrderKind::CovertOperation,
            Order::Harden => OrderKind::Harden,
            Order::SecureMissions { .. } => OrderKind::SecureMissions,
            Order::Debunk { .. } => OrderKind::Debunk,
            Order::AskPlatform { .. } => OrderKind::AskPlatform,
            Order::Prebunk { .. } => OrderKind::Prebunk,
            Order::Restrict { .. } => OrderKind::Restrict,
            Order::Reparation { .. } => OrderKind::Reparation,
            Order::CapacityBuilding { .. } => OrderKind::CapacityBuilding,
            Order::ConfidenceBuilding { .. } => OrderKind::ConfidenceBuilding,
            Order::SeverRelations { .. } => OrderKind::SeverRelations,
            Order::RestoreRelations { .. } => OrderKind::RestoreRelations,
            Order::Indict { .. } => OrderKind::Indict,
            Order::SelfDefence { .. } => OrderKind::SelfDefence,
            Order::ReportVulnerability { .. } => OrderKind::ReportVulnerability,
        }
    }

    /// The order in a line: its kind and what it is aimed at (identifiers as given).
    pub fn summary(&self, names: &dyn Names) -> Phrase {
        let actor = |s: &String| names.call(Named::Actor(s));
        let inc = |s: &String| names.call(Named::Incident(s));
        let opt = |s: &Option<String>| s.as_ref().map(|s| names.call(Named::Incident(s)));
        let opt_actor = |s: &Option<String>| s.as_ref().map(|s| names.call(Named::Actor(s)));
        let term = Arg::term;
        let parts: Vec<Arg> = match self {
            Order::Investigate { incident } | Order::Deny { incident } => vec![inc(incident)],
            Order::ShareEvidence {
                evidence,
                with,
                sanitised,
            } => {
                let mut v = vec![names.call(Named::Evidence(evidence)), actor(with)];
                if *sanitised {
                    v.push(term("sanitised copy"));
                }
                v
            }
            Order::RequestAssistance { from, incident }
            | Order::RequestLegalAssistance { from, incident }
            | Order::Preserve { from, incident } => vec![actor(from), inc(incident)],
            Order::ProvideAssistance { to, incident } => vec![actor(to), inc(incident)],
            Order::AnswerLegalAssistance {
                to,
                incident,
                grant,
            } => vec![
                actor(to),
                inc(incident),
                term(if *grant { "grant" } else { "refuse" }),
            ],
            Order::Demarche {
                to,
                incident,
                notice,
            } => [
                Some(actor(to)),
                opt(incident),
                notice.then(|| term("notice of countermeasures and offer to negotiate")),
            ]
            .into_iter()
            .flatten()
            .collect(),
            Order::SummonAmbassador { of, incident } => [Some(actor(of)), opt(incident)]
                .into_iter()
                .flatten()
                .collect(),
            Order::PublicStatement {
                stance,
                incident,
                about,
                reading,
                via,
                language,
                topic,
            } => [
                Some(term((*stance).term())),
                opt(incident),
                opt_actor(about),
                reading.map(|r| term(r.term())),
                Some(term(via.term())),
                language.as_deref().map(super::sphere::language),
                topic.as_ref().map(|t| names.call(Named::Topic(t))),
            ]
            .into_iter()
            .flatten()
            .collect(),
            Order::Attribute {
                incident,
                to,
                claim,
                confidence,
                public,
                joint,
                reading,
                release,
            } => {
                let mut v = vec![
                    inc(incident),
                    actor(to),
                    term((*claim).term()),
                    term((*confidence).term()),
                    term(if *public { "publicly" } else { "privately" }),
                ];
                if *joint {
                    v.push(term("joint"));
                }
                if *release {
                    v.push(term("evidence released"));
                }
                v.extend(reading.map(|r| term(r.term())));
                v
            }
            Order::ExpelDiplomats { of, count } => vec![actor(of), Arg::from(*count)],
            Order::TableProposal {
                institution,
                proposal,
            } => vec![
                names.call(Named::Institution(institution)),
                proposal.describe(names).into(),
            ],
            Order::Align { proposal } => vec![names.call(Named::Proposal(*proposal))],
            Order::Vote { proposal, ballot } => {
                vec![
                    say!(
                        "{0} on {1}",
                        term((*ballot).term()),
                        names.call(Named::Proposal(*proposal))
                    )
                    .into(),
                ]
            }
            Order::Sanctions { target } => vec![
                names
                    .name(Named::Entity(target))
                    .unwrap_or_else(|| actor(target)),
            ],
            Order::Countermeasure {
                against,
                incident,
                intensity,
                reversible,
                reading,
                kind,
                urgent,
            } => {
                let mut v = vec![
                    actor(against),
                    inc(incident),
                    term(kind.term()),
                    Arg::from(*intensity),
                ];
                if *reversible {
                    v.push(term("reversible"));
                }
                if *urgent {
                    v.push(term("urgent"));
                }
                v.extend(reading.map(|r| term(r.term())));
                v
            }
            Order::CovertOperation {
                target,
                kind,
                against_infrastructure,
            } => {
                let mut v = vec![actor(target), term((*kind).term())];
                if *against_infrastructure {
                    v.push(term("against critical infrastructure"));
                }
                v
            }
            Order::Harden => vec![],
            Order::SecureMissions { measure } => vec![term(measure.term())],
            Order::Debunk { incident, release } => {
                let mut v = vec![inc(incident)];
                if *release {
                    v.push(term("releasing the evidence it holds"));
                }
                v
            }
            Order::AskPlatform { incident, act_on } => vec![inc(incident), term(act_on.term())],
            Order::Prebunk { topic } => topic.iter().map(|t| names.call(Named::Topic(t))).collect(),
            Order::Restrict { incident, shutdown } => {
                let mut v = vec![inc(incident)];
                if *shutdown {
                    v.push(term("internet shutdown"));
                }
                v
            }
            Order::Reparation { to, incident } => vec![actor(to), inc(incident)],
            Order::CapacityBuilding { to } => vec![actor(to)],
            Order::ConfidenceBuilding { with, measure } => {
                vec![actor(with), term((*measure).term())]
            }
            Order::SeverRelations {
                with,
                protecting_power,
            } => [
                Some(actor(with)),
                protecting_power
                    .as_ref()
                    .map(|p| say!("protecting power: {0}", actor(p)).into()),
            ]
            .into_iter()
            .flatten()
            .collect(),
            Order::RestoreRelations { with } => vec![actor(with)],
            Order::ReportVulnerability { incident, to } => vec![inc(incident), actor(to)],
            Order::SelfDefence {
                against,
                incident,
                on_behalf_of,
                intensity,
                reading,
            } => {
                let mut v = vec![actor(against), inc(incident), Arg::from(*intensity)];
                if let Some(b) = on_behalf_of {
                    v.push(say!("on behalf of {0}", actor(b)).into());
                }
                v.extend(reading.map(|r| term(r.term())));
                v
            }
            Order::Indict { incident, persons } => vec![
                inc(incident),
                Arg::list(persons.iter().map(|p| names.call(Named::Entity(p)))),
            ],
        };
        let kind = term(self.kind().term());
        if parts.is_empty() {
            say!("{0}", kind)
        } else {
            say!("{0}: {1}", kind, Arg::List(parts))
        }
    }

    /// Whether the order's own resolution is seen by everyone (else by the parties only).
    pub fn is_public(&self) -> bool {
        match self {
            Order::PublicStatement { .. }
            | Order::ExpelDiplomats { .. }
            | Order::Sanctions { .. }
            | Order::Deny { .. }
            | Order::TableProposal { .. }
            | Order::SeverRelations { .. }
            | Order::RestoreRelations { .. }
            | Order::Indict { .. }
            | Order::Align { .. }
            | Order::Debunk { .. }
            | Order::Prebunk { .. }
            | Order::SelfDefence { .. } => true,
            Order::Attribute { public, .. } => *public,
            _ => false,
        }
    }

    /// The actor ids this order names (checked when it is submitted).
    pub fn named_actors(&self) -> Vec<&str> {
        match self {
            Order::ShareEvidence { with, .. } => vec![with],
            Order::RequestAssistance { from, .. }
            | Order::RequestLegalAssistance { from, .. }
            | Order::Preserve { from, .. } => vec![from],
            Order::ProvideAssistance { to, .. }
            | Order::AnswerLegalAssistance { to, .. }
            | Order::Demarche { to, .. }
            | Order::CapacityBuilding { to } => vec![to],
            Order::SummonAmbassador { of, .. } | Order::ExpelDiplomats { of, .. } => vec![of],
            Order::PublicStatement { about, .. } => about.iter().map(|s| s.as_str()).collect(),
            Order::Attribute { to, .. } => vec![to],
            Order::Countermeasure { against, .. } => vec![against],
            Order::CovertOperation { target, .. } => vec![target],
            Order::ConfidenceBuilding { with, .. } | Order::RestoreRelations { with } => vec![with],
            Order::ReportVulnerability { to, .. } | Order::Reparation { to, .. } => vec![to],
            Order::SelfDefence {
                against,
                on_behalf_of,
                ..
            } => std::iter::once(against.as_str())
                .chain(on_behalf_of.as_deref())
                .collect(),
            Order::SeverRelations {
                with,
                protecting_power,
            } => std::iter::once(with.as_str())
                .chain(protecting_power.as_deref())
                .collect(),
            Order::Sanctions { .. }
            | Order::Investigate { .. }
            | Order::Deny { .. }
            | Order::TableProposal { .. }
            | Order::Vote { .. }
            | Order::Align { .. }
            | Order::Indict { .. }
            | Order::Restrict { .. }
            | Order::Harden
            | Order::SecureMissions { .. }
            | Order::Debunk { .. }
            | Order::AskPlatform { .. }
            | Order::Prebunk { .. } => vec![],
        }
    }

    /// The incident this order names, if any.
    pub fn incident(&self) -> Option<&str> {
        match self {
            Order::Investigate { incident }
            | Order::RequestAssistance { incident, .. }
            | Order::ProvideAssistance { incident, .. }
            | Order::RequestLegalAssistance { incident, .. }
            | Order::Preserve { incident, .. }
            | Order::AnswerLegalAssistance { incident, .. }
            | Order::Attribute { incident, .. }
            | Order::Deny { incident }
            | Order::Countermeasure { incident, .. } => Some(incident),
            Order::Demarche { incident, .. }
            | Order::SummonAmbassador { incident, .. }
            | Order::PublicStatement { incident, .. } => incident.as_deref(),
            Order::TableProposal { proposal, .. } => Some(proposal.incident()),
            Order::Indict { incident, .. }
            | Order::ReportVulnerability { incident, .. }
            | Order::Restrict { incident, .. }
            | Order::Debunk { incident, .. }
            | Order::AskPlatform { incident, .. }
            | Order::Reparation { incident, .. }
            | Order::SelfDefence { incident, .. } => Some(incident),
            _ => None,
        }
    }
}

/// Orders each seat's actor submitted for this turn (replaced until the orders phase ends).
#[derive(Resource, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct Submitted {
    pub orders: Vec<(ActorId, Vec<Order>)>,
    pub ready: ActorSet,
    /// Who in a delegation sent its orders, and who declared it ready.
    pub sent_by: Vec<(ActorId, String)>,
    pub ready_by: Vec<(ActorId, String)>,
}

impl Submitted {
    pub fn set(&mut self, actor: ActorId, orders: Vec<Order>, by: Option<&str>) {
        self.sent_by.retain(|(a, _)| *a != actor);
        if let Some(person) = by {
            self.sent_by.push((actor, person.to_string()));
        }
        match self.orders.iter_mut().find(|(a, _)| *a == actor) {
            Some(slot) => slot.1 = orders,
            None => {
                self.orders.push((actor, orders));
                self.orders.sort_by_key(|(a, _)| *a);
            }
        }
    }
    pub fn of(&self, actor: ActorId) -> &[Order] {
        self.orders
            .iter()
            .find(|(a, _)| *a == actor)
            .map(|(_, o)| o.as_slice())
            .unwrap_or(&[])
    }
}

/// The orders that were paid for this turn, in resolution order.
#[derive(Resource, Clone, Debug, Default)]
pub(crate) struct Accepted(pub Vec<(ActorId, Order)>);

impl Accepted {
    /// The accepted orders of one kind.
    pub fn of(&self, kind: OrderKind) -> Vec<(ActorId, Order)> {
        self.0
            .iter()
            .filter(|(_, o)| o.kind() == kind)
            .cloned()
            .collect()
    }
}

/// Orders used by each actor so far (for conditions and balance statistics).
#[derive(Resource, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct OrdersUsed(pub Vec<(ActorId, OrderKind)>);

/// First step of resolution: pay for each order in the order submitted; what the budget
/// cannot cover is refused with the reason.
/// Records an order refused before it could be paid for (seen by its sender only).
fn refuse(
    rec: &mut Recorder,
    actors: &Actors,
    actor: ActorId,
    order: &Order,
    why: Unmet,
    short: Phrase,
) {
    let story = say!(
        "{0} could not carry out the order “{1}”: {2}",
        actors.catalog.named(actor),
        Arg::term(order.kind().term()),
        short
    );
    rec.order(
        actor,
        order,
        Resolution::refused(why, Visibility::Actors(ActorSet::one(actor))),
        story,
    );
}

pub(crate) fn pay_for_orders(
    mut submitted: ResMut<Submitted>,
    mut accepted: ResMut<Accepted>,
    mut used: ResMut<OrdersUsed>,
    mut actors: Actors,
    mut rec: Recorder,
    incidents: Res<IncidentIndex>,
) {
    accepted.0.clear();
    let all = std::mem::take(&mut submitted.orders);
    submitted.ready = ActorSet::default();
    submitted.sent_by.clear();
    submitted.ready_by.clear();
    for (actor, orders) in all {
        for order in orders {
            let Some((capital, capacity)) = actors.catalog.order_cost(actor, &order) else {
                refuse(
                    &mut rec,
                    &actors,
                    actor,
                    &order,
                    Unmet::NotAvailable,
                    say!("not available"),
                );
                continue;
            };
            if order.incident().is_some_and(|i| incidents.get(i).is_none()) {
                refuse(
                    &mut rec,
                    &actors,
                    actor,
                    &order,
                    Unmet::NoSuchIncident,
                    say!("unknown incident"),
                );
                continue;
            }
            if !actors.pay(actor, capital, capacity) {
                let v = actors.vars(actor);
                rec.order(
                    actor,
                    &order,
                    Resolution::refused(
                        Unmet::Budget {
                            capital,
                            capacity,
                            capital_left: v.diplomatic_capital,
                            capacity_left: v.technical_capacity,
                        },
                        Visibility::Actors(ActorSet::one(actor)),
                    ),
                    say!(
                        "{0} could not afford the order “{1}”",
                        actors.catalog.named(actor),
                        Arg::term(order.kind().term())
                    ),
                );
                continue;
            }
            if !used.0.contains(&(actor, order.kind())) {
                used.0.push((actor, order.kind()));
            }
            accepted.0.push((actor, order));
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    super::state::<Submitted>(app);
    super::scratch::<Accepted>(app);
    super::state::<OrdersUsed>(app);
    app.add_systems(
        super::Resolve,
        pay_for_orders.in_set(super::ResolveStep::Pay),
    );
}
